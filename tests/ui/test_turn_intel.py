"""The Intel tab gives each partner's leak risk at the sharing level chosen, as the engine
computes it (sharing weight x the partner's corruption x LEAK_RATE, a chance a month), in its
own line: before, it read "leak high" from the partner's corruption alone, whatever the level
("leak very high" with "none" selected), and the trust beside it took the warning colour too.
The engine draws a leak only in a month the sharer deploys assets, and from the partner's
effective corruption, which this month's bribes raise above the public one: the tab says "no
leak this month: nothing deployed", and "at least" before a risk."""

from __future__ import annotations

import pygame_gui
from conftest import click, find_button, into_turn


def leak_line(app, partner: str) -> tuple[str, str]:
    label = app.scene.leak_texts[partner]
    assert label.alive()
    return str(label.text), label.object_ids[-1]


def test_the_leak_risk_follows_the_level_chosen(app):
    into_turn(app, "tutorial")  # the United States; Colombia's corruption is 0.30
    s = app.session
    assert app.scene.side == "usa" and s.corruption("colombia") == 0.3
    assert not s.deploy("usa", "go_fast", "patrol_ship", 1)  # a leak needs assets deployed
    click(app, find_button(app, "Intel"))
    assert s.draft("usa").sharing["colombia"] == "partial"
    # 0.5 x 0.3 x 0.3, from the public corruption: this month's bribes can only raise it
    assert leak_line(app, "colombia") == ("leak risk at least 4.5% a month", "@dim")
    trust = next(e for e in app.ui.get_sprite_group().sprites()
                 if e.alive() and str(getattr(e, "text", "")).strip() == "trust 0.70 ·")
    assert trust.object_ids[-1] == "@dim"
    click(app, app.scene.share_buttons["colombia"]["full"])
    assert leak_line(app, "colombia") == ("leak risk at least 9.0% a month", "@bad")
    assert trust.alive() and trust.object_ids[-1] == "@dim"  # only the risk is coloured
    click(app, app.scene.share_buttons["colombia"]["none"])
    assert leak_line(app, "colombia") == ("no leak", "@dim")
    assert "no leak" in app.scene.share_buttons["colombia"]["none"].tool_tip_text
    assert ("(trust 0.70; public corruption 0.30): leak risk at least 9.0% a month in a month "
            "you have assets deployed (bribes raise corruption unseen). ") in \
        app.scene.share_buttons["colombia"]["full"].tool_tip_text
    click(app, find_button(app, "Undo"))  # rebuilt: the line shows the level restored
    assert leak_line(app, "colombia") == ("leak risk at least 9.0% a month", "@bad")
    assert not app.internal_errors


def test_no_leak_is_shown_in_a_month_nothing_is_deployed(app):
    """The engine draws a leak only in a turn the sharer has assets deployed (docs/rules.md,
    "Leaks"); the tab gave a risk whatever the draft deployed."""
    into_turn(app, "tutorial")
    s = app.session
    assert not any(s.draft("usa").deploy.values())
    click(app, find_button(app, "Intel"))
    click(app, app.scene.share_buttons["colombia"]["full"])
    assert leak_line(app, "colombia") == ("no leak this month: nothing deployed", "@dim")
    labels = [str(e.text) for e in app.ui.get_sprite_group().sprites()
              if e.alive() and isinstance(e, pygame_gui.elements.UILabel)]
    assert any(t.startswith("Leaks happen only in a month you deploy assets.") for t in labels)
    assert not s.deploy("usa", "go_fast", "patrol_ship", 1)
    click(app, find_button(app, "Funding"))
    click(app, find_button(app, "Intel"))
    assert leak_line(app, "colombia") == ("leak risk at least 9.0% a month", "@bad")
    assert not app.internal_errors

