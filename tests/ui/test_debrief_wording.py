"""How the debrief's summary reads: the hindsight comparison over the game says whose
placements it measures; objectives not judged yet read as in the after-action report."""

from __future__ import annotations

from conftest import box_texts, played

from game.ui.session import Session


def _played(app, scenario: str, turns: int) -> Session:
    return played(app, scenario, turns, ended=True)


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
    assert html.startswith("<b>3 months.</b> Shipped ")  # the scenario's word for a turn
    assert not app.internal_errors


def test_objectives_of_a_game_stopped_early_read_as_they_stood_never_pass(app):
    """They read "on track" or "not met yet", as if the game were still running."""
    from game.ui.scenes.debrief import objective_rows

    s = _played(app, "tutorial", 3)  # the game ended after 3 of 10 months
    res = s.reports[-1].objectives
    assert {k: (v["met"], v["final"]) for k, v in res.items()} == {
        "cut_flow": (True, False), "keep_calm": (True, False),
        "us_seizures": (False, False), "cartel_delivers": (False, False)}
    html = _summary(app)
    assert "PASS" not in html and "FAIL" not in html
    rows = {who + ": " + text: reads for who, text, _st, reads in objective_rows(s)}
    lines = html.split("<br>")
    for oid, o in s.scenario.objectives.items():
        mark = "met when play stopped" if res[oid]["met"] else "not met when play stopped"
        line = next(x for x in lines if o.text in x)
        assert line.startswith("<font color=") and f"'>{mark}</font> " in line, line
        assert line.endswith(next(r.sentence for k, r in rows.items() if k.endswith(o.text)))
    assert "35% so far" not in html and "18% so far, target at least 18% by Month 10" in html
    assert ("<b>Objectives</b><br>The game stopped after Month 3 of 10: an objective judged "
            "at the end of the game is read as it stood then.<br>") in html
    assert not app.internal_errors


def test_judged_objectives_read_pass_or_fail(app):
    from game.ui.scenes.debrief import _mark

    assert "<b>PASS</b>" in _mark({"met": True, "final": True, "value": 1.0})
    assert "<b>FAIL</b>" in _mark({"met": False, "final": True, "value": 0.0})
    assert _mark({"met": True, "value": 1.0}).endswith("<b>PASS</b></font>")  # old saves
    assert _mark({"met": True, "final": False, "value": 1.0}).endswith(">on track</font>")
    assert _mark({"met": False, "final": False}).endswith(">not met yet</font>")
    assert _mark({"met": True, "final": False}, stopped=True).endswith(
        ">met when play stopped</font>")
    assert _mark({"met": False, "final": False}, stopped=True).endswith(
        ">not met when play stopped</font>")
    assert "<b>FAIL</b>" in _mark({"met": False, "final": True}, stopped=True)
    assert _mark(None).endswith(">not judged</font>")


def test_debrief_compares_with_doing_nothing_in_words(app):
    s = _played(app, "caribbean", 3)
    delivered = sum(r.delivered for r in s.reports)
    base = sum(r.baseline_delivered for r in s.reports)
    pct = (base - delivered) / base * 100
    assert (f"Doing nothing, {base:.1f} t would have been delivered: {base - delivered:.1f} t "
            f"less got through ({pct:.0f}% less).") in _summary(app)
    assert not app.internal_errors
