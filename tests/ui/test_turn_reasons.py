"""The reasons a choice is illegal read in names in the Blue seat's panel: the engine's
reasons name routes and nations by id (they also locate a mistake in an orders file), and the
disabled "+" used to show them as they were ("route coast_road is in Colombia's jurisdiction
(consent): Colombia has not granted usa access; a Patrol ship cannot operate on land route
coast_road")."""

from __future__ import annotations

from conftest import click, find_button, into_turn

from game.ui.scenes.turn import readable


def test_the_disabled_plus_gives_its_reasons_in_names(app):
    into_turn(app, "tutorial")
    s = app.session
    assert s.deploy_reasons("usa", "coast_road", "patrol_ship") == [
        "route coast_road is in Colombia's jurisdiction (consent): Colombia has not granted "
        "usa access", "a Patrol ship cannot operate on land route coast_road"]  # the engine's
    click(app, find_button(app, "Operations"))
    app.scene.select_route("coast_road")
    app.step()
    plus = app.scene.asset_buttons["patrol_ship"][1]
    assert not plus.is_enabled
    assert plus.tool_tip_text == (
        "The land route Urabá > Cartagena is in Colombia's jurisdiction (consent): Colombia "
        "has not granted access to United States forces; a Patrol ship cannot operate on land "
        "route Urabá > Cartagena")
    assert not app.internal_errors


def test_readable_names_every_id_of_the_deploy_reasons(app):
    into_turn(app, "tutorial")
    sc = app.session.scenario
    assert readable(sc, "deploy: route island_hop is in Colombia's jurisdiction and no "
                        "alliance with joint operations gives usa access") == (
        "deploy: the maritime route Urabá > San Andrés is in Colombia's jurisdiction and no "
        "alliance with joint operations lets United States forces in")
    assert readable(sc, "deploy: route coast_road is in Colombia's jurisdiction, which is "
                        "closed to foreign forces") == (
        "deploy: the land route Urabá > Cartagena is in Colombia's jurisdiction, which is "
        "closed to foreign forces")
    assert readable(sc, "deploy: 3 patrol_ship deployed but usa has 2") == \
        "deploy: Patrol ship: 3 deployed but United States has 2"
    assert readable(sc, "flows: path coast_road>go_fast uses dormant route(s) air_drop") == \
        "flows: path coast_road>go_fast uses dormant route(s) air_drop"  # not a deploy reason
    assert readable(sc, "route nowhere is unknown") == "route nowhere is unknown"
