"""The turn report and the resolution at the smallest window (960x600): every text fits or
wraps, an event card is as tall as its text, the seizure map and whole corridor names stay."""

from __future__ import annotations

import pygame_gui
from conftest import SCENARIOS, find_button, played

from game.scenario import load_scenario
from game.ui.scenes.resolution import ReportScene, ResolutionScene
from game.ui.session import SeatPlan, Session


def _played(app, turns: int) -> Session:
    return played(app, "caribbean", turns)


def _live(app, kind):
    return [el for el in app.ui.get_sprite_group().sprites()
            if isinstance(el, kind) and el.alive() and el.visible]


def test_report_at_960x600_keeps_the_event_the_map_and_whole_names(app):
    s = _played(app, 3)
    month3 = s.reports[-1]
    assert len(month3.event_cards) == 1 and month3.seized > 0
    app.resize((960, 600))
    app.switch(ReportScene(app, month3))
    app.step()
    sc = app.scene
    labels = [str(x.text) for x in _live(app, pygame_gui.elements.UILabel)]
    assert not any("…" in x for x in labels), labels
    assert not any("more event" in x for x in labels)
    assert sc.cards_shown == 1
    card = next(b for b in _live(app, pygame_gui.elements.UITextBox)
                if "The commander testifies" in b.html_text)
    assert card.scroll_bar is None  # as tall as its text
    assert sc.seizure_map is not None and sc.seizure_map.rect.h >= 140
    assert not sc.seizure_map.rect.colliderect(card.rect)
    assert sc.corridor_labels == [n for n, _t in sc.corridors]  # no name cut
    assert len(sc.corridors_shown) == len(sc.corridors)
    assert sc.bars_rect.bottom <= 600 - 30  # above the news ticker
    # the buttons sit up by the heading: the columns reach down to the ticker
    go = find_button(app, "Continue to")
    assert go.rect.bottom <= 66 and not go.rect.colliderect(sc.table_rect)
    assert not app.internal_errors


def test_report_at_1280x800_gives_each_card_the_height_of_its_text(app):
    s = _played(app, 3)
    app.switch(ReportScene(app, s.reports[-1]))
    app.step()
    card = next(b for b in _live(app, pygame_gui.elements.UITextBox)
                if "The commander testifies" in b.html_text)
    assert card.scroll_bar is None
    go = find_button(app, "Continue to")
    assert go.rect.top >= 800 - 30 - 70  # the buttons' row under the columns
    assert not app.internal_errors


def test_resolution_header_fits_at_960x600(app):
    s = _played(app, 3)
    app.resize((960, 600))
    app.switch(ResolutionScene(app, s.reports[-1]))
    app.step()
    labels = [str(x.text) for x in _live(app, pygame_gui.elements.UILabel)]
    assert "Month 3: resolving..." in labels
    assert "Rings flash where seizures happen. Space skips." in labels
    assert not any("…" in x for x in labels), labels
    assert not app.internal_errors


def test_the_key_lines_come_first_and_show_without_scrolling_at_1280x800(app):
    s = _played(app, 5)
    month5 = s.reports[-1]
    app.switch(ReportScene(app, month5))
    app.step()
    lines = app.scene._lines(s, month5)
    heads = [x.split("</b>")[0].split("<b>")[-1] for x in lines]
    assert heads[:3] == ["Leak, discovered:", "The traffickers adapt:", "The traffickers adapt:"]
    assert heads[3:6] == ["Against doing nothing:", "So far this game:", "Hindsight:"]
    box = next(b for b in _live(app, pygame_gui.elements.UITextBox)
               if b.html_text.startswith(lines[0]))
    key = app.scene._fitted_box(box.rect.w, "<br>".join(lines[:3]), 10_000)
    assert key <= box.rect.h  # the leak and the adaptations above the fold
    assert not app.internal_errors


def test_an_event_card_has_no_empty_line_under_its_text(app):
    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    # a seed where the chance event "Light aircraft spotted" fires in month 4 too
    s = Session.new(sc, SeatPlan.demo(sc, 6), saves_dir=app.saves_dir, autosave=False)
    for _ in range(4):
        s.end_turn()
    app.session = s
    month4 = s.reports[-1]
    assert [c["title"] for c in month4.event_cards] == ["Port officials on the payroll",
                                                        "Light aircraft spotted"]
    assert month4.event_cards[0]["text"].endswith("\n")  # as YAML writes a block of text
    app.switch(ReportScene(app, month4))
    app.step()
    boxes = [b for b in _live(app, pygame_gui.elements.UITextBox)
             if b.html_text.startswith("<b>Port officials")]
    assert len(boxes) == 1 and not boxes[0].html_text.endswith("<br>")
    # the title and two lines of text at 1280x800 (rows of 25 px and the padding: 92 px);
    # the empty fourth row of the text's final newline made it 117 px
    assert boxes[0].rect.h < 100
    assert app.scene.cards_shown == 2
    assert not app.internal_errors
