"""Autosave names, rotation per game, and never touching another game's files."""

from __future__ import annotations

import os
import stat

from game.persistence import files
from game.persistence.autosave import (
    autosave_name,
    autosaves_of,
    free_path,
    list_saves,
    rotate,
    safe_name,
)
from game.persistence.files import write_text_atomic
from game.persistence.saves import dump_save_text, make_save_data


def save_text(game_id: str, turns: int = 0) -> str:
    return dump_save_text(make_save_data(
        game_id=game_id, scenario_id="caribbean", scenario_title="Caribbean",
        scenario_file="caribbean.yaml", scenario_text="id: caribbean\nturn_label: Month  # a month a turn\n",
        seed=1, turns=24,
        seats={}, history=[{"turn": t, "orders": {}, "report": {}} for t in range(1, turns + 1)],
        state=None, created=None, saved=None,
    ))


def test_names_tell_scenario_game_and_turn():
    assert autosave_name("caribbean", "3fa9c2d1", 7) == "caribbean-3fa9c2d1-t07.json"
    assert autosave_name("caribbean", "3fa9c2d1", 124) == "caribbean-3fa9c2d1-t124.json"
    assert safe_name("my scenario/v2-final") == "my_scenario_v2_final"
    assert safe_name("../..") == "scenario"


def test_rotation_keeps_the_last_few_of_this_game_only(tmp_path):
    ns = 0
    def put(name, text):
        nonlocal ns
        p = tmp_path / name
        write_text_atomic(p, text)
        ns += 1_000_000_000
        os.utime(p, ns=(ns, ns))
        return p
    for t in range(1, 9):
        put(autosave_name("caribbean", "aaaa1111", t), save_text("aaaa1111", t))
        put(autosave_name("caribbean", "bbbb2222", t), save_text("bbbb2222", t))
    other_scenario = put(autosave_name("andes", "aaaa1111", 3), save_text("aaaa1111", 3))
    named = put("caribbean-aaaa1111-final.json", save_text("aaaa1111", 8))
    deleted = rotate(tmp_path, "caribbean", "aaaa1111", keep=3)
    assert sorted(p.name for p in deleted) == [
        f"caribbean-aaaa1111-t0{t}.json" for t in range(1, 6)
    ]
    assert [p.name for p in autosaves_of(tmp_path, "caribbean", "aaaa1111")] == [
        "caribbean-aaaa1111-t06.json", "caribbean-aaaa1111-t07.json",
        "caribbean-aaaa1111-t08.json",
    ]
    assert len(autosaves_of(tmp_path, "caribbean", "bbbb2222")) == 8  # other game untouched
    assert other_scenario.exists() and named.exists()


def test_free_path_never_overwrites_another_games_file(tmp_path):
    target = tmp_path / autosave_name("caribbean", "aaaa1111", 2)
    write_text_atomic(target, save_text("zzzz9999", 2))  # a copied-in file of another game
    assert free_path(target, "aaaa1111") == target.with_name("caribbean-aaaa1111-t02-2.json")
    write_text_atomic(target, save_text("aaaa1111", 2))
    assert free_path(target, "aaaa1111") == target  # our own older autosave: replace it
    target.write_text("{ damaged")
    assert free_path(target, "aaaa1111") != target  # unreadable: keep it, write beside it


def test_list_saves_reports_broken_files_instead_of_failing(tmp_path):
    write_text_atomic(tmp_path / "caribbean-aaaa1111-t03.json", save_text("aaaa1111", 3))
    (tmp_path / "broken.json").write_text('{"format": "interdict-save", "version": 1, "ga')
    (tmp_path / "notes.txt").write_text("ignored")
    entries = {e.path.name: e for e in list_saves(tmp_path)}
    assert set(entries) == {"caribbean-aaaa1111-t03.json", "broken.json"}
    ok = entries["caribbean-aaaa1111-t03.json"]
    assert (ok.game_id, ok.scenario_id, ok.turn, ok.turns, ok.error) == (
        "aaaa1111", "caribbean", 3, 24, None)
    assert ok.when == "3 of 24 months played"  # the scenario's own name for a turn
    from game.persistence.autosave import _TURN_LABEL

    labels = [m.group(1) if (m := _TURN_LABEL.search(t)) else None for t in (
        "id: x\r\nturn_label: Month\r\n", "turn_label: Étape\n", "turn_label: 'Week'  # w\n",
        "turn_label: 3d\n")]
    assert labels == ["Month", "Étape", "Week", None]
    assert "the save is truncated" in entries["broken.json"].error


def test_atomic_write_gives_a_readable_file_and_keeps_the_old_mode(tmp_path):
    p = tmp_path / "a.json"
    write_text_atomic(p, "1")
    assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~files._UMASK  # not mkstemp's 0600
    os.chmod(p, 0o640)
    write_text_atomic(p, "2")
    assert stat.S_IMODE(p.stat().st_mode) == 0o640 and p.read_text() == "2"
    assert [x.name for x in tmp_path.iterdir()] == ["a.json"]
