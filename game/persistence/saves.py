"""The save file format: canonical JSON, a checksum, a version and a chain of migrations.

This module works on plain data only (dicts from JSON); `game.persistence.games` turns a
`Game` into that data and back. Reading a save never executes anything from it (JSON only,
no pickle) and never writes anything: every problem is a `SaveError` whose message names the
file, what is wrong, and what to do.

Layout of the current version (documented for instructors in docs/saves.md):

    {
      "format": "interdict-save",
      "version": 1,
      "checksum": "sha256:<hex of the canonical JSON of everything except this field>",
      "note": "...",
      "game": {"id", "created", "saved", "interdict", "parent": null | {"id", "turn"}},
      "scenario": {"id", "title", "file", "hash", "text"},
      "seed": int,
      "turns": int,                      # length of this game
      "seats": {side id: {"control": "human" | "ai", "policy": str | null}},
      "start_seats": {...},              # only when the white cell changed seats: turn 1's
      "history": [{"turn", "orders", "report"}, ...],
      "state": {...} | null,             # snapshot after the last turn in history
      "state_turn": int
    }
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.core.errors import InterdictError

SAVE_MAGIC = "interdict-save"
MAX_SAVE_BYTES = 512_000_000  # a 24-turn game on the 5,000-route stress scenario is far less
SAVE_VERSION = 2
SAVE_NOTE = (
    "Interdict save file. JSON with a checksum: a hand edit makes it refuse to load. "
    "See docs/saves.md."
)
CHECKSUM_PREFIX = "sha256:"
SCENARIO_HASH_PREFIX = "sha256:"

# Keys of a version-0 (pre-release) save: the layout used before saves had a format marker.
V0_MARKER = "interdict_save"

NEWLINE = b"\n"
_RESTORE_HINT = "Nothing was overwritten. Open an earlier autosave of this game from saves/ instead."


class SaveError(InterdictError):
    """A save that cannot be read. `kind` says which problem it is (for the UI and tests)."""

    def __init__(self, kind: str, path: str | os.PathLike[str], message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.kind = kind
        self.path = str(path)


# ---------------------------------------------------------------------------------------------
# Canonical JSON and hashes


def canonical_bytes(obj: Any) -> bytes:
    """The one byte form of plain data a checksum is computed over.

    Keys sorted, no whitespace, UTF-8, no NaN/Infinity. Python's float repr round-trips
    exactly, so load -> canonical_bytes gives the same bytes as before the save.
    """
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def content_checksum(data: dict[str, Any]) -> str:
    """sha256 over the canonical JSON of the save without its `checksum` field."""
    body = {k: v for k, v in data.items() if k != "checksum"}
    return CHECKSUM_PREFIX + hashlib.sha256(canonical_bytes(body)).hexdigest()


def scenario_hash(text: str) -> str:
    """Content hash of a scenario file's text (line endings normalised to \\n)."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return SCENARIO_HASH_PREFIX + hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def dump_save_text(data: dict[str, Any]) -> str:
    """The text written to disk, with a fresh checksum: one top-level field per line, small
    fields indented, one line per turn in `history`, the state snapshot on one line. (Fully
    indented JSON would use Python's slow pure encoder; this stays on the fast C one.)"""
    out = dict(data)
    try:
        out["checksum"] = content_checksum(out)
        ordered = {k: out[k] for k in _TOP_ORDER if k in out}
        ordered.update({k: v for k, v in out.items() if k not in ordered})
        lines = []
        for key, value in ordered.items():
            k = json.dumps(key)
            if key == "history" and isinstance(value, list) and value:
                items = ",\n".join("  " + _compact(v) for v in value)
                lines.append(f" {k}: [\n{items}\n ]")
            elif key in _ONE_LINE:
                lines.append(f" {k}: {_compact(value)}")
            else:
                body = json.dumps(value, indent=1, ensure_ascii=False, allow_nan=False)
                lines.append(f" {k}: " + body.replace("\n", "\n "))
        return "{\n" + ",\n".join(lines) + "\n}\n"
    except ValueError as exc:  # NaN or Infinity in the state: a bug, never a silent bad save
        raise InterdictError(
            f"cannot save: the game contains a value JSON cannot hold ({exc}). "
            "This is a bug in Interdict; please report it."
        ) from None


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


_ONE_LINE = frozenset({"state", "standing", "pending", "pending_instructor"})

