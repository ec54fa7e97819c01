"""Saving and loading real games: exact round trips, identity, branches, autosaves."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from game.ai.session import Game
from game.core.errors import InterdictError
from game.core.orders import BlueOrders, Funding, InstructorAction
from game.core.state import state_to_data
from game.persistence.autosave import Autosaver, autosaves_of
from game.persistence.games import (
    branch_game,
    branch_save,
    game_at_turn,
    game_meta,
    load_game,
    replay_states,
    save_game,
    save_headless,
    verify_save,
)
from game.persistence.saves import SaveError, read_save, scenario_hash
from game.scenario import load_scenario

from .helpers import SCENARIOS, TUTORIAL, human_tutorial_game, new_game, play, snapshot


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_round_trip_equals_the_original_on_every_scenario(tmp_path, path):
    game = play(path, seed=11, turns=5)
    file = save_game(game, tmp_path / "g.json")
    loaded = load_game(file)
    assert snapshot(loaded) == snapshot(game)
    assert replace(loaded.scenario, source="") == replace(game.scenario, source="")
    # and the loaded game plays on exactly like the original
    game.play(2)
    loaded.play(2)
    assert snapshot(loaded) == snapshot(game)


def test_round_trip_of_a_finished_game_and_of_a_new_one(tmp_path):
    done = play(TUTORIAL, seed=2)
    assert done.is_over
    assert snapshot(load_game(save_game(done, tmp_path / "done.json"))) == snapshot(done)
    fresh = new_game(TUTORIAL, seed=9)
    loaded = load_game(save_game(fresh, tmp_path / "fresh.json"))
    assert snapshot(loaded) == snapshot(fresh) and loaded.history == []


def test_save_contents(tmp_path):
    game = human_tutorial_game()
    game.set_standing("colombia", BlueOrders(nation="colombia", funding=Funding(governance=4)))
    assert game.submit("usa", BlueOrders(nation="usa", rationale="pending")) == []
    file = save_game(game, tmp_path / "g.json")
    data = read_save(file)
    text = TUTORIAL.read_text(encoding="utf-8")
    assert data["scenario"] == {
        "id": "tutorial", "title": game.scenario.title, "file": "tutorial.yaml",
        "hash": scenario_hash(text), "text": text,
    }
    assert data["seed"] == 3 and data["turns"] == game.scenario.turns
    assert data["seats"]["usa"] == {"control": "human", "policy": None}
    assert data["seats"]["colombia"]["control"] == "ai"
    assert [h["turn"] for h in data["history"]] == [1, 2, 3, 4]
    assert data["history"][0]["orders"]["blue"]["usa"]["rationale"].startswith("Turn 1: share")
    assert [a["kind"] for a in data["history"][1]["orders"]["instructor"]] == [
        "inject", "fire_event"]
    assert data["state_turn"] == 4 and set(data["state"]) == {"main", "shadow"}
    loaded = load_game(file)
    assert snapshot(loaded) == snapshot(game)
    assert loaded.pending["usa"].rationale == "pending"
    assert "colombia" in loaded.standing
    # plain JSON all the way: nothing but dicts, lists, str, numbers, bool, null
    json.loads(file.read_text(encoding="utf-8"))


def test_the_save_opens_when_the_scenario_file_changes_or_disappears(tmp_path):
    src = tmp_path / "my.yaml"
    shutil.copy(TUTORIAL, src)
    game = Game.new(load_scenario(src), seed=4)
    game.play(2)
    file = save_game(game, tmp_path / "g.json")
    src.write_text(src.read_text().replace("turns: 10", "turns: 12"))
    game.end_turn()  # the text was captured at the first save: later saves still work
    file = save_game(game, tmp_path / "g.json")
    src.unlink()
    loaded = load_game(file)
    assert snapshot(loaded) == snapshot(game)
    assert loaded.scenario.turns == 10


def test_saving_refuses_when_the_scenario_file_changed_before_the_first_save(tmp_path):
    src = tmp_path / "my.yaml"
    shutil.copy(TUTORIAL, src)
    game = Game.new(load_scenario(src), seed=4)
    src.write_text(src.read_text().replace("turns: 10", "turns: 12"))
    with pytest.raises(Exception) as info:
        save_game(game, tmp_path / "g.json")
    assert str(info.value) == (
        f"cannot save: the scenario file {src} changed since this game started, so the save "
        "could not embed the scenario the game was played with. Undo the change to the file "
        "(or save before editing scenarios)."
    )
    assert not (tmp_path / "g.json").exists()


def test_game_id_is_kept_across_saves_and_loads(tmp_path):
    game = play(TUTORIAL, seed=1, turns=1)
    first = read_save(save_game(game, tmp_path / "a.json"))["game"]
    game.end_turn()
    second = read_save(save_game(game, tmp_path / "b.json"))["game"]
    assert first["id"] == second["id"] and first["created"] == second["created"]
    loaded = load_game(tmp_path / "b.json")
    assert game_meta(loaded).game_id == first["id"]
    loaded.end_turn()
    assert read_save(save_game(loaded, tmp_path / "c.json"))["game"]["id"] == first["id"]
    other = play(TUTORIAL, seed=1, turns=1)
    assert game_meta(other).game_id != first["id"]


def test_load_against_a_chosen_scenario(tmp_path):
    file = save_game(play(TUTORIAL, seed=1, turns=1), tmp_path / "g.json")
    assert load_game(file, expect_scenario=load_scenario(TUTORIAL)).turn == 2
    other = SCENARIOS[0] if SCENARIOS[0] != TUTORIAL else SCENARIOS[1]
    with pytest.raises(SaveError) as info:
        load_game(file, expect_scenario=load_scenario(other))
    assert info.value.kind == "wrong-scenario"
    assert str(info.value).startswith(
        f"{file}: this is a save of scenario 'tutorial' (tutorial.yaml), not of the scenario "
        f"'{other.stem}' you chose")


def test_time_travel_and_branch(tmp_path):
    game = human_tutorial_game(turns=5)
    file = save_game(game, tmp_path / "g.json")
    before = file.read_bytes()
    for k in range(0, 6):
        past = game_at_turn(game, k)
        assert past.turn == k + 1
        assert [r.to_data() for r in past.history] == [r.to_data() for r in game.history[:k]]
    assert state_to_data(game_at_turn(game, 5).state) == state_to_data(game.state)
    states = replay_states(game)
    assert len(states) == 6
    for k in (0, 2, 5):
        assert state_to_data(states[k]) == state_to_data(game_at_turn(game, k).state)
    branch = branch_game(game, 2)
    assert game_meta(branch).game_id != game_meta(game).game_id
    assert game_meta(branch).parent == {"id": game_meta(game).game_id, "turn": 2}
    assert len(branch.history) == 2 and len(game.history) == 5
    branch.end_turn()  # the branch plays on (the human seat without orders does nothing)
    assert len(game.history) == 5
    out = save_game(branch, tmp_path / "branch.json")
    data = read_save(out)
    assert data["game"]["parent"] == {"id": game_meta(game).game_id, "turn": 2}
    assert file.read_bytes() == before
    assert verify_save(out).ok


def test_branch_save_writes_a_new_file_and_never_overwrites(tmp_path):
    file = save_game(play(TUTORIAL, seed=5, turns=4), tmp_path / "g.json")
    before = file.read_bytes()
    out = branch_save(file, 2, tmp_path / "b.json")
    data = read_save(out)
    assert len(data["history"]) == 2 and data["game"]["parent"]["turn"] == 2
    assert data["game"]["id"] != read_save(file)["game"]["id"]
    for target in (file, out):
        with pytest.raises(Exception, match="already exists"):
            branch_save(file, 1, target)
    with pytest.raises(Exception, match="--branch 9: choose a turn from 0 to 4: the branch "):
        branch_save(file, 9, tmp_path / "c.json")
    assert file.read_bytes() == before


def test_autosaver_on_a_real_game(tmp_path):
    saver = Autosaver(tmp_path, keep=3)
    game = new_game(TUTORIAL, seed=7)
    gid = game_meta(game).game_id
    written = [saver.save(game)]
    while not game.is_over:
        game.end_turn()
        written.append(saver.save(game))
    assert [p.name for p in written] == [f"tutorial-{gid}-t{t:02d}.json" for t in range(11)]
    kept = autosaves_of(tmp_path, "tutorial", gid)
    assert [p.name for p in kept] == [f"tutorial-{gid}-t{t:02d}.json" for t in (8, 9, 10)]
    assert snapshot(load_game(kept[-1])) == snapshot(game)
    other = new_game(TUTORIAL, seed=7)
    other.end_turn()
    Autosaver(tmp_path, keep=3).save(other)
    assert len(autosaves_of(tmp_path, "tutorial", gid)) == 3  # other game: own rotation


def test_headless_run_save_with_another_game_length(tmp_path, capsys):
    from game.cli import main

    out = tmp_path / "run.json"
    assert main(["run", "tutorial", "--seed", "4", "--turns", "3", "--save", str(out),
                 "-q"]) == 0
    data = read_save(out)
    assert data["turns"] == 3 and len(data["history"]) == 3
    assert data["scenario"]["text"] == TUTORIAL.read_text(encoding="utf-8")
    game = load_game(out, verify=True)
    assert game.scenario.turns == 3 and game.is_over
    assert verify_save(out).ok


def _tutorial_with_briefing_file(src: Path) -> int:
    """Write the tutorial to `src` with its inline briefing replaced by `briefing_file:
    brief.md`; return the line of that key."""
    text = TUTORIAL.read_text(encoding="utf-8")
    start = text.index("briefing: |")
    end = text.index("\nturns:")
    src.write_text(text[:start] + "briefing_file: brief.md" + text[end:], encoding="utf-8")
    return text[:start].count("\n") + 1


def test_a_briefing_file_travels_inside_the_save(tmp_path):
    src = tmp_path / "brief.yaml"
    _tutorial_with_briefing_file(src)
    (tmp_path / "brief.md").write_text("Read <this> first.\n", encoding="utf-8")
    game = Game.new(load_scenario(src), seed=2)
    assert game.scenario.briefing.startswith("Read <this> first.")
    game.end_turn()
    file = save_game(game, tmp_path / "g.json")
    assert read_save(file)["scenario"]["files"] == {"brief.md": "Read <this> first.\n"}
    (tmp_path / "brief.md").unlink()
    src.unlink()
    loaded = load_game(file)
    assert loaded.scenario.briefing == game.scenario.briefing
    assert snapshot(loaded) == snapshot(game)


def test_a_briefing_file_from_assets_travels_inside_the_save(tmp_path, monkeypatch):
    """The save embeds the very file the loader used, wherever the loader found it (here the
    project's assets/ folder, for a scenario kept elsewhere), so the save opens anywhere."""
    from game.persistence.games import start_game
    from game.scenario import loader

    monkeypatch.setattr(loader, "ASSETS_DIR", tmp_path / "assets")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "brief.md").write_text("From assets.\n", encoding="utf-8")
    src = tmp_path / "classes" / "spring" / "mine.yaml"
    src.parent.mkdir(parents=True)
    _tutorial_with_briefing_file(src)
    game = start_game(src, seed=2)
    assert game.scenario.briefing == "From assets.\n"
    game.end_turn()
    file = save_game(game, tmp_path / "g.json")
    assert read_save(file)["scenario"]["files"] == {"brief.md": "From assets.\n"}
    shutil.rmtree(tmp_path / "assets")
    shutil.rmtree(tmp_path / "classes")
    loaded = load_game(file)
    assert loaded.scenario.briefing == "From assets.\n"
    assert snapshot(loaded) == snapshot(game)


