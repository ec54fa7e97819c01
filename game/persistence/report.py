"""The after-action report: a self-contained HTML page and a CSV of per-turn metrics.

    write_report([save], out_dir)             -> report.html, <game>-turns.csv, charts inline
    write_report([save1, save2, ...], out_dir) -> a side-by-side comparison of several teams

Everything from a scenario or a save is escaped (`html.escape`) before it enters the page;
the page has no scripts and loads nothing from the network (charts are base64 PNGs).
"""

from __future__ import annotations

import base64
import csv
import html
import io
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from game.core.errors import InterdictError
from game.core.model import Scenario
from game.core.state import adaptation_name
from game.persistence.charts import (
    CHART_NOTES,
    CHART_TITLES,
    COMPARISON_TITLES,
    OKABE_ITO,
    render_charts,
    render_comparison_charts,
)
from game.persistence.files import write_bytes_atomic, write_text_atomic
from game.persistence.names import (
    action_text,
    amount_text,
    chart_names,
    entity_name,
    player_text,
)
from game.persistence.objective_text import describe_objective, verdict
from game.persistence.records import (
    TurnRow,
    computer_played,
    human_turns,
    seat_history,
    turn_rows,
)
from game.persistence.saves import read_save

# ---------------------------------------------------------------------------------------------
# The data a report is built from


@dataclass
class ReportGame:
    """One saved game, ready for the report."""

    path: Path | None  # the save file; None for a live game not saved under a known name
    data: dict[str, Any]  # the verified, migrated save
    scenario: Scenario | None  # None when the embedded scenario no longer loads
    rows: list[TurnRow]
    label: str  # how the game is called in comparisons (the file name)
    # the students' copy: without what the white cell keeps from the seats (the events'
    # expected player actions, the instructor's actions and their reasons, the injects
    # addressed to particular seats)
    students: bool = False

    @property
    def game_id(self) -> str:
        return str(self.data["game"]["id"])

    @property
    def stopped(self) -> bool:
        """The white cell ended the game before its last turn."""
        from game.persistence.games import ENDED_EARLY

        return bool((self.data.get("options") or {}).get(ENDED_EARLY)) and \
            len(self.data["history"]) < int(self.data["turns"])

    @property
    def history(self) -> list[dict[str, Any]]:
        return list(self.data["history"])

    @property
    def title(self) -> str:
        if self.scenario is not None:
            return self.scenario.title
        return str(self.data["scenario"].get("title") or self.data["scenario"]["id"])

    def name(self, kind: str, ident: str) -> str:
        return entity_name(self.scenario, kind, ident) or ident

    def names(self) -> dict[str, str]:
        return chart_names(self.scenario)

    @cached_property
    def seat_history(self) -> dict[str, list[tuple[int, str]]]:
        """Who played each side from which turn (the white cell may have handed sides over)."""
        return seat_history(self.data.get("start_seats") or self.data.get("seats") or {},
                            self.history)

    @cached_property
    def standing(self) -> dict[str, Any]:
        """The standing orders of a headless run (`interdict run --orders`), by side."""
        return dict(self.data.get("standing") or {})

    def who_played(self, side: str) -> str:
        """"played by students", "played by the computer (baseline policy)", or for a side
        that changed hands "played by students, then from Month 4 by the computer
        (baseline policy)"; "played by standing orders" for a side a headless run gave
        them."""
        changes = self.seat_history.get(side) or []
        if not changes:
            return ""
        if side in self.standing and all(spec != "human" for _turn, spec in changes):
            return f"played by standing orders (the same every {self.turn_label.lower()})"
        parts = [player_text(changes[0][1])]
        for turn, spec in changes[1:]:
            when = self.scenario.turn_name(turn) if self.scenario is not None else f"turn {turn}"
            parts.append(f"from {when} by {player_text(spec)}")
        return "played by " + ", then ".join(parts)

    def computer_policy(self, side: str, turn: int, rationale: str = "",
                        orders: Mapping[str, Any] | None = None) -> str | None:
        """The seat ("ai:baseline") when the computer played `side` in `turn`, "standing"
        when its `orders` that turn were the run's standing orders, None when students
        played it (see `computer_played`)."""
        if orders is not None and self.standing.get(side) == orders:
            return "standing"
        return computer_played(self.seat_history, side, turn, rationale)

    def injects(self, turn_entry: Mapping[str, Any]) -> dict[str, str | None]:
        """The white cell's injects of a turn (an entry of the history), {card id: title},
        in order; the title is None for a card this copy keeps out: in the students' copy,
        one addressed to particular seats (confidential), an inject or a scenario event."""
        out: dict[str, str | None] = {}
        for c in turn_entry["report"].get("event_cards") or ():
            if not isinstance(c, Mapping):
                continue
            hidden = self.students and bool(c.get("audience"))
            if c.get("instructor"):
                out[str(c.get("id", ""))] = None if hidden else str(c.get("title") or "")
            elif hidden:
                out[str(c.get("id", ""))] = None
        return out

    def inject_titles(self) -> dict[int, dict[str, str | None]]:
        """`injects` of every turn, by turn number (for the CSV)."""
        return {int(entry["turn"]): self.injects(entry) for entry in self.history}

    @property
    def turn_label(self) -> str:
        """What the scenario calls a turn ("Month"), for the charts' x axis."""
        return self.scenario.turn_label if self.scenario is not None else "Turn"

    @cached_property
    def charts(self) -> dict[str, bytes]:
        """The report's charts as PNG bytes by name, drawn once for the page and the files."""
        return render_charts(self.rows, names=self.names(), turn_label=self.turn_label)


def load_report_game(path: str | os.PathLike[str]) -> ReportGame:
    data = read_save(path)
    scenario = _load_embedded(data, path)
    p = Path(path)
    return ReportGame(path=p, data=data, scenario=scenario, rows=turn_rows(data["history"]),
                      label=p.stem)


