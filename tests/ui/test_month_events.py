"""A scenario event changes this month's budgets, routes and odds, so each seat reads it when
its turn opens, before it decides; it was announced only in the month's report, after the
orders were in (the US budget jumped from 60 to 80 in Month 3 with no word why)."""

from __future__ import annotations

from conftest import click, into_turn, tutorial_with_us_only_event

from game.ui.scenes.turn import start_turn

CUTTER = ("Congress funds a cutter deployment (this month): A supplemental appropriation lets "
          "the Coast Guard send more patrol hours south.")


def _month(app, month: int):
    s = app.session
    while s.turn < month:
        for side in s.human_seats():
            assert s.submit(side) == []
        s.end_turn()
    start_turn(app)


def _dialog(app):
    d = app.dialog
    if d is None or not d.alive():
        return None
    return str(d.window_display_title), str(d.text_block.html_text)


def test_each_seat_reads_this_months_events_before_it_decides(app):
    into_turn(app, "tutorial")  # the United States, then Colombia
    s = app.session
    _month(app, 3)  # Month 3: Congress funds a cutter deployment (US budget +20)
    click(app, app.scene.ready)
    assert app.scene.side == "usa"
    assert _dialog(app) == ("For the United States delegation", CUTTER)
    assert s.budget("usa") >= s.scenario.nations["usa"].budget + 20  # already in effect
    app.dialog.kill()
    assert s.submit("usa") == []
    start_turn(app)
    click(app, app.scene.ready)
    assert app.scene.side == "colombia"
    assert _dialog(app) == ("For the Colombia delegation", CUTTER)
    app.dialog.kill()
    assert s.submit("colombia") == []
    report = s.end_turn()
    assert "new_cutter_funds" in report.events  # the report still says what happened
    # next month nobody reads it again
    start_turn(app)
    click(app, app.scene.ready)
    assert _dialog(app) is None or "cutter" not in _dialog(app)[1]
    assert not app.internal_errors


def test_an_event_for_one_delegation_reaches_it_alone_and_once(app, tmp_path):
    from game.ui.session import SeatPlan, Session

    sc = tutorial_with_us_only_event(tmp_path)
    app.session = s = Session.new(sc, SeatPlan.default(sc), saves_dir=app.saves_dir,
                                  autosave=False)
    _month(app, 3)
    click(app, app.scene.ready)
    assert _dialog(app) == ("For the United States delegation only", CUTTER)
    app.dialog.kill()
    assert s.submit("usa") == []
    start_turn(app)
    click(app, app.scene.ready)
    assert app.scene.side == "colombia" and _dialog(app) is None
    assert s.submit("colombia") == []
    s.end_turn()
    start_turn(app)
    click(app, app.scene.ready)  # Month 4: the report's card is not shown to the US again
    assert app.scene.side == "usa"
    assert _dialog(app) is None or "cutter" not in _dialog(app)[1]
    assert not app.internal_errors
