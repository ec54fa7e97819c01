"""The status line above End turn says when the nation deploys nothing although it has assets
free (still ready: deploying nothing is legal), so a student does not end the turn without
noticing (before, it read "Ready. 0 asset(s) deployed; upkeep 0.0.")."""

from __future__ import annotations

import re

import pytest
from conftest import click, find_button
from test_overflow_intel import open_intel

SIDE = "spain"  # fifteen assets on mediterranean, none deployed in its first draft


def status_text(app) -> str:
    return re.sub(r"<[^>]+>", "", app.scene.status.html_text)


@pytest.mark.parametrize("size", [(1280, 800), (960, 600), (1920, 1080)])
def test_idle_assets_are_named_and_deploying_one_changes_the_line(app, size):
    s = open_intel(app, "mediterranean", SIDE)
    app.resize(size)
    owned = sum(s.owned_assets(SIDE).values())
    assert owned == 15 and s.draft(SIDE).deploy == {}
    assert status_text(app) == "Ready. No assets deployed: 15 idle (Operations)."
    assert app.scene.status.scroll_bar is None  # the whole line shows
    click(app, find_button(app, "Operations"))
    route = next(r for r in s.scenario.routes if not s.deploy_reasons(SIDE, r, "patrol_ship"))
    app.scene.select_route(route)
    app.step()
    click(app, app.scene.asset_buttons["patrol_ship"][1])
    upkeep = s.scenario.asset_types["patrol_ship"].upkeep
    assert status_text(app) == f"Ready. 1 asset(s) deployed; upkeep {upkeep:.1f} points."
    click(app, find_button(app, "Undo"))
    assert status_text(app) == "Ready. No assets deployed: 15 idle (Operations)."
    click(app, find_button(app, "End turn"))  # ready: nothing deployed is a legal turn
    assert app.scene.name == "resolution"
    assert not app.internal_errors


def test_a_nation_with_every_asset_deployed_reads_as_before(app):
    s = open_intel(app, "caribbean", "jamaica")  # one patrol ship
    assert status_text(app) == "Ready. No assets deployed: 1 idle (Operations)."
    route = next(r for r in s.scenario.routes if not s.deploy_reasons("jamaica", r, "patrol_ship"))
    assert not s.deploy("jamaica", route, "patrol_ship", 1)
    app.scene.refresh_status()
    upkeep = s.scenario.asset_types["patrol_ship"].upkeep
    assert status_text(app) == f"Ready. 1 asset(s) deployed; upkeep {upkeep:.1f} points."
