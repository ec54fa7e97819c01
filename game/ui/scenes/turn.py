"""A human seat's turn: the map on the left, the three decisions on the right.

Tabs: Funding (sliders that always sum to the budget), Intelligence (per partner: none /
partial / full, with trust and the chance a turn of a leak at that level, from public
corruption, in a turn we deploy assets), Operations (pick a route on the map or in the
list; add assets; an illegal choice is disabled with the reason in its tooltip), Access
(which foreign nations may operate in our territory) and Why (the seat's objectives and how
they stand after the last turn, then the rationale for the log). Undo takes back the
seat's last change; End turn submits the orders through the engine's validation.
"""

from __future__ import annotations

from collections.abc import Mapping

import pygame
import pygame_gui

from game.core.model import SHARING
from game.core.network import SHARING_INDEX, SHARING_WEIGHT, compiled
from game.core.orders import spending, upkeep_and_cost
from game.core.resolve import LEAK_RATE, RESERVE_CARRY
from game.persistence.objective_text import describe_objective, scope_name
from game.ui import palette as P
from game.ui.app import Scene, html_escape
from game.ui.mapview import MapView
from game.ui.reasons import readable
from game.ui.session import FUNDING, points_text
from game.ui.textarea import TextArea

RATIONALE_LIMIT = 500

TABS = (("funding", "Funding"), ("intel", "Intel"), ("ops", "Operations"),
        ("access", "Access"), ("why", "Why"))
TAB_TIPS = {"funding": "Split the budget", "intel": "Share intelligence",
            "ops": "Deploy assets on routes", "access": "Grant access to our territory",
            "why": "Rationale for the log", "ship": "Tons per path",
            "money": "Bribes, adaptations, dormant routes"}
TOP = 46
TICKER = 30
LIST_ITEM_PAD = 8  # a selection list item's text padding either side (theme.json)
ROW_FUNDING = 68  # a budget slider's row: its label, the slider, the line under it, a gap
SCROLL_SLACK = 3  # px below the last row of a list that scrolls (see scrolling_rows)
TEXT_INSET = 16  # a label's text keeps this much of its width clear (its margin, App.fit's)
LEAK_WARN = 0.05  # a leak chance a turn from which the Intel tab shows it in the warning colour


def start_turn(app) -> None:
    """Go to the next thing the table must do this turn: a hand-over to the next human seat,
    or (no human seats left) the resolution."""
    s = app.session
    if s.is_over:
        from game.ui.scenes.debrief import DebriefScene

        app.switch(DebriefScene(app))
        return
    seat = s.current_seat()
    if seat is not None:
        from game.ui.scenes.handover import HandoverScene

        if len(s.human_seats()) == 1 and s.seat_pos == 0 and s.turn > 1:
            app.switch(seat_scene(app, seat))  # one seat: no need to pass the laptop
        else:
            app.switch(HandoverScene(app, seat))
        return
    from game.ui.scenes.resolution import resolve_and_show

    resolve_and_show(app)


def seat_scene(app, side: str) -> Scene:
    """The decision screen for a seat: Blue nations and Red traffickers differ."""
    if side in app.session.scenario.traffickers:
        from game.ui.scenes.red import RedTurnScene

        return RedTurnScene(app, side)
    return TurnScene(app, side)


def panel_width(w: int) -> int:
    return max(380, min(480, int(w * 0.3)))


