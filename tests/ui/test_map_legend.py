"""The map legend: it explains every mark the map draws (the numbered deployment badges too)
and keeps off the places, also on a small window."""

from __future__ import annotations

import pygame
import pytest
from conftest import SCENARIOS, click, find_button, into_turn, new_app

from game.scenario import load_scenario
from game.ui import palette as P
from game.ui.fonts import Fonts
from game.ui.mapview import MapData, MapView, TileCache, wait_land_mask


@pytest.fixture
def screen():
    pygame.init()
    wait_land_mask()
    yield pygame.display.set_mode((1280, 800))


def _map(sid: str, rect=(0, 46, 896, 724)) -> MapView:
    sc = load_scenario(str(SCENARIOS / f"{sid}.yaml"))
    mv = MapView(sc, Fonts(), pygame.Rect(rect), P.nation_colours(sc), tiles=TileCache())
    mv.set_data(MapData(flows={rid: 5.0 for rid in sc.routes}))
    return mv


def _places_under(mv: MapView, box: pygame.Rect) -> list[str]:
    return [lid for lid in mv.scenario.locations if box.collidepoint(mv.loc_screen(lid))]


def test_the_legend_shows_a_deployment_badge_in_a_nations_colour(screen):
    mv = _map("tutorial")
    mv.draw(screen)
    box = mv.legend_rect()
    names = [text for text, _draw in mv._legend_rows()]
    assert any(text.startswith("Assets") for text in names)
    first = next(iter(mv.colours.values()))  # the sample badges are in nations' colours
    pixels = {tuple(screen.get_at((x, y)))[:3] for x in range(box.left, box.right)
              for y in range(box.top, box.bottom)}
    assert first in pixels


@pytest.fixture
def small(tmp_path):
    yield new_app(tmp_path, (960, 600))
    pygame.quit()


def test_at_960x600_the_legend_covers_no_place_of_the_tutorial(small):
    into_turn(small, "tutorial")
    click(small, find_button(small, "Operations"))
    mv = small.scene.map
    small.step()
    assert mv.compact_legend()
    box = mv.legend_rect()
    assert mv.rect.contains(box) and not box.colliderect(mv.scalebar_rect())
    assert _places_under(mv, box.inflate(14, 14)) == []
    # Urabá and Cartagena, under the old bottom-right legend, are drawn and named
    assert {"uraba", "cartagena"} <= set(mv.label_rects)
    for lr in mv.label_rects.values():
        assert not lr.colliderect(box)


@pytest.mark.parametrize("sid", ["andes", "caribbean", "mediterranean", "southeast_asia",
                                 "tutorial"])
@pytest.mark.parametrize("rect", [(0, 46, 896, 724), (0, 46, 580, 524), (0, 46, 1400, 1004)])
def test_the_legend_takes_the_spot_covering_fewest_places(screen, sid, rect):
    mv = _map(sid, rect)
    box = mv.legend_rect()
    assert mv.rect.contains(box) and not box.colliderect(mv.scalebar_rect())
    under = _places_under(mv, box.inflate(14, 14))
    # the old place, the bottom right corner, never covers fewer
    old = pygame.Rect(mv.rect.right - box.w - 12, mv.rect.bottom - box.h - 12, box.w, box.h)
    assert len(under) <= len(_places_under(mv, old.inflate(14, 14)))
    assert len(under) == 0, under
    # placed once per view, not per frame
    assert mv.legend_rect() is box
