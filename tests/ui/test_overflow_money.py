"""The Red seat's Money tab lists every choice in a scrolling list: a bribe slider for each
nation on the trafficker's paths (before, only the first five) and a box for each dormant
route it may open (before, the boxes that did not fit were left out without a word)."""

from __future__ import annotations

import pygame_gui
from conftest import click, find_button, seat_alone
from test_red_scroll import inside, wheel_down_until


def open_money(app, scenario: str, red: str):
    """`red` is the only human seat; its Money tab is open."""
    s = seat_alone(app, scenario, red)
    click(app, find_button(app, "Money"))
    assert app.scene.tab == "money"
    return s


def on_paths(s, red: str) -> list[str]:
    """The nations whose routes the trafficker's paths cross, in scenario order."""
    sc = s.scenario
    routes = {r for key, _n, _u in s.red_paths(red) for r in key.split(">")}
    return [n for n in sc.nations if any(sc.routes[r].jurisdiction == n for r in routes)]


def test_a_bribe_slider_for_every_nation_on_the_paths(app):
    s = open_money(app, "southeast_asia", "shan_militias")
    scene = app.scene
    nations = on_paths(s, "shan_militias")
    assert len(nations) == 7  # the old tab stopped at five
    assert list(scene.bribe_sliders.values()) == nations
    rows = scene.money_list.get_container()
    for sl, nid in scene.bribe_sliders.items():
        assert sl.ui_container is rows and sl.relative_rect.bottom <= rows.relative_rect.h
        assert str(scene.bribe_labels[nid].text) == f"{s.side_name(nid)}: 0"
    last_sl = max(scene.bribe_sliders, key=lambda sl: sl.relative_rect.y)
    last = scene.bribe_sliders[last_sl]
    assert last == nations[-1]
    wheel_down_until(app, scene.money_list.rect, lambda: inside(last_sl.rect,
                                                                scene.money_list.rect))
    click(app, last_sl.right_button)
    assert s.draft("shan_militias").bribes[last] == 1.0
    assert str(scene.bribe_labels[last].text) == f"{s.side_name(last)}: 1"
    assert s.draft("shan_militias").to_orders().bribes[last] == 1.0
    assert not app.internal_errors


def test_every_dormant_route_can_be_opened_in_a_small_window(app):
    s = open_money(app, "southeast_asia", "sez_networks")
    app.resize((960, 600))  # the smallest window: the choices are taller than the list
    scene = app.scene
    sc = s.scenario
    routes = {r for key, _n, _u in s.red_paths("sez_networks") for r in key.split(">")}
    dormant = [r for r in sc.routes if r in s.dormant_routes("observer") and r in routes]
    assert len(dormant) == 4
    assert list(scene.open_boxes.values()) == dormant
    assert len(scene.bribe_sliders) == len(on_paths(s, "sez_networks")) == 7
    view = scene.money_list.rect.copy()
    assert scene.money_list.vert_scroll_bar_active
    box = max(scene.open_boxes, key=lambda b: b.relative_rect.y)
    rid = scene.open_boxes[box]
    assert not inside(box.rect, view)
    bar = scene.money_list.vert_scroll_bar.rect
    texts = [str(el.text) for el in app.ui.get_sprite_group().sprites()
             if isinstance(el, pygame_gui.elements.UILabel) and el.alive()
             and el.ui_container is scene.money_list.get_container()]
    assert "Open dormant routes" in texts
    for sl in scene.bribe_sliders:
        assert sl.rect.right <= bar.left  # the scroll bar covers no slider
    wheel_down_until(app, view, lambda: inside(box.rect, view))
    click(app, box)
    assert rid in s.draft("sez_networks").open_routes
    assert s.validate("sez_networks") == []
    click(app, find_button(app, "End turn"))
    assert app.scene.name == "resolution"
    assert rid in s.game.history[-1].orders.red["sez_networks"].open_routes
    assert not app.internal_errors


def test_a_long_bribe_name_keeps_its_amount(app):
    s = open_money(app, "caribbean", "caribbean_networks")
    scene = app.scene
    nid = next(iter(scene.bribe_labels))
    lab = scene.bribe_labels[nid]
    long = "The Most Serene Republic of " + s.side_name(nid)  # as a scenario might name it
    s.side_name = lambda n, _f=s.side_name: long if n == nid else _f(n)
    scene.update_bribe_labels()
    text = str(lab.text)
    assert text.endswith("…: 0") and text.startswith("The Most")
    assert app.theme_font().size(text)[0] <= lab.relative_rect.w
    assert not app.internal_errors
