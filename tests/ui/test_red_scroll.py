"""The Red seat's Shipments tab lists every path in a scrolling list: a trafficker with more
paths than the panel has room for can still set each one (before, the rows that did not fit
were left out behind "More paths: enlarge the window")."""

from __future__ import annotations

import pygame
import pygame_gui
from conftest import click, find_button, seat_alone

RED = "sinaloa"  # ten paths on caribbean; the last is usable and the AI's draft ships on it


def open_red_seat(app):
    s = seat_alone(app, "caribbean", RED)
    assert app.scene.name == "red_turn" and app.scene.tab == "ship"
    return s


def sliders_in_order(scene):
    return sorted(scene.flow_sliders, key=lambda sl: sl.relative_rect.y)


def inside(rect, view) -> bool:
    return view.top <= rect.top and rect.bottom <= view.bottom


def wheel_down_until(app, view_rect, done, limit: int = 40) -> None:
    """Turn the mouse wheel over the list (the pointer really there: pygame_gui asks pygame
    where the mouse is) until `done()`."""
    pos = view_rect.center
    pygame.mouse.set_pos(pos)
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])
    app.step()
    for _ in range(limit):
        if done():
            return
        app.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False,
                                     precise_x=0.0, precise_y=-1.0)])
        for _ in range(10):
            app.step()
    assert done(), "the mouse wheel did not scroll the list far enough"


def test_every_path_has_a_row_at_1280x800(app):
    s = open_red_seat(app)
    scene = app.scene
    paths = s.red_paths(RED)
    assert len(paths) >= 10
    # one slider per path, none left out (the old layout stopped at the ninth)
    assert len(scene.flow_sliders) == len(paths)
    assert set(scene.flow_sliders.values()) == {k for k, _n, _u in paths}
    rows = scene.ship_list.get_container()
    for sl in scene.flow_sliders:
        assert sl.ui_container is rows
        assert sl.relative_rect.bottom <= rows.relative_rect.h  # inside the scrolling area
    texts = [str(el.text) for el in app.ui.get_sprite_group().sprites()
             if isinstance(el, pygame_gui.elements.UILabel)]
    assert not any("enlarge the window" in t for t in texts)
    # a dormant path's row keeps its dim label, its note and a disabled slider
    dormant = {k for k, _n, u in paths if not u}
    for sl, key in scene.flow_sliders.items():
        assert sl.is_enabled == (key not in dormant)
        if key in dormant:
            assert str(scene.flow_labels[key].text).endswith("(dormant)")
    assert not app.internal_errors


def test_the_list_scrolls_and_the_last_path_reaches_the_orders(app):
    s = open_red_seat(app)
    app.resize((960, 600))  # the smallest window: the rows are taller than the list
    scene = app.scene
    view = scene.ship_list.rect.copy()
    rows = scene.ship_list.get_container()
    assert rows.rect.h > view.h
    assert scene.ship_list.vert_scroll_bar_active
    last = sliders_in_order(scene)[-1]
    key = scene.flow_sliders[last]
    tons = scene.flow_labels[key + "#t"]
    # the scroll bar takes its width from the rows: it covers neither sliders nor tons
    bar = scene.ship_list.vert_scroll_bar.rect
    assert last.rect.right < bar.left and tons.rect.right <= bar.left
    assert not inside(last.rect, view)
    fixed = [scene.ship_title.rect.copy(), find_button(app, "End turn").rect.copy(),
             find_button(app, "Undo").rect.copy()]
    wheel_down_until(app, view, lambda: inside(last.rect, view))
    assert rows.rect.y < view.y  # the rows moved up under the list's top...
    assert [scene.ship_title.rect, find_button(app, "End turn").rect,
            find_button(app, "Undo").rect] == fixed  # ...and the rest of the panel did not
    before = s.draft(RED).flows[key]
    assert before > 0 and s.red_available(RED) > before + 0.5
    click(app, last.right_button)
    after = s.draft(RED).flows[key]
    assert abs(after - (before + 0.5)) < 1e-6
    assert str(tons.text) == f"{after:.1f} t"
    assert abs(s.draft(RED).to_orders().flows[key] - after) < 0.011
    assert s.validate(RED) == []
    click(app, find_button(app, "End turn"))
    assert app.scene.name == "resolution"
    assert abs(s.game.history[-1].orders.red[RED].flows[key] - after) < 0.011
    assert not app.internal_errors


def test_undo_keeps_the_list_where_it_was(app):
    s = open_red_seat(app)
    app.resize((960, 600))
    scene = app.scene
    view = scene.ship_list.rect.copy()
    last = sliders_in_order(scene)[-1]
    key = scene.flow_sliders[last]
    before = s.draft(RED).flows[key]
    wheel_down_until(app, view, lambda: inside(last.rect, view))
    click(app, last.right_button)
    click(app, find_button(app, "Undo"))  # rebuilds the scene's widgets
    assert abs(s.draft(RED).flows[key] - before) < 1e-6
    last = sliders_in_order(app.scene)[-1]  # the new row, in the same place on screen
    assert app.scene.flow_sliders[last] == key
    assert inside(last.rect, app.scene.ship_list.rect)
    assert abs(last.get_current_value() - before) < 1e-6
    # the scroll bar agrees with the rows: the wheel carries on from here, no jump to the top
    lst = app.scene.ship_list
    rows = lst.get_container()
    top = -rows.relative_rect.y
    assert top > 0
    assert abs(lst.vert_scroll_bar.start_percentage * rows.rect.h - top) <= 2
    for _ in range(10):
        app.step()
    assert -rows.relative_rect.y == top
    assert not app.internal_errors
