"""A seed plays the same game on every Python version the project supports.

Python 3.12 made `sum()` add floats with compensation (Neumaier summation); 3.11 adds them
left to right. The rules add with `numbers.sum_in_order`, so their results do not depend on
which one the interpreter's `sum()` is. The test plays games with `sum()` replaced by the
3.12 algorithm and checks every report and batch figure is unchanged."""

import builtins
import math

from game.ai.session import Game
from game.core.numbers import sum_in_order
from game.headless import game_summary, play_game
from tests.engine.builders import with_turns
from tests.engine.conftest import scenario

_builtin_sum = builtins.sum


def neumaier_sum(iterable, start=0):
    """sum() as Python 3.12 adds floats: with a running compensation term."""
    items = list(iterable)
    if not all(type(x) is float for x in items) or type(start) not in (int, float):
        return _builtin_sum(items, start)
    total, comp = float(start), 0.0
    for x in items:
        t = total + x
        if abs(total) >= abs(x):
            comp += (total - t) + x
        else:
            comp += (x - t) + total
        total = t
    return total + comp if comp and math.isfinite(comp) else total


def test_sum_in_order_adds_left_to_right():
    values = [1e16, 1.0, -1e16]
    assert sum_in_order(values) == 0.0  # 1e16 + 1 rounds back to 1e16
    assert neumaier_sum(values) == 1.0  # what Python 3.12's sum() gives
    assert sum_in_order([]) == 0 and sum_in_order([2, 3]) == 5


def _play(name: str, seed: int) -> tuple[list, dict]:
    game = Game.new(with_turns(scenario(name), 8), seed)
    tons = play_game(game)
    return [r.report.to_data() for r in game.history], game_summary(game, tons)


def test_games_do_not_depend_on_how_sum_adds_floats(monkeypatch):
    want = [_play(name, seed) for name in ("caribbean", "andes") for seed in (1, 2)]
    monkeypatch.setattr(builtins, "sum", neumaier_sum)
    got = [_play(name, seed) for name in ("caribbean", "andes") for seed in (1, 2)]
    assert got == want
