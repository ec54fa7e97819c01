"""The balloon effect: pressure on one corridor pushes adaptive flow to the other."""

from game.ai.session import Game
from game.core.model import frozen_map
from game.core.orders import BlueOrders, Funding
from tests.engine.builders import two_corridors

EAST = ("east_out", "east_in")


def _pressure_east(game: Game) -> None:
    orders = BlueOrders(
        nation="usa",
        funding=Funding(operations=30.0),
        deploy=frozen_map({"east_out": frozen_map({"patrol_ship": 2, "maritime_patrol_aircraft": 1}),
                           "east_in": frozen_map({"patrol_ship": 2, "maritime_patrol_aircraft": 1})}),
    )
    assert game.submit("usa", orders) == []
    game.set_standing("usa", orders)
    game.set_standing("col", BlueOrders(nation="col"))


def _east_share(report) -> float:
    east = report.by_route["east_out"]["flow"]
    west = report.by_route["west_out"]["flow"]
    return east / (east + west)


def test_adaptive_trafficker_moves_to_the_unpatrolled_corridor():
    game = Game.new(two_corridors(ai="adaptive"), seed=5, baseline=False)
    _pressure_east(game)
    reports = game.play(8)
    shares = [round(_east_share(r), 3) for r in reports]
    assert shares[0] == 0.5  # equal corridors, no history: an even split
    assert all(s < 0.25 for s in shares[3:]), shares  # within a few turns most flow is west
    assert shares[-1] < 0.1


def test_fixed_trafficker_keeps_its_split():
    game = Game.new(two_corridors(ai="fixed"), seed=5, baseline=False)
    _pressure_east(game)
    reports = game.play(8)
    assert [_east_share(r) for r in reports] == [0.5] * 8
    assert sum(r.seized for r in reports) > 0


def _pressure_both(game: Game) -> None:
    ships = frozen_map({"patrol_ship": 2, "maritime_patrol_aircraft": 1})
    game.set_standing("usa", BlueOrders(
        nation="usa", funding=Funding(operations=22.0),
        deploy=frozen_map({"east_in": ships, "west_in": ships})))
    game.set_standing("col", BlueOrders(nation="col"))


def test_losses_above_tolerance_open_the_dormant_air_bridge():
    game = Game.new(two_corridors(ai="adaptive"), seed=3, baseline=False)
    _pressure_both(game)
    reports = game.play(8)
    opened = [r.turn for r in reports
              if "air" in game.history[r.turn - 1].orders.red["cartel"].open_routes]
    assert opened, "the cartel never opened the air bridge"
    first = opened[0]
    assert all(r.by_route["air"]["flow"] == 0 for r in reports[:first])
    assert sum(r.by_route["air"]["flow"] for r in reports[first:]) > 0


def test_fixed_trafficker_never_opens_routes():
    game = Game.new(two_corridors(ai="fixed"), seed=3, baseline=False)
    _pressure_both(game)
    reports = game.play(8)
    assert all(r.by_route["air"]["flow"] == 0 for r in reports)
