"""Monkey test: thousands of random clicks, drags, wheel turns, key presses and window
resizes across every screen, with a fixed seed. Nothing may raise (the app's guard records
any exception it catches), and the game the monkey played must still be a valid game: every
turn balances, no order the UI submitted was rejected, and a replay from the seed reproduces
every report exactly."""

from __future__ import annotations

import numpy as np
import pygame
import pygame_gui
from conftest import LONG, SCENARIOS

from game.ui.scenes.title import TitleScene

N_EVENTS = 20_000 if LONG else 2_000
KEYS = (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_RETURN,
        pygame.K_ESCAPE, pygame.K_TAB, pygame.K_SPACE, pygame.K_z, pygame.K_a, pygame.K_1,
        pygame.K_PLUS, pygame.K_MINUS, pygame.K_HOME, pygame.K_BACKSPACE, pygame.K_F11,
        pygame.K_w, pygame.K_F1)
SIZES = ((1280, 800), (1920, 1080), (1024, 700), (1440, 900), (960, 600))


def _jump(app, rng):
    """Force a screen the monkey may not reach by itself, so every screen gets visits."""
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.instructor import InstructorScene
    from game.ui.scenes.load import LoadScene
    from game.ui.scenes.observer import ObserverScene
    from game.ui.scenes.turn import seat_scene, start_turn

    s = app.session
    choices = ["title", "load", "red"]
    if s is not None:
        choices += ["briefing", "start", "observer", "instructor", "turn"]
        if s.reports:
            choices += ["debrief", "history"]
    _jump.count = getattr(_jump, "count", 0) + 1
    what = choices[_jump.count % len(choices)]  # in turn, so every screen gets visits
    if what == "red":  # a game where a student team plays the first trafficker
        from game.scenario import load_scenario
        from game.ui.session import SeatPlan, Session

        sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
        plan = SeatPlan.default(sc)
        plan.seats[next(iter(sc.traffickers))] = "human"
        app.session = Session.new(sc, plan, saves_dir=app.saves_dir)
        start_turn(app)
        app.scene.go()  # past the hand-over, to the Red team's screen
    elif what == "title":
        app.switch(TitleScene(app, preselect=str(SCENARIOS / "tutorial.yaml")))
    elif what == "load":
        app.switch(LoadScene(app))
    elif what == "briefing":
        app.switch(BriefingScene(app))
    elif what == "start":
        start_turn(app)
    elif what == "observer":
        app.switch(ObserverScene(app, back=lambda: TitleScene(app)))
    elif what == "instructor":
        app.instructor = True
        app.switch(InstructorScene(app, lambda: ObserverScene(app)))
    elif what == "turn" and s.current_seat() is not None:
        # the seat's own screen (a trafficker's is the Red one), as the game picks it
        app.switch(seat_scene(app, s.current_seat()))
    elif what == "debrief":
        app.switch(DebriefScene(app))
    elif what == "history":
        from game.ui.scenes.history import HistoryScene

        app.switch(HistoryScene(app, s, back=lambda: TitleScene(app)))


def _random_event(app, rng) -> list[pygame.event.Event]:
    w, h = app.size
    r = rng.random()
    if r < 0.45:  # a click, mostly on a live widget
        live = [e for e in app.ui.get_sprite_group().sprites()
                if isinstance(e, pygame_gui.core.UIElement) and e.alive() and e.visible]
        if live and rng.random() < 0.75:
            rect = live[int(rng.integers(len(live)))].rect
            pos = (int(rect.x + rng.random() * max(1, rect.w)),
                   int(rect.y + rng.random() * max(1, rect.h)))
        else:
            pos = (int(rng.integers(w)), int(rng.integers(h)))
        b = 1 if rng.random() < 0.9 else 3
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=b),
                pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=b)]
    if r < 0.6:  # a drag
        x, y = int(rng.integers(w)), int(rng.integers(h))
        evs = [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(x, y), button=1)]
        for _ in range(int(rng.integers(1, 6))):
            dx, dy = int(rng.integers(-80, 81)), int(rng.integers(-80, 81))
            x, y = max(0, min(w - 1, x + dx)), max(0, min(h - 1, y + dy))
            evs.append(pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y), rel=(dx, dy),
                                          buttons=(1, 0, 0)))
        evs.append(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(x, y), button=1))
        return evs
    if r < 0.72:  # the wheel
        pos = (int(rng.integers(w)), int(rng.integers(h)))
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=int(rng.choice([-2, -1, 1, 2])),
                                   flipped=False, precise_x=0.0, precise_y=0.0)]
    if r < 0.9:  # keys, sometimes with Ctrl
        k = int(KEYS[int(rng.integers(len(KEYS)))])
        mod = pygame.KMOD_CTRL if rng.random() < 0.15 else 0
        evs = [pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0),
               pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0)]
        if rng.random() < 0.3:
            evs.append(pygame.event.Event(pygame.TEXTINPUT, text=str(rng.choice(list("ab1 .")))))
        return evs
    if r < 0.95:  # hover
        pos = (int(rng.integers(w)), int(rng.integers(h)))
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))]
    size = SIZES[int(rng.integers(len(SIZES)))]
    return [pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])]


def test_monkey(app):
    rng = np.random.default_rng(20261126)
    app.switch(TitleScene(app, preselect=str(SCENARIOS / "tutorial.yaml")))
    app.step()
    seen = set()
    sessions = []
    for i in range(N_EVENTS):
        if i % 300 == 299:
            _jump(app, rng)
        if app.session is None and i % 40 == 39 and app.scene.name == "title":
            app.scene.start()  # the monkey rarely finds the way in by itself
        if i % 20 == 19:  # press the screen's main button, as a student eventually does
            name = app.scene.name
            act = {"handover": "go", "turn": "end_turn", "report": "next",
                   "resolution": "finish", "briefing": "begin", "seats": "start"}.get(name)
            if act:
                getattr(app.scene, act)()
        if app.session is not None and app.session.paused and i % 30 == 0:
            app.session.paused = False
        app.step(_random_event(app, rng))
        if app.dialog is not None and rng.random() < 0.5:
            app.dialog.kill()
        seen.add(app.scene.name)
        if app.session is not None and all(x is not app.session for x in sessions):
            sessions.append(app.session)
        assert not app.internal_errors, app.internal_errors[0]
    assert {"title", "turn", "handover", "instructor", "observer", "red_turn"} <= seen, seen
    from game.ai.session import Game

    played = [s for s in sessions if s.game.history]
    assert played, "the monkey never finished a turn"
    for s in played:
        game = s.game
        humans = set(s.human_seats())
        for rec in game.history:
            r = rec.report
            assert abs(r.shipped - (r.seized + r.delivered)) < 1e-6
            assert not [x for x in r.rejected if x["side"] in humans], r.rejected
        again = Game.replay(game.scenario, game.seed, game.seat_data(), game.history)
        assert game.first_divergence(again.history) is None
