"""The operations map: real coastlines, graticule, scale bar, legend, locations, routes,
deployed assets, seizure flashes; zoom, pan, hover and selection.

Projection: Mercator by default (`map.projection: equirectangular` is honoured too).
x = lon, y = ln(tan(pi/4 + lat/2)) in radians, scaled so the scenario's `map.bounds` fill
the map panel at zoom 1.

The land/sea raster comes from `global_land_mask` and is rendered in 256-pixel tiles per
zoom level, cached (an LRU of tiles), so panning and redrawing never recompute it. The
routes, locations and labels are drawn onto a composed surface that is rebuilt only when
the view or the data change; a frame blits that surface and draws the small dynamic
parts (hover highlight, tooltips, flashes, moving shipments). Location labels and the
deployment badges are placed (kept clear of each other, see `labels.py`) once per view and
data, not per frame.
"""

from __future__ import annotations

import itertools
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pygame

from game.core.geo import EARTH_KM, mercator_y
from game.ui import palette as P
from game.ui.fonts import Fonts
from game.ui.labels import at_length, path_lengths, place_along, place_labels

TILE = 256
ZOOMS: tuple[float, ...] = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)
MAX_TILES = 96
SCALE_STEP = 1.04
KIND_PRIORITY = {"market": 0, "source": 1, "transit": 2}
LOC_R = 7  # radius of a location's icon
SPREAD = 2 * LOC_R + 6  # px between the centres of two location icons, at least
BADGE_COLS = 3  # a route's badges sit side by side, this many to a row
COMPACT_W, COMPACT_H = 640, 560  # a map smaller than this gets the compact legend


_MASK_READY = threading.Event()
_MASK_STARTED = threading.Lock()
_mask_thread: list[threading.Thread] = []


def preload_land_mask() -> None:
    """global_land_mask takes seconds to import (it unpacks a world raster): start it in the
    background while the title screen is up."""
    with _MASK_STARTED:
        if _mask_thread:
            return

        def load():
            try:
                from global_land_mask import globe  # noqa: F401
            finally:
                _MASK_READY.set()

        t = threading.Thread(target=load, name="land-mask", daemon=True)
        _mask_thread.append(t)
        t.start()


def land_mask_ready() -> bool:
    return _MASK_READY.is_set()


def wait_land_mask(timeout: float | None = None) -> bool:
    preload_land_mask()
    return _MASK_READY.wait(timeout)


@dataclass
class MapData:
    """What the viewing side sees; set by the scene, read by the map."""

    flows: dict[str, float] = field(default_factory=dict)  # route id -> believed tons/turn
    dormant: set[str] = field(default_factory=set)  # route ids dormant now
    # route id -> [(nation id, asset type id, count)]
    patrols: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    highlight_routes: set[str] = field(default_factory=set)  # e.g. legal routes for an asset
    true_flows: bool = False  # instructor view: the flows are the truth
    width_note: str | None = None  # what the routes' width shows, when not the usual


@dataclass(frozen=True)
class Badge:
    """One nation's deployment on a route as drawn: its count in a box of the nation's colour
    (`rect` includes the dark outline)."""

    rid: str
    nation: str
    count: int
    rect: pygame.Rect


@dataclass
class _Layout:
    """Where the things that must not overlap go in one view: location icons and labels, then
    the deployment badges, which keep clear of them."""

    locs: list
    icons: list[pygame.Rect]
    labels: dict[str, pygame.Rect]
    badges: list[Badge]
    groups: dict[str, pygame.Rect]  # route id -> the rect around its badges
    anchors: dict[str, tuple[float, float]]  # route id -> the point of the route they mark


def _box_blur(a: np.ndarray, r: int) -> np.ndarray:
    """Separable box blur of radius r (window 2r+1), valid region shrinks by r each side."""
    if r <= 0:
        return a
    k = 2 * r + 1
    c = np.cumsum(a, axis=0, dtype=np.float32)
    c = np.vstack([np.zeros((1, a.shape[1]), np.float32), c])
    a = (c[k:] - c[:-k]) / k
    c = np.cumsum(a, axis=1, dtype=np.float32)
    c = np.hstack([np.zeros((a.shape[0], 1), np.float32), c])
    return (c[:, k:] - c[:, :-k]) / k


class TileCache:
    """Rendered land/sea tiles, shared by every map of a window (an LRU). A tile's key names
    the scenario's projection, centre and scale, so maps of the same scenario at the same
    size and zoom share tiles, and nothing is recomputed when a screen is rebuilt."""

    def __init__(self, max_tiles: int = MAX_TILES) -> None:
        self.max_tiles = max_tiles
        self._tiles: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self.renders = 0

    def get(self, key: tuple) -> pygame.Surface | None:
        surf = self._tiles.get(key)
        if surf is not None:
            self._tiles.move_to_end(key)
        return surf

    def put(self, key: tuple, surf: pygame.Surface) -> None:
        self.renders += 1
        self._tiles[key] = surf
        while len(self._tiles) > self.max_tiles:
            self._tiles.popitem(last=False)

    def __len__(self) -> int:
        return len(self._tiles)


class Projection:
    def __init__(self, kind: str) -> None:
        self.kind = kind

    def fwd(self, lon: float, lat: float) -> tuple[float, float]:
        x = math.radians(lon)
        lat = max(-85.0, min(85.0, lat))
        if self.kind == "equirectangular":
            return x, math.radians(lat)
        return x, mercator_y(lat)

    def inv_y(self, y: np.ndarray) -> np.ndarray:
        if self.kind == "equirectangular":
            return np.degrees(y)
        return np.degrees(2 * np.arctan(np.exp(y)) - np.pi / 2)

    def inv(self, x: float, y: float) -> tuple[float, float]:
        return math.degrees(x), float(self.inv_y(np.array([y]))[0])


FIT_MARGIN = 0.94  # the scenario's bounds fill this share of the map's rect at zoom 1


def projected_bounds(scenario) -> tuple[Projection, float, float, float, float]:
    """The scenario's projection and its map bounds projected: (proj, x0, y0, x1, y1) for
    the south-west and north-east corners."""
    w, s, e, n = (float(v) for v in scenario.map.bounds)
    proj = Projection(getattr(scenario.map, "projection", "mercator"))
    (x0, y0), (x1, y1) = proj.fwd(w, s), proj.fwd(e, n)
    return proj, x0, y0, x1, y1


def map_aspect(scenario) -> float:
    """Width over height of the scenario's map bounds as drawn (projected)."""
    _proj, x0, y0, x1, y1 = projected_bounds(scenario)
    return abs(x1 - x0) / max(1e-9, abs(y1 - y0))


