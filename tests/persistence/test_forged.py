"""Saves edited and checksummed anew (as another program could write them): content no game
could have is refused with a "malformed" message or, in a state snapshot, replaced by the
replayed state; never an internal error from deep inside the rules or the report."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from game.persistence.games import load_game, save_game
from game.persistence.saves import SaveError, dump_save_text

from .helpers import TUTORIAL, play

TAIL = "The file was written by another program or edited."


@pytest.fixture
def save(tmp_path):
    return save_game(play(TUTORIAL, seed=5, turns=3), tmp_path / "game.json")


def forge(path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    data.pop("checksum", None)
    path.write_text(dump_save_text(data), encoding="utf-8")


@pytest.mark.parametrize("change,where,what", [
    (lambda d: d.__setitem__("pending", [1, 2]), "pending", "should be an object, not a list"),
    (lambda d: d["game"].__setitem__("parent", "abc"), "game.parent",
     "should be an object, not a string"),
    (lambda d: d["game"].__setitem__("parent", {"id": 7, "turn": 2}), "game.parent.id",
     "has the wrong type"),
    (lambda d: d["game"].__setitem__("parent", {"id": "ab12cd34", "turn": "2"}),
     "game.parent.turn", "has the wrong type"),
    (lambda d: d["history"][0]["orders"]["blue"].__setitem__("usa", [1, 2]),
     "history[0].orders.blue.usa", "should be an object"),
    (lambda d: d["history"][0]["report"].__setitem__("events", [{"x": 1}]),
     "history[0].report.events", "should be a list of event ids"),
    (lambda d: d["scenario"].__setitem__("text", d["scenario"]["text"] + "\n# edited\n"),
     "scenario.hash", "does not match the scenario text it travels with"),
])
def test_impossible_content_is_named(save, change, where, what):
    forge(save, change)
    with pytest.raises(SaveError) as info:
        load_game(save)
    assert info.value.kind == "malformed"
    assert str(info.value).startswith(f"{save}: the save is malformed: {where} {what}. {TAIL}")


def test_seats_of_another_scenario_are_refused(save):
    forge(save, lambda d: d["seats"].update(sinaloa={"control": "ai", "policy": "adaptive"}))
    with pytest.raises(SaveError) as info:
        load_game(save)
    assert str(info.value) == (
        f"{save}: the save is malformed: its seats do not match the sides of its scenario "
        f"(sinaloa). {TAIL} Nothing was overwritten.")


def test_a_snapshot_no_game_could_reach_is_replaced_by_the_replay(save):
    honest = load_game(save)
    forge(save, lambda d: d["state"]["main"]["arrays"]["deployed"].update(
        shape=[1, 4], data=[0, 99, 0, 1]))
    again = load_game(save)
    assert again.state.deployed.tolist() == honest.state.deployed.tolist()
    again.end_turn()  # plays on (it was an IndexError on the first turn)


def test_an_order_of_1e308_tons_is_refused_on_replay_not_an_overflow(save, capsys):
    forge(save, lambda d: d["history"][0]["orders"]["red"]["clan_del_golfo"]["flows"].update(
        {next(iter(d["history"][0]["orders"]["red"]["clan_del_golfo"]["flows"])): 1e308}))
    assert main(["replay", str(save), "--verify"]) == 1
    err = capsys.readouterr().err
    assert "internal error" not in err and ": replay diverges at Month 1 (turn 1)" in err


def test_an_honest_snapshot_with_nothing_pending_loads_as_saved(save):
    """(A state with no event this month has an empty events_now: the range check read it.)"""
    game = load_game(save)
    data = json.loads(save.read_text(encoding="utf-8"))
    from game.core.state import state_to_data

    assert state_to_data(game.state) == data["state"]["main"]
