"""The Operations tab's route list fits each entry to the list's width: a long place name is
shortened with an ellipsis, but the "[n]" deployed count and the mode always stay, and the
selected route's heading below the list gives its whole name (before, "Pecém / Fortaleza >
Algeciras / Campo de Gibralta" was cut at the list's right edge at 1280x800)."""

from __future__ import annotations

import pytest
from conftest import click, find_button
from test_overflow_intel import open_intel
from test_red_scroll import inside, wheel_down_until

SEATS = {"caribbean": "usa", "mediterranean": "spain", "southeast_asia": "thailand"}


def open_routes(app, scenario: str, size=(1280, 800)):
    side = SEATS[scenario]
    s = open_intel(app, scenario, side)
    click(app, find_button(app, "Operations"))
    app.resize(size)
    return s, side


def check_entries(app, s, side) -> list[str]:
    """Every entry fits its row, starts with the deployed count (when there is one) and ends
    with the route's mode; the entries in the list's order."""
    sc = s.scenario
    scene = app.scene
    font = app.theme_font()
    lst = scene.route_list
    row_w = lst.item_list_container.rect.w
    texts = [str(it["text"]) for it in lst.item_list]
    assert [rid for _t, rid in scene.route_items] == list(sc.routes)
    for text, rid in zip(texts, sc.routes, strict=True):
        r = sc.routes[rid]
        dep = sum(s.draft(side).deploy.get(rid, {}).values())
        assert text.endswith(f" ({r.mode})")
        assert text.startswith(f"[{dep}] ") == (dep > 0)
        assert font.size(text)[0] <= row_w - 16, text  # 8 px of padding either side
        a, b = sc.locations[r.origin].name, sc.locations[r.dest].name
        if "…" not in text:
            assert text == (f"[{dep}] " if dep else "") + f"{a} > {b} ({r.mode})"
    for it in lst.item_list:  # the buttons on show are as wide as the rows measured
        if it["button_element"] is not None:
            assert it["button_element"].rect.w == row_w
    return texts


@pytest.mark.parametrize("scenario", list(SEATS))
@pytest.mark.parametrize("size", [(1280, 800), (960, 600), (1920, 1080)])
def test_every_route_entry_fits_the_list(app, scenario, size):
    s, side = open_routes(app, scenario, size)
    texts = check_entries(app, s, side)
    assert len(set(texts)) == len(texts)
    if scenario == "mediterranean" and size != (1920, 1080):
        text = texts[list(s.scenario.routes).index("pecem_algeciras")]
        assert text.startswith("Pecém /") and text.endswith("… (maritime)")
        assert "… > Alge" in text  # both names gave up a little, neither all
    assert not app.internal_errors


def test_a_shortened_entry_keeps_its_count_and_the_heading_gives_the_whole_name(app):
    s, side = open_routes(app, "mediterranean")
    assert not s.deploy(side, "pecem_algeciras", "patrol_ship", 1)
    assert not s.deploy(side, "belem_rotterdam", "helicopter", 1)
    app.rebuild()
    texts = check_entries(app, s, side)
    rotterdam = texts[list(s.scenario.routes).index("belem_rotterdam")]
    assert rotterdam.startswith("[1] Belém (Amazon")
    assert rotterdam.endswith("… > Rotterdam (maritime)")
    assert "…" in rotterdam  # was "[1] Belém (Amazon mouth) > Rotterdam (maritim", cut
    k = list(s.scenario.routes).index("pecem_algeciras")
    text = texts[k]
    assert text.startswith("[1] Pecém / Fort") and text.endswith("… (maritime)")
    assert "… > Algeciras" in text  # both names gave up a little
    item = app.scene.route_list.item_list[k]
    click(app, item["button_element"])  # the list selects by position, not by text
    scene = app.scene
    assert scene.route == "pecem_algeciras"
    heading = " ".join(str(lab.text) for lab in scene.route_heading)
    assert heading == "Pecém / Fortaleza > Algeciras / Campo de Gibraltar"
    assert all(lab.rect.right <= scene.content.right for lab in scene.route_heading)
    selected = [i for i, it in enumerate(scene.route_list.item_list) if it["selected"]]
    assert selected == [k]  # still the one selected after the rebuild
    # deploying from the rows below updates the entry's count
    click(app, scene.asset_buttons["patrol_ship"][1])
    assert s.draft(side).deploy["pecem_algeciras"]["patrol_ship"] == 2
    assert str(app.scene.route_list.item_list[k]["text"]).startswith("[2] Pecém")
    assert not app.internal_errors


def item_in_view(lst, k: int) -> bool:
    b = lst.item_list[k]["button_element"]
    return b is not None and b.visible and inside(b.rect, lst.item_list_container.rect)


def test_a_route_picked_on_the_map_is_shown_in_the_list(app):
    s, _side = open_routes(app, "mediterranean", (960, 600))
    routes = list(s.scenario.routes)
    lst = app.scene.route_list
    assert lst.scroll_bar is not None and not item_in_view(lst, len(routes) - 1)
    app.scene.on_map_select(("route", routes[-1]))  # as a click on the map does
    app.step()
    lst = app.scene.route_list
    assert app.scene.route == routes[-1]
    assert lst.item_list[-1]["selected"] and item_in_view(lst, len(routes) - 1)
    assert not app.internal_errors


def test_a_click_in_the_scrolled_list_leaves_it_where_it_was(app):
    s, _side = open_routes(app, "mediterranean", (960, 600))
    lst = app.scene.route_list
    wheel_down_until(app, lst.rect, lambda: lst.scroll_bar.start_percentage > 0.3)
    for _ in range(5):
        app.step()
    k = next(i for i, it in enumerate(lst.item_list)
             if i > 0 and item_in_view(lst, i) and item_in_view(lst, i - 1))
    y = lst.item_list[k]["button_element"].rect.y
    click(app, lst.item_list[k]["button_element"])
    lst = app.scene.route_list
    assert app.scene.route == list(s.scenario.routes)[k]
    app.step()
    assert lst.item_list[k]["selected"]
    assert lst.item_list[k]["button_element"].rect.y == y  # no jump under the pointer
    assert not app.internal_errors


def test_a_second_click_on_the_selected_route_keeps_it_highlighted(app):
    from conftest import click, find_button, seat_alone

    seat_alone(app, "andes", "colombia")
    click(app, find_button(app, "Operations"))
    lst = app.scene.route_list
    item = lst.item_list[1]["button_element"]
    click(app, item)
    rid = app.scene.route
    assert rid == app.scene.route_items[1][1]
    click(app, app.scene.route_list.item_list[1]["button_element"])  # again
    for _ in range(3):
        app.step()
    assert app.scene.route == rid
    assert [i for i, it in enumerate(app.scene.route_list.item_list) if it["selected"]] == [1]
    assert not app.internal_errors