def _load_embedded(data: dict[str, Any], path: str | os.PathLike[str]) -> Scenario | None:
    """The save's own scenario, as `load_game` builds it (embedded briefing files, the game
    length chosen at the start); None when it no longer loads: the report then shows ids."""
    from game.persistence.games import scenario_of_save

    try:
        return scenario_of_save(data, path)
    except InterdictError:
        return None


# ---------------------------------------------------------------------------------------------
# Summary numbers


@dataclass(frozen=True)
class Totals:
    turns: int
    produced: float
    shipped: float
    seized: float
    delivered: float
    detected: float
    baseline_delivered: float | None
    hindsight_seizable: float
    hindsight_expected: float
    leaks: int

    @property
    def seized_share(self) -> float:
        return self.seized / self.shipped if self.shipped > 0 else 0.0

    @property
    def reduction(self) -> float | None:
        """1 - delivered / delivered with no action (None without a baseline)."""
        if self.baseline_delivered is None or self.baseline_delivered <= 0:
            return None
        return 1.0 - self.delivered / self.baseline_delivered

    @property
    def hindsight_share(self) -> float | None:
        if self.hindsight_seizable <= 0:
            return None
        return min(1.0, self.hindsight_expected / self.hindsight_seizable)


def totals(rows: Sequence[TurnRow]) -> Totals:
    has_base = bool(rows) and all(r.baseline_delivered is not None for r in rows)
    return Totals(
        turns=len(rows),
        produced=sum(r.produced for r in rows),
        shipped=sum(r.shipped for r in rows),
        seized=sum(r.seized for r in rows),
        delivered=sum(r.delivered for r in rows),
        detected=sum(r.detected for r in rows),
        baseline_delivered=sum(r.baseline_delivered or 0.0 for r in rows) if has_base else None,
        hindsight_seizable=sum(r.hindsight_seizable for r in rows),
        hindsight_expected=sum(r.hindsight_expected for r in rows),
        leaks=sum(r.leaks for r in rows),
    )


def hindsight_sentence(t: Totals) -> str:
    """The hindsight comparison over the game, in the in-game debrief's words: the engine
    measures every Blue nation's assets together, those the computer runs included."""
    if t.hindsight_share is None:
        return ("Blue's assets (all nations, computer-run included) had nothing within reach "
                "to seize, so there is no hindsight comparison.")
    return (f"Over the game, Blue's placements (all nations, computer-run included) could "
            f"expect {t.hindsight_share:.0%} of what the same assets could have seized "
            f"({t.hindsight_seizable:,.1f} t) placed knowing the flows: placed as they were, "
            f"they could expect {t.hindsight_expected:,.1f} t.")


def baseline_sentence(t: Totals) -> str:
    if t.reduction is None:
        return "No no-action baseline was recorded for this game."
    if t.reduction >= 0:
        return (f"{t.delivered:,.1f} t reached the markets, against {t.baseline_delivered:,.1f} t "
                f"if no nation had acted: {t.reduction:.0%} less.")
    return (f"{t.delivered:,.1f} t reached the markets, against {t.baseline_delivered:,.1f} t "
            f"if no nation had acted: {-t.reduction:.0%} more than doing nothing.")


def final_objectives(game: ReportGame) -> dict[str, dict[str, Any]]:
    """The objectives' status in the last turn report ({} when none)."""
    if not game.history:
        return {}
    return {k: dict(v) for k, v in (game.history[-1]["report"].get("objectives") or {}).items()}


# ---------------------------------------------------------------------------------------------
# CSV

BASE_COLUMNS = (
    "turn", "produced", "shipped", "seized", "delivered", "detected", "baseline_delivered",
    "delivered_reduction", "seized_share", "hindsight_seizable", "hindsight_expected",
    "hindsight_share", "leaks", "events", "injects",
)
NATION_FIELDS = ("seized", "violence", "corruption", "governance", "spent")


def csv_columns(rows: Sequence[TurnRow]) -> list[str]:
    cols = list(BASE_COLUMNS)
    nations = _keys(r.by_nation for r in rows)
    alliances = _keys(r.by_alliance for r in rows)
    routes = _keys(r.by_route for r in rows)
    for f in NATION_FIELDS:
        cols += [f"{f}.{n}" for n in nations]
    cols += [f"cohesion.{a}" for a in alliances]
    cols += [f"flow.{r}" for r in routes]
    cols += [f"seized_on.{r}" for r in routes]
    return cols


def _keys(maps: Any) -> list[str]:
    out: list[str] = []
    for m in maps:
        for k in m:
            if k not in out:
                out.append(k)
    return out


def _fmt(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v) if v == v else ""  # exact: the shortest text that reads back equal
    return str(v)


def csv_text(rows: Sequence[TurnRow],
             injects: Mapping[int, Mapping[str, str | None]] | None = None) -> str:
    """The per-turn CSV. `injects` ({turn: {card id: title, or None to leave it out}},
    `ReportGame.inject_titles`) puts the white cell's injects by title in the "injects"
    column (titles separated by "; "), out of "events", which keeps the scenario events'
    ids."""
    injects = injects or {}
    cols = csv_columns(rows)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        vals: dict[str, Any] = {
            "turn": r.turn, "produced": r.produced, "shipped": r.shipped, "seized": r.seized,
            "delivered": r.delivered, "detected": r.detected,
            "baseline_delivered": r.baseline_delivered,
            "delivered_reduction": r.delivered_reduction, "seized_share": r.seized_share,
            "hindsight_seizable": r.hindsight_seizable,
            "hindsight_expected": r.hindsight_expected, "hindsight_share": r.hindsight_share,
            "leaks": r.leaks,
            "events": " ".join(x for x in r.events if x not in injects.get(r.turn, {})),
            "injects": "; ".join(title for title in injects.get(r.turn, {}).values()
                                 if title is not None),
        }
        for n, d in r.by_nation.items():
            for f in NATION_FIELDS:
                if f in d:
                    vals[f"{f}.{n}"] = float(d[f])
        for a, d in r.by_alliance.items():
            if "cohesion" in d:
                vals[f"cohesion.{a}"] = float(d["cohesion"])
        for rid, d in r.by_route.items():
            vals[f"flow.{rid}"] = float(d.get("flow", 0.0))
            vals[f"seized_on.{rid}"] = float(d.get("seized", 0.0))
        w.writerow([_fmt(vals.get(c)) for c in cols])
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# HTML

