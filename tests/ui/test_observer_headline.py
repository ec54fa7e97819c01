"""The observer view's headline (the projector's top line): whole at every window size from
960x600 up. At 960x600 it was cut to "... Month 5 of 18 · last turn: 3.0…": the scenario's
title now gives way to its short name (before its colon) so the month and last turn's
seizures stay."""

from __future__ import annotations

import pygame_gui
import pytest
from conftest import SCENARIOS, click, find_button

from game.scenario import load_scenario
from game.ui.scenes.observer import headlines
from game.ui.scenes.turn import start_turn
from game.ui.session import SeatPlan, Session

SEAT = {"andes": "colombia", "caribbean": "usa", "mediterranean": "spain",
        "southeast_asia": "thailand", "tutorial": "usa"}


def _labels(app) -> list[str]:
    return [str(el.text) for el in app.ui.get_sprite_group().sprites()
            if isinstance(el, pygame_gui.elements.UILabel) and el.alive() and el.visible]


def open_observer(app, scenario: str, turns: int):
    """A seat's screen after `turns` turns (one human seat), then its "Observer view"."""
    sc = load_scenario(str(SCENARIOS / f"{scenario}.yaml"))
    plan = SeatPlan.demo(sc)
    side = SEAT[scenario] if SEAT[scenario] in sc.nations else next(iter(sc.nations))
    plan.seats[side] = "human"
    app.session = s = Session.new(sc, plan, saves_dir=app.saves_dir, autosave=False)
    for _ in range(turns):
        s.end_turn()
    start_turn(app)
    if app.scene.name == "handover":  # the first turn's hand-over to the seat
        click(app, app.scene.ready)
    assert app.scene.name == "turn"
    click(app, find_button(app, "Observer view"))
    assert app.scene.name == "observer"
    return s


@pytest.mark.parametrize("scenario", sorted(SEAT))
def test_the_headline_is_whole_at_960x600(app, scenario):
    app.resize((960, 600))
    s = open_observer(app, scenario, 4)
    head = app.scene.headline
    assert head in _labels(app)  # as written: not shortened with "…"
    assert "…" not in head
    assert s.turn_title() in head and f"last turn: {s.reports[-1].seized:.1f} t seized" in head
    assert head.startswith("Observer")
    # the short name only when the whole title does not fit
    short = s.scenario.title.split(":")[0]
    assert short in head
    font = app.theme_font("@subheading")
    if s.scenario.title not in head:
        assert font.size(headlines(s)[0])[0] > 960 - 220 - 16
    assert font.size(head)[0] <= 960 - 220 - 16
    assert not app.internal_errors


def test_the_headline_keeps_the_whole_title_at_1280x800(app):
    s = open_observer(app, "mediterranean", 4)
    assert app.scene.headline == (f"Observer view  ·  Atlantic Bridge: Europe and West Africa"
                                  f"  ·  {s.turn_title()}  ·  last turn: "
                                  f"{s.reports[-1].seized:.1f} t seized")
    assert app.scene.headline in _labels(app)
    assert not app.internal_errors


def test_the_headline_at_960x600_reads_the_short_name_for_mediterranean(app):
    app.resize((960, 600))
    s = open_observer(app, "mediterranean", 4)
    assert app.scene.headline == (f"Observer view  ·  Atlantic Bridge  ·  {s.turn_title()}  ·  "
                                  f"last turn: {s.reports[-1].seized:.1f} t seized")
    assert not app.internal_errors


def test_before_the_first_turn_there_is_no_last_turn(app):
    s = open_observer(app, "tutorial", 0)
    assert app.scene.headline == f"Observer view  ·  Tutorial: One Corridor  ·  {s.turn_title()}"
    assert not app.internal_errors
