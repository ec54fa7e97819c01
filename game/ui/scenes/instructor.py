"""The white cell: the instructor's controls. The map shows the true flows; the panel fires
scenario events now, writes ad-hoc injects for chosen seats, adjusts a nation's budget or an
adjudicated seizure, hands a side to the computer or back to students (each with a recorded
reason), pauses the table and saves a snapshot.
Every action goes to the engine as an `InstructorAction` and into the game log.

Open it with `--instructor` (a "White cell" button appears) or Ctrl+W behind a confirmation.
"""

from __future__ import annotations

import re

import pygame
import pygame_gui

from game.core.events import effective
from game.core.network import compiled
from game.persistence.names import player_text
from game.ui import palette as P
from game.ui.app import Scene, html_escape
from game.ui.mapview import MapView
from game.ui.scenes.turn import TICKER, draw_ticker


def open_white_cell(app) -> None:
    """Switch to the white cell. From a delegation's own screen (its turn or its hand-over,
    where students hold the mouse) it always asks first; elsewhere only when the app was not
    started as instructor."""
    from game.ui.scenes.handover import HandoverScene
    from game.ui.scenes.turn import TurnScene

    if app.session is None or isinstance(app.scene, InstructorScene):
        return
    scene = app.scene
    back = _back_factory(app, scene)
    at_seat = isinstance(scene, TurnScene | HandoverScene)
    if app.instructor and not at_seat:
        app.switch(InstructorScene(app, back))
        return
    app.confirm("White cell",
                "Open the white cell? It shows what only the white cell knows (the true flows, "
                "every deployment, confidential injects): students should look away.",
                "Open", lambda: (setattr(app, "instructor", True),
                                 app.switch(InstructorScene(app, back))))


def _back_factory(app, scene):
    """How to get back to the scene the white cell was opened from."""
    from game.ui.scenes.handover import HandoverScene
    from game.ui.scenes.resolution import ReportScene
    from game.ui.scenes.turn import TurnScene, seat_scene, start_turn

    def resume():
        start_turn(app)
        return app.scene

    def to_seat(side: str, make):
        # back to that seat's screen, unless the white cell handed the seat to the computer
        # (or another seat's turn came first): then on to whatever the table does next
        return lambda: make(side) if app.session.current_seat() == side else resume()

    if isinstance(scene, TurnScene):  # the Red seat's screen is a TurnScene too
        return to_seat(scene.side, lambda side: seat_scene(app, side))
    if isinstance(scene, HandoverScene):
        return to_seat(scene.side, lambda side: HandoverScene(app, side))
    if isinstance(scene, ReportScene):
        report = scene.report
        return lambda: ReportScene(app, report)
    return resume