SECTIONS = (
    ("summary", "Summary"),
    ("objectives", "Objectives"),
    ("charts", "Charts"),
    ("turns", "Turn by turn"),
    ("events", "Events timeline"),
    ("leaks", "Leaks"),
    ("decisions", "Decisions and rationale"),
    ("instructor", "Instructor actions"),
    ("game", "About this game"),
)
COMPARE_SECTIONS = (
    ("summary", "Teams side by side"),
    ("objectives", "Objectives"),
    ("charts", "Charts"),
    ("turns", "Delivered per turn"),
    ("games", "The games"),
)

CSS = f"""
:root {{ --ink:#1f2933; --muted:#5f6b7a; --line:#e3e7ec; --bg:#f7f8fa; --blue:{OKABE_ITO[0]};
  --orange:{OKABE_ITO[1]}; --green:{OKABE_ITO[2]}; --red:{OKABE_ITO[3]}; }}
* {{ box-sizing: border-box; }}
html {{ font-size: 15px; }}
body {{ margin:0; color:var(--ink); background:var(--bg); line-height:1.5;
  font-family: "Source Sans 3", "Segoe UI", system-ui, -apple-system, "Helvetica Neue",
  Arial, sans-serif; }}
header.top {{ background:#14283c; color:#fff; padding:28px 0 22px; }}
header.top .wrap > p {{ margin:4px 0 0; color:#c9d6e3; }}
.wrap {{ max-width:1080px; margin:0 auto; padding:0 24px; }}
h1 {{ font-size:1.9rem; margin:0; font-weight:650; letter-spacing:-0.01em; }}
h2 {{ font-size:1.3rem; margin:0 0 12px; font-weight:650; }}
h3 {{ font-size:1.05rem; margin:18px 0 6px; font-weight:650; }}
nav.toc {{ background:#fff; border-bottom:1px solid var(--line); position:sticky; top:0; }}
nav.toc a {{ display:inline-block; padding:10px 12px; color:var(--muted); text-decoration:none;
  font-size:0.92rem; }}
nav.toc a:hover {{ color:var(--blue); }}
section {{ background:#fff; border:1px solid var(--line); border-radius:10px; padding:22px 26px;
  margin:22px 0; }}
.lede {{ font-size:1.15rem; margin:0 0 14px; }}
.cards {{ display:grid; grid-template-columns:repeat(auto-fit, minmax(170px, 1fr)); gap:12px;
  margin:14px 0; }}
.card {{ border:1px solid var(--line); border-radius:8px; padding:12px 14px; }}
.card .v {{ font-size:1.45rem; font-weight:650; font-variant-numeric:tabular-nums; }}
.card .k {{ color:var(--muted); font-size:0.85rem; }}
table {{ border-collapse:collapse; width:100%; font-size:0.9rem; margin:6px 0 10px; }}
th, td {{ text-align:left; padding:6px 10px; border-bottom:1px solid var(--line);
  vertical-align:top; }}
th {{ color:var(--muted); font-weight:600; font-size:0.8rem; background:#fbfcfd;
  border-bottom:2px solid var(--line); }}
td.turn {{ white-space:nowrap; }}
td.n, th.n {{ text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }}
th.n {{ white-space:normal; }}
td.wide {{ min-width:13em; }}
tbody tr:nth-child(even) {{ background:#fafbfc; }}
.scroll {{ overflow-x:auto; }}
.pass {{ color:#fff; background:var(--green); border-radius:4px; padding:1px 8px;
  font-size:0.82rem; font-weight:600; }}
.fail {{ color:#fff; background:var(--red); border-radius:4px; padding:1px 8px;
  font-size:0.82rem; font-weight:600; }}
.pending {{ color:var(--ink); background:#e8ecf0; border-radius:4px; padding:1px 8px;
  font-size:0.82rem; }}
figure {{ margin:16px 0; }}
figure img {{ max-width:100%; height:auto; border:1px solid var(--line); border-radius:6px; }}
figcaption {{ color:var(--muted); font-size:0.85rem; }}
.timeline {{ list-style:none; padding:0; margin:0; border-left:3px solid var(--line); }}
.timeline li {{ margin:0 0 14px 0; padding-left:16px; position:relative; }}
.timeline li::before {{ content:""; position:absolute; left:-8px; top:6px; width:13px;
  height:13px; border-radius:50%; background:var(--orange); border:2px solid #fff; }}
.timeline .t {{ color:var(--muted); font-size:0.85rem; }}
.timeline .title {{ font-weight:650; }}
.text {{ white-space:pre-wrap; }}
.timeline .expected {{ margin-top:4px; padding:4px 8px; border-left:3px solid var(--line);
  background:rgba(127,127,127,0.08); }}
.timeline .expected .label {{ font-weight:650; }}
td.wrap {{ white-space:normal; }}
.rationale {{ border-left:3px solid var(--blue); padding:2px 10px; margin:4px 0; color:#33404d;
  white-space:pre-wrap; font-style:italic; }}
.muted {{ color:var(--muted); }}
details > summary {{ cursor:pointer; margin:2px 0 8px; }}
@media print {{ details > summary {{ display:none; }} }}
.small {{ font-size:0.85rem; }}
footer {{ color:var(--muted); font-size:0.85rem; padding:10px 0 40px; }}
@media print {{ nav.toc {{ display:none; }} section {{ break-inside:avoid-page; }}
  body {{ background:#fff; }} }}
"""


def e(text: Any) -> str:
    """Escape anything for HTML text and attribute values. A file name that is not UTF-8
    (its odd bytes held as surrogates) shows them as \ufffd: the page stays UTF-8."""
    text = "" if text is None else str(text)
    if not text.isascii():
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return html.escape(text, quote=True)


def _num(v: float | None, digits: int = 1) -> str:
    return "–" if v is None else f"{v:,.{digits}f}"


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{v:.0%}"


