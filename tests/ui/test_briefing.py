"""The briefing lists each human seat's objectives with their deadline after the text."""

from __future__ import annotations

from conftest import SCENARIOS

from game.scenario import load_scenario
from game.ui.scenes.briefing import briefing_html
from game.ui.session import SeatPlan, Session


def test_objective_deadlines_follow_the_sentence_in_brackets(app):
    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    plan = SeatPlan.demo(sc)
    s = Session.new(sc, plan, saves_dir=app.saves_dir, autosave=False)
    side = next(iter(sc.nations))
    s.human_seats = lambda: [side]  # one human delegation, whose objectives are listed
    html = briefing_html(s)
    objs = s.objectives_for(side)
    assert objs
    for o in objs:
        when = f"by {sc.turn_name(o.by_turn)}" if o.by_turn else "at the end of the game"
        assert f"{o.text} <i>({when})</i><br>" in html
    assert ". at the end" not in html and ". by " not in html

