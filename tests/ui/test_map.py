"""The map: projection, cached background, label placement, hit tests, zoom."""

from __future__ import annotations

import pygame
import pytest
from fixtures import small_scenario

from game.ui import palette as P
from game.ui.fonts import Fonts
from game.ui.labels import place_labels
from game.ui.mapview import MapData, MapView, TileCache, wait_land_mask


@pytest.fixture(scope="module")
def screen():
    pygame.init()
    wait_land_mask()
    yield pygame.display.set_mode((1280, 800))


def _map(rect=(0, 46, 900, 724)):
    sc = small_scenario()
    return MapView(sc, Fonts(), pygame.Rect(rect), P.nation_colours(sc), tiles=TileCache())


def test_labels_never_overlap_each_other_or_obstacles():
    frame = pygame.Rect(0, 0, 400, 300)
    pts = [(100, 100), (104, 102), (108, 98), (300, 200), (10, 10)]
    sizes = [(60, 14)] * len(pts)
    obstacle = pygame.Rect(90, 90, 20, 20)
    rects = place_labels(pts, sizes, frame, [obstacle], gap=12)
    placed = [r for r in rects if r is not None]
    assert rects[0] is not None  # the first (most important) label always finds a place
    for i, a in enumerate(placed):
        assert frame.contains(a)
        assert not a.colliderect(obstacle)
        for b in placed[i + 1:]:
            assert not a.colliderect(b)
    # the first choice is to the right of the point
    assert rects[3].left == 312 and rects[3].centery == 200


def test_label_with_no_room_is_left_out():
    frame = pygame.Rect(0, 0, 50, 50)
    assert place_labels([(25, 25)], [(200, 14)], frame) == [None]


def test_mercator_round_trip_and_orientation(screen):
    mv = _map()
    for lon, lat in ((-80.0, 25.0), (-95.0, 5.0), (-62.0, 31.0)):
        x, y = mv.to_screen(lon, lat)
        lon2, lat2 = mv.to_lonlat(x, y)
        assert abs(lon2 - lon) < 1e-6 and abs(lat2 - lat) < 1e-6
    assert mv.to_screen(-80, 30)[1] < mv.to_screen(-80, 10)[1]  # north is up
    assert mv.to_screen(-90, 20)[0] < mv.to_screen(-70, 20)[0]  # east is right
    # Mercator: a degree of latitude is taller at 30N than at the equator
    h_eq = mv.to_screen(-80, 0)[1] - mv.to_screen(-80, 1)[1]
    h_30 = mv.to_screen(-80, 30)[1] - mv.to_screen(-80, 31)[1]
    assert h_30 > h_eq * 1.1


def test_background_is_not_recomputed_per_frame(screen):
    mv = _map()
    mv.set_data(MapData(flows={"epac": 30.0, "carib_sea": 10.0}))
    mv.draw(screen)
    tiles, composes = mv.tiles.renders, mv.composes
    assert tiles > 0 and composes == 1
    for i in range(30):  # frames with the mouse moving over the map
        mv.handle_event(pygame.event.Event(pygame.MOUSEMOTION, pos=(200 + i * 10, 300),
                                           rel=(10, 0), buttons=(0, 0, 0)))
        mv.draw(screen, 1 / 60)
    assert mv.tiles.renders == tiles
    assert mv.composes == composes
    # a second map of the same scenario and size reuses the tiles (shared cache)
    mv2 = MapView(mv.scenario, mv.fonts, mv.rect, mv.colours, tiles=mv.tiles)
    mv2.draw(screen)
    assert mv.tiles.renders == tiles


def test_real_coastlines(screen):
    mv = _map()
    mv.show_furniture = False
    mv.scenario = mv.scenario.__class__(**{**mv.scenario.__dict__, "routes": {},
                                           "locations": {}})
    mv._route_geo = {}
    mv.invalidate()
    mv.draw(screen)

    def colour(lon, lat):
        x, y = mv.to_screen(lon, lat)
        return screen.get_at((round(x), round(y)))[:3]

    land = colour(-78.5, 21.8)  # central Cuba
    sea = colour(-75.0, 14.0)  # the Caribbean Sea
    assert abs(land[0] - P.LAND[0]) < 20 and abs(land[2] - P.LAND[2]) < 20
    assert sea[2] > sea[0] + 15  # navy