def test_a_save_missing_its_briefing_file_says_so(tmp_path):
    """Saves written before briefing files travelled in them may lack one: the message says
    what is missing and what to do, not to find an older version of the game."""
    from game.persistence.games import start_game
    from game.persistence.saves import dump_save_text

    src = tmp_path / "brief.yaml"
    line = _tutorial_with_briefing_file(src)
    (tmp_path / "brief.md").write_text("Read this first.\n", encoding="utf-8")
    game = start_game(src, seed=2)
    game.end_turn()
    data = read_save(save_game(game, tmp_path / "g.json"))
    del data["scenario"]["files"]
    old = tmp_path / "old.json"
    old.write_text(dump_save_text(data), encoding="utf-8")
    with pytest.raises(SaveError) as info:
        load_game(old)
    assert str(info.value) == (
        f"{old}: this save lacks a file its scenario names: brief.yaml:{line}:16: error: "
        "briefing_file: file 'brief.md' was not saved with the scenario. Start a new game "
        "from the scenario file instead (with that file beside it).")


def test_playing_on_from_an_older_autosave_never_replaces_the_other_timeline(tmp_path):
    saver = Autosaver(tmp_path, keep=10)
    game = new_game(TUTORIAL, seed=7)
    gid = game_meta(game).game_id
    for _ in range(4):
        game.end_turn()
        saver.save(game)
    t4 = tmp_path / f"tutorial-{gid}-t04.json"
    first_timeline = t4.read_bytes()
    reopened = load_game(tmp_path / f"tutorial-{gid}-t02.json")
    reopened.instructor(InstructorAction(kind="fire_event", reason="what if",
                                         event="hurricane_season"))
    reopened.end_turn()
    reopened.end_turn()
    assert saver.save(reopened) == tmp_path / f"tutorial-{gid}-t04-2.json"
    assert t4.read_bytes() == first_timeline
    game.end_turn()
    assert saver.save(game).name == f"tutorial-{gid}-t05.json"


