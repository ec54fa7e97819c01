"""What the shared turn report and the resolution animation may show the table (hot seat,
projector) and what only the instructor (white cell) sees: undiscovered leaks, true flows,
where the autosave went."""

from __future__ import annotations

from conftest import SCENARIOS

from game.scenario import load_scenario
from game.ui.scenes.resolution import ReportScene
from game.ui.session import SeatPlan, Session


def _played(app, turns: int, *, autosave: bool = False) -> Session:
    """caribbean with every seat on the computer, `turns` turns played (seeded: month 5 has
    two discovered and two undiscovered leaks)."""
    sc = load_scenario(str(SCENARIOS / "caribbean.yaml"))
    s = Session.new(sc, SeatPlan.demo(sc), saves_dir=app.saves_dir, autosave=autosave)
    for _ in range(turns):
        s.end_turn()
    app.session = s
    return s


def _leak_lines(app, report) -> list[str]:
    app.switch(ReportScene(app, report))
    app.step()
    return [x for x in app.scene._lines(app.session, report) if "Leak" in x]


DISCOVERED = (
    "<b>Leak, discovered:</b> intelligence United States shared with Ecuador reached the "
    "traffickers. They learned where the assets of United States were this turn, and those "
    "assets kept only 40% of their detection power. Trust between the two falls: United "
    "States in Ecuador by 0.15, Ecuador in United States by 0.05.")
UNDISCOVERED = (
    "<b>Leak, not discovered</b> (only the white cell sees this): intelligence Guatemala "
    "shared with Kingdom of the Netherlands reached the traffickers. They learned where the "
    "assets of Guatemala were this turn, and those assets kept only 40% of their detection "
    "power. Nobody found out, so trust is unchanged.")


def test_the_shared_report_shows_only_the_leaks_that_were_discovered(app):
    s = _played(app, 5)
    month5 = s.reports[-1]
    assert [(x["from"], x["discovered"]) for x in month5.leaks] == [
        ("usa", True), ("honduras", True), ("guatemala", False), ("netherlands", False)]
    lines = _leak_lines(app, month5)
    assert len(lines) == 2 and DISCOVERED in lines[0]
    assert "Honduras shared with United States" in lines[1]
    assert not any("not discovered" in x or "Guatemala" in x or "Netherlands" in x
                   for x in lines)
    # a turn whose leaks all stayed hidden says nothing about leaks at all
    assert [x["discovered"] for x in s.reports[3].leaks] == [False, False, False]
    assert _leak_lines(app, s.reports[3]) == []
    assert not app.internal_errors


def test_the_instructor_sees_every_leak_marked_as_undiscovered(app):
    s = _played(app, 5)
    app.instructor = True
    lines = _leak_lines(app, s.reports[-1])
    assert len(lines) == 4
    assert DISCOVERED in lines[0] and UNDISCOVERED in lines[2]
    assert "intelligence Kingdom of the Netherlands shared with Panama" in lines[3]
    assert not app.internal_errors
