"""Replay: saved orders re-run from the seed reproduce every saved turn report exactly."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from game.ai.policies import BLUE_POLICIES, RED_POLICIES
from game.ai.session import Game, Seat
from game.cli import main
from game.core.orders import InstructorAction
from game.persistence.files import write_text_atomic
from game.persistence.games import load_game, save_game, verify_save
from game.persistence.saves import SaveError, dump_save_text, read_save

from .helpers import SCENARIOS, TUTORIAL, new_game, play

LONG = os.environ.get("INTERDICT_LONG_TESTS") == "1"
GAMES = 300 if LONG else 50


def random_game(rng: np.random.Generator) -> Game:
    path = SCENARIOS[int(rng.integers(len(SCENARIOS)))]
    scenario = new_game(path).scenario
    seats: dict[str, Seat] = {}
    for nid in scenario.nations:
        r = rng.random()
        seats[nid] = Seat.person() if r < 0.2 else Seat.ai(
            str(rng.choice(sorted(BLUE_POLICIES))))
    for tid in scenario.traffickers:
        seats[tid] = Seat.ai(str(rng.choice(sorted(RED_POLICIES))))
    game = new_game(path, seed=int(rng.integers(2**31)), seats=seats,
                    baseline=bool(rng.random() < 0.8))
    assert game.scenario == scenario
    turns = int(rng.integers(1, (scenario.turns if LONG else 6) + 1))
    events = list(scenario.events)
    for _ in range(turns):
        for side in game.human_sides():  # students play what a policy would, with a reason
            policy = BLUE_POLICIES[str(rng.choice(sorted(BLUE_POLICIES)))]
            orders = policy.choose(game.observation(side), rng)
            game.submit(side, orders)
        if events and rng.random() < 0.15:
            game.instructor(InstructorAction(kind="fire_event", reason="white cell",
                                             event=str(rng.choice(events))))
        game.end_turn()
    return game


def test_many_random_games_replay_exactly(tmp_path):
    rng = np.random.default_rng(4)
    for i in range(GAMES):
        game = random_game(rng)
        file = save_game(game, tmp_path / f"g{i}.json")
        result = verify_save(file)
        assert result.ok, (file, result)
        assert result.turns == len(game.history) and result.state_matches is True


def tamper(file, turn: int, key: str, delta: float) -> None:
    """Change one number in a turn report and re-checksum: what a save written by another
    version of the rules looks like."""
    data = read_save(file)
    data["history"][turn - 1]["report"][key] += delta
    write_text_atomic(file, dump_save_text(data))


def test_a_changed_report_is_named_by_its_turn(tmp_path, capsys):
    file = save_game(play(TUTORIAL, seed=8, turns=5), tmp_path / "g.json")
    assert main(["replay", str(file), "--verify"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == (
        "replay verified: all 5 turn reports and the final state are reproduced exactly from "
        "the seed and the saved orders.")
    saved_seized = read_save(file)["history"][2]["report"]["seized"]
    tamper(file, 3, "seized", 0.5)
    result = verify_save(file)
    assert result.first_divergence == 3 and not result.ok
    assert result.differences[0] == (
        f"seized: saved {saved_seized + 0.5!r}, replayed {saved_seized!r}")
    assert main(["replay", str(file), "--verify"]) == 1
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    assert err[0] == (f"{file}: replay diverges at Month 3 (turn 3): the saved report differs "
                      "from the replayed one")
    assert err[1] == f"  seized: saved {saved_seized + 0.5!r}, replayed {saved_seized!r}"
    assert "Month 3" in captured.out and "DIFFERS" in captured.out
    assert "Traceback" not in captured.err
    # without --verify it reports the divergence but succeeds
    assert main(["replay", str(file)]) == 0
    # and loading with verification refuses it, naming the turn
    with pytest.raises(SaveError, match="from turn 3 on"):
        load_game(file, verify=True)
    assert load_game(file).turn == 6  # still opens without verification


@pytest.mark.parametrize("content,kind", [
    (b"", "the file is empty"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    (b"turns: 3\n", "not JSON"),
    (b'{"format": "interdict-save", "version": 99}', "newer than this copy"),
])
def test_cli_gives_one_clear_line_for_a_bad_file(tmp_path, capsys, content, kind):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    for argv in (["replay", str(bad), "--verify"], ["report", str(bad), "--out",
                                                     str(tmp_path / "r")]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"{bad}: ") and kind in err
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert bad.read_bytes() == content
    assert not (tmp_path / "r").exists()


def test_branch_from_the_cli(tmp_path, capsys):
    file = save_game(play(TUTORIAL, seed=8, turns=4), tmp_path / "g.json")
    out = tmp_path / "b.json"
    assert main(["replay", str(file), "--branch", "2", "--out", str(out)]) == 0
    assert json.loads(out.read_text())["game"]["parent"]["turn"] == 2
    assert capsys.readouterr().out == (f"wrote {out}: a new game branched from {file} after "
                                       "Month 2; it plays on from Month 3\n")
    assert main(["replay", str(file), "--branch", "1", "--out", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["replay", str(file), "--out", str(tmp_path / "x.json")]) == 1  # no --branch
    assert capsys.readouterr().err == (
        "replay --out FILE names a branch's new save: give --branch TURN too (the turn to "
        "branch after), or leave --out out\n")


def test_a_finished_game_cannot_be_branched_after_its_last_turn(tmp_path, capsys):
    file = save_game(play(TUTORIAL, seed=8, turns=10), tmp_path / "g.json")
    assert main(["replay", str(file), "--branch", "10", "--out", str(tmp_path / "b.json")]) == 1
    assert capsys.readouterr().err == (
        f"{file}: --branch 10: choose a turn from 0 to 9: the branch replays the game up to "
        "that turn and plays on from the next one (the game has no turn left after its "
        "last)\n")
    assert not (tmp_path / "b.json").exists()
