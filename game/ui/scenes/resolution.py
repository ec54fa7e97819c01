"""Resolution: shipments move along the routes and seizures flash where they happen (Space
or Enter skips), then the turn report: headline numbers against last turn and against the
no-action baseline, the hindsight comparison, the events as cards, leaks, and the news."""

from __future__ import annotations

import math

import pygame
import pygame_gui

from game.core.resolve import LEAK_EVASION, TRUST_HIT
from game.persistence.names import action_text
from game.ui import palette as P
from game.ui.app import Scene, ellipsize, html_escape
from game.ui.labels import place_labels
from game.ui.mapview import FIT_MARGIN, MapView, map_aspect
from game.ui.reasons import readable
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


def and_list(names: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def news_lines(session, report) -> list[str]:
    sc = session.scenario
    turn = sc.turn_name(int(getattr(report, "turn", session.turn - 1)))
    out = []
    for card in getattr(report, "event_cards", ()) or ():
        if card.get("audience"):  # a confidential card: its seats see it on their screens
            continue
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
    for name, effect, who in session.adaptations_adopted(report):
        out.append(f"{turn}: {name.lower()} now in use by {and_list(who)}"
                   + (f" ({effect})" if effect else ""))
    for leak in getattr(report, "leaks", ()) or ():
        if leak.get("discovered"):
            a = session.side_name(str(leak.get("from", "?")))
            b = session.side_name(str(leak.get("to", "?")))
            out.append(f"{turn}: intelligence shared by {a} leaked through {b}")
    return out


class WhiteCellView:
    """The instructor's "White-cell view" of a screen the whole table sees (the resolution,
    the turn report, the debrief): the public view by default, even in an instructor's
    game; the button, only for the instructor (`app.instructor`), reveals what only the
    white cell knows and hides it again. Off for every new screen. Mixed into a Scene."""

    white_view = False

    def set_white_view(self, on: bool) -> None:
        """Show (True) or hide the white cell's view; only the instructor may show it."""
        self.white_view = bool(on and self.app.instructor)
        self.app.rebuild()

    def toggle_white_view(self) -> None:
        self.set_white_view(not self.white_view)

    def white_view_button(self, rect, tip: str):
        """The "White-cell view" button at `rect`, selected while the view is on; None (and
        the view off) when the app is not the instructor's."""
        self.white_view = self.white_view and bool(self.app.instructor)
        if not self.app.instructor:
            return None
        b = self.button(rect, "White-cell view", self.toggle_white_view, tip)
        if self.white_view:
            b.select()
        return b


class ResolutionScene(WhiteCellView, Scene):
    """The turn resolving on the map, on the screen the whole table sees: only what is
    public, a ring flashing where each seizure happened and a marker, sized by the tons,
    staying there. The instructor (`app.instructor`) also gets a "White-cell view" button,
    off for each new turn, that shows the true shipments moving along every route in use."""

    name = "resolution"
    map_keys = True

    def __init__(self, app, report) -> None:
        super().__init__(app)
        self.report = report
        self.t = 0.0
        self.map: MapView | None = None
        self.flashed: set[str] = set()
        self.flows: dict[str, float] = {}
        self.seized = {rid: float(v.get("seized", 0.0)) for rid, v in report.by_route.items()
                       if float(v.get("seized", 0.0)) > 0}
        self.view = "observer"

    def set_white_view(self, on: bool) -> None:
        """Show (True) or hide the white cell's view: the true flows on the map."""
        on = bool(on and self.app.instructor)
        self.view = "white" if on else "observer"
        self.flows = {}
        if on:  # only the white cell may see the true flows
            s = self.app.session
            try:
                self.flows = s.believed_flows("white")
            except Exception:
                self.flows = {}
            if not self.flows:
                self.flows = {rid: float(v.get("flow", 0.0))
                              for rid, v in self.report.by_route.items()}
        if self.map is not None:
            self.map.set_data(self.app.session.map_data(self.view))
        super().set_white_view(on)

    def header_text(self, width: int) -> str:
        """The explanation in the header: the longest wording that fits `width` pixels."""
        if self.white_view:
            texts = ("White cell: dots are the true shipments on the move; rings flash where "
                     "a seizure happens. Space skips to the report.",
                     "Dots: true shipments. Rings: seizures. Space skips.",
                     "Space skips.")
        else:
            texts = ("Rings flash where seizures happen; shipments are not shown on this "
                     "shared screen. Space skips to the report.",
                     "Rings flash where seizures happen. Space skips.",
                     "Space skips.")
        return self.app.first_fitting(texts, width - 16, "@dim")

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
        title = f"{turn}: resolving..."
        title_w = self.app.theme_font("@subheading").size(title)[0] + 16
        self.label((14, 6, title_w, 34), title, object_id="@subheading")
        x = 14 + title_w + 8
        right = w - 212
        if self.app.instructor:  # the instructor may show the true flows, on purpose
            right -= 176
            self.white_view_button((right + 8, 7, 168, 32),
                                   "Show the true shipments on this shared screen (students "
                                   "should look away); click again to hide them")
        self.label((x, 6, right - x, 34), self.header_text(right - x), object_id="@dim")
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
        top = max(self.seized.values(), default=0.0)
        for rid in self.seized:
            start = 0.15 + 0.6 * (_stable(rid) % 100) / 100 * (ANIM_SECONDS - 1)
            if rid not in self.flashed and self.t >= start:
                self.flashed.add(rid)
                self.map.flashes.append((rid, 0.5, 0.0))
            if rid in self.flashed and not self.white_view:
                # where it was seized stays marked (public, like the news), sized by the tons
                movers.append((rid, 0.5, P.RED, 3 + round(5 * math.sqrt(self.seized[rid] / top))))
        self.map.movers = movers
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


def baseline_phrase(delivered: float, base: float) -> str:
    """How `delivered` tons compare with the `base` tons of the no-action game: "12.5 t less
    got through (25% less)", "just as much got through", "2.0 t more got through (4% more)";
    the share is left out when it rounds to nothing."""
    diff = base - delivered
    if abs(diff) < 0.05:
        return "just as much got through"
    word = "less" if diff > 0 else "more"
    pct = abs(diff) / base * 100 if base > 0 else 0.0
    share = f" ({pct:.0f}% {word})" if round(pct) >= 1 else ""
    return f"{abs(diff):.1f} t {word} got through{share}"


def hindsight_line(share: float, could: float, game: bool = False) -> str:
    """The hindsight sentence of the turn report (the debrief's, over the game, with `game`):
    `share` of the `could` tons the same assets could have been expected to seize, placed
    knowing the flows. The engine measures every Blue nation's assets together, those the
    computer runs included, so the sentence says so rather than "your placement"."""
    whose = ("Over the game, Blue's placements" if game else "Blue's placement") + \
        " (all nations, computer-run included)"
    return (f"<b>Hindsight:</b> {whose} could expect {share * 100:.0f}% of what the same "
            f"assets could have seized ({could:.1f} t) placed knowing the flows.")


def leak_line(session, leak, instructor: bool) -> str | None:
    """A leak of the turn report and what it did (docs/rules.md, Leaks), as HTML; None for a
    leak nobody discovered unless `instructor` (the white cell sees every leak, marked as
    undiscovered): the table may only learn of the leaks that came to light."""
    discovered = bool(leak.get("discovered"))
    if not discovered and not instructor:
        return None
    a = html_escape(session.side_name(str(leak.get("from", "?"))))
    b = html_escape(session.side_name(str(leak.get("to", "?"))))
    head = "<b>Leak, discovered:</b>" if discovered else \
        "<b>Leak, not discovered</b> (only the white cell sees this):"
    text = (f"{head} intelligence {a} shared with {b} reached the traffickers. They learned "
            f"where the assets of {a} were this turn, and those assets kept only "
            f"{LEAK_EVASION * 100:.0f}% of their detection power.")
    if discovered:
        return text + (f" Trust between the two falls: {a} in {b} by {TRUST_HIT:.2f}, "
                       f"{b} in {a} by {TRUST_HIT / 3:.2f}.")
    return text + " Nobody found out, so trust is unchanged."


def white_cell_parts(scenario, act, white: bool) -> tuple[str, str, str] | None:
    """What the table or the white cell sees of a white-cell action (a logged action, as
    data): (what was done, the reason shown or "", the refusal or ""), None when the view
    leaves it out. The table (`white` False) sees what was done, as the students'
    after-action report does, without the instructor's reason, except for a seat handed
    over, whose reason tells the class why the computer took a side (or gave it back); an
    inject for particular seats, confidential, is left out, as is an action the engine
    refused. The white cell's view shows every action with its reason, and any refusal.
    The turn report and the debrief's timeline both follow it."""
    what = action_text(scenario, act)
    reason = str(act.get("reason", "") or "")
    refused = act.get("applied") is False
    if white:
        why_not = ("refused: " + "; ".join(str(x) for x in act.get("errors") or ())
                   if refused else "")
        return what, reason, why_not
    if refused or (act.get("kind") == "inject" and act.get("audience")):
        return None
    return what, reason if act.get("kind") == "seat" else "", ""


def white_cell_line(scenario, act, white: bool) -> str | None:
    """A white-cell action on the turn report, as HTML (`white_cell_parts` decides what
    shows); the report counts a confidential inject's card instead."""
    parts = white_cell_parts(scenario, act, white)
    if parts is None:
        return None
    what, reason, refused = (html_escape(x) for x in parts)
    line = f"<b>White cell:</b> {what}" + (f" - {reason}" if reason else
                                           "" if white else ".")
    return line + (f" ({refused})" if refused else "")


MIN_MAP = 140  # px: a seizure map smaller than this on either side is left out
MIN_CARD = 80  # px: an event card given less room than this is left out (counted below)
COMPACT_HEIGHT = 700  # px: shorter windows put the report's buttons up by its heading
TABLE_ROW_PAD = 2  # px between the nation table's rows (a line of text each)
TABLE_BAR_W = 16  # px: the nation table's scroll bar, when not every nation fits
TEXT_SHARE = 0.5  # of the report's left column: the text's, when it and the table must share


def seizure_layout(rect: pygame.Rect, aspect: float, n_bars: int, row_h: int,
                   bar_w: int) -> tuple[pygame.Rect | None, pygame.Rect]:
    """(map rect or None, bars rect) inside `rect`: the map above the bars, or beside them
    when the map is taller than the room above the bars allows (a square-ish theatre in a
    wide, short panel), whichever draws the map bigger."""
    bars_h = (n_bars + 1) * row_h
    stacked_h = rect.h - bars_h - 10
    stacked = min(rect.w / aspect, stacked_h) if stacked_h >= MIN_MAP else 0.0
    side_bars = max(220, min(bar_w, rect.w // 2))
    side_w = min(rect.w - side_bars - 16, math.ceil(rect.h * aspect / FIT_MARGIN))
    side = min(side_w / aspect, rect.h) if side_w >= MIN_MAP and rect.h >= MIN_MAP else 0.0
    if side > 1.1 * stacked:
        map_rect = pygame.Rect(rect.x, rect.y, side_w, rect.h)
        return map_rect, pygame.Rect(map_rect.right + 16, rect.y,
                                     rect.right - map_rect.right - 16, rect.h)
    if stacked > 0:
        map_rect = pygame.Rect(rect.x, rect.y, rect.w, stacked_h)
        return map_rect, pygame.Rect(rect.x, map_rect.bottom + 10, rect.w,
                                     max(0, rect.bottom - map_rect.bottom - 10))
    return None, pygame.Rect(rect)


class ReportScene(WhiteCellView, Scene):
    """The turn report, on the screen the whole table sees: what is public by default, even
    for the instructor. `app.instructor` adds a "White-cell view" button, off for each new
    report, that adds what only the white cell knows: undiscovered leaks, the confidential
    cards and injects for particular seats, the reasons given for the white cell's actions,
    where the autosave went."""

    name = "report"

    def __init__(self, app, report) -> None:
        super().__init__(app)
        self.report = report
        self.tick = 0.0
        self.seizure_map: MapView | None = None
        self.table_bar: pygame_gui.elements.UIVerticalScrollBar | None = None

    def previous(self):
        """The report of the turn before this one (None for the first turn)."""
        reports = list(self.app.session.reports)
        turn = int(getattr(self.report, "turn", 0))
        before = [r for r in reports if int(getattr(r, "turn", 0)) < turn]
        return before[-1] if before else None

    def build(self) -> None:
        w, h = self.app.size
        s = self.app.session
        r = self.report
        prev = self.previous()
        # a short window (960x600) puts the buttons up by the heading, so that the columns
        # reach down to the news ticker
        compact = h < COMPACT_HEIGHT
        turn = s.scenario.turn_name(int(getattr(r, "turn", s.turn - 1)))
        label = "Debrief  >" if s.is_over else f"Continue to {s.scenario.turn_name(s.turn)}  >"
        tip = ("Show what only the white cell knows on this shared screen (undiscovered "
               "leaks, confidential cards, the white cell's reasons): students should look "
               "away. Click again to hide it.")
        if compact:  # the buttons by the heading; narrower ones for the instructor's three
            bw = (220, 110, 140) if self.app.instructor else (300, 0, 0)
            x = w - 40 - bw[0]
            self.button((x, 12, bw[0], 40), label, self.next, "Enter", object_id="@primary")
            if self.app.instructor:
                x -= 12 + bw[1]
                self.button((x, 12, bw[1], 40), "White cell", self.white)
                x -= 12 + bw[2]
                self.white_view_button((x, 12, bw[2], 40), tip)
            heading_w = x - 16 - 40
        else:
            self.button((w - 40 - 300, h - 70 - TICKER + 20, 300, 44), label, self.next,
                        "Enter", object_id="@primary")
            if self.app.instructor:
                self.button((40, h - 70 - TICKER + 20, 180, 44), "White cell", self.white)
                self.white_view_button((236, h - 70 - TICKER + 20, 200, 44), tip)
            heading_w = w - 80
        self.white_view = self.white_view and bool(self.app.instructor)
        headings = ((f"{turn}: turn report (white-cell view)", f"{turn}: white-cell view")
                    if self.white_view else (f"{turn}: turn report",))
        heading = self.app.first_fitting(headings, heading_w - 6, "@heading")
        self.label((40, 16, heading_w, 40), heading, object_id="@heading")
        # headline cards
        heads = [("Seized", r.seized, getattr(prev, "seized", None), True),
                 ("Delivered", r.delivered, getattr(prev, "delivered", None), False),
                 ("Detected", r.detected, getattr(prev, "detected", None), True),
                 ("Shipped", r.shipped, getattr(prev, "shipped", None), None)]
        cw = (w - 80 - 3 * 16) // 4
        ch = self.app.fonts.get(14).get_linesize() * 2 + self.app.fonts.get(30).get_linesize()
        ch = max(96, ch + 20)
        self.cards = []
        for i, (name, val, before, up_good) in enumerate(heads):
            x = 40 + i * (cw + 16)
            self.cards.append((pygame.Rect(x, 66, cw, ch), name, val, before, up_good))
        y = 66 + ch + (10 if compact else 16)
        bottom = h - TICKER - (10 if compact else 70)  # above the ticker, or the buttons' row
        half = (w - 96) // 2
        cx = 56 + half
        avail = bottom - y - 10
        # ----- left: what it means (text: the turn's key lines first), then the table by
        # nation (aligned columns, compact rows). Both fit when they can; else the text
        # gets TEXT_SHARE of the column (its box scrolls), and the table the rest: as many
        # rows as fit, a scroll bar for the others
        self.nation_rows = self._nation_rows(s, r)
        row_h = self.app.fonts.get(14).get_linesize() + TABLE_ROW_PAD
        html = "<br>".join(self._lines(s, r)) or "A quiet turn."
        n_all = len(self.nation_rows)
        full_table = (n_all + 1) * row_h + 4 if n_all else 0
        least_table = (min(n_all, 3) + 1) * row_h + 4 if n_all else 0
        text_cap = avail - (least_table + 12 if n_all else 0)
        need = self._fitted_box(half, html, text_cap)
        if need + (12 + full_table if n_all else 0) <= avail:
            text_h = avail - (12 + full_table if n_all else 0)  # all of it: no scrolling
        else:
            text_h = min(need, text_cap, int(avail * TEXT_SHARE))
            if n_all and avail - text_h - 12 >= full_table:
                text_h = avail - 12 - full_table  # the whole table, the text the rest
        table_room = avail - text_h - 12
        n_rows = n_all if table_room >= full_table else \
            min(n_all, max(0, (table_room - 4) // row_h - 1))
        table_h = (n_rows + 1) * row_h + 4 if n_rows else 0
        if 0 < n_rows < n_all:
            text_h = avail - 12 - table_h  # the part of a row left over: the text's
        self.textbox((40, y, half, text_h), html)
        self.table_rect = pygame.Rect(40, y + text_h + 12, half, table_h)
        self.table_rows = n_rows  # the rows that fit; the scroll bar or the wheel the rest
        self.table_top = max(0, min(getattr(self, "table_top", 0), n_all - n_rows))
        self.row_h = row_h
        self.table_bar = None
        if 0 < n_rows < n_all:
            self.table_bar = pygame_gui.elements.UIVerticalScrollBar(
                pygame.Rect(self.table_rect.right - TABLE_BAR_W - 2, self.table_rect.y + row_h,
                            TABLE_BAR_W, n_rows * row_h + 2), n_rows / n_all, self.ui)
            self.table_bar.set_scroll_from_start_percentage(self.table_top / n_all)
        # ----- right: the events as cards, each as tall as its text, then where the
        # seizures happened (a map of MIN_MAP px or more beside the bars)
        all_cards = list(getattr(r, "event_cards", ()) or ())
        cards = [c for c in all_cards if self.white_view or not c.get("audience")]
        private = len(all_cards) - len(cards)
        cy = y
        seizures_least = 30 + MIN_MAP + 4
        limit = y + avail - max(seizures_least, int(avail * 0.4))
        self.cards_shown = 0
        if cards:
            if not compact:
                self.label((cx, cy, half, 26), "Events", object_id="@subheading")
                cy += 30
            note_h = 26 if private else 0
            for i, card in enumerate(cards):
                only = ""
                if card.get("audience"):  # the white cell's view: say whose card it is
                    only = " (confidential: " + ", ".join(
                        s.side_name(str(x)) for x in card["audience"]) + " only)"
                text = (f"<b>{html_escape(card.get('title', card.get('id', '')))}</b>"
                        f"{html_escape(only)}<br>"
                        f"{html_escape(str(card.get('text', '')).strip())}")
                more = 26 if i < len(cards) - 1 else 0  # room to say what is left out
                room = limit - cy - note_h - more
                height = self._fitted_box(half, text, room, "@card")
                if height > room and (i > 0 or room < MIN_CARD):
                    self.label((cx, cy, half, 22), f"+{len(cards) - i} more event(s): see "
                               "the news and the debrief", object_id="@dim")
                    cy += 26
                    break
                height = min(height, room)  # the first card, if it must, scrolls
                self.textbox((cx, cy, half, height), text, object_id="@card")
                self.cards_shown += 1
                cy += height + 10
        if private:
            self.label((cx, cy, half, 22),
                       f"+ {private} confidential card(s) for particular delegations: "
                       "each sees its own on its screen", object_id="@dim")
            cy += 26
        if not cards and not private:
            self.label((cx, cy, half, 26), "No events this turn", object_id="@dim")
            cy += 30
        self._build_seizures(pygame.Rect(cx, cy, half, bottom - 10 - cy))

    def _fitted_box(self, width: int, html: str, room: int, object_id: str | None = None
                    ) -> int:
        """The height a text box `width` pixels wide needs to show `html` without scrolling,
        or `room` + 1 when that is more than `room`."""
        need = self.app.text_box_height(html, width, object_id)
        return need if need <= room else room + 1

    def _lines(self, s, r) -> list[str]:
        """The report's sentences, the turn's key lines first (rejected orders, leaks, the
        traffickers' adaptations, the white cell's actions: what the table must not miss
        above the fold), then the comparisons with doing nothing and with hindsight."""
        lines = []
        for rej in getattr(r, "rejected", ()) or ():
            side = str(rej.get("side"))
            if side in s.scenario.traffickers and not self.white_view:
                continue  # the traffickers' plans are theirs (and may name a route opened)
            reasons = "; ".join(readable(s.scenario, x) for x in rej.get("reasons", ()))
            lines.append(f"<font color='{P.WARN_HTML}'><b>Rejected orders</b> of "
                         f"{html_escape(s.side_name(side))}: {html_escape(reasons)}</font>")
        for leak in getattr(r, "leaks", ()) or ():
            line = leak_line(s, leak, self.white_view)
            if line:
                lines.append(f"<font color='{P.WARN_HTML}'>{line}</font>")
        for name, effect, who in s.adaptations_adopted(r):
            lines.append(f"<b>The traffickers adapt:</b> {html_escape(name.lower())} now in use "
                         f"by {html_escape(and_list(who))}"
                         + (f" ({html_escape(effect)})." if effect else "."))
        for act in getattr(r, "instructor", ()) or ():
            line = white_cell_line(s.scenario, act, self.white_view)
            if line:
                lines.append(line)
        base = getattr(r, "baseline_delivered", None)
        if base is not None:
            lines.append(f"<b>Against doing nothing:</b> {base:.1f} t would have been delivered "
                         f"without any Blue action; {baseline_phrase(r.delivered, base)}.")
        red = getattr(r, "delivered_reduction", None)
        if red is not None:
            lines.append(f"<b>So far this game:</b> deliveries are {red * 100:.0f}% below "
                         "the no-action baseline.")
        ratio = getattr(r, "hindsight_ratio", None)
        if ratio is not None:
            lines.append(hindsight_line(ratio, r.hindsight_seizable))
        if s.autosave_error:
            lines.append(f"<font color='{P.WARN_HTML}'>Autosave failed: "
                         f"{html_escape(s.autosave_error)}</font>")
        elif s.last_autosave:  # where the file went is for the instructor, not the table
            saved = f"Autosaved to {s.last_autosave}" if self.white_view else "Saved."
            lines.append(f"<font color='{P.TEXT_DIM_HTML}'>{html_escape(saved)}</font>")
        return lines

    def _nation_rows(self, s, r) -> list[tuple[str, float, float, float, bool]]:
        """(name, seized t, violence, corruption, human seat) per nation: human seats first,
        then by tons seized."""
        by_nation = dict(getattr(r, "by_nation", {}) or {})
        humans = set(s.human_seats())
        rows = sorted(by_nation.items(), key=lambda kv: (kv[0] not in humans,
                                                         -float(kv[1].get("seized", 0.0))))
        return [(s.side_name(nid), float(v.get("seized", 0.0)), float(v.get("violence", 0.0)),
                 float(v.get("corruption", 0.0)), nid in humans) for nid, v in rows]

    def seizures_by_corridor(self) -> list[tuple[str, float]]:
        """Tons seized this turn per corridor (routes without one grouped by mode): public
        information, like the news, so every seat may see it on this shared screen."""
        sc = self.app.session.scenario
        # "other" only beside named corridors: a scenario without any groups by mode alone
        other = "Other " if any(r.corridor for r in sc.routes.values()) else ""
        out: dict[str, float] = {}
        for rid, v in (self.report.by_route or {}).items():
            route = sc.routes.get(rid)
            if route is None:
                continue
            name = route.corridor.replace("_", " ").title() if route.corridor else \
                f"{other}{route.mode} routes".capitalize()
            out[name] = out.get(name, 0.0) + float(v.get("seized", 0.0))
        return sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))

    def _build_seizures(self, rect: pygame.Rect) -> None:
        s = self.app.session
        self.seized_at = {rid: float(v.get("seized", 0.0))
                          for rid, v in (self.report.by_route or {}).items()
                          if float(v.get("seized", 0.0)) > 0.05 and rid in s.scenario.routes}
        self.corridors = self.seizures_by_corridor()
        row_h = self.app.fonts.get(14).get_linesize() + 6
        self.label((rect.x, rect.y, rect.w, 26), "Where the seizures happened",
                   object_id="@subheading")
        body = pygame.Rect(rect.x, rect.y + 30, rect.w, max(0, rect.bottom - rect.y - 30))
        f = self.app.fonts.get(14)
        bar_w = max((f.size(name)[0] for name, _ in self.corridors), default=0) \
            + f.size("00.0 t")[0] + 110  # name, a bar of 80 px or more, tons
        self.map_rect, self.bars_rect = seizure_layout(
            body, map_aspect(s.scenario), min(len(self.corridors), 6), row_h, bar_w)
        self.seizure_map = None
        if self.map_rect is not None:
            mv = MapView(s.scenario, self.app.fonts, self.map_rect,
                         P.nation_colours(s.scenario), tiles=self.app.tiles)
            mv.show_furniture = False
            mv.muted = True
            mv.set_data(s.map_data("observer"))
            mv.info = lambda k, i: s.tooltip("observer", k, i)
            mv.keep_clear = lambda: [rect for _t, rect in self._seizure_overlay()[1]]
            self.seizure_map = mv
        # a row: name | bar of 50 px or more | tons; when the longest name leaves no such
        # bar (the bars beside the map in a narrow window), the name and the tons share a
        # line and the bar runs under them: two lines a row, no name cut
        tons_w = f.size("00.0 t")[0]
        name_w = max((f.size(n)[0] for n, _ in self.corridors), default=0)
        self.bars_stacked = name_w + 12 + 50 + 10 + tons_w > self.bars_rect.w
        self.bar_row_h = f.get_linesize() + 12 if self.bars_stacked else row_h
        self.corridors_shown = self.corridors[:max(0, self.bars_rect.h // self.bar_row_h)]
        room = self.bars_rect.w - tons_w - 10 if self.bars_stacked else \
            self.bars_rect.w - tons_w - 80
        self.corridor_name_w = min(name_w, room)
        self.corridor_labels = [ellipsize(f, n, self.corridor_name_w)
                                for n, _ in self.corridors_shown]

    def white(self) -> None:
        from game.ui.scenes.instructor import open_white_cell

        open_white_cell(self.app)

    def update(self, dt: float) -> None:
        self.tick += dt * 60
        bar = self.table_bar
        if bar is not None and bar.alive() and bar.check_has_moved_recently():
            n = len(self.nation_rows)  # the bar dragged, its arrows or track clicked
            self.table_top = max(0, min(round(bar.start_percentage * n), self.table_more))
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
            surface.blit(f_small.render(name, True, P.TEXT_DIM), (rect.x + 14, rect.y + 8))
            big = f_big.render(f"{val:.1f} t", True, P.TEXT)
            surface.blit(big, (rect.x + 14, rect.y + 8 + f_small.get_linesize()))
            d = _delta(val, before) if before is not None else "first turn"
            col = P.TEXT_DIM
            if before is not None and up_good is not None and abs(val - before) >= 0.05:
                col = P.GOOD if (val > before) == up_good else P.BAD
            surface.blit(f_small.render(d, True, col),
                         (rect.x + 14, rect.bottom - 8 - f_small.get_linesize()))
        self._draw_table(surface)
        self._draw_seizures(surface)
        w, h = self.app.size
        draw_ticker(surface, self.app, pygame.Rect(0, h - TICKER, w, TICKER),
                    self.app.session.news, self.tick)

    @property
    def nation_rows_shown(self) -> list[tuple[str, float, float, float, bool]]:
        return self.nation_rows[self.table_top:self.table_top + self.table_rows]

    @property
    def table_more(self) -> int:
        """How many nations the table cannot show at once (scroll to see them)."""
        return len(self.nation_rows) - self.table_rows

    def scroll_table(self, rows: int) -> None:
        """Scroll the table by `rows` (positive: down), within its first and last rows."""
        self.table_top = max(0, min(self.table_top + rows, self.table_more))
        if self.table_bar is not None and self.table_bar.alive():
            self.table_bar.set_scroll_from_start_percentage(
                self.table_top / len(self.nation_rows))

    def _draw_table(self, surface) -> None:
        r = self.table_rect
        if not self.nation_rows_shown:
            return
        f = self.app.fonts.get(14)
        fb = self.app.fonts.get(14, bold=True)
        rh = self.row_h
        pygame.draw.rect(surface, (18, 26, 37), r, border_radius=4)
        pygame.draw.rect(surface, P.PANEL_EDGE, r, 1, border_radius=4)
        # columns: nation (left) | seized t | violence | corruption (right-aligned numbers),
        # clear of the scroll bar when there is one
        right = r.right - 12 - (TABLE_BAR_W if self.table_more > 0 else 0)
        inner = right - r.x - 10
        cols = [right - int(inner * k) for k in (0.44, 0.23, 0.0)]
        y = r.y + 2
        surface.blit(fb.render(self.table_title(cols[0] - f.size("Seized")[0] - 12 - r.x - 10),
                               True, P.TEXT), (r.x + 10, y))
        for x, head in zip(cols, ("Seized", "Violence", "Corruption")):
            t = f.render(head, True, P.TEXT_DIM)
            surface.blit(t, (x - t.get_width(), y))
        y += rh
        pygame.draw.line(surface, P.PANEL_EDGE, (r.x + 8, y - 2), (right + 4, y - 2))
        name_w = cols[0] - r.x - 10 - f.size("000.0 t")[0] - 12
        for i, (name, seized, vio, cor, human) in enumerate(self.nation_rows_shown):
            if (self.table_top + i) % 2:  # the stripes move with the rows
                pygame.draw.rect(surface, (24, 34, 48), (r.x + 1, y - 1, right + 9 - r.x, rh))
            font = fb if human else f
            surface.blit(font.render(ellipsize(font, name, name_w), True, P.TEXT), (r.x + 10, y))
            for x, text in zip(cols, (f"{seized:.1f} t", f"{vio:.2f}", f"{cor:.2f}")):
                col = P.TEXT if text != "0.0 t" else P.TEXT_DIM
                t = font.render(text, True, col)
                surface.blit(t, (x - t.get_width(), y))
            y += rh

    def table_title(self, width: int) -> str:
        """The table's heading within `width` px: which nations show when not all fit
        ("By nation, 1-7 of 13"), else "By nation, this turn"."""
        n = len(self.nation_rows)
        if self.table_more <= 0:
            return "By nation, this turn"
        shown = f"{self.table_top + 1}-{self.table_top + self.table_rows} of {n}"
        fb = self.app.fonts.get(14, bold=True)
        return next((t for t in (f"By nation, {shown}", f"Nations {shown}", shown)
                     if fb.size(t)[0] <= width), shown)

    def _seizure_overlay(self) -> tuple[list[tuple[int, int, int]],
                                        list[tuple[str, pygame.Rect]]]:
        """What the small map shows on top: a marker per route with seizures, (x, y, radius)
        biggest first, sized by the square root of the tons, and the tons of the three
        biggest as (text, rect) placed clear of every marker. Each marker also appears as
        ("", its rect), so the map's place names keep clear of all of them. Placed once per
        view of the map (every frame draws it, and the map's labels ask for it)."""
        mv = self.seizure_map
        cached = getattr(self, "_overlay", None)
        if cached is not None and cached[0] is mv and cached[1] == mv.view_key():
            return cached[2]
        top = max(self.seized_at.values(), default=0.0)
        ranked = sorted(self.seized_at.items(), key=lambda kv: -kv[1])
        marks = []
        for rid, tons in ranked:
            x, y = mv.point_along(rid, 0.5)
            marks.append((round(x), round(y),
                          3 + round(7 * math.sqrt(tons / top)) if top > 0 else 3))
        rings = [pygame.Rect(x - r - 2, y - r - 2, 2 * r + 5, 2 * r + 5) for x, y, r in marks]
        # a label with no free spot is left out: the bars beside the map give the numbers
        fb = self.app.fonts.get(12, bold=True)
        texts = [f"{tons:.1f} t" for _, tons in ranked[:3]]
        spots = place_labels(
            [(x, y) for x, y, _ in marks[:3]],
            [(fb.size(t)[0] + 4, fb.size(t)[1]) for t in texts], mv.rect, rings,
            gap=3 + max((r for _, _, r in marks[:3]), default=3))
        labels = [(t, spot) for t, spot in zip(texts, spots, strict=True) if spot is not None]
        overlay = marks, labels + [("", ring) for ring in rings]
        self._overlay = (mv, mv.view_key(), overlay)
        return overlay

    def _draw_seizures(self, surface) -> None:
        f = self.app.fonts.get(14)
        fb = self.app.fonts.get(12, bold=True)
        if self.seizure_map is not None:
            mv = self.seizure_map
            mv.draw(surface, 0.0)
            clip = surface.get_clip()
            surface.set_clip(mv.rect)
            marks, tons_labels = self._seizure_overlay()
            for x, y, rad in reversed(marks):
                pygame.draw.circle(surface, P.SEA_DEEP, (x, y), rad + 2)
                pygame.draw.circle(surface, P.RED, (x, y), rad)
                pygame.draw.circle(surface, (255, 255, 255), (x, y), rad, 1)
            for text, spot in tons_labels:
                if text:
                    t = fb.render(text, True, P.TEXT)
                    pygame.draw.rect(surface, P.SEA_DEEP, spot, border_radius=3)
                    surface.blit(t, (spot.x + 2, spot.y))
            if not self.seized_at:
                t = f.render("No seizures this turn", True, P.TEXT_DIM)
                surface.blit(t, t.get_rect(center=mv.rect.center))
            surface.set_clip(clip)
            pygame.draw.rect(surface, P.PANEL_EDGE, mv.rect, 1)
        r = self.bars_rect
        rh = self.bar_row_h
        top = max((v for _, v in self.corridors_shown), default=0.0)
        name_w = self.corridor_name_w
        y = r.y
        for (_name, tons), label in zip(self.corridors_shown, self.corridor_labels, strict=True):
            surface.blit(f.render(label, True, P.TEXT), (r.x, y))
            num = f.render(f"{tons:.1f} t", True, P.TEXT if tons > 0 else P.TEXT_DIM)
            if self.bars_stacked:  # the bar under the name and the tons
                bar = pygame.Rect(r.x, y + f.get_linesize() + 1, r.w, 6)
            else:
                bx = r.x + name_w + 12
                bar = pygame.Rect(bx, y + 4, r.right - bx - num.get_width() - 10, rh - 12)
            pygame.draw.rect(surface, (27, 38, 54), bar, border_radius=2)
            if top > 0 and tons > 0:
                pygame.draw.rect(surface, P.RED, (bar.x, bar.y, max(2, round(bar.w * tons / top)),
                                                  bar.h), border_radius=2)
            surface.blit(num, (r.right - num.get_width(), y))
            y += rh

    def on_event(self, event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_RETURN:
            self.next()
            return
        if (event.type == pygame.MOUSEWHEEL and self.table_more > 0
                and self.table_rect.collidepoint(pygame.mouse.get_pos())):
            self.scroll_table(-event.y)
            return
        bar = self.table_bar
        if (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and bar is not None
                and bar.alive() and bar.rect.collidepoint(event.pos)):
            # the bar's track above or below its thumb: a page of rows up or down
            thumb = bar.sliding_button.rect
            if not (bar.top_button and bar.top_button.rect.collidepoint(event.pos)) and \
                    not (bar.bottom_button and bar.bottom_button.rect.collidepoint(event.pos)) \
                    and not thumb.collidepoint(event.pos):
                page = max(1, self.table_rows - 1)
                self.scroll_table(page if event.pos[1] > thumb.centery else -page)
            return
        if self.seizure_map is not None:
            self.seizure_map.handle_event(event)

    def next(self) -> None:
        from game.ui.scenes.turn import start_turn

        start_turn(self.app)
