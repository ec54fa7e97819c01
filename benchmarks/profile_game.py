"""Profile whole games: python benchmarks/profile_game.py [SCENARIO] [GAMES]."""

import cProfile
import pstats
import sys
from pathlib import Path

from game.ai.session import Game
from game.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "caribbean"
    games = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    sc = load_scenario(ROOT / "scenarios" / f"{name}.yaml")
    Game.new(sc, seed=0).play()  # warm caches
    prof = cProfile.Profile()
    prof.enable()
    for seed in range(1, games + 1):
        Game.new(sc, seed=seed).play()
    prof.disable()
    pstats.Stats(prof).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
