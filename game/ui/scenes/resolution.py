"""Resolution: shipments move along the routes and seizures flash where they happen (Space
or Enter skips), then the turn report: headline numbers against last turn and against the
no-action baseline, the hindsight comparison, the events as cards, leaks, and the news."""

from __future__ import annotations

import math

import pygame

from game.ui import palette as P
from game.ui.app import Scene, html_escape
from game.ui.mapview import MapView
from game.ui.scenes.turn import TICKER, draw_ticker

ANIM_SECONDS = 3.5
AUTOPLAY_SECONDS = 8.0  # --demo in a window: how long each turn report stays up


def resolve_and_show(app) -> None:
    s = app.session
    report = s.end_turn()
    s.news.extend(news_lines(s, report))
    if getattr(app, "skip_animation", False):
        app.switch(ReportScene(app, report))
    else:
        app.switch(ResolutionScene(app, report))


def news_lines(session, report) -> list[str]:
    sc = session.scenario
    turn = sc.turn_name(int(getattr(report, "turn", session.turn - 1)))
    out = []
    for card in getattr(report, "event_cards", ()) or ():
        title = card.get("title") or card.get("id", "Event")
        out.append(f"{turn}: {title}")
    seized = float(getattr(report, "seized", 0.0))
    if seized > 0:
        best = max(((rid, v.get("seized", 0.0)) for rid, v in report.by_route.items()),
                   key=lambda x: x[1], default=(None, 0.0))
        where = ""
        if best[0] in sc.routes and best[1] > 0:
            r = sc.routes[best[0]]
            where = f", most on {sc.locations[r.origin].name} > {sc.locations[r.dest].name}" \
                if r.origin in sc.locations and r.dest in sc.locations else ""
        out.append(f"{turn}: {seized:.1f} t of cocaine seized{where}")
    else:
        out.append(f"{turn}: no seizures reported")
    for leak in getattr(report, "leaks", ()) or ():
        if leak.get("discovered"):
            a = session.side_name(str(leak.get("from", "?")))
            b = session.side_name(str(leak.get("to", "?")))
            out.append(f"{turn}: intelligence shared by {a} leaked through {b}")
    return out


class ResolutionScene(Scene):
    name = "resolution"
    map_keys = True

    def __init__(self, app, report) -> None:
        super().__init__(app)
        self.report = report
        self.t = 0.0
        self.map: MapView | None = None
        self.flashed: set[str] = set()
        s = app.session
        view = "white" if app.instructor else "observer"
        try:
            self.flows = s.believed_flows(view)
        except Exception:
            self.flows = {}
        if not self.flows:
            self.flows = {rid: float(v.get("flow", 0.0)) for rid, v in report.by_route.items()}
        self.seized = {rid: float(v.get("seized", 0.0)) for rid, v in report.by_route.items()
                       if float(v.get("seized", 0.0)) > 0}
        self.view = view

    def build(self) -> None:
        w, h = self.app.size
        s = self.app.session
        rect = pygame.Rect(0, 46, w, h - 46 - TICKER)
        if self.map is None:
            self.map = MapView(s.scenario, self.app.fonts, rect, P.nation_colours(s.scenario), tiles=self.app.tiles)
            self.map.set_data(s.map_data(self.view))
            self.map.info = lambda k, i: s.tooltip(self.view, k, i)
        else:
            self.map.set_rect(rect)
        turn = s.scenario.turn_name(int(getattr(self.report, "turn", s.turn - 1)))
        self.label((14, 6, w - 300, 34), f"{turn}: resolving...", object_id="@subheading")
        self.button((w - 200, 7, 188, 32), "Skip  >>", self.finish, "Space or Enter")

    def update(self, dt: float) -> None:
        self.t += dt
        if self.map is None:
            return
        movers = []
        max_flow = max(self.flows.values(), default=0.0)
        phase = min(1.0, self.t / ANIM_SECONDS)
        for rid, flow in self.flows.items():
            if flow <= 0 or rid not in self.map.scenario.routes:
                continue
            n = 1 + int(3 * flow / max_flow) if max_flow > 0 else 1
            for k in range(n):
                tt = (phase * 1.6 + k / n) % 1.0
                movers.append((rid, tt, P.RED, 4))
        self.map.movers = movers
        for rid in self.seized:
            start = 0.15 + 0.6 * (_stable(rid) % 100) / 100 * (ANIM_SECONDS - 1)
            if rid not in self.flashed and self.t >= start:
                self.flashed.add(rid)
                self.map.flashes.append((rid, 0.5, 0.0))
        if self.t >= ANIM_SECONDS + 0.6:
            self.finish()

    def draw(self, surface) -> None:
        w, h = self.app.size
        if self.map is not None:
            self.map.draw(surface, 1 / 60)
        pygame.draw.rect(surface, P.PANEL, (0, 0, w, 46))
        draw_ticker(surface, self.app, pygame.Rect(0, h - TICKER, w, TICKER),
                    self.app.session.news, self.t * 60)

    def on_event(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_SPACE, pygame.K_RETURN,
                                                          pygame.K_ESCAPE):
            self.finish()
            return
        if self.map is not None:
            self.map.handle_event(event)

    def finish(self) -> None:
        if self.app.scene is self:
            self.app.switch(ReportScene(self.app, self.report))


