"""Seat assignment: human or AI (and which policy) for every nation and trafficker; the seed;
whether a written rationale is required each turn."""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui

from game.ui import palette as P
from game.ui.app import App, Scene
from game.ui.scenes.turn import scrolling_rows
from game.ui.session import BLUE_CHOICES, RED_CHOICES, SeatPlan

ROW = 38  # a side's row: its swatch, name and menu (30 px) and the gap to the next
MENU_W = 220
SWATCH = 14
ALL_TEXTS = ("All students", "All computer")  # the buttons that set every nation at once


class SeatMenu(pygame_gui.elements.UIDropDownMenu):
    """A seat's drop-down in a list that scrolls: its options open inside the list's visible
    part (`view`, on screen), down or, when there is more room above, up; a menu opening past
    the list's edge would be cut off there."""

    view: pygame.Rect | None = None

    def update(self, time_delta: float) -> None:
        state = self.current_state
        if self.view is not None and state is self.menu_states["closed"] \
                and state.should_transition:
            below = self.view.bottom - self.rect.bottom
            above = self.rect.top - self.view.top
            need = 24 * len(self.options_list) + 8  # rows of at most 24 px, border, shadow
            direction = "down" if below >= need or below >= above else "up"
            self.expand_direction = direction
            self.menu_states["expanded"].expand_direction = direction
            self.expansion_height_limit = max(24, below if direction == "down" else above)
        super().update(time_delta)


class SeatsScene(Scene):
    name = "seats"

    def __init__(self, app: App, scenario, seed: int | None = None,
                 path: Path | None = None) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.path = path
        self.plan = SeatPlan.default(scenario, seed)
        self.menus: dict[object, str] = {}
        self.swatches: dict[str, object] = {}
        self.nation_list = None  # the scrolling lists of the nations' and traffickers' rows
        self.trafficker_list = None

    @property
    def rows(self) -> list[tuple[str, pygame.Rect]]:
        """(side, its colour swatch's rect on screen), nations first."""
        return [(side, img.rect) for side, img in self.swatches.items()]

    def build(self) -> None:
        w, h = self.app.size
        sc = self.scenario
        self.label((40, 24, w - 80, 40), f"Seats: {sc.title}", object_id="@heading")
        self.label((40, 64, w - 80, 24),
                   "Choose who plays each side. Human seats take turns at this computer "
                   "(hot-seat); AI seats play by themselves.", object_id="@dim")
        col_w = min(760, (w - 120) // 2)  # wider screens: longer names shown whole
        foot = h - 70  # the Back and Start buttons; the lists end above them
        top = 144
        self.menus = {}
        self.swatches = {}
        colours = self.swatch_colours()
        # the heading, then two buttons that set every nation at once, at the column's right
        bw = [self.app.theme_font("button").size(t)[0] + 24 for t in ALL_TEXTS]
        bh = max(28, self.app.text_height(None) + 6)
        x = 40 + col_w - sum(bw) - 8
        self.all_students_btn = self.button(
            (x, top - 8 - bh, bw[0], bh), ALL_TEXTS[0], self.all_students,
            "Every nation played by a student delegation (human)")
        self.all_computer_btn = self.button(
            (x + bw[0] + 8, top - 8 - bh, bw[1], bh), ALL_TEXTS[1], self.all_computer,
            "Every nation played by the computer, each by its scenario's policy "
            "(passive for background nations)")
        self.nations_heading = self.label((40, 110, x - 12 - 40, 26), "Nations (Blue)",
                                          object_id="@subheading")
        view = pygame.Rect(40, top, col_w, max(ROW, min(ROW * len(sc.nations) - 8,
                                                        foot - 12 - top)))
        self.nation_list = self._side_rows(view, sc.nations, BLUE_CHOICES, colours,
                                           self.nation_list)
        x2 = 40 + col_w + 40
        self.label((x2, 110, col_w, 26), "Traffickers (Red)", object_id="@subheading")
        below = 20 + 44 + 40 + 40  # the seed, the rationale box and the note under the list
        view = pygame.Rect(x2, top, col_w, max(ROW, min(ROW * len(sc.traffickers) - 8,
                                                        foot - 12 - below - top)))
        self.trafficker_list = self._side_rows(view, sc.traffickers, RED_CHOICES, colours,
                                               self.trafficker_list)
        y2 = view.bottom + 20
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
        self.label((x2, y2, col_w, 30),
                   "Same scenario + seed + decisions = the same game, every time.",
                   object_id="@dim")
        self.button((40, foot, 140, 44), "<  Back", self.back)
        self.start_btn = self.button(
            (w - 40 - 240, foot, 240, 44), "Read the briefing  >", self.start,
            "Start the game with these seats (Enter)", object_id="@primary")
        self.summary = self.label((200, foot + 8, w - 500, 30), "", object_id="@dim")
        self._update_summary()

    def _side_rows(self, view: pygame.Rect, sides, choices, colours, old):
        """One row per side in a list that scrolls under `view`: its colour swatch, its name
        (shortened only if it must be) and its seat menu."""
        lst = scrolling_rows(self.ui, view, lambda _w: ROW * len(sides) - 8, old)
        rows = lst.get_container()
        cw = rows.rect.w  # less the scroll bar's width when the rows overflow
        menu_w = min(MENU_W, cw // 2)
        labels = [label for _, label in choices]
        y = 0
        for side, obj in sides.items():
            swatch = pygame.Surface((SWATCH, SWATCH), pygame.SRCALPHA)
            pygame.draw.rect(swatch, colours.get(side, P.RED), swatch.get_rect(),
                             border_radius=3)
            self.swatches[side] = pygame_gui.elements.UIImage(
                pygame.Rect(0, y + 8, SWATCH, SWATCH), swatch, self.ui, container=rows)
            name_w = cw - menu_w - 22 - 8
            self.label((22, y, name_w, 30), obj.name, container=rows)
            current = dict(choices).get(self.plan.seats[side], labels[0])
            m = SeatMenu(labels, current, pygame.Rect(cw - menu_w, y, menu_w, 30), self.ui,
                         container=rows)
            m.view = lst.rect
            self.menus[m] = side
            y += ROW
        return lst

    def _update_summary(self) -> None:
        humans = [self._side_name(s) for s, v in self.plan.seats.items() if v == "human"]
        text = (f"{len(humans)} human seat{'s' if len(humans) != 1 else ''}: "
                + ", ".join(humans)) if humans else \
            "No human seats: the AI plays every side (a demonstration game)"
        self.summary.set_text(self.app.fit(text, self.summary.rect.w - 6, "@dim"))

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

    def all_students(self) -> None:
        """Every nation human (the default)."""
        self.plan.set_nations(self.scenario, human=True)
        self.app.rebuild()

    def all_computer(self) -> None:
        """Every nation on the computer, each with the policy the scenario gives it (passive
        for background nations), as a seat's menu offers it."""
        self.plan.set_nations(self.scenario, human=False)
        self.app.rebuild()

    def swatch_colours(self) -> dict[str, tuple[int, int, int]]:
        """The colour of each side's swatch: its colour on the map (nations and traffickers
        alike, all distinct; see palette.side_colours)."""
        return P.side_colours(self.scenario)

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
