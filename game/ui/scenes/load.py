"""Load a save: every file in saves/, newest first; a damaged file says what is wrong."""

from __future__ import annotations

import pygame
import pygame_gui

from game.ui.app import Scene, html_escape


class LoadScene(Scene):
    name = "load"

    def __init__(self, app) -> None:
        super().__init__(app)
        from game.persistence.autosave import list_saves

        try:
            self.entries = list_saves(self.app.saves_dir)
        except Exception as exc:  # an unreadable folder is a message, not a crash
            self.entries = []
            self.problem = f"Cannot read {self.app.saves_dir}: {exc}"
        else:
            self.problem = ""
        self.index = 0

    def _name(self, e) -> str:
        if e.error:
            return f"{e.path.name}  (damaged)"
        turn = f"turn {e.turn}/{e.turns}" if e.turn is not None else ""
        return f"{e.scenario_title or e.scenario_id}  {turn}  {e.path.name}"

    def build(self) -> None:
        w, h = self.app.size
        self.label((40, 24, w - 80, 40), "Load a game", object_id="@heading")
        self.names = [self._name(e) for e in self.entries] or ["(no saves yet)"]
        self.list = pygame_gui.elements.UISelectionList(
            pygame.Rect(40, 76, w // 2 - 60, h - 76 - 90), self.names, self.ui)
        self.info = self.textbox((w // 2, 76, w // 2 - 40, h - 76 - 90), self._info())
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
        return (f"<b>{html_escape(e.scenario_title)}</b><br>{html_escape(str(e.path))}<br>"
                f"Turn {e.turn} of {e.turns}<br>Saved {html_escape(str(e.saved))}")

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
