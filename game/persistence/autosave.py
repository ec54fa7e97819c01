"""Autosaves in `saves/`: one file per turn, named after scenario, game and turn, with rotation.

    saves/<scenario id>-<game id>-t07.json

Only the last `keep` autosaves of the *same game* are kept; files of other games (another id),
branches (a branch has its own id) and files the user named are never touched.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.core.errors import InterdictError
from game.persistence.files import NameTaken, WriteError, write_text_atomic
from game.persistence.saves import SaveError, read_save

DEFAULT_KEEP = 5
_TRIES = 20  # names looked for in a row when other windows keep taking them
SAVES_ENV = "INTERDICT_SAVES_DIR"

_SAFE = re.compile(r"[^A-Za-z0-9_.]+")


def default_saves_dir() -> Path:
    """`saves/` in the current folder, or the folder named by $INTERDICT_SAVES_DIR."""
    return Path(os.environ.get(SAVES_ENV) or "saves")


def safe_name(text: str) -> str:
    """A file-name-safe form of a scenario id (no '-', which separates the name's parts)."""
    cleaned = _SAFE.sub("_", text).strip("._")
    return cleaned or "scenario"


def autosave_name(scenario_id: str, game_id: str, turn: int) -> str:
    return f"{safe_name(scenario_id)}-{game_id}-t{turn:02d}.json"


def _pattern(scenario_id: str, game_id: str) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(safe_name(scenario_id))}-{re.escape(game_id)}-t(\d+)\.json$"
    )


def autosaves_of(folder: str | os.PathLike[str], scenario_id: str, game_id: str) -> list[Path]:
    """This game's autosaves in `folder`, oldest first (by write time, then turn)."""
    root = Path(folder)
    if not root.is_dir():
        return []
    pat = _pattern(scenario_id, game_id)
    found: list[tuple[int, int, Path]] = []
    for entry in os.scandir(root):
        m = pat.match(entry.name)
        if m and entry.is_file():
            found.append((entry.stat().st_mtime_ns, int(m.group(1)), Path(entry.path)))
    found.sort()
    return [p for _, _, p in found]


def rotate(folder: str | os.PathLike[str], scenario_id: str, game_id: str,
           keep: int = DEFAULT_KEEP) -> list[Path]:
    """Delete all but the newest `keep` autosaves of this game; return the deleted paths."""
    keep = max(1, keep)
    mine = autosaves_of(folder, scenario_id, game_id)
    doomed = mine[:-keep]
    for p in doomed:
        try:
            p.unlink()
        except FileNotFoundError:
            pass
    return doomed


def save_beside(game: Any, target: Path) -> Path:
    """Save `game` at `target`, or at a numbered sibling when another game's file (or one
    that cannot be read) is there, even one written at the same instant by another window.
    Returns the path written."""
    from game.persistence.games import game_identity, game_to_data
    from game.persistence.saves import dump_save_text

    game_id = game_identity(game)[1]
    return _write_claimed(dump_save_text(game_to_data(game)),
                          lambda: _free_path(target, game_id))


def _write_claimed(text: str, choose: Callable[[], tuple[Path, bool]]) -> Path:
    """Write `text` at the path `choose()` gives. A free name is claimed, never replaced:
    if another window took it since `choose` looked, look again."""
    for _ in range(_TRIES):
        target, is_new = choose()
        try:
            write_text_atomic(target, text, new_only=is_new)
            return target
        except NameTaken:
            continue
    raise WriteError(f"cannot write {target}: other programs keep taking the names of this "
                     "game's saves. Close the other windows of this game.")


def free_path(target: Path, game_id: str,
              same_game: Callable[[dict[str, Any]], bool] | None = None) -> Path:
    """`target`, unless a file of another game (or an unreadable file) is there: then a
    numbered sibling, so a save of another game is never overwritten. `same_game(data)` may
    refine "the same game" (e.g. the same turns so far, not another timeline of it)."""
    return _free_path(target, game_id, same_game)[0]


def _free_path(target: Path, game_id: str,
               same_game: Callable[[dict[str, Any]], bool] | None = None) -> tuple[Path, bool]:
    """`free_path`, and whether the name was free (True) or this game's own file (False)."""
    candidate = target
    n = 1
    while os.path.lexists(candidate):  # a broken link holds its name too
        try:
            data = read_save(candidate)
        except InterdictError:
            data = None
        if data is not None and data["game"]["id"] == game_id and (
                same_game is None or same_game(data)):
            return candidate, False
        n += 1
        candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
    return candidate, True


