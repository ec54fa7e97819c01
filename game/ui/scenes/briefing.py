"""Briefing: the scenario's briefing text, the alliances and their members, and each human
nation's objectives."""

from __future__ import annotations

import pygame

from game.ui.app import Scene, html_escape


def briefing_html(session) -> str:
    sc = session.scenario
    parts = [f"<font size=5><b>{html_escape(sc.title)}</b></font><br>"]
    if sc.briefing:
        for para in sc.briefing.strip().split("\n\n"):
            parts.append(html_escape(" ".join(para.split())) + "<br><br>")
    if sc.alliances:
        parts.append("<b>Alliances</b><br>")
        for al in sc.alliances.values():
            members = ", ".join(sc.nations[m].name for m in al.members if m in sc.nations)
            joint = "joint operations" if al.joint_operations else "no joint operations"
            parts.append(f"&#8226; <b>{html_escape(al.name)}</b>: {html_escape(members)} "
                         f"(default sharing: {al.intel_sharing}; {joint})<br>")
        parts.append("<br>")
    humans = session.human_seats()
    if humans:
        parts.append("<b>Your objectives</b><br>")
    for side in humans:
        name = session.side_name(side)
        objs = session.objectives_for(side)
        parts.append(f"<i>{html_escape(name)}</i><br>")
        if not objs:
            parts.append("&#8226; (no objectives of its own: support the alliance)<br>")
        for o in objs:
            when = f"by {sc.turn_name(o.by_turn)}" if o.by_turn else "at the end of the game"
            parts.append(f"&#8226; {html_escape(o.text)} <i>({html_escape(when)})</i><br>")
    if not humans:
        parts.append("<b>Every seat is played by the AI</b>: watch, pause and debrief.<br>")
    return "".join(parts)


class BriefingScene(Scene):
    name = "briefing"

    def build(self) -> None:
        w, h = self.app.size
        s = self.app.session
        self.label((40, 20, w - 80, 40), "Briefing", object_id="@heading")
        self.text = self.textbox((40, 68, w - 80, h - 68 - 90), briefing_html(s))
        self.button((40, h - 70, 140, 44), "<  Seats", self.back)
        self.button((w - 40 - 260, h - 70, 260, 44),
                    f"Begin {s.scenario.turn_name(s.turn)}  >", self.begin,
                    "Start the first turn (Enter)", object_id="@primary")

    def on_event(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_RETURN:
            self.begin()

    def back(self) -> None:
        from game.ui.scenes.seats import SeatsScene

        s = self.app.session
        scene = SeatsScene(self.app, s.scenario, seed=s.plan.seed)
        scene.plan = s.plan
        self.app.session = None
        self.app.switch(scene)

    def begin(self) -> None:
        from game.ui.scenes.turn import start_turn

        start_turn(self.app)
