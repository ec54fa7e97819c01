"""End of game: the debrief. Charts per turn (delivered against the baseline, seized,
detected, violence, corruption, cohesion, routes), the objectives with pass/fail, the
hindsight optimum, and a timeline of each student delegation's key decisions (Blue and
Red) and the white cell's actions. Export writes the charts as PNG files and the
self-contained HTML report into saves/."""

from __future__ import annotations

import io
from collections.abc import Mapping

import pygame

from game.core.state import adaptation_name
from game.persistence.names import (
    amount_text,
    chart_names,
    entity_name,
    path_name,
    player_text,
)
from game.persistence.objective_text import ObjectiveText, describe_objective, verdict
from game.persistence.records import computer_played, human_turns, seat_history
from game.ui import palette as P
from game.ui.app import Scene, html_escape
from game.ui.scenes.resolution import (
    WhiteCellView,
    baseline_phrase,
    hindsight_line,
    white_cell_parts,
)
from game.ui.scenes.turn import sentence, turns_text

CHART_TEXT_WIDTH = 600  # px: below this chart width the chart's lines are drawn thinner
CHART_TEXT_PX = 13  # px at a text scale of 1: the chart's ticks, axis names and legend, as
# large as the screen's captions whatever the chart's dpi (the title is a fifth larger)
TIMELINE_HEADINGS = ("Timeline: events and decisions", "Timeline")  # the public view
WHITE_TIMELINE_HEADINGS = ("White-cell view: events, expected actions, decisions",
                           "Timeline (white-cell view)", "White-cell view")
CHART_LABELS = {"flows": "Flows", "hindsight": "Hindsight", "routes": "Routes",
                "violence": "Violence", "corruption": "Corruption", "cohesion": "Cohesion"}


def chart_notes() -> dict[str, str]:
    """The charts' captions (those of the after-action report); none if matplotlib, which
    the charts module needs, does not load: the debrief then says so once, in _render."""
    try:
        from game.persistence.charts import CHART_NOTES
    except Exception:  # charts are a nicety
        return {}
    return dict(CHART_NOTES)


