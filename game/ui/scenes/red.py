"""A human trafficker seat (a student team playing Red): tons per path, bribes, adaptations
and dormant routes to open. The draft starts from the adaptive AI's choice, so the team
argues about changes rather than typing numbers from scratch. The map shows what Red knows:
its own planned flows and the patrols that leaked to it."""

from __future__ import annotations

import re
from itertools import combinations

import pygame
import pygame_gui

from game.persistence.names import amount_text, entity_name
from game.ui.mapview import MapData
from game.ui.scenes.turn import TurnScene, scrolling_rows

ROW_H = 54  # a shipment row: the path's label, then its slider and tons
ROW_GAP = 8  # from a row's slider to the next row's label (none after the last row)
ROW_TOP = 2  # above the first label, which a larger font grows about its centre
ADAPT_ROW = 46  # an adaptation: its check box and name, then what it does


def distinct_path_labels(names: list[str], fit) -> list[str]:
    """Labels for paths "A > B > C > D" that fit `fit(i, text, reserve_px)` (path i's room,
    less `reserve_px`; it returns `text` when it fits, else a shortened text), told apart:
    a path that does not fit whole keeps the stops that tell it from the other paths between
    the same ends ("Urabá > … > Quintana Roo coast > Texas border…"), the ends shortened
    first; paths through the same stops (by sea and by air) are numbered (1), (2), (3)...,
    every one of them, in one wording that fits them all; so are paths that still read
    alike, each in its own wording."""
    stops = [n.split(" > ") for n in names]
    labels = [_told_apart([i], stops, fit) for i in range(len(names))]
    for group in _alike(names):  # paths through the same stops
        text = _told_apart(group, stops, fit, numbered=True)
        for k, i in enumerate(group, 1):
            labels[i] = f"{text} ({k})"
    for same in _alike(labels):  # rare: the same wording for other stops
        for k, i in enumerate(same, 1):
            labels[i] = f"{_told_apart([i], stops, fit, numbered=True, first=k)} ({k})"
    seen: set[str] = set()
    for i, lab in enumerate(labels):  # rarer still: a numbered label that is another's
        k = 2
        while lab in seen:
            lab = f"{_told_apart([i], stops, fit, numbered=True, first=k)} ({k})"
            k += 1
        labels[i] = lab
        seen.add(lab)
    return labels


def _told_apart(group: list[int], stops: list[list[str]], fit, numbered: bool = False,
                first: int = 1) -> str:
    """The label of the path of `group` (paths through the same stops), fitting each one's
    room (`numbered`: after it, " (1)", " (2)"... from `first`): whole if it fits; else with
    the fewest of its stops that no other path between the same ends passes all of (at least
    one when there are such paths), the ends shortened first ("Tumaco (Nariño)": "Tumaco";
    "Texas border crossings": "Texas border…"), then the other stops, the stops told apart
    by last; the app's fit of the whole path if none of those fits."""
    path = stops[group[0]]
    text = " > ".join(path)

    def fits(t: str) -> bool:
        return all(fit(i, u, 0) == u for k, i in enumerate(group, first)
                   for u in [f"{t} ({k})" if numbered else t])

    if fits(text) or len(path) < 3:
        return min((fit(i, text, 40 if numbered else 0) for i in group), key=len)
    start, mid, end = path[0], path[1:-1], path[-1]
    peers = [set(s[1:-1]) for s in stops if s != path and s[0] == start and s[-1] == end]
    mine = set(mid)
    # a path through all of this one's stops and more is told apart by its own extra stops
    rivals = [p for p in peers if not mine <= p]
    lone_start = all(s[0] == start for s in stops)  # every path starts there: it may go
    for t in _wordings(start, mid, end, _own_stops(mid, rivals, peers), lone_start):
        if fits(t):
            return t
    return min((fit(i, text, 40 if numbered else 0) for i in group), key=len)


def _own_stops(mid: list[str], rivals: list[set[str]],
               peers: list[set[str]]) -> list[tuple[int, ...]]:
    """The fewest of `mid`'s stops (their indexes) that none of `rivals` passes all of: every
    such set of that size, those with stops fewer peers pass first, then the shorter; at
    least one stop when there are peers."""
    for size in range(1 if peers else 0, len(mid) + 1):
        found = [k for k in combinations(range(len(mid)), size)
                 if not any({mid[x] for x in k} <= r for r in rivals)]
        if found:
            return sorted(found, key=lambda k: (sum(mid[x] in p for x in k for p in peers),
                                                sum(len(mid[x]) for x in k)))
    return [tuple(range(len(mid)))]


