"""How the turn report's sentences read: the hindsight comparison says whose placement it
measures, and the comparison with doing nothing reads naturally whichever way it went."""

from __future__ import annotations

from conftest import played

from game.ui.scenes.resolution import ReportScene
from game.ui.session import Session


def _played(app, turns: int) -> Session:
    return played(app, "caribbean", turns)


def _lines(app, report) -> list[str]:
    app.switch(ReportScene(app, report))
    app.step()
    return app.scene._lines(app.session, report)


def test_hindsight_says_it_covers_every_blue_nation(app):
    s = _played(app, 2)
    r = s.reports[-1]
    assert r.hindsight_ratio is not None
    hind = [x for x in _lines(app, r) if x.startswith("<b>Hindsight:</b>")]
    assert hind == [
        f"<b>Hindsight:</b> Blue's placement (all nations, computer-run included) could expect "
        f"{r.hindsight_ratio * 100:.0f}% of what the same assets could have seized "
        f"({r.hindsight_seizable:.1f} t) placed knowing the flows."]
    assert not any("your placement" in x for x in _lines(app, r))
    assert not app.internal_errors


def test_against_doing_nothing_reads_naturally_whichever_way_it_went():
    from game.ui.scenes.resolution import baseline_phrase

    assert baseline_phrase(37.5, 50.0) == "12.5 t less got through (25% less)"
    assert baseline_phrase(50.0, 50.0) == "just as much got through"
    assert baseline_phrase(50.02, 50.0) == "just as much got through"
    assert baseline_phrase(52.0, 50.0) == "2.0 t more got through (4% more)"
    assert baseline_phrase(49.9, 50.0) == "0.1 t less got through"  # 0.2%: no share
    assert baseline_phrase(1.0, 0.0) == "1.0 t more got through"


def test_the_report_compares_with_doing_nothing_in_words(app):
    s = _played(app, 3)
    lines = {x.split("</b>")[0]: x for x in _lines(app, s.reports[0])}
    r = s.reports[0]
    assert r.baseline_delivered - r.delivered > 0.05
    pct = (r.baseline_delivered - r.delivered) / r.baseline_delivered * 100
    assert lines["<b>Against doing nothing:"] == (
        f"<b>Against doing nothing:</b> {r.baseline_delivered:.1f} t would have been delivered "
        f"without any Blue action; {r.baseline_delivered - r.delivered:.1f} t less got through "
        f"({pct:.0f}% less).")
    assert not app.internal_errors
