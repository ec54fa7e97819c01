"""Saving and loading `Game`s, replay verification and branching.

    save_game(game, path)                   # atomic; the same game keeps its game id
    game = load_game(path)                  # fast: from the state snapshot
    game = load_game(path, verify=True)     # replays the orders and checks every report
    result = verify_save(path)              # ReplayResult(ok, turns, first_divergence, ...)
    branch = branch_game(game, turn=5)      # a new game (new id) resumed after turn 5
    game_at_turn(game, 3)                   # time travel: the game as it was after turn 3
    replay_states(game)                     # every state, index k = after k turns
    save_headless(game, path)               # for `interdict run --save FILE`
    game = start_game("scenarios/x.yaml", seed=7)  # Game.new that captures the file's text

The persistence layer gives every game an id (kept with the game object in memory and in
its saves) and remembers the exact scenario text the game was started from, so a save
embeds that text even if the file changes later.
"""

from __future__ import annotations

import os
import secrets
import weakref
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.ai.session import Game, Seat, TurnRecord
from game.core.errors import InterdictError
from game.core.model import Scenario
from game.core.orders import BlueOrders, InstructorAction, RedOrders
from game.core.state import state_from_data, state_to_data
from game.persistence.files import write_text_atomic
from game.persistence.records import seat_history
from game.persistence.saves import (
    SaveError,
    dump_save_text,
    make_save_data,
    read_save,
    scenario_hash,
)

try:
    from importlib.metadata import version as _pkg_version

    INTERDICT_VERSION = _pkg_version("interdict")
except Exception:  # pragma: no cover - not installed
    INTERDICT_VERSION = "dev"


# ---------------------------------------------------------------------------------------------
# Identity of a game in memory


@dataclass
class GameMeta:
    game_id: str
    created: str
    parent: dict[str, Any] | None = None
    scenario_text: str | None = None
    scenario_file: str = ""
    files: dict[str, str] = field(default_factory=dict)  # briefing_file name -> text
    # class settings chosen at the table, e.g. {"rationale_required": True}; plain booleans
    options: dict[str, bool] = field(default_factory=dict)


_META: weakref.WeakKeyDictionary[Game, GameMeta] = weakref.WeakKeyDictionary()


# the option a game the white cell ended before its last turn carries (until a turn is played)
ENDED_EARLY = "ended_early"


def new_game_id() -> str:
    """8 hex digits from the OS's random source (not the game's seeded streams)."""
    return secrets.token_hex(4)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def game_meta(game: Game) -> GameMeta:
    """The persistence identity of `game` (created on first use)."""
    meta = _META.get(game)
    if meta is None:
        meta = GameMeta(game_id=new_game_id(), created=_now())
        _META[game] = meta
    return meta


def game_identity(game: Game) -> tuple[str, str, int]:
    """(scenario id, game id, turns played) — what autosave names are made of."""
    return game.scenario.id, game_meta(game).game_id, len(game.history)


def remember_scenario_text(game: Game, text: str, file_name: str = "",
                           files: dict[str, str] | None = None) -> None:
    """Tell persistence the exact scenario text `game` was started from (the UI and the
    headless runner may call this right after `Game.new`; otherwise the file named by
    `scenario.source` is read at the first save and checked against the game's scenario)."""
    meta = game_meta(game)
    meta.scenario_text = text
    meta.scenario_file = file_name or Path(game.scenario.source or "").name
    meta.files = dict(files or {})


def start_game(path: str | os.PathLike[str], seed: int | None = None,
               seats: dict[str, Any] | None = None, baseline: bool = True) -> Game:
    """`Game.new` on a scenario file, reading the file once: the text the game is played
    with is captured now, so every save embeds exactly it even if the file is edited during
    the game. Raises the loader's ScenarioError for a bad file."""
    from game.scenario import check_file, load_scenario_text
    from game.scenario.reader import ReadError, decode_utf8

    p = Path(path)
    try:
        text = decode_utf8(p.read_bytes())  # as the loader reads it: a byte-order mark dropped
    except (OSError, ReadError):
        _raise_scenario_errors(check_file(p)[1], p)  # the loader's own message for the file
        raise
    files: dict[str, str] = {}  # the briefing file, exactly as the loader found and read it
    scenario = load_scenario_text(text, str(p), p.parent, read=files)
    game = Game.new(scenario, seed=seed, seats=seats, baseline=baseline)
    remember_scenario_text(game, text, p.name, files)
    return game