def _img(name: str, png: bytes, title: str, note: str = "") -> str:
    b64 = base64.b64encode(png).decode("ascii")
    return (f'<figure id="chart-{e(name)}"><img alt="{e(title)}" '
            f'src="data:image/png;base64,{b64}"><figcaption>{e(note or title)}</figcaption>'
            "</figure>")


def _page(title: str, subtitle: str, sections: Sequence[tuple[str, str]],
          bodies: Mapping[str, str]) -> str:
    nav = "".join(f'<a href="#{sid}">{e(label)}</a>' for sid, label in sections)
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "img-src data:; style-src 'unsafe-inline'\">",
        f"<title>{e(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
        f'<header class="top"><div class="wrap"><h1>{e(title)}</h1><p>{e(subtitle)}</p>'
        "</div></header>",
        f'<nav class="toc"><div class="wrap">{nav}</div></nav>', '<main class="wrap">',
    ]
    for sid, label in sections:
        parts.append(f'<section id="{sid}"><h2>{e(label)}</h2>{bodies[sid]}</section>')
    parts += ['</main><footer class="wrap">Written by Interdict. Charts use the Okabe–Ito '
              "colour-blind-safe palette. Numbers are tons unless marked.</footer>",
              "</body></html>"]
    return "\n".join(parts) + "\n"


_WIDE = frozenset({"Events", "Rationale", "Operations", "Action", "Objective", "Moves"})


def _table(head: Sequence[tuple[str, bool]], body_rows: Sequence[Sequence[str]]) -> str:
    """head: (label, numeric); cells are already-escaped HTML."""
    th = "".join(f'<th class="n">{e(h)}</th>' if n else f"<th>{e(h)}</th>" for h, n in head)
    trs = []
    classes = []
    for i, (label, numeric) in enumerate(head):
        if numeric:
            classes.append(' class="n"')
        elif i == 0 and label == "Turn":
            classes.append(' class="turn"')
        elif label in _WIDE:
            classes.append(' class="wide"')
        else:
            classes.append("")
    for row in body_rows:
        tds = "".join(f"<td{classes[i]}>{c}</td>" for i, c in enumerate(row))
        trs.append(f"<tr>{tds}</tr>")
    return (f'<div class="scroll"><table><thead><tr>{th}</tr></thead>'
            f'<tbody>{"".join(trs)}</tbody></table></div>')


def _seats_in_brief(g: ReportGame) -> str:
    """Who played a game's sides, by group: "students: United States, Colombia · standing
    orders: Panama · the computer: the other 10" (a side that changed hands counts as played
    by students if they played it at all)."""
    groups: dict[str, list[str]] = {"students": [], "standing orders": [], "the computer": []}
    sc = g.scenario
    for side in g.data["seats"]:
        kind = "nation" if sc is None or side in sc.nations else "trafficker"
        who = g.who_played(side)
        key = ("students" if "students" in who else
               "standing orders" if "standing orders" in who else "the computer")
        groups[key].append(g.name(kind, side))
    parts = []
    for key, names in groups.items():
        if not names:
            continue
        if key == "the computer" and len(parts) and len(names) > 3:
            parts.append(f"{key}: the other {len(names)}")
        else:
            parts.append(f"{key}: {', '.join(names)}")
    return " · ".join(parts)


def _branched_from(g: ReportGame, games: Sequence[ReportGame]) -> str:
    """"team-a, after Month 4" when the game is a branch of another compared game (they
    share those months), the parent's id when it is not among them, "" for no branch."""
    parent = g.data["game"].get("parent")
    if not isinstance(parent, Mapping):
        return ""
    of = next((o.label for o in games if o.game_id == parent.get("id")),
              f"game {parent.get('id')}")
    return f"{of}, after {_branch_point(g, parent.get('turn'))}"


def _branch_point(g: ReportGame, turn: Any) -> str:
    """The month a branch left its game after: "Month 4", or "the start"."""
    if g.scenario is not None and isinstance(turn, int) and turn > 0:
        return g.scenario.turn_name(turn)
    return "the start" if turn == 0 else f"turn {turn}"


def _badge(status: Mapping[str, Any] | None, stopped: bool = False) -> str:
    """The objective's `verdict` as the page's badge."""
    word, kind = verdict(status, stopped)
    return f'<span class="{kind if kind in ("pass", "fail") else "pending"}">{word}</span>'


# --- sections of a single-game report -------------------------------------------------------


def _summary(g: ReportGame) -> str:
    t = totals(g.rows)
    total_turns = g.data["turns"]
    cards = [
        ("Turns played", f"{t.turns} of {total_turns}"),
        ("Shipped", f"{_num(t.shipped)} t"),
        ("Seized", f"{_num(t.seized)} t ({_pct(t.seized_share)})"),
        ("Delivered", f"{_num(t.delivered)} t"),
        ("Delivered with no action", "–" if t.baseline_delivered is None
         else f"{_num(t.baseline_delivered)} t"),
        ("Detected", f"{_num(t.detected)} t"),
        ("Intelligence leaks to traffickers", str(t.leaks)),
    ]
    card_html = "".join(f'<div class="card"><div class="v">{e(v)}</div><div class="k">{e(k)}'
                        "</div></div>" for k, v in cards)
    yardstick = ""
    if t.hindsight_share is not None and t.seized > t.hindsight_expected:
        yardstick = ('<p class="small muted" id="yardstick">The expected tons are a yardstick '
                     "for placing assets, not a forecast: they give each load one chance to be "
                     "intercepted on each route, while in play a load detected on one route can "
                     f"still be seized on the next, so the {_num(t.seized)} t seized can "
                     "exceed them.</p>")
    return (f'<p class="lede" id="hindsight">{e(hindsight_sentence(t))}</p>{yardstick}'
            f'<p id="baseline">{e(baseline_sentence(t))}</p><div class="cards">{card_html}</div>')


def _value_note(ob: Any, status: Mapping[str, Any] | None, scenario: Scenario | None) -> str:
    if ob is None or not status or not isinstance(status.get("value"), int | float):
        return ""
    text = describe_objective(ob, status, scenario).reading
    return f' <span class="muted small">{e(text)}</span>'


