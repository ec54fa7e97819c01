"""Greedy placement of things drawn over the map.

`place_labels`: each label tries up to eight positions around its point and takes the first
that overlaps nothing already placed (labels, icons, the frame edge). Labels are placed in
priority order, so the important ones win; a label with no free spot is left out (its name
still shows in the hover tooltip).

`place_along`: each box (a route's group of badges) slides along its own path, from the
path's middle outwards, to the first spot that overlaps nothing already placed, else steps
just beside its path; a box with no free spot keeps the spot where it overlaps least (it is
never left out)."""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Sequence

import pygame

# (dx, dy) unit offsets of the label's anchor relative to the point, best first:
# right, left, above, below, then the four diagonals.
CANDIDATES: tuple[tuple[float, float], ...] = (
    (1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1),
)


def candidate_rect(point: tuple[float, float], size: tuple[int, int],
                   offset: tuple[float, float], gap: int) -> pygame.Rect:
    x, y = point
    w, h = size
    dx, dy = offset
    if dx > 0:
        left = x + gap
    elif dx < 0:
        left = x - gap - w
    else:
        left = x - w / 2
    if dy > 0:
        top = y + gap
    elif dy < 0:
        top = y - gap - h
    else:
        top = y - h / 2
    return pygame.Rect(round(left), round(top), w, h)


def place_labels(points: Sequence[tuple[float, float]], sizes: Sequence[tuple[int, int]],
                 frame: pygame.Rect, obstacles: Sequence[pygame.Rect] = (),
                 gap: int = 7) -> list[pygame.Rect | None]:
    """Rects for labels in the given (priority) order; None where no position is free."""
    placed: list[pygame.Rect] = []
    blocked = list(obstacles)
    out: list[pygame.Rect | None] = []
    for point, size in zip(points, sizes, strict=True):
        chosen = None
        for off in CANDIDATES:
            r = candidate_rect(point, size, off, gap)
            if not frame.contains(r):
                continue
            if r.collidelist(placed) != -1 or r.collidelist(blocked) != -1:
                continue
            chosen = r
            break
        if chosen is not None:
            placed.append(chosen)
        out.append(chosen)
    return out


def path_lengths(path: Sequence[tuple[float, float]]) -> list[float]:
    """The length of a polyline from its start to each of its points (0.0 first)."""
    cum = [0.0]
    for a, b in itertools.pairwise(path):
        cum.append(cum[-1] + math.dist(a, b))
    return cum


def at_length(path: Sequence[tuple[float, float]], cum: Sequence[float], d: float
              ) -> tuple[float, float, float, float]:
    """(x, y, dx, dy): the point `d` pixels along a polyline of two or more points (`cum`
    from `path_lengths`) and the unit direction of the path there."""
    i = min(max(bisect.bisect_right(cum, d) - 1, 0), len(path) - 2)
    while i > 0 and cum[i + 1] - cum[i] <= 0:  # a repeated point: use the segment before
        i -= 1
    seg = cum[i + 1] - cum[i]
    f = (d - cum[i]) / seg if seg > 0 else 0.0
    (ax, ay), (bx, by) = path[i], path[i + 1]
    dx, dy = ((bx - ax) / seg, (by - ay) / seg) if seg > 0 else (1.0, 0.0)
    return ax + (bx - ax) * f, ay + (by - ay) * f, dx, dy


def points_along(path: Sequence[tuple[float, float]], step: float,
                 margin: float = 0.1) -> list[tuple[float, float, float, float]]:
    """Points of a polyline, by length: its middle first, then alternately after and before
    the middle every `step` pixels, no nearer either end than `margin` of the length. Each
    is (x, y, dx, dy): the point and the unit direction of the path there."""
    cum = path_lengths(path)
    total = cum[-1]
    if total <= 0.0:
        return [(path[0][0], path[0][1], 1.0, 0.0)] if path else []
    mid, lo, hi = total / 2, total * margin, total * (1 - margin)
    dists = [mid]
    for k in itertools.count(1):
        more = [d for d in (mid + k * step, mid - k * step) if lo <= d <= hi]
        if not more:
            break
        dists.extend(more)
    return [at_length(path, cum, d) for d in dists]


def _cost(r: pygame.Rect, frame: pygame.Rect, blocked: Sequence[pygame.Rect], pad: int) -> int:
    """Area of r outside the frame plus the overlap of r grown by pad with each blocked rect."""
    inside = r.clip(frame)
    cost = r.w * r.h - inside.w * inside.h
    grown = r.inflate(2 * pad, 2 * pad)
    for i in grown.collidelistall(blocked):
        c = grown.clip(blocked[i])
        cost += c.w * c.h
    return cost


def _free(r: pygame.Rect, frame: pygame.Rect, blocked: Sequence[pygame.Rect], pad: int) -> bool:
    return frame.contains(r) and r.inflate(2 * pad, 2 * pad).collidelist(blocked) == -1


def place_along(paths: Sequence[Sequence[tuple[float, float]]],
                sizes: Sequence[tuple[int, int]], frame: pygame.Rect,
                obstacles: Sequence[pygame.Rect] = (), step: float = 8.0,
                margin: float = 0.1, pad: int = 2
                ) -> list[tuple[pygame.Rect, tuple[float, float]]]:
    """A rect per path, with its anchor (the point of the path it belongs to), placed in the given order so that it lies inside the frame and, grown
    by `pad`, overlaps neither an obstacle nor a rect placed before it: centred on the first
    free point of its path (see `points_along`); where no point is free, beside the path (just
    clear of it, either side) at the first point where that is free, else a little further
    out; where nothing is free, where it overlaps least (the first such, so on the path and
    nearest its middle if it can be). A rect set beside its path is never further from it
    (from its anchor) than 2 * step + 2 * pad + 2."""
    blocked = list(obstacles)
    out: list[tuple[pygame.Rect, tuple[float, float]]] = []
    for path, (w, h) in zip(paths, sizes, strict=True):
        pts = points_along(path, step, margin) or [(frame.centerx, frame.centery, 1.0, 0.0)]
        on = []
        for x, y, _dx, _dy in pts:
            r = pygame.Rect(0, 0, w, h)
            r.center = (round(x), round(y))
            on.append((r, (x, y)))
        chosen = next((c for c in on if _free(c[0], frame, blocked, pad)), None)
        if chosen is None:
            beside, further = [], []
            for x, y, dx, dy in pts:
                nx, ny = -dy, dx  # the path's normal
                off = (w * abs(nx) + h * abs(ny)) / 2 + pad + 2
                for sgn in (1, -1):
                    r = pygame.Rect(0, 0, w, h)
                    r.center = (round(x + sgn * nx * off), round(y + sgn * ny * off))
                    beside.append((r, (x, y)))
                    r = pygame.Rect(0, 0, w, h)  # two steps further out
                    far = off + 2 * step
                    r.center = (round(x + sgn * nx * far), round(y + sgn * ny * far))
                    further.append((r, (x, y)))
            chosen = next((c for c in beside + further if _free(c[0], frame, blocked, pad)),
                          None)
            if chosen is None:
                chosen = min(on + beside + further,
                             key=lambda c: _cost(c[0], frame, blocked, pad))
        blocked.append(chosen[0])
        out.append(chosen)
    return out