def _raise_scenario_errors(diags: list[Any], path: Path) -> None:
    from game.scenario import ScenarioError

    if diags:
        raise ScenarioError(diags)
    raise InterdictError(f"{path}: cannot read the scenario file")


def _scenario_text(game: Game) -> tuple[str, str, dict[str, str]]:
    meta = game_meta(game)
    if meta.scenario_text is not None:
        return meta.scenario_text, meta.scenario_file, meta.files
    source = game.scenario.source
    if not source:
        raise InterdictError(
            "cannot save: this game's scenario was not loaded from a file and its text is "
            "unknown. (Developers: call game.persistence.games.remember_scenario_text.)"
        )
    from game.scenario import load_scenario_text
    from game.scenario.reader import ReadError, decode_utf8

    path = Path(source)
    try:
        text = decode_utf8(path.read_bytes())
    except (OSError, ReadError) as exc:
        raise InterdictError(
            f"cannot save: the scenario file {source} the game was started from can no longer "
            f"be read ({exc}). Put it back to save this game."
        ) from None
    files: dict[str, str] = {}
    from_file = replace(load_scenario_text(text, path.name, path.parent, read=files),
                        source=source)
    # `interdict run --turns N` plays the file's scenario with another length: the save keeps
    # the file's text and the game's length ("turns") separately
    if replace(from_file, turns=game.scenario.turns) != game.scenario:
        raise InterdictError(
            f"cannot save: the scenario file {source} changed since this game started, so the "
            "save could not embed the scenario the game was played with. Undo the change to "
            "the file (or save before editing scenarios)."
        )
    remember_scenario_text(game, text, path.name, files)
    return text, path.name, files


# ---------------------------------------------------------------------------------------------
# Game <-> save data


def _seat_to_data(seat: Seat) -> dict[str, Any]:
    if seat.human:
        return {"control": "human", "policy": None}
    return {"control": "ai", "policy": seat.policy}


def _seat_from_data(data: dict[str, Any]) -> Seat:
    if data.get("control") == "human":
        return Seat.person()
    return Seat.ai(str(data.get("policy") or ""))


def game_to_data(game: Game, *, saved: str | None = None) -> dict[str, Any]:
    """The save (current version, without checksum) of `game`."""
    meta = game_meta(game)
    text, file_name, files = _scenario_text(game)
    data = make_save_data(
        game_id=meta.game_id, scenario_id=game.scenario.id,
        scenario_title=game.scenario.title, scenario_file=file_name, scenario_text=text,
        seed=int(game.seed), turns=int(game.scenario.turns),
        seats={side: _seat_to_data(s) for side, s in game.seats.items()},
        history=[rec.to_data() for rec in game.history],
        state={"main": state_to_data(game.state),
               "shadow": state_to_data(game.shadow) if game.shadow is not None else None},
        created=meta.created, saved=saved or _now(), parent=meta.parent,
        interdict_version=INTERDICT_VERSION,
    )
    if files:
        data["scenario"]["files"] = dict(files)
    if game.start_seats and game.start_seats != game.seats:  # the white cell changed seats
        data["start_seats"] = {side: _seat_to_data(x) for side, x in game.start_seats.items()}
    data["baseline"] = bool(game.baseline)
    if meta.options:
        data["options"] = {k: bool(v) for k, v in sorted(meta.options.items())}
    data["standing"] = {side: o.to_data() for side, o in game.standing.items()}
    data["pending"] = {side: o.to_data() for side, o in game.pending.items()}
    data["pending_instructor"] = [a.to_data() for a in game.pending_instructor]
    return data


def save_game(game: Game, path: str | os.PathLike[str]) -> Path:
    """Write `game` to `path` atomically (the previous file stays intact on a crash)."""
    return write_text_atomic(path, dump_save_text(game_to_data(game)))


