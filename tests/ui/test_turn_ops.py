"""The Blue seat's Operations tab lists every asset type for the selected route in a scrolling
list under fixed column headings: in a small window each one can still be deployed (before, the
rows that did not fit were left out without a word); an access request comes above them."""

from __future__ import annotations

import pytest
from conftest import click, find_button
from test_overflow_intel import open_intel
from test_red_scroll import inside, wheel_down_until

SIDE = "spain"  # six asset types on mediterranean; its neighbours grant access by consent


def open_ops(app, size, route=None):
    s = open_intel(app, "mediterranean", SIDE)
    click(app, find_button(app, "Operations"))
    app.resize(size)
    sc = s.scenario
    last = [a for a, n in s.owned_assets(SIDE).items() if n > 0 and a in sc.asset_types][-1]
    if route is None:  # a route where the last asset type may be deployed
        route = next(r for r in sc.routes if not s.deploy_reasons(SIDE, r, last))
    app.scene.select_route(route)
    app.step()
    return s, route, last


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (960, 600)])
def test_every_asset_type_can_be_deployed(app, size):
    s, route, last = open_ops(app, size)
    scene = app.scene
    sc = s.scenario
    owned = [a for a, n in s.owned_assets(SIDE).items() if n > 0 and a in sc.asset_types]
    assert len(owned) == 6
    assert list(scene.asset_buttons) == owned  # a row for each, none left out
    rows = scene.asset_list.get_container()
    for minus, plus in scene.asset_buttons.values():
        assert minus.ui_container is rows and plus.ui_container is rows
        assert plus.relative_rect.bottom <= rows.relative_rect.h
    view = scene.asset_list.rect.copy()
    assert view.bottom <= scene.status.rect.top  # the list stops above the status line
    plus = scene.asset_buttons[last][1]
    if size == (960, 600):  # room for three rows or so: the list scrolls
        assert scene.asset_list.vert_scroll_bar_active
        assert not inside(plus.rect, view)
    wheel_down_until(app, view, lambda: inside(plus.rect, view))
    # the scroll bar takes its width from the rows: it covers no button
    if scene.asset_list.vert_scroll_bar_active:
        assert plus.rect.right <= scene.asset_list.vert_scroll_bar.rect.left
    before = s.draft(SIDE).deploy.get(route, {}).get(last, 0)
    click(app, plus)
    assert s.draft(SIDE).deploy[route][last] == before + 1
    assert s.draft(SIDE).to_orders().deploy[route][last] == before + 1
    # the rebuild keeps the list where it was: the row is still in view, showing the count
    plus = app.scene.asset_buttons[last][1]
    assert inside(plus.rect, app.scene.asset_list.rect)
    assert not app.internal_errors


def test_the_access_request_comes_first_and_the_assets_scroll_under_it(app):
    """At 960x600 the request used to sit below the assets, out of view until the list was
    scrolled, while every "+" above it was blocked for want of that access."""
    probe = open_intel(app, "mediterranean", SIDE)
    sc = probe.scenario
    route = next(r for r, x in sc.routes.items() if x.jurisdiction in sc.nations
                 and x.jurisdiction != SIDE and probe.sovereignty(x.jurisdiction) == "consent")
    host = sc.routes[route].jurisdiction
    s, _route, last = open_ops(app, (960, 600), route)
    scene = app.scene
    view = scene.asset_list.rect.copy()
    btn = scene.access_button
    assert str(btn.text) == f"Request access from {s.side_name(host)}"
    assert inside(btn.rect, view)
    assert all(inside(lab.rect, view) for lab in scene.access_note)
    assert all(btn.rect.bottom <= lab.rect.top for lab in scene.access_note)
    plus = scene.asset_buttons[last][1]
    assert scene.access_note[-1].rect.bottom <= plus.rect.top and not inside(plus.rect, view)
    assert "@blocked" in plus.object_ids
    click(app, btn)
    assert (SIDE, host) in s.access_requests
    assert str(app.scene.access_button.text) == f"Access requested from {s.side_name(host)}"
    plus = app.scene.asset_buttons[last][1]
    wheel_down_until(app, view, lambda: inside(plus.rect, view))  # the assets are reachable
    assert not app.internal_errors


def test_another_route_opens_its_asset_list_at_the_top(app):
    s, route, last = open_ops(app, (960, 600))
    view = app.scene.asset_list.rect.copy()
    plus = app.scene.asset_buttons[last][1]
    wheel_down_until(app, view, lambda: inside(plus.rect, view))
    assert app.scene.asset_list.get_container().relative_rect.y < 0  # scrolled down
    other = next(r for r in s.scenario.routes if r != route
                 and not s.deploy_reasons(SIDE, r, last))
    app.scene.select_route(other)
    app.step()
    assert app.scene.asset_list.get_container().relative_rect.y == 0
    first = next(iter(app.scene.asset_buttons.values()))[1]
    assert inside(first.rect, app.scene.asset_list.rect)
    assert not app.internal_errors


def test_a_scrolling_asset_list_shows_whole_rows(app):
    """At 960x600 the fourth row showed half its buttons above the status box."""
    _s, _route, _last = open_ops(app, (960, 600))
    scene = app.scene
    view = scene.asset_list.rect
    assert scene.asset_list.vert_scroll_bar_active
    for minus, plus in scene.asset_buttons.values():
        for button in (minus, plus):
            r = button.rect
            assert r.bottom <= view.bottom or r.top >= view.bottom, (r, view)
    shown = [a for a, (_m, p) in scene.asset_buttons.items() if inside(p.rect, view)]
    assert len(shown) == 3
