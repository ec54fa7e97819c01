"""Drive the real UI with pygame events through a whole hot-seat turn with two human seats,
then check the orders the engine received and the state it produced."""

from __future__ import annotations

import pygame
from conftest import SCENARIOS, click, click_at, find_button, key, type_text

from game.ui.scenes.title import TitleScene


def _to_first_turn(app):
    app.switch(TitleScene(app, preselect=str(SCENARIOS / "tutorial.yaml")))
    app.step()
    click(app, find_button(app, "Set up seats"))
    assert app.scene.name == "seats"
    click(app, find_button(app, "Read the briefing"))
    assert app.scene.name == "briefing"
    click(app, find_button(app, "Begin"))
    assert app.scene.name == "handover"


def test_two_seat_hot_seat_turn_by_clicks(app):
    _to_first_turn(app)
    s = app.session
    sc = s.scenario
    first, second = s.human_seats()[:2]
    assert app.scene.side == first
    click(app, app.scene.ready)
    assert app.scene.name == "turn" and app.scene.side == first

    # Funding: five clicks on the intelligence slider's right arrow
    budget = s.budget(first)
    before = s.draft(first).funding["intelligence"]
    slider = next(sl for sl, k in app.scene.sliders.items() if k == "intelligence")
    for _ in range(5):
        click(app, slider.right_button)
    after = s.draft(first).funding
    assert after["intelligence"] == before + 5
    assert abs(sum(after.values()) - budget) < 1e-6  # the sliders always sum to the budget

    # Intelligence: share fully with the partner
    click(app, find_button(app, "Intel"))
    click(app, app.scene.share_buttons[second]["full"])
    assert s.draft(first).sharing[second] == "full"

    # Operations: click an international maritime route on the map, add a patrol ship
    click(app, find_button(app, "Operations"))
    rid = next(r for r, x in sc.routes.items()
               if x.jurisdiction == "international" and x.mode == "maritime" and not x.dormant)
    mv = app.scene.map
    pos = next(p for p in (mv.point_along(rid, t / 20) for t in range(6, 15))
               if mv.hit((round(p[0]), round(p[1]))) == ("route", rid))
    click_at(app, (round(pos[0]), round(pos[1])))
    assert app.scene.route == rid
    _minus, plus = app.scene.asset_buttons["patrol_ship"]
    assert plus.is_enabled
    click(app, plus)
    assert s.draft(first).deploy == {rid: {"patrol_ship": 1}}
    # a patrol ship on a land route is blocked (dim, live for its tooltip and a click's
    # explanation), with the reason in its tooltip
    land = next((r for r, x in sc.routes.items() if x.mode == "land"), None)
    if land is not None:
        app.scene.select_route(land)
        app.step()
        _minus, plus = app.scene.asset_buttons["patrol_ship"]
        assert "@blocked" in plus.object_ids
        assert "cannot operate on land route" in plus.tool_tip_text
        app.scene.select_route(rid)
        app.step()

    # Undo takes back the last change only
    click(app, find_button(app, "Undo"))
    assert s.draft(first).deploy == {}
    assert s.draft(first).sharing[second] == "full"
    click(app, app.scene.asset_buttons["patrol_ship"][1])
    assert s.draft(first).deploy == {rid: {"patrol_ship": 1}}

    click(app, find_button(app, "End turn"))
    assert app.scene.name == "handover" and app.scene.side == second

    # the second seat grants access to the first and ends its turn
    click(app, app.scene.ready)
    assert app.scene.name == "turn" and app.scene.side == second
    click(app, find_button(app, "Access"))
    if s.sovereignty(second) == "consent":
        box = next(b for b, p in app.scene.access_boxes.items() if p == first)
        click(app, box)
        assert first in s.draft(second).grant_access
    click(app, find_button(app, "Why"))
    click(app, app.scene.why)
    type_text(app, "ok")
    assert s.draft(second).rationale == "ok"
    click(app, find_button(app, "End turn"))
    assert app.scene.name == "resolution"
    key(app, pygame.K_SPACE)
    assert app.scene.name == "report"
    assert app.errors == []

    # what the engine received and did
    rec = s.game.history[-1]
    assert rec.turn == 1
    blue = rec.orders.blue
    assert dict(blue[first].deploy) == {rid: {"patrol_ship": 1}}
    assert blue[first].sharing[second] == "full"
    assert blue[first].funding.intelligence == round(before + 5, 2)
    assert blue[second].rationale == "ok"
    assert rec.report.rejected == ()
    assert s.game.state.turn == 2
    r = rec.report
    assert abs(r.shipped - (r.seized + r.delivered)) < 1e-9
    # the seat's deployment is in the state the next turn sees
    net_routes = list(sc.routes)
    deployed = {(net_routes[row[1]], int(row[3])) for row in s.game.state.deployed.tolist()}
    assert (rid, 1) in deployed
    # autosaved after the turn
    assert s.last_autosave is not None and s.last_autosave.exists()

    click(app, find_button(app, "Continue"))
    assert app.scene.name == "handover" and app.scene.side == first
