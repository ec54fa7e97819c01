"""The debrief at the smallest window (960x600): every chart button and heading fits
where it is drawn, and the chart keeps its whole title."""

from __future__ import annotations

import pygame_gui
import pytest
from conftest import SCENARIOS, played

from game.ui.session import Session


def _played(app, turns: int) -> Session:
    return played(app, "caribbean", turns, ended=True)


def _widgets(app, kind):
    return [el for el in app.ui.get_sprite_group().sprites()
            if isinstance(el, kind) and el.alive() and el.visible]


def test_debrief_buttons_and_headings_fit_at_960x600(app):
    from game.ui.scenes.debrief import CHART_LABELS, DebriefScene

    _played(app, 3)
    app.resize((960, 600))
    app.switch(DebriefScene(app))
    app.step()
    scene = app.scene
    left = int(960 * 0.58)
    labels = set(CHART_LABELS.values())
    tabs = [b for b in _widgets(app, pygame_gui.elements.UIButton) if b.text in labels]
    assert len(tabs) == len(scene.images) == 6
    font = app.theme_font("button")
    for b in tabs:  # inside the left column, each label whole inside its button
        assert b.rect.x >= 40 and b.rect.right <= left, (b.text, b.rect)
        assert font.size(b.text)[0] + 12 <= b.rect.w, (b.text, b.rect)
    assert not any(a.rect.colliderect(b.rect) for i, a in enumerate(tabs) for b in tabs[i + 1:])
    assert scene.chart_rect.y >= max(b.rect.bottom for b in tabs)  # the chart under them
    texts = [str(x.text) for x in _widgets(app, pygame_gui.elements.UILabel)]
    assert "Timeline: events and decisions" in texts and not any("…" in x for x in texts), texts
    # the chart's text is drawn at a lower dpi in this narrow column, the image at its pixels
    r = scene.chart_rect
    assert r.w - 8 == 508 and scene._chart_dpi() == round(100 * 508 / 600)
    assert scene.images[scene.chart].get_size() == (r.w - 8, r.h - 8)
    assert not app.internal_errors


def test_debrief_keeps_one_row_of_buttons_and_the_full_heading_at_1280x800(app):
    from game.ui.scenes.debrief import DebriefScene

    _played(app, 3)
    app.switch(DebriefScene(app))
    app.step()
    assert [[w for _k, w in row] for row in app.scene._tab_rows()] == [[110] * 6]
    assert app.scene._chart_dpi() == 100  # wide enough: the chart's text at its usual size
    texts = [str(x.text) for x in _widgets(app, pygame_gui.elements.UILabel)]
    assert "Timeline: events and decisions" in texts
    assert not app.internal_errors


def _drawn_figures(monkeypatch) -> list:
    """Every matplotlib figure the charts module draws from now on."""
    import game.persistence.charts as charts

    figures: list = []

    class Recorded(charts.Figure):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            figures.append(self)

    monkeypatch.setattr(charts, "Figure", Recorded)
    return figures


def _texts_px(fig) -> dict[str, list[tuple[str, float]]]:
    """(text, font size in screen pixels) of a chart's titles, tick labels, axis names and
    legend entries, by kind."""
    out: dict[str, list[tuple[str, float]]] = {"title": [], "tick": [], "label": [],
                                                "legend": []}
    px = fig.dpi / 72
    for ax in fig.axes:
        for t in (ax.title, ax._left_title):
            if t.get_text():
                out["title"].append((t.get_text(), t.get_fontsize() * px))
        for t in ax.get_xticklabels() + ax.get_yticklabels():
            if t.get_text() and t.get_visible():
                out["tick"].append((t.get_text(), t.get_fontsize() * px))
        for t in (ax.xaxis.label, ax.yaxis.label):
            if t.get_text():
                out["label"].append((t.get_text(), t.get_fontsize() * px))
    for leg in fig.legends:
        out["legend"] += [(t.get_text(), t.get_fontsize() * px) for t in leg.get_texts()]
    return out


@pytest.mark.parametrize("size", [(960, 600), (1280, 800), (1920, 1080)])
def test_chart_text_is_as_large_as_the_captions_at_every_size(app, monkeypatch, size):
    """The chart's ticks, axis names and legend are 13 px (x the window's text scale), the
    title a fifth larger or as large as fits: at 960x600 they came out at 9 to 10 px (text
    sized in points at the lower dpi of the narrow column)."""
    from game.ui.scenes.debrief import DebriefScene

    played(app, "mediterranean", 8, ended=True)  # 13 nations: the longest legends
    app.resize(size)
    figures = _drawn_figures(monkeypatch)
    app.switch(DebriefScene(app))
    app.step()
    scene = app.scene
    assert len(figures) == len(scene.images) == 6
    want = 13 * app.fonts.scale
    for fig in figures:
        texts = _texts_px(fig)
        assert texts["tick"] and texts["label"] and texts["legend"] and texts["title"]
        for kind in ("tick", "label", "legend"):
            assert all(p == pytest.approx(want) for _t, p in texts[kind]), (kind, texts[kind])
        for _t, p in texts["title"]:
            assert want - 0.01 <= p <= 1.2 * want + 0.01
        fig.canvas.draw()
        width, height = fig.get_size_inches() * fig.dpi
        for ax in fig.axes:  # the title whole inside the image, on two lines if it must
            box = ax._left_title.get_window_extent()
            assert 0 <= box.x0 and box.x1 <= width, ax._left_title.get_text()
        for leg in fig.legends:  # so is the legend, under the plot
            box = leg.get_window_extent()
            assert 0 <= box.x0 and box.x1 <= width and 0 <= box.y0
            assert box.height <= 0.3 * height
    if size == (960, 600):
        assert min(scene._chart_text_px(), *(p for f in figures
                                            for k in ("tick", "legend")
                                            for _t, p in _texts_px(f)[k])) >= 12
        # the long titles: one smaller, one on two lines; the others at full size
        titles = {f.axes[0]._left_title.get_text(): f.axes[0]._left_title.get_fontsize()
                  * f.dpi / 72 for f in figures}
        assert "Your placement against the best\nplacement of the same assets" in titles
        assert titles["Violence by nation"] == pytest.approx(1.2 * want)
        # the routes' legend drops the places' parenthetical names to take fewer rows
        routes = next(f for f in figures if f.axes[0]._left_title.get_text().startswith(
            "Flow on"))
        labels = [t for t, _p in _texts_px(routes)["legend"]]
        assert labels and not any("(" in t for t in labels)
    assert not app.internal_errors


def test_the_report_charts_keep_their_sizes_in_points(monkeypatch):
    """The after-action report's charts (no `text_px`) keep the printed sizes: ticks 8.5
    pt, axis names 9, legend 8, title 10.5, whatever the dpi."""
    from game.persistence.charts import TEXT_PT, render_charts, text_sizes
    from game.scenario import load_scenario
    from game.ui.session import SeatPlan

    assert text_sizes(None, 110) == TEXT_PT
    assert text_sizes(12, 72)["tick"] == 12 and text_sizes(12, 144)["tick"] == 6
    sc = load_scenario(str(SCENARIOS / "caribbean.yaml"))
    s = Session.new(sc, SeatPlan.demo(sc), autosave=False)
    for _ in range(2):
        s.end_turn()
    figures = _drawn_figures(monkeypatch)
    assert render_charts(s.game.history)
    for fig in figures:
        px = fig.dpi / 72
        for kind, pt in (("tick", 8.5), ("label", 9.0), ("legend", 8.0), ("title", 10.5)):
            assert all(p == pytest.approx(pt * px) for _t, p in _texts_px(fig)[kind]), kind
