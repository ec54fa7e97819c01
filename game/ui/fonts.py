"""Fonts: Noto Sans as shipped inside pygame_gui (OFL), cached per size and weight."""

from __future__ import annotations

from importlib import resources

import pygame


class Fonts:
    """A small cache; one per App (no module-level singletons)."""

    def __init__(self, scale: float = 1.0) -> None:
        self.scale = scale
        self._cache: dict[tuple[int, bool], pygame.font.Font] = {}
        data = resources.files("pygame_gui") / "data"
        self._regular = str(data / "NotoSans-Regular.ttf")
        self._bold = str(data / "NotoSans-Bold.ttf")

    def get(self, size: int, bold: bool = False) -> pygame.font.Font:
        return self.get_px(max(8, round(size * self.scale)), bold)

    def get_px(self, px: int, bold: bool = False) -> pygame.font.Font:
        """The font at exactly `px` (no scaling)."""
        key = (px, bold)
        font = self._cache.get(key)
        if font is None:
            try:
                font = pygame.font.Font(self._bold if bold else self._regular, px)
            except (OSError, FileNotFoundError):
                font = pygame.font.Font(None, px + 4)
            self._cache[key] = font
        return font
