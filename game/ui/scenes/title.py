"""Title screen: pick a scenario from scenarios/ (or load a save); errors in a scenario file
show in a readable dialog with their file:line:col messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygame
import pygame_gui

from game.ui import palette as P
from game.ui.app import App, Scene, html_escape
from game.ui.mapview import MapView, land_mask_ready


@dataclass
class Entry:
    path: Path
    scenario: object | None
    problems: list[str]

    @property
    def title(self) -> str:
        if self.scenario is not None:
            return self.scenario.title
        return f"{self.path.name} (cannot open)"


def scan(folder: Path, extra: str | None = None) -> list[Entry]:
    """Every scenario file in the folder (plus `extra`), checked; never raises."""
    from game.scenario import check_file

    paths = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")) if folder.is_dir() else []
    paths.sort(key=lambda q: q.stem != "tutorial")  # the tutorial first: where to start
    if extra:
        p = Path(extra)
        if p.resolve() not in [q.resolve() for q in paths]:
            paths.insert(0, p)
    out = []
    for p in paths:
        try:
            scenario, diags = check_file(str(p))
        except Exception as exc:  # check_file promises not to raise; belt and braces
            scenario, diags = None, [f"{p}: {type(exc).__name__}: {exc}"]
        problems = [str(d) for d in diags if getattr(d, "is_error", True)]
        out.append(Entry(p, scenario if not problems else None, problems))
    return out


def _shown_path(path: Path) -> str:
    """A scenario's file, relative to the working folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _play_arg(path: Path) -> str:
    """What to type after `interdict play` for this file: its id for a shipped scenario, else
    its path (quoted for a shell if it must be)."""
    import shlex

    from game.scenario.loader import find_scenario

    try:
        shipped = Path(find_scenario(path.stem)).resolve() == path.resolve()
    except OSError:
        shipped = False
    return path.stem if shipped else shlex.quote(_shown_path(path))


