"""What counts as a usable number in orders, instructor actions and event effects, and how
the rules add a list of numbers."""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable

import numpy as np

_REAL = (int, float, np.integer, np.floating)
_BOOL = (bool, np.bool_)
_FLOAT_MAX = sys.float_info.max


def finite_number(v: object) -> bool:
    """A real number (not a bool), neither NaN nor infinite, and within float range (a
    whole number with hundreds of digits is not one: it cannot be used as a float)."""
    t = type(v)
    if t is float:  # the common cases first: this runs for every number of every order
        return math.isfinite(v)
    if t is int:
        return -_FLOAT_MAX <= v <= _FLOAT_MAX  # exact comparison, no conversion
    return isinstance(v, _REAL) and not isinstance(v, _BOOL) and math.isfinite(v)


def sum_in_order(values: Iterable) -> float:
    """The numbers added one by one, left to right, from 0: what `sum()` gives on Python 3.11.
    From Python 3.12, `sum()` adds floats with compensation (Neumaier), which rounds
    differently; the rules add with this instead, so that a seed plays the same game on every
    Python version (and the lockstep batch engine can add in the same order)."""
    total = 0
    for v in values:
        total += v
    return total
