"""A student team playing Red: the trafficker's screen, driven by clicks."""

from __future__ import annotations

from conftest import SCENARIOS, click, find_button

from game.scenario import load_scenario
from game.ui.scenes.turn import start_turn
from game.ui.session import SeatPlan, Session


def test_red_seat_ships_by_path_and_the_engine_gets_those_orders(app):
    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    plan = SeatPlan.default(sc)
    for nid in sc.nations:
        plan.seats[nid] = "ai:baseline"
    red = next(iter(sc.traffickers))
    plan.seats[red] = "human"
    app.session = s = Session.new(sc, plan, saves_dir=app.saves_dir)
    start_turn(app)
    assert app.scene.name == "handover"
    click(app, app.scene.ready)
    assert app.scene.name == "red_turn"
    d = s.draft(red)
    avail = s.red_available(red)
    assert 0 < sum(d.flows.values()) <= avail + 1e-9  # starts from the AI's suggestion
    # move one usable path's slider all the way right: the others make room
    slider, key = next((sl, k) for sl, k in app.scene.flow_sliders.items() if sl.is_enabled)
    before = d.flows[key]
    for _ in range(3):
        click(app, slider.right_button)
    d = s.draft(red)
    assert abs(d.flows[key] - min(avail, before + 1.5)) < 1e-6
    assert sum(d.flows.values()) <= avail + 1e-6
    chosen = dict(d.flows)
    assert s.validate(red) == []
    click(app, find_button(app, "Money"))
    click(app, find_button(app, "Shipments"))
    click(app, find_button(app, "End turn"))
    assert app.scene.name == "resolution"
    rec = s.game.history[-1]
    sent = dict(rec.orders.red[red].flows)
    assert set(sent) <= set(chosen)
    assert all(abs(sent.get(k, 0.0) - v) < 0.011 for k, v in chosen.items())
    assert rec.report.rejected == ()
    assert not app.internal_errors


def test_the_money_tab_says_what_each_adaptation_costs_and_does(app):
    import pygame_gui
    from conftest import seat_alone

    seat_alone(app, "caribbean", "sinaloa")
    click(app, find_button(app, "Money"))
    scene = app.scene
    assert sorted(box.text for box in scene.adapt_boxes) == [
        "Encrypted communications (costs 20)", "Light aircraft (costs 25)",
        "Semi-submersibles (costs 30)", "Tunnels (costs 25)"]
    texts = {e.text for e in app.ui.get_sprite_group().sprites()
             if isinstance(e, pygame_gui.elements.UILabel) and e.alive()}
    assert {"maritime detection x0.6", "all detection x0.85", "air detection x0.7",
            "land detection x0.7", "Bribes raise corruption where your routes run"} <= texts
    assert [scene.bribe_sliders[sl] for sl in scene.bribe_sliders] == [
        "ecuador", "guatemala", "mexico"]  # the nations Sinaloa's routes cross
    assert not app.internal_errors


def test_the_route_tooltip_names_the_leaked_patrols_by_asset_name(app):
    """Only the patrols of the nations whose intelligence leaked, and by their names (it
    read "2 patrol_ship (Spain)", with Spain's patrols shown though only France leaked)."""
    import numpy as np

    from game.ui.scenes.red import RedTurnScene

    sc = load_scenario(str(SCENARIOS / "caribbean.yaml"))
    plan = SeatPlan.demo(sc, seed=1)
    red = next(iter(sc.traffickers))
    plan.seats[red] = "human"
    app.session = s = Session.new(sc, plan, saves_dir=app.saves_dir, autosave=False)
    assert s.submit(red) == []
    s.end_turn()
    state = s.game.state
    leaked = {sc.nations[n].name for n, x in zip(sc.nations, state.leaked_n.tolist()) if x}
    assert leaked == {"United States", "Honduras"}
    app.switch(RedTurnScene(app, red))
    app.step()
    names = {a.name for a in sc.asset_types.values()}
    routes = [list(sc.routes)[r] for r in np.flatnonzero(state.revealed)]
    listed = []
    for rid in routes:
        line = next(x for x in app.scene.tooltip("route", rid) if x.startswith("Patrols"))
        for item in line.split(": ", 1)[1].split(", "):
            if item == "none":
                continue
            count, rest = item.split(" ", 1)
            asset, nation = rest[:-1].split(" (")
            assert int(count) > 0 and asset in names and nation in leaked
            listed.append(nation)
    assert set(listed) == leaked
    assert not app.internal_errors


def test_the_money_tab_says_what_the_plan_spends_and_what_is_left(app):
    """The resources line never moved, and a bribe of 99.5 read "100"."""
    from game.core.state import ADAPTATIONS
    from game.ui.scenes.red import RedTurnScene

    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    plan = SeatPlan.demo(sc)
    red = next(iter(sc.traffickers))
    plan.seats[red] = "human"
    app.session = s = Session.new(sc, plan, saves_dir=app.saves_dir, autosave=False)
    app.switch(RedTurnScene(app, red))
    app.step()
    click(app, find_button(app, "Money"))
    scene = app.scene
    res = s.red_resources(red)
    assert res == 50.0
    d = s.draft(red)
    assert d.bribes == {} and d.adaptations == set()
    assert scene.resources_label.text == "Resources: 50 · this month 0 · left 50"
    nation = next(iter(scene.bribe_labels))
    s.set_bribe(red, nation, 12.5)
    adapt = next(iter(ADAPTATIONS))
    box = next(b for b, a in scene.adapt_boxes.items() if a == adapt)
    click(app, box)
    cost = float(ADAPTATIONS[adapt]["cost"])
    assert s.draft(red).adaptations == {adapt}
    left = 50 - 12.5 - cost
    assert app.scene.resources_label.text == (
        f"Resources: 50 · this month {12.5 + cost:g} · "
        + (f"left {left:g}" if left >= 0 else f"{-left:g} too much"))
    assert app.scene.bribe_labels[nation].text.endswith(": 12.5")
    assert not app.internal_errors