class InstructorScene(Scene):
    name = "instructor"
    map_keys = True

    def __init__(self, app, back) -> None:
        super().__init__(app)
        self.back_to = back
        self.map: MapView | None = None
        self.tick = 0.0
        self.form: dict[str, object] = {}
        self.chosen_seats: list[str] = []  # names chosen for an inject (kept over rebuilds)
        self.seat_side = ""  # the side last handed over (kept over rebuilds)

    def build(self) -> None:
        w, h = self.app.size
        s = self.app.session
        sc = s.scenario
        pw = max(420, min(520, int(w * 0.34)))
        rect = pygame.Rect(0, 46, w - pw, h - 46 - TICKER)
        if self.map is None:
            self.map = MapView(sc, self.app.fonts, rect, P.nation_colours(sc), tiles=self.app.tiles)
            self.map.info = lambda k, i: s.tooltip("white", k, i)
        else:
            self.map.set_rect(rect)
        self.map.set_data(s.map_data("white"))
        self.panel = pygame.Rect(w - pw, 46, pw, h - 46 - TICKER)
        self.label((14, 6, w - pw - 20, 34), self.app.first_fitting(
            [f"WHITE CELL  ·  {sc.title}  ·  {s.turn_title()}  ·  true flows",
             f"WHITE CELL  ·  {s.turn_title()}  ·  true flows", f"WHITE CELL  ·  {s.turn_title()}"],
            w - pw - 30, "@subheading"), object_id="@subheading")
        self.button((w - 130, 7, 118, 32), "Back", self.back, "Esc")
        self.button((w - 260, 7, 122, 32), "Resume" if s.paused else "Pause", self.pause,
                    "Pause the table: every screen shows PAUSED until you resume")
        x, y, cw = self.panel.x + 12, self.panel.y + 10, pw - 24
        f = self.form = {}
        self.choices: dict[str, dict[str, str]] = {}  # menu -> option text -> id
        # reason first: every action needs one
        self.label((x, y, cw, 22), "Reason (recorded with every action)", object_id="@dim")
        f["reason"] = pygame_gui.elements.UITextEntryLine(pygame.Rect(x, y + 22, cw, 30), self.ui)
        y += 62
        # fire an event
        events = self._options("event", [(e.title, e.id) for e in sc.events.values()],
                               cw - 150) or ["(no events)"]
        self.label((x, y, cw, 22), "Fire a scenario event now", object_id="@subheading")
        f["event"] = pygame_gui.elements.UIDropDownMenu(events, events[0],
                                                        pygame.Rect(x, y + 24, cw - 100, 30),
                                                        self.ui)
        self.button((x + cw - 92, y + 24, 92, 30), "Fire", self.fire, enabled=bool(sc.events))
        y += 64
        # inject
        # a short window (under 700 px of panel) gets the compact form: the inject's title and
        # text side by side, a shorter seat list, the tons on the route's row, and the log
        # behind a button, so that every control stays on screen down to 960x600
        compact = self.panel.h < 700
        self.compact = compact
        self.label((x, y, cw, 22), "Ad-hoc inject", object_id="@subheading")
        half = (cw - 8) // 2
        f["title"] = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x, y + 24, half if compact else cw, 30), self.ui,
            placeholder_text="Title")
        f["text"] = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x + half + 8, y + 24, cw - half - 8, 30) if compact
            else pygame.Rect(x, y + 58, cw, 30), self.ui,
            placeholder_text="Text shown to the seats")
        y -= 34 if compact else 0
        self.seat_names = {s.side_name(x_): x_ for x_ in list(sc.nations) + list(sc.traffickers)}
        list_h = 92 if self.panel.h >= 800 else 70 if not compact else 50
        self.label((x, y + 92, cw - 100, 20),
                   self.app.fit("To the seats chosen (none chosen: everyone)", cw - 100, "@dim"),
                   object_id="@dim")
        f["audience"] = pygame_gui.elements.UISelectionList(
            pygame.Rect(x, y + 114, cw - 100, list_h), list(self.seat_names), self.ui,
            allow_multi_select=True,
            default_selection=[n for n in self.chosen_seats if n in self.seat_names] or None)
        self.button((x + cw - 92, y + 114, 92, 30), "Send", self.inject,
                    "Send the inject to the chosen seats (to everyone if none is chosen): "
                    "those still to play this month read it when their turn opens, the others "
                    "with this month's turn report")
        y += 114 + list_h + 10
        # adjust budget
        self.label((x, y, cw, 22), self.app.fit("Budget from next month (new value)",
                                                cw, "@subheading"), object_id="@subheading")
        state = s.game.state  # the nations' budgets this month, events included
        budgets = effective(compiled(sc), state, state.turn)["n_budget"].tolist()
        nations = self._options("nation", [(n.name, k) for k, n in sc.nations.items()], cw - 250,
                                {k: f"  now {b:g}" for k, b in zip(sc.nations, budgets)})
        f["nation"] = pygame_gui.elements.UIDropDownMenu(nations, nations[0],
                                                         pygame.Rect(x, y + 24, cw - 200, 30),
                                                         self.ui)
        f["budget"] = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x + cw - 192, y + 24, 92, 30), self.ui)
        f["budget"].set_allowed_characters([*"0123456789."])
        self.button((x + cw - 92, y + 24, 92, 30), "Set", self.adjust_budget,
                    "The new budget counts from next month (this month's orders are already "
                    "funded); events still add or take their share")
        y += 64
        # who plays a side: a delegation leaves, the computer takes over (and back)
        self.label((x, y, cw - 200, 22), "Who plays a side", object_id="@subheading")
        self.button((x + cw - 196, y - 4, 100, 28), "Computer", self.seat_to_computer,
                    "The computer plays this side from now on (this turn included)")
        self.button((x + cw - 92, y - 4, 92, 28), "Students", self.seat_to_students,
                    "A delegation of students plays this side from its next hand-over")
        sides = list(sc.nations) + list(sc.traffickers)
        seat_opts = self._options(
            "seat", [(f"{s.side_name(x_)}: {player_text(s.plan.seats.get(x_))}", x_)
                     for x_ in sides], cw - 50)
        chosen = next((t for t, x_ in self.choices["seat"].items() if x_ == self.seat_side),
                      seat_opts[0])
        f["seat"] = pygame_gui.elements.UIDropDownMenu(seat_opts, chosen,
                                                       pygame.Rect(x, y + 24, cw, 30), self.ui)
        y += 64
        # adjudicate a seizure
        self.label((x, y, cw, 22), "Adjudicate a seizure (tons, this turn)" if compact
                   else "Adjudicate a seizure (tons on a route, this turn)",
                   object_id="@subheading")
        # the route names are long: the menu gets the whole width, the tons the row below
        # (compact: the tons beside a narrower menu)
        font = self.app.theme_font()
        menu_w = cw - 140 if compact else cw
        routes = self._options("route", [(_route_label(sc, r, menu_w - 50, self.app.fit, font),
                                           r) for r in sc.routes], menu_w - 50)
        f["route"] = pygame_gui.elements.UIDropDownMenu(routes, routes[0],
                                                        pygame.Rect(x, y + 24, menu_w, 30),
                                                        self.ui)
        ty = y + 24 if compact else y + 58
        if not compact:
            self.label((x, ty, cw - 200, 30), "Tons seized on it this turn", object_id="@dim")
        box_w, set_w = (64, 64) if compact else (92, 92)
        f["tons"] = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x + cw - set_w - 8 - box_w, ty, box_w, 30), self.ui,
            placeholder_text="tons" if compact else "")
        f["tons"].set_allowed_characters([*"0123456789."])
        self.button((x + cw - set_w, ty, set_w, 30), "Set", self.adjudicate)
        y += 64 if compact else 98
        buttons = [("Snapshot", self.snapshot, "Write the whole game to saves/ now"),
                   ("Events list", self.events_list,
                    "Every scenario event: when it can fire, whether it has, and what the "
                    "players are expected to do")]
        if compact:
            buttons.append(("Log", self.show_log,
                            "This turn's expected player actions, what is scheduled next, "
                            "and the white cell's log"))
        buttons.append(("End game", self.end_game,
                        "End the game after the last month played and open the debrief"))
        each = (cw - 8 * (len(buttons) - 1)) // len(buttons)
        for k, (text, action, tip) in enumerate(buttons):
            bx = x + k * (each + 8)
            bw = each if k < len(buttons) - 1 else x + cw - bx
            self.button((bx, y, bw, 34), text, action, tip)
        y += 44
        if not compact:
            self.textbox((x, y, cw, max(60, self.panel.bottom - y - 8)), self.log_html())


    def log_html(self) -> str:
        """What the white cell just did (it may be below the fold of the log), the
        controller's notes, then the white cell's log (the last 30 lines)."""
        log = self.app.session.log[-30:]
        done = getattr(self, "just_done", None)
        head = (f"<font color='{P.GOOD_HTML}'><b>Done:</b> {html_escape(done)}</font><br><br>"
                if done else "")
        return head + self.expected_html() + ("<br>".join(html_escape(x_) for x_ in log)
                                              or "No actions yet.")

    def show_log(self) -> None:
        """The log box, in a dialog (the compact form has no room for it)."""
        w, h = min(640, self.app.size[0] - 80), min(480, self.app.size[1] - 80)
        rect = pygame.Rect((self.app.size[0] - w) // 2, (self.app.size[1] - h) // 2, w, h)
        if self.app.dialog is not None and self.app.dialog.alive():
            self.app.dialog.kill()
        self.app.dialog = pygame_gui.windows.UIMessageWindow(
            rect, self.log_html(), self.ui, window_title="White cell log", always_on_top=True)

    def expected_html(self) -> str:
        """The controller's notes: this turn's events with what the scenario expects the
        players to do about them (the MSEL's expected actions, never shown to the seats),
        then the events scheduled for next turn (chance events cannot be foreseen)."""
        s = self.app.session
        sc = s.scenario
        events = list(sc.events.values())
        now = [events[int(i)] for i in s.game.state.events_now]
        parts = [f"<b>{html_escape(ev.title)}</b><br>{html_escape(ev.expected_action)}"
                 for ev in now if ev.expected_action]
        out = ""
        if parts:
            out += "<b>Expected player actions this turn</b><br><br>" + "<br><br>".join(parts)
        nxt = s.turn + 1
        coming = [ev.title for ev in events if nxt in ev.trigger.turns
                  and (ev.trigger.condition is None)] if nxt <= sc.turns else []
        if coming:
            out += ("<br><br>" if out else "") + (
                f"<b>Scheduled for {html_escape(sc.turn_name(nxt))}</b><br>"
                + "<br>".join(html_escape(t) for t in coming))
        return out + "<br><br><b>Log</b><br>" if out else ""

    def events_list(self) -> None:
        s = self.app.session
        self.app.message("Scenario events (the master list)",
                         events_list(s.scenario, s.game.state) or ["This scenario has no events."])

    def reason(self) -> str | None:
        text = self.form["reason"].get_text().strip()
        if not text:
            self.app.show_error("A reason, please", [
                "Write a reason first: it goes into the log, the debrief and the replay."])
            return None
        return text

    def _do(self, action) -> bool:
        errs = self.app.session.instructor_action(action)
        if errs:
            self.app.show_error("The white cell action was refused", errs)
            return False
        self.just_done = self.app.session.log[-1]  # said first in the log box
        self.app.rebuild()
        if self.compact:  # no log box on screen: say it was done (the form is cleared)
            self.app.message("Done", [self.app.session.log[-1]])
        return True

    def _options(self, key: str, named: list[tuple[str, str]], width: int,
                 suffix: dict[str, str] | None = None) -> list[str]:
        """Menu texts for (name, id) pairs, each fitted to `width` pixels and unique (a
        repeated name gets " (2)", " (3)"...); the id behind each text is kept for `_chosen`.
        `suffix` adds a text per id that is never shortened ("  now 60")."""
        font = self.app.theme_font()
        texts: dict[str, str] = {}
        for name, ident in named:
            end = (suffix or {}).get(ident, "")
            text, n = self.app.fit(name, width - font.size(end)[0]) + end, 1
            while text in texts:
                n += 1
                tag = f" ({n}){end}"
                text = self.app.fit(name, width - font.size(tag)[0]) + tag
            texts[text] = ident
        self.choices[key] = texts
        return list(texts)

    def _chosen(self, key: str) -> str:
        """The id of the option chosen in menu `key`."""
        opt = self.form[key].selected_option
        return self.choices[key][opt[0] if isinstance(opt, tuple) else str(opt)]

    def fire(self) -> None:
        from game.core.orders import InstructorAction

        reason = self.reason()
        if reason is None:
            return
        self._do(InstructorAction(kind="fire_event", reason=reason, event=self._chosen("event")))

    def inject(self) -> None:
        from game.core.orders import InstructorAction

        reason = self.reason()
        if reason is None:
            return
        title = self.form["title"].get_text().strip()
        text = self.form["text"].get_text().strip()
        if not title:
            self.app.show_error("An inject needs a title", ["Write the inject's title."])
            return
        audience = self.audience()  # kept chosen after Send: a second confidential inject
        # must not go to everyone because the list was cleared
        self._do(InstructorAction(kind="inject", reason=reason, title=title, text=text,
                                  audience=audience))

    def audience(self) -> tuple[str, ...]:
        """The seat ids chosen for an inject, in scenario order (empty: everyone)."""
        chosen = set(self.form["audience"].get_multi_selection())
        self.chosen_seats = [n for n in self.seat_names if n in chosen]
        return tuple(self.seat_names[n] for n in self.chosen_seats)

    def adjust_budget(self) -> None:
        self._set_value(f"nation:{self._chosen('nation')}", "budget", "budget",
                        "Type the new budget, e.g. 45.")

    def adjudicate(self) -> None:
        self._set_value(f"route:{self._chosen('route')}", "seized", "tons",
                        "Type the tons seized, e.g. 3.5.")

    def seat_to_computer(self) -> None:
        from game.ui.session import default_ai

        side = self._chosen("seat")
        self._seat(side, default_ai(self.app.session.scenario, side))

    def seat_to_students(self) -> None:
        self._seat(self._chosen("seat"), "human")

    def _seat(self, side: str, value: str) -> None:
        from game.core.orders import InstructorAction

        s = self.app.session
        if s.plan.seats.get(side) == value:
            self.app.message("Nothing to change",
                             [f"{s.side_name(side)} is already played by {player_text(value)}."])
            return
        reason = self.reason()
        if reason is None:
            return
        kind = "nation" if side in s.scenario.nations else "trafficker"
        self.seat_side = side
        self._do(InstructorAction(kind="seat", reason=reason, target=f"{kind}:{side}",
                                  value=value))

    def _set_value(self, target: str, field: str, box: str, hint: str) -> None:
        """Set `field` of `target` to the number typed in the form's `box` (with a reason)."""
        from game.core.orders import InstructorAction

        reason = self.reason()
        if reason is None:
            return
        try:
            value = float(self.form[box].get_text())
        except ValueError:
            self.app.show_error("A number, please", [hint])
            return
        self._do(InstructorAction(kind="adjust", reason=reason, target=target,
                                  field=field, verb="set", value=value))

    def end_game(self) -> None:
        """End the exercise now (a class runs out of time before the last month): after a
        confirmation, the game ends with the months played and the debrief opens."""
        s = self.app.session
        played = len(s.reports)
        if not played:
            self.app.message("Nothing to debrief yet",
                             ["Play at least one month, then end the game."])
            return
        self.app.confirm(
            "End the game",
            f"End the game after {s.scenario.turn_name(played)} and open the debrief? "
            "Orders given this month are dropped; the saves keep every month played.",
            "End game", self._end_now, (480, 230))

    def _end_now(self) -> None:
        from game.ui.scenes.debrief import DebriefScene

        self.app.session.end_now()
        self.app.switch(DebriefScene(self.app))

    def snapshot(self) -> None:
        path = self.app.session.save_snapshot()
        self.app.message("Snapshot saved", [str(path)])

    def pause(self) -> None:
        s = self.app.session
        s.paused = not s.paused
        s.log.append(f"{s.scenario.turn_name(s.turn)}, WHITE CELL: "
                     f"{'paused' if s.paused else 'resumed'} the table")
        self.app.rebuild()

    def back(self) -> None:
        scene = self.back_to()
        if scene is not None and scene is not self.app.scene:
            self.app.switch(scene)

    def update(self, dt: float) -> None:
        self.tick += dt * 60

    def draw(self, surface) -> None:
        w, h = self.app.size
        if self.map is not None:
            self.map.draw(surface, 1 / 60)
        pygame.draw.rect(surface, (40, 30, 12), (0, 0, w, 46))
        pygame.draw.rect(surface, P.OKABE_ITO[1], (0, 43, w, 3))
        pygame.draw.rect(surface, P.PANEL, self.panel)
        draw_ticker(surface, self.app, pygame.Rect(0, h - TICKER, w, TICKER),
                    self.app.session.news, self.tick)

    def on_event(self, event) -> None:
        if event.type in (pygame_gui.UI_SELECTION_LIST_NEW_SELECTION,
                          pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION) and \
                event.ui_element is self.form.get("audience"):
            self.audience()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.back()
            return
        if self.map is not None:
            self.map.handle_event(event)


def events_list(sc, state) -> list[str]:
    """The white cell's master scenario events list: one line per event in scenario order,
    with when it can fire, whether it has, and the expected player action."""
    out = []
    for i, ev in enumerate(sc.events.values()):
        fired = int(state.fired[i])
        done = "" if not fired else " (fired)" if fired == 1 else f" (fired {fired} times)"
        line = f"{_when(sc, ev.trigger)}: {ev.title}{done}"
        if ev.expected_action:
            line += f". Expected: {ev.expected_action}"
        out.append(line)
    return out


def _when(sc, tr) -> str:
    """When a trigger can fire, for people: "Month 3", "Months 8, 9", "6% a month, months
    10-20, if violence of nation:mexico > 0.58"."""
    unit = sc.turn_label
    if tr.turns:
        text = f"{unit}{'s' if len(tr.turns) > 1 else ''} {', '.join(map(str, tr.turns))}"
    else:
        until = tr.until_turn if tr.until_turn is not None else sc.turns
        text = (f"{tr.chance:.0%} a {unit.lower()}, {unit.lower()}s {tr.from_turn}-{until}"
                + ("" if tr.once else ", can repeat"))
    c = tr.condition
    if c is not None:
        text += f", if {c.metric}{f' of {c.scope}' if c.scope else ''} {c.op} {c.value:g}"
    return text


def _route_label(sc, rid: str, width: int, fit, font) -> str:
    """"Origin > Destination (mode)" in `width` pixels: place names lose their bracketed
    details first ("Tumaco (Nariño)" -> "Tumaco"), then both are shortened alike, so the
    instructor always sees where a route starts and ends."""
    r = sc.routes[rid]
    a = sc.locations[r.origin].name if r.origin in sc.locations else r.origin
    b = sc.locations[r.dest].name if r.dest in sc.locations else r.dest
    tag = f" ({r.mode})"
    for a_, b_ in ((a, b), (_plain(a), _plain(b))):
        text = f"{a_} > {b_}{tag}"
        if font.size(text)[0] <= width - 10:
            return text
    # each half is fitted to (half - 10) px; the whole then stays within width - 10
    half = (width - 10 - font.size(f" > {tag}")[0]) // 2 + 10
    return f"{fit(_plain(a), half)} > {fit(_plain(b), half)}{tag}"


def _plain(name: str) -> str:
    """A place name without its bracketed details."""
    return re.sub(r"\s*\([^)]*\)", "", name).strip() or name
