"""A snapshot saved in the middle of a month, reloaded: the seats that had played keep their
orders (before, the table started the month again from the first seat, and a seat that
pressed End turn again replaced its submitted orders with last month's carry-over), the hot
seat goes to the first seat still to play, and the white cell's log lists the month's
actions (it read "No actions yet")."""

from __future__ import annotations

from conftest import SCENARIOS

from game.core.orders import InstructorAction
from game.scenario import load_scenario
from game.ui.session import SeatPlan, Session


def test_a_mid_month_snapshot_resumes_where_the_table_was(tmp_path):
    sc = load_scenario(SCENARIOS / "mediterranean.yaml")
    plan = SeatPlan.demo(sc)
    red = next(iter(sc.traffickers))
    for side in ("spain", "netherlands", "morocco", red):
        plan.seats[side] = "human"
    s = Session.new(sc, plan, saves_dir=tmp_path, autosave=False)
    assert s.human_seats() == ["spain", "netherlands", "morocco", red]
    d = s.draft("spain")
    route = next(r for r in sc.routes if not s.deploy_reasons("spain", r, "patrol_ship"))
    assert s.deploy("spain", route, "patrol_ship", 1) == []
    s.set_rationale("spain", "Hold the Strait.")
    assert s.submit("spain") == []
    sent = s.submitted["spain"]
    assert s.instructor_action(InstructorAction(
        kind="inject", reason="pressure", title="Port strike", text="Rotterdam is shut.",
        audience=("morocco",))) == []
    path = s.save_snapshot()

    again = Session.from_save(path, saves_dir=tmp_path)
    assert again.current_seat() == "netherlands"
    assert again.submitted == {"spain": sent}
    assert again.played_this_turn("spain") and not again.played_this_turn("netherlands")
    assert again.draft("spain").to_orders() == sent  # its screen shows what it submitted
    assert d.deploy == again.draft("spain").deploy
    assert again.draft("spain").capacity_partner == d.capacity_partner == "guinea_bissau"
    assert again.log == [
        f"Month 1, loaded from {path.name}",
        "Month 1, Spain: Hold the Strait.",
        "Month 1, WHITE CELL: inject “Port strike” to Morocco; reason: pressure"]
    # the month goes on from there; Spain's orders are the ones it submitted
    for side in ("netherlands", "morocco", red):
        assert again.current_seat() == side
        assert again.submit(side) == []
    assert again.all_seated()
    assert again.game.pending["spain"] == sent
    report = again.end_turn()
    assert report.rejected == ()
    assert [c["title"] for c in report.event_cards if c.get("id", "").startswith("inject")] \
        == ["Port strike"]


def test_a_red_teams_submitted_shipments_come_back_as_its_draft(tmp_path):
    sc = load_scenario(SCENARIOS / "tutorial.yaml")
    plan = SeatPlan.demo(sc)
    red = next(iter(sc.traffickers))
    plan.seats[red] = "human"
    plan.seats["usa"] = "human"
    s = Session.new(sc, plan, saves_dir=tmp_path, autosave=False)
    assert s.human_seats() == ["usa", red]
    assert s.submit("usa") == []
    again = Session.from_save(s.save_snapshot(), saves_dir=tmp_path)
    assert again.current_seat() == red and again.submitted == s.submitted
    assert again.draft("usa").to_orders() == s.submitted["usa"]
    assert s.submit(red) == []
    path = s.save_snapshot()
    again = Session.from_save(path, saves_dir=tmp_path)
    assert again.all_seated()
    assert again.draft(red).to_orders() == s.submitted[red]
