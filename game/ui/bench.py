"""Frame-time benchmark: `python -m game.ui.bench [--frames N] [--size WxH] [SCENARIO...]`.

For each scenario (default: every file in scenarios/), opens the real UI with the dummy video
driver, goes to the first human seat's turn screen (map, panel, ticker), warms the tile cache,
then times `App.step()` over N frames in three situations:

- idle: the turn screen with nothing happening;
- hover: the mouse sweeping across the map (hit tests, hover highlight, tooltips);
- pan: dragging the map at zoom 2 (the map picture is rebuilt every frame; new background
  tiles are rendered as they come into view);
- animate: the resolution screen's moving shipments and seizure flashes;
- report: the turn report (cards, table, the map of seizures), the mouse over its map;
- rebuild: the seat's panel rebuilt, ten times per tab (what a +/-, an undo or a tab switch
  costs); its second figure is the slowest rebuild, not a p95.

Prints the median and 95th percentile per situation. Target (issue 5): median < 8 ms,
p95 < 16 ms at 1280x800 on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path


def _percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    if not s:
        return 0.0
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def bench_scenario(path: Path, size: tuple[int, int], frames: int) -> dict[str, tuple[float, float]]:
    import pygame

    from game.scenario import load_scenario
    from game.ui.app import App
    from game.ui.mapview import wait_land_mask
    from game.ui.scenes.resolution import ReportScene, ResolutionScene
    from game.ui.scenes.turn import TurnScene
    from game.ui.session import SeatPlan, Session

    scenario = load_scenario(str(path))
    app = App(size, fixed_dt=1 / 60, saves_dir=Path(os.devnull).parent / "tmp")
    wait_land_mask()
    plan = SeatPlan.default(scenario)
    app.session = Session.new(scenario, plan, autosave=False)
    side = app.session.human_seats()[0]
    app.switch(TurnScene(app, side))
    for _ in range(5):
        app.step()
    out: dict[str, tuple[float, float]] = {}

    def timed(events_for_frame) -> tuple[float, float]:
        times = []
        for i in range(frames):
            evs = events_for_frame(i)
            t0 = time.perf_counter()
            app.step(evs)
            times.append((time.perf_counter() - t0) * 1000)
        return statistics.median(times), _percentile(times, 0.95)

    out["idle"] = timed(lambda i: [])
    rect = app.scene.map.rect
    # a panel rebuilt (every +/-, undo, tab switch or buy rebuilds the seat's panel): ten
    # rebuilds of each tab
    rebuilds = []
    for tab, _name in app.scene.tabs:
        app.scene.set_tab(tab)
        app.step()
        for _ in range(10):
            t0 = time.perf_counter()
            app.rebuild()
            rebuilds.append((time.perf_counter() - t0) * 1000)
    app.scene.set_tab(app.scene.tabs[0][0])
    app.step()
    out["rebuild"] = statistics.median(rebuilds), max(rebuilds)

    def hover(i):
        x = rect.x + 10 + (i * 7) % max(1, rect.w - 20)
        y = rect.y + 10 + (i * 5) % max(1, rect.h - 20)
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y), rel=(7, 5), buttons=(0, 0, 0))]

    out["hover"] = timed(hover)
    # a drag across the map at zoom 2: the map picture is rebuilt every frame and new tiles
    # come in at the edges (the worst case a student meets)
    app.scene.map.zoom_at(3)
    cx, cy = rect.center
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(cx, cy), button=1)])

    def drag(i):
        phase = (i // 40) % 4
        dx, dy = ((6, 0), (0, 6), (-6, 0), (0, -6))[phase]
        x = cx + dx * (i % 40)
        y = cy + dy * (i % 40)
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y), rel=(dx, dy),
                                   buttons=(1, 0, 0))]

    out["pan"] = timed(drag)
    app.step([pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(cx, cy), button=1)])
    report = app.session.game.end_turn()
    app.session.reports.append(report)
    app.switch(ResolutionScene(app, report))
    app.step()
    scene = app.scene

    def animate(i):
        scene.t = (i % 180) / 60.0  # keep it animating
        return []

    out["animate"] = timed(animate)
    app.switch(ReportScene(app, report))
    app.step()
    mrect = app.scene.seizure_map.rect if app.scene.seizure_map is not None else rect

    def report_hover(i):  # the report screen, the mouse over its map of seizures
        x = mrect.x + 5 + (i * 7) % max(1, mrect.w - 10)
        y = mrect.y + 5 + (i * 5) % max(1, mrect.h - 10)
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y), rel=(7, 5), buttons=(0, 0, 0))]

    out["report"] = timed(report_hover)
    pygame.quit()
    return out


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    p = argparse.ArgumentParser(prog="python -m game.ui.bench", description=__doc__.split("\n")[0])
    p.add_argument("scenarios", nargs="*")
    p.add_argument("--frames", type=int, default=300)
    p.add_argument("--size", default="1280x800")
    args = p.parse_args(argv)
    from game.ui.app import parse_size

    size = parse_size(args.size)
    from game.scenario import find_scenario, scenario_files

    paths = [Path(find_scenario(s)) for s in args.scenarios] or scenario_files()
    print(f"UI frame times at {size[0]}x{size[1]}, dummy video driver, {args.frames} frames each; "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {sys.version.split()[0]}")
    print(f"{'scenario':<14} {'screen':<8} {'median ms':>10} {'p95 ms':>8}")
    for path in paths:
        res = bench_scenario(path, size, args.frames)
        for what, (med, p95) in res.items():
            print(f"{path.stem:<14} {what:<8} {med:>10.2f} {p95:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
