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
