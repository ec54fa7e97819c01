"""How the turn report's sentences read: the hindsight comparison says whose placement it
measures, and the comparison with doing nothing reads naturally whichever way it went."""

from __future__ import annotations

from conftest import SCENARIOS

from game.scenario import load_scenario
from game.ui.scenes.resolution import ReportScene
from game.ui.session import SeatPlan, Session


def _played(app, turns: int) -> Session:
    sc = load_scenario(str(SCENARIOS / "caribbean.yaml"))
    s = Session.new(sc, SeatPlan.demo(sc), saves_dir=app.saves_dir, autosave=False)
    for _ in range(turns):
        s.end_turn()
    app.session = s
    return s


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
