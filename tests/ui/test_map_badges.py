"""The deployment badges on the map: where routes converge they are slid along their own
routes (or set just beside them) so they overlap neither each other nor the locations; the
placement is deterministic, stays by its route, is cached per view and data, and a badge
under the mouse is its route for the tooltip and for a click."""

from __future__ import annotations

import itertools
import math

import pygame
import pytest
from conftest import SCENARIOS

from game.scenario import load_scenario
from game.ui import palette as P
from game.ui.fonts import Fonts
from game.ui.labels import place_along
from game.ui.mapview import MapData, MapView, TileCache, wait_land_mask
from game.ui.session import SeatPlan, Session

HUBS = {"mosquitia", "peten", "chiapas"}  # La Mosquitia, Petén, Puerto Chiapas
MAP_RECT = (0, 46, 896, 724)  # the turn screen's map at 1280x800


@pytest.fixture(scope="module")
def screen():
    pygame.init()
    wait_land_mask()
    yield pygame.display.set_mode((1280, 800))


@pytest.fixture(scope="module")
def converging():
    """Caribbean after a turn in which every nation put one asset on each route it may patrol
    into or out of La Mosquitia, Petén and Puerto Chiapas (up to ten nations on one route)."""
    sc = load_scenario(str(SCENARIOS / "caribbean.yaml"))
    s = Session.new(sc, SeatPlan.default(sc), autosave=False)
    routes = [rid for rid, r in sc.routes.items() if {r.origin, r.dest} & HUBS]
    for nid in sc.nations:
        for rid in routes:
            for asset in s.owned_assets(nid):
                if not s.deploy_reasons(nid, rid, asset):
                    s.deploy(nid, rid, asset, 1)
                    break
        assert s.submit(nid) == []
    s.end_turn()
    data = s.map_data("white")
    assert len([r for r in routes if data.patrols.get(r)]) >= 10
    return sc, data


def _map(sc, data, rect=MAP_RECT, fonts=None) -> MapView:
    mv = MapView(sc, fonts or Fonts(), pygame.Rect(rect), P.nation_colours(sc),
                 tiles=TileCache())
    mv.set_data(data)
    return mv


def _old_rects(mv: MapView) -> list[pygame.Rect]:
    """The placement before the declutter: each nation's 20x16 box (plus its 2-px outline)
    at 35%, 45%, 55%... along the route, whatever was there."""
    out = []
    for rid, items in mv.data.patrols.items():
        nations = sorted({nid for nid, _a, _c in items})
        for i, _nid in enumerate(nations):
            r = pygame.Rect(0, 0, 24, 20)
            r.center = tuple(round(v) for v in mv.point_along(rid, 0.35 + 0.1 * i))
            out.append(r)
    return out


def _overlapping_pairs(rects) -> int:
    return sum(1 for a, b in itertools.combinations(rects, 2) if a.colliderect(b))


def _icons(mv: MapView) -> list[pygame.Rect]:
    out = []
    for loc in mv.scenario.locations.values():
        x, y = mv.to_screen(*loc.at)
        out.append(pygame.Rect(round(x) - 9, round(y) - 9, 18, 18))
    return out


def _route_samples(mv: MapView, rid: str) -> list[tuple[float, float]]:
    """Points of a route's polyline no more than a pixel apart."""
    out = []
    for (ax, ay), (bx, by) in itertools.pairwise(mv.route_points(rid)):
        n = max(1, math.ceil(math.hypot(bx - ax, by - ay)))
        out.extend((ax + (bx - ax) * k / n, ay + (by - ay) * k / n) for k in range(n + 1))
    return out


def _dist_to_route(mv: MapView, rid: str, r: pygame.Rect) -> float:
    """How far a rect is from a route (0 if the route passes through it), to within 1 px."""
    return min(math.hypot(max(r.left - x, 0, x - r.right), max(r.top - y, 0, y - r.bottom))
               for x, y in _route_samples(mv, rid))


@pytest.mark.parametrize("zoom", [0, 2])
def test_badges_on_converging_routes_do_not_overlap(screen, converging, zoom):
    sc, data = converging
    mv = _map(sc, data)
    if zoom:
        hub = mv.to_screen(*sc.locations["mosquitia"].at)
        mv.zoom_at(zoom, tuple(round(v) for v in hub))
    mv.draw(screen)
    badges = [b for b in mv.badge_layout() if mv.rect.colliderect(b.rect)]
    assert len(badges) >= 20
    rects = [b.rect for b in badges]
    for a, b in itertools.combinations(badges, 2):
        assert not a.rect.colliderect(b.rect), (a, b)
    # every badge whose route is on screen is wholly on the map
    assert all(mv.rect.contains(r) for r in rects)
    # the old placement piled them up on the same deployments
    if zoom == 0:
        old = _old_rects(mv)
        assert _overlapping_pairs(old) >= 10
        icons = _icons(mv)
        labels = list(mv.label_rects.values())
        hits_old = sum(len(r.collidelistall(icons + labels)) for r in old)
        hits_new = sum(len(r.collidelistall(icons + labels)) for r in rects)
        assert hits_new < hits_old


