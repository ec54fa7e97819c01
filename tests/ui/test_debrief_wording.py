"""How the debrief's summary reads: the hindsight comparison over the game says whose
placements it measures; objectives not judged yet read as in the after-action report."""

from __future__ import annotations

from conftest import SCENARIOS, box_texts

from game.ui.session import SeatPlan, Session


def _played(app, scenario: str, turns: int) -> Session:
    from game.scenario import load_scenario

    sc = load_scenario(str(SCENARIOS / f"{scenario}.yaml"))
    s = Session.new(sc, SeatPlan.demo(sc), saves_dir=app.saves_dir, autosave=False)
    app.session = s
    for _ in range(turns):
        s.end_turn()
    s.turn_limit = len(s.reports)
    return s


def _summary(app) -> str:
    from game.ui.scenes.debrief import DebriefScene

    app.switch(DebriefScene(app))
    app.step()
    return next(b for b in box_texts(app) if "<b>Objectives</b>" in b)


def test_debrief_hindsight_says_it_covers_every_blue_nation(app):
    s = _played(app, "caribbean", 3)
    could = sum(r.hindsight_seizable for r in s.reports)
    exp = sum(r.hindsight_expected for r in s.reports)
    html = _summary(app)
    assert (f"<b>Hindsight:</b> Over the game, Blue's placements (all nations, computer-run "
            f"included) could expect {min(1.0, exp / could) * 100:.0f}% of what the same assets "
            f"could have seized ({could:.1f} t) placed knowing the flows.") in html
    assert "your placement" not in html
    assert not app.internal_errors