_TOP_ORDER = (
    "format", "version", "checksum", "note", "game", "scenario", "seed", "turns", "seats",
    "start_seats", "history", "state_turn", "state",
)


# ---------------------------------------------------------------------------------------------
# Reading


def read_save(
    path: str | os.PathLike[str], *, expect_scenario_hash: str | None = None,
    expect_scenario: str | None = None,
) -> dict[str, Any]:
    """Read, verify and migrate a save to the current version. Never writes anything.

    `expect_scenario_hash` (with `expect_scenario`, a name for messages): refuse a save of
    another scenario.
    """
    p = Path(path)
    try:
        st = p.stat()
        size = st.st_size
        if not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
            raise SaveError(  # /dev/zero would be read forever, a pipe wait for a writer
                "not-a-save", p,
                "this is not a regular file (a device, a pipe or a socket). Check that you "
                "picked a save file.")
        if size > MAX_SAVE_BYTES:
            raise SaveError(
                "not-a-save", p,
                f"the file is {_size(size)}, far larger than any Interdict save (the limit is "
                f"{_size(MAX_SAVE_BYTES)}). Check that you picked a save file.",
            )
        raw = p.read_bytes()
    except FileNotFoundError:
        raise SaveError(
            "missing", p,
            "no such save file. Check the name; autosaves are in the saves/ folder.",
        ) from None
    except NotADirectoryError:
        part = next((q for q in reversed(p.parents) if q.is_file()), p.parent)
        raise SaveError(
            "missing", p, f"no such save file: {part} is a file, not a folder. Check the name.",
        ) from None
    except IsADirectoryError:
        raise SaveError("missing", p, _folder_message(p)) from None
    except OSError as exc:
        hint = (" Check its permissions." if exc.errno in (errno.EACCES, errno.EPERM)
                else " Check the name.")
        raise SaveError("unreadable", p, f"cannot read the save ({exc.strerror}).{hint}"
                        ) from None
    return read_save_bytes(raw, p, expect_scenario_hash=expect_scenario_hash,
                           expect_scenario=expect_scenario)


def _folder_message(folder: Path) -> str:
    """What to do when a folder was named instead of a save: name the newest save in it."""
    try:
        found = [e for e in os.scandir(folder) if e.name.endswith(".json")
                 and not e.name.startswith(".") and e.is_file()]
        newest = max(found, key=lambda e: e.stat().st_mtime_ns, default=None)
    except OSError:
        newest = None
    if newest is None:
        return ("this is a folder, not a save file, and it holds no .json saves. Name a save "
                "file; autosaves are in the saves/ folder.")
    return (f"this is a folder, not a save file. Name one of the .json saves in it; the "
            f"newest is {Path(folder) / newest.name}")


def read_save_bytes(
    raw: bytes, p: str | os.PathLike[str], *, expect_scenario_hash: str | None = None,
    expect_scenario: str | None = None,
) -> dict[str, Any]:
    """`read_save` on bytes already read; `p` names the file in messages."""
    data = parse_save_bytes(raw, p)
    version = detect_version(data, p)
    VERIFIERS[version](data, p)
    migrated = migrate(data, version, p)
    check_structure(migrated, p)
    if expect_scenario_hash is not None and migrated["scenario"]["hash"] != expect_scenario_hash:
        sc = migrated["scenario"]
        wanted = f" '{expect_scenario}'" if expect_scenario else ""
        raise SaveError(
            "wrong-scenario", p,
            f"this is a save of scenario '{sc['id']}' ({sc['file']}), not of the scenario"
            f"{wanted} you chose: their contents differ (save {sc['hash'][7:19]}, "
            f"chosen {expect_scenario_hash[7:19]}). Pick a save of that scenario, or open "
            "this save on its own: it carries its own copy of its scenario.",
        )
    return migrated