def _objectives(g: ReportGame) -> str:
    status = final_objectives(g)
    sc = g.scenario
    rows = []
    if sc is not None:
        for oid, ob in sc.objectives.items():
            st = status.get(oid)
            kind, _, sid = ob.side.partition(":")
            t = describe_objective(ob, st, sc)
            rows.append([_badge(st, g.stopped), e(g.name(kind, sid)), e(ob.text),
                         e(f"{t.measure} {t.target}"),
                         e(t.reading if t.value else "–")])
    else:
        for oid, st in status.items():
            rows.append([_badge(st), "", e(oid), "", e(_num(st.get("value"), 3))])
    if not rows:
        return '<p class="muted">This scenario sets no objectives.</p>'
    note = ""
    if g.stopped and sc is not None:
        note = (f'<p id="stopped">The white cell ended the game after '
                f'{e(sc.turn_name(len(g.history)))} of {int(g.data["turns"])}: an objective '
                "judged at the end of the game is read as it stood then.</p>")
    return note + _table([("Result", False), ("Side", False), ("Objective", False),
                          ("Target", False), ("Value", True)], rows)


def _charts(g: ReportGame) -> str:
    pngs = g.charts
    if not pngs:
        return '<p class="muted">No turn was played yet, so there is nothing to chart.</p>'
    return "".join(_img(k, v, CHART_TITLES[k], CHART_NOTES[k]) for k, v in pngs.items())


def _turns_table(g: ReportGame) -> str:
    if not g.rows:
        return '<p class="muted">No turn was played yet.</p>'
    sc = g.scenario
    rows = []
    injects = g.inject_titles()
    for r in g.rows:
        label = sc.turn_name(r.turn) if sc else f"Turn {r.turn}"
        mine = injects.get(r.turn, {})
        fired = [g.name("event", x) if x not in mine else f"White cell inject: {mine[x]}"
                 for x in r.events if x not in mine or mine[x] is not None]
        rows.append([e(label), _num(r.produced), _num(r.shipped), _num(r.detected),
                     _num(r.seized), _num(r.delivered), _num(r.baseline_delivered),
                     _pct(r.seized_share), _pct(r.hindsight_share), str(r.leaks),
                     e(", ".join(fired))])
    return _table([("Turn", False), ("Produced", True), ("Shipped", True), ("Detected", True),
                   ("Seized", True), ("Delivered", True), ("No-action delivered", True),
                   ("Seized share", True), ("Of possible", True), ("Leaks", True),
                   ("Events", False)], rows) + (
        '<p class="small muted">“Of possible”: expected seizure of Blue\'s placement (all '
        "nations, computer-run included) as a share of the best placement of the same "
        "assets, given the flows the traffickers chose. "
        "The same numbers are in the CSV file beside this page.</p>")


def _event_items(g: ReportGame) -> list[tuple[int, str, str, str, str]]:
    """(turn, title, text, audience, expected action) of every fired event and inject, in
    order."""
    items = []
    sc = g.scenario
    for entry in g.history:
        rep = entry["report"]
        turn = int(entry["turn"])
        cards = rep.get("event_cards") or []
        seen = set()
        for c in cards:
            if not isinstance(c, Mapping):
                continue
            eid = str(c.get("id", ""))
            seen.add(eid)
            aud = c.get("audience") or ()
            if aud and g.students:
                continue  # confidential (an inject or an event): for its seats and the white cell
            title = str(c.get("title") or g.name("event", eid))
            if c.get("instructor"):
                title = f"White cell inject: {title}"
            ev = sc.events.get(eid) if sc and not c.get("instructor") else None
            items.append((turn, title,
                          str(c.get("text", "")),
                          ", ".join(g.name("nation", a) if sc and a in sc.nations else str(a)
                                    for a in aud),
                          ev.expected_action if ev else ""))
        for eid in rep.get("events") or ():
            if eid in seen:
                continue
            ev = sc.events.get(eid) if sc else None
            if ev is not None and ev.audience and g.students:
                continue
            items.append((turn, ev.title if ev else str(eid), ev.text if ev else "",
                          ", ".join(ev.audience) if ev else "",
                          ev.expected_action if ev else ""))
    return items


def _leaks(g: ReportGame) -> str:
    """Every leak: whose shared intelligence reached the traffickers through which partner,
    and whether it was discovered (trust fell). The students' copy lists the discovered ones
    only, as the table saw them; the count per turn is in the turn table."""
    rows = []
    hidden = 0
    for entry in g.history:
        turn = int(entry["turn"])
        for leak in entry["report"].get("leaks") or ():
            if not isinstance(leak, Mapping):
                continue
            found = bool(leak.get("discovered"))
            if g.students and not found:
                hidden += 1
                continue
            label = g.scenario.turn_name(turn) if g.scenario is not None else f"Turn {turn}"
            rows.append([e(label), e(g.name("nation", str(leak.get("from", "")))),
                         e(g.name("nation", str(leak.get("to", "")))),
                         "discovered: trust fell" if found else
                         '<span class="muted">not discovered</span>'])
    if not rows:
        return ('<p class="muted">No leak came to light.</p>' if hidden else
                '<p class="muted">No intelligence leaked to the traffickers.</p>')
    note = ("<p>Each line: intelligence a nation shared reached the traffickers through a "
            "partner's corrupt officials; that month they knew where the sharer's assets "
            "were, which kept only part of their detection power. A discovered leak lowers "
            "the sharer's trust in the partner (and the partner's in the sharer a little)."
            + (" Leaks nobody discovered are in the instructor's copy." if g.students else "")
            + "</p>")
    return note + _table([(g.turn_label, False), ("Shared by", False),
                          ("Leaked through", False), ("", False)], rows)


