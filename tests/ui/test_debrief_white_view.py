"""The debrief is projected to the class: its timeline shows the white cell's actions as the
shared turn report does (no reasons but a hand-over's, no confidential injects) until the
instructor presses the report's "White-cell view" button; a game without an instructor has
no such button."""

from __future__ import annotations

from conftest import box_texts, click, find_button, new_app, played, white_cell_month2

from game.ui.scenes.debrief import DebriefScene, timeline

WHITE_LINES = [
    "Month 2 · WHITE CELL: inject “Port strike in Cartagena” to Colombia; reason: Test "
    "Colombia's reporting of the strike",
    "Month 2 · WHITE CELL: inject “Storm season” to everyone; reason: Set the scene",
    "Month 2 · WHITE CELL: adjusted United States budget from next month: set 80; reason: Congress "
    "supplemental",
    "Month 2 · WHITE CELL: Colombia handed to the computer (baseline policy); reason: "
    "Colombia delegation called away"]
PUBLIC_LINES = [
    "Month 2 · WHITE CELL: inject “Storm season” to everyone",
    "Month 2 · WHITE CELL: adjusted United States budget from next month: set 80",
    "Month 2 · WHITE CELL: Colombia handed to the computer (baseline policy); reason: "
    "Colombia delegation called away"]
SECRETS = ("Port strike", "Test Colombia", "Set the scene", "Congress supplemental")


def _ended(app):
    """The white cell's month 2 of `white_cell_month2`, then month 3, the last."""
    s = white_cell_month2(app)
    s.end_turn()
    s.end_turn()
    s.turn_limit = 3
    return s


def _white_lines(lines: list[str]) -> list[str]:
    return [x for x in lines if " · WHITE CELL: " in x]


def _timeline_box(app) -> str:
    return next(b for b in box_texts(app) if "WHITE CELL" in b)


def test_the_timeline_has_a_public_and_a_white_cell_view(app):
    s = _ended(app)
    assert _white_lines(timeline(s, events=True)) == WHITE_LINES  # as before, for time travel
    assert _white_lines(timeline(s, events=True, white=False)) == PUBLIC_LINES


def test_the_debrief_hides_the_white_cells_details_until_the_instructor_asks(app):
    _ended(app)
    app.instructor = True
    app.switch(DebriefScene(app))
    app.step()
    box = _timeline_box(app)
    for line in PUBLIC_LINES:
        assert line in box
    for secret in SECRETS:
        assert secret not in box
    assert "Timeline: events and decisions" in [
        str(el.text) for el in app.ui.get_sprite_group().sprites() if hasattr(el, "text")]
    button = find_button(app, "White-cell view")
    click(app, button)
    assert app.scene.white_view
    assert find_button(app, "White-cell view").is_selected
    box = _timeline_box(app)
    for line in WHITE_LINES:
        assert line in box
    assert "White-cell view: events, expected actions, decisions" in [
        str(el.text) for el in app.ui.get_sprite_group().sprites() if hasattr(el, "text")]
    click(app, find_button(app, "White-cell view"))  # and hidden again
    assert not app.scene.white_view
    assert not any(secret in _timeline_box(app) for secret in SECRETS)
    assert not app.internal_errors


def test_without_an_instructor_the_debrief_has_only_the_public_view(app):
    _ended(app)
    app.switch(DebriefScene(app))
    app.step()
    names = [str(el.text) for el in app.ui.get_sprite_group().sprites() if hasattr(el, "text")]
    assert "White-cell view" not in names
    app.scene.set_white_view(True)  # not even when asked for
    assert not app.scene.white_view
    assert not any(secret in _timeline_box(app) for secret in SECRETS)
    assert not app.internal_errors


def test_the_white_cell_view_button_fits_beside_the_others_at_960x600(tmp_path):
    import pygame

    app = new_app(tmp_path, (960, 600))
    try:
        _ended(app)
        app.instructor = True
        app.switch(DebriefScene(app))
        app.step()
        view = find_button(app, "White-cell view")
        others = [find_button(app, t) for t in ("Export", "Step through", "Title screen")]
        assert all(not view.rect.colliderect(b.rect) for b in others)
        assert view.rect.right <= 960 and view.rect.bottom <= 600
        assert not app.internal_errors
    finally:
        pygame.quit()