class TurnScene(Scene):
    name = "turn"
    map_keys = True
    tabs = TABS

    def __init__(self, app, side: str) -> None:
        super().__init__(app)
        self.side = side
        self.s = app.session
        self.tab = "funding"
        self.route: str | None = None
        self.map: MapView | None = None
        self.sliders: dict[object, str] = {}
        self.slider_labels: dict[str, object] = {}
        self.slider_notes: dict[str, object] = {}  # key: the dim line under its slider
        self.share_buttons: dict[str, dict[str, object]] = {}
        self.access_boxes: dict[object, str] = {}
        self.share_list = None  # the Intel tab's scrolling list of partners
        self.leak_labels: dict[str, tuple] = {}  # partner: (its leak line's rect, the list)
        self.leak_texts: dict[str, object] = {}  # partner: its leak-risk label
        self.access_list = None  # the Access tab's, of the partners we may let in
        self.asset_list = None  # the Operations tab's, of our asset types on the route
        self.funding_list = None  # the Funding tab's, of the budget's sliders
        self.route_items: list[tuple[str, str]] = []
        self.true_view = False
        self.ticker_x = 0.0
        self.last_drag_key: str | None = None

    # ----- layout -------------------------------------------------------------------------------
    def build(self) -> None:
        w, h = self.app.size
        pw = panel_width(w)
        self.panel = pygame.Rect(w - pw, TOP, pw, h - TOP - TICKER)
        map_rect = pygame.Rect(0, TOP, w - pw, h - TOP - TICKER)
        sc = self.s.scenario
        if self.map is None:
            self.map = MapView(sc, self.app.fonts, map_rect, P.nation_colours(sc), tiles=self.app.tiles)
            self.map.info = self.tooltip
            self.map.on_select = self.on_map_select
        else:
            self.map.set_rect(map_rect)
        self.refresh_map()
        # top bar
        name = self.s.side_name(self.side)
        self.title = self.label((14, 6, w - pw - 200, 34),
                                f"{name}  ·  {self.s.turn_title()}", object_id="@subheading")
        x = w - 12
        for text, action, tip in reversed(self._top_buttons()):
            bw = 12 + 9 * len(text)
            x -= bw
            self.button((x, 7, bw, 32), text, action, tip)
            x -= 8
        # tabs
        weights = [len(t) + 4 for _, t in self.tabs]
        unit = (pw - 16) / sum(weights)
        self.tab_buttons = {}
        tx = self.panel.x + 8
        for (key, text), wt in zip(self.tabs, weights):
            tw = int(wt * unit)
            b = self.button((tx, TOP + 8, tw - 4, 32), text, lambda k=key: self.set_tab(k),
                            TAB_TIPS.get(key))
            tx += tw
            if key == self.tab:
                b.select()
            self.tab_buttons[key] = b
        # footer: the status line (two lines: the ready summary with the money left unspent,
        # or why the orders are not ready), undo, end turn
        status_h = self.app.text_box_height("1<br>2", pw - 24)
        by = self.panel.bottom - 48
        fy = by - 4 - status_h
        self.content = pygame.Rect(self.panel.x + 12, TOP + 50, pw - 24, fy - 6 - TOP - 50)
        getattr(self, f"build_{self.tab}")()
        self.status = self.textbox((self.panel.x + 12, fy, pw - 24, status_h), "")
        self.undo_btn = self.button((self.panel.x + 12, by, 110, 40),
                                    "Undo", self.undo, "Take back your last change (Ctrl+Z)")
        self.end_btn = self.button((self.panel.x + 130, by, pw - 142, 40),
                                   "End turn  >", self.end_turn,
                                   "Submit these orders and pass on", object_id="@primary")
        self.refresh_status()
        cards = self.s.cards_to_show(self.side)
        asks = self.s.requests_to_show(self.side)
        if cards or asks:
            title, lines = cards_dialog(self.s, self.side, cards) if cards else \
                (f"For the {self.s.delegation_name(self.side)}", [])
            lines += [f"{self.s.side_name(g)} asks for access to your routes: answer on the "
                      "Access tab" for g in asks]
            self.app.message(title, lines)

    def _top_buttons(self):
        out = [("Observer view", self.observer, "The public view for the projector")]
        if self.app.instructor:
            out.insert(0, ("White cell", self.open_instructor,
                           "Instructor controls (Ctrl+W)"))
            out.insert(1, ("True flows" if not self.true_view else "Seat's view",
                           self.toggle_true, "Show what really moves (instructor only)"))
        return out

    def set_tab(self, key: str) -> None:
        self.tab = key
        self.app.rebuild()

    # ----- funding ------------------------------------------------------------------------------
    def build_funding(self) -> None:
        """The budget's sliders in a list that scrolls under the budget line, then (fixed
        below it, for their menus to open) the capacity-building partner and what to buy:
        every control can be set at any window size."""
        c = self.content
        d = self.s.draft(self.side)
        budget = self.s.budget(self.side)
        y = c.y
        self.label((c.x, y, c.w, 24),
                   f"Budget this {self.s.scenario.turn_label.lower()}: {budget:.1f} points",
                   object_id="@subheading")
        y += 28
        self.sliders = {}
        self.slider_labels = {}
        self.slider_notes = {}
        partners = self.s.allied_partners(self.side)
        in_alliance = any(self.side in al.members for al in self.s.scenario.alliances.values())
        keys = [(key, what) for key, _text, what in FUNDING
                if not (key == "capacity_building" and not partners)
                and not (key == "alliance_fund" and not in_alliance)]
        types = self.s.scenario.asset_types
        names = [t.name for t in types.values()]
        opts = [n if names.count(n) == 1 else f"{n} ({a})" for n, a in zip(names, types)]
        below = (38 if partners else 0) + (72 if opts else 0)
        need = ROW_FUNDING * len(keys) - 4
        view = pygame.Rect(c.x, y, c.w, max(ROW_FUNDING, min(need, c.bottom - below - y - 8)))
        self.funding_list = scrolling_rows(self.ui, view, lambda _w: need, self.funding_list)
        rows = self.funding_list.get_container()
        w = rows.rect.w  # less the scroll bar's width when the rows overflow
        pad = 0 if w == view.w else 6  # the sliders keep clear of the scroll bar
        ry = 0
        for key, what in keys:
            lab = self.label((0, ry, w, 22), "", object_id=None, container=rows)
            self.slider_labels[key] = lab
            sl = pygame_gui.elements.UIHorizontalSlider(
                pygame.Rect(0, ry + 22, w - pad, 24), float(d.funding.get(key, 0.0)),
                (0.0, max(0.01, budget)), self.ui, container=rows, click_increment=1)
            sl.set_tooltip = None
            self.sliders[sl] = key
            self.slider_notes[key] = self.label((0, ry + 46, w, 18), what, object_id="@dim",
                                                container=rows)
            ry += ROW_FUNDING
        self.update_funding_labels()
        y = view.bottom + 8
        if partners:
            names = [self.s.side_name(p) for p in partners]
            cur = self.s.side_name(d.capacity_partner) if d.capacity_partner else names[0]
            self.label((c.x, y, 190, 30), "Capacity building for:")
            self.cb_menu = pygame_gui.elements.UIDropDownMenu(
                names, cur, pygame.Rect(c.x + 190, y, c.w - 190, 30), self.ui)
            self.cb_partners = dict(zip(names, partners))
            y += 38
        # procurement: what to buy (arrives after the type's lead time)
        self.buy_menu = None
        if opts:
            self.buy_ids = dict(zip(opts, types))
            cur = getattr(self, "buy_choice", None)
            cur = cur if cur in self.buy_ids else opts[0]
            self.buy_choice = cur
            self.label((c.x, y, 60, 30), "Buy:")
            self.buy_menu = pygame_gui.elements.UIDropDownMenu(
                opts, cur, pygame.Rect(c.x + 60, y, c.w - 160, 30), self.ui)
            self.button((c.right - 94, y, 44, 30), "-", lambda: self.buy(-1),
                        "Cancel one of these")
            self.button((c.right - 44, y, 44, 30), "+", lambda: self.buy(1),
                        "Order one (procurement rises to pay for it)")
            self.buy_about = self.label((c.x, y + 32, c.w, 20), self.buy_text(cur),
                                        object_id="@dim")
            bought = ", ".join(f"{n} {types[a].name}" for a, n in d.buy.items() if a in types)
            self.ordered = self.label((c.x, y + 52, c.w, 20), f"Ordered: {bought}" if bought
                                      else "Ordered: nothing", object_id="@dim")

    def buy_text(self, choice: str) -> str:
        """What one asset of the type chosen in the Buy menu costs and when it arrives:
        "Cost 40 points, arrives in 3 months"."""
        t = self.s.scenario.asset_types[self.buy_ids[choice]]
        lead = max(1, int(t.lead_time))  # the engine delivers a type of lead 0 next turn
        return f"Cost {points_text(t.cost)}, arrives in {turns_text(self.s.scenario, lead)}"

    def update_funding_labels(self) -> None:
        """Each slider's amount in points; under operations, the deployed assets' upkeep and
        what the operations money above it comes to: it is not spent, and the engine keeps a
        share of it (RESERVE_CARRY) as next turn's reserve."""
        d = self.s.draft(self.side)
        # what operations and procurement must pay for; money above it is not spent
        upkeep, cost = upkeep_and_cost(compiled(self.s.scenario), d.to_orders())
        needs = {"operations": ("upkeep", upkeep), "procurement": ("purchases", cost)}
        shown = dict(zip(d.funding, tenths(list(d.funding.values()))))
        for key, text, what in FUNDING:
            lab = self.slider_labels.get(key)
            if lab is None:
                continue
            amount = shown.get(key, 0.0)
            if key in needs:
                word, need = needs[key]
                lab.set_text(f"{text}: {amount:.1f} points ({word} {need:.1f})")
                spare = round(amount - need, 1)
                note = self.slider_notes.get(key)
                if note is not None:
                    note.set_text(self.app.fit(
                        f"{spare:.1f} above {word}: unspent, {_reserve_share()} kept as reserve"
                        if spare > 0 else f"{-spare:.1f} short of the {word}" if spare < 0
                        else what, note.rect.w - 6, "@dim"))
            else:
                lab.set_text(f"{text}: {amount:.1f} points")
        for sl, key in self.sliders.items():
            v = float(d.funding.get(key, 0.0))
            if abs(sl.get_current_value() - v) > 1e-6:
                sl.set_current_value(v)

    # ----- intelligence ---------------------------------------------------------------------------
    def build_intel(self) -> None:
        """One row per partner (its whole name, wrapped if the column is too narrow, with
        none / partial / full beside it; below, our trust in it and the engine's chance a
        turn that what we share at the chosen level leaks), in a list that scrolls under
        the title, so every partner can be set at any window size."""
        c = self.content
        d = self.s.draft(self.side)
        self.share_buttons = {}
        self.share_names = {}
        self.label((c.x, c.y, c.w, 24), "Share intelligence with", object_id="@subheading")
        # what the leak risks below are: the engine's chance, but from public corruption
        # (this month's bribes raise it unseen) and only in a month we deploy assets
        unit = self.s.scenario.turn_label.lower()
        about = (f"Leaks happen only in a {unit} you deploy assets. Risks are from public "
                 "corruption (bribes raise it unseen).")
        dim = self.app.theme_font("@dim")
        dim_h = self.app.text_height("@dim")
        top = c.y + 28
        for text in wrap_words(dim, about, c.w - TEXT_INSET, max_lines=3):
            self.label((c.x, top, c.w, dim_h), text, object_id="@dim")
            top += dim_h
        partners = self.s.partners(self.side)
        allied = set(self.s.allied_partners(self.side))
        names = {p: self.s.side_name(p) + ("" if p in allied else " (no ally)")
                 for p in partners}
        font = self.app.theme_font()
        bw = font.size("partial")[0] + 14  # the widest level, with room either side
        line = self.app.text_height(None) - 2  # a name line; the trust line below it
        widest = max(dim.size(f"trust 0.00 · {self.leak_words(x, 0.0, deployed)}")[0]
                     for x in (LEAK_RATE, 0.01) for deployed in (True, False)) + 16

        def wrapped(width: int) -> dict[str, list[str]]:  # a label keeps 16 px of its width
            return {p: wrap_words(font, names[p], width - 3 * bw - 2 - 16) for p in partners}

        def info_lines(width: int) -> int:  # trust and leak risk: one line, or two if narrow
            return 1 if widest <= width else 2

        def top_h(lines: list[str]) -> int:  # the name beside the buttons
            return max(len(lines) * line, 32)

        def row_h(lines: list[str], width: int) -> int:  # then trust and leak risk below
            return top_h(lines) + info_lines(width) * dim_h + 6

        view = pygame.Rect(c.x, top + 4, c.w, c.bottom - top - 4)
        self.share_list = scrolling_rows(
            self.ui, view, lambda w: sum(row_h(x, w) for x in wrapped(w).values()) - 6,
            self.share_list)
        rows = self.share_list.get_container()
        w = rows.rect.w  # less the scroll bar's width when the rows overflow
        lines_of = wrapped(w)
        y = 0
        self.leak_labels = {}
        self.leak_texts = {}
        for p in partners:
            trust = self.s.trust(self.side, p)
            corruption = self.s.corruption(p)
            lines = lines_of[p]
            name_w = w - 3 * bw - 2  # the label's own margin keeps the text off the buttons
            self.share_names[p] = [self.label((0, y + k * line, name_w, line + 2), text,
                                              container=rows)
                                   for k, text in enumerate(lines)]
            # trust in the partner, then (a line of its own, the only one that takes the
            # warning colour) the leak risk at the level chosen
            ly = y + top_h(lines)  # under the name and the buttons, the whole width
            if info_lines(w) == 1:  # the leak risk follows the trust on its line
                trust_text = f"trust {trust:.2f} · "
                tx = dim.size(trust_text)[0]
                self.label((0, ly, tx + 24, dim_h), trust_text, object_id="@dim",
                           container=rows)
                self.leak_labels[p] = ((tx + 2, ly, w - tx - 2, dim_h), rows)
            else:
                self.label((0, ly, w, dim_h), f"trust {trust:.2f}", object_id="@dim",
                           container=rows)
                self.leak_labels[p] = ((0, ly + dim_h, w, dim_h), rows)
            self._leak_label(p, d.sharing.get(p, "none"))
            by = y + (top_h(lines) - 30) // 2  # the buttons sit level with the name
            self.share_buttons[p] = {}
            for i, level in enumerate(SHARING):
                chance = leak_chance(level, corruption)
                risk = (self.leak_words(chance, corruption) +
                        (f" in a {unit} you have assets deployed (bribes raise corruption "
                         "unseen)" if chance > 0 else ""))
                b = self.button((w - 3 * bw + i * bw, by, bw - 2, 30), level,
                                lambda p=p, lv=level: self.share(p, lv),
                                f"Share {level} intelligence with {self.s.side_name(p)} "
                                f"(trust {trust:.2f}; public corruption {corruption:.2f}): "
                                f"{risk}. " + _share_hint(level),
                                container=rows)
                if d.sharing.get(p) == level:
                    b.select()
                self.share_buttons[p][level] = b
            y += row_h(lines, w)

    def share(self, partner: str, level: str) -> None:
        self.s.set_sharing(self.side, partner, level)
        for lv, b in self.share_buttons.get(partner, {}).items():
            if lv == level:
                b.select()
            else:
                b.unselect()
        self._leak_label(partner, level)
        self.refresh_status()

    def leak_words(self, chance: float, corruption: float, deployed: bool = True) -> str:
        """A leak chance (from a partner's public `corruption`) as a student reads it: "no
        leak"; "no leak this month: nothing deployed" (the engine draws a leak only in a turn
        the sharer has assets deployed); "leak risk at least 4.5% a month" (this turn's
        bribes raise the corruption the engine uses above the public one, unseen), or
        "leak risk 9.0% a month" from a partner whose corruption is already the highest."""
        unit = self.s.scenario.turn_label.lower()
        if chance <= 0:
            return "no leak"
        if not deployed:
            return f"no leak this {unit}: nothing deployed"
        floor = "at least " if corruption < 1.0 else ""
        return f"leak risk {floor}{chance * 100:.1f}% a {unit}"

    def deploys(self) -> bool:
        """Whether the draft deploys any asset (a leak is drawn only then)."""
        return any(c > 0 for r in self.s.draft(self.side).deploy.values() for c in r.values())

    def _leak_label(self, partner: str, level: str) -> None:
        """The Intel row's leak risk at `level` (made again: its colour follows the risk)."""
        rect, rows = self.leak_labels.get(partner, (None, None))
        if rect is None:
            return
        old = self.leak_texts.get(partner)
        if old is not None:
            old.kill()
        corruption = self.s.corruption(partner)
        chance = leak_chance(level, corruption)
        deployed = self.deploys()
        self.leak_texts[partner] = self.label(
            rect, self.leak_words(chance, corruption, deployed),
            object_id="@bad" if deployed and chance >= LEAK_WARN else "@dim", container=rows)

    # ----- operations ------------------------------------------------------------------------------
    def build_ops(self) -> None:
        c = self.content
        sc = self.s.scenario
        y = c.y
        list_h = max(120, int(c.h * 0.38))
        # an entry fits the list's rows: long place names are shortened, never the "[n]"
        # (assets deployed on the route) or the mode; the heading below gives the whole name
        names = []
        for rid, r in sc.routes.items():
            a = sc.locations[r.origin].name if r.origin in sc.locations else r.origin
            b = sc.locations[r.dest].name if r.dest in sc.locations else r.dest
            dep = sum(self.s.draft(self.side).deploy.get(rid, {}).values())
            names.append((rid, f"[{dep}] " if dep else "", a, b, r.mode))
        rect = pygame.Rect(c.x, y + 24, c.w, list_h)
        probe = pygame_gui.elements.UISelectionList(rect, [n[2] for n in names], self.ui)
        row_w = probe.item_list_container.rect.w  # less its border, shadow and scroll bar
        probe.kill()
        font = self.app.theme_font()
        self.route_items = [(route_entry(font, mark, a, b, mode, row_w - 2 * LIST_ITEM_PAD), rid)
                            for rid, mark, a, b, mode in names]
        self.label((c.x, y, c.w, 22), "Routes (or click one on the map)", object_id="@dim")
        items = [(t, f"#route_{k}") for k, (t, _r) in enumerate(self.route_items)]
        sel = next((it for it, (_t, r) in zip(items, self.route_items) if r == self.route),
                   None)
        old = getattr(self, "route_list", None)
        was = old.scroll_bar.start_percentage if old is not None and old.scroll_bar else 0.0
        self.route_list = lst = pygame_gui.elements.UISelectionList(rect, items, self.ui,
                                                                    default_selection=sel)
        if lst.scroll_bar is not None:  # where it was, or with the selected route mid-list
            total, seen = lst.total_height_of_list, lst.item_list_container.rect.h
            top = was * total
            if sel is not None:
                k = items.index(sel) * lst.list_item_height
                if not top <= k <= top + seen - lst.list_item_height:
                    top = k + lst.list_item_height / 2 - seen / 2
            lst.scroll_bar.set_scroll_from_start_percentage(min(max(0, top), total - seen)
                                                            / total)
        y += 24 + list_h + 8
        self.asset_buttons = {}
        if self.route is None:
            self.label((c.x, y, c.w, 40), "Select a route to deploy assets on it.",
                       object_id="@dim")
            return
        r = sc.routes[self.route]
        info = self.s.route_summary(self.side, self.route)
        head = self.app.theme_font("@subheading")
        line = self.app.text_height("@subheading")
        self.route_heading = []
        for text in wrap_words(head, info[0], c.w - 16):  # the whole name, on two lines
            self.route_heading.append(self.label((c.x, y, c.w, line), text,
                                                 object_id="@subheading"))
            y += line
        self.label((c.x, y, c.w, 20), info[1] if len(info) > 1 else "", object_id="@dim")
        y += 26
        d = self.s.draft(self.side)
        owned = self.s.owned_assets(self.side)
        assets = [a for a, n in owned.items() if n > 0 and a in sc.asset_types]
        if not assets:
            self.label((c.x, y, c.w, 22), "You have no assets to deploy.", object_id="@dim")
            y += 26
        host = r.jurisdiction
        standing = self.host_stance(host) if host in sc.nations and host != self.side else ""
        # a consenting joint-operations partner that has not let us in: ask it (a note under
        # the button says when a grant would count); one that has: say so
        # ...unless none of our assets works on this route's mode: access would not help
        fits = any(r.mode in sc.asset_types[a].modes for a in assets)
        ask = standing == "consent: has not granted us access" and fits
        note = (self.request_note(host) if ask else
                f"{self.s.side_name(host)} grants us access to its routes."
                if standing == "consent: grants us access" else
                f"None of our assets works on {r.mode} routes, so access would not help here."
                if standing == "consent: has not granted us access" and assets else "")
        dim = self.app.theme_font("@dim")
        dim_h = self.app.text_height("@dim")

        note_w = c.w - 20  # (room for the list's scroll bar)
        notes = wrap_words(dim, note, note_w - TEXT_INSET, max_lines=3) if note else []
        # the access request and its note come first: they explain the blocked "+" below.
        # The rows scroll (every asset type, with the request and its note above them when
        # there is one); the column headings stay put above the rows, or head the asset rows
        # under a request
        top_h = (36 if ask else 0) + (len(notes) * dim_h + 8 if notes else 0)
        here_w = max(110, dim.size("On this route")[0] + 20)  # the headings set the widths
        free_w = max(40, dim.size("Free")[0] + 16)
        fixed_heads = assets and not top_h
        heads = y
        if fixed_heads:
            y += 22
        room = max(34, c.bottom - y)
        if fixed_heads and 34 * len(assets) - 4 > room:  # it scrolls: whole rows, none cut
            room = max(30, (room + 4) // 34 * 34 - 4)
        view = pygame.Rect(c.x, y, c.w, room)
        # a rebuild for the same route (a deploy, undo, resize) keeps the list's place;
        # another route's list starts at its top
        same = getattr(self, "asset_list_route", None) == self.route
        heads_h = 22 if assets and not fixed_heads else 0
        self.asset_list = scrolling_rows(
            self.ui, view, lambda w: top_h + heads_h + max(34 * len(assets) - 4, 0),
            self.asset_list if same else None)
        self.asset_list_route = self.route
        rows = self.asset_list.get_container()
        w = rows.rect.w  # less the scroll bar's width when the rows overflow
        free_x = w - here_w - free_w
        self.access_button = None
        self.access_note = []
        y = 0
        if ask:
            asked = (self.side, host) in self.s.access_requests
            self.access_button = self.button(
                (0, y, w, 32),
                f"Access requested from {self.s.side_name(host)}" if asked else
                f"Request access from {self.s.side_name(host)}",
                lambda h=host: self.request(h),
                f"{self.s.side_name(host)} sees the request on its Access tab. " + note,
                enabled=not asked, container=rows)
            y += 36
        for text in notes:
            self.access_note.append(self.label((0, y, w, dim_h), text, object_id="@dim",
                                               container=rows))
            y += dim_h
        y = top_h
        if assets:
            x0, y0, box = (c.x, heads, None) if fixed_heads else (0, y, rows)
            self.label((x0, y0, free_x, 20), "Asset", object_id="@dim", container=box)
            self.label((x0 + free_x, y0, free_w, 20), "Free", object_id="@dim", container=box)
            self.label((x0 + w - here_w, y0, here_w, 20), "On this route", object_id="@dim",
                       container=box)
            y += heads_h
        for a in assets:
            at = sc.asset_types[a]
            here = d.deploy.get(self.route, {}).get(a, 0)
            free = self.s.free_assets(self.side, a)
            self.label((0, y, free_x, 30), at.name, container=rows)  # shortened only if it must be
            self.label((free_x, y, free_w, 30), f"{free}", container=rows)
            reasons = self.s.deploy_reasons(self.side, self.route, a)
            minus = self.button((w - here_w, y, 36, 30), "-",
                                lambda a=a: self.deploy(a, -1),
                                f"Withdraw one {at.name} from this route", enabled=here > 0,
                                container=rows)
            self.label((w - here_w + 40, y, here_w - 80, 30), f"{here}", container=rows)
            tip = (sentence("; ".join(readable(sc, r) for r in reasons)) if reasons else
                   f"Deploy one {at.name}: detection {at.detection:.2f}, "
                   f"seizes up to {at.interdiction:g} t, upkeep {points_text(at.upkeep)} a "
                   f"{sc.turn_label.lower()}")
            # a blocked "+" looks disabled but stays live: a disabled button shows no tooltip
            # (pygame_gui), and a click says why in a dialog (`deploy`)
            plus = self.button((w - 36, y, 36, 30), "+", lambda a=a: self.deploy(a, 1),
                               tip, object_id="@blocked" if reasons else None, container=rows)
            self.asset_buttons[a] = (minus, plus)
            y += 34

    def deploy(self, asset: str, delta: int) -> None:
        if self.route is None:
            return
        reasons = self.s.deploy(self.side, self.route, asset, delta)
        if reasons:
            self.app.show_error("Cannot deploy there",
                                [sentence(readable(self.s.scenario, r, fix=True))
                                 for r in reasons])
            return
        self.refresh_map()
        self.app.rebuild()

    def buy(self, delta: int) -> None:
        asset = getattr(self, "buy_ids", {}).get(getattr(self, "buy_choice", None))
        if asset is None:
            return
        reasons = self.s.buy(self.side, asset, delta)
        if reasons:
            self.app.show_error("Cannot order that", reasons)
            return
        self.app.rebuild()

    def access_now(self):
        """(nation index, access[host, guest]): the grants standing from last turn and those
        the seats that played before this one gave this turn, as the engine's check sees them
        (a grant of a seat still to play, or of the computer's, counts for us next turn)."""
        from game.core.orders import BlueOrders, TurnOrders, access_matrix

        net = compiled(self.s.scenario)
        blue = {k: o for k, o in self.s.submitted.items() if isinstance(o, BlueOrders)}
        return net.nidx, access_matrix(self.s.game.state, net,
                                       TurnOrders(turn=self.s.turn, blue=blue))

    def host_stance(self, host: str) -> str:
        """Whether our forces may operate on `host`'s routes now, in words: "closed to
        foreign forces", "open: we may operate there", "consent: grants us access",
        "consent: has not granted us access", or "<open|consent>, but no joint operations
        with us" (docs/rules.md, "Deploying assets")."""
        sov = self.s.sovereignty(host)
        if sov == "closed":
            return "closed to foreign forces"
        if host not in self.s.obs(self.side).joint_partners:
            return f"{sov}, but no joint operations with us"
        if sov == "open":
            return "open: we may operate there"
        nidx, acc = self.access_now()
        return ("consent: grants us access" if acc[nidx[host], nidx[self.side]]
                else "consent: has not granted us access")

    def request_note(self, host: str) -> str:
        """When a grant asked of `host` now would let our assets in: the check of our orders
        counts only grants already standing or given by the seats before us, so from next
        turn."""
        sc = self.s.scenario
        name = self.s.side_name(host)
        nxt = (sc.turn_name(self.s.turn + 1) if self.s.turn < sc.turns
               else f"next {sc.turn_label.lower()}")
        unit = sc.turn_label.lower()
        if host in self.s.submitted:
            when = f"{name} has played this {unit}"
        elif host in self.s.human_seats():
            when = f"{name} plays after you this {unit}"
        else:
            when = f"{name} (the computer) decides at the end of the {unit}"
        return f"{when}: if it grants access, our assets may operate on its routes from {nxt}."

    def request(self, host: str) -> None:
        self.s.request_access(self.side, host)
        self.app.rebuild()

    def select_route(self, rid: str | None) -> None:
        self.route = rid
        if self.map is not None:
            self.map.selected = ("route", rid) if rid else None
            self.map.data.highlight_routes = set()
        if self.tab != "ops":
            self.tab = "ops"
        self.app.rebuild()

    def on_map_select(self, sel) -> None:
        if sel and sel[0] == "route":
            self.select_route(sel[1])

    # ----- access ------------------------------------------------------------------------------------
    def build_access(self) -> None:
        """Our own sovereignty and (consent) what a grant does and the grants; then every
        other nation's sovereignty and whether our forces may operate there now, in a list
        that scrolls under the text."""
        c = self.content
        d = self.s.draft(self.side)
        sc = self.s.scenario
        sov = self.s.sovereignty(self.side)
        unit = sc.turn_label.lower()
        # a grant lets in only a partner in an alliance with joint operations with us, and
        # only onto routes in our jurisdiction (game.core.orders, _deployable)
        own_routes = any(r.jurisdiction == self.side for r in sc.routes.values())
        joint = set(self.s.obs(self.side).joint_partners)
        y = c.y
        self.label((c.x, y, c.w, 24), "Access to our territory", object_id="@subheading")
        y += 28
        text = {"open": "Open: partners in an alliance with joint operations may operate on "
                        "our routes without asking.",
                "consent": "Consent: partners in an alliance with joint operations may "
                           "operate on our routes only with our grant. A grant stands until "
                           f"withdrawn; it counts this {unit} for those who play after you, "
                           f"a withdrawal from next {unit}.",
                "closed": "Closed: no foreign forces operate on our routes."}.get(sov, sov)
        if sov == "consent" and not own_routes:
            text = ("Consent, but no route of this scenario lies in our jurisdiction: foreign "
                    "forces have nothing to operate on here, so there is no access to grant.")
        elif sov == "consent" and not joint:
            text += (" No partner shares an alliance with joint operations with us: a grant "
                     "would let no one in.")
        box = self.textbox((c.x, y, c.w, -1), html_escape(text))  # -1: as tall as its text
        y += box.rect.h + 8
        self.access_boxes = {}
        partners = self.s.partners(self.side)
        d_grants = set(d.grant_access)
        # the partners a grant would let in; one granted already that it would not stays
        # listed (marked) so that the grant can be withdrawn
        grants = [p for p in partners if p in joint or p in d_grants] \
            if sov == "consent" and own_routes else []
        if grants:
            asking = self.s.requests_for(self.side)
            if asking:
                # "this turn" still: tests/ui/test_app.py asserts these words
                self.label((c.x, y, c.w, 22), f"Requests this {self.s.scenario.turn_label.lower()}: " + ", ".join(
                    self.s.side_name(g) for g in asking), object_id="@bad")
                y += 28
        # the grants (consent), then each nation's sovereignty: one list that scrolls
        font = self.app.theme_font()
        line = self.app.text_height(None)
        sub_h = self.app.text_height("@subheading") + 4
        legend = ("Open: partners with joint operations may operate there. Consent: only "
                  "with the host's grant. Closed: no foreign forces.")
        dim = self.app.theme_font("@dim")
        dim_h = self.app.text_height("@dim")
        stances = {p: f"{self.s.side_name(p)}: {self.host_stance(p)}" for p in partners}

        def layout(width: int) -> tuple[list[str], dict[str, list[str]], int]:
            leg = wrap_words(dim, legend, width - TEXT_INSET, max_lines=4)
            rows_of = {p: wrap_words(font, stances[p], width - TEXT_INSET, max_lines=3)
                       for p in partners}
            h = 32 * len(grants) + sub_h + len(leg) * dim_h + 4 \
                + sum(len(x) for x in rows_of.values()) * line
            return leg, rows_of, h

        view = pygame.Rect(c.x, y, c.w, c.bottom - y)
        self.access_list = scrolling_rows(self.ui, view, lambda w: layout(w)[2],
                                          self.access_list)
        rows = self.access_list.get_container()
        w = rows.rect.w
        leg, rows_of, _h = layout(w)
        ry = 0
        for p in grants:
            name = self.s.side_name(p)
            text = f"Grant access to {name}" + ("" if p in joint else " (no effect)")
            tip = text if p in joint else (
                f"{name} shares no alliance with joint operations with us: the grant lets "
                "its forces in nowhere. Untick to withdraw it.")
            box = pygame_gui.elements.UICheckBox(
                pygame.Rect(0, ry, 24, 24), self.app.fit(text, w - 32), self.ui,
                container=rows, tool_tip_text=tip, initial_state=p in d.grant_access)
            self.access_boxes[box] = p
            ry += 32
        self.label((0, ry, w, sub_h - 4), "Where our forces may operate",
                   object_id="@subheading", container=rows)
        ry += sub_h
        for text in leg:
            self.label((0, ry, w, dim_h), text, object_id="@dim", container=rows)
            ry += dim_h
        ry += 4
        self.stance_labels = {}
        for p in partners:
            self.stance_labels[p] = []
            for text in rows_of[p]:
                self.stance_labels[p].append(self.label((0, ry, w, line), text,
                                                        container=rows))
                ry += line

    # ----- rationale -------------------------------------------------------------------------------
    def build_why(self) -> None:
        """The seat's own objectives and how they stand after the last turn (a box that
        scrolls when they are many), then the rationale for the log."""
        c = self.content
        d = self.s.draft(self.side)
        req = self.s.plan.rationale_required
        self.label((c.x, c.y, c.w, 24), "Your objectives", object_id="@subheading")
        # the rationale's parts below the objectives: heading, note, box, count and (when
        # there is room for it) the hint; a small window says the hint's key part in the count
        self.why_hint = None
        self.why_note = ""
        if c.h >= 500:
            self.why_hint = self.textbox(
                (c.x, c.y, c.w, -1),  # -1: as tall as its text; placed once the boxes are sized
                f"<font color='{P.TEXT_DIM_HTML}'>Enter starts a new line. The debrief "
                "shows your reasons beside the decisions they explain.</font>")
        else:
            self.why_note = " · Enter starts a new line"
        fixed = 28 + 8 + 52 + 26 + (self.why_hint.rect.h + 6 if self.why_hint else 0)
        box_min = 120 if c.h >= 500 else 80  # the rationale box keeps room for a few lines
        room = c.h - fixed
        self.objectives_box = self.textbox((c.x, c.y + 28, c.w, -1), self.objectives_html())
        obj_h = self.objectives_box.rect.h
        if obj_h > max(60, room - box_min):  # too tall: a box that scrolls
            obj_h = max(60, room - box_min)
            self.objectives_box.kill()
            self.objectives_box = self.textbox((c.x, c.y + 28, c.w, obj_h),
                                               self.objectives_html())
        y = c.y + 28 + obj_h + 8
        box_h = max(box_min, min(260, room - obj_h))
        self.label((c.x, y, c.w, 24), "Why these decisions?", object_id="@subheading")
        self.label((c.x, y + 26, c.w, 20), self.app.first_fitting(
            ["Required by the instructor: a sentence or two for the log and the debrief.",
             "Required: a sentence or two for the log and the debrief.",
             "Required: a sentence or two for the debrief."] if req else
            ["Optional: a sentence or two for the log and the debrief.",
             "Optional: a sentence or two for the debrief."], c.w - 6, "@dim"),
            object_id="@dim")
        self.why = TextArea((c.x, y + 52, c.w, box_h), self.ui, d.rationale,
                            limit=RATIONALE_LIMIT,
                            placeholder_text="e.g. We hold back intel until the port is "
                                             "cleaned up.")
        self.why_count = self.label((c.x, y + 56 + box_h, c.w, 20), "", object_id="@dim")
        self.update_why_count()
        if self.why_hint is not None:
            self.why_hint.set_relative_position((c.x, y + 84 + box_h))

    def objectives_html(self) -> str:
        """One line per objective of this seat (its own, its alliance's): met, not met, or not
        yet (before it is judged; nothing before the first turn), what is measured, the result
        and the target."""
        s = self.s
        obs = s.objectives_for(self.side)
        if not obs:
            return (f"<font color='{P.TEXT_DIM_HTML}'>No objectives of your own in this "
                    "scenario.</font>")
        last = s.reports[-1] if s.reports else None
        results = dict(getattr(last, "objectives", {}) or {})
        lines = []
        for ob in obs:
            res = results.get(ob.id)
            status = dict(res) if isinstance(res, Mapping) else None
            t = describe_objective(ob, status, s.scenario)
            if status is None:
                mark = ""
            elif status.get("final", True):
                mark = (f"<font color='{P.GOOD_HTML}'><b>Met</b></font> · " if status.get("met")
                        else f"<font color='{P.WARN_HTML}'><b>Not met</b></font> · ")
            elif status.get("met"):  # still to play for: no verdict yet, either way
                mark = f"<font color='{P.GOOD_HTML}'><b>On track</b></font> · "
            else:
                mark = f"<font color='{P.WARN_HTML}'><b>Not yet</b></font> · "
            measure = t.measure[:1].upper() + t.measure[1:]
            if ob.side.startswith("alliance:"):  # say whose it is, unless its scope does
                name = scope_name(s.scenario, ob.side)
                if f"({name})" not in measure:
                    measure = f"{name} · {measure}"
            lines.append(f"• {mark}{html_escape(measure)}: {html_escape(t.sentence)}")
        return "<br>".join(lines)

    def update_why_count(self) -> None:
        n = len(self.s.draft(self.side).rationale or "")
        if getattr(self, "why_count", None) is not None and self.why_count.alive():
            self.why_count.set_text(f"{n} / {RATIONALE_LIMIT} characters"
                                    + getattr(self, "why_note", ""))

    # ----- events ---------------------------------------------------------------------------------------
    def on_event(self, event) -> None:
        et = event.type
        if et == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED and event.ui_element in self.sliders:
            key = self.sliders[event.ui_element]
            self.s.set_funding(self.side, key, float(event.value),
                               coalesce=f"funding:{key}")
            self.update_funding_labels()
            self.refresh_status()
            return
        if et == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and \
                event.ui_element is getattr(self, "buy_menu", None):
            self.buy_choice = event.text
            about = getattr(self, "buy_about", None)
            if about is not None and event.text in self.buy_ids:
                about.set_text(self.buy_text(event.text))
            return
        if et == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and getattr(self, "cb_partners", None):
            p = self.cb_partners.get(event.text)
            if p:
                self.s.set_capacity_partner(self.side, p)
            return
        if et == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and \
                event.ui_element is getattr(self, "route_list", None):
            for (_text, rid), item in zip(self.route_items, self.route_list.item_list):
                if item["selected"]:  # by position: shortened entries may read alike
                    self.select_route(rid)
            return
        if et == pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION and \
                event.ui_element is getattr(self, "route_list", None) and self.route:
            self.select_route(self.route)  # a second click on the route keeps it highlighted
            return
        if et in (pygame_gui.UI_CHECK_BOX_CHECKED, pygame_gui.UI_CHECK_BOX_UNCHECKED) and \
                event.ui_element in self.access_boxes:
            self.s.set_access(self.side, self.access_boxes[event.ui_element],
                              et == pygame_gui.UI_CHECK_BOX_CHECKED)
            self.refresh_status()
            return
        if et == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is getattr(self, "why", None):
            self.s.set_rationale(self.side, self.why.get_text(), coalesce="rationale")
            self.update_why_count()
            self.refresh_status()
            return
        if et == pygame.KEYDOWN:
            mods = getattr(event, "mod", 0)
            if event.key == pygame.K_z and mods & pygame.KMOD_CTRL:
                self.undo()
                return
            if event.key == pygame.K_w and mods & pygame.KMOD_CTRL:
                self.open_instructor()
                return
            if event.key == pygame.K_ESCAPE and self.route is not None:
                self.select_route(None)
                return
            if event.key == pygame.K_TAB:
                keys = [k for k, _ in self.tabs]
                self.set_tab(keys[(keys.index(self.tab) + 1) % len(keys)])
                return
        if self.map is not None:
            self.map.handle_event(event)

    def undo(self) -> None:
        if self.s.undo_last(self.side):
            self.refresh_map()
            self.app.rebuild()

    def end_turn(self) -> None:
        reasons = self.s.submit(self.side)
        if reasons:
            self.app.show_error("These orders cannot be submitted yet",
                                [sentence(readable(self.s.scenario, r, fix=True))
                                 for r in reasons])
            return
        start_turn(self.app)

    def observer(self) -> None:
        from game.ui.scenes.observer import ObserverScene

        side = self.side
        self.app.switch(ObserverScene(self.app, back=lambda: seat_scene(self.app, side)))

    def toggle_true(self) -> None:
        """The true flows on this seat's map, or back to its own view. Showing them asks
        first: a delegation's screen is the students'."""
        if self.true_view:
            self.set_true_view(False)
            return
        self.app.confirm("True flows",
                         "Show the true flows on this delegation's screen? Students should "
                         "look away.", "Show", lambda: self.set_true_view(True))

    def set_true_view(self, on: bool) -> None:
        self.true_view = bool(on and self.app.instructor)
        self.refresh_map()
        self.app.rebuild()

    def open_instructor(self) -> None:
        from game.ui.scenes.instructor import open_white_cell

        open_white_cell(self.app)

    # ----- status, map, tooltips ------------------------------------------------------------------
    def refresh_status(self) -> None:
        if not hasattr(self, "status"):
            return
        reasons = self.s.validate(self.side)
        if reasons:
            html = (f"<font color='{P.WARN_HTML}'><b>Not ready:</b> "
                    + html_escape(readable(self.s.scenario, reasons[0]))
                    + (f" (+{len(reasons) - 1} more)"
                                                 if len(reasons) > 1 else "") + "</font>")
        else:
            html = f"<font color='{P.GOOD_HTML}'><b>Ready.</b></font> " + self.ready_summary()
        self.status.set_text(html)
        if self.undo_btn is not None:
            if self.s.undo.get(self.side):
                self.undo_btn.enable()
            else:
                self.undo_btn.disable()

    undo_btn = None

    def ready_summary(self) -> str:
        """What the status line says after 'Ready.' (the Red seat says it in tons and paths)."""
        d = self.s.draft(self.side)
        n = sum(sum(v.values()) for v in d.deploy.values())
        idle = sum(max(0, self.s.free_assets(self.side, a))
                   for a in self.s.owned_assets(self.side) if a in self.s.scenario.asset_types)
        unspent = self.unspent()
        spare = (f"; {unspent:.1f} points unspent ({_reserve_share()} kept as reserve)"
                 if unspent >= 0.05 else "")
        if n == 0 and idle:  # legal, but easy to miss: say where they are deployed
            return f"No assets deployed: {idle} idle (Operations){spare}."
        return f"{n} asset(s) deployed; upkeep {self.s.upkeep(self.side):.1f} points{spare}."

    def unspent(self) -> float:
        """The draft's money that pays for nothing (game.core.resolve, funding): operations
        above the deployed assets' upkeep, procurement above the purchases, and any budget
        left unallocated; the engine keeps a share of it (RESERVE_CARRY) as next turn's
        reserve."""
        orders = self.s.draft(self.side).to_orders()
        return max(self.s.budget(self.side) - spending(compiled(self.s.scenario), orders), 0.0)

    def refresh_map(self) -> None:
        if self.map is None:
            return
        view = "white" if self.true_view else self.side
        self.map.set_data(self.s.map_data(view, draft_of=self.side))
        if self.route:
            self.map.selected = ("route", self.route)

    def tooltip(self, kind: str, ident: str) -> list[str]:
        view = "white" if self.true_view else self.side
        return self.s.tooltip(view, kind, ident)

    def update(self, dt: float) -> None:
        self.ticker_x += dt * 60

    def draw(self, surface) -> None:
        w, h = self.app.size
        if self.map is not None:
            self.map.draw(surface, 0.0)
        pygame.draw.rect(surface, P.PANEL, (0, 0, w, TOP))
        col = P.nation_colours(self.s.scenario).get(self.side, P.RED)
        pygame.draw.rect(surface, col, (0, TOP - 3, w, 3))
        pygame.draw.rect(surface, P.PANEL, self.panel)
        pygame.draw.line(surface, P.PANEL_EDGE, self.panel.topleft, self.panel.bottomleft)
        draw_ticker(surface, self.app, pygame.Rect(0, h - TICKER, w, TICKER),
                    self.s.news, self.ticker_x)
        if self.true_view:
            f = self.app.fonts.get(13, bold=True)
            t = f.render("WHITE CELL VIEW: TRUE FLOWS", True, P.OKABE_ITO[3])
            surface.blit(t, (self.map.rect.x + 12, self.map.rect.y + 26))


def cards_dialog(session, side: str, cards: list[tuple[dict, bool]]) -> tuple[str, list[str]]:
    """The title and lines of the dialog that opens a seat's turn with its cards
    (`Session.cards_to_show`): last month's cards for it in particular (an inject among them
    came after it had played: it says when, the tip may be stale), this month's scenario
    events, and the white cell's injects sent this month, marked new. A card for everyone among them drops the dialog's
    "only"; the confidential ones then say they are for this delegation only."""
    confidential = all(c.get("audience") for c, _new in cards)
    title = f"For the {session.delegation_name(side)}" + (" only" if confidential else "")
    lines = []
    last = session.scenario.turn_name(session.turn - 1) if session.turn > 1 else ""
    for card, new in cards:
        # an inject of last month that is not new: it came after this seat had played
        late = [f"sent in {last}, after your turn"] if card.get("instructor") and not new \
            and last else []
        marks = ([("new " if card.get("instructor") else "") + "this month"] if new else []) \
            + late + \
            (["for your delegation only"] if card.get("audience") and not confidential else [])
        head = str(card.get("title") or card.get("id", "")) + \
            (f" ({', '.join(marks)})" if marks else "")
        text = str(card.get("text", "") or "").strip()
        lines.append(f"{head}: {text}" if text else head)
    return title, lines


def scrolling_rows(ui, view: pygame.Rect, height_at, old=None):
    """A list of rows that scrolls under `view` (the mouse wheel or a scroll bar, the bar only
    when the rows overflow), so that every row can be reached at any window size. Place the
    rows in its `get_container()`, whose `rect.w` is the rows' width: the bar takes 20 px of
    it. `height_at(width)` is the rows' height at that width. A rebuild (undo, resize, tab)
    keeps the list where it was: `old` is the list this one replaces (killed by now)."""
    was = -old.get_container().relative_rect.y if old is not None else 0
    lst = pygame_gui.elements.UIScrollingContainer(view, ui, allow_scroll_x=False)
    rows = lst.get_container()
    height = height_at(view.w)
    lst.set_scrollable_area_dimensions((view.w, height))  # adds the scroll bar
    if rows.rect.w < view.w:  # narrower rows may need more height (wrapped names)
        # and a few pixels more: pygame_gui rounds the scroll bar's end down, which can
        # leave the last row's bottom pixel out of reach
        height = max(height, height_at(rows.rect.w)) + SCROLL_SLACK
        lst.set_scrollable_area_dimensions((view.w, height))
    was = min(was, height - view.h)
    if was > 0:  # move the rows back; the second call sets the scroll bar from them
        rows.set_relative_position((0, -was))
        lst.set_scrollable_area_dimensions((view.w, height))
    return lst


def route_entry(font, mark: str, a: str, b: str, mode: str, width: int) -> str:
    """ "[n] A > B (mode)" in at most `width` pixels of `font`: the longer place name loses
    its end first (an ellipsis marks it), then the other; the "[n] " and the mode stay."""
    def shown(core: str, full: str) -> str:
        return core if core == full else core.rstrip() + "…"

    ca, cb = a, b
    while True:
        text = f"{mark}{shown(ca, a)} > {shown(cb, b)} ({mode})"
        if font.size(text)[0] <= width or (len(ca) <= 1 and len(cb) <= 1):
            return text
        if len(cb) <= 1 or (len(ca) > 1 and font.size(shown(ca, a))[0]
                            >= font.size(shown(cb, b))[0]):
            ca = ca[:-1]
        else:
            cb = cb[:-1]


def wrap_words(font, text: str, width: int, max_lines: int = 2) -> list[str]:
    """`text` broken between words into lines of at most `width` pixels in `font` (a word
    longer than that gets a line of its own), at most `max_lines` of them: the last line
    takes the rest, for the label to shorten."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.size(f"{lines[-1]} {word}")[0] <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines[max_lines - 1:] = [" ".join(lines[max_lines - 1:])]
    return lines or [""]


def tenths(values: list[float]) -> list[float]:
    """`values` rounded to tenths so that they add up to their rounded total (largest
    remainders get the spare tenths): the funding labels never sum past the budget."""
    total = round(sum(values) * 10)
    floors = [int(v * 10 + 1e-9) for v in values]  # values are never negative
    spare = total - sum(floors)
    order = sorted(range(len(values)), key=lambda i: round(floors[i] - values[i] * 10, 6))
    for i in order[:max(0, spare)]:
        floors[i] += 1
    return [f / 10 for f in floors]


def turns_text(scenario, n: int) -> str:
    """`n` turns in the scenario's word for a turn: "1 month", "3 months"."""
    word = scenario.turn_label.lower()
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def sentence(text: str) -> str:
    """`text` with a capital first letter (a reason shown on its own)."""
    return text[:1].upper() + text[1:]


def _reserve_share() -> str:
    """The share of unspent money the engine keeps as reserve, in words ("half")."""
    return "half" if RESERVE_CARRY == 0.5 else f"{RESERVE_CARRY:.0%}"


def leak_chance(level: str, corruption: float) -> float:
    """The engine's chance a turn that intelligence shared at `level` leaks through a partner
    of this corruption (docs/rules.md, "Leaks"; while the sharer has assets deployed)."""
    return float(SHARING_WEIGHT[SHARING_INDEX[level]]) * corruption * LEAK_RATE


def _share_hint(level: str) -> str:
    return {"none": "Nothing leaks, but your partner works blind.",
            "partial": "Route-level cues: helps, leaks less.",
            "full": "Everything you know: the most help, the most to lose if it leaks."}[level]


def newest_first(news: list[str]) -> list[str]:
    """The news, the latest month's first (each month's lines in their order): the ticker
    starts at its left edge, so month 1's headlines led it for the rest of the game."""
    groups: list[list[str]] = []
    for line in news:
        month = line.partition(":")[0]
        if groups and groups[-1][0].partition(":")[0] == month:
            groups[-1].append(line)
        else:
            groups.append([line])
    return [line for group in reversed(groups) for line in group]


def draw_ticker(surface, app, rect: pygame.Rect, news: list[str], x: float) -> None:
    pygame.draw.rect(surface, (11, 17, 25), rect)
    pygame.draw.line(surface, P.PANEL_EDGE, rect.topleft, rect.topright)
    f = app.fonts.get(13, bold=True)
    tag = f.render("NEWS", True, (10, 14, 20))
    tag_r = pygame.Rect(rect.x + 8, rect.y + 5, tag.get_width() + 12, rect.h - 10)
    items = newest_first(news[-12:]) or [
        "No news yet. Decide, end the turn, and the wires will fill."]
    text = "     •     ".join(items)
    key = ("ticker", text)
    cache = app.__dict__.setdefault("_ticker_cache", {})
    surf = cache.get(key)
    if surf is None:
        cache.clear()
        surf = app.fonts.get(13).render(text, True, P.OKABE_ITO[3])
        cache[key] = surf
    clip = surface.get_clip()
    area = pygame.Rect(tag_r.right + 8, rect.y, rect.w - tag_r.right - 16, rect.h)
    surface.set_clip(area)
    span = surf.get_width() + 80
    off = int(x) % span if surf.get_width() > area.w else 0
    ty = rect.y + (rect.h - surf.get_height()) // 2
    surface.blit(surf, (area.x - off, ty))
    if off:
        surface.blit(surf, (area.x - off + span, ty))
    surface.set_clip(clip)
    pygame.draw.rect(surface, P.OKABE_ITO[3], tag_r, border_radius=3)
    surface.blit(tag, tag.get_rect(center=tag_r.center))
