"""Seat assignment: human or AI (and which policy) for every nation and trafficker; the seed;
whether a written rationale is required each turn."""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui

from game.ui import palette as P
from game.ui.app import App, Scene
from game.ui.session import BLUE_CHOICES, RED_CHOICES, SeatPlan


class SeatsScene(Scene):
    name = "seats"

    def __init__(self, app: App, scenario, seed: int | None = None,
                 path: Path | None = None) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.path = path
        self.plan = SeatPlan.default(scenario, seed)
        self.menus: dict[object, str] = {}
        self.rows: list[tuple[str, pygame.Rect]] = []

    def build(self) -> None:
        w, h = self.app.size
        sc = self.scenario
        self.label((40, 24, w - 80, 40), f"Seats: {sc.title}", object_id="@heading")
        self.label((40, 64, w - 80, 24),
                   "Choose who plays each side. Human seats take turns at this computer "
                   "(hot-seat); AI seats play by themselves.", object_id="@dim")
        col_w = min(760, (w - 120) // 2)  # wider screens: longer names shown whole
        y = 110
        self.label((40, y, col_w, 26), "Nations (Blue)", object_id="@subheading")
        self.rows = []
        self.menus = {}
        y += 34
        choices_b = [label for _, label in BLUE_CHOICES]
        for nid, nation in sc.nations.items():
            self.rows.append((nid, pygame.Rect(40, y + 8, 14, 14)))
            self.label((62, y, col_w - 260, 30), self.app.fit(nation.name, col_w - 260))
            current = dict(BLUE_CHOICES).get(self.plan.seats[nid], choices_b[0])
            m = pygame_gui.elements.UIDropDownMenu(choices_b, current,
                                                   pygame.Rect(40 + col_w - 220, y, 220, 30),
                                                   self.ui)
            self.menus[m] = nid
            y += 38
        x2 = 40 + col_w + 40
        y2 = 110
        self.label((x2, y2, col_w, 26), "Traffickers (Red)", object_id="@subheading")
        y2 += 34
        choices_r = [label for _, label in RED_CHOICES]
        for tid, traf in sc.traffickers.items():
            self.rows.append((tid, pygame.Rect(x2, y2 + 8, 14, 14)))
            self.label((x2 + 22, y2, col_w - 250, 30), self.app.fit(traf.name, col_w - 250))
            current = dict(RED_CHOICES).get(self.plan.seats[tid], choices_r[0])
            m = pygame_gui.elements.UIDropDownMenu(choices_r, current,
                                                   pygame.Rect(x2 + col_w - 220, y2, 220, 30),
                                                   self.ui)
            self.menus[m] = tid
            y2 += 38
        y2 += 20
        self.label((x2, y2, 120, 30), "Seed")
        self.seed_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x2 + 130, y2, 180, 30), self.ui)
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text(str(self.plan.seed))
        y2 += 44
        self.rationale_box = pygame_gui.elements.UICheckBox(
            pygame.Rect(x2, y2, 24, 24), "Require a written rationale every turn", self.ui,
            initial_state=self.plan.rationale_required)
        y2 += 40
        self.label((x2, y2, col_w, 60),
                   "Same scenario + seed + decisions = the same game, every time.",
                   object_id="@dim")
        self.button((40, h - 70, 140, 44), "<  Back", self.back)
        humans = sum(1 for v in self.plan.seats.values() if v == "human")
        self.start_btn = self.button(
            (w - 40 - 240, h - 70, 240, 44), "Read the briefing  >", self.start,
            "Start the game with these seats (Enter)", object_id="@primary")
        self.summary = self.label((200, h - 62, w - 500, 30),
                                  f"{humans} human seat(s)", object_id="@dim")

    def _update_summary(self) -> None:
        humans = [self._side_name(s) for s, v in self.plan.seats.items() if v == "human"]
        text = ("Human seats: " + ", ".join(humans)) if humans else \
            "No human seats: the AI plays every side (a demonstration game)"
        self.summary.set_text(text)

    def _side_name(self, side: str) -> str:
        sc = self.scenario
        if side in sc.nations:
            return sc.nations[side].name
        return sc.traffickers[side].name

    def on_event(self, event) -> None:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element in self.menus:
            side = self.menus[event.ui_element]
            table = BLUE_CHOICES if side in self.scenario.nations else RED_CHOICES
            for value, label in table:
                if label == event.text:
                    self.plan.seats[side] = value
            self._update_summary()
        elif event.type == pygame_gui.UI_CHECK_BOX_CHECKED and event.ui_element is self.rationale_box:
            self.plan.rationale_required = True
        elif event.type == pygame_gui.UI_CHECK_BOX_UNCHECKED and event.ui_element is self.rationale_box:
            self.plan.rationale_required = False
        elif event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.seed_entry:
            text = self.seed_entry.get_text()
            if text.isdigit() and len(text) < 19:
                self.plan.seed = int(text)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_RETURN:
            self.start()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.back()

    def set_seat(self, side: str, value: str) -> None:
        """Used by tests and the demo: same effect as choosing in the drop-down."""
        self.plan.seats[side] = value
        self.app.rebuild()

    def swatch_colours(self) -> dict[str, tuple[int, int, int]]:
        """The colour of each side's swatch: its colour on the map (nations and traffickers
        alike, all distinct; see palette.side_colours)."""
        return P.side_colours(self.scenario)

    def draw(self, surface) -> None:
        colours = self.swatch_colours()
        for side, r in self.rows:
            col = colours.get(side, P.RED)
            pygame.draw.rect(surface, col, r, border_radius=3)

    def back(self) -> None:
        from game.ui.scenes.title import TitleScene

        self.app.switch(TitleScene(self.app, preselect=str(self.path) if self.path else None))

    def start(self) -> None:
        from game.ui.scenes.briefing import BriefingScene
        from game.ui.session import Session

        session = Session.new(self.scenario, self.plan, instructor=self.app.instructor,
                              saves_dir=self.app.saves_dir)
        self.app.session = session
        self.app.switch(BriefingScene(self.app))