def _history_text(app) -> str:
    import re

    html = next(b for b in box_texts(app) if "Decisions" in b)
    return re.sub(r"\s+", " ", re.sub(r"<br>", " ", re.sub(r"</?b>", "", html)))


def test_time_travel_from_the_debrief_keeps_the_public_view_until_asked(app):
    """Stepping through the turns from the projected debrief showed the instructor's reasons
    and the confidential inject to the class."""
    from game.ui.scenes.history import HistoryScene

    s = _ended(app)
    app.instructor = True
    app.switch(HistoryScene(app, s))
    click(app, find_button(app, "<"))  # month 2, the white cell's month
    assert app.scene.turn == 2
    text = _history_text(app)
    assert "White cell inject: Storm season" in text
    for secret in SECRETS:
        assert secret not in text
    click(app, find_button(app, "White-cell view"))
    text = _history_text(app)
    assert "White cell inject: Port strike in Cartagena (to Colombia only)" in text
    assert "reason: Congress supplemental" in text
    click(app, find_button(app, ">"))  # a new turn keeps the view asked for
    click(app, find_button(app, "<"))
    assert "reason: Congress supplemental" in _history_text(app)
    click(app, find_button(app, "White-cell view"))
    assert not any(secret in _history_text(app) for secret in SECRETS)
    app.instructor = False  # a table without an instructor has no button
    app.switch(HistoryScene(app, s))
    names = [str(el.text) for el in app.ui.get_sprite_group().sprites() if hasattr(el, "text")]
    assert "White-cell view" not in names
    assert not app.internal_errors


def test_time_travel_shows_only_the_leaks_the_table_heard_of(app):
    from game.ui.scenes.history import HistoryScene

    s = played(app, "caribbean", 8)
    hidden = [(i + 1, leak) for i, rec in enumerate(s.game.history)
              for leak in rec.report.leaks if not leak["discovered"]]
    assert hidden, "seed gives an undiscovered leak"
    turn, leak = hidden[0]
    app.instructor = True
    scene = HistoryScene(app, s)
    app.switch(scene)
    scene.go(turn)
    app.step()
    name = f"intelligence {s.side_name(leak['from'])} shared leaked through " \
        f"{s.side_name(leak['to'])}"
    assert f"Leak (undiscovered): {name}" not in _history_text(app)
    click(app, find_button(app, "White-cell view"))
    assert f"Leak (undiscovered): {name}" in _history_text(app)
    assert not app.internal_errors


def test_time_travel_marks_a_confidential_inject_in_the_white_cell_view(app):
    """It read as a plain "Event: Port strike", not saying who alone had seen it."""
    from game.core.orders import InstructorAction
    from game.ui.scenes.history import HistoryScene

    s = played(app, "tutorial", 1)
    assert s.instructor_action(InstructorAction(
        kind="inject", reason="pressure", title="Port strike", text="Cartagena is shut.",
        audience=("colombia",))) == []
    s.end_turn()
    app.instructor = True
    scene = HistoryScene(app, s)
    app.switch(scene)
    scene.go(2)
    app.step()
    assert "Port strike" not in _history_text(app)
    click(app, find_button(app, "White-cell view"))
    assert "White cell inject: Port strike (to Colombia only)" in _history_text(app)
    assert not app.internal_errors


def test_an_event_for_particular_delegations_stays_off_the_public_timeline(app, tmp_path):
    """A scenario event with an audience is shown to those seats only; the projected debrief
    listed it for the whole class."""
    from conftest import tutorial_with_us_only_event

    from game.ui.session import SeatPlan, Session

    sc = tutorial_with_us_only_event(tmp_path)
    ev = sc.events["new_cutter_funds"]
    s = Session.new(sc, SeatPlan.demo(sc), saves_dir=app.saves_dir, autosave=False)
    for _ in range(3):
        s.end_turn()
    assert "new_cutter_funds" in s.reports[2].events
    public = [x for x in timeline(s, events=True, white=False) if " · EVENT " in x]
    white = [x for x in timeline(s, events=True) if " · EVENT " in x]
    assert not any(ev.title in x for x in public)
    assert [x for x in white if ev.title in x] == [
        f"Month 3 · EVENT {ev.title}. Expected: {ev.expected_action}"]
