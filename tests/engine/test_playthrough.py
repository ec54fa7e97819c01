"""OpenSpiel-style random playthroughs: every scenario, every seat random or AI, to the end."""

import numpy as np
import pytest

from game.ai.session import Game, Seat
from game.core.observe import observe
from game.core.orders import validate_orders
from tests.engine.conftest import SCENARIO_FILES, scenario


@pytest.mark.parametrize("name", [p.stem for p in SCENARIO_FILES])
def test_random_playthrough_to_the_end(name):
    sc = scenario(name)
    rng = np.random.default_rng(7)
    policies = {True: ["random", "baseline", "aggressive", "passive"],
                False: ["random", "adaptive", "fixed"]}
    seats = {}
    for side in [*sc.nations, *sc.traffickers]:
        options = policies[side in sc.nations]
        seats[side] = Seat.ai(options[int(rng.integers(len(options)))])
    game = Game.new(sc, seed=int(rng.integers(2**31)), seats=seats)
    while not game.is_over:
        turn = game.turn
        for side in [*sc.nations, *sc.traffickers, "observer", "white"]:
            obs = observe(game.state, side)
            assert obs.turn == turn
        if sc.events and rng.random() < 0.2:
            ev = list(sc.events)[int(rng.integers(len(sc.events)))]
            from game.core.orders import InstructorAction
            assert game.instructor(InstructorAction("fire_event", "playthrough", event=ev)) == []
        orders = game.collect_orders()
        for side, o in [*orders.blue.items(), *orders.red.items()]:
            assert validate_orders(game.state, side, o, orders) == [], side
        report = game.end_turn(orders)
        assert report.turn == turn
        assert report.rejected == ()
        assert report.produced + report.stock_start == report.shipped + report.stock_end
        assert report.shipped == report.seized + report.delivered
    assert game.turn == sc.turns + 1
    assert len(game.history) == sc.turns
    assert set(game.objectives()) == set(sc.objectives)
    with pytest.raises(Exception, match="the game is over"):
        game.end_turn()
