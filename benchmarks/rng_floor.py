"""The cost of a game's random draws alone: python benchmarks/rng_floor.py [SCENARIO] [GAMES].

Plays GAMES games (AI on every seat, shadow game included) while recording every generator
the game derives (`turn_rng`: a SeedSequence and a PCG64 per turn and stream) and every draw
it makes (method and arguments). Then it times the same derivations and draws again, on
their own, with nothing else running. That figure is a floor for any engine that keeps
today's random design: it must make the same draws to give the same, replayable games.
"""

import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

import game.ai.session as session_mod
import game.core.rng as rng_mod
from game.ai.session import Game
from game.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent


class _Recorder:
    """Wraps a generator and records each call as (method, args, kwargs)."""

    def __init__(self, gen, log):
        self._gen, self._log = gen, log

    def __getattr__(self, name):
        attr = getattr(self._gen, name)
        if not callable(attr):
            return attr

        def call(*args, **kwargs):
            self._log.append((name, [np.array(a, copy=True) if isinstance(a, np.ndarray) else a
                                     for a in args], dict(kwargs)))
            return attr(*args, **kwargs)
        return call


def record(sc, seeds):
    """Per game: the turn_rng arguments derived and the calls made on each generator."""
    games = []
    real = rng_mod.turn_rng

    def recording(seed, turn, stream):
        log: list = []
        games[-1].append(((seed, turn, stream), log))
        return _Recorder(real(seed, turn, stream), log)

    rng_mod.turn_rng = session_mod.turn_rng = recording
    try:
        for seed in seeds:
            games.append([])
            Game.new(sc, seed=seed).play()
    finally:
        rng_mod.turn_rng = session_mod.turn_rng = real
    return games


def replay(games) -> float:
    """CPU seconds to derive the same generators and make the same draws."""
    turn_rng = rng_mod.turn_rng
    start = time.process_time()
    for game in games:
        for args, calls in game:
            gen = turn_rng(*args)
            for name, a, kw in calls:
                getattr(gen, name)(*a, **kw)
    return time.process_time() - start


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "caribbean"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    sc = load_scenario(ROOT / "scenarios" / f"{name}.yaml")
    seeds = list(range(1, n + 1))
    start = time.process_time()
    for seed in seeds:
        Game.new(sc, seed=seed).play()
    game_ms = (time.process_time() - start) / n * 1000
    games = record(sc, seeds)
    gens = sum(len(g) for g in games) / n
    calls = Counter(c[0] for g in games for _a, log in g for c in log)
    floor_ms = min(replay(games) for _ in range(3)) / n * 1000
    derive_ms = min(replay([[(a, []) for a, _log in g] for g in games])
                    for _ in range(3)) / n * 1000
    print(f"{sc.id}: {n} games, {game_ms:.1f} ms of CPU per game")
    print(f"  generators derived per game: {gens:.0f} ({derive_ms:.2f} ms)")
    print("  draws per game: " + ", ".join(f"{k} {v / n:.0f}" for k, v in calls.most_common()))
    print(f"  random draws alone: {floor_ms:.2f} ms per game "
          f"({100 * floor_ms / game_ms:.1f}% of a game today)")


if __name__ == "__main__":
    main()
