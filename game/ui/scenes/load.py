"""Load a save: each game in saves/ once, at its furthest autosave (its earlier turns are one
click away in "Step through turns"), and every white-cell snapshot or file saved under another
name on its own row, marked as such; newest first; a damaged file says what is wrong."""

from __future__ import annotations

from datetime import datetime

import pygame
import pygame_gui

from game.ui import palette as P
from game.ui.app import Scene, html_escape

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def saved_text(stamp: str | None, utc: bool = False) -> str:
    """A save's ISO time ("2026-11-27T04:38:12Z") as people read it: "27 Nov 2026, 04:38"
    (with " UTC" if `utc`); anything else as it is."""
    try:  # written by game.persistence.games as "%Y-%m-%dT%H:%M:%SZ"
        t = datetime.fromisoformat(stamp or "")
    except ValueError:
        return stamp or ""
    text = f"{t.day} {MONTHS[t.month - 1]} {t.year}, {t:%H:%M}"  # month names not by locale
    return text + " UTC" if utc else text


class LoadScene(Scene):
    name = "load"

    def __init__(self, app) -> None:
        super().__init__(app)
        from game.persistence.autosave import list_saves

        try:
            entries = list_saves(self.app.saves_dir)
        except Exception as exc:  # an unreadable folder is a message, not a crash
            entries = []
            self.problem = f"Cannot read {self.app.saves_dir}: {exc}"
        else:
            self.problem = ""
        # a game autosaves every turn: list it once, at its furthest autosave (which holds
        # every turn before it; file times change when a folder is copied), the newest first.
        # A snapshot (or a file someone named) is a save of its own: the month in progress, or
        # a moment kept on purpose; it gets its own row, so that neither hides the other
        best: dict[str, object] = {}
        self.entries = []
        for e in entries:
            if e.game_id is None or e.kind != "autosave":  # damaged, snapshot: as it is
                self.entries.append(e)
                continue
            kept = best.get(e.game_id)
            if kept is None:
                best[e.game_id] = e
                self.entries.append(e)
            elif (e.turn or 0) > (kept.turn or 0):
                self.entries[self.entries.index(kept)] = best[e.game_id] = e
        self.index = 0

    @staticmethod
    def _when(e) -> str:
        """How far the save went: "5 of 24 months played"; a snapshot says so, and one holding
        orders of seats that played the month in progress says that ("snapshot, Month 6 in
        progress")."""
        if e.kind != "snapshot":
            return e.when
        if e.pending and e.turn is not None:
            return f"snapshot, {e.turn_label} {e.turn + 1} in progress"
        return f"snapshot, {e.when}" if e.when else "snapshot"

    def _split(self) -> int:
        """Where the list ends and the details begin: the list gets the wider part, for its
        rows' title, progress and time."""
        return self.app.size[0] * 3 // 5

    def _name(self, e) -> str:
        # the list's width, less its border, the rows' padding and room for its scroll bar
        width = self._split() - 60 - 4 - 16 - 20
        if e.error:
            return self.app.fit(f"{e.path.name}  (damaged)", width)
        title = e.scenario_title or e.scenario_id or e.path.stem
        rest = "  ·  ".join(p for p in (self._when(e), saved_text(e.saved)) if p)
        text = "  ·  ".join(p for p in (title, rest) if p)
        font = self.app.theme_font()
        room = width - font.size("  ·  " + rest)[0]
        if font.size(text)[0] > width - 10 and room >= font.size("Atlantic…")[0] + 10:
            # too long: the title gives way first; how far it went and when stay whole
            return self.app.fit(title, room) + "  ·  " + rest
        return self.app.fit(text, width)

    def build(self) -> None:
        w, h = self.app.size
        self.label((40, 24, w - 80, 40), "Load a game", object_id="@heading")
        names = [self._name(e) for e in self.entries]
        # rows are told apart by their text: two games alike to the minute get their file name
        self.names = [n if names.count(n) == 1 else f"{n}  ({e.path.name})"
                      for n, e in zip(names, self.entries)] or ["(no saves yet)"]
        split = self._split()
        self.list = pygame_gui.elements.UISelectionList(
            pygame.Rect(40, 76, split - 60, h - 76 - 90), self.names, self.ui)
        self.info = self.textbox((split, 76, w - split - 40, h - 76 - 90), self._info())
        self.button((40, h - 70, 140, 44), "<  Back", self.back)
        self.open_btn = self.button((w - 40 - 200, h - 70, 200, 44), "Open  >", self.open,
                                    "Continue the game from its last turn",
                                    object_id="@primary", enabled=bool(self.entries))
        self.button((w - 40 - 200 - 16 - 220, h - 70, 220, 44), "Step through turns",
                    self.history, "Look back turn by turn; resume from any turn as a branch",
                    enabled=bool(self.entries))

    def _info(self) -> str:
        if self.problem:
            return html_escape(self.problem)
        if not self.entries:
            return ("Autosaves appear here after every turn. Saved games live in "
                    f"{html_escape(str(self.app.saves_dir))}.")
        e = self.entries[self.index]
        if e.error:
            return "<b>This file cannot be opened.</b><br>" + html_escape(e.error)
        saved = html_escape(saved_text(e.saved, utc=True))
        if e.kind == "snapshot" and e.pending and e.turn is not None:
            month = f"{e.turn_label} {e.turn + 1}"
            played = f"{e.pending} seat{'s' if e.pending != 1 else ''}"
            head = (f"White-cell snapshot, {html_escape(month)} in progress ({played} had "
                    f"played it), saved {saved}")
            opens = (f"<b>Open</b> goes on with {html_escape(month)} where the snapshot was "
                     "taken: the seats that had played keep their orders, the next seat "
                     "plays. ")
        else:
            what = "White-cell snapshot, " if e.kind == "snapshot" else ""
            head = f"{what}{html_escape(e.when)}, saved {saved}"
            opens = "<b>Open</b> continues from the last turn played. "
        return (f"<b>{html_escape(e.scenario_title)}</b><br>{head}<br><br>{opens}"
                "<b>Step through turns</b> looks back at every turn and can resume the game "
                "from any of them as a branch (the original stays as it is).<br><br>"
                f"<font color='{P.TEXT_DIM_HTML}'>File: {html_escape(str(e.path))}</font>")

    def on_event(self, event) -> None:
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.list:
            if event.text in self.names and self.entries:
                self.index = self.names.index(event.text)
                self.info.set_text(self._info())
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.back()

    def back(self) -> None:
        from game.ui.scenes.title import TitleScene

        self.app.switch(TitleScene(self.app))

    def _load(self):
        if not self.entries:
            return None
        e = self.entries[self.index]
        if e.error:
            self.app.show_error("This save cannot be opened", [e.error])
            return None
        from game.ui.session import Session

        return Session.from_save(e.path, instructor=self.app.instructor,
                                 saves_dir=self.app.saves_dir)

    def open(self) -> None:
        from game.ui.scenes.turn import start_turn

        session = self._load()
        if session is not None:
            self.app.session = session
            start_turn(self.app)

    def history(self) -> None:
        from game.ui.scenes.history import HistoryScene

        session = self._load()
        if session is not None:
            self.app.session = session
            self.app.switch(HistoryScene(self.app, session, back=lambda: LoadScene(self.app)))
