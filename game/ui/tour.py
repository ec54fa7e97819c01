"""`python -m game.ui.tour OUTDIR [--scenario ID|FILE ...] [--size WxH ...]`: a screenshot of
every screen of the real UI, for looking at what the students and the instructor see.

It drives the real `App` under the dummy video driver (no window) through the title, seats,
briefing, hand-over, each Blue tab (Operations with a route selected and assets deployed),
the Red seat, the resolution animation half-way, the turn report, the white cell, the
observer view, time travel, the load screen, an error dialog and the debrief, and writes one
PNG per screen: `OUTDIR/<scenario>-<W>x<H>-<nn>-<screen>.png`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")



def _pump(app, n: int = 3) -> None:
    app.run_frames(n)


def _find(app, text: str):
    import pygame_gui

    for el in app.ui.get_sprite_group().sprites():
        if isinstance(el, pygame_gui.elements.UIButton) and el.alive() and el.visible and \
                str(el.text).startswith(text):
            return el
    return None


def _press(app, text: str) -> bool:
    """Press a button by its label as a player would (posts pygame_gui's event)."""
    import pygame
    import pygame_gui

    b = _find(app, text)
    if b is None:
        return False
    pygame.event.post(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=b,
                                         ui_object_id=b.most_specific_combined_id))
    _pump(app, 2)
    return True


def _busiest_routes(session, side: str, n: int = 3) -> list[str]:
    flows = session.believed_flows("white")
    sc = session.scenario
    return [r for r in sorted(flows, key=lambda r: -flows[r])
            if r in sc.routes and not sc.routes[r].dormant][:n]


