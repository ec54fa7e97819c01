"""Child process for test_crash_safety: saves a real game to the same file over and over,
printing the sequence number of each save once it is complete (renamed into place).

The number travels in the save as the US delegation's pending rationale."""

from __future__ import annotations

import sys
from pathlib import Path

from game.ai.session import Game, Seat
from game.core.orders import BlueOrders
from game.persistence.games import remember_scenario_text, save_game
from game.scenario import load_scenario_text

TUTORIAL = Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.yaml"


def main(path: str, count: int) -> None:
    text = TUTORIAL.read_text(encoding="utf-8")
    game = Game.new(load_scenario_text(text, str(TUTORIAL), TUTORIAL.parent), seed=5,
                    seats={"usa": Seat.person()})
    remember_scenario_text(game, text, TUTORIAL.name)
    game.play(game.scenario.turns - 1)
    for n in range(1, count + 1):
        game.submit("usa", BlueOrders(nation="usa", rationale=str(n)))
        save_game(game, path)
        sys.stdout.write(f"{n}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