def test_start_game_captures_the_text_even_if_the_file_is_edited_at_once(tmp_path):
    from game.persistence.games import start_game
    from game.scenario import ScenarioError

    src = tmp_path / "my.yaml"
    shutil.copy(TUTORIAL, src)
    original = src.read_text(encoding="utf-8")
    game = start_game(src, seed=4)
    src.write_text(original.replace("turns: 10", "turns: 12"), encoding="utf-8")
    game.end_turn()
    data = read_save(save_game(game, tmp_path / "g.json"))
    assert data["scenario"]["text"] == original and data["scenario"]["file"] == "my.yaml"
    with pytest.raises(ScenarioError) as info:
        start_game(tmp_path / "missing.yaml")
    assert str(tmp_path / "missing.yaml") in str(info.value)


def test_a_scenario_file_with_a_byte_order_mark_is_embedded_as_the_loader_reads_it(tmp_path):
    from game.persistence.games import start_game

    src = tmp_path / "bom.yaml"
    src.write_bytes(b"\xef\xbb\xbf" + TUTORIAL.read_bytes())
    game = start_game(src, seed=4)
    game.end_turn()
    file = save_game(game, tmp_path / "g.json")
    assert read_save(file)["scenario"]["text"] == TUTORIAL.read_text(encoding="utf-8")
    assert verify_save(file).ok
    assert snapshot(load_game(file)) == snapshot(game)


