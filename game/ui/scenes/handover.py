"""Hand-over between hot-seat delegations: hides the previous seat's private information."""

from __future__ import annotations

import pygame

from game.ui import palette as P
from game.ui.app import Scene


class HandoverScene(Scene):
    name = "handover"

    def __init__(self, app, side: str) -> None:
        super().__init__(app)
        self.side = side

    def build(self) -> None:
        w, h = self.app.size
        s = self.app.session
        name = s.side_name(self.side)
        k = self.app.fonts.scale
        card = pygame.Rect(0, 0, min(int(760 * k), w - 80), int(300 * k))
        card.center = (w // 2, h // 2 - 20)
        self.card = card
        self.label((card.x + 30, card.y + int(26 * k), card.w - 60, 30),
                   f"{s.scenario.title}  -  {s.turn_title()}", object_id="@dim")
        self.label((card.x + 30, card.y + int(70 * k), card.w - 60, 50),
                   f"Pass to the {s.delegation_name(self.side)}", object_id="@big")
        self.label((card.x + 30, card.y + int(128 * k), card.w - 60, 28),
                   "The previous delegation's screen is hidden. "
                   "Only this delegation should look from here on.", object_id="@dim")
        waiting = s.waiting_after(self.side)
        if waiting:
            names = ", ".join(waiting[:3]) + (f" and {len(waiting) - 3} more"
                                              if len(waiting) > 3 else "")
            self.label((card.x + 30, card.y + int(160 * k), card.w - 60, 28),
                       "Still to play this turn: " + names, object_id="@dim")
        self.ready = self.button((card.x + 30, card.bottom - int(74 * k), card.w - 60, int(48 * k)),
                                 f"We are the {name} delegation: show our screen",
                                 self.go, "Enter", object_id="@primary")
        self.button((w - 40 - 200, h - 60, 200, 40), "Observer view", self.observer,
                    "The public map and news for the class projector (no side's secrets)")

    def draw(self, surface) -> None:
        surface.fill(P.SEA_DEEP)
        col = P.side_colours(self.app.session.scenario).get(self.side, P.RED)
        pygame.draw.rect(surface, P.PANEL, self.card, border_radius=8)
        pygame.draw.rect(surface, col, self.card, 2, border_radius=8)
        pygame.draw.rect(surface, col, (self.card.x, self.card.y, 8, self.card.h),
                         border_top_left_radius=8, border_bottom_left_radius=8)

    def on_event(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_RETURN:
            self.go()

    def go(self) -> None:
        from game.ui.scenes.turn import seat_scene

        self.app.switch(seat_scene(self.app, self.side))

    def observer(self) -> None:
        from game.ui.scenes.observer import ObserverScene

        self.app.switch(ObserverScene(self.app, back=lambda: HandoverScene(self.app, self.side)))