class MapView:
    """Draws the map into a rect of the window and handles its mouse/keyboard input."""

    def __init__(self, scenario, fonts: Fonts, rect: pygame.Rect,
                 nation_colours: dict[str, tuple[int, int, int]],
                 tiles: TileCache | None = None) -> None:
        self.scenario = scenario
        self.fonts = fonts
        self.colours = nation_colours
        self.bounds = tuple(float(v) for v in scenario.map.bounds)
        self.proj, x0, y0, x1, y1 = projected_bounds(scenario)
        self.X0, self.Y0, self.X1, self.Y1 = x0, y0, x1, y1
        self.xc, self.yc = (x0 + x1) / 2, (y0 + y1) / 2
        self.data = MapData()
        self.zi = 0
        self.pan = [0.0, 0.0]
        self.rect = pygame.Rect(rect)
        self.tiles = tiles if tiles is not None else TileCache()
        self.tile_renders = 0  # how many tiles this map computed (tests check the cache)
        self.composes = 0  # how many times the map picture was rebuilt
        self.show_furniture = True  # scale bar, legend and the graticule's degrees
        self.muted = False  # routes drawn dim, for maps that show something else on top
        self.label_rects: dict[str, pygame.Rect] = {}
        # what a screen draws over this map (the report's seizure marks): the location labels
        # and badges keep clear of these rects, asked again whenever the view changes
        self.keep_clear: Callable[[], list[pygame.Rect]] | None = None
        self._composed: pygame.Surface | None = None
        self._composed_key: tuple | None = None
        self._composed_pan: tuple[float, float] | None = None
        self._hit_cache: tuple | None = None
        self._layout_cache: tuple[tuple, _Layout] | None = None
        self._legend_cache: tuple[tuple, pygame.Rect] | None = None
        self.layouts = 0  # how many times labels and badges were placed (tests check the cache)
        self.version = 0
        self.hover: tuple[str, str] | None = None  # ("location"|"route", id)
        self.selected: tuple[str, str] | None = None
        self._drag_from: tuple[int, int] | None = None
        self._drag_moved = False
        self.info: Callable[[str, str], list[str]] | None = None  # tooltip lines provider
        self.on_select: Callable[[tuple[str, str] | None], None] | None = None
        self._route_pts: dict[str, list[tuple[float, float]]] = {}
        self._spread: tuple[float, dict[str, tuple[float, float]]] | None = None
        self._route_geo = {rid: self._route_lonlat(r) for rid, r in scenario.routes.items()}
        self._text_cache: dict[tuple, pygame.Surface] = {}
        self.flashes: list[tuple[str, float, float]] = []  # (route id, t along, age seconds)
        self.movers: list[tuple[str, float, tuple[int, int, int], float]] = []  # route, t, col, r
        self.set_rect(rect)

    # ----- geometry ---------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return ZOOMS[self.zi]

    @property
    def scale(self) -> float:
        return self.scale0 * self.zoom

    def set_rect(self, rect: pygame.Rect) -> None:
        self.rect = pygame.Rect(rect)
        fit = FIT_MARGIN * min(self.rect.w / max(1e-9, self.X1 - self.X0),
                           self.rect.h / max(1e-9, self.Y1 - self.Y0))
        # snap to a 4% ladder so maps of slightly different sizes share background tiles
        self.scale0 = SCALE_STEP ** math.floor(math.log(max(fit, 1e-9), SCALE_STEP))
        self._clamp_pan()
        self.invalidate()

    def invalidate(self) -> None:
        self.version += 1
        self._route_pts.clear()

    def set_data(self, data: MapData) -> None:
        self.data = data
        self.invalidate()

    def to_screen(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self.proj.fwd(lon, lat)
        return self.world_to_screen((x - self.xc) * self.scale, (self.yc - y) * self.scale)

    def loc_screen(self, lid: str) -> tuple[float, float]:
        """Where location `lid`'s icon is drawn: its place on the map, moved apart from icons
        that would cover it at this zoom (see `_spread_offsets`); routes end there too."""
        x, y = self.to_screen(*self.scenario.locations[lid].at)
        dx, dy = self._spread_offsets().get(lid, (0.0, 0.0))
        return x + dx, y + dy

    def _spread_offsets(self) -> dict[str, tuple[float, float]]:
        """Screen offsets (px) that keep location icons at least SPREAD px apart, per zoom:
        places a few km apart (Tangier and Algeciras, Tachileik and the Bokeo zone) would
        otherwise be drawn on top of each other, and neither could be told apart or clicked.
        Close icons are pushed apart along the line between them (for places at the same
        point, a fixed direction by their order in the scenario); far icons never move."""
        scale = self.scale
        if self._spread is not None and self._spread[0] == scale:
            return self._spread[1]
        ids = list(self.scenario.locations)
        offsets: dict[str, tuple[float, float]] = {}
        if len(ids) > 1:
            pts = np.array([self.proj.fwd(*self.scenario.locations[i].at) for i in ids],
                           dtype=np.float64) * np.array([scale, -scale])
            d = np.hypot(*(pts[:, None, :] - pts[None, :, :]).transpose(2, 0, 1))
            close = [(int(i), int(j)) for i, j in zip(*np.nonzero(np.triu(d < 2 * SPREAD, 1)),
                                                      strict=True)]
            if close:
                pos = pts.copy()
                for _ in range(40):
                    moved = False
                    for i, j in close:
                        v = pos[j] - pos[i]
                        dist = math.hypot(v[0], v[1])
                        if dist >= SPREAD - 1e-6:
                            continue
                        if dist < 1e-6:  # the same point: a fixed direction per pair
                            ang = 2.4 * (i + j)
                            v, dist = np.array([math.cos(ang), math.sin(ang)]), 1.0
                        push = (SPREAD - dist) / 2 * v / dist
                        pos[i] -= push
                        pos[j] += push
                        moved = True
                    if not moved:
                        break
                for k, lid in enumerate(ids):
                    ox, oy = pos[k] - pts[k]
                    if abs(ox) > 1e-9 or abs(oy) > 1e-9:
                        offsets[lid] = (float(ox), float(oy))
        self._spread = (scale, offsets)
        return offsets

    def world_to_screen(self, wx: float, wy: float) -> tuple[float, float]:
        return (self.rect.centerx + wx - self.pan[0], self.rect.centery + wy - self.pan[1])

    def to_lonlat(self, sx: float, sy: float) -> tuple[float, float]:
        wx = sx - self.rect.centerx + self.pan[0]
        wy = sy - self.rect.centery + self.pan[1]
        return self.proj.inv(self.xc + wx / self.scale, self.yc - wy / self.scale)

    def _clamp_pan(self) -> None:
        half_w = (self.X1 - self.X0) * self.scale / 2
        half_h = (self.Y1 - self.Y0) * self.scale / 2
        lim_x = max(0.0, half_w - self.rect.w / 2 + 40)
        lim_y = max(0.0, half_h - self.rect.h / 2 + 40)
        self.pan[0] = max(-lim_x, min(lim_x, self.pan[0]))
        self.pan[1] = max(-lim_y, min(lim_y, self.pan[1]))

    def zoom_at(self, steps: int, at: tuple[int, int] | None = None) -> None:
        new = max(0, min(len(ZOOMS) - 1, self.zi + steps))
        if new == self.zi:
            return
        ax, ay = at if at is not None else self.rect.center
        # keep the world point under the cursor fixed
        wx = ax - self.rect.centerx + self.pan[0]
        wy = ay - self.rect.centery + self.pan[1]
        f = ZOOMS[new] / ZOOMS[self.zi]
        self.zi = new
        self.pan[0] = wx * f - (ax - self.rect.centerx)
        self.pan[1] = wy * f - (ay - self.rect.centery)
        self._clamp_pan()
        self.invalidate()

    def pan_by(self, dx: float, dy: float) -> None:
        before = tuple(self.pan)
        self.pan[0] += dx
        self.pan[1] += dy
        self._clamp_pan()
        if tuple(self.pan) != before:
            self.invalidate()

    def reset_view(self) -> None:
        self.zi = 0
        self.pan = [0.0, 0.0]
        self.invalidate()

    # ----- background tiles ---------------------------------------------------------------
    def _tile(self, tx: int, ty: int) -> pygame.Surface:
        key = (self.proj.kind, self.bounds, round(self.scale, 6), tx, ty)
        surf = self.tiles.get(key)
        if surf is None:
            surf = self._render_tile(tx, ty)
            self.tile_renders += 1
            self.tiles.put(key, surf)
        return surf

    def _render_tile(self, tx: int, ty: int) -> pygame.Surface:
        """One 256-px tile: the land mask sampled every 2 px (plus a margin for the blurs),
        coloured (sea, shallow sea near coasts, land, a coastline stroke), then smoothly
        upscaled, which also softens the coastline edge."""
        wait_land_mask()
        from global_land_mask import globe

        step = 2
        n_out = TILE // step
        pad = 3
        n = n_out + 2 * pad
        base = np.arange(n, dtype=np.float64) - pad
        px = (base * step + tx * TILE + step / 2)
        py = (base * step + ty * TILE + step / 2)
        xs = self.xc + px / self.scale
        ys = self.yc - py / self.scale
        lon = (np.degrees(xs) + 180.0) % 360.0 - 180.0
        lat = np.clip(self.proj.inv_y(ys), -89.9, 89.9)
        lon_g, lat_g = np.meshgrid(lon, lat)  # shape (n_y, n_x)
        land = globe.is_land(lat_g, lon_g).astype(np.float32)
        soft = _box_blur(land, 1)[pad - 1:pad - 1 + n_out, pad - 1:pad - 1 + n_out]
        near = _box_blur(land, pad)[:n_out, :n_out]
        sea = np.array(P.SEA, np.float32)
        shallow = np.array((22, 42, 66), np.float32)
        land_c = np.array(P.LAND, np.float32)
        coast = np.array(P.COAST, np.float32)
        near = np.clip(near * 2.5, 0, 1)[..., None]
        s = soft[..., None]
        rgb = sea * (1 - near) + shallow * near
        rgb = rgb * (1 - s) + land_c * s
        edge = (1 - np.abs(2 * s - 1)) * 0.8
        rgb = rgb * (1 - edge) + coast * edge
        # outside the scenario's bounds the map is dimmed a little
        xi, yi = xs[pad:pad + n_out], ys[pad:pad + n_out]
        inside = (((yi >= self.Y0) & (yi <= self.Y1))[:, None]
                  & ((xi >= self.X0) & (xi <= self.X1))[None, :])[..., None]
        rgb = np.where(inside, rgb, rgb * 0.72)
        arr = np.ascontiguousarray(np.transpose(rgb, (1, 0, 2)).astype(np.uint8))
        small = pygame.surfarray.make_surface(arr)
        return pygame.transform.smoothscale(small, (TILE, TILE))

    def _draw_background(self, target: pygame.Surface) -> None:
        # world px of the rect's top-left
        wx0 = self.pan[0] - self.rect.w / 2
        wy0 = self.pan[1] - self.rect.h / 2
        tx0 = math.floor(wx0 / TILE)
        ty0 = math.floor(wy0 / TILE)
        tx1 = math.floor((wx0 + self.rect.w - 1) / TILE)
        ty1 = math.floor((wy0 + self.rect.h - 1) / TILE)
        for ty in range(ty0, ty1 + 1):
            for tx in range(tx0, tx1 + 1):
                sx = round(tx * TILE - wx0)
                sy = round(ty * TILE - wy0)
                target.blit(self._tile(tx, ty), (sx, sy))

    # ----- routes -------------------------------------------------------------------------
    def _route_lonlat(self, route) -> list[tuple[float, float]]:
        locs = self.scenario.locations
        a = locs[route.origin].at if route.origin in locs else (0.0, 0.0)
        b = locs[route.dest].at if route.dest in locs else (0.0, 0.0)
        return [tuple(a), *[tuple(v) for v in route.via], tuple(b)]

    def route_points(self, rid: str) -> list[tuple[float, float]]:
        """Screen polyline of a route: through its `via` waypoints, gently curved."""
        pts = self._route_pts.get(rid)
        if pts is not None:
            return pts
        ctrl = [self.to_screen(lon, lat) for lon, lat in self._route_geo[rid]]
        route = self.scenario.routes[rid]
        locs = self.scenario.locations
        if route.origin in locs:  # from and to the icons, where the spread moved them
            ctrl[0] = self.loc_screen(route.origin)
        if route.dest in locs:
            ctrl[-1] = self.loc_screen(route.dest)
        if len(ctrl) == 2:
            (ax, ay), (bx, by) = ctrl
            dx, dy = bx - ax, by - ay
            length = math.hypot(dx, dy) or 1.0
            bow = 0.08 * length * (1 if hash_sign(rid) else -1)
            mx, my = (ax + bx) / 2 - dy / length * bow, (ay + by) / 2 + dx / length * bow
            pts = [_qbez((ax, ay), (mx, my), (bx, by), t / 16) for t in range(17)]
        else:
            pts = _catmull_rom(ctrl, 8)
        self._route_pts[rid] = pts
        return pts

    def point_along(self, rid: str, t: float) -> tuple[float, float]:
        """The point a share `t` (0 to 1) of the way along route `rid`, by length."""
        pts = self.route_points(rid)
        cum = path_lengths(pts)
        x, y, _dx, _dy = at_length(pts, cum, max(0.0, min(1.0, t)) * cum[-1])
        return x, y

    def _route_width(self, rid: str, max_flow: float) -> int:
        f = self.data.flows.get(rid, 0.0)
        if max_flow <= 0 or f <= 0:
            return 2
        return 2 + round(7 * math.sqrt(f / max_flow))

    def _draw_routes(self, surf: pygame.Surface) -> None:
        max_flow = max(self.data.flows.values(), default=0.0)
        order = sorted(self.scenario.routes, key=lambda r: self.data.flows.get(r, 0.0))
        for rid in order:
            route = self.scenario.routes[rid]
            pts = self.route_points(rid)
            col = P.MODE_COLOURS.get(route.mode, P.TEXT)
            if self.muted:
                col = P.mix(col, P.SEA, 0.55)
            dormant = rid in self.data.dormant
            width = self._route_width(rid, max_flow)
            if dormant:
                _dashed(surf, P.mix(col, P.SEA, 0.45), pts, 2, 10, 7)
                continue
            if rid in self.data.highlight_routes:
                pygame.draw.lines(surf, P.mix(col, (255, 255, 255), 0.5), False, pts, width + 6)
            # dark casing then the line, so routes read over land and sea alike
            pygame.draw.lines(surf, P.SEA_DEEP, False, pts, width + 2)
            if route.mode == "air":
                _dashed(surf, col, pts, width, 3, 0, dots=True)
                pygame.draw.lines(surf, col, False, pts, max(1, width - 1))
            elif route.mode == "land":
                pygame.draw.lines(surf, col, False, pts, width)
                pygame.draw.lines(surf, P.SEA_DEEP, False, pts, max(1, width // 3))
            else:
                pygame.draw.lines(surf, col, False, pts, width)
            # direction chevron at 55%
            _arrow(surf, self, rid, 0.55, col, 5 + width // 2)

    def _draw_patrols(self, surf: pygame.Surface) -> None:
        font = self.fonts.get(11, bold=True)
        layout = self._layout()
        for rid, g in layout.groups.items():
            ax, ay = layout.anchors[rid]
            if not g.collidepoint(ax, ay):  # set beside its route: a leader to the route
                near = (min(max(ax, g.left), g.right - 1), min(max(ay, g.top), g.bottom - 1))
                pygame.draw.line(surf, P.SEA_DEEP, (ax, ay), near, 3)
                pygame.draw.line(surf, P.TEXT_DIM, (ax, ay), near, 1)
                pygame.draw.circle(surf, P.SEA_DEEP, (round(ax), round(ay)), 4)
                pygame.draw.circle(surf, P.TEXT_DIM, (round(ax), round(ay)), 2)
        rows: dict[tuple[str, int], pygame.Rect] = {}
        for b in layout.badges:  # one dark backing per row of a route's badges: they read as one
            k = (b.rid, b.rect.y)
            rows[k] = rows[k].union(b.rect) if k in rows else b.rect
        for row in rows.values():
            pygame.draw.rect(surf, P.SEA_DEEP, row, border_radius=5)
        for b in layout.badges:
            col = self.colours.get(b.nation, P.TEXT)
            inner = b.rect.inflate(-4, -4)
            pygame.draw.rect(surf, col, inner, border_radius=4)
            t = self._text(str(b.count), font, _ink(col))
            surf.blit(t, t.get_rect(center=inner.center))

    def badge_layout(self) -> list[Badge]:
        """The deployment badges as placed in the current view."""
        return self._layout().badges

    def _place_badges(self, frame: pygame.Rect, obstacles: list[pygame.Rect]
                      ) -> tuple[list[Badge], dict[str, tuple[float, float]]]:
        """Each route's badges as one group (side by side, sorted by nation, up to BADGE_COLS
        to a row), centred on the route: at its middle if that spot is free of the obstacles
        and of the groups placed before, else slid along the route to the free spot nearest
        the middle, else set just beside the route (drawn with a leader to it); see
        `place_along`. Shorter routes, which have fewer spots, are placed first. Also returns
        each group's anchor, the point of its route it marks."""
        font = self.fonts.get(11, bold=True)
        ch = font.get_height() + 4  # a badge's height, with its 2-px outline
        groups = []
        for rid, items in self.data.patrols.items():
            if rid not in self.scenario.routes or not items:
                continue
            by_nation: dict[str, int] = {}
            for nid, _atype, count in items:
                by_nation[nid] = by_nation.get(nid, 0) + int(count)
            entries = sorted(by_nation.items())
            text_w = max(font.size(str(c))[0] for _n, c in entries)
            cw = max(ch + 4, text_w + 12)  # one width for the group's badges (24 x 20 at 11 pt)
            cols = min(len(entries), BADGE_COLS)
            rows = math.ceil(len(entries) / cols)
            pts = self.route_points(rid)
            length = path_lengths(pts)[-1]
            groups.append((length, rid, entries, cw, ch, cols, rows))
        groups.sort(key=lambda g: (g[0], g[1]))
        step = max(4.0, ch / 2)
        placed = place_along([self.route_points(g[1]) for g in groups],
                             [(g[5] * g[3], g[6] * g[4]) for g in groups],
                             frame, obstacles, step=step, pad=3)
        badges = []
        anchors = {}
        for (_len, rid, entries, cw, ch, cols, _rows), (g, anchor) in zip(groups, placed,
                                                                         strict=True):
            anchors[rid] = anchor
            for k, (nid, count) in enumerate(entries):
                row, col = divmod(k, cols)
                in_row = min(cols, len(entries) - row * cols)
                x = g.x + col * cw + (cols - in_row) * cw // 2  # a short last row is centred
                badges.append(Badge(rid, nid, count, pygame.Rect(x, g.y + row * ch, cw, ch)))
        return badges, anchors

    # ----- locations and labels -------------------------------------------------------------
    def _draw_location_icon(self, surf, loc, x: float, y: float, r: int, outline=P.SEA_DEEP):
        col = self.colours.get(loc.nation, P.TEXT)
        x, y = round(x), round(y)
        if loc.kind == "source":
            pts = [(x, y - r - 2), (x - r - 1, y + r), (x + r + 1, y + r)]
            pygame.draw.polygon(surf, outline, [(px, py) for px, py in _grow(pts, 2)])
            pygame.draw.polygon(surf, col, pts)
        elif loc.kind == "market":
            rect = pygame.Rect(x - r, y - r, 2 * r, 2 * r)
            pygame.draw.rect(surf, outline, rect.inflate(4, 4))
            pygame.draw.rect(surf, col, rect)
        else:
            pygame.draw.circle(surf, outline, (x, y), r + 2)
            pygame.draw.circle(surf, col, (x, y), r)

    def _layout(self) -> _Layout:
        """Location labels, then deployment badges, placed for the current view and data;
        cached, so they are placed when the view or the data change, not every frame."""
        key = (self.view_key(), self.show_furniture)
        if self._layout_cache is not None and self._layout_cache[0] == key:
            return self._layout_cache[1]
        r = LOC_R
        locs = sorted(self.scenario.locations.values(),
                      key=lambda loc: (KIND_PRIORITY.get(loc.kind, 3), loc.id))
        icons = []
        for loc in locs:
            x, y = self.loc_screen(loc.id)
            icons.append(pygame.Rect(round(x) - r - 2, round(y) - r - 2, 2 * r + 4, 2 * r + 4))
        font = self.fonts.get(13)
        sizes = [self._text(loc.name, font, P.TEXT).get_size() for loc in locs]
        frame = self.rect.inflate(-4, -4)
        furniture = [self.legend_rect(), self.scalebar_rect()] if self.show_furniture else []
        if self.keep_clear is not None:
            furniture += self.keep_clear()
        rects = place_labels([ir.center for ir in icons], sizes, frame, icons + furniture,
                             gap=r + 5)
        labels = {loc.id: lr for loc, lr in zip(locs, rects) if lr is not None}
        badges, anchors = self._place_badges(frame, icons + list(labels.values()) + furniture)
        groups: dict[str, pygame.Rect] = {}
        for b in badges:
            groups[b.rid] = groups[b.rid].union(b.rect) if b.rid in groups else b.rect
        layout = _Layout(locs, icons, labels, badges, groups, anchors)
        self.label_rects = labels
        self._layout_cache = (key, layout)
        self.layouts += 1
        return layout

    def _draw_locations(self, surf: pygame.Surface) -> None:
        layout = self._layout()
        spread = self._spread_offsets()
        for loc, icon in zip(layout.locs, layout.icons):
            if loc.id in spread:  # moved apart from a neighbour: a hairline to the real place
                x, y = self.to_screen(*loc.at)
                pygame.draw.line(surf, P.TEXT_DIM, (round(x), round(y)), icon.center, 1)
                pygame.draw.circle(surf, P.TEXT_DIM, (round(x), round(y)), 2)
        for loc, icon in zip(layout.locs, layout.icons):
            self._draw_location_icon(surf, loc, icon.centerx, icon.centery, LOC_R)
        font = self.fonts.get(13)
        for loc in layout.locs:
            lr = layout.labels.get(loc.id)
            if lr is None:
                continue
            halo = self._text(loc.name, font, P.SEA_DEEP)
            for ox, oy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                surf.blit(halo, (lr.x + ox, lr.y + oy))
            surf.blit(self._text(loc.name, font, P.TEXT), lr)

    def _text(self, text: str, font: pygame.font.Font, col) -> pygame.Surface:
        key = (text, id(font), col)
        s = self._text_cache.get(key)
        if s is None:
            if len(self._text_cache) > 2000:
                self._text_cache.clear()
            s = font.render(text, True, col)
            self._text_cache[key] = s
        return s

    # ----- furniture: graticule, scale bar, legend ------------------------------------------
    def graticule(self) -> tuple[list[float], list[float], list[tuple[str, pygame.Rect]]]:
        """The graticule in this view: x of each meridian, y of each parallel, and the labels
        drawn (text, rect). Meridians are named along the top, parallels along the left edge
        above their line; a parallel's name that would run into a meridian's (in the top left
        corner, or another parallel's) goes below its line, else is left out, as is a meridian's
        name that would run into the one before it."""
        lon0, lat1 = self.to_lonlat(self.rect.left, self.rect.top)
        lon1, lat0 = self.to_lonlat(self.rect.right, self.rect.bottom)
        span = max(lon1 - lon0, 1e-6)
        step = next((s for s in (1, 2, 5, 10, 15, 20, 30) if span / s <= 9), 45)
        font = self.fonts.get(11)
        xs, ys, labels = [], [], []
        for lon in _range_step(lon0, lon1, step):
            x, _ = self.to_screen(lon, 0)
            xs.append(x)
            text = _deg(lon, "E", "W")
            r = pygame.Rect((round(x) + 3, self.rect.top + 3), font.size(text))
            if not labels or not r.inflate(4, 0).colliderect(labels[-1][1]):
                labels.append((text, r))
        for lat in _range_step(lat0, lat1, step):
            _, y = self.to_screen(0, lat)
            ys.append(y)
            text = _deg(lat, "N", "S")
            w, h = font.size(text)
            for top in (round(y) - h - 1, round(y) + 1):
                r = pygame.Rect(self.rect.left + 4, top, w, h)
                if self.rect.contains(r) and \
                        r.inflate(2, 2).collidelist([q for _t, q in labels]) == -1:
                    labels.append((text, r))
                    break
        return xs, ys, labels

    def _draw_graticule(self, surf: pygame.Surface) -> None:
        xs, ys, labels = self.graticule()
        for x in xs:
            pygame.draw.line(surf, P.GRATICULE, (x, self.rect.top), (x, self.rect.bottom))
        for y in ys:
            pygame.draw.line(surf, P.GRATICULE, (self.rect.left, y), (self.rect.right, y))
        if not self.show_furniture:  # a small inset map: the degrees would only crowd it
            return
        font = self.fonts.get(11)
        for text, r in labels:
            surf.blit(self._text(text, font, P.GRATICULE_LABEL), r)

    def _draw_scale_bar(self, surf: pygame.Surface) -> None:
        cx, cy = self.rect.center
        _lon_c, lat_c = self.to_lonlat(cx, cy)
        # km per pixel at the centre latitude
        if self.proj.kind == "equirectangular":
            km_px = EARTH_KM / self.scale
        else:
            km_px = EARTH_KM * math.cos(math.radians(lat_c)) / self.scale
        target = 160 * km_px
        nice = next((v for v in (10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000)
                     if v >= target * 0.6), 5000)
        px = nice / km_px
        x0 = self.rect.left + 16
        y0 = self.rect.bottom - 22
        box = pygame.Rect(x0 - 8, y0 - 22, px + 70, 34)
        pygame.draw.rect(surf, P.PANEL, box, border_radius=4)
        pygame.draw.line(surf, P.TEXT, (x0, y0), (x0 + px, y0), 2)
        for x in (x0, x0 + px / 2, x0 + px):
            pygame.draw.line(surf, P.TEXT, (x, y0 - 5), (x, y0 + 1), 2)
        t = self._text(f"{nice:g} km", self.fonts.get(11), P.TEXT)
        surf.blit(t, (x0 + px + 8, y0 - t.get_height() + 3))
        t2 = self._text("Mercator" if self.proj.kind != "equirectangular" else "Equirectangular",
                        self.fonts.get(10), P.TEXT_DIM)
        surf.blit(t2, (x0, y0 - 19))

    def compact_legend(self) -> bool:
        """On a small map (a 960x600 window) the legend is set in two columns with short
        names, to cover less of the map."""
        return self.rect.w < COMPACT_W or self.rect.h < COMPACT_H

    def _legend_rows(self) -> list[tuple[str, Callable]]:
        """(name, sample drawer) per legend row; names are short in the compact legend."""
        compact = self.compact_legend()

        def line(col, dashed=False, style=""):
            def draw(s, x, y):
                pts = [(x, y), (x + 26, y)]
                if dashed:
                    _dashed(s, col, pts, 2, 6, 4)
                elif style == "air":
                    _dashed(s, col, pts, 3, 3, 0, dots=True)
                    pygame.draw.line(s, col, pts[0], pts[1], 2)
                elif style == "land":
                    pygame.draw.line(s, col, pts[0], pts[1], 5)
                    pygame.draw.line(s, P.SEA_DEEP, pts[0], pts[1], 1)
                else:
                    pygame.draw.line(s, col, pts[0], pts[1], 4)
            return draw

        def icon(kind):
            def draw(s, x, y):
                col = P.TEXT_DIM
                xx = x + 13
                if kind == "source":
                    pygame.draw.polygon(s, col, [(xx, y - 7), (xx - 7, y + 5), (xx + 7, y + 5)])
                elif kind == "market":
                    pygame.draw.rect(s, col, (xx - 6, y - 6, 12, 12))
                else:
                    pygame.draw.circle(s, col, (xx, y), 6)
            return draw

        def badges(s, x, y):
            # two deployment badges as the map draws them: a count in a nation's colour
            cols = list(self.colours.values())[:2] or [P.TEXT_DIM]
            font = self.fonts.get_px(10, bold=True)
            for k, col in enumerate(cols):
                r = pygame.Rect(x + k * 14, y - 7, 13, 14)
                pygame.draw.rect(s, P.SEA_DEEP, r.inflate(2, 2), border_radius=3)
                pygame.draw.rect(s, col, r, border_radius=3)
                t = self._text(str(k + 2), font, _ink(col))
                s.blit(t, t.get_rect(center=r.center))

        route = "" if compact else " route"
        return [
            ("Maritime" + route, line(P.MODE_COLOURS["maritime"])),
            ("Air" + route, line(P.MODE_COLOURS["air"], style="air")),
            ("Land" + route, line(P.MODE_COLOURS["land"], style="land")),
            ("Dormant" + route, line(P.TEXT_DIM, dashed=True)),
            ("Source", icon("source")),
            ("Transit", icon("transit")),
            ("Market", icon("market")),
            ("Assets" if compact else "Assets (nation's colour)", badges),
        ]

    def _legend_note(self) -> str:
        if self.data.width_note:
            return self.data.width_note
        return ("Width: true flow" if self.data.true_flows else
                "Width: estimated flow" if self.data.flows else "Public view: no flows")

    def legend_rect(self) -> pygame.Rect:
        """Where the legend goes in this view: the spot along the map's edges (clear of the
        scale bar) that covers the fewest places, then the least of the routes; on a tie the
        first of: the bottom right corner, the top right, the top left, along the top, the
        right edge, the bottom, the left edge. Cached per view."""
        key = (self.view_key(), self.show_furniture)
        if self._legend_cache is not None and self._legend_cache[0] == key:
            return self._legend_cache[1]
        f = self.fonts.get(11)
        rows = self._legend_rows()
        text_w = max(f.size(text)[0] for text, _ in rows)
        row_h = max(18, f.get_linesize() + 2)
        note_w = f.size(self._legend_note())[0]
        if self.compact_legend():
            per_col = math.ceil(len(rows) / 2)
            w = max(2 * (46 + text_w) + 6, note_w + 20)
        else:
            per_col = len(rows)
            w = max(46 + text_w + 10, note_w + 20)
        h = row_h * per_col + row_h + 12
        # inside a margin: below the longitude labels, right of the latitude labels
        inner = pygame.Rect(self.rect.left + 12 + 2 * f.get_linesize(),
                            self.rect.top + 12 + f.get_linesize(), 0, 0)
        inner.w = self.rect.right - 12 - inner.left
        inner.h = self.rect.bottom - 12 - inner.top
        xs = [inner.right - w, inner.left] + [
            round(inner.right - w - k * (inner.w - w) / 8) for k in range(1, 8)]
        ys = [inner.bottom - h, inner.top] + [
            round(inner.bottom - h - k * (inner.h - h) / 6) for k in range(1, 6)]
        candidates = [pygame.Rect(x, y, w, h) for y, x in
                      [(ys[0], xs[0]), (ys[1], xs[0]), (ys[1], xs[1])]  # the corners first
                      + [(ys[1], x) for x in xs[2:]] + [(y, xs[0]) for y in ys[2:]]
                      + [(ys[0], x) for x in xs[2:]] + [(y, xs[1]) for y in ys[2:]]]
        scalebar = self.scalebar_rect()
        candidates = [c for c in candidates if not c.colliderect(scalebar)] or candidates[:1]
        places = [pygame.Rect(0, 0, 2 * LOC_R + 16, 2 * LOC_R + 16)
                  for _ in self.scenario.locations]
        for r, lid in zip(places, self.scenario.locations, strict=True):
            r.center = tuple(round(v) for v in self.loc_screen(lid))
        pts = np.array([p for rid in self.scenario.routes for p in self.route_points(rid)],
                       dtype=np.float64).reshape(-1, 2)

        def cost(box: pygame.Rect) -> tuple[int, int]:
            inside = ((pts[:, 0] >= box.left) & (pts[:, 0] < box.right)
                      & (pts[:, 1] >= box.top) & (pts[:, 1] < box.bottom))
            return (len(box.collidelistall(places)), int(inside.sum()))

        box = min(candidates, key=cost)
        self._legend_cache = (key, box)
        return box

    def scalebar_rect(self) -> pygame.Rect:
        return pygame.Rect(self.rect.left + 8, self.rect.bottom - 46, 250, 40)

    def _draw_legend(self, surf: pygame.Surface) -> None:
        f = self.fonts.get(11)
        rows = self._legend_rows()
        box = self.legend_rect()
        row_h = max(18, f.get_linesize() + 2)
        per_col = math.ceil(len(rows) / 2) if self.compact_legend() else len(rows)
        col_w = (box.w - 6) // 2
        pygame.draw.rect(surf, P.PANEL, box, border_radius=4)
        pygame.draw.rect(surf, P.PANEL_EDGE, box, 1, border_radius=4)
        for k, (text, draw) in enumerate(rows):
            col, row = divmod(k, per_col)
            x = box.x + 10 + col * col_w
            y = box.y + 14 + row * row_h
            draw(surf, x, y)
            t = self._text(text, f, P.TEXT)
            surf.blit(t, (x + 36, y - t.get_height() // 2))
        t = self._text(self._legend_note(), f, P.TEXT_DIM)
        surf.blit(t, (box.x + 10, box.y + 14 + per_col * row_h - t.get_height() // 2))

    # ----- composition ------------------------------------------------------------------------
    def _compose(self) -> pygame.Surface:
        """The cached map picture (window-sized canvas; only `self.rect` is used)."""
        key = (self.version, self.rect.size, self.rect.topleft, self.zi, tuple(self.pan),
               self.selected)
        if self._composed is not None and key == self._composed_key:
            return self._composed
        size = (self.rect.right, self.rect.bottom)
        if self._composed is None or self._composed.get_size() != size:
            self._composed = pygame.Surface(size)
        canvas = self._composed
        canvas.set_clip(self.rect)
        self._draw_background(_Offset(canvas, self.rect.topleft))
        self._draw_graticule(canvas)
        self._draw_routes(canvas)
        if self.selected:
            self._draw_selection(canvas, self.selected)
        self._draw_patrols(canvas)
        self._draw_locations(canvas)
        if self.show_furniture:
            self._draw_scale_bar(canvas)
            self._draw_legend(canvas)
        canvas.set_clip(None)
        self._composed_key = key
        self._composed_pan = tuple(self.pan)
        self.composes += 1
        return canvas

    def _draw_selection(self, surf, sel) -> None:
        kind, ident = sel
        if kind == "route" and ident in self.scenario.routes:
            pts = self.route_points(ident)
            pygame.draw.lines(surf, P.SELECT, False, pts, 3)
        elif kind == "location" and ident in self.scenario.locations:
            x, y = self.loc_screen(ident)
            pygame.draw.circle(surf, P.SELECT, (round(x), round(y)), 14, 2)

    def draw(self, screen: pygame.Surface, dt: float = 0.0) -> None:
        clip = screen.get_clip()
        if self._drag_moved and self._composed is not None and self._composed_pan is not None:
            # while dragging: the last picture, shifted, over freshly placed background tiles
            # (cheap blits); the full picture is rebuilt when the drag ends
            screen.set_clip(self.rect)
            self._draw_background(_Offset(screen, self.rect.topleft))
            dx = round(self._composed_pan[0] - self.pan[0])
            dy = round(self._composed_pan[1] - self.pan[1])
            screen.blit(self._composed, (self.rect.x + dx, self.rect.y + dy), self.rect)
            screen.set_clip(clip)
            return
        screen.blit(self._compose(), self.rect.topleft, self.rect)
        screen.set_clip(self.rect)
        if self.hover and self.hover != self.selected:
            kind, ident = self.hover
            if kind == "route":
                pygame.draw.lines(screen, P.mix(P.SELECT, P.SEA, 0.3), False,
                                  self.route_points(ident), 2)
            else:
                x, y = self.loc_screen(ident)
                pygame.draw.circle(screen, P.SELECT, (round(x), round(y)), 12, 1)
        for rid, t, col, rad in self.movers:
            if rid in self.scenario.routes:
                x, y = self.point_along(rid, t)
                pygame.draw.circle(screen, P.SEA_DEEP, (round(x), round(y)), rad + 2)
                pygame.draw.circle(screen, col, (round(x), round(y)), rad)
        alive = []
        for rid, t, age in self.flashes:
            age += dt
            if age < 1.2 and rid in self.scenario.routes:
                x, y = self.point_along(rid, t)
                rad = 6 + age * 30
                a = max(0.0, 1 - age / 1.2)
                col = P.mix(P.SEA, (255, 255, 255), a)
                pygame.draw.circle(screen, col, (round(x), round(y)), round(rad), 3)
                pygame.draw.circle(screen, P.mix(P.SEA, P.RED, a), (round(x), round(y)), 6)
                alive.append((rid, t, age))
        self.flashes = alive
        screen.set_clip(clip)
        if self.hover and self.info is not None:
            self._draw_tooltip(screen, self.info(*self.hover))

    def _draw_tooltip(self, screen: pygame.Surface, lines: list[str]) -> None:
        if not lines:
            return
        lines = [part for line in lines for part in _wrap(line, 58)]
        mx, my = self._mouse
        f = self.fonts.get(13)
        fb = self.fonts.get(13, bold=True)
        surfs = [self._text(lines[0], fb, P.TEXT)] + [self._text(s, f, P.TEXT) for s in lines[1:]]
        w = max(s.get_width() for s in surfs) + 16
        h = sum(s.get_height() for s in surfs) + 10
        box = pygame.Rect(mx + 16, my + 12, w, h)
        if box.right > self.rect.right:
            box.right = mx - 10
        if box.bottom > self.rect.bottom:
            box.bottom = my - 8
        box.clamp_ip(self.rect)
        pygame.draw.rect(screen, (12, 18, 28), box, border_radius=4)
        pygame.draw.rect(screen, P.PANEL_EDGE, box, 1, border_radius=4)
        y = box.y + 5
        for s in surfs:
            screen.blit(s, (box.x + 8, y))
            y += s.get_height()

    # ----- input ------------------------------------------------------------------------------
    _mouse: tuple[int, int] = (0, 0)

    def _hit_arrays(self):
        """Screen positions of locations and route segments as numpy arrays (per view)."""
        if self._hit_cache is not None and self._hit_cache[0] == self.view_key():
            return self._hit_cache[1]
        lids = list(self.scenario.locations)
        lp = np.array([self.loc_screen(i) for i in lids],
                      dtype=np.float64).reshape(-1, 2)
        a, b, owner = [], [], []
        rids = list(self.scenario.routes)
        for k, rid in enumerate(rids):
            pts = self.route_points(rid)
            a.extend(pts[:-1])
            b.extend(pts[1:])
            owner.extend([k] * (len(pts) - 1))
        arrays = (lids, lp, rids, np.array(a, dtype=np.float64).reshape(-1, 2),
                  np.array(b, dtype=np.float64).reshape(-1, 2), np.array(owner, dtype=np.int64))
        self._hit_cache = (self.view_key(), arrays)
        return arrays

    def view_key(self) -> tuple:
        """Equal for two calls exactly when nothing that places things on the map changed
        (data, rect, zoom, pan): what a cache of screen positions is keyed by."""
        return (self.version, self.rect.topleft, self.rect.size, self.zi, tuple(self.pan))

    def hit(self, pos: tuple[int, int]) -> tuple[str, str] | None:
        """The location (within 11 px), else the route whose deployment badge is under a point,
        else the route within 7 px of it."""
        if not self.rect.collidepoint(pos):
            return None
        lids, lp, rids, a, b, owner = self._hit_arrays()
        p = np.array(pos, dtype=np.float64)
        if len(lids):
            d = np.hypot(lp[:, 0] - p[0], lp[:, 1] - p[1])
            i = int(np.argmin(d))
            if d[i] < 11.0:
                return ("location", lids[i])
        for badge in self._layout().badges:
            if badge.rect.collidepoint(pos):
                return ("route", badge.rid)
        if len(owner):
            ab = b - a
            n = (ab * ab).sum(axis=1)
            t = np.where(n > 0, ((p - a) * ab).sum(axis=1) / np.where(n > 0, n, 1.0), 0.0)
            t = np.clip(t, 0.0, 1.0)
            q = a + ab * t[:, None]
            d = np.hypot(q[:, 0] - p[0], q[:, 1] - p[1])
            i = int(np.argmin(d))
            if d[i] < 7.0:
                return ("route", rids[int(owner[i])])
        return None

    def handle_event(self, event: pygame.event.Event) -> bool:
        """True when the map used the event."""
        et = event.type
        if et == pygame.MOUSEMOTION:
            self._mouse = event.pos
            if self._drag_from is not None:
                dx = event.pos[0] - self._drag_from[0]
                dy = event.pos[1] - self._drag_from[1]
                if self._drag_moved or abs(dx) + abs(dy) > 4:
                    self._drag_moved = True
                    self.pan_by(-dx, -dy)
                    self._drag_from = event.pos
                return True
            self.hover = self.hit(event.pos)
            return self.hover is not None
        if et == pygame.MOUSEWHEEL:
            if self.rect.collidepoint(self._mouse):
                self.zoom_at(1 if event.y > 0 else -1 if event.y < 0 else 0, self._mouse)
                return True
            return False
        if et == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self.rect.collidepoint(event.pos):
                self._drag_from = event.pos
                self._drag_moved = False
                return True
            return False
        if et == pygame.MOUSEBUTTONUP and event.button == 1:
            if self._drag_from is None:
                return False
            moved = self._drag_moved
            self._drag_from = None
            self._drag_moved = False
            if moved:
                self.invalidate()
            if not moved and self.rect.collidepoint(event.pos):
                self.select(self.hit(event.pos))
            return True
        if et == pygame.KEYDOWN:
            step = 60
            keys = {pygame.K_LEFT: (-step, 0), pygame.K_RIGHT: (step, 0),
                    pygame.K_UP: (0, -step), pygame.K_DOWN: (0, step)}
            if event.key in keys:
                self.pan_by(*keys[event.key])
                return True
            if event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
                self.zoom_at(1)
                return True
            if event.key in (pygame.K_MINUS, pygame.K_KP_MINUS):
                self.zoom_at(-1)
                return True
            if event.key == pygame.K_HOME:
                self.reset_view()
                return True
        return False

    def select(self, sel: tuple[str, str] | None) -> None:
        self.selected = sel
        if self.on_select is not None:
            self.on_select(sel)

    def visible_route_ids(self) -> Iterable[str]:
        return self.scenario.routes.keys()


class _Offset:
    """Blit target that shifts coordinates by an origin (for drawing tiles into a rect)."""

    def __init__(self, surf: pygame.Surface, origin: tuple[int, int]) -> None:
        self.surf = surf
        self.origin = origin

    def blit(self, src, pos):
        return self.surf.blit(src, (pos[0] + self.origin[0], pos[1] + self.origin[1]))


def _wrap(text: str, width: int) -> list[str]:
    """Split a long tooltip line at spaces (continuation lines are indented)."""
    words, out, cur = text.split(" "), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            out.append(cur)
            cur = "   " + w
        else:
            cur = f"{cur} {w}" if cur else w
    out.append(cur)
    return out


def _ink(col: tuple[int, int, int]) -> tuple[int, int, int]:
    """Dark text on a light colour, light text on a dark one."""
    lum = 0.2126 * col[0] + 0.7152 * col[1] + 0.0722 * col[2]
    return (10, 14, 20) if lum > 110 else (240, 244, 248)


def hash_sign(text: str) -> bool:
    """A stable pseudo-random bit per id (Python's hash() is salted per process)."""
    return sum(map(ord, text)) % 2 == 0


def _qbez(a, c, b, t):
    u = 1 - t
    return (u * u * a[0] + 2 * u * t * c[0] + t * t * b[0],
            u * u * a[1] + 2 * u * t * c[1] + t * t * b[1])


def _catmull_rom(pts, n):
    out = []
    ext = [pts[0], *pts, pts[-1]]
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        for k in range(n):
            t = k / n
            t2, t3 = t * t, t * t * t
            out.append(tuple(
                0.5 * (2 * p1[j] + (-p0[j] + p2[j]) * t + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2
                       + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3)
                for j in (0, 1)))
    out.append(pts[-1])
    return out


def _dashed(surf, col, pts, width, dash, gap, dots=False):
    """Dashed (or dotted) polyline."""
    on = True
    left = dash
    for (ax, ay), (bx, by) in itertools.pairwise(pts):
        seg = math.hypot(bx - ax, by - ay)
        pos = 0.0
        while pos < seg:
            step = min(left, seg - pos)
            f0, f1 = pos / seg, (pos + step) / seg
            p0 = (ax + (bx - ax) * f0, ay + (by - ay) * f0)
            p1 = (ax + (bx - ax) * f1, ay + (by - ay) * f1)
            if dots:
                if on:
                    pygame.draw.circle(surf, col, (round(p0[0]), round(p0[1])), max(1, width // 2 + 1))
            elif on:
                pygame.draw.line(surf, col, p0, p1, width)
            pos += step
            left -= step
            if left <= 1e-9:
                if dots:
                    left = dash * 3
                else:
                    on = not on
                    left = dash if on else gap
                if gap == 0 and not dots:
                    on = True


def _arrow(surf, view: MapView, rid: str, t: float, col, size: int) -> None:
    x0, y0 = view.point_along(rid, t - 0.02)
    x1, y1 = view.point_along(rid, t + 0.02)
    ang = math.atan2(y1 - y0, x1 - x0)
    tip = (x1 + math.cos(ang) * size * 0.6, y1 + math.sin(ang) * size * 0.6)
    left = (tip[0] - math.cos(ang - 0.5) * size * 1.4, tip[1] - math.sin(ang - 0.5) * size * 1.4)
    right = (tip[0] - math.cos(ang + 0.5) * size * 1.4, tip[1] - math.sin(ang + 0.5) * size * 1.4)
    pygame.draw.polygon(surf, P.SEA_DEEP, _grow([tip, left, right], 2))
    pygame.draw.polygon(surf, col, [tip, left, right])


def _grow(pts, d):
    cx = sum(p[0] for p in pts) / len(pts)
    cy = sum(p[1] for p in pts) / len(pts)
    out = []
    for x, y in pts:
        dx, dy = x - cx, y - cy
        n = math.hypot(dx, dy) or 1.0
        out.append((x + dx / n * d, y + dy / n * d))
    return out


def _range_step(a: float, b: float, step: float):
    v = math.ceil(a / step) * step
    while v <= b:
        yield v
        v += step


def _deg(v: float, pos: str, neg: str) -> str:
    if abs(v) < 1e-9:
        return "0°"
    return f"{abs(v):g}°{pos if v > 0 else neg}"
