"""The Blue seat's Funding tab: the sliders scroll under the budget line and the capacity
partner and the Buy row (procurement) stay below them, so at 960x600 every slider can be set
and assets ordered (before, the sliders ran under the status line and the Buy row was left out
when there was no room)."""

from __future__ import annotations

import pytest
from conftest import click, find_button
from test_overflow_intel import open_intel
from test_red_scroll import inside, wheel_down_until

SIDE = "spain"  # six sliders on mediterranean, a capacity-building partner, six asset types


def open_funding(app, size):
    s = open_intel(app, "mediterranean", SIDE)
    click(app, find_button(app, "Funding"))
    app.resize(size)
    assert app.scene.tab == "funding"
    return s


def sliders_in_order(scene):
    return sorted(scene.sliders, key=lambda sl: sl.relative_rect.y)


@pytest.mark.parametrize("size", [(960, 600), (1280, 800), (1920, 1080)])
def test_every_slider_and_the_buy_row_are_on_screen(app, size):
    s = open_funding(app, size)
    scene = app.scene
    assert list(scene.sliders.values()) == ["operations", "intelligence", "governance",
                                            "capacity_building", "alliance_fund",
                                            "procurement"]
    rows = scene.funding_list.get_container()
    for sl in scene.sliders:
        assert sl.ui_container is rows and sl.relative_rect.bottom <= rows.relative_rect.h
    status = scene.status.rect
    view = scene.funding_list.rect
    assert view.bottom <= scene.cb_menu.rect.top  # the menus sit below the list...
    for el in (scene.cb_menu, scene.buy_menu, find_button(app, "+"), scene.ordered):
        assert el.rect.bottom <= status.top  # ...and above the status line
    assert scene.funding_list.vert_scroll_bar_active == (size == (960, 600))
    assert str(scene.ordered.text) == "Ordered: nothing"
    assert s.validate(SIDE) == []
    assert not app.internal_errors


def test_the_last_slider_scrolls_into_view_and_moves_the_budget(app):
    s = open_funding(app, (960, 600))
    scene = app.scene
    view = scene.funding_list.rect.copy()
    last = sliders_in_order(scene)[-1]
    assert scene.sliders[last] == "procurement"
    assert not inside(last.rect, view)
    fixed = [scene.buy_menu.rect.copy(), scene.status.rect.copy()]
    wheel_down_until(app, view, lambda: inside(last.rect, view))
    assert [scene.buy_menu.rect, scene.status.rect] == fixed  # only the sliders moved
    assert last.right_button.rect.right <= scene.funding_list.vert_scroll_bar.rect.left
    before = s.draft(SIDE).funding["procurement"]
    click(app, last.right_button)
    after = s.draft(SIDE).funding
    assert after["procurement"] == before + 1
    assert abs(sum(after.values()) - s.budget(SIDE)) < 1e-6
    assert str(scene.slider_labels["procurement"].text) == \
        f"Procurement: {before + 1:.1f} points (purchases 0.0)"
    # nothing ordered: that money is not spent, and the note says so
    assert str(scene.slider_notes["procurement"].text) == \
        f"{before + 1:.1f} above purchases: unspent, half kept as reserve"
    assert not app.internal_errors


def test_buying_from_the_menu_at_960x600(app):
    s = open_funding(app, (960, 600))
    scene = app.scene
    sc = s.scenario
    menu = scene.buy_menu
    click(app, menu.current_state.selected_option_button)  # open the menu
    item = next(it for it in menu.current_state.options_selection_list.item_list
                if str(it["text"]).startswith("Maritime patrol aircraft"))
    click(app, item["button_element"])
    for _ in range(3):  # the menu posts its change a frame after the list's selection
        app.step()
    assert app.scene.buy_choice.startswith("Maritime patrol aircraft")
    click(app, find_button(app, "+"))
    assert s.draft(SIDE).buy == {"maritime_patrol_aircraft": 1}
    assert s.draft(SIDE).to_orders().buy == {"maritime_patrol_aircraft": 1}
    name = sc.asset_types["maritime_patrol_aircraft"].name
    assert str(app.scene.ordered.text) == f"Ordered: 1 {name}"
    assert str(app.scene.buy_menu.selected_option[0]).startswith(name)  # kept after rebuild
    assert not app.internal_errors


