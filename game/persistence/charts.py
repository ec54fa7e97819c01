"""Debrief charts rendered to PNG bytes without a screen (matplotlib, Agg canvas).

`render_charts(records)` is shared by the HTML after-action report and the UI debrief:

    from game.persistence.charts import render_charts
    pngs = render_charts(game.history, names=scenario_names(game.scenario))
    # {"flows": b"\\x89PNG...", "hindsight": ..., "routes": ..., "violence": ...,
    #  "corruption": ..., "cohesion": ...}

Figures are built with `matplotlib.figure.Figure` and an Agg canvas directly (no pyplot, no
global state), so this is safe to call from any thread and never opens a window.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import FixedLocator, PercentFormatter

from game.persistence.records import TurnRow, turn_rows

# Okabe & Ito (2008), colour-blind safe; black last
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000",
             "#F0E442")  # yellow last: low contrast on white
INK = "#1f2933"
MUTED = "#6b7785"
GRID = "#e3e7ec"

# name -> what the chart shows, for captions
CHART_NOTES: dict[str, str] = {
    "flows": "Tons per turn. The dashed line is the same game with no nation acting (same "
             "seed, same traffickers): the gap to it is what the players' decisions changed.",
    "hindsight": "Bars: the seizure your deployment could expect, against the best deployment "
                 "of the same assets given the flows the traffickers actually chose. Dashes: "
                 "what was actually seized. Line: the share achieved.",
    "routes": "Tons per turn on the busiest routes. A shipment counts on every route it "
              "crosses. Flow leaving a route that is patrolled hard for another one is the "
              "balloon effect.",
    "violence": "Violence in each nation (0 to 1): it rises with the flow through the nation "
                "and with enforcement shocks, and falls with governance.",
    "corruption": "Corruption in each nation (0 to 1): it makes shared intelligence leak and "
                  "weakens interdiction; governance spending lowers it slowly, bribes raise it.",
    "cohesion": "Cohesion of each alliance (0 to 1): it follows trust between its members.",
}

# name -> title, shown in this order
CHART_TITLES: dict[str, str] = {
    "flows": "Tons per turn: what got through, against doing nothing",
    "hindsight": "Your placement against the best placement of the same assets",
    "routes": "Flow on the busiest routes",
    "violence": "Violence by nation",
    "corruption": "Corruption by nation",
    "cohesion": "Alliance cohesion",
}


def render_charts(
    records: Sequence[Any],
    *,
    names: Mapping[str, str] | None = None,
    size: tuple[float, float] = (9.2, 3.5),
    dpi: int = 110,
    turn_label: str = "Turn",
    only: Collection[str] | None = None,
    fixed_size: bool = False,
    text_px: float | None = None,
) -> dict[str, bytes]:
    """PNG bytes per chart name for the given turn records (TurnRecord objects, their data
    form, or TurnRow). `names` maps nation/alliance/route ids to display names; the x axis
    is named by the scenario's `turn_label` ("Month"). Charts without data (e.g. no
    alliances) are left out. Empty records give an empty dict. `only` draws just the named
    charts. A legend of many entries goes under the chart and makes the figure taller,
    unless `fixed_size` (a screen area to fill): then the image is exactly `size` x `dpi`
    pixels and the legend takes its room from the plot. `text_px` (a screen) sets the
    charts' text in pixels instead of points, whatever the dpi: the tick labels, axis names
    and legend at `text_px`, the title a fifth larger (smaller, then on two lines, if it
    would not fit the width), a fixed-size legend's long labels without their parenthetical
    parts if that saves rows; without it the sizes are those of the printed report."""
    rows = turn_rows(records)
    if not rows:
        return {}
    names = dict(names or {})
    out: dict[str, bytes] = {}
    for key, draw in (
        ("flows", _flows), ("hindsight", _hindsight), ("routes", _routes),
        ("violence", _per("by_nation", "violence")),
        ("corruption", _per("by_nation", "corruption")),
        ("cohesion", _per("by_alliance", "cohesion")),
    ):
        if only is not None and key not in only:
            continue
        fig = Figure(figsize=size, dpi=dpi, facecolor="white", layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(1, 1, 1)
        if not draw(ax, rows, names):
            continue
        _turn_axis(ax, _turns(rows), turn_label)  # the drawers leave the x axis to this
        twin = getattr(ax, "_interdict_twin", None)
        _style(ax, CHART_TITLES[key], [twin] if twin is not None else (), fixed=fixed_size,
               sizes=None if text_px is None else text_sizes(text_px, dpi))
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
        out[key] = buf.getvalue()
    return out


def _turn_axis(ax: Any, turns: Sequence[int], turn_label: str) -> None:
    """The x axis: named as the scenario names a turn, with half a turn of margin either
    side of the turns played (no "0" tick before the first turn)."""
    ax.set_xlabel(turn_label)
    if not turns:
        return
    first, last = min(turns), max(turns)
    ax.set_xlim(first - 0.5, last + 0.5)
    # whole turns only, at most 12 labels, on multiples of 1, 2, 3, 4, 6, 12... turns
    step = next(s for s in (1, 2, 3, 4, 6, *range(12, 12 * (last + 1), 12))
                if (last - first + 1) / s <= 12)
    ax.xaxis.set_major_locator(FixedLocator(
        [t for t in range(first, last + 1) if t % step == 0] or [first]))


TEXT_PT = {"title": 10.5, "tick": 8.5, "label": 9.0, "legend": 8.0}  # the report's
TITLE_GROWTH = 1.2  # a screen chart's title against its other text
# a screen legend (fixed size): line samples, gaps and rows tighter than matplotlib's (2,
# 0.8, 2 and 0.5 em), so more columns fit; it takes at most this share of the figure's
# height before its labels lose their parenthetical parts ("Belém (Amazon mouth)" -> "Belém")
COMPACT_LEGEND = {"handlelength": 1.3, "handletextpad": 0.4, "columnspacing": 1.0,
                  "labelspacing": 0.3}
LEGEND_SHARE = 0.25


def text_sizes(text_px: float | None, dpi: float) -> dict[str, float]:
    """The charts' font sizes in points: the report's (`TEXT_PT`) without `text_px`; else
    `text_px` pixels at `dpi` for the ticks, axis names and legend, the title
    `TITLE_GROWTH` times that (`_fit_title` shrinks it to the width)."""
    if text_px is None:
        return dict(TEXT_PT)
    pt = text_px * 72 / dpi
    return {"title": pt * TITLE_GROWTH, "tick": pt, "label": pt, "legend": pt}


def _fit_title(title: Any, least: float) -> None:
    """The `title` (a Text) within its figure's width: smaller, down to `least` points, then
    on two lines broken at the space nearest its middle. Lays the figure out to measure."""
    fig = title.figure
    fig.draw_without_rendering()
    width = fig.get_size_inches()[0] * fig.dpi - 4
    box = title.get_window_extent()
    if box.x1 <= width:
        return
    size = title.get_fontsize()
    title.set_fontsize(max(least, size * (width - box.x0) / max(1.0, box.width)))
    fig.draw_without_rendering()
    if title.get_window_extent().x1 <= width:
        return
    text = title.get_text()
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if spaces:  # two lines, each at the size asked for if it fits
        cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
        title.set_text(text[:cut] + "\n" + text[cut + 1:])
        title.set_fontsize(size)
        fig.draw_without_rendering()
        if title.get_window_extent().x1 > width:
            title.set_fontsize(least)


def _style(ax: Any, title: str, extra_axes: Sequence[Any] = (), fixed: bool = False,
           sizes: Mapping[str, float] | None = None) -> None:
    size = {**TEXT_PT, **(sizes or {})}
    heading = ax.set_title(title, loc="left", fontsize=size["title"], color=INK, pad=8,
                           fontweight="bold")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#9aa5b1")
    ax.tick_params(colors=MUTED, labelsize=size["tick"])
    ax.xaxis.label.set_color(MUTED)
    ax.yaxis.label.set_color(MUTED)
    ax.xaxis.label.set_size(size["label"])
    ax.yaxis.label.set_size(size["label"])
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    handles, labels = ax.get_legend_handles_labels()
    for other in extra_axes:
        other.tick_params(labelsize=size["tick"])
        other.yaxis.label.set_size(size["label"])
        h, lbl = other.get_legend_handles_labels()
        handles += h
        labels += lbl
    fig = ax.figure
    legend = size["legend"]
    if not handles:
        pass
    elif fixed:  # a screen area: the plot takes the whole width, the legend goes under it
        labels, ncol = _fixed_legend(fig, labels, legend)
        fig.legend(handles, labels, frameon=False, fontsize=legend, loc="outside lower center",
                   ncol=ncol, **COMPACT_LEGEND)
    elif len(handles) <= 8:
        fig.legend(handles, labels, frameon=False, fontsize=legend, loc="outside right upper")
    else:  # many nations: a legend in columns under the chart, and a taller figure
        ncol = 4
        w, h = fig.get_size_inches()
        fig.set_size_inches(w, h + 0.2 * ((len(handles) + ncol - 1) // ncol))
        fig.legend(handles, labels, frameon=False, fontsize=legend, loc="outside lower center",
                   ncol=ncol)
    if sizes is not None:  # text in pixels (a screen): the title kept within the width
        _fit_title(heading, size["tick"])


def _fixed_legend(fig: Any, labels: Sequence[str], fontsize: float
                  ) -> tuple[list[str], int]:
    """A screen legend's labels and columns: as many columns as fit the width; when its
    rows would take more than `LEGEND_SHARE` of the height, labels without their
    parenthetical parts if that saves rows ("Belém (Amazon mouth) > Antwerp" reads
    "Belém > Antwerp")."""
    labels = list(labels)
    ncol = _legend_columns(fig, labels, fontsize)
    row_px = fontsize * fig.dpi / 72 * (1.2 + COMPACT_LEGEND["labelspacing"])  # a row
    if -(-len(labels) // ncol) * row_px <= LEGEND_SHARE * fig.get_size_inches()[1] * fig.dpi:
        return labels, ncol
    short = [_drop_parentheses(lbl) for lbl in labels]
    if len(set(short)) == len(short):  # never two entries alike
        n = _legend_columns(fig, short, fontsize)
        if -(-len(short) // n) < -(-len(labels) // ncol):
            return short, n
    return labels, ncol


def _drop_parentheses(label: str) -> str:
    """`label` without its parenthetical parts and the spaces before them."""
    out, depth = [], 0
    for ch in label:
        if ch == "(":
            depth += 1
            while out and out[-1] == " ":
                out.pop()
        elif ch == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out).strip() or label


def _legend_columns(fig: Any, labels: Sequence[str], fontsize: float) -> int:
    """As many legend columns as fit the figure's width. Matplotlib splits the entries
    into columns as `numpy.array_split` does, each as wide as its longest label plus the
    line sample and its pad, columns `COMPACT_LEGEND`'s gap apart."""
    renderer = fig.canvas.get_renderer()
    prop = FontProperties(size=fontsize)
    widths = [renderer.get_text_width_height_descent(lbl, prop, ismath=False)[0]
              for lbl in labels]
    em = fontsize * fig.dpi / 72
    sample = (COMPACT_LEGEND["handlelength"] + COMPACT_LEGEND["handletextpad"]) * em
    gap = COMPACT_LEGEND["columnspacing"] * em
    room = fig.get_size_inches()[0] * fig.dpi * 0.96 - 0.8 * em  # less the border's pad
    for ncol in range(len(labels), 1, -1):
        cols = [c for c in np.array_split(np.arange(len(labels)), ncol) if len(c)]
        need = sum(max(widths[i] for i in c) + sample for c in cols) + gap * (len(cols) - 1)
        if need <= room:
            return ncol
    return 1


