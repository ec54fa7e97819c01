"""The observer seat: the projector view for the class. The map with public information only
(no side's estimates or deployments), the last turn's public headline and the news."""

from __future__ import annotations

import pygame

from game.ui import palette as P
from game.ui.app import Scene
from game.ui.mapview import MapView
from game.ui.scenes.turn import TICKER, draw_ticker


def headlines(session) -> list[str]:
    """The observer view's headline, longest wording first: the scenario's whole title, the
    month and last turn's seizures; then the title's short name (before its colon, "Atlantic
    Bridge"), then "Observer" for "Observer view" (960x600 fits one of these)."""
    title = session.scenario.title
    short = title.split(":", 1)[0].strip() or title
    parts = [session.turn_title()]
    if session.reports:
        parts.append(f"last turn: {session.reports[-1].seized:.1f} t seized")
    out = []
    for view, name in (("Observer view", title), ("Observer view", short), ("Observer", short)):
        line = "  ·  ".join([view, name, *parts])
        if line not in out:
            out.append(line)
    return out


class ObserverScene(Scene):
    name = "observer"
    map_keys = True

    def __init__(self, app, back=None) -> None:
        super().__init__(app)
        self.back_to = back
        self.map: MapView | None = None
        self.tick = 0.0

    def build(self) -> None:
        w, h = self.app.size
        s = self.app.session
        rect = pygame.Rect(0, 46, w, h - 46 - TICKER)
        if self.map is None:
            self.map = MapView(s.scenario, self.app.fonts, rect, P.nation_colours(s.scenario), tiles=self.app.tiles)
            self.map.set_data(s.map_data("observer"))
            self.map.info = lambda k, i: s.tooltip("observer", k, i)
        else:
            self.map.set_rect(rect)
        self.headline = self.app.first_fitting(headlines(s), w - 220 - 16, "@subheading")
        self.label((14, 6, w - 220, 34), self.headline, object_id="@subheading")
        if self.back_to is not None:
            self.button((w - 160, 7, 148, 32), "Back", self.back, "Esc")

    def update(self, dt: float) -> None:
        self.tick += dt * 60

    def draw(self, surface) -> None:
        w, h = self.app.size
        if self.map is not None:
            self.map.draw(surface, 1 / 60)
        pygame.draw.rect(surface, P.PANEL, (0, 0, w, 46))
        draw_ticker(surface, self.app, pygame.Rect(0, h - TICKER, w, TICKER),
                    self.app.session.news, self.tick)

    def on_event(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.back()
            return
        if self.map is not None:
            self.map.handle_event(event)

    def back(self) -> None:
        if self.back_to is not None:
            self.app.switch(self.back_to())
