"""What game.core.fastrng saves: python benchmarks/rng_fast.py [SCENARIO] [GAMES].

1. One `binomial` call of the sizes the game makes (1-30 elements, n 0-20, p 0.01-0.5):
   numpy's `Generator.binomial` against `fastrng.binomial`.
2. The same calls for G = 100 games at once: numpy game by game against
   `fastrng.binomial_many` (lists of arrays) and `fastrng.binomial_flat` (one flat array).
3. Deriving one turn's generators for 100 seeds: `turn_rng` 100 times against `turn_rngs`.
4. A real game's draws (as benchmarks/rng_floor.py records them: every generator a game
   derives and every call on it), replayed three ways: as today; game by game with
   `fastrng.binomial`; and all GAMES games in lockstep (`turn_rngs` for every turn and stream,
   one `binomial_many` for the games whose next draw is the same kind of binomial call,
   numpy for the rest, each game's draws in its own order).
All times are the best of several runs (time.process_time: CPU time), in µs per call or per game.
"""

import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import rng_floor

from game.core.fastrng import binomial, binomial_flat, binomial_many, turn_rngs
from game.core.rng import turn_rng
from game.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent


def best(fn, repeat=7):
    out = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        out.append(time.process_time() - t)
    return min(out)


def single_calls() -> None:
    rs = np.random.default_rng(0)
    gen = turn_rng(1, 1, "resolve")
    reps = 2000
    print("1. one binomial call (µs):   size   numpy  fastrng")
    for m in (1, 2, 4, 6, 8, 12, 16, 20, 30):
        cases = [(rs.integers(0, 21, m), rs.uniform(0.01, 0.5, m)) for _ in range(reps)]
        a = best(lambda cases=cases: [gen.binomial(n, p) for n, p in cases]) / reps * 1e6
        b = best(lambda cases=cases: [binomial(gen, n, p) for n, p in cases]) / reps * 1e6
        print(f"{m:34d} {a:7.2f} {b:8.2f}")


def many_calls(G: int = 100) -> None:
    rs = np.random.default_rng(1)
    gens = [turn_rng(s, 1, "resolve") for s in range(G)]
    print(f"2. G = {G} games, one call each (µs per game):   size   numpy  many   flat")
    for m in (1, 2, 4, 8, 16, 30):
        calls = []
        for _ in range(50):
            ns = [rs.integers(0, 21, m) for _ in range(G)]
            ps = [rs.uniform(0.01, 0.5, m) for _ in range(G)]
            calls.append((ns, ps, np.concatenate(ns), np.concatenate(ps),
                          list(range(0, G * m + 1, m))))
        a = best(lambda calls=calls: [[g.binomial(n, p) for g, n, p in zip(gens, ns, ps)]
                                      for ns, ps, *_ in calls])
        b = best(lambda calls=calls: [binomial_many(gens, ns, ps) for ns, ps, *_ in calls])
        c = best(lambda calls=calls: [binomial_flat(gens, nf, pf, bd)
                                      for _, _, nf, pf, bd in calls])
        k = len(calls) * G / 1e6
        print(f"{m:50d} {a / k:7.2f} {b / k:5.2f} {c / k:6.2f}")


def derive(G: int = 100) -> None:
    seeds = list(range(10_000, 10_000 + G))
    a = best(lambda: [turn_rng(s, 7, "resolve") for s in seeds]) / G * 1e6
    b = best(lambda: turn_rngs(seeds, 7, "resolve")) / G * 1e6
    print(f"3. one turn's generators for {G} seeds (µs per game): turn_rng {a:.2f}, "
          f"turn_rngs {b:.2f}")


def replay_today(games) -> None:
    for game in games:
        for args, calls in game:
            gen = turn_rng(*args)
            for name, a, kw in calls:
                getattr(gen, name)(*a, **kw)


def replay_single(games) -> None:
    for game in games:
        for args, calls in game:
            gen = turn_rng(*args)
            for name, a, kw in calls:
                if name == "binomial":
                    binomial(gen, *a, **kw)
                else:
                    getattr(gen, name)(*a, **kw)


def _kind(call) -> tuple:
    """What a lockstep engine makes in one call for many games: the method, and for
    binomial whether p is one number (the interception draw) or an array (the hop draw)."""
    name, args, _ = call
    return (name, np.ndim(args[1]) == 0) if name == "binomial" else (name,)


def lockstep_plan(games):
    """The games' derivations grouped by (turn, stream, occurrence), and per group the calls
    in batches a lockstep engine would make: each game's calls keep their order, and each
    batch is one kind of call made by as many games as can make it next (greedily).
    A batch is (indices of binomial calls, their n, their p, the other calls)."""
    groups = defaultdict(list)
    for game in games:
        seen: dict = defaultdict(int)
        for (seed, turn, stream), log in game:
            key = (turn, stream, seen[turn, stream])
            seen[turn, stream] += 1
            groups[key].append((seed, log))
    plan = []
    for (turn, stream, _), members in groups.items():
        seeds = [s for s, _ in members]
        logs = [log for _, log in members]
        at = [0] * len(logs)
        steps = []
        while True:
            nxt = defaultdict(list)
            for i, log in enumerate(logs):
                if at[i] < len(log):
                    nxt[_kind(log[at[i]])].append(i)
            if not nxt:
                break
            kind, who = max(nxt.items(), key=lambda kv: len(kv[1]))
            calls = [logs[i][at[i]] for i in who]
            for i in who:
                at[i] += 1
            if kind[0] == "binomial":
                steps.append((who, [c[1][0] for c in calls], [c[1][1] for c in calls], []))
            else:
                steps.append(([], [], [], [(i, *c) for i, c in zip(who, calls)]))
        plan.append((turn, stream, seeds, steps))
    return plan


def replay_lockstep(plan) -> None:
    for turn, stream, seeds, steps in plan:
        gens = turn_rngs(seeds, turn, stream)
        for bino, ns, ps, other in steps:
            if bino:
                binomial_many([gens[i] for i in bino], ns, ps)
            for i, name, a, kw in other:
                getattr(gens[i], name)(*a, **kw)


def real_game(name: str, n: int) -> None:
    sc = load_scenario(ROOT / "scenarios" / f"{name}.yaml")
    games = rng_floor.record(sc, list(range(1, n + 1)))
    plan = lockstep_plan(games)
    today = best(lambda: replay_today(games), 3) / n * 1e3
    single = best(lambda: replay_single(games), 3) / n * 1e3
    lock = best(lambda: replay_lockstep(plan), 3) / n * 1e3
    print(f"4. {sc.id}, {n} games: a game's generators and draws (ms per game): "
          f"today {today:.2f}, with fastrng.binomial {single:.2f}, "
          f"{n} games in lockstep {lock:.2f}")


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "caribbean"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    single_calls()
    many_calls()
    derive()
    real_game(name, n)


if __name__ == "__main__":
    main()
