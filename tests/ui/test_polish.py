"""Finishing touches: widget fonts that grow with the window, no pygame banner on
`interdict play`, a multi-line rationale box that takes typing, and injects for chosen seats."""

from __future__ import annotations

import subprocess
import sys

import pygame
import pygame_gui
from conftest import ROOT

from game.ui.scenes.title import TitleScene


def _label_sizes(app) -> dict[str, int]:
    return {str(e.text): e.font.get_point_size() for e in app.ui.get_sprite_group().sprites()
            if isinstance(e, pygame_gui.elements.UILabel) and e.alive()}


def test_widget_fonts_grow_with_the_window_and_labels_are_not_clipped(app):
    app.switch(TitleScene(app))
    app.step()
    small = _label_sizes(app)
    assert small["Scenarios"] == 16  # @subheading at 1280x800: the theme's own size
    app.step([pygame.event.Event(pygame.VIDEORESIZE, size=(1920, 1080), w=1920, h=1080)])
    big = _label_sizes(app)
    assert big["Scenarios"] == round(16 * 1.2)
    assert all(big[k] > small[k] for k in small if k in big)
    for e in app.ui.get_sprite_group().sprites():  # every label's box fits its text's height
        if isinstance(e, pygame_gui.elements.UILabel) and e.alive() and e.text:
            assert e.rect.h >= e.font.size(str(e.text))[1], e.text
    app.step([pygame.event.Event(pygame.VIDEORESIZE, size=(1280, 800), w=1280, h=800)])
    assert _label_sizes(app)["Scenarios"] == 16
    assert not app.internal_errors


def test_play_prints_no_pygame_banner(tmp_path):
    env = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path)}
    r = subprocess.run([sys.executable, "-c", "import game.ui.app; print('ready')"], cwd=ROOT,
                       env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "ready\n"  # no "pygame-ce 2.5.8 (SDL ...)" line before it


def _why_tab(app):
    from conftest import click, find_button, into_turn

    into_turn(app)
    click(app, find_button(app, "Why"))
    return app.scene


def test_rationale_box_takes_several_lines_and_replaces_a_selection(app):
    from conftest import click, key, type_text

    from game.ui.textarea import TextArea

    scene = _why_tab(app)
    s, side = app.session, scene.side
    assert isinstance(scene.why, TextArea)
    click(app, scene.why)
    type_text(app, "Patrol the lane.")
    key(app, pygame.K_RETURN)
    type_text(app, "Hold back <full> intel & wait")
    assert s.draft(side).rationale == "Patrol the lane.\nHold back full intel  wait"
    # a selection replaced by typing: the edit pygame_gui 0.6.14 gets wrong (issues 705, 717)
    scene.why.select_range = [17, 26]  # "Hold back"
    type_text(app, "Keep")
    assert s.draft(side).rationale == "Patrol the lane.\nKeep full intel  wait"
    scene.why.select_range = [0, 17]
    key(app, pygame.K_BACKSPACE)
    assert s.draft(side).rationale == "Keep full intel  wait"
    assert scene.why.failures == 0
    assert "21 / 500" in str(scene.why_count.text)
    # the text survives a rebuild (tab change) and Undo takes back the typing as one step
    app.step([pygame.event.Event(pygame.VIDEORESIZE, size=(1440, 900), w=1440, h=900)])
    assert app.scene.why.get_text() == "Keep full intel  wait"
    assert not app.internal_errors


def test_rationale_box_survives_random_clicks_drags_keys_and_typing(app):
    import numpy as np
    from conftest import LONG, click_at, key, type_text

    scene = _why_tab(app)
    s, side = app.session, scene.side
    box = scene.why.rect
    rng = np.random.default_rng(5)

    def inside():
        return (int(rng.integers(box.left - 5, box.right + 5)),
                int(rng.integers(box.top - 5, box.bottom + 5)))
    keys = (pygame.K_RETURN, pygame.K_BACKSPACE, pygame.K_DELETE, pygame.K_LEFT,
            pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_HOME, pygame.K_END)
    for _ in range(2000 if LONG else 150):
        r = rng.random()
        if r < 0.15:
            click_at(app, inside())
        elif r < 0.3:  # a drag: selects text
            a, b = inside(), inside()
            app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=a, button=1)])
            app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=b, rel=(0, 0),
                                         buttons=(1, 0, 0))])
            app.step([pygame.event.Event(pygame.MOUSEBUTTONUP, pos=b, button=1)])
        elif r < 0.8:
            type_text(app, "".join(rng.choice(list("ab cdé<&"), 4)))
        else:
            key(app, keys[int(rng.integers(len(keys)))])
        assert app.scene.name == "turn"
    assert not app.internal_errors
    text = app.scene.why.get_text()
    assert s.draft(side).rationale == text and len(text) <= 500
    assert not set(text) & set("<>&")