def _turns(rows: Sequence[TurnRow]) -> list[int]:
    return [r.turn for r in rows]


def _flows(ax: Any, rows: Sequence[TurnRow], names: Mapping[str, str]) -> bool:
    t = _turns(rows)
    if any(r.baseline_delivered is not None for r in rows):
        ax.plot(t, [float("nan") if r.baseline_delivered is None else r.baseline_delivered
                    for r in rows], color=MUTED, linestyle="--", linewidth=1.6,
                label="Delivered with no action")
    ax.plot(t, [r.delivered for r in rows], color=OKABE_ITO[3], linewidth=2.2,
            label="Delivered")
    ax.plot(t, [r.detected for r in rows], color=OKABE_ITO[5], linewidth=1.6, label="Detected")
    ax.plot(t, [r.seized for r in rows], color=OKABE_ITO[0], linewidth=2.2, label="Seized")
    ax.set_ylabel("Tons")
    ax.set_ylim(bottom=0)
    return True


def _hindsight(ax: Any, rows: Sequence[TurnRow], names: Mapping[str, str]) -> bool:
    t = _turns(rows)
    if not any(r.hindsight_seizable > 0 for r in rows):
        return False
    width = 0.4
    ax.bar([x - width / 2 for x in t], [r.hindsight_seizable for r in rows], width,
           color="#c9d6e3", label="Best placement (expected)")
    ax.bar([x + width / 2 for x in t], [r.hindsight_expected for r in rows], width,
           color=OKABE_ITO[0], label="Your placement (expected)")
    ax.plot(t, [r.seized for r in rows], linestyle="none", marker="_", markersize=9,
            markeredgewidth=2, color=INK, label="Actually seized")
    ax.set_ylabel("Tons")
    ax2 = ax.twinx()
    share = [r.hindsight_share for r in rows]
    ax2.plot(t, share, color=OKABE_ITO[1], marker="o", markersize=3.5, linewidth=1.5,
             label="Share achieved")
    ax2.set_ylim(0, 1.05)
    ax2.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax2.tick_params(colors=MUTED, labelsize=8.5)
    ax2.set_ylabel("Share of possible", color=MUTED, fontsize=9)
    for side in ("top",):
        ax2.spines[side].set_visible(False)
    ax2.spines["right"].set_color("#9aa5b1")
    ax.set_xlim(t[0] - 0.6, t[-1] + 0.6)
    ax._interdict_twin = ax2
    return True


