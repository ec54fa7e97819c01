"""Per-state memo: values derived from an immutable State, computed once per state."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

_MEMO: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def memo(state: Any, key: Any, fn: Callable[[], Any]) -> Any:
    d = _MEMO.get(state)
    if d is None:
        d = {}
        _MEMO[state] = d
    if key not in d:
        d[key] = fn()
    return d[key]