def test_white_cell_inject_goes_to_the_seats_chosen(app):
    from conftest import click, find_button, type_text

    from game.ui.scenes.instructor import InstructorScene
    from game.ui.scenes.turn import TurnScene

    scene = _why_tab(app)
    s = app.session
    side = scene.side
    sc = s.scenario
    seats = list(sc.nations) + list(sc.traffickers)
    a, b = seats[0], seats[-1]
    app.instructor = True
    app.switch(InstructorScene(app, lambda: TurnScene(app, side)))
    app.step()
    f = app.scene.form
    click(app, find_button(app, s.side_name(a)))  # items of the seats list
    click(app, find_button(app, s.side_name(b)))
    assert app.scene.chosen_seats == [s.side_name(a), s.side_name(b)]
    for key_, text in (("reason", "drill"), ("title", "Tip-off"), ("text", "A boat tonight.")):
        click(app, f[key_])
        type_text(app, text)
    click(app, find_button(app, "Send"))
    act = app.session.game.pending_instructor[-1]
    assert act.kind == "inject" and act.audience == (a, b) and act.title == "Tip-off"
    # the choice is kept after the panel is rebuilt; unchoosing all means everyone
    assert app.scene.chosen_seats == [s.side_name(a), s.side_name(b)]
    click(app, find_button(app, s.side_name(a)))
    click(app, find_button(app, s.side_name(b)))
    assert app.scene.audience() == ()
    assert not app.internal_errors


def test_long_names_are_shortened_to_their_width(app):
    path = "Gao (Sahel) > Tumaco > Tripolitanian coast > Gioia Tauro > Pecém / Fortaleza"
    assert app.fit(path, 2000) == path
    mid = app.fit(path, 300)
    assert mid.startswith("Gao (Sahel) > ") and mid.endswith(" > Pecém / Fortaleza")
    assert "…" in mid and app.theme_font().size(mid)[0] <= 290
    short = app.fit("Kingdom of the Netherlands", 120)
    assert short.endswith("…") and app.theme_font().size(short)[0] <= 110


def test_the_news_ticker_leads_with_the_latest_month():
    from game.ui.scenes.turn import newest_first

    news = ["Month 1: Hurricane", "Month 1: 4.0 t seized", "Month 2: no seizures reported",
            "Month 3: 2.5 t seized", "Month 3: leak"]
    assert newest_first(news) == ["Month 3: 2.5 t seized", "Month 3: leak",
                                  "Month 2: no seizures reported", "Month 1: Hurricane",
                                  "Month 1: 4.0 t seized"]
    assert newest_first([]) == []


def test_a_window_size_out_of_range_names_both_limits():
    import pytest

    from game.core.errors import InterdictError
    from game.ui.app import parse_size

    for text in ("99999x99999", "800x600"):
        with pytest.raises(InterdictError) as info:
            parse_size(text)
        assert str(info.value) == (f"--size {text}: the window must be at least 960x600 and "
                                   "at most 8192x8192")
    assert parse_size("1920x1080") == (1920, 1080)
