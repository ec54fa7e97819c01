"""The Intel tab gives each partner's leak risk at the sharing level chosen, as the engine
computes it (sharing weight x the partner's corruption x LEAK_RATE, a chance a month), in its
own line: before, it read "leak high" from the partner's corruption alone, whatever the level
("leak very high" with "none" selected), and the trust beside it took the warning colour too."""

from __future__ import annotations

from conftest import click, find_button, into_turn


def leak_line(app, partner: str) -> tuple[str, str]:
    label = app.scene.leak_texts[partner]
    assert label.alive()
    return str(label.text), label.object_ids[-1]


def test_the_leak_risk_follows_the_level_chosen(app):
    into_turn(app, "tutorial")  # the United States; Colombia's corruption is 0.30
    s = app.session
    assert app.scene.side == "usa" and s.corruption("colombia") == 0.3
    click(app, find_button(app, "Intel"))
    assert s.draft("usa").sharing["colombia"] == "partial"
    assert leak_line(app, "colombia") == ("leak risk 4.5% a month", "@dim")  # 0.5 x 0.3 x 0.3
    trust = next(e for e in app.ui.get_sprite_group().sprites()
                 if e.alive() and str(getattr(e, "text", "")).strip() == "trust 0.70 ·")
    assert trust.object_ids[-1] == "@dim"
    click(app, app.scene.share_buttons["colombia"]["full"])
    assert leak_line(app, "colombia") == ("leak risk 9.0% a month", "@bad")
    assert trust.alive() and trust.object_ids[-1] == "@dim"  # only the risk is coloured
    click(app, app.scene.share_buttons["colombia"]["none"])
    assert leak_line(app, "colombia") == ("no leak", "@dim")
    assert "no leak" in app.scene.share_buttons["colombia"]["none"].tool_tip_text
    assert "leak risk 9.0% a month" in app.scene.share_buttons["colombia"]["full"].tool_tip_text
    click(app, find_button(app, "Undo"))  # rebuilt: the line shows the level restored
    assert leak_line(app, "colombia") == ("leak risk 9.0% a month", "@bad")
    assert not app.internal_errors