def test_operations_money_above_the_upkeep_is_shown_unspent_and_half_kept(app):
    """Operations money above the deployed assets' upkeep is not spent (rules, since
    10ca466): half of it is kept as reserve. The label says so, and every amount is in points
    (before: "Operations: 36.0   (upkeep needed: 4.0)" under "pays the upkeep of deployed
    assets", as if all of it were spent)."""
    from conftest import into_turn

    into_turn(app, "tutorial")
    s, side, scene = app.session, app.scene.side, app.scene
    assert s.deploy(side, "go_fast", "patrol_ship", 1) == []
    s.set_funding(side, "operations", 36.0)
    scene.update_funding_labels()
    upkeep = s.scenario.asset_types["patrol_ship"].upkeep
    assert upkeep == 4
    assert str(scene.slider_labels["operations"].text) == "Operations: 36.0 points (upkeep 4.0)"
    assert str(scene.slider_notes["operations"].text) == \
        "32.0 above upkeep: unspent, half kept as reserve"
    assert str(scene.slider_labels["intelligence"].text).endswith(" points")
    s.set_funding(side, "operations", 4.0)
    scene.update_funding_labels()
    assert str(scene.slider_notes["operations"].text) == "pays the upkeep of deployed assets"
    s.set_funding(side, "operations", 2.5)
    scene.update_funding_labels()
    assert str(scene.slider_notes["operations"].text) == "1.5 short of the upkeep"
    assert not app.internal_errors


def test_the_buy_menu_says_cost_and_arrival_in_the_scenarios_months(app):
    """"Patrol ship (40, 3 turns)" said neither what the numbers were nor the scenario's word
    for a turn: the menu names the asset and the line under it says "Cost 40 points, arrives
    in 3 months"; the budget line says "this month"."""
    from conftest import into_turn

    into_turn(app, "tutorial")
    scene, sc = app.scene, app.session.scenario
    assert sc.turn_label == "Month"
    ship = sc.asset_types["patrol_ship"]
    assert (ship.cost, ship.lead_time) == (40, 3)
    assert str(scene.buy_menu.selected_option[0]) == "Patrol ship"
    assert str(scene.buy_about.text) == "Cost 40 points, arrives in 3 months"
    labels = [str(e.text) for e in app.ui.get_sprite_group().sprites()
              if e.alive() and hasattr(e, "text")]
    assert f"Budget this month: {app.session.budget(scene.side):.1f} points" in labels
    uav = sc.asset_types["uav"]
    scene.buy_choice = uav.name
    app.rebuild()
    assert (uav.cost, uav.lead_time) == (15, 1)
    assert str(app.scene.buy_about.text) == "Cost 15 points, arrives in 1 month"
    assert not app.internal_errors


def test_an_order_beyond_the_budget_says_so_in_a_sentence(tmp_path):
    """It read "that would cost 40 points, more than the whole budget (28.005 points)"."""
    from conftest import SCENARIOS

    from game.scenario import load_scenario
    from game.ui.session import SeatPlan, Session

    sc = load_scenario(SCENARIOS / "mediterranean.yaml")
    s = Session.new(sc, SeatPlan.default(sc), saves_dir=tmp_path, autosave=False)
    budget = s.budget("netherlands")
    ship = sc.asset_types["patrol_ship"].cost
    assert (ship, budget) == (40, 28.0)
    assert s.buy("netherlands", "patrol_ship", 1) == [
        "That would cost 40 points in all, more than the whole budget of 28 points this "
        "month."]
    assert s.draft("netherlands").buy == {}
    s.budget = lambda side: 28.005  # (half of last month's unspent money carried over)
    assert s.buy("netherlands", "patrol_ship", 1) == [
        "That would cost 40 points in all, more than the whole budget of 28 points this "
        "month."]


def test_capacity_building_goes_by_default_to_the_most_corrupt_ally(tmp_path):
    """It went to the first ally listed: Morocco built Spain's capacity."""
    from conftest import SCENARIOS

    from game.scenario import load_scenario
    from game.ui.session import SeatPlan, Session

    sc = load_scenario(SCENARIOS / "mediterranean.yaml")
    s = Session.new(sc, SeatPlan.default(sc), saves_dir=tmp_path, autosave=False)
    for side, partner in (("morocco", "guinea_bissau"), ("spain", "guinea_bissau"),
                          ("netherlands", "italy")):
        allies = s.allied_partners(side)
        assert partner == max(allies, key=lambda p: sc.nations[p].corruption)
        assert s.draft(side).capacity_partner == partner
        assert dict(s.draft(side).to_orders().funding.capacity_building) == {
            partner: round(s.draft(side).funding["capacity_building"], 6)}
