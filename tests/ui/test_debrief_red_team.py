"""A trafficker played by students has its line in the hot wash, as the Blue delegations
do: what it did that turn in words and the rationale its team wrote. The computer's
traffickers stay out. Time travel draws the routes dormant in the turn shown, and its
tooltips speak of that turn, not of today."""

from __future__ import annotations

from types import SimpleNamespace

from conftest import SCENARIOS, box_texts, click, find_button, played

from game.core.orders import InstructorAction
from game.scenario import load_scenario
from game.ui.scenes.debrief import DebriefScene, delegation_turns, red_moves, timeline
from game.ui.scenes.history import HistoryScene
from game.ui.session import SeatPlan, Session

MONTH1 = ('Month 1 · Sinaloa Cartel: ordered 30.0 t, most on the path Tumaco (Nariño) > '
          'Puerto Chiapas > Texas border crossings (6.5 t); 22.5 t shipped. '
          'Why: "Keep the Pacific loads moving"')
MONTH2 = ('Month 2 · Sinaloa Cartel: ordered 37.5 t, most on the path Buenaventura > '
          'Lázaro Cárdenas > Arizona border crossings (27.5 t); 17.0 t shipped; opened: '
          'Tumaco (Nariño) > Lázaro Cárdenas; adapted: Tunnels; bribes: Mexico 20. '
          'Why: "Go under the border and pay Mexico"')
OPENED = "semi_submersible"  # dormant at the start; the Red team opens it in month 2


def _red_class(app) -> Session:
    """caribbean with the Sinaloa Cartel played by students (every other side on the
    computer): months 1 and 2 with the team's rationale (in month 2 it opens a dormant
    route, buys tunnels and bribes Mexico); in month 3 the white cell hands it to the
    computer before its orders are in. Ended after month 3."""
    sc = load_scenario(str(SCENARIOS / "caribbean.yaml"))
    plan = SeatPlan.demo(sc)
    plan.seats["sinaloa"] = "human"
    app.session = s = Session.new(sc, plan, saves_dir=app.saves_dir, autosave=False)
    for why in ("Keep the Pacific loads moving", "Go under the border and pay Mexico"):
        s.draft("sinaloa")
        s.set_rationale("sinaloa", why)
        if len(s.reports) == 1:
            s.toggle_open_route("sinaloa", OPENED, True)
            s.toggle_adaptation("sinaloa", "tunnels", True)
            s.set_bribe("sinaloa", "mexico", 20)
        assert s.submit("sinaloa") == []
        s.end_turn()
    assert s.instructor_action(InstructorAction(
        kind="seat", reason="Red team at lunch", target="trafficker:sinaloa",
        value="ai:adaptive")) == []
    s.end_turn()
    s.turn_limit = 3
    return s


def _red(lines: list[str]) -> list[str]:
    return [x for x in lines if " · Sinaloa Cartel: " in x or " · Clan del Golfo: " in x
            or " · Venezuelan-Caribbean" in x]


def test_the_red_team_has_its_lines_in_the_hot_wash(app):
    s = _red_class(app)
    # the students' months, in words with their rationale; month 3 the computer played,
    # and the computer's traffickers never appear
    assert _red(timeline(s, only=delegation_turns(s), events=True, white=False)) == [
        MONTH1, MONTH2]
    assert _red(timeline(s)) == [MONTH1, MONTH2]  # time travel's, every side every turn
    app.switch(DebriefScene(app))
    app.step()
    shown = " ".join(box_texts(app))
    assert "Month 2 · Sinaloa Cartel: ordered 37.5 t" in shown
    assert 'Why: "Go under the border and pay Mexico"' in shown
    assert "Clan del Golfo:" not in shown and "Month 3 · Sinaloa Cartel:" not in shown
    click(app, find_button(app, "Step through turns"))
    assert app.scene.name == "history"
    click(app, find_button(app, "<"))  # month 2
    panel = next(b for b in box_texts(app) if "Decisions" in b)
    assert "Sinaloa Cartel: ordered 37.5 t" in panel and "bribes: Mexico 20" in panel
    assert not app.internal_errors


def test_refused_orders_read_as_no_action():
    rec = SimpleNamespace(report=SimpleNamespace(
        rejected=({"side": "sinaloa", "reasons": ("too many tons",)},), by_trafficker={}))
    orders = SimpleNamespace(flows={"a>b": 3.0}, open_routes=(), adaptations=(), bribes={})
    session = SimpleNamespace(scenario=None)
    assert red_moves(session, rec, "sinaloa", orders) == "orders refused, so no action this turn"


def test_time_travel_draws_the_routes_dormant_that_turn(app):
    s = _red_class(app)
    start = {rid for rid, r in s.scenario.routes.items() if r.dormant}
    assert OPENED in start
    scene = HistoryScene(app, s)
    app.switch(scene)
    app.step()
    flowed = {rid for rid, v in s.game.history[2].report.by_route.items() if v["flow"] > 0}
    assert OPENED in flowed  # the route the Red team opened carried traffic in month 3
    opened = {r for ro in s.game.history[1].orders.red.values() for r in ro.open_routes}
    assert OPENED in opened and len(opened) > 1  # the computer's traffickers opened some too
    for turn, dormant in ((0, start), (1, start), (2, start), (3, start - opened)):
        scene.go(turn)
        app.step()
        assert scene.dormant() == dormant, turn
        assert scene.map.data.dormant == dormant  # drawn dashed, as the legend says
    # today the observer knows of no traffic on it (no estimates): the present-day tooltip
    # calls it dormant; month 3's does not, month 1's says it was
    assert "Dormant (not in use)" in s.tooltip("observer", "route", OPENED)
    tip = scene._tooltip("route", OPENED)
    assert not [x for x in tip if x.startswith("Dormant")]
    moved = s.game.history[2].report.by_route[OPENED]["flow"]
    assert tip[-1].startswith(f"That turn: {moved:.1f} t moved, ")
    scene.go(1)
    tip = scene._tooltip("route", OPENED)
    assert tip[-2:] == ["Dormant that turn (not in use)", "That turn: 0.0 t moved, 0.0 t seized"]
    scene.go(0)
    tip = scene._tooltip("route", OPENED)
    assert tip[-1] == "Dormant at the start (not in use)"
    assert not [x for x in tip if x.startswith(("Estimated", "Patrolled"))]
    assert not app.internal_errors


def test_time_travel_keeps_routes_that_carried_traffic_open(app):
    """A demonstration game: the routes opened in month 2 by the computer's traffickers are
    drawn open from month 3, as the game had them."""
    s = played(app, "caribbean", 4)
    opened = {r for ro in s.game.history[1].orders.red.values() for r in ro.open_routes}
    assert opened
    scene = HistoryScene(app, s)
    app.switch(scene)
    scene.go(2)
    assert opened <= scene.dormant()
    scene.go(3)
    assert not opened & scene.dormant()
    assert not app.internal_errors
