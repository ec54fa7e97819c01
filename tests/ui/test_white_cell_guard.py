"""A delegation's own screen is the students': once the instructor had opened the white cell
(Ctrl+W and confirm), every Blue seat's top bar offered "True flows" and "White cell", and
one click showed the true map or the white cell's log, confidential injects and all. Both
now ask first, every time, on a seat's screen."""

from __future__ import annotations

import pygame
from conftest import click, confirm, find_button, into_turn


def _ctrl_w(app) -> None:
    app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_w, mod=pygame.KMOD_CTRL,
                                 unicode="w", scancode=0)])
    app.step()


def test_the_truth_is_never_one_click_away_on_a_delegations_screen(app):
    into_turn(app, "caribbean")  # the United States' screen; the app is not the instructor's
    assert app.scene.name == "turn" and not app.instructor
    _ctrl_w(app)
    assert app.scene.name == "turn" and app.pending_confirm  # asks
    confirm(app)
    assert app.scene.name == "instructor" and app.instructor
    click(app, find_button(app, "Back"))
    assert app.scene.name == "turn"
    # the buttons are there now, for the instructor, and each asks before it shows anything
    click(app, find_button(app, "True flows"))
    assert not app.scene.true_view and app.pending_confirm
    assert "Students should look away" in app.pending_confirm[0].confirmation_text.html_text
    confirm(app)
    assert app.scene.true_view
    assert app.scene.map.data.true_flows
    click(app, find_button(app, "Seat's view"))  # hiding it again needs no question
    assert not app.scene.true_view and not app.scene.map.data.true_flows
    app.pending_confirm = None
    click(app, find_button(app, "White cell"))
    assert app.scene.name == "turn" and app.pending_confirm
    _ctrl_w(app)
    assert app.scene.name == "turn"
    assert not app.internal_errors


def test_from_a_shared_screen_the_instructor_goes_straight_in(app):
    from game.ui.scenes.resolution import ReportScene

    into_turn(app, "caribbean")
    app.instructor = True
    s = app.session
    for side in s.human_seats():
        s.submit(side)
    report = s.end_turn()
    app.switch(ReportScene(app, report))
    app.step()
    _ctrl_w(app)
    assert app.scene.name == "instructor"
    assert not app.internal_errors
