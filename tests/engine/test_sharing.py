"""Sharing intelligence: it helps with a clean partner and backfires with a corrupt one."""

from game.ai.session import Game
from game.core.model import Alliance, frozen_map
from game.core.orders import BlueOrders, Funding
from tests.engine.builders import nation, two_corridors

SEEDS = range(8)
TURNS = 10


def _scenario(partner_corruption: float):
    nations = {
        "usa": nation("usa", budget=100.0, corruption=0.05, intel=0.9,
                      assets={"patrol_ship": 2, "maritime_patrol_aircraft": 2}),
        "ptn": nation("ptn", budget=40.0, corruption=partner_corruption, intel=0.1,
                      assets={"patrol_ship": 2, "maritime_patrol_aircraft": 1}),
    }
    alliances = {"pact": Alliance("pact", "Pact", ("usa", "ptn"), "none", True, 0.6)}
    return two_corridors(nations=nations, alliances=alliances, turns=TURNS, air=False)


def _play(partner_corruption: float, level: str) -> tuple[float, int]:
    sc = _scenario(partner_corruption)
    seized = 0.0
    leaks = 0
    for seed in SEEDS:
        game = Game.new(sc, seed=seed, baseline=False)
        game.set_standing("usa", BlueOrders(
            nation="usa", funding=Funding(operations=14.0),
            sharing=frozen_map({"ptn": level}),
            deploy=frozen_map({"east_out": frozen_map({"patrol_ship": 1, "maritime_patrol_aircraft": 1}),
                               "east_in": frozen_map({"patrol_ship": 1, "maritime_patrol_aircraft": 1})})))
        game.set_standing("ptn", BlueOrders(
            nation="ptn", funding=Funding(operations=11.0),
            sharing=frozen_map({"usa": "none"}),
            deploy=frozen_map({"west_out": frozen_map({"patrol_ship": 1, "maritime_patrol_aircraft": 1}),
                               "west_in": frozen_map({"patrol_ship": 1})})))
        for r in game.play():
            assert r.rejected == ()
            seized += r.seized
            leaks += len(r.leaks)
    return seized, leaks


def test_sharing_with_a_clean_partner_raises_seizures():
    none, leaks_none = _play(0.05, "none")
    full, leaks_full = _play(0.05, "full")
    assert leaks_none == 0
    assert full > none * 1.05, (none, full)
    assert leaks_full <= 8  # 0.05 corruption: a leak is rare


def test_sharing_with_a_corrupt_partner_leaks_and_lowers_seizures():
    none, leaks_none = _play(0.9, "none")
    full, leaks_full = _play(0.9, "full")
    assert leaks_none == 0
    assert leaks_full >= 12  # leak chance 1.0 x 0.9 x 0.3 = 0.27 a turn, 80 turns
    assert full < none * 0.95, (none, full)