def parse_save_bytes(raw: bytes, path: str | os.PathLike[str]) -> dict[str, Any]:
    """Bytes -> dict, with a distinct message for empty, not UTF-8, truncated, damaged, not JSON."""
    head = raw[:4096]
    looks_like_save = any(m in head for m in (SAVE_MAGIC.encode(), V0_MARKER.encode(),
                                              b'"checksum"'))
    if not raw.strip():
        raise SaveError(
            "truncated", path,
            f"the file is empty ({len(raw)} bytes): the save was cut short before anything "
            f"was written. {_RESTORE_HINT}",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and raw.lstrip().startswith(b"{"):
            raise SaveError(
                "truncated", path,
                f"the save is truncated: it stops after {len(raw)} bytes, in the middle of "
                f"the data (line {raw.count(NEWLINE) + 1}). The file was cut short, e.g. by a "
                f"full disk or an interrupted copy. {_RESTORE_HINT}",
            ) from None
        if looks_like_save:
            raise SaveError(
                "damaged", path,
                f"the save is damaged: byte {exc.start} (0x{raw[exc.start]:02x}) is not valid "
                f"UTF-8 text, so the file changed after it was saved (a disk error, a bad copy "
                f"or an edit). {_RESTORE_HINT}",
            ) from None
        raise SaveError(
            "not-utf8", path,
            f"not a save: the file is not UTF-8 text (byte {exc.start} is "
            f"0x{raw[exc.start]:02x}). Interdict saves are JSON text files ending in .json; "
            "check that you picked the right file.",
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if _cut_short(text, exc):
            raise SaveError(
                "truncated", path,
                f"the save is truncated: it stops after {len(raw)} bytes, in the middle of "
                f"the data (line {exc.lineno}). The file was cut short, e.g. by a full disk "
                f"or an interrupted copy. {_RESTORE_HINT}",
            ) from None
        if looks_like_save:
            raise SaveError(
                "damaged", path,
                f"the save is damaged: it is no longer valid JSON at line {exc.lineno}, "
                f"column {exc.colno} ({exc.msg}); the file changed after it was saved "
                f"(a disk error, a bad copy or an edit). {_RESTORE_HINT}",
            ) from None
        raise SaveError(
            "not-json", path,
            f"not a save: the file is not JSON (line {exc.lineno}, column {exc.colno}: "
            f"{exc.msg}). Interdict saves are JSON files written by the game; check that you "
            "picked the right file (scenarios are .yaml files and open with `interdict play`).",
        ) from None
    except (ValueError, RecursionError) as exc:
        raise SaveError(
            "not-json", path,
            f"not a save: the file cannot be read as JSON ({exc}). Check that you picked "
            "the right file.",
        ) from None
    if not isinstance(data, dict):
        raise SaveError(
            "not-a-save", path,
            f"not an Interdict save: the file is JSON but holds {_json_type(data)}, not a "
            "save. Check that you picked a save file.",
        )
    return data


_PARTIAL_NUMBER = re.compile(r"-?\d*(\.\d*)?([eE][+-]?\d*)?")
_UNESCAPED_QUOTE = re.compile(r'(?<!\\)(\\\\)*"')


def _cut_short(text: str, exc: json.JSONDecodeError) -> bool:
    """True when the JSON text is a valid document cut off at its end (not changed inside)."""
    if not text.lstrip().startswith("{") or exc.msg.startswith("Extra data"):
        return False
    rest = text[exc.pos:].rstrip()
    if not rest:
        return True
    if exc.msg.startswith("Unterminated string"):
        return _UNESCAPED_QUOTE.search(text, exc.pos + 1) is None
    # a number or literal cut in the middle: the parser stops at its start or just after it
    start = exc.pos
    while start > 0 and text[start - 1] in "0123456789.eE+-":
        start -= 1
    tail = text[start:].rstrip()
    if any(w.startswith(tail) for w in ("null", "true", "false")):
        return True
    return _PARTIAL_NUMBER.fullmatch(tail) is not None


def _damaged_header(data: dict[str, Any]) -> bool:
    """A current-version save whose "format" or "version" bytes changed: with the right
    values put back, its checksum matches."""
    stored = data.get("checksum")
    if not isinstance(stored, str):
        return False
    known = {k: v for k, v in data.items() if k in _TOP_ORDER}
    repaired = dict(known, format=SAVE_MAGIC, version=SAVE_VERSION)
    try:
        return content_checksum(repaired) == stored
    except ValueError:
        return False


def detect_version(data: dict[str, Any], path: str | os.PathLike[str]) -> int:
    header_ok = data.get("format") == SAVE_MAGIC and data.get("version") == SAVE_VERSION
    if not header_ok and _damaged_header(data):
        raise SaveError(
            "checksum", path,
            "the save is damaged: its checksum does not match its content, so something in "
            "it changed after it was saved (a disk error, a bad copy or a hand edit). "
            f"{_RESTORE_HINT}",
        )
    if data.get("format") == SAVE_MAGIC:
        version = data.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise SaveError(
                "unknown-version", path,
                f"unknown save version {version!r}: a save's \"version\" is a whole number "
                f"from 1 to {SAVE_VERSION}. The file was edited or written by another program. "
                f"{_RESTORE_HINT}",
            )
        if version > SAVE_VERSION:
            raise SaveError(
                "newer-version", path,
                f"save version {version} is newer than this copy of Interdict can read (up to "
                f"version {SAVE_VERSION}). Update Interdict to open it; the file is left as "
                "it is.",
            )
        return version
    if V0_MARKER in data:
        if data[V0_MARKER] != 0:
            raise SaveError(
                "unknown-version", path,
                f"unknown save version {data[V0_MARKER]!r}: pre-release saves have "
                f"\"{V0_MARKER}\": 0. The file was edited or written by another program. "
                f"{_RESTORE_HINT}",
            )
        return 0
    raise SaveError(
        "not-a-save", path,
        f"not an Interdict save: the file is JSON but has no \"format\": \"{SAVE_MAGIC}\" "
        "field. Check that you picked a save (run reports and scenarios are not saves).",
    )


def _verify_v1(data: dict[str, Any], path: str | os.PathLike[str]) -> None:
    stored = data.get("checksum")
    if not isinstance(stored, str) or not stored.startswith(CHECKSUM_PREFIX):
        raise SaveError(
            "damaged", path,
            f"the save is damaged: it has no valid \"checksum\" field, so its content cannot "
            f"be trusted. {_RESTORE_HINT}",
        )
    try:
        actual = content_checksum(data)
    except ValueError:  # NaN/Infinity typed in by hand
        actual = "(not computable)"
    if actual != stored:
        raise SaveError(
            "checksum", path,
            "the save is damaged: its checksum does not match its content, so something in "
            "it changed after it was saved (a disk error, a bad copy or a hand edit). "
            f"{_RESTORE_HINT}",
        )


def _verify_v0(data: dict[str, Any], path: str | os.PathLike[str]) -> None:
    """Version 0 stored a sha1 hex digest over the sorted-key JSON of the rest, in `sha1`."""
    stored = data.get("sha1")
    body = {k: v for k, v in data.items() if k != "sha1"}
    try:
        actual = hashlib.sha1(canonical_bytes(body)).hexdigest()
    except ValueError:
        actual = ""
    if stored != actual:
        raise SaveError(
            "checksum", path,
            "the save is damaged: its checksum does not match its content, so something in "
            "it changed after it was saved (a disk error, a bad copy or a hand edit). "
            f"{_RESTORE_HINT}",
        )


VERIFIERS: dict[int, Callable[[dict[str, Any], str | os.PathLike[str]], None]] = {
    0: _verify_v0,
    1: _verify_v1,
    2: _verify_v1,  # (the same checksum)
}


# ---------------------------------------------------------------------------------------------
# Migrations: MIGRATIONS[v] turns a verified version-v save into a version v+1 save.


def _migrate_0_to_1(old: dict[str, Any]) -> dict[str, Any]:
    """Version 0, the pre-release layout:

        {"interdict_save": 0, "sha1": hex, "scenario_file": "x.yaml", "scenario_yaml": text,
         "seed": int, "max_turns": int, "players": {side: "human" | "ai:<policy>"},
         "log": [{"turn": n, "orders": {...}, "report": {...}}]}

    It had no game id (derived here from its digest), no timestamps, no state snapshot (the
    state is rebuilt by replaying the log on load) and no scenario hash (computed here).
    """
    text = old["scenario_yaml"]
    seats: dict[str, dict[str, Any]] = {}
    for side, spec in old.get("players", {}).items():
        if spec == "human":
            seats[side] = {"control": "human", "policy": None}
        elif isinstance(spec, str) and spec.startswith("ai:"):
            seats[side] = {"control": "ai", "policy": spec[3:]}
        else:
            seats[side] = {"control": "ai", "policy": None}
    file_name = str(old.get("scenario_file", ""))
    return {
        "format": SAVE_MAGIC,
        "version": 1,
        "note": SAVE_NOTE,
        "game": {
            "id": "v0" + str(old.get("sha1", ""))[:6],
            "created": None,
            "saved": None,
            "interdict": "pre-release",
            "parent": None,
        },
        "scenario": {
            "id": Path(file_name).stem,
            "title": "",
            "file": file_name,
            "hash": scenario_hash(text),
            "text": text,
        },
        "seed": old["seed"],
        "turns": old["max_turns"],
        "seats": seats,
        "history": [
            {"turn": e["turn"], "orders": e["orders"], "report": e["report"]}
            for e in old.get("log", [])
        ],
        "state_turn": 0,
        "state": None,
    }


def _migrate_1_to_2(old: dict[str, Any]) -> dict[str, Any]:
    """Version 2 adds `leaked_n` to the state snapshots: the nations whose shared
    intelligence leaked in the last turn (a leak shows the traffickers that nation's patrols,
    no one else's). Version 1 kept only the routes those patrols were on, so an upgraded
    snapshot counts every nation as leaked: its traffickers see every patrol on those routes,
    as version 1 showed them. Nothing else changes; the rules never read it."""
    new = dict(old)
    state = old.get("state")
    if state is not None:
        state = dict(state)
        try:
            for key in ("main", "shadow"):
                snap = state.get(key)
                if snap is None:
                    continue
                arrays = dict(snap["arrays"])
                n = int(arrays["c_leaks_n"]["shape"][0])
                arrays["leaked_n"] = {"dtype": "|b1", "shape": [n], "data": [True] * n}
                state[key] = dict(snap, arrays=arrays)
            new["state"] = state
        except (KeyError, TypeError, ValueError, IndexError):
            new["state"] = None  # a snapshot that does not fit: the game is replayed
    new["version"] = 2
    return new


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    0: _migrate_0_to_1,
    1: _migrate_1_to_2,
}


def migrate(data: dict[str, Any], version: int, path: str | os.PathLike[str]) -> dict[str, Any]:
    """Apply the chain version -> version+1 -> ... -> SAVE_VERSION."""
    current = data
    for v in range(version, SAVE_VERSION):
        try:
            current = MIGRATIONS[v](current)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise SaveError(
                "malformed", path,
                f"the save (version {v}) cannot be upgraded to version {v + 1}: a required "
                f"part is missing or has the wrong type ({type(exc).__name__}: {exc}). "
                f"{_RESTORE_HINT}",
            ) from None
    if version != SAVE_VERSION:
        current["migrated_from"] = version
        current["checksum"] = content_checksum(current)
    return current


# ---------------------------------------------------------------------------------------------
# Structure of the current version (after checksum: catches hand-made files with a fresh sum)

_ID_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def check_structure(data: dict[str, Any], path: str | os.PathLike[str]) -> None:
    def bad(where: str, what: str) -> SaveError:
        return SaveError(
            "malformed", path,
            f"the save is malformed: {where} {what}. The file was written by another program "
            f"or edited. {_RESTORE_HINT}",
        )

    def need(obj: Any, key: str, types: type | tuple[type, ...], where: str) -> Any:
        if not isinstance(obj, dict) or key not in obj:
            raise bad(f"{where}{key}", "is missing")
        value = obj[key]
        if isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
            raise bad(f"{where}{key}", "has the wrong type")
        if not isinstance(value, types):
            raise bad(f"{where}{key}", f"should be {_type_names(types)}, not {_json_type(value)}")
        return value

    game = need(data, "game", dict, "")
    gid = need(game, "id", str, "game.")
    if not _ID_RE.match(gid):
        raise bad("game.id", f"{gid!r} is not a game id (letters, digits, '_', '.', '-')")
    if game.get("parent") is not None:
        parent = need(game, "parent", dict, "game.")
        for key, kind in (("id", str), ("turn", int)):  # (as branch_game writes them)
            if key in parent and (not isinstance(parent[key], kind)
                                  or isinstance(parent[key], bool)):
                raise bad(f"game.parent.{key}", "has the wrong type")
    sc = need(data, "scenario", dict, "")
    for key in ("id", "file", "hash", "text"):
        need(sc, key, str, "scenario.")
    if sc["hash"] != scenario_hash(sc["text"]):
        raise bad("scenario.hash", "does not match the scenario text it travels with")
    if sc.get("files") is not None:
        files = need(sc, "files", dict, "scenario.")
        for name, content in files.items():
            if not isinstance(content, str):
                raise bad(f"scenario.files.{name}", "should be the text of a file")
    need(data, "seed", int, "")
    if need(data, "turns", int, "") < 1:
        raise bad("turns", f"is {data['turns']}, but a game has at least 1 turn")
    for key in ("seats", "start_seats"):
        if key == "start_seats" and data.get(key) is None:
            continue  # optional: the seats at turn 1, when they changed during the game
        seats = need(data, key, dict, "")
        for side, seat in seats.items():
            control = need(seat, "control", str, f"{key}.{side}.")
            if control not in ("human", "ai"):
                raise bad(f"{key}.{side}.control", f"is {control!r}, not 'human' or 'ai'")
    history = need(data, "history", list, "")
    for i, entry in enumerate(history):
        turn = need(entry, "turn", int, f"history[{i}].")
        if turn != i + 1:
            raise bad(f"history[{i}].turn", f"is {turn}, expected {i + 1}")
        orders = need(entry, "orders", dict, f"history[{i}].")
        for side_kind in ("blue", "red"):
            sides = orders.get(side_kind) or {}
            if not isinstance(sides, dict):
                raise bad(f"history[{i}].orders.{side_kind}", "should be an object")
            for side, o in sides.items():
                if not isinstance(o, dict):
                    raise bad(f"history[{i}].orders.{side_kind}.{side}", "should be an object")
        report = need(entry, "report", dict, f"history[{i}].")
        events = report.get("events") or []
        if not isinstance(events, list) or not all(isinstance(x, str) for x in events):
            raise bad(f"history[{i}].report.events", "should be a list of event ids")
    for key in ("standing", "pending"):
        if data.get(key) is not None:
            for side, o in need(data, key, dict, "").items():
                if not isinstance(o, dict):
                    raise bad(f"{key}.{side}", "should be an object")
    if data.get("pending_instructor") is not None:
        for k, act in enumerate(need(data, "pending_instructor", list, "")):
            if not isinstance(act, dict):
                raise bad(f"pending_instructor[{k}]", "should be an object")
    if data.get("state") is not None:
        need(data, "state", dict, "")
        st = need(data, "state_turn", int, "")
        if st != len(history):
            raise bad("state_turn", f"is {st} but the history has {len(history)} turns")


def _size(n: int) -> str:
    if n < 10_000:
        return f"{n:,} bytes"
    if n < 10_000_000:
        return f"{n / 1e3:,.0f} kB"
    return f"{n / 1e6:,.0f} MB"


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _type_names(types: type | tuple[type, ...]) -> str:
    names = {dict: "an object", list: "a list", str: "a string", int: "a whole number"}
    seq = types if isinstance(types, tuple) else (types,)
    return " or ".join(names.get(t, t.__name__) for t in seq)


def make_save_data(
    *, game_id: str, scenario_id: str, scenario_title: str, scenario_file: str,
    scenario_text: str, seed: int, turns: int, seats: dict[str, dict[str, Any]],
    history: list[dict[str, Any]], state: dict[str, Any] | None,
    created: str | None, saved: str | None, parent: dict[str, Any] | None = None,
    interdict_version: str = "",
) -> dict[str, Any]:
    """Assemble a current-version save (without its checksum; `dump_save_text` adds it)."""
    return {
        "format": SAVE_MAGIC,
        "version": SAVE_VERSION,
        "note": SAVE_NOTE,
        "game": {
            "id": game_id,
            "created": created,
            "saved": saved,
            "interdict": interdict_version,
            "parent": parent,
        },
        "scenario": {
            "id": scenario_id,
            "title": scenario_title,
            "file": scenario_file,
            "hash": scenario_hash(scenario_text),
            "text": scenario_text,
        },
        "seed": seed,
        "turns": turns,
        "seats": seats,
        "history": history,
        "state_turn": len(history),
        "state": state,
    }


def peek_save(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """Best-effort header of a save (game id, scenario id, turn) for listings; None if unreadable."""
    try:
        data = read_save(path)
    except InterdictError:
        return None
    return {
        "game_id": data["game"]["id"],
        "scenario_id": data["scenario"]["id"],
        "scenario_title": data["scenario"].get("title", ""),
        "turn": len(data["history"]),
        "turns": data["turns"],
        "saved": data["game"].get("saved"),
        "parent": data["game"].get("parent"),
    }