def _routes(ax: Any, rows: Sequence[TurnRow], names: Mapping[str, str]) -> bool:
    """One line per route for the busiest routes (a shipment counts on every route it
    crosses, so routes are not stacked). Shows flow moving between corridors."""
    totals: dict[str, float] = {}
    for r in rows:
        for rid, v in r.by_route.items():
            totals[rid] = totals.get(rid, 0.0) + float(v.get("flow", 0.0))
    ranked = [rid for rid, v in sorted(totals.items(), key=lambda kv: -kv[1]) if v > 0]
    if not ranked:
        return False
    t = _turns(rows)
    for i, rid in enumerate(ranked[:7]):
        ax.plot(t, [float(r.by_route.get(rid, {}).get("flow", 0.0)) for r in rows],
                color=OKABE_ITO[i % len(OKABE_ITO)], linewidth=1.8,
                label=names.get(f"route:{rid}", rid))
    ax.set_ylabel("Tons")
    ax.set_ylim(bottom=0)
    return True


def _per(group: str, field: str):
    def draw(ax: Any, rows: Sequence[TurnRow], names: Mapping[str, str]) -> bool:
        ids: list[str] = []
        for r in rows:
            for k, v in getattr(r, group).items():
                if k not in ids and field in v:
                    ids.append(k)
        if not ids:
            return False
        kind = "nation" if group == "by_nation" else "alliance"
        t = _turns(rows)
        for i, k in enumerate(ids):
            ys = [getattr(r, group).get(k, {}).get(field) for r in rows]
            ax.plot(t, [float("nan") if y is None else float(y) for y in ys],
                    color=OKABE_ITO[i % len(OKABE_ITO)], linewidth=1.8,
                    linestyle="-" if i < len(OKABE_ITO) else ":",
                    label=names.get(f"{kind}:{k}", k))
        ax.set_ylabel(field.capitalize() + " (0 to 1)")
        ax.set_ylim(0, 1)
        return True

    return draw