def test_badges_do_not_overlap_at_1920x1080(converging):
    sc, data = converging
    mv = _map(sc, data, rect=(0, 46, 1400, 1004), fonts=Fonts(1.2))
    rects = [b.rect for b in mv.badge_layout()]
    assert _overlapping_pairs(rects) == 0


def test_badge_placement_is_deterministic(screen, converging):
    sc, data = converging
    a = _map(sc, data)
    b = _map(sc, data)
    b.draw(screen)  # drawing, hovering and a selection change nothing
    b.select(("route", "narino_chiapas"))
    b.draw(screen)
    first = [(x.rid, x.nation, x.count, tuple(x.rect)) for x in a.badge_layout()]
    assert first == [(x.rid, x.nation, x.count, tuple(x.rect)) for x in b.badge_layout()]
    a.invalidate()  # placed again from scratch
    assert first == [(x.rid, x.nation, x.count, tuple(x.rect)) for x in a.badge_layout()]


def test_badges_stay_by_their_route(converging):
    sc, data = converging
    mv = _map(sc, data)
    badges = mv.badge_layout()
    counts: dict[tuple[str, str], int] = {}
    for nid, rid, _asset, c in ((n, r, a, c) for r, es in data.patrols.items()
                                for n, a, c in es):
        counts[(rid, nid)] = counts.get((rid, nid), 0) + c
    # one badge per nation and route, with the nation's total there
    assert {(b.rid, b.nation): b.count for b in badges} == counts
    on = 0
    for rid in {b.rid for b in badges}:
        group = sorted((b.rect for b in badges if b.rid == rid), key=lambda r: (r.y, r.x))
        box = group[0].unionall(group[1:])
        # a route's badges sit side by side as one block, rows of up to three...
        assert len({r.size for r in group}) == 1
        w, h = group[0].size
        assert box.w == min(3, len(group)) * w and box.h == math.ceil(len(group) / 3) * h
        # ...on the route or, where it is crowded, no further from it than a row of badges
        # and a few pixels
        d = _dist_to_route(mv, rid, box)
        assert d <= h + 9, (rid, box, d)
        on += d == 0
    assert on >= len({b.rid for b in badges}) / 3  # crowded as it is, many right on it


def test_badges_are_placed_per_view_not_per_frame(screen, converging):
    sc, data = converging
    mv = _map(sc, data)
    mv.draw(screen)
    layouts, composes = mv.layouts, mv.composes
    for i in range(30):
        mv.handle_event(pygame.event.Event(pygame.MOUSEMOTION, pos=(200 + i * 10, 300),
                                           rel=(10, 0), buttons=(0, 0, 0)))
        mv.draw(screen, 1 / 60)
    assert (mv.layouts, mv.composes) == (layouts, composes)
    mv.zoom_at(1)
    mv.draw(screen)
    assert mv.layouts == layouts + 1
    mv.set_data(MapData(patrols={"narino_chiapas": [("usa", "patrol_ship", 2)]}))
    assert [(b.rid, b.count) for b in mv.badge_layout()] == [("narino_chiapas", 2)]
    assert mv.layouts == layouts + 2


def test_a_badge_under_the_mouse_is_its_route(screen, converging):
    sc, data = converging
    mv = _map(sc, data)
    mv.draw(screen)
    icons = _icons(mv)
    checked = 0
    for b in mv.badge_layout():
        if b.rect.inflate(12, 12).collidelist(icons) != -1:
            continue  # a location within 11 px wins the hover
        assert mv.hit(b.rect.center) == ("route", b.rid)
        checked += 1
    assert checked >= 10


def test_place_along_slides_a_box_along_its_path_to_a_free_spot():
    frame = pygame.Rect(0, 0, 400, 300)
    line = [(50.0, 150.0), (350.0, 150.0)]
    obstacle = pygame.Rect(190, 140, 20, 20)  # on the middle of the line
    (a, anchor_a), (b, anchor_b), (c, _) = place_along([line, line, line], [(30, 16)] * 3,
                                                       frame, [obstacle], step=5, pad=2)
    for r in (a, b, c):
        assert r.centery == 150 and not r.colliderect(obstacle)  # all three on the line
    assert not a.colliderect(b) and not b.colliderect(c) and not a.colliderect(c)
    # the nearest free spots to the middle, one after it and one before it
    assert a.left >= obstacle.right + 2 and b.right <= obstacle.left - 2
    assert abs(a.centerx - 200) <= 40 and abs(b.centerx - 200) <= 40
    assert anchor_a == pytest.approx(a.center, abs=1) and anchor_b == pytest.approx(b.center,
                                                                                    abs=1)


def test_place_along_sets_a_box_beside_a_blocked_path_and_never_drops_it():
    frame = pygame.Rect(0, 0, 400, 300)
    line = [(100.0, 150.0), (140.0, 150.0)]  # too short for anywhere free on it
    wall = pygame.Rect(90, 140, 60, 20)
    ((r, anchor),) = place_along([line], [(30, 16)], frame, [wall], step=4, pad=2)
    assert not r.colliderect(wall) and frame.contains(r)
    assert abs(r.centery - 150) <= 16 + 30 + 6 and 100 <= anchor[0] <= 140
    # no room at all: it keeps the spot where it overlaps least, on the map
    ((r2, _),) = place_along([line], [(30, 16)], frame, [frame], step=4)
    assert frame.contains(r2)
