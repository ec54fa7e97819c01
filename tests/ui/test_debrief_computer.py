"""The debrief's timeline quotes the rationale the delegations wrote, never the computer's
policy as if someone wrote it: a turn the computer played says so."""

from __future__ import annotations

from conftest import SCENARIOS, box_texts

from game.scenario import load_scenario
from game.ui.scenes.debrief import DebriefScene, delegation_turns, timeline
from game.ui.session import SeatPlan, Session
from tests.persistence.helpers import hand_over_month


def _class(app) -> Session:
    """The tutorial with two delegations: Colombia is called away in month 2 before its
    orders are in (the computer plays it from then on); the US has its month-2 orders in
    when it is handed to the computer, and takes its seat back in month 4."""
    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    plan = SeatPlan.demo(sc)
    plan.seats["usa"] = plan.seats["colombia"] = "human"
    app.session = s = Session.new(sc, plan, saves_dir=app.saves_dir, autosave=False)
    game = s.game
    for t in range(1, 5):
        hand_over_month(game, t)
        s.reports.append(game.end_turn())
    s.turn_limit = len(s.reports)
    return s


def _ends(lines: list[str], nation: str) -> list[tuple[str, str]]:
    """(turn, how the line ends) of a nation's lines."""
    return [(x.split(" · ")[0], x.rsplit(". ", 1)[-1]) for x in lines
            if f" · {nation}:" in x]


def test_a_turn_the_computer_played_says_so(app):
    s = _class(app)
    lines = timeline(s, only=delegation_turns(s), events=True)
    # Colombia's month 2 counts as the delegation's (it changed hands), but the computer
    # played it; the US's month 2 orders were in before the hand-over: its own rationale
    assert _ends(lines, "Colombia") == [
        ("Month 1", 'Why: "Colombia month 1"'),
        ("Month 2", "Played by the computer (baseline policy)")]
    assert _ends(lines, "United States") == [
        ("Month 1", 'Why: "US month 1"'), ("Month 2", 'Why: "US month 2"'),
        ("Month 4", 'Why: "US month 4"')]
    everyone = timeline(s)  # every nation, every turn (as for a demonstration)
    assert _ends(everyone, "United States")[2] == (
        "Month 3", "Played by the computer (baseline policy)")
    assert not any('"baseline policy"' in x for x in everyone)
    app.switch(DebriefScene(app))
    app.step()
    shown = " ".join(box_texts(app))
    assert "Month 2 · Colombia:" in shown and "Played by the computer (baseline policy)" in shown
    assert "&quot;baseline policy&quot;" not in shown and '"baseline policy"' not in shown
    assert not app.internal_errors
