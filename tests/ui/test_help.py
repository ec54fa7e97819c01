"""F1 help: the screen's own paragraph and the keys, on any screen; the keys are the ones
docs/ui.md lists."""

from __future__ import annotations

import re

import pygame
from conftest import ROOT, into_turn, key

from game.ui.help import CONTEXT, KEYS, help_html


def test_the_keys_in_the_help_are_the_keys_in_the_guide():
    text = (ROOT / "docs" / "ui.md").read_text(encoding="utf-8")
    table = text.split("## Keys", 1)[1].split("\n## ", 1)[0]
    rows = [tuple(c.strip() for c in line.strip("|").split("|"))
            for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[0] == ("Key", "Where", "Does")
    assert rows[1:] == list(KEYS)


def test_f1_opens_the_help_of_the_screen_in_front_of_the_player(app):
    into_turn(app)  # a nation's turn
    key(app, pygame.K_F1)
    assert app.dialog is not None and app.dialog.alive()
    title, body = help_html("turn")
    assert title == "Help: A nation's turn" and app.dialog.window_display_title == title
    for tab in ("Funding", "Intel", "Operations", "Access", "Why"):
        assert f"<b>{tab}</b>" in body
    key(app, pygame.K_ESCAPE)  # closes it, and nothing else happens
    assert not app.dialog or not app.dialog.alive()
    assert app.scene.name == "turn" and not app.internal_errors


def test_every_screen_has_its_own_help():
    names = {m.group(1) for path in (ROOT / "game" / "ui" / "scenes").glob("*.py")
             for m in re.finditer(r'^    name = "(\w+)"$', path.read_text(), re.M)}
    assert names == set(CONTEXT)
    for name in names:
        title, body = help_html(name)
        assert title != "Help: Interdict" and "<b>Keys</b>" in body


def test_the_turn_help_teaches_the_core_ideas_as_the_rules_have_them():
    """The balloon effect, what a leak costs, when governance pays and the sovereignty terms
    (docs/rules.md), in a few words; the report's hindsight is the actual placement against
    the best placement of the same assets (it read "how much of what your assets could have
    seized they did")."""
    _title, body = help_html("turn")
    for words in (
            "Press one corridor and the traffickers move to another within a few turns: the "
            "<i>balloon effect</i>.",
            "A leak tells the traffickers where your assets are that turn: your assets keep "
            "only 40% of their detection power, and the traffickers steer their loads around "
            "them. Your trust in the partner falls only if the leak is discovered.",
            "the first turn of spending changes nothing, and the effect grows over five to ten "
            "turns.",
            "<i>open</i> (you may operate there), <i>consent</i> (only with its grant) or "
            "<i>closed</i> (no foreign forces)",
            "money above the upkeep is not spent",
            "Half of what you leave unspent is kept as a reserve."):
        assert words in body
    _title, report = help_html("report")
    assert "could have seized they did" not in report
    assert ("<i>Hindsight</i> compares what the actual placement of every Blue nation's "
            "assets could expect to seize with what the best placement of the same assets "
            "could have, had the flows been known.") in report


def test_the_help_explains_the_numbers_each_screen_shows():
    """Students met detection, trust, est./cap., the report's 0-1 columns and the debrief's
    chart tabs with no explanation anywhere (a students' first-class review)."""
    from game.ui.help import help_html

    turn = help_html("turn")[1]
    for words in ("<i>detection</i> is its chance (0 to 1)", "<i>cap.</i> the most it can carry",
                  "<i>trust</i> run from 0 (none) to 1 (total)", "<i>interoperability</i>"):
        assert words in turn
    assert "violence and corruption run from 0 (none) to 1 (total)" in help_html("report")[1]
    debrief = help_html("debrief")[1]
    for tab in ("Flows", "Hindsight", "Routes", "Violence", "Corruption", "Cohesion"):
        assert f"<i>{tab}</i>" in debrief
