"""The debrief at the smallest window (960x600): every chart button and heading fits
where it is drawn, and the chart keeps its whole title."""

from __future__ import annotations

import pygame_gui
from conftest import played

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