class TitleScene(Scene):
    name = "title"

    def __init__(self, app: App, preselect: str | None = None, seed: int | None = None,
                 folder: Path | None = None) -> None:
        super().__init__(app)
        from game.scenario import SCENARIOS_DIR

        self.folder = folder or SCENARIOS_DIR
        self.seed = seed
        self.entries = scan(self.folder, preselect)
        self.index = 0
        if preselect:
            for i, e in enumerate(self.entries):
                if e.path.resolve() == Path(preselect).resolve():
                    self.index = i
        self.preview: MapView | None = None
        self.preview_for: int | None = None
        if preselect and self.entries and self.entries[self.index].problems:
            self._pending_error = True
        else:
            self._pending_error = False

    def build(self) -> None:
        w, h = self.app.size
        self.label((40, 28, 600, 50), "INTERDICT", object_id="@big")
        self.label((40, 74, 760, 26),
                   "A tabletop exercise in counter-narcotics cooperation  ·  F1: help on any "
                   "screen", object_id="@dim")
        list_w = max(360, int(w * 0.32))
        self.label((40, 118, list_w, 26), "Scenarios", object_id="@subheading")
        items = [e.title for e in self.entries] or ["(no scenarios found in scenarios/)"]
        self.list = pygame_gui.elements.UISelectionList(
            pygame.Rect(40, 148, list_w, h - 148 - 90), items, self.ui,
            default_selection=items[self.index] if self.entries else None)
        self.item_names = items
        right_x = 40 + list_w + 24
        detail_h = max(190, (h - 148 - 90) // 3)  # taller screens show more of the summary
        self.detail_rect = pygame.Rect(right_x, 148, w - right_x - 40, detail_h)
        self.details = self.textbox(self.detail_rect, self._details_html())
        self.preview_rect = pygame.Rect(right_x, 148 + detail_h + 10, w - right_x - 40,
                                        h - 148 - detail_h - 10 - 90)
        y = h - 70
        self.start_btn = self.button((w - 40 - 220, y, 220, 44), "Set up seats  >", self.start,
                                     "Choose who plays each nation and trafficker (Enter)",
                                     object_id="@primary")
        self.button((40, y, 160, 44), "Load a save...", self.open_load,
                    "Open an autosave or a saved game from saves/")
        self.button((210, y, 120, 44), "Quit", self.quit)
        self._refresh()
        if self._pending_error:
            self._pending_error = False
            self.show_problems()

    def _details_html(self) -> str:
        if not self.entries:
            return f"No scenario files in {html_escape(str(self.folder))}."
        e = self.entries[self.index]
        if e.scenario is None:
            return ("<b>This scenario has errors and cannot be played.</b><br>"
                    + "<br>".join(html_escape(s) for s in e.problems[:12])
                    + ("<br>..." if len(e.problems) > 12 else ""))
        s = e.scenario
        nations = ", ".join(n.name for n in s.nations.values())
        traffickers = ", ".join(t.name for t in s.traffickers.values())
        return (f"<b>{html_escape(s.title)}</b><br>{html_escape(s.summary)}<br><br>"
                f"<b>Turns:</b> {s.turns} ({html_escape(s.turn_label.lower())}s)<br>"
                f"<b>Nations:</b> {html_escape(nations)}<br>"
                f"<b>Traffickers:</b> {html_escape(traffickers)}<br>"
                f"<font color='{P.TEXT_DIM_HTML}'>File: {html_escape(_shown_path(e.path))}"
                f"  ·  from a terminal: interdict play {html_escape(_play_arg(e.path))}</font>")

    def _refresh(self) -> None:
        self.details.set_text(self._details_html())
        ok = bool(self.entries) and self.entries[self.index].scenario is not None
        if ok:
            self.start_btn.enable()
        else:
            self.start_btn.disable()
        self.preview = None

    def show_problems(self) -> None:
        e = self.entries[self.index]
        self.app.show_error(f"{e.path.name} has errors", e.problems or ["unknown problem"])

    def on_event(self, event) -> None:
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.list:
            if event.text in self.item_names and self.entries:
                self.index = self.item_names.index(event.text)
                self._refresh()
                if self.entries[self.index].problems:
                    self.show_problems()
        elif event.type == pygame.KEYDOWN:
            if event.key == pygame.K_RETURN:
                self.start()
            elif event.key in (pygame.K_DOWN, pygame.K_UP) and self.entries:
                d = 1 if event.key == pygame.K_DOWN else -1
                self.index = (self.index + d) % len(self.entries)
                self._refresh()

    def start(self) -> None:
        if not self.entries or self.entries[self.index].scenario is None:
            if self.entries:
                self.show_problems()
            return
        from game.ui.scenes.seats import SeatsScene

        self.app.switch(SeatsScene(self.app, self.entries[self.index].scenario,
                                   seed=self.seed, path=self.entries[self.index].path))

    def open_load(self) -> None:
        from game.ui.scenes.load import LoadScene

        self.app.switch(LoadScene(self.app))

    def quit(self) -> None:
        self.app.running = False

    def draw(self, surface) -> None:
        if not self.entries or self.entries[self.index].scenario is None:
            return
        r = self.preview_rect
        if r.w < 50 or r.h < 50:
            return
        if not land_mask_ready():
            pygame.draw.rect(surface, P.SEA, r)
            t = self.app.fonts.get(14).render("Loading coastlines...", True, P.TEXT_DIM)
            surface.blit(t, t.get_rect(center=r.center))
            return
        if self.preview is None or self.preview_for != self.index or self.preview.rect != r:
            sc = self.entries[self.index].scenario
            self.preview = MapView(sc, self.app.fonts, r, P.nation_colours(sc), tiles=self.app.tiles)
            self.preview.show_furniture = False
            self.preview_for = self.index
        self.preview.draw(surface)
        pygame.draw.rect(surface, P.PANEL_EDGE, r, 1)