def _shorter(stop: str) -> list[str]:
    """A stop's name, then shorter as it still reads: without its note in brackets ("Tumaco
    (Nariño)": "Tumaco"), then without its last words in lower case or its alternative after
    a slash ("Texas border crossings": "Texas border…", "Texas…"; "Buenos Aires / Rosario":
    "Buenos Aires…"); never "South…" for "South Florida"."""
    base = re.sub(r"\s*\([^)]*\)", "", stop).strip() or stop
    forms = [stop, base]
    if " / " in base:
        base = base.split(" / ")[0]
        forms.append(base + "…")
    words = base.split()
    while len(words) > 1 and words[-1].islower():
        words.pop()
        forms.append(" ".join(words) + "…")
    return forms


def _cut(name: str) -> list[str]:
    """`name` ("Arizona…") a letter shorter at a time, 4 letters at least: "Arizon…", "Ariz…"."""
    name = name.removesuffix("…")
    return [name[:k].rstrip(" /,-") + "…" for k in range(len(name) - 1, 3, -1)]


def _wordings(first: str, mid: list[str], last: str, keys: list[tuple[int, ...]],
              lone_start: bool):
    """A path's labels, longest wording first, each keeping one of `keys` (stops told apart):
    the whole names, then without notes in brackets; then the ends shorter, the end that
    keeps more letters first (the first stop may go last, if every path starts there: "… >
    Falcón coast > …"); then the stops between them shorter; last, the end cut letter by
    letter ("Arizo…"). At each step the stops kept are those of the app's fit (the middle
    ones go first) with "…" where stops are left out, then the stops told apart alone."""
    heads, tails = [*_shorter(first), *([""] if lone_start else [])], _shorter(last)
    mids = [_shorter(s) for s in mid]
    depth = max(len(f) for f in mids)
    ends = sorted(((a, b) for a in range(1, len(heads)) for b in range(1, len(tails))),
                  key=lambda ab: (not heads[ab[0]], ab[0] + ab[1],
                                  -len(heads[ab[0]]) - len(tails[ab[1]])))
    steps = [(m, a, b) for m in range(1, depth) for a, b in ends]
    # last, the ends cut letter by letter (4 letters at least), the fewest letters lost first
    # (a start every path shares counts half); the first stop may go here too
    cut_from = len(heads) - lone_start, len(tails)  # the first cut wording of each
    heads += _cut(heads[cut_from[0] - 1])
    tails += _cut(tails[-1])
    lost = sorted(((a, b) for a in range(1, len(heads)) for b in range(1, len(tails))
                   if a >= cut_from[0] or b >= cut_from[1]),
                  key=lambda ab: (len(first) - len(heads[ab[0]])) / (1 + lone_start)
                  + len(last) - len(tails[ab[1]]))
    steps += [(depth - 1, a, b) for a, b in lost]
    n = len(mid)
    spans = []  # the stops the app's fit keeps as it drops 1, 2, ... from the middle
    for drop in range(n + 1):
        head = (n - drop) // 2
        spans.append(set(range(head)) | set(range(head + drop, n)))
    seen = set()
    for m, a, b in steps:
        names = [f[min(m, len(f) - 1)] for f in mids]
        for key in keys:
            alone = [(set(key), False)] if key else []  # no stop at all: "A > … > D"
            for kept, marks in [*((s | set(key), True) for s in spans), *alone]:
                parts, gap = [heads[a]] if heads[a] else ["…"], not heads[a]
                for x in range(n):
                    if x in kept:
                        parts.append(names[x])
                        gap = False
                    elif not gap and marks:
                        parts.append("…")
                        gap = True
                text = " > ".join([*parts, tails[b]])
                if text not in seen:
                    seen.add(text)
                    yield text


