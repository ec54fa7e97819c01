"""A workaround for pygame_gui 0.6.x, applied once when the UI starts.

`UIAppearanceTheme.build_all_combined_ids` caches its result, but builds the cache key with
nested `str.join` calls (`str(a).join(str(b).join(...))`), which put a copy of one id list
between every character of another. Inside a scrolling container (three levels of nesting),
that key runs to megabytes, so each widget created there took milliseconds: rebuilding the
Funding tab took 180 ms instead of 25, and every +/- on the Operations tab about 100 ms.

The wrapper below keys the same cache by the tuples of ids instead, and returns the very list
the library cached (callers already share it). It changes nothing else, and it steps aside
if the library's method has another signature.
"""

from __future__ import annotations

import inspect


def install() -> bool:
    """Wrap the theme's id builder once; True when it is (or already was) wrapped."""
    try:
        from pygame_gui.core.ui_appearance_theme import UIAppearanceTheme
    except ImportError:  # another layout of the library: leave it alone
        return False
    original = UIAppearanceTheme.build_all_combined_ids
    if getattr(original, "_interdict_fast", False):
        return True
    params = list(inspect.signature(original).parameters)
    if params != ["self", "element_base_ids", "element_ids", "class_ids", "object_ids"]:
        return False

    def build_all_combined_ids(self, element_base_ids, element_ids, class_ids, object_ids):
        cache = self.__dict__.setdefault("_interdict_combined_ids", {})
        key = tuple(None if ids is None else tuple(ids)
                    for ids in (element_base_ids, element_ids, class_ids, object_ids))
        found = cache.get(key)
        if found is None:
            found = cache[key] = original(self, element_base_ids, element_ids, class_ids,
                                          object_ids)
        return found

    build_all_combined_ids._interdict_fast = True  # type: ignore[attr-defined]
    build_all_combined_ids.__wrapped__ = original  # type: ignore[attr-defined]
    UIAppearanceTheme.build_all_combined_ids = build_all_combined_ids
    return True
