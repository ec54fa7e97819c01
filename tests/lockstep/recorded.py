"""Single-game runs recorded turn by turn: what every lockstep step is checked against.

`recorded(name, seeds, turns)` plays each seed with the scenario's default seats (the
no-action shadow game included), exactly as `interdict batch` does, and keeps per turn the
state before it, the orders given, the shadow game's state and orders, and the reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.ai.session import Game
from game.core.model import frozen_map
from game.core.orders import TurnOrders
from game.core.report import TurnReport
from game.core.state import State
from tests.engine.builders import with_turns
from tests.engine.conftest import scenario


@dataclass
class Turn:
    turn: int
    states: list[State] = field(default_factory=list)  # per game, before the turn
    orders: list[TurnOrders] = field(default_factory=list)
    shadow_states: list[State] = field(default_factory=list)
    shadow_orders: list[TurnOrders] = field(default_factory=list)
    reports: list[TurnReport] = field(default_factory=list)
    after: list[State] = field(default_factory=list)  # per game, after the turn
    shadow_after: list[State] = field(default_factory=list)


_CACHE: dict = {}


def recorded(name: str, seeds: tuple[int, ...], turns: int | None = None) -> list[Turn]:
    key = (name, seeds, turns)
    if key in _CACHE:
        return _CACHE[key]
    sc = scenario(name)
    if turns is not None:
        sc = with_turns(sc, turns)
    games = [Game.new(sc, seed) for seed in seeds]
    out = []
    for turn in range(1, sc.turns + 1):
        rec = Turn(turn)
        for game in games:
            rec.states.append(game.state)
            rec.shadow_states.append(game.shadow)
            orders = game.collect_orders()
            rec.orders.append(orders)
            rec.shadow_orders.append(TurnOrders(turn=turn, red=frozen_map(
                {side: game.ai_orders(game.shadow, side) for side in sc.traffickers})))
            rec.reports.append(game.end_turn(orders))
            rec.after.append(game.state)
            rec.shadow_after.append(game.shadow)
        out.append(rec)
    _CACHE[key] = out
    return out