def _alike(labels: list[str]) -> list[list[int]]:
    """The indexes of labels that appear more than once, grouped by label, in order."""
    groups: dict[str, list[int]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(lab, []).append(i)
    return [same for same in groups.values() if len(same) > 1]


class RedTurnScene(TurnScene):
    name = "red_turn"
    tabs = (("ship", "Shipments"), ("money", "Money"), ("why", "Why"))

    def __init__(self, app, side: str) -> None:
        super().__init__(app, side)
        self.tab = "ship"
        self.flow_sliders: dict[object, str] = {}
        self.bribe_sliders: dict[object, str] = {}
        self.adapt_boxes: dict[object, str] = {}
        self.open_boxes: dict[object, str] = {}
        self.ship_list = None  # the Shipments tab's scrolling list of paths
        self.money_list = None  # the Money tab's scrolling list of choices

    def _top_buttons(self):
        return [("Observer view", self.observer, "The public view for the projector")]

    # ----- shipments ---------------------------------------------------------------------------
    def build_ship(self) -> None:
        """One row per path (its label; a slider and its tons below), in a list that scrolls
        under the title, so every path can be set at any window size."""
        c = self.content
        s = self.s
        d = s.draft(self.side)
        avail = s.red_available(self.side)
        self.ship_title = self.label((c.x, c.y, c.w, 24), "", object_id="@subheading")
        self.flow_sliders = {}
        self.flow_labels = {}
        paths = s.red_paths(self.side)
        view = pygame.Rect(c.x, c.y + 28, c.w, c.bottom - c.y - 28)
        self.ship_list = scrolling_rows(self.ui, view,
                                        lambda _w: ROW_TOP + len(paths) * ROW_H - ROW_GAP,
                                        self.ship_list)
        rows = self.ship_list.get_container()
        w = rows.rect.w  # less the scroll bar's width when the rows overflow
        pad = 0 if w == view.w else 8  # the tons keep clear of the scroll bar
        note_w = self.app.theme_font("@dim").size("  (dormant)")[0]

        def fit(i: int, text: str, reserve: int) -> str:  # a dormant path's label is dim
            usable = paths[i][2]  # the room the label gets (`label` keeps 6 px spare)
            return self.app.fit(text, w - 6 - (0 if usable else note_w) - reserve,
                                None if usable else "@dim")
        shorts = distinct_path_labels([name for _k, name, _u in paths], fit)
        y = ROW_TOP
        for (key, name, usable), short in zip(paths, shorts, strict=True):
            note = "" if usable else "  (dormant)"
            lab = self.label((0, y, w, 20), short, object_id=None if usable else "@dim",
                             container=rows)
            self.flow_labels[key] = lab
            sl = pygame_gui.elements.UIHorizontalSlider(
                pygame.Rect(0, y + 22, w - 70 - pad, 24), float(d.flows.get(key, 0.0)),
                (0.0, max(0.5, avail)), self.ui, container=rows, click_increment=0.5)
            if not usable:
                sl.disable()
                lab.set_text(short + note)
                sl.set_tooltip(f"{name}: a dormant route is on this path; open it under "
                               "Money (usable next turn)")
            else:
                sl.set_tooltip(name)
            self.flow_sliders[sl] = key
            t = self.label((w - 64 - pad, y + 22, 64, 24), f"{d.flows.get(key, 0.0):.1f} t",
                           container=rows)
            self.flow_labels[key + "#t"] = t
            y += ROW_H
        self._ship_title(sum(d.flows.values()), avail)

    def _ship_title(self, planned: float, avail: float) -> None:
        self.ship_title.set_text(f"Shipping {planned:.1f} of {avail:.1f} t this turn")

    def update_flow_labels(self) -> None:
        d = self.s.draft(self.side)
        for sl, key in self.flow_sliders.items():
            v = float(d.flows.get(key, 0.0))
            if abs(sl.get_current_value() - v) > 1e-6:
                sl.set_current_value(v)
            lab = self.flow_labels.get(key + "#t")
            if lab is not None:
                lab.set_text(f"{v:.1f} t")
        self._ship_title(sum(d.flows.values()), self.s.red_available(self.side))

    # ----- money -----------------------------------------------------------------------------
    def build_money(self) -> None:
        """Bribes (one slider per nation on our paths), adaptations and dormant routes to
        open, in a list that scrolls under the resources line, so every choice can be made
        at any window size."""
        from game.core.state import ADAPTATIONS, adaptation_name

        c = self.content
        s = self.s
        d = s.draft(self.side)
        res = s.red_resources(self.side)
        self.resources_label = self.label((c.x, c.y, c.w, 24), "", object_id="@subheading")
        mine = {r for key, _n, _u in s.red_paths(self.side) for r in key.split(">")}
        relevant = [n for n in s.scenario.nations
                    if any(s.scenario.routes[r].jurisdiction == n for r in mine
                           if r in s.scenario.routes)] or list(s.scenario.nations)
        owned = set(getattr(s.obs(self.side), "adaptations", ()) or ())
        dormant = s.dormant_routes(self.side)  # as this trafficker knows them
        cand = [r for r in s.scenario.routes if r in dormant and r in mine]
        height = (ROW_TOP + 22 + 30 * len(relevant) + 6 + 28 + ADAPT_ROW * len(ADAPTATIONS)
                  + (6 + 26 + 24 + 28 * len(cand) if cand else 0) - 6)
        view = pygame.Rect(c.x, c.y + 28, c.w, c.bottom - c.y - 28)
        self.money_list = scrolling_rows(self.ui, view, lambda _w: height, self.money_list)
        rows = self.money_list.get_container()
        w = rows.rect.w  # less the scroll bar's width when the rows overflow
        y = ROW_TOP  # a larger font's first line grows about its centre: keep it whole
        self.label((0, y, w, 20), self.app.fit("Bribes raise corruption where your routes run", w),
                   object_id="@dim", container=rows)
        y += 22
        self.bribe_sliders = {}
        self.bribe_labels = {}
        font = self.app.theme_font()
        name_w = min(w // 2, 16 + max(font.size(f"{s.side_name(n)}: {res:.0f}.5")[0]
                                      for n in relevant))
        for nid in relevant:
            lab = self.label((0, y, name_w, 24), "", container=rows)
            self.bribe_labels[nid] = lab
            sl = pygame_gui.elements.UIHorizontalSlider(
                pygame.Rect(name_w + 2, y, w - name_w - 2, 24), float(d.bribes.get(nid, 0.0)),
                (0.0, max(1.0, res)), self.ui, container=rows, click_increment=1)
            sl.set_tooltip(f"Bribe officials in {s.side_name(nid)}")
            self.bribe_sliders[sl] = nid
            y += 30
        self.update_bribe_labels()
        y += 6
        self.label((0, y, w, 24), "Adaptations (one-off cost)", object_id="@subheading",
                   container=rows)
        y += 28
        self.adapt_boxes = {}
        for aid, info in ADAPTATIONS.items():
            cost = "in use" if aid in owned else f"costs {info['cost']:g}"
            box = pygame_gui.elements.UICheckBox(
                pygame.Rect(0, y, 22, 22),
                self.app.fit(f"{adaptation_name(aid)} ({cost})", w - 30),
                self.ui, container=rows, tool_tip_text=info["text"],
                initial_state=aid in d.adaptations or aid in owned)
            if aid in owned:
                box.disable()
            self.adapt_boxes[box] = aid
            # what it does, under its name: "maritime detection x0.6"
            effect = str(info["text"]).rpartition(": ")[2]
            self.label((30, y + 22, w - 30, 18), self.app.fit(effect, w - 30),
                       object_id="@dim", container=rows)
            y += ADAPT_ROW
        self.open_boxes = {}
        if cand:
            y += 6
            self.label((0, y, w, 24), "Open dormant routes", object_id="@subheading",
                       container=rows)
            y += 26
            self.label((0, y, w, 20), "An opened route is usable from next turn",
                       object_id="@dim", container=rows)
            y += 24
            for rid in cand:
                r = s.scenario.routes[rid]
                a = s.scenario.locations[r.origin].name
                b = s.scenario.locations[r.dest].name
                mode = f" ({r.mode})"  # a long pair of names is shortened, never the mode
                text = self.app.fit(f"{a} > {b}", w - 30 - font.size(mode)[0]) + mode
                box = pygame_gui.elements.UICheckBox(
                    pygame.Rect(0, y, 22, 22), text, self.ui, container=rows,
                    tool_tip_text=f"{a} > {b}{mode}: open it now, use it next turn",
                    initial_state=rid in d.open_routes)
                self.open_boxes[box] = rid
                y += 28

    def money_planned(self) -> float:
        """What this month's bribes and adaptations cost, as the engine counts it."""
        from game.core.orders import red_spending

        return red_spending(self.s.draft(self.side).to_orders())

    def update_bribe_labels(self) -> None:
        """"Nation: amount"; a name too long for the column is shortened, never the amount.
        The resources line says what the plan spends and what is left."""
        d = self.s.draft(self.side)
        for nid, lab in self.bribe_labels.items():
            amount = f": {amount_text(d.bribes.get(nid, 0.0))}"
            room = lab.relative_rect.w - 6 - self.app.theme_font().size(amount)[0]
            lab.set_text(self.app.fit(self.s.side_name(nid), room) + amount)
        label = getattr(self, "resources_label", None)
        if label is not None and label.alive():
            res = self.s.red_resources(self.side)
            spent = self.money_planned()
            left = res - spent
            text = (f"Resources: {amount_text(res)} · this month {amount_text(spent)} · "
                    + (f"left {amount_text(left)}" if left >= -1e-9
                       else f"{amount_text(-left)} too much"))
            label.set_text(self.app.fit(text, label.relative_rect.w - 6, "@subheading"))

    # ----- events ------------------------------------------------------------------------------
    def on_event(self, event) -> None:
        et = event.type
        if et == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED:
            if event.ui_element in self.flow_sliders:
                key = self.flow_sliders[event.ui_element]
                self.s.set_red_flow(self.side, key, float(event.value), coalesce=f"flow:{key}")
                self.update_flow_labels()
                self.refresh_map()
                self.refresh_status()
                return
            if event.ui_element in self.bribe_sliders:
                nid = self.bribe_sliders[event.ui_element]
                self.s.set_bribe(self.side, nid, float(event.value), coalesce=f"bribe:{nid}")
                self.update_bribe_labels()
                self.refresh_status()
                return
        if et in (pygame_gui.UI_CHECK_BOX_CHECKED, pygame_gui.UI_CHECK_BOX_UNCHECKED):
            on = et == pygame_gui.UI_CHECK_BOX_CHECKED
            if event.ui_element in self.adapt_boxes:
                self.s.toggle_adaptation(self.side, self.adapt_boxes[event.ui_element], on)
                self.update_bribe_labels()
                self.refresh_status()
                return
            if event.ui_element in self.open_boxes:
                self.s.toggle_open_route(self.side, self.open_boxes[event.ui_element], on)
                self.refresh_status()
                return
        super().on_event(event)

    def select_route(self, rid: str | None) -> None:
        self.route = rid
        if self.map is not None:
            self.map.selected = ("route", rid) if rid else None
            self.map.invalidate()

    # ----- map and status ------------------------------------------------------------------------
    def refresh_map(self) -> None:
        if self.map is None:
            return
        d = self.s.draft(self.side)
        flows: dict[str, float] = {}
        for key, tons in d.flows.items():
            for rid in key.split(">"):
                flows[rid] = flows.get(rid, 0.0) + tons
        self.map.set_data(MapData(flows=flows, dormant=self.s.dormant_routes(self.side),
                                  patrols=self.s.known_patrols(self.side),
                                  width_note="Width: our planned tons"))

    def tooltip(self, kind: str, ident: str) -> list[str]:
        lines = self.s.tooltip(self.side, kind, ident)
        if kind == "route" and lines:
            d = self.s.draft(self.side)
            planned = sum(t for k, t in d.flows.items() if ident in k.split(">"))
            lines = [x for x in lines if not x.startswith(("Estimated", "Patrolled"))]
            lines.append(f"Our planned tons: {planned:.1f}")
            pats = self.s.known_patrols(self.side).get(ident, [])
            lines.append("Patrols we know of (leaked): " + (
                ", ".join(f"{c} {entity_name(self.s.scenario, 'asset', a)} "
                          f"({self.s.side_name(n)})" for n, a, c in pats) or "none"))
        return lines

    def ready_summary(self) -> str:
        d = self.s.draft(self.side)
        planned = sum(d.flows.values())
        text = f"{planned:.1f} t on {sum(1 for v in d.flows.values() if v > 0)} path(s)"
        carried = self.s.red_carried(self.side)
        if carried < planned - 0.05:  # the routes' capacity cuts the plan: say so now
            return (f"{text}; the routes carry at most {carried:.1f} t of it, the rest "
                    "waits in stock.")
        return text + "."
