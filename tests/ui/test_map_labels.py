"""Names drawn on the map do not run into each other: the graticule's degree labels (on the
turn report's small map '30°N' used to be drawn over '110°W')."""

from __future__ import annotations

import itertools

import pygame
import pytest
from conftest import SCENARIOS

from game.scenario import load_scenario
from game.ui import palette as P
from game.ui.fonts import Fonts
from game.ui.mapview import MapView, TileCache


@pytest.fixture
def screen():
    pygame.init()
    yield pygame.display.set_mode((1280, 800))


@pytest.mark.parametrize("sid", sorted(p.stem for p in SCENARIOS.glob("*.yaml")))
def test_graticule_labels_never_overlap(screen, sid):
    sc = load_scenario(str(SCENARIOS / f"{sid}.yaml"))
    fonts = Fonts()
    moved = 0
    for w, h in itertools.product(range(240, 900, 60), range(180, 700, 60)):
        mv = MapView(sc, fonts, pygame.Rect(20, 60, w, h), P.nation_colours(sc),
                     tiles=TileCache())
        _xs, ys, labels = mv.graticule()
        rects = [r for _t, r in labels]
        for a, b in itertools.combinations(rects, 2):
            assert not a.colliderect(b), (w, h, labels)
        parallels = [r for t, r in labels if t.endswith(("N", "S"))]
        # a parallel loses its name only where neither above nor below its line is free
        # (the top left corner, the top edge)
        assert len(parallels) >= len(ys) - 2, (w, h, labels)
        assert all(mv.rect.contains(r) for r in parallels)
        for r in parallels:
            assert any(r.bottom == round(y) - 1 for y in ys) or \
                any(r.top == round(y) + 1 for y in ys)
            moved += any(r.top == round(y) + 1 for y in ys)
    assert moved > 0  # the sizes tried include maps where a corner had both names