def save_headless(game: Game, path: str | os.PathLike[str]) -> Path:
    """For `interdict run --save FILE`: the same format the UI loads.

    It replaces an earlier computer-only save of the same scenario (re-running a command is
    common) but never a game people played, a game of another scenario, a damaged save (it
    may be the only copy) or a file that is not a save.
    """
    check_save_target(path, game.scenario.id)
    return save_game(game, path)


def check_save_target(path: str | os.PathLike[str], scenario_id: str) -> None:
    """Raise InterdictError unless `save_headless` may write a game of `scenario_id` to
    `path` (`run` checks it before playing, and again when it saves)."""
    target = Path(path)
    try:
        is_dir, exists = target.is_dir(), target.exists()
    except OSError as exc:  # a name too long to look up
        raise InterdictError(f"--save {path}: cannot use this name ({exc.strerror or exc}); "
                             "choose another path") from None
    if is_dir:
        raise InterdictError(f"--save {path}: this is a folder; name a file inside it")
    if exists:
        try:
            old = read_save(target)
        except SaveError as exc:
            if exc.kind in ("not-json", "not-utf8", "not-a-save"):
                what = "it is not an Interdict save"
            else:
                what = "it is a save that does not open (it may be the only copy of a game)"
            raise InterdictError(
                f"--save {path}: the file already exists and {what}, so it is left as it is. "
                "Choose another file name.") from None
        # people played it if a side is theirs now, or was at any turn (the white cell may
        # have handed every delegation to the computer at the end)
        played = seat_history(old.get("start_seats") or old.get("seats") or {},
                              old.get("history") or ())
        people = sorted({side for side, seat in (old.get("seats") or {}).items()
                         if isinstance(seat, dict) and seat.get("control") == "human"} |
                        {side for side, changes in played.items()
                         if any(spec == "human" for _turn, spec in changes)})
        if people:
            raise InterdictError(
                f"--save {path}: the file holds a game played by people (game "
                f"{old['game']['id']}, scenario {old['scenario']['id']}, "
                f"{len(old['history'])} turn{'' if len(old['history']) == 1 else 's'} played; "
                f"seats: {', '.join(people)}), so it is left as "
                "it is. Choose another file name.")
        other = str((old.get("scenario") or {}).get("id") or "")
        if other != scenario_id:
            raise InterdictError(
                f"--save {path}: the file holds a computer-only game of another scenario "
                f"({other}, game {old['game']['id']}), so it is left as it is. Choose another "
                "file name, or delete that file first.")


def scenario_of_save(data: dict[str, Any], path: str | os.PathLike[str]) -> Scenario:
    """The embedded scenario of a (verified) save."""
    from game.scenario import ScenarioError, load_scenario_text

    sc = data["scenario"]
    try:
        # the files kept with the text, never any from disk
        scenario = replace(load_scenario_text(sc["text"], sc.get("file") or f"{sc['id']}.yaml",
                                              files=dict(sc.get("files") or {})),
                           source=sc.get("file") or "")
        if int(data["turns"]) != scenario.turns:  # a game length chosen at the start
            scenario = replace(scenario, turns=int(data["turns"]))
        return scenario
    except ScenarioError as exc:
        from game.scenario.loader import MISSING_FROM_SAVE

        first = exc.lines()[0] if exc.lines() else str(exc)
        if MISSING_FROM_SAVE in first:  # (saves made before briefing files travelled in them)
            raise SaveError(
                "scenario", path,
                f"this save lacks a file its scenario names: {first}. Start a new game from "
                "the scenario file instead (with that file beside it).",
            ) from None
        raise SaveError(
            "scenario", path,
            "the scenario embedded in this save no longer loads with this version of "
            f"Interdict: {first}. Open it with the version of Interdict that wrote it.",
        ) from None


def _records(data: dict[str, Any], path: str | os.PathLike[str]) -> list[TurnRecord]:
    out = []
    for entry in data["history"]:
        try:
            out.append(TurnRecord.from_data(entry))
        except (InterdictError, KeyError, TypeError, ValueError) as exc:
            raise SaveError(
                "malformed", path,
                f"the save is malformed: the orders or report of turn {entry.get('turn')} "
                f"cannot be read ({exc}). The file was written by another program or edited. "
                "Nothing was overwritten.",
            ) from None
    return out


