"""Time travel through a game: step back and forth through its turns (the map as it was,
that turn's report, events and decisions), and resume from any turn as a new branch. The
original game and its save file are never changed: a branch is a new game with a new id
(`game.persistence.games.branch_game`)."""

from __future__ import annotations

import pygame

from game.ui import palette as P
from game.ui.app import Scene, html_escape
from game.ui.mapview import MapData, MapView
from game.ui.scenes.resolution import WhiteCellView


class HistoryScene(WhiteCellView, Scene):
    """Each past turn as the debrief shows it: the true flows and every patrol on the map
    (the hot wash is when the table learns what really happened), and in the panel what the
    shared turn report showed, unless the instructor asks for the white cell's view (the
    instructor's reasons, injects for particular delegations, leaks nobody discovered)."""
    name = "history"
    map_keys = True

    def __init__(self, app, session, back=None) -> None:
        super().__init__(app)
        self.source = session  # the game being looked at (never modified)
        self.back_to = back
        self.turn = len(session.game.history)  # after this many turns
        self.map: MapView | None = None
        self._dormant_at: list[set[str]] | None = None  # see `dormant`

    @property
    def n_turns(self) -> int:
        return len(self.source.game.history)

    def build(self) -> None:
        w, h = self.app.size
        s = self.source
        sc = s.scenario
        pw = max(380, min(520, int(w * 0.34)))
        rect = pygame.Rect(0, 46, w - pw, h - 46)
        if self.map is None:
            self.map = MapView(sc, self.app.fonts, rect, P.nation_colours(sc), tiles=self.app.tiles)
            self.map.info = self._tooltip
        else:
            self.map.set_rect(rect)
        self.map.set_data(self._map_data())
        self.panel = pygame.Rect(w - pw, 46, pw, h - 46)
        where = "the start" if self.turn == 0 else sc.turn_name(self.turn)
        right = w - pw - 20
        if self.app.instructor:
            right -= 184
            self.white_view_button((w - pw - 188, 7, 176, 32),
                                   "Show what only the white cell knew: the instructor's "
                                   "reasons, injects for particular delegations and leaks "
                                   "nobody discovered; click again to hide them")
        when = f"after {where} ({self.turn} of {self.n_turns})"
        self.label((14, 6, right, 34), self.app.first_fitting(
            [f"History: {sc.title}  ·  {when}", f"History  ·  {when}", when[:1].upper() + when[1:]],
            right - 10, "@subheading"), object_id="@subheading")
        x, y, cw = self.panel.x + 12, self.panel.y + 10, pw - 24
        bw = (cw - 18) // 4
        for i, (text, fn, tip) in enumerate((
                ("|<", lambda: self.go(0), "The start"),
                ("<", lambda: self.go(self.turn - 1), "One turn back (Left)"),
                (">", lambda: self.go(self.turn + 1), "One turn forward (Right)"),
                (">|", lambda: self.go(self.n_turns), "The latest turn"))):
            self.button((x + i * (bw + 6), y, bw, 34), text, fn, tip)
        y += 44
        self.textbox((x, y, cw, self.panel.bottom - y - 110), self._turn_html())
        self.button((x, self.panel.bottom - 98, cw, 40), "Resume from here as a new game",
                    self.resume, "Play on from this turn; the original game is not changed",
                    object_id="@primary", enabled=self.turn < s.scenario.turns)
        self.button((x, self.panel.bottom - 50, cw, 40), "Back", self.back, "Esc")

    # ----- what the table sees at that turn ---------------------------------------------------
    def _record(self):
        hist = self.source.game.history
        return hist[self.turn - 1] if 1 <= self.turn <= len(hist) else None

    def dormant(self) -> set[str]:
        """The routes dormant in the turn shown (at the start: as the game began), as the
        white cell knew them: the game re-run from its seed and recorded orders (once per
        scene) gives the routes dormant as each turn began, after the scenario's own, the
        events' effects and the routes traffickers opened in earlier turns; a route that
        carried traffic that turn was open (the white cell may have opened it during the
        turn). Routes opened that turn are usable from the next, so they show open there."""
        if self._dormant_at is None:
            self._dormant_at = self._replay_dormant()
        at = self._dormant_at[max(0, self.turn - 1)]
        rec = self._record()
        if rec is None:
            return set(at)
        return {rid for rid in at
                if float(rec.report.by_route.get(rid, {}).get("flow", 0.0)) <= 0}

    def _replay_dormant(self) -> list[set[str]]:
        """The routes dormant as each turn began, index k: turn k + 1."""
        from game.core.errors import InterdictError
        from game.core.events import effective
        from game.core.network import compiled
        from game.persistence.games import replay_states

        game = self.source.game
        try:
            states = replay_states(game)[:max(1, len(game.history))]
        except InterdictError:  # the map can do without: the routes as the scenario starts
            start = {rid for rid, r in self.source.scenario.routes.items() if r.dormant}
            return [start] * max(1, len(game.history))
        net = compiled(game.scenario)
        ids = net.route_ids
        out = []
        for state in states:  # the truth, as the white cell's observation gives it
            dormant = effective(net, state, state.turn)["r_dormant"]
            out.append({ids[i] for i, x in enumerate(dormant.tolist()) if x})
        return out

    def _map_data(self) -> MapData:
        rec = self._record()
        if rec is None:
            return MapData(dormant=self.dormant())
        flows = {rid: float(v.get("flow", 0.0)) for rid, v in rec.report.by_route.items()}
        patrols: dict[str, list[tuple[str, str, int]]] = {}
        for nid, bo in dict(rec.orders.blue).items():
            for rid, assets in bo.deploy.items():
                for a, c in assets.items():
                    if c > 0:
                        patrols.setdefault(rid, []).append((nid, a, int(c)))
        return MapData(flows=flows, patrols=patrols, dormant=self.dormant(), true_flows=True)

    def _tooltip(self, kind: str, ident: str) -> list[str]:
        """The map's tooltip for the turn shown: a route's facts, whether it was dormant
        then and what moved on it that turn; never what the table knows today (the
        observer's flow estimate, its patrols, its dormant routes)."""
        lines = self.source.tooltip("observer", kind, ident)
        if kind != "route" or not lines:
            return lines
        lines = [x for x in lines if not x.startswith(("Estimated", "Patrolled", "Dormant"))]
        rec = self._record()
        if ident in self.dormant():
            lines.append("Dormant at the start (not in use)" if rec is None
                         else "Dormant that turn (not in use)")
        if rec is not None:
            v = rec.report.by_route.get(ident, {})
            lines.append(f"That turn: {float(v.get('flow', 0)):.1f} t moved, "
                         f"{float(v.get('seized', 0)):.1f} t seized")
        return lines

    def _turn_html(self) -> str:
        from game.ui.scenes.debrief import timeline

        s = self.source
        rec = self._record()
        if rec is None:
            return "The start of the game: nothing has happened yet. Step forward with >."
        r = rec.report
        parts = [f"<b>{html_escape(s.scenario.turn_name(rec.turn))}</b>",
                 f"Shipped {r.shipped:.1f} t, seized {r.seized:.1f} t, delivered "
                 f"{r.delivered:.1f} t, detected {r.detected:.1f} t."]
        if r.baseline_delivered is not None:
            parts.append(f"Doing nothing: {r.baseline_delivered:.1f} t delivered.")
        white = self.white_view
        for card in r.event_cards:
            audience = card.get("audience") or ()
            if audience and not white:  # for particular delegations only
                continue
            kind = "White cell inject" if card.get("instructor") else "Event"
            only = (f" (to {', '.join(s.side_name(str(a)) for a in audience)} only)"
                    if audience else "")
            parts.append(f"<b>{kind}:</b> {html_escape(card.get('title', ''))}"
                         f"{html_escape(only)}")
        for leak in r.leaks:
            found = bool(leak.get("discovered"))
            if not (found or white):  # nobody found out: the table never heard of it
                continue
            parts.append(f"<b>Leak{'' if found else ' (undiscovered)'}:</b> intelligence "
                         f"{html_escape(s.side_name(str(leak.get('from'))))} shared leaked "
                         f"through {html_escape(s.side_name(str(leak.get('to'))))}")
        turn_name = s.scenario.turn_name(rec.turn) + " · "
        lines = [x for x in timeline(s, white=white) if x.startswith(turn_name)]
        if lines:
            parts.append("<br><b>Decisions</b>")
            parts += [html_escape(x.removeprefix(turn_name)) for x in lines]
        return "<br>".join(parts)

    # ----- actions -----------------------------------------------------------------------------
    def go(self, turn: int) -> None:
        self.turn = max(0, min(self.n_turns, turn))
        self.app.rebuild()

    def resume(self) -> None:
        from game.persistence.games import branch_game
        from game.ui.scenes.turn import start_turn
        from game.ui.session import Session, _game_seats

        src = self.source
        game = branch_game(src.game, self.turn)
        plan = type(src.plan)(_game_seats(game), int(game.seed), src.plan.rationale_required)
        session = Session(src.scenario, plan, game, instructor=self.app.instructor,
                          saves_dir=src.saves_dir or self.app.saves_dir)
        session.reports = [rec.report for rec in game.history]
        session.log = [f"Resumed from {src.scenario.turn_name(self.turn) if self.turn else 'the start'}"
                       " of an earlier game (a new branch)"]
        self.app.session = session
        start_turn(self.app)

    def back(self) -> None:
        if self.back_to is not None:
            self.app.switch(self.back_to())

    def on_event(self, event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.back()
                return
            if event.key in (pygame.K_LEFT, pygame.K_RIGHT) and not getattr(event, "mod", 0):
                self.go(self.turn + (1 if event.key == pygame.K_RIGHT else -1))
                return
        if self.map is not None:
            self.map.handle_event(event)

    def draw(self, surface) -> None:
        w, _h = self.app.size
        if self.map is not None:
            self.map.draw(surface, 1 / 60)
        pygame.draw.rect(surface, P.PANEL, (0, 0, w, 46))
        pygame.draw.rect(surface, P.PANEL, self.panel)
