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


def test_red_path_labels_stay_distinct_when_shortened():
    from game.ui.scenes.red import distinct_path_labels

    def fit(text, reserve, width=34):  # a stand-in for the font: 34 characters, middle first
        limit = width - reserve // 10
        if len(text) <= limit:
            return text
        parts = text.split(" > ")
        return " > ".join([parts[0], "…", parts[-1]]) if len(parts) > 2 else text[:limit - 1] + "…"

    names = ["Tumaco > Puerto Chiapas > Culiacan > Arizona",
             "Tumaco > Lazaro Cardenas > Culiacan > Arizona",
             "Buenaventura > Colon > Miami"]
    labels = distinct_path_labels(names, fit)
    # the two Tumaco paths keep the stop only they pass; the short one is untouched
    assert labels == ["Tumaco > Puerto Chiapas > Arizona", "Tumaco > Lazaro Cardenas > Arizona",
                      "Buenaventura > Colon > Miami"]
    # the same stops by two routes (say by sea and by air): numbered
    same = ["Tumaco > Puerto Chiapas > Culiacan > Arizona"] * 2
    assert distinct_path_labels(same, fit) == [
        "Tumaco > … > Arizona (1)", "Tumaco > … > Arizona (2)"]
