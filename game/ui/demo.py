"""`interdict play SCENARIO --demo`: every seat on AI.

With `--screenshot FILE` it plays `--turns N` turns through the real scenes (resolution and
turn report), saves the final frame and returns 0, which is how CI checks the UI without a
screen. Without it, the window opens and the table watches the AI play, turn by turn."""

from __future__ import annotations

from game.core.errors import InterdictError
from game.ui.session import SeatPlan, Session


def run_demo(app, args) -> int:
    from game.scenario import load_scenario

    scenario = load_scenario(args.scenario)
    turns = min(int(args.turns or scenario.turns), scenario.turns)
    plan = SeatPlan.demo(scenario, args.seed)
    shot = getattr(args, "screenshot", None)
    app.session = Session.new(scenario, plan, instructor=app.instructor,
                              saves_dir=app.saves_dir, autosave=not shot)
    app.session.turn_limit = turns
    from game.ui.scenes.resolution import ReportScene, resolve_and_show
    from game.ui.scenes.turn import start_turn

    if not shot:
        app.session.autoplay = True  # reports move on after a few seconds; Ctrl+W pauses
        start_turn(app)
        return app.run()
    app.skip_animation = True
    for _ in range(turns):
        if app.session.is_over:
            break
        resolve_and_show(app)
        app.run_frames(3)
        if app.errors:
            raise InterdictError("the demo hit an error:", details=app.errors)
    if not isinstance(app.scene, ReportScene):
        start_turn(app)
    app.run_frames(5)
    if app.errors:
        raise InterdictError("the demo hit an error:", details=app.errors)
    app.screenshot(shot)
    print(f"Played {len(app.session.reports)} turn(s) of {scenario.title}; "
          f"screenshot saved to {shot}")
    return 0
