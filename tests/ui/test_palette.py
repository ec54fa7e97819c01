"""Side colours: every nation and trafficker of a scenario gets a colour that can be told apart
from the others, from the colours the map already uses and from the sea and land."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest
from conftest import SCENARIOS
from fixtures import small_scenario

from game.scenario import load_scenario
from game.ui import palette as P

BUILT_IN = sorted(p.stem for p in SCENARIOS.glob("*.yaml"))


def _with_colours(sc, nations: dict[str, str | None], traffickers=None):
    ns = {nid: dataclasses.replace(n, color=nations.get(nid, n.color))
          for nid, n in sc.nations.items()}
    ts = {tid: dataclasses.replace(t, color=(traffickers or {}).get(tid, t.color))
          for tid, t in sc.traffickers.items()}
    return dataclasses.replace(sc, nations=ns, traffickers=ts)


def test_ciede2000_matches_the_published_test_data():
    """Sharma, Wu & Dalal (2005), table 1, pairs 1, 7, 17 and 23."""
    pairs = [((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
             ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
             ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
             ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644)]
    for a, b, want in pairs:
        assert float(P.delta_e(np.array(a), np.array(b))) == pytest.approx(want, abs=1e-4)
    assert P.colour_distance((255, 255, 255), (255, 255, 255)) == 0.0
    assert P.to_lab((255, 255, 255)) == pytest.approx([100.0, 0.0, 0.0], abs=1e-3)


@pytest.mark.parametrize("sid", BUILT_IN)
def test_built_in_scenarios_sides_are_distinct_and_readable(sid):
    sc = load_scenario(str(SCENARIOS / f"{sid}.yaml"))
    nations, traffickers = P.nation_colours(sc), P.trafficker_colours(sc)
    assert list(nations) == list(sc.nations) and list(traffickers) == list(sc.traffickers)
    sides = {**nations, **traffickers}
    for (a, ca), (b, cb) in itertools.combinations(sides.items(), 2):
        assert P.colour_distance(ca, cb) >= P.MIN_DISTANCE, (a, b, ca, cb)
    for side, col in sides.items():
        reserved = P.NATION_RESERVED if side in nations else P.RESERVED
        for what, rc in reserved.items():
            assert P.colour_distance(col, rc) >= P.MIN_RESERVED_DISTANCE, (side, what)
        assert P.contrast(col, P.SEA) >= P.MIN_CONTRAST_SEA, side
        assert P.contrast(col, P.LAND) >= P.MIN_CONTRAST_LAND, side
        assert P.contrast(col, P.SEA_DEEP) >= P.MIN_CONTRAST_SEA, side


def test_the_thresholds_separate_the_colours_students_confused():
    """The review's pairs are closer than MIN_DISTANCE or too dark: the rule must act on them."""
    same = [("#fcd116", "#ffdd00"),  # Colombia and Ecuador
            ("#c60b1e", "#c1272d"), ("#c1272d", "#ce1126")]  # Spain, Morocco, Guinea-Bissau
    for a, b in same:
        assert P.colour_distance(P.parse_colour(a), P.parse_colour(b)) < P.MIN_DISTANCE
    like_the_map = [("#fcd116", P.MODE_COLOURS["air"]),  # Colombia and the air routes
                    ("#ff7f0e", P.MODE_COLOURS["land"]), ("#ff7f0e", P.RED)]  # the Netherlands
    for a, b in like_the_map:
        assert P.colour_distance(P.parse_colour(a), b) < P.MIN_RESERVED_DISTANCE, (a, b)
    for dark in ("#2d2a4a", "#010066"):  # Thailand and Malaysia on the navy sea
        assert not P.readable_on_map(P.parse_colour(dark))


def test_a_distinct_readable_colour_is_kept_and_the_first_in_file_order_wins():
    sc = small_scenario()
    out = P.nation_colours(_with_colours(sc, {"usa": "#1f77b4", "col": "#1f77b4",
                                              "mex": "#cc79a7"}))
    assert out["usa"] == (31, 119, 180)  # kept
    assert out["mex"] == (204, 121, 167)  # kept
    assert out["col"] != out["usa"]  # the same colour again: the second one gives way
    assert P.colour_distance(out["col"], out["usa"]) >= P.MIN_DISTANCE
    # in the other order the other nation keeps it
    first_col = dataclasses.replace(sc, nations={k: sc.nations[k] for k in ("col", "usa", "mex")})
    out2 = P.nation_colours(_with_colours(first_col, {"usa": "#1f77b4", "col": "#1f77b4"}))
    assert out2["col"] == (31, 119, 180) and out2["usa"] != (31, 119, 180)


def test_colours_already_meaning_something_are_not_given_to_a_nation():
    sc = small_scenario()
    out = P.nation_colours(_with_colours(sc, {"usa": "#fcd116", "col": "#ff7f0e",
                                              "mex": "#e6e6e6"}))
    for nid, col in out.items():
        for what, rc in P.NATION_RESERVED.items():
            assert P.colour_distance(col, rc) >= P.MIN_RESERVED_DISTANCE, (nid, what)
    # no colour given: Okabe-Ito in file order, skipping those the map uses already
    # (and Okabe-Ito's blue, too dark against the land), then Paul Tol's: his bright blue
    # #4477aa is too close to the grey of dormant routes, his vibrant blue is not
    assert P.nation_colours(sc) == {"usa": P.OKABE_ITO[2], "col": P.OKABE_ITO[6],
                                    "mex": (0x00, 0x77, 0xbb)}


def test_a_colour_too_dark_for_the_sea_is_lightened_or_replaced():
    sc = small_scenario()
    out = P.nation_colours(_with_colours(sc, {"usa": "#7a2a8a", "col": "#2d2a4a",
                                              "mex": "#010066"}))
    for col in out.values():
        assert P.readable_on_map(col)
    # a dark purple a quarter of the way to white passes: the flag's hue is kept if it can be
    assert out["usa"] == P.mix((122, 42, 138), (255, 255, 255), 0.25)


def test_traffickers_get_their_own_colours_vermillion_first():
    sc = small_scenario()
    tids = list(sc.traffickers)
    out = P.trafficker_colours(sc)
    assert out[tids[0]] == P.RED  # no colour given: the traffickers' vermillion
    nations = P.nation_colours(sc)
    for col in out.values():
        assert all(P.colour_distance(col, n) >= P.MIN_DISTANCE for n in nations.values())


def test_the_choice_is_deterministic():
    a = load_scenario(str(SCENARIOS / "caribbean.yaml"))
    b = load_scenario(str(SCENARIOS / "caribbean.yaml"))
    assert P.side_colours(a) == P.side_colours(b)
    P._assign.cache_clear()
    assert P.side_colours(a) == P.side_colours(b)