def _events(g: ReportGame) -> str:
    items = _event_items(g)
    if not items:
        return '<p class="muted">No event fired in this game.</p>'
    sc = g.scenario
    lis = []
    for turn, title, text, aud, expected in items:
        label = sc.turn_name(turn) if sc else f"Turn {turn}"
        who = f' <span class="muted small">· shown to {e(aud)}</span>' if aud else ""
        exp = (f'<div class="text expected"><span class="label">Expected action:</span> {e(expected)}</div>'
               if expected and not g.students else "")
        lis.append(f'<li><div class="t">{e(label)}{who}</div><div class="title">{e(title)}</div>'
                   f'<div class="text">{e(text)}</div>{exp}</li>')
    return f'<ol class="timeline">{"".join(lis)}</ol>'


def _describe_blue(g: ReportGame, o: Mapping[str, Any]) -> tuple[str, str, str, str]:
    f = o.get("funding") or {}
    parts = []
    for k in ("operations", "procurement", "intelligence", "governance"):
        v = f.get(k, 0)
        if isinstance(v, int | float) and v:
            parts.append(f"{k} {amount_text(v)}")
    for p, v in (f.get("capacity_building") or {}).items():
        if v:
            parts.append(f"capacity building for {g.name('nation', p)} {amount_text(v)}")
    for a, v in (f.get("alliance_fund") or {}).items():
        if v:
            parts.append(f"alliance fund{'' if a == '*' else ' ' + g.name('alliance', a)} "
                         f"{amount_text(v)}")
    funding = "; ".join(parts) or "nothing spent"
    sharing = "; ".join(f"{g.name('nation', p)}: {lvl}" for p, lvl in
                        (o.get("sharing") or {}).items()) or "alliance defaults"
    dep = []
    for r, assets in (o.get("deploy") or {}).items():
        a = ", ".join(f"{c} {g.name('asset', k)}" for k, c in assets.items() if c)
        if a:
            dep.append(f"{g.name('route', r)}: {a}")
    buys = ", ".join(f"{c} {g.name('asset', k)}" for k, c in (o.get("buy") or {}).items() if c)
    grant = o.get("grant_access")
    extra = []
    if buys:
        extra.append(f"bought {buys}")
    if grant is not None:
        extra.append("access granted to " + (", ".join(g.name("nation", x) for x in grant)
                                             or "no one"))
    operations = "; ".join(dep) or "no deployment"
    if extra:
        operations += " — " + "; ".join(extra)
    return funding, sharing, operations, str(o.get("rationale") or "")


def _sharing_changes(g: ReportGame, before: Mapping[str, Any],
                     after: Mapping[str, Any]) -> str:
    """Sharing as changes since the nation's previous orders (the full list only once)."""
    changes = [f"{g.name('nation', p)}: {before.get(p, 'default')} → {lvl}"
               for p, lvl in after.items() if before.get(p) != lvl]
    changes += [f"{g.name('nation', p)}: {lvl} → default" for p, lvl in before.items()
                if p not in after]
    return "; ".join(changes) or "unchanged"


def _decisions(g: ReportGame) -> str:
    if not g.history:
        return '<p class="muted">No turn was played yet.</p>'
    sc = g.scenario
    seats = g.data.get("seats", {})
    played = human_turns(g.seat_history, len(g.history))
    by_nation: dict[str, list[tuple[int, Mapping[str, Any]]]] = {}
    for entry in g.history:
        for nid, o in (entry["orders"].get("blue") or {}).items():
            by_nation.setdefault(nid, []).append((int(entry["turn"]), o))
    rejected: dict[tuple[int, str], list[str]] = {}
    for entry in g.history:
        for r in entry["report"].get("rejected") or ():
            if isinstance(r, Mapping):
                rejected[(int(entry["turn"]), str(r.get("side")))] = [
                    str(x) for x in r.get("reasons") or ()]
    order = list(sc.nations) if sc else []
    order += [n for n in by_nation if n not in order]
    out = []
    for nid in order:
        seat = seats.get(nid, {})
        who = g.who_played(nid) if seat else ""
        out.append(f'<h3 id="decisions-{e(nid)}">{e(g.name("nation", nid))} '
                   f'<span class="muted small">{e(who)}</span></h3>')
        turns = by_nation.get(nid, [])
        if not turns:
            out.append('<p class="muted small">No orders recorded (no action).</p>')
            continue
        rows = []
        previous: Mapping[str, Any] | None = None
        for turn, o in turns:
            funding, sharing, ops, why = _describe_blue(g, o)
            current = o.get("sharing") or {}
            if previous is not None:
                sharing = _sharing_changes(g, previous, current)
            previous = current
            refused = rejected.get((turn, nid))
            if refused:
                ops = f"REJECTED, so no action this turn ({'; '.join(refused)}). Ordered: {ops}"
            label = sc.turn_name(turn) if sc else f"Turn {turn}"
            computer = g.computer_policy(nid, turn, why, o)
            if computer is not None:  # the policy's name, not a rationale anyone wrote
                why_html = f'<span class="muted small">played by {e(player_text(computer))}</span>'
            elif why.strip():
                why_html = f'<div class="rationale">{e(why)}</div>'
            else:
                why_html = '<span class="muted small">no rationale written</span>'
            rows.append([e(label), e(funding), e(sharing), e(ops), why_html])
        table = _table([("Turn", False), ("Funding", False), ("Intelligence sharing", False),
                        ("Operations", False), ("Rationale", False)], rows)
        if seat and not played.get(nid):  # the computer's orders all game: folded away
            out.append(f'<details><summary class="muted small">Show its {len(rows)} '
                       f"{g.turn_label.lower()}s of orders</summary>{table}</details>")
        else:
            out.append(table)
    red_rows = []
    for entry in g.history:
        for tid, o in (entry["orders"].get("red") or {}).items():
            extras = []
            if o.get("adaptations"):
                extras.append("adapted: " + ", ".join(adaptation_name(str(a))
                                                      for a in o["adaptations"]))
            if o.get("open_routes"):
                extras.append("opened: " + ", ".join(g.name("route", r) for r in o["open_routes"]))
            bribes = {k: v for k, v in (o.get("bribes") or {}).items() if v}
            if bribes:
                extras.append("bribes: " + ", ".join(f"{g.name('nation', k)} {amount_text(v)}"
                                                      for k, v in bribes.items()))
            why = str(o.get("rationale") or "")
            computer = g.computer_policy(tid, int(entry["turn"]), why, o)
            if computer is not None:
                why = f"played by {player_text(computer)}"
            if extras or (why and computer is None):
                red_rows.append([e(sc.turn_name(entry["turn"]) if sc else entry["turn"]),
                                 e(g.name("trafficker", tid)), e("; ".join(extras) or "–"),
                                 e(why)])
    if red_rows:
        out.append("<h3>Traffickers' notable moves</h3>")
        out.append(_table([("Turn", False), ("Trafficker", False), ("Moves", False),
                           ("Rationale", False)], red_rows))
    return "".join(out)