def wrap_px(font, text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` pixels in `font`, broken at spaces."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}" if cur else word
        if cur and font.size(trial)[0] > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines


def display_names(scenario) -> dict[str, str]:
    """Display names for the charts' legends, keyed as `render_charts` looks them up
    ("nation:mexico", "route:lazaro_arizona"); routes read "A > B" as on the map."""
    return chart_names(scenario, route_sep=" > ")


def objective_rows(session) -> list[tuple[str, str, dict | None, ObjectiveText]]:
    """(side name, objective text, its status in the last report or None, how its result
    and target read) per objective; the texts are the after-action report's."""
    sc = session.scenario
    last = session.reports[-1] if session.reports else None
    results = dict(getattr(last, "objectives", {}) or {})
    out = []
    for oid, o in sc.objectives.items():
        res = results.get(oid)
        status = dict(res) if isinstance(res, Mapping) else None
        _kind, _, ident = o.side.partition(":")
        who = (sc.nations.get(ident) or sc.alliances.get(ident) or sc.traffickers.get(ident))
        out.append((getattr(who, "name", o.side), o.text, status,
                    describe_objective(o, status, sc)))
    return out


def delegation_turns(session) -> dict[str, set[int]] | None:
    """{side: the turns students played it}, counting the white cell's hand-overs; None when
    the computer played every side all game (a demonstration: the timeline shows them all)."""
    game = session.game
    history = list(game.history)
    turns = human_turns(seat_history(game.start_seats, history),
                        max((int(r.turn) for r in history), default=0))
    return turns if any(turns.values()) else None


def red_moves(session, rec, tid: str, orders) -> str:
    """What a trafficker did in the turn of `rec`, in words: the tons it shipped and the
    path it sent the most on ("ordered 30.0 t, most on the path A > B > C (12.0 t); 22.5 t
    shipped" when the routes' capacity shipped less than ordered), then the dormant routes it
    opened, the adaptations it bought and its bribes by nation, worded as the after-action
    report's "Traffickers' notable moves"."""
    sc = session.scenario
    refused = {str(x.get("side")) for x in getattr(rec.report, "rejected", ()) or ()}
    if tid in refused:  # the engine refused the orders: the trafficker did nothing
        return "orders refused, so no action this turn"
    counted = (getattr(rec.report, "by_trafficker", None) or {}).get(tid)
    sent = {k: float(v) for k, v in orders.flows.items() if v > 0}
    if sent:
        key, most = max(sent.items(), key=lambda kv: kv[1])
        by = f"the path {path_name(sc, key) or key}"
        total = sum(sent.values())
        shipped = float(dict(counted).get("shipped", total)) if counted else total
        short = total - shipped >= 0.05  # the routes' capacity shipped less than ordered
        parts = [f"{'ordered' if short else 'shipped'} {total:.1f} t, "
                 + (f"all on {by}" if len(sent) == 1 else f"most on {by} ({most:.1f} t)")
                 + (f"; {shipped:.1f} t shipped" if short else "")]
    else:
        parts = ["shipped nothing"]
    if orders.open_routes:
        parts.append("opened: " + ", ".join(entity_name(sc, "route", r, " > ") or r
                                             for r in orders.open_routes))
    if orders.adaptations:
        parts.append("adapted: " + ", ".join(adaptation_name(str(a))
                                              for a in orders.adaptations))
    bribes = {k: float(v) for k, v in orders.bribes.items() if v}
    if bribes:
        parts.append("bribes: " + ", ".join(f"{session.side_name(k)} {amount_text(v)}"
                                             for k, v in bribes.items()))
    return "; ".join(parts)


def timeline(session, only: Mapping[str, set[int]] | None = None,
             events: bool = False, white: bool = True) -> list[str]:
    """One line per nation per turn (with `only`, {nation: turns}, just those nations in
    those turns), and one per trafficker per turn students played it: the decisions that
    matter and the why, and the white cell's actions. `events=True` (the debrief) first
    lists each turn's scenario events. `white=False` is the public view of the screen the
    class sees: the events without the expected player action the scenario gives the white
    cell for them, and the white cell's actions as the shared turn report shows them
    (`white_cell_parts`: no reasons but a hand-over's, no confidential injects, no refused
    actions). The white cell's view sets each event's expected action beside what each
    delegation did, for the hot wash."""
    sc = session.scenario
    lines: list[str] = []
    records = list(getattr(session.game, "history", []) or [])
    seats = seat_history(getattr(session.game, "start_seats", None) or {}, records)
    for rec in records:
        turn = sc.turn_name(int(rec.turn))
        if events:
            for card in getattr(rec.report, "event_cards", ()) or ():
                ev = sc.events.get(str(card.get("id", "")))
                if ev is None or card.get("instructor"):
                    continue  # injects are in the white cell's lines below
                if card.get("audience") and not white:
                    continue  # shown to particular delegations only: not to the class
                line = f"{turn} · EVENT {ev.title}"
                if ev.expected_action and white:  # the white cell's, never the players'
                    line += f". Expected: {ev.expected_action}"
                lines.append(line)
        orders = rec.orders
        for nid, bo in dict(getattr(orders, "blue", {}) or {}).items():
            if only is not None and int(rec.turn) not in only.get(nid, ()):
                continue
            f = bo.funding
            spend = {"ops": f.operations, "intel": f.intelligence, "governance": f.governance,
                     "capacity": sum(f.capacity_building.values()),
                     "alliance": sum(f.alliance_fund.values()), "procurement": f.procurement}
            top = max(spend.items(), key=lambda kv: kv[1])
            n_dep = sum(sum(a.values()) for a in bo.deploy.values())
            full = [session.side_name(p) for p, lv in bo.sharing.items() if lv == "full"]
            parts = [f"{n_dep} asset(s) on {len(bo.deploy)} route(s)",
                     f"most money to {top[0]} ({top[1]:.0f})"]
            if full:
                parts.append("full sharing with " + ", ".join(full))
            line = f"{turn} · {session.side_name(nid)}: " + "; ".join(parts)
            computer = computer_played(seats, nid, int(rec.turn), bo.rationale)
            if computer is not None:  # its policy's name, not a rationale anyone wrote
                line += f". Played by {player_text(computer)}"
            elif bo.rationale:
                line += f'. Why: "{bo.rationale}"'
            lines.append(line)
        for tid, ro in dict(getattr(orders, "red", {}) or {}).items():
            if only is not None and int(rec.turn) not in only.get(tid, ()):
                continue
            if computer_played(seats, tid, int(rec.turn), ro.rationale) is not None:
                continue  # the computer's traffickers stay out: their moves are its policy
            line = f"{turn} · {session.side_name(tid)}: {red_moves(session, rec, tid, ro)}"
            if ro.rationale:
                line += f'. Why: "{ro.rationale}"'
            lines.append(line)
        logged = list(getattr(rec.report, "instructor", ()) or ())  # with the outcome
        for act in logged or [a.to_data() for a in getattr(orders, "instructor", ()) or ()]:
            parts = white_cell_parts(sc, act, white)
            if parts is None:
                continue
            what, reason, refused = parts
            lines.append(f"{turn} · WHITE CELL: {what}" + (f"; reason: {reason}" if reason
                                                            else "")
                         + (f" ({refused})" if refused else ""))
    return lines


def _mark(status: Mapping | None, stopped: bool = False) -> str:
    """The objective's `verdict`, as in the after-action report: PASS and FAIL in bold."""
    word, kind = verdict(status, stopped)
    colour = {"pass": P.GOOD_HTML, "fail": P.WARN_HTML, "ahead": P.GOOD_HTML}.get(
        kind, P.TEXT_DIM_HTML)
    return f"<font color='{colour}'>{f'<b>{word}</b>' if kind in ('pass', 'fail') else word}</font>"


def _is_event(line: str) -> bool:
    """A timeline line about a scenario event ("Month 4 · EVENT ..."), not a decision whose
    rationale happens to contain the word."""
    _turn, sep, rest = line.partition(" · ")
    return bool(sep) and rest.startswith("EVENT ")


class DebriefScene(WhiteCellView, Scene):
    """The debrief, projected to the class: the public view by default; the instructor's
    "White-cell view" button (the turn report's) adds the white cell's reasons, its
    confidential injects, any refused action and the events' expected player actions to the
    timeline."""

    name = "debrief"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.chart = "flows"
        self.images: dict[str, pygame.Surface] = {}
        self.pngs: dict[str, bytes] = {}
        self._drawn_at: dict[str, tuple[int, int]] = {}  # chart -> the pixel size drawn at
        self._scaled: tuple | None = None
        self._layout()
        self._render()
        if self.images and self.chart not in self.images:
            self.chart = next(iter(self.images))

    def _layout(self) -> None:
        """The chart's area at this window size: the left column under the chart buttons,
        less the caption under it. The caption's room is that of the longest note, so every
        chart is drawn at the same size."""
        w, h = self.app.size
        top = 58 + len(self._tab_rows()) * 38 + 4  # under the chart buttons
        area = pygame.Rect(40, top, int(w * 0.58) - 40, h - top - 90)
        font = self.app.theme_font("@dim")
        self.notes = chart_notes()
        lines = max((len(wrap_px(font, n, area.w)) for n in self.notes.values()), default=0)
        caption_h = lines * font.get_linesize() + 12 if lines else 0
        self.chart_rect = pygame.Rect(area.x, area.y, area.w, area.h - caption_h)

    def _tab_rows(self) -> list[list[tuple[str, int]]]:
        """The chart buttons as rows of (chart, width) within the left column: one row of
        buttons 110 px wide or less when their labels fit, else as few even rows as fit
        (two rows of three in a window 960 px wide)."""
        room = int(self.app.size[0] * 0.58) - 40
        keys = list(self.images) or list(CHART_LABELS)  # before the charts are drawn: all
        font = self.app.theme_font("button")
        need = max(font.size(CHART_LABELS.get(k, k))[0] + 24 for k in keys)
        for n_rows in range(1, len(keys) + 1):
            per_row = -(-len(keys) // n_rows)
            bw = min(110, (room + 6) // per_row - 6)
            if bw >= need or per_row == 1:
                return [[(k, bw) for k in keys[i:i + per_row]]
                        for i in range(0, len(keys), per_row)]
        return []

    def _chart_size(self) -> tuple[int, int]:
        """The chart image's pixels: its card less a 4-pixel white margin."""
        r = self.chart_rect
        return (max(120, r.w - 8), max(90, r.h - 8))

    def _chart_dpi(self) -> int:
        """The window's text scale; lower in a narrow column (960x600), so that the chart's
        lines keep the proportions they have from 600 px up. The text does not follow the
        dpi: it is `_chart_text_px` pixels."""
        return round(100 * min(self.app.fonts.scale, self._chart_size()[0] / CHART_TEXT_WIDTH))

    def _chart_text_px(self) -> float:
        """The pixel size of the chart's text: that of the screen's captions, at every window
        size (12 px or more at 960x600, where a dpi-scaled text came out at 9 or 10 px)."""
        return CHART_TEXT_PX * self.app.fonts.scale

    def _render(self, only: tuple[str, ...] | None = None) -> None:
        """Draw the charts (or `only` these) at the chart area's own pixel size, with a dpi
        that follows the window's text scale, so they are sharp and their text is as
        readable as the rest of the screen."""
        s = self.app.session
        px = self._chart_size()
        dpi = self._chart_dpi()
        try:
            from game.persistence.charts import render_charts

            pngs = render_charts(getattr(s.game, "history", []) or [],
                                 names=display_names(s.scenario),
                                 size=(px[0] / dpi, px[1] / dpi), dpi=dpi,
                                 turn_label=s.scenario.turn_label, only=only,
                                 fixed_size=True, text_px=self._chart_text_px())
        except Exception as exc:  # charts are a nicety: report, keep the rest of the debrief
            self.app.show_error("Charts unavailable", [f"{type(exc).__name__}: {exc}"])
            return
        for k, b in pngs.items():
            self.pngs[k] = b
            self.images[k] = pygame.image.load(io.BytesIO(b), f"{k}.png")
            self._drawn_at[k] = px

    def build(self) -> None:
        w, h = self.app.size
        s = self.app.session
        self.label((40, 14, w - 80, 40), f"Debrief: {s.scenario.title}", object_id="@heading")
        left_w = int(w * 0.58)
        self._layout()
        if self.chart in self.images and self._drawn_at.get(self.chart) != self._chart_size():
            self._render((self.chart,))  # the window changed size: redraw the one shown
        for row_i, row in enumerate(self._tab_rows() if self.images else []):
            x = 40
            for key, bw in row:
                b = self.button((x, 58 + 38 * row_i, bw, 32), CHART_LABELS.get(key, key),
                                lambda k=key: self.show(k))
                if key == self.chart:
                    b.select()
                x += bw + 6
        rx = left_w + 20
        rw = w - rx - 40
        self.textbox((rx, 58, rw, int((h - 150) * 0.45)), self._summary_html())
        ty = 58 + int((h - 150) * 0.45) + 10
        self.white_view = self.white_view and bool(self.app.instructor)
        heading = self.app.first_fitting(
            WHITE_TIMELINE_HEADINGS if self.white_view else TIMELINE_HEADINGS, rw - 16,
            "@subheading")
        self.label((rx, ty, rw, 24), heading, object_id="@subheading")
        lines = timeline(s, only=delegation_turns(s), events=True, white=self.white_view)
        self.textbox((rx, ty + 28, rw, h - ty - 28 - 90),
                     "<br>".join(f"<font color='{P.WARN_HTML}'>{html_escape(x_)}</font>"
                                 if _is_event(x_) else html_escape(x_)
                                 for x_ in lines[-200:]) or "No decisions yet.")
        self.button((40, h - 70, 220, 44), "Export PNG + HTML", self.export,
                    "Write the charts and the after-action report into saves/")
        self.button((276, h - 70, 220, 44), "Step through turns", self.history,
                    "Look back turn by turn; resume from any turn as a new game")
        self.button((w - 40 - 200, h - 70, 200, 44), "Title screen", self.title,
                    object_id="@primary")
        self.white_view_button(
            (512, h - 70, min(200, w - 40 - 200 - 12 - 512), 44),
            "Show what only the white cell knows in the timeline (its reasons, confidential "
            "injects, refused actions): students should look away. Click again to hide it.")

    def _summary_html(self) -> str:
        s = self.app.session
        reports = s.reports
        parts = []
        if reports:
            seized = sum(r.seized for r in reports)
            delivered = sum(r.delivered for r in reports)
            shipped = sum(r.shipped for r in reports)
            base = [r.baseline_delivered for r in reports if r.baseline_delivered is not None]
            parts.append(f"<b>{sentence(turns_text(s.scenario, len(reports)))}.</b> Shipped "
                         f"{shipped:.1f} t, seized "
                         f"{seized:.1f} t ({(seized / shipped * 100) if shipped else 0:.0f}%), "
                         f"delivered {delivered:.1f} t.")
            if base:
                b = sum(base)
                parts.append(f"Doing nothing, {b:.1f} t would have been delivered: "
                             f"{baseline_phrase(delivered, b)}.")
            could = sum(r.hindsight_seizable for r in reports)
            exp = sum(r.hindsight_expected for r in reports)
            if could > 0:  # the share is capped at 100% as in each turn's report
                parts.append(hindsight_line(min(1.0, exp / could), could, game=True))
        parts.append("<br><b>Objectives</b>")
        stopped = bool(reports) and len(reports) < s.scenario.turns
        if stopped:
            parts.append(f"The game stopped after {s.scenario.turn_name(len(reports))} of "
                         f"{s.scenario.turns}: an objective judged at the end of the game is "
                         "read as it stood then.")
        for who, text, status, reads in objective_rows(s):
            parts.append(f"{_mark(status, stopped)} {html_escape(who)}: {html_escape(text)} — "
                         f"{html_escape(reads.sentence)}")
        return "<br>".join(parts)

    def show(self, key: str) -> None:
        self.chart = key
        self.app.rebuild()

    def draw(self, surface) -> None:
        img = self.images.get(self.chart)
        r = self.chart_rect
        if img is None:
            pygame.draw.rect(surface, (250, 250, 250), r, border_radius=4)
            t = self.app.fonts.get(14).render("No charts: play at least one turn.", True,
                                              (60, 60, 60))
            surface.blit(t, t.get_rect(center=r.center))
            return
        iw, ih = img.get_size()
        if iw > r.w - 8 or ih > r.h - 8:  # drawn for another size: shrink it to fit
            key = (self.chart, r.size)
            if self._scaled is None or self._scaled[0] != key:
                k = min((r.w - 8) / iw, (r.h - 8) / ih)
                self._scaled = (key, pygame.transform.smoothscale(
                    img, (max(1, int(iw * k)), max(1, int(ih * k)))))
            img = self._scaled[1]
        at = img.get_rect(midtop=(r.centerx, r.y + 4))  # the white card hugs the chart
        card = at.inflate(8, 8)
        pygame.draw.rect(surface, (250, 250, 250), card, border_radius=4)
        surface.blit(img, at)
        font = self.app.theme_font("@dim")
        y = card.bottom + 8
        for line in wrap_px(font, self.notes.get(self.chart, ""), r.w):
            surface.blit(font.render(line, True, P.TEXT_DIM), (r.x, y))
            y += font.get_linesize()

    def export(self) -> None:
        """Charts as PNG, the self-contained HTML report and the CSV, via game.persistence."""
        from pathlib import Path

        from game.persistence.games import game_identity
        from game.persistence.report import export_debrief

        s = self.app.session
        _sid, gid, _turn = game_identity(s.game)
        folder = Path(s.saves_dir or self.app.saves_dir) / f"debrief-{s.scenario.id}-{gid}"
        # the report names the game's save file only when there is one to name: the last
        # autosave, if it went well (a game played without autosave has none)
        save = getattr(s, "last_autosave", None)
        if save is None or getattr(s, "autosave_error", None) or not Path(save).is_file():
            save = None
        written = export_debrief(s.game, folder, save=save)
        self.exported = [Path(p) for p in written]
        self.app.message("Debrief exported", [str(p) for p in written] or ["nothing to write"])

    def history(self) -> None:
        from game.ui.scenes.history import HistoryScene

        app = self.app
        app.switch(HistoryScene(app, app.session, back=lambda: DebriefScene(app)))

    def title(self) -> None:
        from game.ui.scenes.title import TitleScene

        self.app.session = None
        self.app.switch(TitleScene(self.app))