COMPARISON_TITLES: dict[str, str] = {
    "delivered": "Delivered per turn, by team",
    "seized": "Seized per turn, by team",
    "possible": "Share of what the assets could have seized, by team",
}


def render_comparison_charts(
    teams: Mapping[str, Sequence[Any]], *, size: tuple[float, float] = (9.2, 3.5),
    dpi: int = 110, turn_label: str = "Turn",
) -> dict[str, bytes]:
    """PNG bytes per chart for several games of one scenario: {team label: records}; the x
    axis is named by the scenario's `turn_label`."""
    series = {label: turn_rows(recs) for label, recs in teams.items()}
    out: dict[str, bytes] = {}
    for key, getter in (
        ("delivered", lambda r: r.delivered),
        ("seized", lambda r: r.seized),
        ("possible", lambda r: r.hindsight_share),
    ):
        fig = Figure(figsize=size, dpi=dpi, facecolor="white", layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(1, 1, 1)
        for i, (label, rows) in enumerate(series.items()):
            ax.plot([r.turn for r in rows], [getter(r) for r in rows],
                    color=OKABE_ITO[i % len(OKABE_ITO)], linewidth=2,
                    linestyle="-" if i < len(OKABE_ITO) else "--", label=label)
        _turn_axis(ax, [r.turn for rows in series.values() for r in rows], turn_label)
        if key == "possible":
            ax.set_ylabel("Share")
            ax.set_ylim(0, 1.05)
            ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        else:
            ax.set_ylabel("Tons")
            ax.set_ylim(bottom=0)
        _style(ax, COMPARISON_TITLES[key])
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
        out[key] = buf.getvalue()
    return out