@dataclass
class Autosaver:
    """Writes `saves/<scenario>-<game>-tNN.json` after each turn and keeps the last `keep`.

    `save(game)` returns the path written. Use it from the UI and headless runs:

        saver = Autosaver()             # saves/ (or $INTERDICT_SAVES_DIR), keep 5
        ...
        game.end_turn(); saver.save(game)
    """

    folder: Path | str | None = None
    keep: int = DEFAULT_KEEP

    def __post_init__(self) -> None:
        self.folder = Path(self.folder) if self.folder is not None else default_saves_dir()

    def path_for(self, game: Any) -> Path:
        """Where `save(game)` would write now."""
        return self._choose(game)[0]

    def _choose(self, game: Any) -> tuple[Path, bool]:
        from game.persistence.games import game_identity

        scenario_id, game_id, turn = game_identity(game)
        assert isinstance(self.folder, Path)

        def same_timeline(data: dict[str, Any]) -> bool:
            # a game reopened from an older autosave and played on is another timeline:
            # its turn-8 autosave must not replace the first timeline's turn 8
            mine = [rec.to_data() for rec in game.history]
            return data["history"] == mine

        return _free_path(self.folder / autosave_name(scenario_id, game_id, turn), game_id,
                          same_timeline)

    def save(self, game: Any) -> Path:
        from game.persistence.games import game_identity, game_to_data
        from game.persistence.saves import dump_save_text

        scenario_id, game_id, _turn = game_identity(game)
        text = dump_save_text(game_to_data(game))
        try:
            target = _write_claimed(text, lambda: self._choose(game))
        except WriteError as exc:
            raise WriteError(
                f"autosave failed: {exc} The game goes on; earlier autosaves are unchanged. "
                f"To autosave elsewhere, set {SAVES_ENV} to a folder you can write to and "
                "restart, or save the game under another name now.", exc.errno) from None
        assert isinstance(self.folder, Path)
        rotate(self.folder, scenario_id, game_id, self.keep)
        return target


@dataclass(frozen=True)
class SaveEntry:
    """One file in a saves folder, for a load screen."""

    path: Path
    game_id: str | None
    scenario_id: str | None
    scenario_title: str
    turn: int | None
    turns: int | None
    saved: str | None
    error: str | None  # the SaveError message when the file cannot be opened
    turn_label: str = "Turn"  # what the scenario calls a turn ("Month")
    pending: int = 0  # seats whose orders for the turn in progress the file holds

    @property
    def kind(self) -> str:
        """"autosave" (saved after a turn, named `<scenario>-<game>-tNN.json`, or a numbered
        sibling), "snapshot" (the white cell's, `<scenario>-<game>-snapshot-tNN.json`) or
        "file" (any other name: a file someone named, or renamed)."""
        if self.game_id is None or self.scenario_id is None:
            return "file"
        head = rf"^{re.escape(safe_name(self.scenario_id))}-{re.escape(self.game_id)}-"
        if re.match(head + r"t\d+(-\d+)?\.json$", self.path.name):
            return "autosave"
        # Session.save_snapshot names it after the scenario id as it is
        for sid in {safe_name(self.scenario_id), self.scenario_id}:
            if re.match(rf"^{re.escape(sid)}-{re.escape(self.game_id)}-snapshot-t\d+(-\d+)?"
                        r"\.json$", self.path.name):
                return "snapshot"
        return "file"

    @property
    def when(self) -> str:
        """How far the game went, as players read it: "5 of 24 months played" (opening it
        continues with the next month)."""
        if self.turn is None:
            return ""
        return f"{self.turn} of {self.turns} {self.turn_label.lower()}s played"


# the scenario's `turn_label`, read from the text a save embeds without parsing all of it
_TURN_LABEL = re.compile(r"^turn_label:[ \t]*[\"']?([^\W\d_][\w -]{0,30}?)[\"']?[ \t]*(?:#.*)?\r?$",
                         re.MULTILINE)


def list_saves(folder: str | os.PathLike[str] | None = None) -> list[SaveEntry]:
    """Every *.json file in the saves folder, newest first; unreadable ones carry `error`."""
    root = Path(folder) if folder is not None else default_saves_dir()
    if not root.is_dir():
        return []
    entries: list[tuple[int, SaveEntry]] = []
    for entry in os.scandir(root):
        if not entry.name.endswith(".json") or not entry.is_file() or entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            data = read_save(path)
        except SaveError as exc:
            info = SaveEntry(path, None, None, "", None, None, None, str(exc))
        else:
            label = _TURN_LABEL.search(str(data["scenario"].get("text") or ""))
            info = SaveEntry(
                path, data["game"]["id"], data["scenario"]["id"],
                data["scenario"].get("title", ""), len(data["history"]), data["turns"],
                data["game"].get("saved"), None, label.group(1) if label else "Turn",
                len(data.get("pending") or ()),
            )
        entries.append((entry.stat().st_mtime_ns, info))
    entries.sort(key=lambda t: t[0], reverse=True)
    return [e for _, e in entries]
