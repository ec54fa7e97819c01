"""The shared turn report's rejected orders: a nation's in the students' words; a
trafficker's only in the instructor's White-cell view (its reasons name its paths and may
name a route it opened, which the nations do not see on their maps)."""

from __future__ import annotations

import html
import re

from conftest import SCENARIOS

from game.core.model import frozen_map as fm
from game.core.orders import BlueOrders, Funding, RedOrders
from game.ui.scenes.resolution import ReportScene


def _rejected_lines(app) -> list[str]:
    lines = app.scene._lines(app.session, app.scene.report)
    return [html.unescape(re.sub(r"<[^>]+>", "", x)) for x in lines if "Rejected orders" in x]


def test_rejected_orders_on_the_shared_report(app):
    from game.scenario import load_scenario
    from game.ui.session import SeatPlan, Session

    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    s = Session.new(sc, SeatPlan.demo(sc), saves_dir=app.saves_dir, autosave=False)
    app.session = s
    game = s.game
    orders = game.collect_orders()
    bad = replace_orders(orders, usa=BlueOrders(
        nation="usa", funding=Funding(operations=0),
        deploy=fm({"go_fast": fm({"patrol_ship": 1})})),
        clan_del_golfo=RedOrders(trafficker="clan_del_golfo", open_routes=("go_fast",)))
    report = game.end_turn(bad)
    s.reports.append(report)
    app.instructor = True
    app.switch(ReportScene(app, report))
    app.step()
    assert _rejected_lines(app) == [
        "Rejected orders of United States: the deployed assets' upkeep is 4 points but "
        "operations are funded with 0 points"]
    app.scene.set_white_view(True)
    assert _rejected_lines(app) == [
        "Rejected orders of United States: the deployed assets' upkeep is 4 points but "
        "operations are funded with 0 points",
        "Rejected orders of Clan del Golfo: the maritime route Cartagena > Miami is already "
        "open"]
    assert not app.internal_errors


def replace_orders(orders, **sides):
    from dataclasses import replace

    blue = {**orders.blue, **{k: v for k, v in sides.items() if isinstance(v, BlueOrders)}}
    red = {**orders.red, **{k: v for k, v in sides.items() if isinstance(v, RedOrders)}}
    return replace(orders, blue=fm(blue), red=fm(red))
