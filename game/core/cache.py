"""Memos: values derived from immutable data (a State, a compiled network), computed once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def memo(state: Any, key: Any, fn: Callable[[], Any]) -> Any:
    """`fn()`, computed once per `state` and `key` (kept in the state's `derived` dict, so it
    lives exactly as long as the state)."""
    return memo_in(state.derived, key, fn)


def memo_in(store: dict, key: Any, fn: Callable[[], Any]) -> Any:
    """`fn()`, computed once per `key` in `store`. An array is made read-only: every reader
    shares it."""
    if key not in store:
        value = fn()
        if isinstance(value, np.ndarray):
            value.setflags(write=False)
        store[key] = value
    return store[key]