def test_hit_tests_and_zoom_about_cursor(screen):
    mv = _map()
    mv.draw(screen)
    x, y = mv.to_screen(*mv.scenario.locations["miami"].at)
    assert mv.hit((round(x), round(y))) == ("location", "miami")
    px, py = mv.point_along("epac", 0.5)
    assert mv.hit((round(px), round(py))) == ("route", "epac")
    assert mv.hit((5, 5)) is None  # outside the map rect
    cursor = (400, 400)
    before = mv.to_lonlat(*cursor)
    mv.zoom_at(2, cursor)
    after = mv.to_lonlat(*cursor)
    assert mv.zoom > 1
    assert abs(before[0] - after[0]) < 0.05 and abs(before[1] - after[1]) < 0.05


def test_click_selects_drag_pans(screen):
    mv = _map()
    mv.zoom_at(2)
    chosen = []
    mv.on_select = chosen.append
    px, py = (round(v) for v in mv.point_along("carib_sea", 0.5))
    mv.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(px, py), button=1))
    mv.handle_event(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(px, py), button=1))
    assert chosen == [("route", "carib_sea")]
    pan = tuple(mv.pan)
    mv.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(400, 400), button=1))
    mv.handle_event(pygame.event.Event(pygame.MOUSEMOTION, pos=(440, 420), rel=(40, 20),
                                       buttons=(1, 0, 0)))
    mv.draw(screen)  # the drag fast path
    mv.handle_event(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(440, 420), button=1))
    assert tuple(mv.pan) == (pan[0] - 40, pan[1] - 20)
    assert len(chosen) == 1  # a drag is not a click


@pytest.mark.parametrize("sid", ["andes", "caribbean", "mediterranean", "southeast_asia"])
def test_places_a_few_km_apart_get_icons_of_their_own(screen, sid):
    """Tangier and Algeciras, Tachileik and the Bokeo zone: at every zoom the icons are drawn
    apart (routes end at the icons, clicks find them); icons with no close neighbour stay on
    their place."""
    import math

    from conftest import SCENARIOS

    from game.scenario import load_scenario
    from game.ui.mapview import SPREAD, ZOOMS

    sc = load_scenario(str(SCENARIOS / f"{sid}.yaml"))
    mv = MapView(sc, Fonts(), pygame.Rect(0, 46, 897, 724), P.nation_colours(sc),
                 tiles=TileCache())
    moved_somewhere = False
    for zi in range(len(ZOOMS)):
        mv.zi = zi
        mv.invalidate()
        true = {lid: mv.to_screen(*loc.at) for lid, loc in sc.locations.items()}
        shown = {lid: mv.loc_screen(lid) for lid in sc.locations}
        ids = list(shown)
        for i, a in enumerate(ids):
            near = any(math.dist(true[a], true[b]) < 2 * SPREAD for b in ids if b != a)
            if not near:
                assert shown[a] == true[a]
            assert math.dist(shown[a], true[a]) <= SPREAD
            moved_somewhere |= shown[a] != true[a]
            for b in ids[i + 1:]:
                assert math.dist(shown[a], shown[b]) >= SPREAD - 0.5, (zi, a, b)
        for rid, r in sc.routes.items():
            pts = mv.route_points(rid)
            assert pts[0] == pytest.approx(shown[r.origin]) and \
                pts[-1] == pytest.approx(shown[r.dest])
        for lid in ids:  # a click on an icon finds its own place
            x, y = shown[lid]
            if mv.rect.collidepoint(x, y):
                assert mv.hit((round(x), round(y))) == ("location", lid)
    assert moved_somewhere  # each of these theatres has places closer than two icons
