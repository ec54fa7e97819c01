"""The seats screen lists the sides in lists that scroll: at 960x600 with caribbean (twelve
nations, three traffickers) every row can be reached and nothing overlaps (before, the Jamaica
row lay under "< Back", "12 human seat(s)" over its menu, and the Netherlands row was cut at the
window's bottom)."""

from __future__ import annotations

import itertools

import pygame
import pytest
from conftest import SCENARIOS, click, click_at, find_button
from test_red_scroll import inside, wheel_down_until

from game.scenario import load_scenario


def open_seats(app, scenario: str, size: tuple[int, int]):
    from game.ui.scenes.title import TitleScene

    app.resize(size)
    app.switch(TitleScene(app, preselect=str(SCENARIOS / f"{scenario}.yaml")))
    app.step()
    click(app, find_button(app, "Set up seats"))
    assert app.scene.name == "seats"
    app.step()
    return app.scene


def menu_of(scene, side: str):
    return next(m for m, s in scene.menus.items() if s == side)


@pytest.mark.parametrize("size", [(960, 600), (1280, 800), (1920, 1080)])
def test_every_seat_row_can_be_reached_and_nothing_overlaps(app, size):
    scene = open_seats(app, "caribbean", size)
    sc = scene.scenario
    back = find_button(app, "<  Back").rect
    start = find_button(app, "Read the briefing").rect
    fixed = [back, start, scene.summary.rect, scene.nation_list.rect,
             scene.trafficker_list.rect, scene.seed_entry.rect, scene.rationale_box.rect]
    for a, b in itertools.combinations(fixed, 2):
        assert not a.colliderect(b), (a, b)
    w, h = size
    assert all(pygame.Rect(0, 0, w, h).contains(r) for r in fixed)
    assert scene.summary.rect.left >= back.right and scene.summary.rect.right <= start.left
    assert [s for s, _r in scene.rows] == [*sc.nations, *sc.traffickers]
    for side in [*sc.nations, *sc.traffickers]:  # in order: the wheel only scrolls down
        view = (scene.nation_list if side in sc.nations else scene.trafficker_list).rect
        menu = menu_of(scene, side)
        swatch = scene.swatches[side].rect
        wheel_down_until(app, view, lambda m=menu, r=swatch, v=view: inside(m.rect, v)
                         and inside(r, v))
        assert view.contains(menu.rect) and view.bottom < back.top
    # 960x600 has room for ten of the twelve nations: the list scrolls there, and only there
    assert scene.nation_list.vert_scroll_bar_active == (size == (960, 600))
    assert not app.internal_errors


def test_the_last_nation_is_set_from_its_menu_at_960x600(app):
    """The menu of the list's last row opens upwards, inside the list (a menu opening down
    past the list's edge would be cut off there), and choosing in it sets the seat."""
    scene = open_seats(app, "caribbean", (960, 600))
    view = scene.nation_list.rect
    menu = menu_of(scene, "netherlands")
    wheel_down_until(app, view, lambda: inside(menu.rect, view))
    pygame.mouse.set_pos(menu.rect.center)
    click_at(app, menu.rect.center)
    options = menu.current_state.options_selection_list
    assert options.rect.bottom <= menu.rect.top + 4 and view.contains(options.rect)
    item = next(it for it in options.item_list if it["text"] == "AI: baseline")
    pos = item["button_element"].rect.center
    pygame.mouse.set_pos(pos)
    click_at(app, pos)
    for _ in range(3):  # the menu posts its change a frame after the list's selection
        app.step()
    assert scene.plan.seats["netherlands"] == "ai:baseline"
    assert str(scene.summary.text) == \
        "11 human seats: United States, Colombia, Ecuador, Venezuela, Panama,…"
    click(app, find_button(app, "Read the briefing"))
    assert app.session.plan.seats["netherlands"] == "ai:baseline"
    assert not app.internal_errors


def test_the_summary_names_the_human_seats(app):
    scene = open_seats(app, "tutorial", (1280, 800))
    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    (a, first), (b, second) = ((n, x.name) for n, x in sc.nations.items())
    assert str(scene.summary.text) == f"2 human seats: {first}, {second}"
    scene.set_seat(a, "ai:baseline")
    assert str(app.scene.summary.text) == f"1 human seat: {second}"
    scene.set_seat(b, "ai:passive")
    assert str(app.scene.summary.text) == \
        "No human seats: the AI plays every side (a demonstration game)"
    assert not app.internal_errors
