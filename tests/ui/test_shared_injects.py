"""A confidential inject (one with an audience) is private to its seats: the shared turn
report and the news ticker, which every seat and the observer view show, keep its title,
text, addressee and the instructor's reason off; they count its card. The white cell's
other actions show on the shared report as the students' after-action report would have
them: what was done, without the instructor's reason, except a seat's hand-over, whose
reason tells the class why the computer took a side."""

from __future__ import annotations

from conftest import box_texts, click, find_button, white_cell_month2

from game.ui.scenes.resolution import ReportScene, news_lines


def _month2(app):
    """The white cell's month 2 of `white_cell_month2`, ended."""
    s = white_cell_month2(app)
    return s, s.end_turn()


def test_the_news_leaves_out_a_confidential_inject(app):
    s, report = _month2(app)
    news = news_lines(s, report)
    assert news[0] == "Month 2: Storm season"
    assert not any("Port strike" in x or "Cartagena" in x for x in news)
    assert not app.internal_errors


def test_the_shared_report_keeps_a_confidential_inject_and_the_reasons_off(app):
    s, report = _month2(app)
    app.instructor = True  # the instructor runs the game; the table sees the public view
    app.switch(ReportScene(app, report))
    app.step()
    lines = [x for x in app.scene._lines(s, report) if "White cell" in x]
    assert lines == [
        "<b>White cell:</b> inject “Storm season” to everyone.",
        "<b>White cell:</b> adjusted United States budget from next month: set 80.",
        "<b>White cell:</b> Colombia handed to the computer (baseline policy) - Colombia "
        "delegation called away"]
    on_screen = " ".join(box_texts(app))
    assert "Storm season" in on_screen  # the card for everyone
    for secret in ("Port strike", "Cartagena", "Dock workers", "Test Colombia",
                   "Congress supplemental", "Set the scene"):
        assert secret not in on_screen
    labels = [str(el.text) for el in app.ui.get_sprite_group().sprites()
              if hasattr(el, "text") and "confidential" in str(el.text)]
    assert labels == ["+ 1 confidential card(s) for particular delegations: each sees its "
                      "own on its screen"]
    assert not app.internal_errors


def test_the_white_cell_view_shows_the_inject_and_every_reason(app):
    s, report = _month2(app)
    app.instructor = True
    app.switch(ReportScene(app, report))
    app.step()
    click(app, find_button(app, "White-cell view"))
    lines = [x for x in app.scene._lines(s, report) if "White cell" in x]
    assert lines == [
        "<b>White cell:</b> inject “Port strike in Cartagena” to Colombia - Test Colombia's "
        "reporting of the strike",
        "<b>White cell:</b> inject “Storm season” to everyone - Set the scene",
        "<b>White cell:</b> adjusted United States budget from next month: set 80 - Congress supplemental",
        "<b>White cell:</b> Colombia handed to the computer (baseline policy) - Colombia "
        "delegation called away"]
    assert ("<b>Port strike in Cartagena</b> (confidential: Colombia only)<br>Dock workers "
            "strike; your boats cannot refuel.") in box_texts(app)
    assert not app.internal_errors
