"""The pygame_gui workaround returns exactly what the library computes, from its own cache."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core.ui_appearance_theme import UIAppearanceTheme

from game.ui import gui_fixes


def test_theming_ids_are_the_librarys(app):
    assert gui_fixes.install() and gui_fixes.install()  # once, and idempotent
    fast = UIAppearanceTheme.build_all_combined_ids
    assert fast._interdict_fast and fast.__wrapped__ is not fast
    theme = app.ui.get_theme()
    cases = [
        (["button"], ["button"], [None], [None]),
        ([None, None, None, "button"],
         ["scrolling_container", "scrolling_container.#container", "#view_container", "button"],
         [None, None, None, "@dim"], [None, "#container", None, "#plus"]),
        (None, ["label"], None, None),
    ]
    for base, elem, cls, obj in cases:
        want = fast.__wrapped__(theme, base, elem, cls, obj)
        got = fast(theme, base, elem, cls, obj)
        assert got == want and fast(theme, base, elem, cls, obj) is got
    # and widgets made inside a scrolling list still get their theme (a dim caption)
    lst = pygame_gui.elements.UIScrollingContainer(
        pygame.Rect(0, 0, 200, 100), app.ui)
    cap = pygame_gui.elements.UILabel(pygame.Rect(0, 0, 150, 20), "caption",
                                      app.ui, container=lst.get_container(), object_id="@dim")
    assert cap.font.point_size == 13
