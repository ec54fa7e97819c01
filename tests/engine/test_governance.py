"""Governance pays late: spending lowers corruption slowly, and with it leaks and violence."""

import itertools

from game.ai.session import Game
from game.core.model import Alliance, frozen_map
from game.core.orders import BlueOrders, Funding
from tests.engine.builders import nation, two_corridors

TURNS = 16


def _scenario():
    nations = {
        "usa": nation("usa", budget=100.0, corruption=0.05, intel=0.8,
                      assets={"patrol_ship": 2, "maritime_patrol_aircraft": 1}),
        "col": nation("col", budget=40.0, corruption=0.6, governance=0.3, violence=0.5,
                      assets={"patrol_ship": 1}),
    }
    alliances = {"pact": Alliance("pact", "Pact", ("usa", "col"), "full", True, 0.6)}
    return two_corridors(nations=nations, alliances=alliances, turns=TURNS, air=False,
                         west_jurisdiction="col", east_jurisdiction="col")


def _play(governance: float, seed: int):
    game = Game.new(_scenario(), seed=seed, baseline=False)
    game.set_standing("usa", BlueOrders(
        nation="usa", funding=Funding(operations=7.0), sharing=frozen_map({"col": "full"}),
        deploy=frozen_map({"east_in": frozen_map({"patrol_ship": 1,
                                                  "maritime_patrol_aircraft": 1})})))
    game.set_standing("col", BlueOrders(
        nation="col", funding=Funding(operations=4.0, governance=governance),
        grant_access=("usa",),
        deploy=frozen_map({"west_out": frozen_map({"patrol_ship": 1})})))
    reports = game.play()
    assert all(r.rejected == () for r in reports)
    return reports


def test_governance_lowers_corruption_slowly_then_leaks_and_violence():
    corr_gap, viol_gap, leaks = [], [], {0.0: 0, 30.0: 0}
    for seed in range(10):
        lazy = _play(0.0, seed)
        busy = _play(30.0, seed)
        corr_gap.append([a.by_nation["col"]["corruption"] - b.by_nation["col"]["corruption"]
                         for a, b in zip(lazy, busy)])
        viol_gap.append(lazy[-1].by_nation["col"]["violence"]
                        - busy[-1].by_nation["col"]["violence"])
        leaks[0.0] += sum(len(r.leaks) for r in lazy)
        leaks[30.0] += sum(len(r.leaks) for r in busy)
    gap = corr_gap[0]
    # nothing the first turn (the money pays from the next), then a gap growing every turn
    assert gap[0] == 0.0
    assert all(b > a for a, b in itertools.pairwise(gap[:11])), gap
    assert gap[2] < 0.1 < gap[7]
    assert gap[-1] > 0.3
    # and with it: fewer leaks of what usa shares, and less violence at the end
    assert leaks[30.0] < 0.85 * leaks[0.0], leaks
    assert min(viol_gap) > 0.0, viol_gap


def test_operations_money_above_the_upkeep_is_not_spent():
    """Operations pay the deployed assets' upkeep; the rest is unspent money, half of it kept
    as next turn's reserve, not money burnt."""
    def first_turn(operations):
        game = Game.new(two_corridors(), seed=1, baseline=False)
        assert game.submit("usa", BlueOrders(
            nation="usa", funding=Funding(operations=operations, governance=10.0),
            deploy=frozen_map({"east_out": frozen_map({"patrol_ship": 2})}))) == []
        game.set_standing("col", BlueOrders(nation="col"))
        report = game.end_turn()
        return report.by_nation["usa"]["spent"], float(game.state.n_reserve[0])

    upkeep = 2 * 4.0  # two patrol ships
    assert first_turn(upkeep) == (upkeep + 10.0, 0.5 * (100.0 - upkeep - 10.0))
    assert first_turn(upkeep + 40.0) == first_turn(upkeep)


def test_procurement_money_above_the_purchases_is_not_spent():
    def first_turn(procurement):
        game = Game.new(two_corridors(), seed=1, baseline=False)
        assert game.submit("usa", BlueOrders(
            nation="usa", funding=Funding(procurement=procurement),
            buy=frozen_map({"uav": 1}))) == []
        game.set_standing("col", BlueOrders(nation="col"))
        report = game.end_turn()
        return report.by_nation["usa"]["spent"], float(game.state.n_reserve[0])

    cost = 15.0  # one UAV
    assert first_turn(cost) == (cost, 0.5 * (100.0 - cost))
    assert first_turn(cost + 30.0) == first_turn(cost)
