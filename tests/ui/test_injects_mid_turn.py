"""An inject the white cell sends during a month reaches the seats of its audience that have
not played yet, on their own screen, marked new this month, once: the month's report does
not bring it to them again. A confidential inject reaches its seats only; a seat that had
already played reads it with the report (the next month's dialog for a confidential one)."""

from __future__ import annotations

from conftest import SCENARIOS, box_texts, click, enter_white_cell, find_button, type_text

from game.core.orders import InstructorAction
from game.ui.scenes.turn import start_turn


def _table(app, humans=("usa", "colombia", "panama")):
    """caribbean with these human seats (the rest on the computer), at the first seat's
    screen; the app runs as the instructor."""
    from game.scenario import load_scenario
    from game.ui.session import SeatPlan, Session

    sc = load_scenario(str(SCENARIOS / "caribbean.yaml"))
    plan = SeatPlan.demo(sc)
    for side in humans:
        plan.seats[side] = "human"
    app.session = s = Session.new(sc, plan, saves_dir=app.saves_dir, autosave=False)
    app.instructor = True
    start_turn(app)
    click(app, app.scene.ready)
    assert app.scene.name == "turn" and app.scene.side == humans[0]
    return s


def _dialog(app) -> tuple[str, str] | None:
    """(title, text) of the dialog on screen, or None."""
    d = app.dialog
    if d is None or not d.alive():
        return None
    return str(d.window_display_title), str(d.text_block.html_text)


def _send(app, reason: str, title: str, text: str, seats: tuple[str, ...] = ()) -> None:
    """From a seat's screen: the white cell (Ctrl+W's way), an inject to `seats` (names),
    then back to the table."""
    enter_white_cell(app)
    app.step()
    assert app.scene.name == "instructor"
    f = app.scene.form
    for name in seats:
        click(app, find_button(app, name))  # the seats list's items
    for key, value in (("reason", reason), ("title", title), ("text", text)):
        click(app, f[key])
        type_text(app, value)
    click(app, find_button(app, "Send"))
    click(app, find_button(app, "Back"))


def _end_seat(app) -> None:
    """The seat on screen ends its turn; the next seat's hand-over (if any) is passed."""
    if app.dialog is not None and app.dialog.alive():
        app.dialog.kill()
    click(app, find_button(app, "End turn"))
    if app.scene.name == "handover":
        click(app, app.scene.ready)


def test_an_inject_reaches_the_seats_still_to_play_at_once(app):
    s = _table(app)
    assert _dialog(app) is None  # month 1: nothing yet
    # while the United States plays: a confidential inject for Colombia, one for everyone
    _send(app, "Test Colombia's reporting", "Port strike in Cartagena",
          "Dock workers strike; your boats cannot refuel.", ("Colombia",))
    assert app.scene.name == "turn" and app.scene.side == "usa"
    assert _dialog(app) is None  # not for the United States
    _send(app, "Set the scene", "Storm season", "Small boats stay in port more often.")
    assert _dialog(app) == ("For the United States delegation",
                            "Storm season (new this month): Small boats stay in port more "
                            "often.")
    click(app, find_button(app, "Intel"))  # the screen is rebuilt: the card is not shown again
    assert _dialog(app) is None
    _end_seat(app)
    assert app.scene.side == "colombia"
    assert _dialog(app) == (
        "For the Colombia delegation",
        "• Port strike in Cartagena (new this month, for your delegation only): Dock workers "
        "strike; your boats cannot refuel.<br>"
        "• Storm season (new this month): Small boats stay in port more often.")
    _end_seat(app)
    assert app.scene.side == "panama"  # the strike is Colombia's only
    assert _dialog(app) == ("For the Panama delegation",
                            "Storm season (new this month): Small boats stay in port more "
                            "often.")
    _end_seat(app)
    app.scene.finish()
    app.step()
    assert app.scene.name == "report"
    shown = " ".join(box_texts(app))
    assert "Storm season" in shown  # the card for everyone, on the shared report
    assert "Port strike" not in shown and "Dock workers" not in shown
    assert not any("Port strike" in x for x in s.news)
    # month 2: read once, so no seat's screen opens with either card again
    click(app, find_button(app, "Continue"))
    for side in ("usa", "colombia", "panama"):
        if app.scene.name == "handover":
            click(app, app.scene.ready)
        assert app.scene.side == side
        assert _dialog(app) is None
        _end_seat(app)
    assert not app.internal_errors


def test_a_seat_that_has_played_reads_the_inject_with_the_report(app):
    s = _table(app, ("usa", "colombia"))
    _end_seat(app)
    assert app.scene.side == "colombia"
    # the United States has played this month: its inject waits for the month's report
    _send(app, "Tip-off for the US", "Tip-off", "A go-fast leaves Tumaco tonight.",
          ("United States", "Colombia"))
    assert _dialog(app) == ("For the Colombia delegation only",
                            "Tip-off (new this month): A go-fast leaves Tumaco tonight.")
    assert s.new_injects("usa") == []
    _end_seat(app)
    app.scene.finish()
    app.step()
    click(app, find_button(app, "Continue"))
    click(app, app.scene.ready)
    assert app.scene.side == "usa"
    assert _dialog(app) == ("For the United States delegation only",  # the tip may be stale
                            "Tip-off (sent in Month 1, after your turn): A go-fast leaves "
                            "Tumaco tonight.")
    _end_seat(app)
    assert app.scene.side == "colombia"
    assert _dialog(app) is None  # Colombia read it last month
    assert not app.internal_errors


def test_the_session_numbers_a_months_injects_as_its_report_does(app):
    s = _table(app, ("usa", "colombia"))
    for act in (InstructorAction(kind="inject", reason="r", title="A", text="a",
                                 audience=("colombia",)),
                InstructorAction(kind="adjust", reason="r", target="nation:usa",
                                 field="budget", verb="set", value=70.0),
                InstructorAction(kind="inject", reason="r", title="B", text="b")):
        assert s.instructor_action(act) == []
    assert [c["id"] for c in s.new_injects("colombia")] == ["inject:1", "inject:2"]
    assert [c["title"] for c in s.new_injects("usa")] == ["B"]
    seen = [(c["id"], c["title"]) for c in s.new_injects("colombia")]
    report = s.end_turn()
    assert [(c["id"], c["title"]) for c in report.event_cards if c.get("instructor")] == seen
