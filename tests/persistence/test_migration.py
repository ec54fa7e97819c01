"""Old save versions load through the migration chain (fixtures of each old version)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.persistence.games import game_meta, load_game, save_game
from game.persistence.saves import (
    MIGRATIONS,
    SAVE_VERSION,
    SaveError,
    dump_save_text,
    read_save,
    scenario_hash,
)

FIXTURES = Path(__file__).with_name("fixtures")
V0 = FIXTURES / "save-v0.json"
V1 = FIXTURES / "save-v1.json"
V2 = FIXTURES / "save-v2.json"


def v1_of_these_rules(tmp_path: Path, change=None) -> Path:
    """The v2 fixture written back in the version-1 layout (no `leaked_n`), checksummed
    anew; `change` edits the data first."""
    v1 = json.loads(V2.read_text(encoding="utf-8"))
    for key in ("main", "shadow"):
        del v1["state"][key]["arrays"]["leaked_n"]
    v1["version"] = 1
    if change is not None:
        change(v1)
    path = tmp_path / "v1.json"
    path.write_text(dump_save_text({k: v for k, v in v1.items() if k != "checksum"}),
                    encoding="utf-8")
    return path


def test_every_old_version_has_a_migration_and_a_fixture():
    assert sorted(MIGRATIONS) == list(range(SAVE_VERSION))
    for v in range(SAVE_VERSION + 1):
        assert (FIXTURES / f"save-v{v}.json").exists()


def test_v0_migrates_to_the_current_layout():
    raw = json.loads(V0.read_text(encoding="utf-8"))
    data = read_save(V0)
    assert data["version"] == SAVE_VERSION and data["migrated_from"] == 0
    assert data["game"] == {"id": "v0" + raw["sha1"][:6], "created": None, "saved": None,
                            "interdict": "pre-release", "parent": None}
    assert data["scenario"] == {
        "id": "tutorial", "title": "", "file": "tutorial.yaml",
        "hash": scenario_hash(raw["scenario_yaml"]), "text": raw["scenario_yaml"],
    }
    assert data["seed"] == 12 and data["turns"] == raw["max_turns"]
    assert data["seats"] == {
        "usa": {"control": "human", "policy": None},
        "colombia": {"control": "ai", "policy": "baseline"},
        "clan_del_golfo": {"control": "ai", "policy": "adaptive"},
    }
    assert data["history"] == raw["log"]
    assert data["state"] is None and data["state_turn"] == 0


def test_v0_opens_as_a_game_and_saves_as_the_current_version(tmp_path):
    raw = json.loads(V0.read_text(encoding="utf-8"))
    game = load_game(V0)  # no snapshot in v0: the state is rebuilt from the orders
    assert game.turn == 4 and game.seats["usa"].human
    assert [r.to_data() for r in game.history] == raw["log"]  # saved reports kept as they are
    assert game.history[0].orders.blue["usa"].rationale == "Fixture turn 1: watch the coast."
    out = save_game(game, tmp_path / "upgraded.json")
    data = read_save(out)
    assert data["version"] == SAVE_VERSION and "migrated_from" not in data
    assert data["game"]["id"] == game_meta(game).game_id == "v0" + raw["sha1"][:6]


def test_v1_fixture_loads():
    game = load_game(V1)
    assert game.turn == 4 and len(game.history) == 3
    assert game.history[2].orders.blue["usa"].rationale == "Fixture turn 3: watch the coast."


def test_v1_snapshots_get_leaked_nations_as_version_1_showed_them(tmp_path):
    """Version 1 kept the routes a leak revealed, not whose patrols leaked: every nation
    counts as leaked, so the traffickers see what they saw before the upgrade; the rest of
    the snapshot is used as it was (a v1 save of this version of the rules: the v2 fixture
    written back in the v1 layout)."""
    data = read_save(V1)
    assert data["version"] == SAVE_VERSION and data["migrated_from"] == 1
    for key in ("main", "shadow"):
        assert data["state"][key]["arrays"]["leaked_n"] == {
            "dtype": "|b1", "shape": [2], "data": [True, True]}
    path = v1_of_these_rules(tmp_path)
    assert read_save(path)["migrated_from"] == 1
    old, new = load_game(path), load_game(V2)
    assert old.state.leaked_n.tolist() == [True, True]
    assert old.shadow.leaked_n.tolist() == [True, True]
    assert new.state.leaked_n.tolist() == [False, False]  # no leak in the fixture's month 3
    for f in ("revealed", "deployed", "c_leaks_n", "trust", "t_stock", "last_path_flow"):
        assert getattr(old.state, f).tolist() == getattr(new.state, f).tolist()


def test_v2_fixture_loads():
    game = load_game(V2)
    assert game.turn == 4 and len(game.history) == 3
    assert game.history[2].orders.blue["usa"].rationale == "Fixture turn 3: watch the coast."


def test_a_changed_v0_file_is_caught_by_its_own_digest(tmp_path):
    bad = tmp_path / "old.json"
    shutil.copy(V0, bad)
    bad.write_text(bad.read_text(encoding="utf-8").replace('"seed": 12', '"seed": 13'),
                   encoding="utf-8")
    with pytest.raises(SaveError) as info:
        read_save(bad)
    assert info.value.kind == "checksum"


def test_a_v0_file_missing_a_part_says_it_cannot_be_upgraded(tmp_path):
    import hashlib

    from game.persistence.saves import canonical_bytes

    raw = json.loads(V0.read_text(encoding="utf-8"))
    del raw["scenario_yaml"], raw["sha1"]
    raw["sha1"] = hashlib.sha1(canonical_bytes(raw)).hexdigest()
    bad = tmp_path / "old.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(SaveError) as info:
        read_save(bad)
    assert str(info.value) == (
        f"{bad}: the save (version 0) cannot be upgraded to version 1: a required part is "
        "missing or has the wrong type (KeyError: 'scenario_yaml'). Nothing was overwritten. "
        "Open an earlier autosave of this game from saves/ instead."
    )


def test_a_snapshot_that_no_longer_fits_falls_back_to_replaying(tmp_path):
    from game.persistence.files import write_text_atomic
    from game.persistence.saves import dump_save_text

    data = read_save(V1)
    first = next(iter(data["state"]["main"]["arrays"]))
    del data["state"]["main"]["arrays"][first]  # as if the state gained a field since
    f = tmp_path / "g.json"
    write_text_atomic(f, dump_save_text(data))
    assert load_game(f).turn == 4


def test_a_v1_save_of_these_rules_still_verifies(tmp_path):
    """Its upgraded snapshot counts every nation as leaked, the replay the real ones: the
    check said "the saved state snapshot differs", as if the rules had changed."""
    from game.persistence.games import verify_save

    path = v1_of_these_rules(tmp_path)
    assert load_game(path, verify=True).turn == 4
    result = verify_save(path)
    assert result.ok and result.state_matches is True


def test_a_v1_snapshot_that_does_not_fit_is_replayed_not_refused(tmp_path):
    path = v1_of_these_rules(tmp_path, lambda v1: v1["state"]["main"]["arrays"].pop("c_leaks_n"))
    assert read_save(path)["state"] is None
    assert load_game(path).turn == 4  # replayed from its orders
