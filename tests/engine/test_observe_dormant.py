"""Dormant routes as each seat knows them (docs/rules.md, "Observations: who sees what"):
a route the traffickers open stays dormant for the nations until they have evidence of
traffic on it, and for the observer; an event that opens a route is seen by its audience at
once; the white cell and the traffickers see the truth."""

from __future__ import annotations

from game.ai.session import Game, Seat
from game.core.model import Effect, frozen_map
from game.core.observe import observe
from game.core.orders import BlueOrders, RedOrders
from tests.engine.builders import Event, Trigger, two_corridors
from tests.engine.test_balloon import _pressure_both

SIDES = ("usa", "col", "observer", "white", "cartel")


def seen(game: Game) -> dict[str, bool]:
    """Whether each seat sees the air bridge dormant this turn."""
    air = list(game.scenario.routes).index("air")
    return {s: bool(game.observation(s).dormant[air]) for s in SIDES}


def scripted(events: dict | None = None, dormant_air: bool = True) -> Game:
    """The two corridors with the cartel played by hand (it ships nothing unless told) and
    passive nations."""
    sc = two_corridors(events=events, dormant_air=dormant_air)
    game = Game.new(sc, seed=1, seats={"cartel": Seat.person()}, baseline=False)
    for n in ("usa", "col"):
        game.set_standing(n, BlueOrders(nation=n))
    return game


def play(game: Game, red: RedOrders) -> None:
    assert game.submit("cartel", red) == []
    game.end_turn()


def opening(event_id: str, value: bool, turn: int, *, duration: int | None = None,
            audience: tuple[str, ...] = ()) -> dict:
    return {event_id: Event(event_id, "News", "A route changes.", Trigger(turns=(turn,)),
                            (Effect("route:air", "set", frozen_map({"dormant": value}),
                                    duration),), audience=audience)}


def test_the_adaptive_cartel_opens_the_air_bridge_and_only_traffic_shows_it():
    game = Game.new(two_corridors(ai="adaptive"), seed=3, baseline=False)
    _pressure_both(game)
    game.play(2)  # on turn 2 the cartel, losing too much at sea, opens the air bridge
    assert game.history[1].orders.red["cartel"].open_routes == ("air",)
    air = list(game.scenario.routes).index("air")
    assert not game.state.r_dormant[air]
    # turn 3: open, but it has carried nothing yet: the nations cannot know
    assert float(game.observation("usa").est_flow[air]) == 0.0
    assert seen(game) == {"usa": True, "col": True, "observer": True, "white": False,
                          "cartel": False}
    game.play(1)  # the cartel flies 10 t over it on turn 3
    assert game.history[-1].report.by_route["air"]["flow"] == 10.0
    assert float(game.observation("usa").est_flow[air]) > 0
    assert seen(game) == {"usa": False, "col": False, "observer": True, "white": False,
                          "cartel": False}
    game.play(4)  # the projector never has evidence: it keeps the public picture
    assert seen(game) == {"usa": False, "col": False, "observer": True, "white": False,
                          "cartel": False}


def test_evidence_stays_when_the_traffic_stops():
    game = scripted()
    play(game, RedOrders(trafficker="cartel", open_routes=("air",)))
    assert seen(game) == {"usa": True, "col": True, "observer": True, "white": False,
                          "cartel": False}
    play(game, RedOrders(trafficker="cartel", flows=frozen_map({"air": 2.0})))
    assert seen(game)["usa"] is False
    play(game, RedOrders(trafficker="cartel"))  # nothing on it last turn
    air = list(game.scenario.routes).index("air")
    assert float(game.observation("usa").est_flow[air]) == 0.0
    assert seen(game) == {"usa": False, "col": False, "observer": True, "white": False,
                          "cartel": False}


def test_an_unused_opening_stays_hidden():
    game = scripted()
    play(game, RedOrders(trafficker="cartel", open_routes=("air",)))
    for _ in range(3):
        play(game, RedOrders(trafficker="cartel"))
        assert seen(game) == {"usa": True, "col": True, "observer": True, "white": False,
                              "cartel": False}


def test_an_event_that_opens_a_route_is_seen_by_everyone_at_once():
    game = scripted(opening("air_bridge", False, 2))
    assert seen(game) == dict.fromkeys(SIDES, True)
    play(game, RedOrders(trafficker="cartel"))
    assert [c["id"] for c in game.observation("usa").events] == ["air_bridge"]
    assert seen(game) == dict.fromkeys(SIDES, False)


def test_an_event_shown_to_one_nation_opens_the_route_for_it_alone():
    game = scripted(opening("air_bridge", False, 2, audience=("col", "cartel")))
    play(game, RedOrders(trafficker="cartel"))
    assert seen(game) == {"usa": True, "col": False, "observer": True, "white": False,
                          "cartel": False}


def test_a_temporary_opening_is_seen_while_it_lasts():
    game = scripted(opening("fog", False, 2, duration=2))
    play(game, RedOrders(trafficker="cartel"))
    assert seen(game) == dict.fromkeys(SIDES, False)  # turn 2
    play(game, RedOrders(trafficker="cartel"))
    assert seen(game) == dict.fromkeys(SIDES, False)  # turn 3
    play(game, RedOrders(trafficker="cartel"))
    assert seen(game) == dict.fromkeys(SIDES, True)  # turn 4: over, dormant again


def test_a_route_an_event_closed_and_the_cartel_reopened_stays_closed_to_the_nations():
    game = scripted(opening("crackdown", True, 2), dormant_air=False)
    assert seen(game) == dict.fromkeys(SIDES, False)  # open at the start
    play(game, RedOrders(trafficker="cartel"))
    assert seen(game) == dict.fromkeys(SIDES, True)  # turn 2: the event closed it
    play(game, RedOrders(trafficker="cartel", open_routes=("air",)))
    assert seen(game) == {"usa": True, "col": True, "observer": True, "white": False,
                          "cartel": False}


def test_the_truth_and_the_observations_agree_when_nothing_was_opened_in_secret():
    game = Game.new(two_corridors(ai="adaptive"), seed=3, baseline=False)
    state = game.state
    for side in SIDES:
        obs = observe(state, side)
        assert obs.dormant.tolist() == state.r_dormant.tolist()
        assert not obs.dormant.flags.writeable