def _stable(text: str) -> int:
    return sum((i + 1) * ord(c) for i, c in enumerate(text))


def _delta(now: float, before: float | None) -> str:
    if before is None:
        return ""
    d = now - before
    if abs(d) < 0.05:
        return "same as last turn"
    return f"{'+' if d > 0 else '-'}{abs(d):.1f} t on last turn"


class ReportScene(Scene):
    name = "report"

    def __init__(self, app, report) -> None:
        super().__init__(app)
        self.report = report
        self.tick = 0.0

    def build(self) -> None:
        w, h = self.app.size
        s = self.app.session
        r = self.report
        prev = s.reports[-2] if len(s.reports) >= 2 else None
        turn = s.scenario.turn_name(int(getattr(r, "turn", s.turn - 1)))
        self.label((40, 16, w - 80, 40), f"{turn}: turn report", object_id="@heading")
        # headline cards
        heads = [("Seized", r.seized, getattr(prev, "seized", None), True),
                 ("Delivered", r.delivered, getattr(prev, "delivered", None), False),
                 ("Detected", r.detected, getattr(prev, "detected", None), True),
                 ("Shipped", r.shipped, getattr(prev, "shipped", None), None)]
        cw = (w - 80 - 3 * 16) // 4
        self.cards = []
        for i, (name, val, before, up_good) in enumerate(heads):
            x = 40 + i * (cw + 16)
            self.cards.append((pygame.Rect(x, 66, cw, 96), name, val, before, up_good))
        y = 178
        lines = []
        base = getattr(r, "baseline_delivered", None)
        if base is not None:
            diff = base - r.delivered
            pct = ((r.delivered - base) / base * 100) if base > 0 else 0.0
            lines.append(f"<b>Against doing nothing:</b> {base:.1f} t would have been delivered "
                         f"without any Blue action; {abs(diff):.1f} t "
                         f"{'less' if diff >= 0 else 'more'} got through ({pct:+.0f}%).")
        red = getattr(r, "delivered_reduction", None)
        if red is not None:
            lines.append(f"<b>So far this game:</b> deliveries are {red * 100:.0f}% below "
                         "the no-action baseline.")
        ratio = getattr(r, "hindsight_ratio", None)
        if ratio is not None:
            lines.append(f"<b>Hindsight:</b> your placement could expect {ratio * 100:.0f}% of "
                         f"what the same assets could have seized "
                         f"({r.hindsight_seizable:.1f} t) had you known the flows.")
        for leak in getattr(r, "leaks", ()) or ():
            a = s.side_name(str(leak.get("from", "?")))
            b = s.side_name(str(leak.get("to", "?")))
            found = "discovered" if leak.get("discovered") else "not discovered"
            lines.append(f"<font color='#e69f00'><b>Leak:</b> intelligence shared by {a} with "
                         f"{b} reached the traffickers ({found}).</font>")
        for rej in getattr(r, "rejected", ()) or ():
            lines.append(f"<font color='#e69f00'><b>Rejected orders</b> of "
                         f"{html_escape(s.side_name(str(rej.get('side'))))}: "
                         f"{html_escape('; '.join(rej.get('reasons', ())))}</font>")
        for act in getattr(r, "instructor", ()) or ():
            lines.append(f"<b>White cell:</b> {html_escape(str(act.get('kind', '')))} "
                         f"{html_escape(str(act.get('title') or act.get('event') or act.get('target') or ''))}"
                         f" - {html_escape(str(act.get('reason', '')))}")
        by_nation = dict(getattr(r, "by_nation", {}) or {})
        if by_nation:
            rows = sorted(by_nation.items(), key=lambda kv: -float(kv[1].get("seized", 0.0)))
            humans = set(s.human_seats())
            shown = [kv for kv in rows if kv[0] in humans] + \
                [kv for kv in rows if kv[0] not in humans]
            table = ["<b>By nation</b> (seized this turn · violence · corruption)"]
            for nid, v in shown[:8]:
                table.append(f"{html_escape(s.side_name(nid))}: {float(v.get('seized', 0)):.1f} t"
                             f" · {float(v.get('violence', 0)):.2f}"
                             f" · {float(v.get('corruption', 0)):.2f}")
            lines.append("<br>".join(table))
        if s.autosave_error:
            lines.append(f"<font color='#e69f00'>Autosave failed: {html_escape(s.autosave_error)}</font>")
        elif s.last_autosave:
            lines.append(f"<font color='#96a0af'>Autosaved to {html_escape(str(s.last_autosave))}</font>")
        half = (w - 96) // 2
        self.textbox((40, y, half, h - y - 110), "<br><br>".join(lines) or "A quiet turn.")
        # event cards: public ones here; a card for chosen seats only is shown to those seats
        # on their own screen next turn (the white cell sees everything)
        all_cards = list(getattr(r, "event_cards", ()) or ())
        cards = [c for c in all_cards if self.app.instructor or not c.get("audience")]
        private = len(all_cards) - len(cards)
        cx = 56 + half
        self.label((cx, y, half, 26), "Events" if cards else "No events this turn",
                   object_id="@subheading")
        cy = y + 30
        for card in cards:
            if cy > h - 200:
                self.label((cx, cy, half, 22), f"+{len(cards) - cards.index(card)} more",
                           object_id="@dim")
                break
            text = (f"<b>{html_escape(card.get('title', card.get('id', '')))}</b><br>"
                    f"{html_escape(card.get('text', ''))}")
            per_line = max(20, (half - 40) // 8)
            n_lines = 1 + math.ceil(len(card.get("text", "")) / per_line)
            height = min(240, 40 + 25 * n_lines)
            self.textbox((cx, cy, half, height), text, object_id="@card")
            cy += height + 10
        if private:
            self.label((cx, min(cy, h - 180), half, 22),
                       f"+ {private} confidential card(s) for particular delegations: "
                       "each sees its own on its screen", object_id="@dim")
        label = "Debrief  >" if s.is_over else f"Continue to {s.scenario.turn_name(s.turn)}  >"
        self.button((w - 40 - 300, h - 70 - TICKER + 20, 300, 44), label, self.next,
                    "Enter", object_id="@primary")
        if self.app.instructor:
            self.button((40, h - 70 - TICKER + 20, 180, 44), "White cell", self.white)

    def white(self) -> None:
        from game.ui.scenes.instructor import open_white_cell

        open_white_cell(self.app)

    def update(self, dt: float) -> None:
        self.tick += dt * 60
        s = self.app.session
        if getattr(s, "autoplay", False) and not s.paused and not s.is_over and \
                self.tick / 60 >= AUTOPLAY_SECONDS:
            self.next()  # an all-AI demonstration moves on by itself

    def draw(self, surface) -> None:
        f_small = self.app.fonts.get(14)
        f_big = self.app.fonts.get(30, bold=True)
        for rect, name, val, before, up_good in self.cards:
            pygame.draw.rect(surface, (27, 38, 54), rect, border_radius=6)
            pygame.draw.rect(surface, P.PANEL_EDGE, rect, 1, border_radius=6)
            surface.blit(f_small.render(name, True, P.TEXT_DIM), (rect.x + 14, rect.y + 10))
            surface.blit(f_big.render(f"{val:.1f} t", True, P.TEXT), (rect.x + 14, rect.y + 30))
            d = _delta(val, before)
            col = P.TEXT_DIM
            if before is not None and up_good is not None and abs(val - before) >= 0.05:
                col = P.GOOD if (val > before) == up_good else P.BAD
            surface.blit(f_small.render(d, True, col), (rect.x + 14, rect.y + 70))
        w, h = self.app.size
        draw_ticker(surface, self.app, pygame.Rect(0, h - TICKER, w, TICKER),
                    self.app.session.news, self.tick)

    def on_event(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_RETURN:
            self.next()

    def next(self) -> None:
        from game.ui.scenes.turn import start_turn

        start_turn(self.app)
