"""The map draws dormant routes as the seat knows them: routes the traffickers open stay
dashed on a nation's map until its estimates show traffic on them, and on the projector;
the white cell sees the truth (docs/rules.md, "Observations: who sees what")."""

from __future__ import annotations

from conftest import click, find_button, seat_alone

from game.ui.scenes.turn import start_turn

# caribbean, its own seed: on month 2 the adaptive traffickers open these three routes
OPENED = {"semi_submersible", "colon_miami", "apure_santo_domingo"}
STILL = {"air_bridge_peten", "chiapas_arizona_air", "curacao_puerto_rico"}


def usa_at(app, month: int):
    """The United States alone at the table (passive until then), at its screen in `month`."""
    s = seat_alone(app, "caribbean", "usa")
    for _ in range(month - 1):
        s.end_turn()
    start_turn(app)
    assert app.scene.name == "turn" and app.scene.side == "usa" and s.turn == month
    return s


def test_a_route_the_traffickers_opened_stays_dormant_on_the_nations_map(app):
    s = usa_at(app, 3)
    opened = {t: set(o.open_routes) for t, o in s.game.history[1].orders.red.items()}
    assert opened == {"sinaloa": {"semi_submersible"}, "clan_del_golfo": {"colon_miami"},
                      "caribbean_networks": {"apure_santo_domingo"}}
    assert app.scene.map.data.dormant == OPENED | STILL  # the seat's own map, on screen
    assert s.dormant_routes("observer") == OPENED | STILL
    assert s.dormant_routes("white") == STILL
    assert s.map_data("white").dormant == STILL
    for t in s.scenario.traffickers:
        assert s.dormant_routes(t) == STILL
    assert s.tooltip("usa", "route", "colon_miami") == [
        "Colón > South Florida", "Mode: maritime   Jurisdiction: International",
        "Capacity: 4 t   Concealment: 0.50", "Estimated flow: 0.0 t per turn",
        "Dormant (not in use)", "Patrolled by: nobody you know of"]
    assert "Dormant (not in use)" not in s.tooltip("white", "route", "colon_miami")
    assert not app.internal_errors


def test_the_routes_show_open_once_the_estimates_show_traffic(app):
    s = usa_at(app, 4)
    flows = {r: s.reports[-1].by_route[r]["flow"] for r in sorted(OPENED)}
    assert flows == {"apure_santo_domingo": 2.0, "colon_miami": 4.0, "semi_submersible": 6.0}
    assert app.scene.map.data.dormant == STILL
    assert s.dormant_routes("observer") == OPENED | STILL  # the projector has no estimates
    assert "Dormant (not in use)" not in s.tooltip("usa", "route", "colon_miami")
    assert not app.internal_errors


def test_the_red_seat_is_not_offered_a_route_it_opened(app):
    s = seat_alone(app, "caribbean", "clan_del_golfo")
    s.toggle_open_route("clan_del_golfo", "colon_miami", True)
    assert s.submit("clan_del_golfo") == []
    s.end_turn()
    start_turn(app)
    assert app.scene.name == "red_turn" and s.turn == 2
    click(app, find_button(app, "Money"))
    assert "colon_miami" not in app.scene.open_boxes.values()
    assert "colon_miami" not in app.scene.map.data.dormant
