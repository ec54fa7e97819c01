"""Benchmarks: `python -m game.bench [--quick]`.

For each scenario in scenarios/ and for a generated stress scenario (1,000 locations, 5,000
routes, 30 nations, 10 traffickers) prints: load + validate time, the median and 95th
percentile time of one `resolve` call and of one whole turn (AI decisions, resolve, the
no-action shadow game), the CPU time of one whole game in one process, and games per second
for `interdict batch` on all cores.
Figures are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

import numpy as np

from game.core.catalogue import BUILTIN_ASSET_TYPES
from game.core.model import (
    Alliance,
    Location,
    MapSpec,
    Nation,
    Route,
    Scenario,
    Trafficker,
    frozen_map,
)


def stress_scenario(n_locations: int = 1000, n_routes: int = 5000, n_nations: int = 30,
                    n_traffickers: int = 10, seed: int = 1) -> Scenario:
    """A large synthetic theatre: locations in 10 bands from south (sources) to north
    (markets); routes join each band to the next (plus some within a band)."""
    rng = np.random.default_rng(seed)
    bands = 10
    per = n_locations // bands
    nations = {}
    for i in range(n_nations):
        nid = f"n{i:02d}"
        nations[nid] = Nation(
            id=nid, name=f"Nation {i}", budget=float(rng.integers(20, 120)),
            corruption=float(rng.uniform(0.05, 0.7)), governance=float(rng.uniform(0.2, 0.9)),
            intel=float(rng.uniform(0.2, 0.9)),
            sovereignty=("open", "consent", "closed")[int(rng.integers(3))],
            assets=frozen_map({"patrol_ship": int(rng.integers(1, 5)),
                               "maritime_patrol_aircraft": int(rng.integers(0, 3)),
                               "border_team": int(rng.integers(0, 5)),
                               "uav": int(rng.integers(0, 3))}))
    nids = list(nations)
    locations = {}
    for b in range(bands):
        for j in range(per):
            lid = f"l{b}_{j}"
            kind = "source" if b == 0 else "market" if b == bands - 1 else "transit"
            locations[lid] = Location(
                id=lid, name=lid, nation=nids[(b * 3 + j * n_nations // per) % n_nations],
                at=(-100.0 + 60.0 * j / per, -10.0 + 45.0 * b / bands), kind=kind,
                production=float(rng.uniform(2, 8)) if kind == "source" else 0.0,
                demand=20.0 if kind == "market" else 0.0,
                price=float(rng.uniform(10, 30)) if kind == "market" else 0.0)
    lids = list(locations)
    routes = {}
    modes = ("maritime", "air", "land")
    k = 0
    while len(routes) < n_routes:
        b = int(rng.integers(bands - 1)) if k % 10 else int(rng.integers(bands))
        j = int(rng.integers(per))
        src = f"l{b}_{j}"
        if k % 10 == 0:  # within a band
            dst = f"l{b}_{(j + int(rng.integers(1, 4))) % per}"
        else:
            dst = f"l{b + 1}_{(j + int(rng.integers(-5, 6))) % per}"
        rid = f"r{k}"
        k += 1
        routes[rid] = Route(
            id=rid, origin=src, dest=dst, mode=modes[int(rng.integers(3))],
            capacity=float(rng.uniform(5, 40)), cost=float(rng.uniform(0.5, 3)),
            concealment=float(rng.uniform(0.1, 0.6)),
            jurisdiction="international" if rng.random() < 0.3 else locations[src].nation,
            dormant=bool(rng.random() < 0.05))
    traffickers = {}
    sources = [x for x in lids if x.startswith("l0_")]
    markets = [x for x in lids if x.startswith(f"l{bands - 1}_")]
    for t in range(n_traffickers):
        tid = f"t{t}"
        traffickers[tid] = Trafficker(
            id=tid, name=f"Organisation {t}",
            sources=tuple(rng.choice(sources, 3, replace=False).tolist()),
            markets=tuple(rng.choice(markets, 3, replace=False).tolist()),
            adaptiveness=float(rng.uniform(0.3, 0.8)), resources=50.0)
    alliances = {}
    for a in range(5):
        members = tuple(nids[a * 6:(a + 1) * 6])
        alliances[f"a{a}"] = Alliance(f"a{a}", f"Alliance {a}", members, "partial",
                                      bool(a % 2 == 0), 0.5)
    return Scenario(id="stress", title="Stress test", turns=24, seed=seed,
                    map=MapSpec((-100.0, -10.0, -40.0, 35.0)),
                    nations=frozen_map(nations), alliances=frozen_map(alliances),
                    locations=frozen_map(locations), routes=frozen_map(routes),
                    traffickers=frozen_map(traffickers), asset_types=BUILTIN_ASSET_TYPES)


def _pct(xs: list[float], q: float) -> float:
    return float(np.percentile(np.array(xs), q)) * 1000.0


def bench_scenario(sc: Scenario, games: int, repeats: int = 7) -> dict:
    """Per-turn times. `resolve` is timed on every recorded turn in `repeats` passes over all
    the turns, and the fastest time of each turn is kept: a burst of other work on the machine
    slows one pass, not every repeat of a turn. A whole turn (AI decisions + resolve + the
    shadow game) is timed once per turn as played."""
    from game.ai.session import Game
    from game.core.resolve import resolve
    from game.core.rng import turn_rng

    pairs = []
    turn_times: list[float] = []
    for g in range(games):
        game = Game.new(sc, seed=g + 1)
        while not game.is_over:
            t = time.perf_counter()
            orders = game.collect_orders()
            state = game.state
            game.end_turn(orders)
            turn_times.append(time.perf_counter() - t)
            pairs.append((state, orders, g + 1))
    best = [float("inf")] * len(pairs)
    for _ in range(repeats):
        for i, (state, orders, seed) in enumerate(pairs):
            rng = turn_rng(seed, state.turn, "resolve")
            t = time.perf_counter()
            resolve(state, orders, rng)
            best[i] = min(best[i], time.perf_counter() - t)
    return {"resolve_median_ms": _pct(best, 50), "resolve_p95_ms": _pct(best, 95),
            "turn_median_ms": _pct(turn_times, 50), "turn_p95_ms": _pct(turn_times, 95)}


def game_cpu_ms(sc: Scenario, seeds: list[int]) -> float:
    """CPU time of one whole game in this process (baseline shadow game included), the best
    of `seeds` games: less sensitive to other programs than wall-clock games per second."""
    from game.ai.session import Game

    best = float("inf")
    for seed in seeds:
        t = time.process_time()
        Game.new(sc, seed=seed).play()
        best = min(best, time.process_time() - t)
    return best * 1000.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.bench")
    parser.add_argument("--quick", action="store_true", help="fewer games (a smoke run)")
    parser.add_argument("--no-stress", action="store_true")
    parser.add_argument("--batch-runs", type=int, default=200)
    args = parser.parse_args(argv)
    from game.core.network import compiled
    from game.headless import run_batch
    from game.scenario import load_scenario, scenario_files

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    print(f"machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"numpy {np.__version__}, load average {os.getloadavg()[0]:.1f}")
    print(f"{'scenario':<16} {'load ms':>8} {'resolve med':>12} {'p95':>7} "
          f"{'turn med':>9} {'p95':>7} {'game cpu ms':>12} {'games/s':>8}")
    games = 2 if args.quick else 5
    runs = 20 if args.quick else args.batch_runs
    for path in scenario_files():
        t = time.perf_counter()
        sc = load_scenario(path)
        compiled(sc)
        load_ms = (time.perf_counter() - t) * 1000
        r = bench_scenario(sc, games)
        cpu = game_cpu_ms(sc, list(range(1, games + 1)))
        t = time.perf_counter()
        run_batch(str(path), list(range(1, runs + 1)))
        gps = runs / (time.perf_counter() - t)
        print(f"{sc.id:<16} {load_ms:8.1f} {r['resolve_median_ms']:12.2f} "
              f"{r['resolve_p95_ms']:7.2f} {r['turn_median_ms']:9.2f} {r['turn_p95_ms']:7.2f} "
              f"{cpu:12.1f} {gps:8.1f}")
    if not args.no_stress:
        t = time.perf_counter()
        sc = stress_scenario()
        build_ms = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        net = compiled(sc)
        compile_ms = (time.perf_counter() - t) * 1000
        sc = Scenario(**{**sc.__dict__, "turns": 6})
        r = bench_scenario(sc, 1)
        print(f"{'stress':<16} {build_ms + compile_ms:8.1f} {r['resolve_median_ms']:12.2f} "
              f"{r['resolve_p95_ms']:7.2f} {r['turn_median_ms']:9.2f} {r['turn_p95_ms']:7.2f} "
              f"{'-':>12} {'-':>8}")
        print(f"  stress: {len(sc.locations)} locations, {len(sc.routes)} routes, "
              f"{len(sc.nations)} nations, {len(sc.traffickers)} traffickers, "
              f"{net.n_paths} paths; path enumeration {compile_ms:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
