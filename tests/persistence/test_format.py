"""The save format on plain data: checksum, canonical JSON, every error message, migrations."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from game.persistence.files import write_text_atomic
from game.persistence.saves import (
    SAVE_VERSION,
    SaveError,
    canonical_bytes,
    content_checksum,
    dump_save_text,
    make_save_data,
    read_save,
    read_save_bytes,
    scenario_hash,
)

SCENARIO_TEXT = "id: demo\ntitle: Demo <b>bold</b>\nturns: 3\n"


def sample(game_id: str = "abc123", text: str = SCENARIO_TEXT) -> dict:
    return make_save_data(
        game_id=game_id, scenario_id="demo", scenario_title="Demo", scenario_file="demo.yaml",
        scenario_text=text, seed=42, turns=3,
        seats={"usa": {"control": "human", "policy": None},
               "cartel": {"control": "ai", "policy": "adaptive"}},
        history=[{"turn": 1, "orders": {"blue": {}}, "report": {"seized": 1.25, "note": "é"}}],
        state={"turn": 2, "stock": [0.1, 1e-300, 12345678.9]},
        created="2026-01-01T00:00:00Z", saved="2026-01-01T00:10:00Z", interdict_version="0.1.0",
    )


def write(tmp_path: Path, data: dict, name: str = "g.json") -> Path:
    p = tmp_path / name
    write_text_atomic(p, dump_save_text(data))
    return p


def test_round_trip_and_checksum_is_over_canonical_content(tmp_path):
    data = sample()
    p = write(tmp_path, data)
    loaded = read_save(p)
    assert loaded["history"] == data["history"]
    assert loaded["state"] == data["state"]
    body = {k: v for k, v in loaded.items() if k != "checksum"}
    expected = "sha256:" + hashlib.sha256(canonical_bytes(body)).hexdigest()
    assert loaded["checksum"] == expected == content_checksum(data)
    # whitespace does not matter, content does
    reformatted = json.dumps(json.loads(p.read_text()), indent=4)
    p.write_text(reformatted)
    assert read_save(p)["seed"] == 42


def test_canonical_bytes_are_sorted_compact_utf8():
    assert canonical_bytes({"b": 1, "a": [1.5, "é"]}) == '{"a":[1.5,"é"],"b":1}'.encode()
    with pytest.raises(ValueError):
        canonical_bytes({"x": float("nan")})


def test_scenario_hash_ignores_line_endings_only():
    assert scenario_hash("a: 1\nb: 2\n") == scenario_hash("a: 1\r\nb: 2\r\n")
    assert scenario_hash("a: 1\n") != scenario_hash("a: 2\n")
    assert scenario_hash("x").startswith("sha256:")


def err(p: Path, **kw) -> SaveError:
    with pytest.raises(SaveError) as info:
        read_save(p, **kw)
    return info.value


RESTORE = "Nothing was overwritten. Open an earlier autosave of this game from saves/ instead."


def test_flipped_byte_in_content_is_a_checksum_error(tmp_path):
    p = write(tmp_path, sample())
    raw = bytearray(p.read_bytes())
    i = raw.index(b'"seed": 42') + len(b'"seed": 4')
    raw[i] ^= 0x01  # "42" -> "43"
    p.write_bytes(bytes(raw))
    before = p.read_bytes()
    e = err(p)
    assert e.kind == "checksum"
    assert str(e) == (
        f"{p}: the save is damaged: its checksum does not match its content, so something in "
        "it changed after it was saved (a disk error, a bad copy or a hand edit). " + RESTORE
    )
    assert p.read_bytes() == before  # never rewritten


def test_flipped_high_bit_is_damage_not_a_foreign_file(tmp_path):
    p = write(tmp_path, sample())
    raw = bytearray(p.read_bytes())
    i = raw.index(b"adaptive")
    raw[i] ^= 0x80
    p.write_bytes(bytes(raw))
    e = err(p)
    assert e.kind == "damaged"
    assert str(e) == (
        f"{p}: the save is damaged: byte {i} (0x{raw[i]:02x}) is not valid UTF-8 text, so the "
        "file changed after it was saved (a disk error, a bad copy or an edit). " + RESTORE
    )


def test_flipped_structural_byte_is_damaged_json(tmp_path):
    p = write(tmp_path, sample())
    raw = bytearray(p.read_bytes())
    i = raw.index(b'"seed"')
    raw[i] = ord("{")
    p.write_bytes(bytes(raw))
    e = err(p)
    assert e.kind == "damaged"
    assert str(e).startswith(f"{p}: the save is damaged: it is no longer valid JSON at line ")
    assert str(e).endswith(RESTORE)


def test_truncated_file(tmp_path):
    p = write(tmp_path, sample())
    raw = p.read_bytes()
    cut = raw[: len(raw) // 2]
    p.write_bytes(cut)
    e = err(p)
    assert e.kind == "truncated"
    line = cut.decode("utf-8", "replace").count("\n") + 1
    assert str(e) == (
        f"{p}: the save is truncated: it stops after {len(cut)} bytes, in the middle of the "
        f"data (line {line}). The file was cut short, e.g. by a full disk or an interrupted "
        "copy. " + RESTORE
    )


def test_empty_file(tmp_path):
    p = tmp_path / "empty.json"
    p.write_bytes(b"")
    e = err(p)
    assert e.kind == "truncated"
    assert str(e) == (
        f"{p}: the file is empty (0 bytes): the save was cut short before anything was "
        "written. " + RESTORE
    )


def test_newer_version(tmp_path):
    data = sample()
    data["version"] = SAVE_VERSION + 1
    p = write(tmp_path, data)
    e = err(p)
    assert e.kind == "newer-version"
    assert str(e) == (
        f"{p}: save version {SAVE_VERSION + 1} is newer than this copy of Interdict can read "
        f"(up to version {SAVE_VERSION}). Update Interdict to open it; the file is left as it is."
    )


@pytest.mark.parametrize("version", ["1", None, -3, 0, 1.5, True])
def test_unknown_version(tmp_path, version):
    data = sample()
    data["version"] = version
    p = write(tmp_path, data)
    e = err(p)
    assert e.kind == "unknown-version"
    assert str(e) == (
        f"{p}: unknown save version {version!r}: a save's \"version\" is a whole number from "
        f"1 to {SAVE_VERSION}. The file was edited or written by another program. " + RESTORE
    )


def test_save_of_another_scenario(tmp_path):
    p = write(tmp_path, sample())
    other = scenario_hash("id: other\n")
    e = err(p, expect_scenario_hash=other, expect_scenario="other")
    assert e.kind == "wrong-scenario"
    assert str(e) == (
        f"{p}: this is a save of scenario 'demo' (demo.yaml), not of the scenario 'other' you "
        f"chose: their contents differ (save {scenario_hash(SCENARIO_TEXT)[7:19]}, chosen "
        f"{other[7:19]}). Pick a save of that scenario, or open this save on its own: it "
        "carries its own copy of its scenario."
    )
    assert read_save(p, expect_scenario_hash=scenario_hash(SCENARIO_TEXT))["seed"] == 42


def test_not_json(tmp_path):
    p = tmp_path / "scenario.yaml"
    p.write_text("id: demo\nturns: [1, 2\n")
    e = err(p)
    assert e.kind == "not-json"
    assert str(e) == (
        f"{p}: not a save: the file is not JSON (line 1, column 1: Expecting value). Interdict "
        "saves are JSON files written by the game; check that you picked the right file "
        "(scenarios are .yaml files and open with `interdict play`)."
    )


def test_not_utf8(tmp_path):
    p = tmp_path / "picture.json"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    e = err(p)
    assert e.kind == "not-utf8"
    assert str(e) == (
        f"{p}: not a save: the file is not UTF-8 text (byte 0 is 0x89). Interdict saves are "
        "JSON text files ending in .json; check that you picked the right file."
    )


def test_json_but_not_a_save(tmp_path):
    p = tmp_path / "results.json"
    p.write_text('{"scenario": "demo", "seed": 1, "turns": []}')
    e = err(p)
    assert e.kind == "not-a-save"
    assert str(e) == (
        f"{p}: not an Interdict save: the file is JSON but has no \"format\": \"interdict-save\" "
        "field. Check that you picked a save (run reports and scenarios are not saves)."
    )
    p.write_text("[1, 2]")
    assert str(err(p)) == (
        f"{p}: not an Interdict save: the file is JSON but holds a list, not a save. Check that "
        "you picked a save file."
    )


def test_missing_file(tmp_path):
    p = tmp_path / "nope.json"
    assert str(err(p)) == (
        f"{p}: no such save file. Check the name; autosaves are in the saves/ folder."
    )


def test_hand_made_save_with_fresh_checksum_is_checked_for_structure(tmp_path):
    data = sample()
    data["history"][0]["turn"] = 5
    p = write(tmp_path, data)
    e = err(p)
    assert e.kind == "malformed"
    assert str(e) == (
        f"{p}: the save is malformed: history[0].turn is 5, expected 1. The file was written "
        "by another program or edited. " + RESTORE
    )
    data = sample()
    del data["seats"]["usa"]["control"]
    assert "seats.usa.control is missing" in str(err(write(tmp_path, data)))


def test_nan_cannot_be_saved():
    data = sample()
    data["state"]["x"] = float("inf")
    with pytest.raises(Exception, match="a value JSON cannot hold"):
        dump_save_text(data)


def test_every_single_bit_flip_is_caught_or_harmless(tmp_path):
    """Flip each bit of a save in turn: each is reported as damage, or the content is the same."""
    data = sample()
    raw = dump_save_text(data).encode()
    original = read_save(write(tmp_path, data))
    kinds = set()
    bits = range(8) if os.environ.get("INTERDICT_LONG_TESTS") == "1" else (0, 3, 7)
    for i in range(len(raw)):
        for bit in bits:
            flipped = bytearray(raw)
            flipped[i] ^= 1 << bit
            try:
                loaded = read_save_bytes(bytes(flipped), "flipped.json")
            except SaveError as exc:
                kinds.add(exc.kind)
            else:  # e.g. "1e-300" -> "1E-300": the same content
                assert loaded == original
    assert kinds == {"damaged", "checksum"}


def test_a_huge_file_is_refused_before_reading(tmp_path, monkeypatch):
    from game.persistence import saves

    p = write(tmp_path, sample())
    monkeypatch.setattr(saves, "MAX_SAVE_BYTES", 100)
    e = err(p)
    assert e.kind == "not-a-save"
    assert str(e) == (
        f"{p}: the file is {p.stat().st_size:,} bytes, far larger than any Interdict save (the "
        "limit is 100 bytes). Check that you picked a save file."
    )
