"""Greedy label placement: each label tries up to eight positions around its point and takes
the first that overlaps nothing already placed (labels, icons, the frame edge). Labels are
placed in priority order, so the important ones win; a label with no free spot is left out
(its name still shows in the hover tooltip)."""

from __future__ import annotations

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
