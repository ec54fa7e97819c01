"""What counts as a usable number in orders, instructor actions and event effects."""

from __future__ import annotations

import math
import sys

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
