"""The Red seat is told, before it ends its turn, when its routes cannot carry its plan: the
engine cuts every path through an overloaded route and the loads wait in stock
(game.core.traffic.within_capacity, the one rule for both)."""

from __future__ import annotations

import re

from conftest import seat_alone


def _status(app) -> str:
    app.scene.refresh_status()
    return re.sub(r"<[^>]+>", "", app.scene.status.html_text)


def test_the_status_line_says_what_the_routes_can_carry(app):
    s = seat_alone(app, "tutorial", "clan_del_golfo")
    side = "clan_del_golfo"
    assert _status(app) == "Ready. 12.0 t on 3 path(s)."  # the suggestion fits the routes
    for key in list(s.draft(side).flows):
        s.set_red_flow(side, key, 0.0)
    s.set_red_flow(side, "coast_road>go_fast", 12.0)  # all of it on the one road and lane
    assert _status(app) == ("Ready. 12.0 t on 1 path(s); the routes carry at most 10.0 t of "
                            "it, the rest waits in stock.")
    assert s.submit(side) == []
    report = s.end_turn()
    assert report.leaks == ()  # no leak moved the loads: the engine ships what was said
    assert report.by_trafficker[side]["shipped"] == 10.0
    assert report.by_trafficker[side]["stock"] == 2.0
    assert not app.internal_errors
