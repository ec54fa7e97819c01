"""The Blue seat's Intel tab lists every partner in a scrolling list: a nation with more
partners than the panel has room for can still set each one's sharing (before, the rows that
did not fit were left out behind "+N more partners (enlarge the window)"), and every
partner's whole name is shown, wrapped if its column is too narrow (before, "Kingdom of the
Netherl…" at 1280x800)."""

from __future__ import annotations

from itertools import pairwise

import pygame_gui
from conftest import click, find_button, seat_alone
from test_red_scroll import inside, wheel_down_until

from game.ui.scenes.turn import wrap_words


def open_intel(app, scenario: str, nation: str):
    """`nation` is the only human seat; its Intel tab is open."""
    s = seat_alone(app, scenario, nation)
    click(app, find_button(app, "Intel"))
    assert app.scene.tab == "intel"
    return s


def label_texts(app) -> list[str]:
    return [str(el.text) for el in app.ui.get_sprite_group().sprites()
            if isinstance(el, pygame_gui.elements.UILabel) and el.alive()]


def test_every_partner_can_be_set_from_the_scrolling_list(app):
    s = open_intel(app, "mediterranean", "spain")  # twelve partners: one more than fits
    scene = app.scene
    partners = s.partners("spain")
    assert len(partners) == 12
    assert list(scene.share_buttons) == partners
    rows = scene.share_list.get_container()
    for p in partners:
        assert set(scene.share_buttons[p]) == {"none", "partial", "full"}
        for b in scene.share_buttons[p].values():
            assert b.ui_container is rows and b.relative_rect.bottom <= rows.relative_rect.h
    assert not any("more partners" in t or "enlarge the window" in t for t in label_texts(app))
    view = scene.share_list.rect.copy()
    assert scene.share_list.vert_scroll_bar_active
    last = partners[-1]
    assert s.draft("spain").sharing[last] != "full"
    full = scene.share_buttons[last]["full"]
    assert not inside(full.rect, view)  # below the panel until the list scrolls
    bar = scene.share_list.vert_scroll_bar.rect
    assert full.rect.right <= bar.left  # the scroll bar covers no button
    end = find_button(app, "End turn").rect.copy()
    wheel_down_until(app, view, lambda: inside(full.rect, view))
    assert find_button(app, "End turn").rect == end  # only the list moved
    click(app, full)
    assert s.draft("spain").sharing[last] == "full"
    assert full.is_selected and not scene.share_buttons[last]["none"].is_selected
    click(app, find_button(app, "End turn"))
    assert app.scene.name == "resolution"
    assert s.game.history[-1].orders.blue["spain"].sharing[last] == "full"
    assert not app.internal_errors


def test_undo_keeps_the_partner_list_where_it_was(app):
    s = open_intel(app, "caribbean", "usa")
    app.resize((960, 600))  # the smallest window: eleven partners, room for about seven
    scene = app.scene
    last = s.partners("usa")[-1]
    view = scene.share_list.rect.copy()
    full = scene.share_buttons[last]["full"]
    wheel_down_until(app, view, lambda: inside(full.rect, view))
    click(app, full)
    assert s.draft("usa").sharing[last] == "full"
    click(app, find_button(app, "Undo"))  # rebuilds the scene's widgets
    assert s.draft("usa").sharing[last] != "full"
    again = app.scene.share_buttons[last]["full"]
    assert again is not full and inside(again.rect, app.scene.share_list.rect)
    assert not again.is_selected
    assert not app.internal_errors


def test_whole_partner_names_at_1280x800_and_1920x1080(app):
    s = open_intel(app, "caribbean", "usa")
    for size in ((1280, 800), (1920, 1080)):
        if app.size != size:
            app.resize(size)
        scene = app.scene
        allied = set(s.allied_partners("usa"))
        font = app.theme_font()
        tops = []
        for p in s.partners("usa"):
            want = s.side_name(p) + ("" if p in allied else " (no ally)")
            lines = scene.share_names[p]
            assert " ".join(str(lab.text) for lab in lines) == want, size
            for lab in lines:  # every line whole, beside the buttons, not under them
                assert "…" not in str(lab.text)
                assert font.size(str(lab.text))[0] <= lab.rect.w
                assert lab.rect.right <= scene.share_buttons[p]["none"].rect.left
            tops.append((lines[0].relative_rect.top, lines[-1].relative_rect.bottom))
        for (_t, bottom), (top, _b) in pairwise(tops):
            assert bottom <= top  # rows do not overlap
    netherlands = app.scene.share_names["netherlands"]
    assert len(netherlands) == 1  # at 1920x1080 the long name has room on one line
    assert not app.internal_errors


def test_wrap_words():
    class Font:  # ten pixels a character
        def size(self, text):
            return (10 * len(text), 10)

    assert wrap_words(Font(), "Kingdom of the Netherlands", 150) == [
        "Kingdom of the", "Netherlands"]
    assert wrap_words(Font(), "Kingdom of the Netherlands", 300) == [
        "Kingdom of the Netherlands"]
    # at most two lines: the second takes the rest (for the label to shorten)
    assert wrap_words(Font(), "a bb ccc dddd", 40) == ["a bb", "ccc dddd"]
    assert wrap_words(Font(), "Supercalifragilistic", 50) == ["Supercalifragilistic"]
    assert wrap_words(Font(), "", 50) == [""]
