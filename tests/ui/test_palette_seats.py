"""The seats screen shows each side in its colour on the map: the traffickers too, each in its
own (they used to be all vermillion)."""

from __future__ import annotations

import itertools

import pytest
from conftest import SCENARIOS, click, find_button

from game.scenario import load_scenario
from game.ui import palette as P


@pytest.mark.parametrize("sid", ["caribbean", "mediterranean", "southeast_asia"])
def test_seat_swatches_are_the_sides_distinct_map_colours(app, sid):
    from game.ui.scenes.title import TitleScene

    app.switch(TitleScene(app, preselect=str(SCENARIOS / f"{sid}.yaml")))
    app.step()
    click(app, find_button(app, "Set up seats"))
    assert app.scene.name == "seats"
    app.step()
    sc = load_scenario(str(SCENARIOS / f"{sid}.yaml"))
    want = P.side_colours(sc)
    shown = {side: tuple(app.screen.get_at(r.center))[:3] for side, r in app.scene.rows}
    assert set(shown) == set(sc.nations) | set(sc.traffickers)
    assert shown == want
    assert {shown[n] for n in sc.nations} == set(P.nation_colours(sc).values())
    for a, b in itertools.combinations(sc.traffickers, 2):
        assert P.colour_distance(shown[a], shown[b]) >= P.MIN_DISTANCE, (a, b)
    for t, n in itertools.product(sc.traffickers, sc.nations):
        assert P.colour_distance(shown[t], shown[n]) >= P.MIN_DISTANCE, (t, n)