def test_class_options_survive_save_load_and_branch(tmp_path):
    game = play(turns=2)
    game_meta(game).options["rationale_required"] = True
    path = save_game(game, tmp_path / "g.json")
    assert read_save(path)["options"] == {"rationale_required": True}
    loaded = load_game(path)
    assert game_meta(loaded).options == {"rationale_required": True}
    branch = branch_game(loaded, 1)
    assert game_meta(branch).options == {"rationale_required": True}
    # a game without options writes no block at all (older readers see nothing new)
    assert "options" not in read_save(save_game(play(turns=1), tmp_path / "plain.json"))


def test_a_hand_edited_options_block_is_a_clear_error(tmp_path):
    from game.persistence.saves import dump_save_text

    data = read_save(save_game(play(turns=1), tmp_path / "g.json"))
    data["options"] = {"rationale_required": "yes"}
    bad = tmp_path / "bad.json"
    bad.write_text(dump_save_text(data), encoding="utf-8")
    with pytest.raises(SaveError) as err:
        load_game(bad)
    assert ("the save's 'options' should map rationale_required, ended_early to true or "
            "false") in str(err.value)


def test_the_report_reads_a_save_whose_scenario_uses_a_briefing_file(tmp_path):
    from game.persistence.report import load_report_game

    src = tmp_path / "brief.yaml"
    _tutorial_with_briefing_file(src)
    (tmp_path / "brief.md").write_text("Read this first.\n", encoding="utf-8")
    game = Game.new(load_scenario(src), seed=2)
    game.end_turn()
    file = save_game(game, tmp_path / "g.json")
    src.unlink()
    (tmp_path / "brief.md").unlink()
    report = load_report_game(file)
    assert report.scenario is not None
    assert report.scenario.briefing == "Read this first.\n"
    assert report.scenario.nations["usa"].name == game.scenario.nations["usa"].name


