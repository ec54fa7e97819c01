"""White-cell actions: fire an event now, inject, adjust (with a reason), adjudicate."""

from game.ai.session import Game
from game.core.orders import InstructorAction
from tests.engine.conftest import scenario


def test_fire_event_now_applies_this_turn_and_is_reported():
    sc = scenario("tutorial")
    game = Game.new(sc, seed=2)
    assert game.instructor(
        InstructorAction("fire_event", "storm warning", event="hurricane_season")) == []
    report = game.end_turn()
    assert report.events == ("hurricane_season",)
    assert report.event_cards[0]["title"] == "Hurricane season"
    assert report.instructor[0] == {"kind": "fire_event", "reason": "storm warning",
                                    "event": "hurricane_season", "applied": True}
    # the shadow game saw the same event
    assert game.shadow.fired[list(sc.events).index("hurricane_season")] == 1


def test_actions_need_a_reason_and_valid_targets():
    game = Game.new(scenario("tutorial"), seed=2)
    assert game.instructor(InstructorAction("fire_event", "", event="hurricane_season")) == [
        "every instructor action needs a reason (it goes into the log)"]
    assert game.instructor(InstructorAction("fire_event", "x", event="tsunami")) == [
        "fire_event: 'tsunami' is not an event of this scenario"]
    assert game.instructor(InstructorAction("adjust", "x", target="nation:usa", field="mood",
                                            value=1.0)) == ["adjust: nation has no field 'mood'"]
    assert game.instructor(InstructorAction("adjust", "x", target="nation:usa",
                                            field="sovereignty", verb="add", value="open")) == [
        "adjust: sovereignty can only be set"]


def test_inject_and_budget_adjustment_are_logged():
    game = Game.new(scenario("tutorial"), seed=2)
    assert game.instructor(InstructorAction("inject", "press pressure", title="Press leak",
                                            text="A newspaper names the cartel's pilots.",
                                            audience=("usa",))) == []
    assert game.instructor(InstructorAction("adjust", "supplemental budget", target="nation:usa",
                                            field="budget", verb="add", value=15.0)) == []
    report = game.end_turn()
    assert report.event_cards[-1] == {"id": "inject:1", "title": "Press leak",
                                      "text": "A newspaper names the cartel's pilots.",
                                      "audience": ["usa"], "instructor": True}
    assert report.by_nation["usa"]["budget"] == 75.0  # 60 + 15
    assert [a["kind"] for a in report.instructor] == ["inject", "adjust"]


def test_adjudicated_seizure_replaces_the_rolled_result_and_keeps_mass_balance():
    game = Game.new(scenario("tutorial"), seed=5)
    game.play(2)
    assert game.instructor(InstructorAction("adjust", "boarding confirmed by the ship's log",
                                            target="route:island_hop", field="seized",
                                            value=3.0)) == []
    report = game.end_turn()
    assert report.by_route["island_hop"]["seized"] == 3.0  # the first hop: always reachable
    assert report.shipped == report.seized + report.delivered
    assert report.produced + report.stock_start == report.shipped + report.stock_end


def test_adjust_needs_a_finite_number():
    game = Game.new(scenario("tutorial"), seed=2)
    assert game.instructor(InstructorAction("adjust", "x", target="nation:usa", field="budget",
                                            value=float("nan"))) == [
        "adjust: budget takes a number from -1,000,000,000 to 1,000,000,000"]
    assert game.instructor(InstructorAction("adjust", "x", target="route:go_fast",
                                            field="seized", value=float("inf"))) == [
        "adjust: an adjudicated seizure is `set` to a number of tons from 0 to 1,000,000,000"]


def test_an_events_expected_action_never_reaches_the_players():
    """`expected_action` is the white cell's note: the event cards a seat is shown carry the
    title and text only, not the note, even on the turn its event fires for everyone."""
    game = Game.new(scenario("tutorial"), seed=1)
    game.play(3)  # turn 4: port_bribery fires (audience: everyone)
    fired = [c["id"] for c in game.observation("usa").events]
    notes = [game.scenario.events[e].expected_action for e in fired]
    assert "port_bribery" in fired and all(notes)
    for side in [*game.scenario.nations, *game.scenario.traffickers, "observer"]:
        cards = game.observation(side).events
        assert all(set(c) == {"id", "title", "text", "audience"} for c in cards), side
        assert not [n for n in notes if n in repr(cards)], side


def test_a_seat_handed_to_the_computer_is_played_by_it_from_this_turn():
    from game.ai.session import Seat

    sc = scenario("tutorial")
    game = Game.new(sc, seed=2, seats={"usa": Seat.person()})
    assert game.human_sides() == ["usa"]
    hand = InstructorAction("seat", "the US delegation left early", target="nation:usa",
                            value="ai:baseline")
    assert InstructorAction.from_data(hand.to_data()) == hand
    assert hand.to_data() == {"kind": "seat", "reason": "the US delegation left early",
                              "target": "nation:usa", "value": "ai:baseline"}
    assert game.instructor(hand) == []
    assert game.seats["usa"] == Seat.ai("baseline") and game.human_sides() == []
    report = game.end_turn()
    usa = game.history[-1].orders.blue["usa"]
    assert usa.rationale == "baseline policy" and usa.deploy  # the computer decided
    assert report.instructor == ({**hand.to_data(), "applied": True},)
    # and back to a delegation: its seat waits for orders again
    assert game.instructor(InstructorAction("seat", "they are back", target="nation:usa",
                                            value="human")) == []
    assert game.waiting_for() == ["usa"]
    game.end_turn()
    # the replay from the seed and the recorded orders gives the same reports
    again = Game.replay(sc, 2, None, game.history)
    assert again.first_divergence(game.history) is None


def test_seat_changes_name_a_side_and_a_player():
    game = Game.new(scenario("tutorial"), seed=2)
    seat = lambda target, value: game.instructor(  # noqa: E731
        InstructorAction("seat", "x", target=target, value=value))
    assert seat("nation:atlantis", "human") == [
        "seat: target 'nation:atlantis' is not nation:id or trafficker:id of this scenario"]
    assert seat("route:go_fast", "human") == [
        "seat: target 'route:go_fast' is not nation:id or trafficker:id of this scenario"]
    assert seat("nation:usa", "robot") == ["seat: 'robot' is not 'human' or 'ai:<policy>'"]
    assert seat("nation:usa", "ai:adaptive") == [
        "seat: unknown Blue policy 'adaptive' (choose one of: baseline, passive, aggressive, "
        "random)"]
    assert seat("trafficker:clan_del_golfo", "ai:fixed") == []
    assert game.seats["clan_del_golfo"].policy == "fixed"
    assert game.pending_instructor[-1].target == "trafficker:clan_del_golfo"
