"""The Why tab shows the seat's own objectives (its nation's and its alliances') and how they
stand after the last turn, above the rationale, so students know how they are doing: met in
green, not met in orange, nothing before the first turn. The rationale box stays usable."""

from __future__ import annotations

import re
from itertools import pairwise
from types import SimpleNamespace

import pygame
import pytest
from conftest import click, find_button, key, type_text
from test_overflow_intel import open_intel
from test_red_scroll import RED, open_red_seat

from game.persistence.objective_text import describe_objective
from game.ui import palette as P

SIDE = "spain"  # four objectives on mediterranean: one of its own, three of its alliances'
BEFORE = [
    "• MAOC-N (Lisbon) · Reduction in tons delivered: no result yet, target at least 13%",
    "• Cohesion (NATO maritime security operation): no result yet, target at least 0.74",
    "• Tons seized (Euro-African coast guard network): no result yet, target at least 30 t",
    "• Tons seized (Spain): no result yet, target at least 15 t",
]


def plain_lines(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", line) for line in html.split("<br>")]


def open_why(app, scenario: str = "mediterranean", side: str = SIDE, size=(1280, 800)):
    s = open_intel(app, scenario, side)
    app.resize(size)
    click(app, find_button(app, "Why"))
    assert app.scene.tab == "why"
    return s


def check_layout(app, box_min: int) -> None:
    """Top to bottom, nothing overlapping: objectives, heading, rationale, count, hint, status."""
    scene = app.scene
    parts = [scene.objectives_box.rect, scene.why.rect, scene.why_count.rect]
    if scene.why_hint is not None:
        parts.append(scene.why_hint.rect)
    parts.append(scene.status.rect)
    for above, below in pairwise(parts):
        assert above.bottom <= below.top
    assert scene.why.rect.h >= box_min


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (960, 600)])
def test_before_the_first_turn_the_objectives_have_no_result(app, size):
    s = open_why(app, size=size)
    scene = app.scene
    assert [o.id for o in s.objectives_for(SIDE)] == [
        "reduce_entry", "nato_cohesion", "partnership_seizures", "spain_seizures"]
    assert plain_lines(scene.objectives_box.html_text) == BEFORE
    assert P.GOOD_HTML not in scene.objectives_box.html_text
    assert P.WARN_HTML not in scene.objectives_box.html_text
    check_layout(app, 120 if size[1] >= 800 else 80)
    if size == (960, 600):  # no room for the hint: its key part goes beside the count
        assert scene.why_hint is None
        assert str(scene.why_count.text) == "0 / 500 characters · Enter starts a new line"
        assert scene.objectives_box.scroll_bar is not None  # the rest is a scroll away
    else:
        assert str(scene.why_count.text) == "0 / 500 characters"
    # the rationale box still takes the seat's text
    click(app, scene.why)
    type_text(app, "We watch the ports.")
    assert s.draft(SIDE).rationale == "We watch the ports."
    assert s.draft(SIDE).to_orders().rationale == "We watch the ports."
    assert str(scene.why_count.text).startswith("19 / 500 characters")
    assert not app.internal_errors


def test_statuses_read_met_and_not_met_in_their_colours(app):
    s = open_why(app)
    obs = {o.id: o for o in s.objectives_for(SIDE)}
    s.reports.append(SimpleNamespace(objectives={  # a report as the engine writes it
        "reduce_entry": {"met": True, "value": 0.29, "final": False},
        "nato_cohesion": {"met": False, "value": 0.7, "final": False},
        "partnership_seizures": {"met": True, "value": 31.0, "final": True},
        "spain_seizures": {"met": False, "value": 2.5, "final": True},
    }))
    app.rebuild()
    html = app.scene.objectives_box.html_text
    good = f"<font color='{P.GOOD_HTML}'><b>Met</b></font> · "
    warn = f"<font color='{P.WARN_HTML}'><b>Not met</b></font> · "
    not_yet = f"<font color='{P.WARN_HTML}'><b>Not yet</b></font> · "
    on_track = f"<font color='{P.GOOD_HTML}'><b>On track</b></font> · "
    assert html.split("<br>") == [
        f"• {on_track}MAOC-N (Lisbon) · Reduction in tons delivered: 29% so far, "
        "target at least 13%",
        f"• {not_yet}Cohesion (NATO maritime security operation): 0.70 so far, "
        "target at least 0.74",
        f"• {good}Tons seized (Euro-African coast guard network): result 31 t, "
        "target at least 30 t",
        f"• {warn}Tons seized (Spain): result 2.5 t, target at least 15 t",
    ]
    assert describe_objective(obs["spain_seizures"], {"value": 2.5}, s.scenario).value == "2.5 t"
    assert not app.internal_errors


def test_after_a_turn_the_lines_follow_the_report(app):
    s = open_why(app)
    click(app, find_button(app, "End turn"))
    key(app, pygame.K_SPACE)
    click(app, find_button(app, "Continue"))
    assert app.scene.name == "turn" and app.scene.side == SIDE
    click(app, find_button(app, "Why"))
    results = s.reports[-1].objectives
    lines = app.scene.objectives_box.html_text.split("<br>")
    obs = s.objectives_for(SIDE)
    assert len(lines) == len(obs) == 4
    for ob, line in zip(obs, lines, strict=True):
        status = results[ob.id]
        t = describe_objective(ob, status, s.scenario)
        assert "no result yet" not in line and t.value
        colour = P.GOOD_HTML if status["met"] else P.WARN_HTML
        assert line.startswith(f"• <font color='{colour}'><b>")
        assert line.endswith(f": {t.sentence}")
    check_layout(app, 120)
    assert not app.internal_errors


def test_a_seat_without_objectives_is_told_so(app):
    open_why(app, "caribbean", "venezuela")
    assert plain_lines(app.scene.objectives_box.html_text) == [
        "No objectives of your own in this scenario."]
    assert not app.internal_errors


def test_a_trafficker_sees_its_own_objectives_too(app):
    s = open_red_seat(app)
    click(app, find_button(app, "Why"))
    obs = s.objectives_for(RED)
    assert obs and all(o.side == f"trafficker:{RED}" for o in obs)
    lines = plain_lines(app.scene.objectives_box.html_text)
    texts = [describe_objective(o, None, s.scenario) for o in obs]
    assert lines == [f"• {t.measure[0].upper()}{t.measure[1:]}: {t.sentence}" for t in texts]
    assert all("no result yet" in line for line in lines)
    check_layout(app, 120)
    assert not app.internal_errors


def test_the_why_tab_says_its_hint_once(app):
    """The rationale's note above the box and the hint below it say different things (they
    both said what to write and where it goes: "Optional: a sentence or two for the log and
    the debrief." and "A few sentences, up to 500 characters ... They go into the game log
    and the debrief timeline")."""
    import pygame_gui
    from conftest import click, find_button, into_turn

    into_turn(app, "tutorial")
    click(app, find_button(app, "Why"))
    live = [e for e in app.ui.get_sprite_group().sprites() if e.alive()]
    labels = [str(e.text) for e in live if isinstance(e, pygame_gui.elements.UILabel)]
    boxes = [e.html_text for e in live if isinstance(e, pygame_gui.elements.UITextBox)]
    assert "Optional: a sentence or two for the log and the debrief." in labels
    hint = next(b for b in boxes if "Enter starts a new line" in b)
    assert ">Enter starts a new line. The debrief shows your reasons beside the decisions " \
        "they explain.<" in hint
    assert not any("A few sentences" in b or "sentence or two" in b for b in boxes)
    assert "0 / 500 characters" in labels
