"""The status line above End turn says when the nation deploys nothing although it has assets
free (still ready: deploying nothing is legal), so a student does not end the turn without
noticing (before, it read "Ready. 0 asset(s) deployed; upkeep 0.0."); and how much of the
budget pays for nothing (operations above the upkeep, procurement above the purchases), of
which the engine keeps half as next turn's reserve."""

from __future__ import annotations

import re

import pytest
from conftest import click, find_button
from test_overflow_intel import open_intel

SIDE = "spain"  # fifteen assets on mediterranean, none deployed in its first draft


def status_text(app) -> str:
    return re.sub(r"<[^>]+>", "", app.scene.status.html_text)


def spare(s, side: str) -> float:
    """The draft's operations above its upkeep plus procurement above its purchases, from
    the draft itself."""
    d = s.draft(side)
    types = s.scenario.asset_types
    cost = sum(types[a].cost * c for a, c in d.buy.items())
    return (max(d.funding["operations"] - s.upkeep(side), 0)
            + max(d.funding["procurement"] - cost, 0))


@pytest.mark.parametrize("size", [(1280, 800), (960, 600), (1920, 1080)])
def test_idle_assets_are_named_and_deploying_one_changes_the_line(app, size):
    s = open_intel(app, "mediterranean", SIDE)
    app.resize(size)
    owned = sum(s.owned_assets(SIDE).values())
    assert owned == 15 and s.draft(SIDE).deploy == {}
    idle = spare(s, SIDE)
    assert round(idle, 1) == 24.3
    assert status_text(app) == ("Ready. No assets deployed: 15 idle (Operations); 24.3 points "
                                "unspent (half kept as reserve).")
    assert app.scene.status.scroll_bar is None  # the whole line shows
    click(app, find_button(app, "Operations"))
    route = next(r for r in s.scenario.routes if not s.deploy_reasons(SIDE, r, "patrol_ship"))
    app.scene.select_route(route)
    app.step()
    click(app, app.scene.asset_buttons["patrol_ship"][1])
    upkeep = s.scenario.asset_types["patrol_ship"].upkeep
    assert status_text(app) == (f"Ready. 1 asset(s) deployed; upkeep {upkeep:.1f} points; "
                                f"{idle - upkeep:.1f} points unspent (half kept as reserve).")
    assert app.scene.status.scroll_bar is None
    click(app, find_button(app, "Undo"))
    assert status_text(app).startswith("Ready. No assets deployed: 15 idle (Operations); ")
    click(app, find_button(app, "End turn"))  # ready: nothing deployed is a legal turn
    assert app.scene.name == "resolution"
    assert not app.internal_errors


def test_a_nation_with_every_asset_deployed_reads_as_before(app):
    s = open_intel(app, "caribbean", "jamaica")  # one patrol ship
    assert status_text(app) == ("Ready. No assets deployed: 1 idle (Operations); 3.1 points "
                                "unspent (half kept as reserve).")
    route = next(r for r in s.scenario.routes if not s.deploy_reasons("jamaica", r, "patrol_ship"))
    assert not s.deploy("jamaica", route, "patrol_ship", 1)
    app.scene.refresh_status()
    upkeep = s.scenario.asset_types["patrol_ship"].upkeep
    assert spare(s, "jamaica") < 0.05  # operations were raised to the upkeep, no more
    assert status_text(app) == f"Ready. 1 asset(s) deployed; upkeep {upkeep:.1f} points."


def test_the_unspent_money_shown_is_what_the_engine_keeps_half_of(app):
    """The figure on the status line is the engine's: after the turn the nation's reserve is
    half of it (the budget is all allocated, so nothing else carries over)."""
    from game.core.network import compiled

    s = open_intel(app, "mediterranean", SIDE)
    click(app, find_button(app, "Funding"))
    sliders = {k: sl for sl, k in app.scene.sliders.items()}
    for _ in range(3):  # procurement up: three points more that buy nothing
        click(app, sliders["procurement"].right_button)
    shown = re.search(r"; ([\d.]+) points unspent \(half kept as reserve\)\.$", status_text(app))
    assert shown is not None, status_text(app)
    assert abs(float(shown.group(1)) - spare(s, SIDE)) <= 0.06  # orders round to 0.01
    n = compiled(s.scenario).nidx[SIDE]
    assert float(s.game.state.n_reserve[n]) == 0.0
    click(app, find_button(app, "End turn"))
    assert app.scene.name == "resolution"
    assert abs(float(s.game.state.n_reserve[n]) - 0.5 * float(shown.group(1))) <= 0.03
    assert not app.internal_errors