def test_a_game_whose_seats_changed_hands_replays_exactly(tmp_path):
    """The no-action shadow game's traffickers play by their seats, so a replay starts from
    the seats of turn 1 and re-applies the white cell's seat changes where they happened."""
    from game.ai.session import Seat

    sc = load_scenario(SCENARIOS[[p.stem for p in SCENARIOS].index("caribbean")])
    game = Game.new(sc, seed=5, seats={t: Seat.ai("fixed") for t in sc.traffickers})
    game.play(2)
    for t in sc.traffickers:  # the traffickers go to students (the shadow: adaptive)
        assert game.instructor(InstructorAction("seat", "a Red team joins",
                                                target=f"trafficker:{t}", value="human")) == []
    game.play(2)
    path = save_game(game, tmp_path / "g.json")
    data = read_save(path)
    assert data["start_seats"]["sinaloa"] == {"control": "ai", "policy": "fixed"}
    assert data["seats"]["sinaloa"] == {"control": "human", "policy": None}
    result = verify_save(path)
    assert result.first_divergence is None and result.state_matches
    loaded = load_game(path, verify=True)
    assert loaded.seats["sinaloa"] == Seat.person() and \
        loaded.start_seats["sinaloa"] == Seat.ai("fixed")
    # time travel and a branch see the seats as they were, and the branch replays too
    assert game_at_turn(loaded, 2).seats["sinaloa"] == Seat.ai("fixed")
    branch = branch_game(loaded, 3, seats={"sinaloa": Seat.ai("adaptive")})
    branch.play(1)
    assert verify_save(save_game(branch, tmp_path / "b.json")).first_divergence is None
    # a game without seat changes keeps its save as it was: no "start_seats"
    plain = Game.new(sc, seed=5)
    plain.play(1)
    assert "start_seats" not in read_save(save_game(plain, tmp_path / "p.json"))


def test_a_game_students_played_is_never_replaced_by_a_headless_run(tmp_path):
    """Even when the white cell handed every delegation to the computer at the end."""
    game = human_tutorial_game(turns=2)
    for side in ("usa",):
        assert game.instructor(InstructorAction("seat", "class is over",
                                                target=f"nation:{side}",
                                                value="ai:baseline")) == []
    game.play()
    assert game.human_sides() == []
    path = save_game(game, tmp_path / "class.json")
    before = path.read_bytes()
    with pytest.raises(InterdictError, match="the file holds a game played by people"):
        save_headless(play(TUTORIAL, seed=9, turns=1), path)
    assert path.read_bytes() == before


def test_a_game_from_other_rules_is_never_rebuilt_as_another_game():
    """Branching (or resuming from time travel) re-runs the saved orders; a save made before
    a change of the rules re-plays differently, and the branch used to start silently from a
    game nobody played. Up to the first turn that differs it still branches."""
    from game.core.report import TurnReport

    game = human_tutorial_game(turns=4)
    third = game.history[2]
    changed = TurnReport.from_data({**third.report.to_data(), "seized": third.report.seized + 1})
    game.history[2] = replace(third, report=changed)  # as another version of the rules gave it
    assert len(game_at_turn(game, 2).history) == 2
    for turn in (3, 4):
        with pytest.raises(InterdictError) as info:
            branch_game(game, turn)
        assert str(info.value) == (
            "This game was saved by another version of the rules: replaying its orders gives "
            f"a different Month 3, so it cannot be rebuilt as it was after Month {turn}. The "
            "save itself is unchanged: it opens, and plays on from its latest month.")