def _seats(data: dict[str, Any], key: str = "seats") -> dict[str, Seat]:
    """The save's seats now, or with key "start_seats" at turn 1 (the same unless the white
    cell handed sides over during the game)."""
    return {side: _seat_from_data(s) for side, s in (data.get(key) or data["seats"]).items()}


def snapshot_matches(state: Any, snap: Any, data: dict[str, Any]) -> bool:
    """Whether a save's state snapshot is the state a replay reaches. A snapshot upgraded
    from version 1 holds every nation as leaked (`leaked_n`, which version 1 did not keep and
    the rules never read): that field is left out of the comparison."""
    replayed = state_to_data(state)
    migrated = data.get("migrated_from")
    if isinstance(migrated, int) and migrated < 2 and isinstance(snap, dict):
        replayed = {**replayed, "arrays": {k: v for k, v in replayed["arrays"].items()
                                           if k != "leaked_n"}}
        arrays = snap.get("arrays")
        if isinstance(arrays, dict):
            snap = {**snap, "arrays": {k: v for k, v in arrays.items() if k != "leaked_n"}}
    return replayed == snap


def game_from_data(data: dict[str, Any], path: str | os.PathLike[str] = "<save>", *,
                   verify: bool = False) -> Game:
    """The game a save holds. Content no game could have (checksummed anew after an edit)
    is a SaveError "malformed", never an error from deep inside the rules."""
    try:
        return _game_from_data(data, path, verify)
    except (InterdictError, RecursionError, MemoryError):
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError,
            OverflowError) as exc:
        raise SaveError(
            "malformed", path,
            f"the save is malformed: its content cannot be a game ({type(exc).__name__}: "
            f"{exc}). The file was written by another program or edited. Nothing was "
            "overwritten.") from None


def _game_from_data(data: dict[str, Any], path: str | os.PathLike[str], verify: bool) -> Game:
    scenario = scenario_of_save(data, path)
    seats, start = _seats(data), _seats(data, "start_seats")
    sides = set(scenario.nations) | set(scenario.traffickers)
    for key, table in (("seats", seats), ("start_seats", start)):
        if set(table) != sides:
            odd = sorted(set(table) ^ sides)
            raise SaveError(
                "malformed", path,
                f"the save is malformed: its {key} do not match the sides of its scenario "
                f"({', '.join(odd[:5])}). The file was written by another program or edited. "
                "Nothing was overwritten.")
    records = _records(data, path)
    baseline = bool(data.get("baseline", True))
    snap = data.get("state")
    main_state = shadow_state = None
    if snap is not None and not verify:
        try:
            main_state = state_from_data(scenario, snap["main"])
            shadow_state = (state_from_data(scenario, snap["shadow"])
                            if snap.get("shadow") is not None else None)
        except (InterdictError, KeyError, TypeError, AttributeError):
            # the snapshot is only a shortcut: a save whose snapshot no longer fits (e.g.
            # written before the state gained a field) opens by replaying its orders
            snap = None
    if snap is None or verify:
        try:
            game = Game.replay(scenario, int(data["seed"]), start, records, baseline=baseline)
            game.seats = seats  # as saved (the same, unless a pending seat change waits)
        except InterdictError as exc:
            raise SaveError("malformed", path,
                            f"the save's orders cannot be replayed ({exc}). Nothing was "
                            "overwritten.") from None
        if verify:
            turn = game.first_divergence(records)
            if turn is not None:
                raise SaveError(
                    "diverged", path,
                    f"replaying the saved orders from the seed gives a different result from "
                    f"turn {turn} on: the save was made by another version of the rules, or "
                    "changed. It can still be opened without verification.",
                )
            if snap is not None and not snapshot_matches(game.state, snap.get("main"), data):
                raise SaveError(
                    "diverged", path,
                    "the saved state snapshot differs from the state the replay reaches: the "
                    "save was made by another version of the rules, or changed.",
                )
        game.history = records  # keep the saved reports exactly
    else:
        assert main_state is not None
        game = Game(scenario=scenario, seed=int(data["seed"]), seats=seats, state=main_state,
                    shadow=shadow_state, history=records, baseline=baseline,
                    start_seats=start)
    try:
        game.standing = {s: BlueOrders.from_data(o, s)
                         for s, o in (data.get("standing") or {}).items()}
        pending: dict[str, Any] = {}
        for s, o in (data.get("pending") or {}).items():
            pending[s] = (BlueOrders.from_data(o, s) if s in scenario.nations
                          else RedOrders.from_data(o, s))
        game.pending = pending
        game.pending_instructor = [InstructorAction.from_data(a)
                                   for a in data.get("pending_instructor") or ()]
    except InterdictError as exc:
        raise SaveError("malformed", path, f"the save's pending orders cannot be read ({exc}). "
                        "Nothing was overwritten.") from None
    sc = data["scenario"]
    _META[game] = GameMeta(
        game_id=data["game"]["id"], created=data["game"].get("created") or _now(),
        parent=data["game"].get("parent"), scenario_text=sc["text"],
        scenario_file=sc.get("file", ""), files=dict(sc.get("files") or {}),
        options=_options_from_data(path, data.get("options")),
    )
    return game


