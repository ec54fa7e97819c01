"""The turn report's table by nation on mediterranean (13 nations): compact rows, as many as
the left column has room for beside the report's text, and a scroll bar (its arrows, its
track, or the mouse wheel) that brings every other nation into view, human seats first.
Before, the text took the column and the table showed 3 of the 13 rows at 960x600 and at
1280x800."""

from __future__ import annotations

import pygame
import pytest
from conftest import click_at, played

from game.ui.scenes.resolution import ReportScene


def _report(app, size):
    s = played(app, "mediterranean", 2)
    s.human_seats = lambda: ["morocco", "brazil"]  # two seats played by students
    month2 = s.reports[-1]
    assert month2.leaks and len(s.adaptations_adopted(month2)) == 2  # a long text
    app.resize(size)
    app.switch(ReportScene(app, month2))
    app.step()
    return s, app.scene


@pytest.mark.parametrize(("size", "least"), [((960, 600), 6), ((1280, 800), 9)])
def test_every_nation_has_a_row_and_the_scroll_bar_reaches_the_last(app, size, least):
    s, sc = _report(app, size)
    names = [row[0] for row in sc.nation_rows]
    assert sorted(names) == sorted(s.side_name(n) for n in s.scenario.nations)
    assert len(names) == 13
    assert names[:2] == ["Morocco", "Brazil"] and sc.nation_rows[0][4]  # humans first
    assert least <= sc.table_rows < 13 and sc.table_top == 0
    assert [row[0] for row in sc.nation_rows_shown] == names[:sc.table_rows]
    # the table fills the column down to its bottom: above the ticker (and the buttons)
    _w, h = size
    assert sc.table_rect.bottom <= h - 30 - (0 if h < 700 else 70)
    assert sc.table_rect.bottom >= h - 30 - (0 if h < 700 else 70) - 30
    bar = sc.table_bar
    assert bar is not None and bar.alive() and bar.visible
    assert sc.table_rect.contains(bar.rect)
    seen = list(names[:sc.table_rows])
    for _ in range(60):  # the bar's down arrow, clicked until the last nation shows
        if names[-1] in [row[0] for row in sc.nation_rows_shown]:
            break
        click_at(app, bar.bottom_button.rect.center)
        for _ in range(5):
            app.step()
        seen += [row[0] for row in sc.nation_rows_shown if row[0] not in seen]
    assert seen == names and sc.table_top == 13 - sc.table_rows
    assert sc.table_title(1000) == f"By nation, {14 - sc.table_rows}-13 of 13"
    assert not app.internal_errors


def test_the_wheel_moves_the_scroll_bar_with_the_rows(app):
    _s, sc = _report(app, (960, 600))
    pos = (sc.table_rect.x + 40, sc.table_rect.centery)  # over the rows, not the bar
    pygame.mouse.set_pos(pos)
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
              pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-2, flipped=False, precise_x=0.0,
                                 precise_y=-2.0)])
    for _ in range(5):
        app.step()
    assert sc.table_top == 2  # not moved back by the bar's own update
    assert sc.table_bar.start_percentage == pytest.approx(2 / 13, abs=0.02)
    app.rebuild()  # as after a resize: the table and its bar keep their place
    app.step()
    assert sc.table_top == 2
    assert sc.table_bar.start_percentage == pytest.approx(2 / 13, abs=0.02)
    assert not app.internal_errors


def test_a_table_that_fits_has_no_scroll_bar(app):
    s = played(app, "tutorial", 1)
    app.switch(ReportScene(app, s.reports[-1]))
    app.step()
    sc = app.scene
    assert sc.table_rows == len(sc.nation_rows) and sc.table_more == 0
    assert sc.table_bar is None and sc.table_title(1000) == "By nation, this turn"
    assert not app.internal_errors


def test_a_click_on_the_scroll_bars_track_turns_a_page(app):
    _s, sc = _report(app, (960, 600))
    bar = sc.table_bar
    page = sc.table_rows - 1
    below = (bar.rect.centerx, bar.bottom_button.rect.top - 3)  # the track under the thumb
    assert not bar.sliding_button.rect.collidepoint(below)
    click_at(app, below)
    for _ in range(5):
        app.step()
    assert sc.table_top == min(page, sc.table_more)
    above = (bar.rect.centerx, bar.top_button.rect.bottom + 3)
    assert not bar.sliding_button.rect.collidepoint(above)
    click_at(app, above)
    for _ in range(5):
        app.step()
    assert sc.table_top == 0
    assert not app.internal_errors