def _instructor(g: ReportGame) -> str:
    rows = []
    sc = g.scenario
    for entry in g.history:
        logged = list(entry["report"].get("instructor") or ())
        actions = logged or list(entry["orders"].get("instructor") or ())
        for a in actions:
            label = sc.turn_name(entry["turn"]) if sc else f"Turn {entry['turn']}"
            if a.get("applied") is False:
                outcome = "refused: " + "; ".join(str(x) for x in a.get("errors") or ())
            else:
                outcome = "applied"
            rows.append([e(label), e(a.get("kind", "")), e(action_text(g.scenario, a, detail=True)),
                         e(a.get("reason", "")), e(outcome)])
    if not rows:
        return '<p class="muted">The white cell took no action in this game.</p>'
    return _table([("Turn", False), ("Kind", False), ("Action", False), ("Reason", False),
                   ("Outcome", False)], rows)


def _about(g: ReportGame) -> str:
    d = g.data
    sc = d["scenario"]
    seats = d.get("seats", {})
    def now(s: str, v: Mapping[str, Any]) -> tuple[str, str]:
        if v.get("control") == "human":
            return "students", v.get("policy") or "–"
        if s in g.standing:
            return "standing orders", "–"
        return "computer", v.get("policy") or "–"

    seat_rows = [[e(g.name("nation", s) if g.scenario and s in g.scenario.nations
                    else g.name("trafficker", s)), *map(e, now(s, v)), e(g.who_played(s))]
                 for s, v in seats.items()]
    parent = d["game"].get("parent")
    facts = [
        ("Scenario", f"{sc.get('title') or g.title} ({sc['id']}, file {sc['file']})"),
        ("Scenario hash", sc["hash"]),
        ("Game", d["game"]["id"]),
        ("Seed", str(d["seed"])),
        ("Saved", str(d["game"].get("saved") or "–")),
    ]
    if g.path is not None:
        facts.append(("Save file", g.path.name))
    if parent:
        facts.append(("Branched from",
                      f"game {parent.get('id')} after {_branch_point(g, parent.get('turn'))}"))
    fact_html = _table([("", False), ("", False)], [[e(k), e(v)] for k, v in facts])
    return fact_html + "<h3>Seats</h3>" + _table(
        [("Side", False), ("Now played by", False), ("Policy", False), ("Over the game", False)],
        seat_rows)


def render_game_html(g: ReportGame) -> str:
    subtitle = (f"Scenario {g.data['scenario']['id']} · game {g.game_id} · seed "
                f"{g.data['seed']} · {len(g.rows)} of {g.data['turns']} "
                f"{g.turn_label.lower()}s played")
    bodies = {
        "summary": _summary(g), "objectives": _objectives(g), "charts": _charts(g),
        "turns": _turns_table(g), "events": _events(g), "leaks": _leaks(g),
        "decisions": _decisions(g),
        "instructor": "" if g.students else _instructor(g), "game": _about(g),
    }
    sections = SECTIONS
    if g.students:
        subtitle += (" · students' copy (no expected actions, no white-cell notes, no "
                     "confidential injects)")
        sections = tuple(x for x in SECTIONS if x[0] != "instructor")
    return _page(f"{g.title}: after-action report", subtitle, sections, bodies)


# --- comparison of several teams ------------------------------------------------------------


def render_comparison_html(games: Sequence[ReportGame]) -> str:
    first = games[0]
    labels = [g.label for g in games]
    tots = [totals(g.rows) for g in games]
    head = [("", False)] + [(lbl, True) for lbl in labels]
    lines = [
        ("Turns played", [str(t.turns) for t in tots]),
        ("Shipped (t)", [_num(t.shipped) for t in tots]),
        ("Seized (t)", [_num(t.seized) for t in tots]),
        ("Seized share", [_pct(t.seized_share) for t in tots]),
        ("Delivered (t)", [_num(t.delivered) for t in tots]),
        ("Delivered with no action (t)", [_num(t.baseline_delivered) for t in tots]),
        ("Less than doing nothing", [_pct(t.reduction) for t in tots]),
        ("Seized of what was possible", [_pct(t.hindsight_share) for t in tots]),
        ("Detected (t)", [_num(t.detected) for t in tots]),
        ("Intelligence leaks", [str(t.leaks) for t in tots]),
        ("Seed", [e(g.data["seed"]) for g in games]),
    ]
    summary = _table(head, [[e(k), *v] for k, v in lines])
    summary += "".join(f"<p><strong>{e(g.label)}</strong>: {e(hindsight_sentence(t))}</p>"
                       for g, t in zip(games, tots))

    obj_rows = []
    sc = first.scenario
    statuses = [final_objectives(g) for g in games]
    ids = list(sc.objectives) if sc else _keys(statuses)
    for oid in ids:
        ob = sc.objectives[oid] if sc else None
        obj_rows.append([e(ob.text if ob else oid),
                         *(_badge(s.get(oid)) + _value_note(ob, s.get(oid), sc)
                           for s in statuses)])
    objectives = (_table([("Objective", False)] + [(lbl, False) for lbl in labels], obj_rows)
                  if obj_rows else '<p class="muted">This scenario sets no objectives.</p>')

    charts = "".join(_img(k, v, t) for k, v, t in _comparison_charts(games))

    max_turns = max((len(g.rows) for g in games), default=0)
    turn_rows_html = []
    for i in range(max_turns):
        cells = []
        for g in games:
            cells.append(_num(g.rows[i].delivered) if i < len(g.rows) else "–")
        label = sc.turn_name(i + 1) if sc else f"Turn {i + 1}"
        turn_rows_html.append([e(label), *cells])
    turns_html = _table([("Turn", False)] + [(lbl, True) for lbl in labels], turn_rows_html)

    game_rows = [[e(g.label), e(g.game_id), e(g.data["seed"]),
                  e(f"{len(g.rows)} of {g.data['turns']}"), e(_seats_in_brief(g)),
                  e(_branched_from(g, games))]
                 for g in games]
    games_html = _table([("Team (file)", False), ("Game", False), ("Seed", True),
                         ("Turns", False), ("Seats", False), ("Branched from", False)],
                        game_rows) + (
        '<p class="small muted">Each team\'s full report (decisions, rationale, events) is '
        "written beside this page.</p>")
    bodies = {"summary": summary, "objectives": objectives, "charts": charts,
              "turns": turns_html, "games": games_html}
    return _page(f"{first.title}: {len(games)} teams compared",
                 f"Comparison of {len(games)} games of the same scenario",
                 COMPARE_SECTIONS, bodies)