OPTIONS = ("rationale_required", ENDED_EARLY)


def _options_from_data(path: Any, raw: Any) -> dict[str, bool]:
    """The save's optional class settings: known names with true/false values only."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or any(
            k not in OPTIONS or not isinstance(v, bool) for k, v in raw.items()):
        raise SaveError("malformed", path, "the save's 'options' should map "
                        f"{', '.join(OPTIONS)} to true or false. Nothing was overwritten.")
    return dict(raw)


def load_game(path: str | os.PathLike[str], *, verify: bool = False,
              expect_scenario: Scenario | None = None) -> Game:
    """Open a save. `verify=True` replays every turn from the seed and checks the reports.
    `expect_scenario`: refuse a save of a different scenario (compared by content hash of
    the scenario the save embeds against that scenario's text)."""
    kw: dict[str, Any] = {}
    if expect_scenario is not None and expect_scenario.source:
        try:
            text = Path(expect_scenario.source).read_bytes().decode("utf-8")
            kw = {"expect_scenario_hash": scenario_hash(text),
                  "expect_scenario": expect_scenario.id}
        except (OSError, UnicodeDecodeError):
            kw = {}
    data = read_save(path, **kw)
    return game_from_data(data, path, verify=verify)


# ---------------------------------------------------------------------------------------------
# Replay verification, time travel and branches


@dataclass(frozen=True)
class ReplayResult:
    path: str
    turns: int  # turns in the save
    first_divergence: int | None  # first turn whose report differs, None if all match
    differences: tuple[str, ...] = ()  # which report fields differ in that turn
    state_matches: bool | None = None  # the snapshot against the replayed state

    @property
    def ok(self) -> bool:
        return self.first_divergence is None and self.state_matches is not False


def _diff_fields(a: Any, b: Any, prefix: str = "", out: list[str] | None = None,
                 limit: int = 8) -> list[str]:
    out = [] if out is None else out
    if len(out) >= limit:
        return out
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if a.get(k) != b.get(k):
                _diff_fields(a.get(k), b.get(k), f"{prefix}{k}.", out, limit)
    elif a != b:
        out.append(f"{prefix.rstrip('.')}: saved {_short(a)}, replayed {_short(b)}")
    return out


def _short(v: Any) -> str:
    s = repr(v)
    return s if len(s) <= 60 else s[:57] + "..."


def verify_save(path: str | os.PathLike[str]) -> ReplayResult:
    """Re-run the saved orders from the seed and compare every saved turn report exactly."""
    data = read_save(path)
    return verify_data(data, scenario_of_save(data, path), path)


def verify_data(data: dict[str, Any], scenario: Scenario,
                path: str | os.PathLike[str]) -> ReplayResult:
    """`verify_save` on a save already read (`read_save`) and its `scenario_of_save`."""
    records = _records(data, path)
    try:
        game = Game.replay(scenario, int(data["seed"]), _seats(data, "start_seats"), records,
                           baseline=bool(data.get("baseline", True)))
    except InterdictError as exc:
        raise SaveError("malformed", path, f"the save's orders cannot be replayed ({exc}). "
                        "Nothing was overwritten.") from None
    turn = game.first_divergence(records)
    diffs: tuple[str, ...] = ()
    if turn is not None:
        mine = next((r for r in game.history if r.turn == turn), None)
        saved = next(r for r in data["history"] if r["turn"] == turn)["report"]
        diffs = tuple(_diff_fields(saved, mine.report.to_data() if mine else {}))
    snap = data.get("state")
    state_ok = None if snap is None else snapshot_matches(game.state, snap.get("main"), data)
    return ReplayResult(str(path), len(records), turn, diffs, state_ok)


def game_at_turn(game: Game, turn: int) -> Game:
    """The game as it was after `turn` turns (0: the start), re-run from the seed with the
    recorded orders; its history keeps the recorded reports. The same game id (for viewing);
    use `branch_game` to play on from there."""
    if not 0 <= turn <= len(game.history):
        raise InterdictError(f"turn {turn} is not between 0 and {len(game.history)}")
    records = game.history[:turn]
    past = Game.replay(game.scenario, game.seed, game.start_seats, records,
                       baseline=game.baseline)
    differs = past.first_divergence(records)
    if differs is not None:  # saved by another version of the rules: not the game played
        name = game.scenario.turn_name
        raise InterdictError(
            f"This game was saved by another version of the rules: replaying its orders gives "
            f"a different {name(differs)}, so it cannot be rebuilt as it was after "
            f"{name(turn)}. The save itself is unchanged: it opens, and plays on from its "
            "latest month.")
    past.history = list(records)
    past.standing = dict(game.standing)
    meta = game_meta(game)
    _META[past] = replace(meta)
    return past


def replay_states(game: Game) -> list[Any]:
    """Every state of the game in one pass (index k: the state after k turns; 0 is the
    start), re-run from the seed with the recorded orders. For a time-travel slider: compute
    once, then step back and forth for free."""
    past = Game.new(game.scenario, game.seed, game.start_seats, baseline=game.baseline)
    states = [past.state]
    for rec in game.history:
        past.end_turn(rec.orders)
        states.append(past.state)
    return states


def branch_game(game: Game, turn: int, seats: dict[str, Any] | None = None) -> Game:
    """A new game (new id) that resumes after `turn` turns of `game`; the original game and
    its files are untouched. `seats` may change who plays which side from there on."""
    past = game_at_turn(game, turn)
    for side, x in (seats or {}).items():
        if side not in past.seats:
            raise InterdictError(f"seat {side!r} is not a side of this game")
        seat = x if isinstance(x, Seat) else Seat.from_data(x)
        if seat != past.seats[side]:  # a recorded seat change, so the branch replays exactly
            kind = "nation" if side in game.scenario.nations else "trafficker"
            errs = past.instructor(InstructorAction(
                "seat", "seats chosen for this branch", target=f"{kind}:{side}",
                value=seat.spec))
            if errs:
                raise InterdictError("; ".join(errs))
    meta = game_meta(game)
    options = {k: v for k, v in meta.options.items() if k != ENDED_EARLY}  # it plays on
    _META[past] = replace(meta, game_id=new_game_id(), created=_now(),
                          options=options, parent={"id": meta.game_id, "turn": turn})
    return past


def branch_save(path: str | os.PathLike[str], turn: int, out: str | os.PathLike[str]) -> Path:
    """Write a branch of the save at `path` after `turn` turns to `out` (a new file)."""
    src = Path(path)
    dst = Path(out)
    if dst.exists():
        raise InterdictError(f"{dst} already exists: choose a new file name for the branch "
                             "(a branch never overwrites a save)")
    try:
        same = dst.resolve() == src.resolve()
    except OSError:
        same = False
    if same:
        raise InterdictError("the branch must go to a new file, not over the original save")
    game = load_game(src)
    last = min(len(game.history), game.scenario.turns - 1)  # a branch has a turn to play
    if not 0 <= turn <= last:
        raise InterdictError(
            f"{src}: --branch {turn}: choose a turn from 0 to {last}: the branch replays the "
            f"game up to that turn and plays on from the next one"
            + (" (the game has no turn left after its last)"
               if turn == game.scenario.turns else ""))
    return save_game(branch_game(game, turn), dst)
