"""Per-state memo: values derived from an immutable State, computed once per state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def memo(state: Any, key: Any, fn: Callable[[], Any]) -> Any:
    """`fn()`, computed once per `state` and `key` (kept in the state's `derived` dict, so it
    lives exactly as long as the state). An array is made read-only: every reader shares it."""
    d = state.derived
    if key not in d:
        value = fn()
        if isinstance(value, np.ndarray):
            value.setflags(write=False)
        d[key] = value
    return d[key]