def _comparison_charts(games: Sequence[ReportGame]) -> list[tuple[str, bytes, str]]:
    pngs = render_comparison_charts({g.label: g.rows for g in games},
                                    turn_label=games[0].turn_label)
    return [(k, v, COMPARISON_TITLES[k]) for k, v in pngs.items()]


# ---------------------------------------------------------------------------------------------
# Writing the files


def default_report_dir(game: ReportGame, saves_dir: Path | None = None) -> Path:
    from game.persistence.autosave import default_saves_dir, safe_name

    root = saves_dir if saves_dir is not None else default_saves_dir()
    return root / f"report-{safe_name(game.data['scenario']['id'])}-{game.game_id}"


STUDENTS_MARK = "-for-students"  # in the names of the students' files: report-for-students.html


def write_report(saves: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str] | None
                 = None, *, students: bool = False) -> list[Path]:
    """Write the report of one save, or the comparison of several; return the files written.
    `students`: the students' copy, without the events' expected actions and the white
    cell's actions and reasons."""
    if not saves:
        raise InterdictError("report: name at least one save file")
    games = [load_report_game(p) for p in saves]
    for g in games:
        g.students = students
    if len(games) > 1:
        hashes = {g.data["scenario"]["hash"] for g in games}
        if len(hashes) > 1:
            first = games[0]
            odd = next(g for g in games if g.data["scenario"]["hash"] != first.data["scenario"]["hash"])
            raise InterdictError(
                f"report: {odd.path} is a game of scenario '{odd.data['scenario']['id']}' "
                f"({odd.data['scenario']['file']}) but {first.path} is a game of "
                f"'{first.data['scenario']['id']}' ({first.data['scenario']['file']}), or of "
                "another version of it. Teams can only be compared on the same scenario: "
                "run the report once per scenario."
            )
        _unique_labels(games)
    out = Path(out_dir) if out_dir is not None else (
        default_report_dir(games[0]) if len(games) == 1 else
        default_report_dir(games[0]).with_name(
            f"compare-{games[0].data['scenario']['id']}-{len(games)}-teams"))
    if students and out_dir is None:  # beside the instructor's copy, never over it
        out = out.with_name(out.name + "-students")
    # the students' files have their own names: never over the instructor's, even in the
    # same --out folder
    mark = STUDENTS_MARK if students else ""
    if out.exists() and not out.is_dir():
        raise InterdictError(f"report: {out} exists and is not a folder: choose another --out")
    made = [d for d in (out, *out.parents) if not d.exists()]  # removed again on failure
    written: list[Path] = []
    try:
        for g in games:
            base = f"report{mark}" if len(games) == 1 else f"report-{g.label}{mark}"
            written.append(write_text_atomic(out / f"{base}.html", render_game_html(g)))
            written.append(write_text_atomic(out / f"{base}-turns.csv"
                                             if len(games) > 1 else out / f"turns{mark}.csv",
                                             csv_text(g.rows, g.inject_titles())))
        if len(games) > 1:
            written.insert(0, write_text_atomic(out / f"compare{mark}.html",
                                                render_comparison_html(games)))
    except BaseException:
        for d in made:  # innermost first; only the empty folders this call created
            try:
                d.rmdir()
            except OSError:
                break
        raise
    return written


def _unique_labels(games: Sequence[ReportGame]) -> None:
    seen: dict[str, int] = {}
    for g in games:
        n = seen.get(g.label, 0) + 1
        seen[g.label] = n
        if n > 1:
            g.label = f"{g.label}-{n}"


def export_debrief(game: Any, out_dir: str | os.PathLike[str],
                   save: str | os.PathLike[str] | None = None) -> list[Path]:
    """For the UI: write the report of a live `Game` (HTML, CSV, each chart as PNG), and
    beside it the students' copy (report-for-students.html and turns-for-students.csv: no
    expected actions, no white-cell notes, no confidential injects). `save`: the game's save
    file, named under "About this game" (left out when None)."""
    from game.persistence.games import game_to_data

    data = game_to_data(game)
    scenario = getattr(game, "scenario", None)
    g = ReportGame(path=Path(save) if save is not None else None, data=data,
                   scenario=scenario, rows=turn_rows(data["history"]),
                   label=data["game"]["id"])
    out = Path(out_dir)
    written = [write_text_atomic(out / "report.html", render_game_html(g)),
               write_text_atomic(out / "turns.csv", csv_text(g.rows, g.inject_titles()))]
    g.students = True
    written += [write_text_atomic(out / f"report{STUDENTS_MARK}.html", render_game_html(g)),
                write_text_atomic(out / f"turns{STUDENTS_MARK}.csv",
                                  csv_text(g.rows, g.inject_titles()))]
    for name, png in g.charts.items():
        written.append(write_bytes_atomic(out / f"chart-{name}.png", png))
    return written