def tour(out: Path, scenario_id: str, size: tuple[int, int], turns_before: int = 4) -> list[Path]:
    import pygame

    from game.scenario import load_scenario
    from game.scenario.loader import find_scenario
    from game.ui.app import App
    from game.ui.mapview import wait_land_mask
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.history import HistoryScene
    from game.ui.scenes.instructor import InstructorScene
    from game.ui.scenes.load import LoadScene
    from game.ui.scenes.observer import ObserverScene
    from game.ui.scenes.resolution import ReportScene, ResolutionScene, news_lines
    from game.ui.scenes.seats import SeatsScene
    from game.ui.scenes.title import TitleScene
    from game.ui.scenes.turn import TurnScene
    from game.ui.session import SeatPlan, Session

    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    saves = Path(tempfile.mkdtemp(prefix="interdict-tour-"))
    app = App(size, fixed_dt=1 / 60, saves_dir=saves)
    wait_land_mask()
    path = Path(find_scenario(scenario_id))  # an id of scenarios/ or a file anywhere
    prefix = f"{path.stem}-{size[0]}x{size[1]}"

    def shot(name: str) -> None:
        _pump(app, 3)
        p = out / f"{prefix}-{len(shots):02d}-{name}.png"
        app.screenshot(p)
        shots.append(p)

    sc = load_scenario(str(path))
    app.switch(TitleScene(app, preselect=str(path)))
    shot("title")
    app.switch(SeatsScene(app, sc))
    shot("seats")
    # a game: two human nations, the rest on AI; a few turns played for history and news
    plan = SeatPlan.default(sc)
    humans = list(sc.nations)[:2]
    for nid in sc.nations:
        if nid not in humans:
            plan.seats[nid] = "ai:baseline"
    s = Session.new(sc, plan, saves_dir=saves, instructor=False)
    app.session = s
    for _ in range(turns_before):
        for h in humans:
            s.submit(h)
        rep = s.end_turn()
        s.news.extend(news_lines(s, rep))
    app.switch(BriefingScene(app))
    shot("briefing")
    from game.ui.scenes.handover import HandoverScene

    side = humans[0]
    app.switch(HandoverScene(app, side))
    shot("handover")
    app.switch(TurnScene(app, side))
    shot("funding")
    _press(app, "Intel")
    shot("intel")
    # Operations: deploy on the busiest legal routes, then show one selected
    for rid in _busiest_routes(s, side, 12):
        for asset in s.owned_assets(side):
            if not s.deploy_reasons(side, rid, asset):
                s.deploy(side, rid, asset, 1)
                break
    deployed = list(s.draft(side).deploy)
    routes = deployed or _busiest_routes(s, side, 1) or list(sc.routes)
    app.scene.select_route(routes[0])
    app.scene.refresh_map()
    _pump(app, 2)
    shot("operations")
    _press(app, "Access")
    shot("access")
    _press(app, "Why")
    app.scene.s.set_rationale(side, "We patrol the busiest lane and hold back full intel "
                                    "until the port authority is cleaned up; the partner "
                                    "asked for access and we grant it for one month.")
    app.rebuild()
    shot("why")
    app.switch(ObserverScene(app, back=lambda: TurnScene(app, side)))
    shot("observer")
    app.instructor = True
    app.switch(InstructorScene(app, lambda: TurnScene(app, side)))
    shot("white-cell")
    app.instructor = False
    # an error dialog on the turn screen
    app.switch(TurnScene(app, side))
    app.show_error("These orders cannot be submitted yet", [
        "funding must add up to the budget (45.0), not 47.5",
        "a Patrol ship cannot operate on land route guate_mex"])
    shot("error-dialog")
    app.dialog.kill()
    # the rest of the turn: every seat submits, then the resolution half-way
    for h in humans:
        s.submit(h)
    rep = s.end_turn()
    s.news.extend(news_lines(s, rep))
    scene = ResolutionScene(app, rep)
    app.switch(scene)
    for _ in range(int(60 * 1.8)):
        app.step()
    p = out / f"{prefix}-{len(shots):02d}-resolution.png"
    app.screenshot(p)
    shots.append(p)
    # the turn report with the most events so far
    best = max(s.reports, key=lambda r: (len(r.event_cards or ()), r.seized))
    app.switch(ReportScene(app, best))
    shot("report-events")
    quiet = min(s.reports, key=lambda r: len(r.event_cards or ()))
    app.switch(ReportScene(app, quiet))
    shot("report-quiet")
    # a Red seat
    plan_r = SeatPlan.default(sc)
    for nid in sc.nations:
        plan_r.seats[nid] = "ai:baseline"
    red = next(iter(sc.traffickers))
    plan_r.seats[red] = "human"
    sr = Session.new(sc, plan_r, saves_dir=saves, autosave=False)
    app.session = sr
    from game.ui.scenes.red import RedTurnScene

    app.switch(RedTurnScene(app, red))
    shot("red-shipments")
    _press(app, "Money")
    shot("red-money")
    app.session = s
    # time travel and the load screen
    app.instructor = True  # its White-cell view button
    app.switch(HistoryScene(app, s, back=lambda: TitleScene(app)))
    shot("history")
    app.instructor = False
    app.switch(LoadScene(app))
    shot("load")
    # the debrief: play to the end on AI
    s.plan.seats.update({h: "ai:baseline" for h in humans})
    s.turn_limit = min(sc.turns, turns_before + 4)
    while not s.is_over:
        for h in humans:
            if s.current_seat() == h:
                s.submit(h)
        s.end_turn()
    app.switch(DebriefScene(app))
    shot("debrief")
    pygame.quit()
    return shots


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m game.ui.tour", description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--scenario", action="append")
    ap.add_argument("--size", action="append")
    args = ap.parse_args(argv)
    scen = args.scenario or ["caribbean", "mediterranean"]
    sizes = [tuple(int(v) for v in s.split("x")) for s in (args.size or ["1280x800",
                                                                           "1920x1080"])]
    from game.core.errors import InterdictError

    for sid in scen:
        for size in sizes:
            try:
                shots = tour(args.out, sid, size)
            except InterdictError as exc:  # a scenario with errors: its messages, no traceback
                print(exc, file=sys.stderr)
                return 1
            print(f"{sid} {size[0]}x{size[1]}: {len(shots)} screenshots")
    return 0


if __name__ == "__main__":
    sys.exit(main())
