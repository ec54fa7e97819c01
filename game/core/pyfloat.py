"""Python's float arithmetic, elementwise over arrays.

The lockstep engine must give each game the bits the single-game code computes, and where
that code works with Python floats it uses Python's semantics: `max(a, b)` keeps `a` unless
`b` is greater (so max(-0.0, 0.0) is -0.0), `min(a, b)` keeps `a` unless `b` is smaller, and
`math.exp` is the C library's exp, which differs from numpy's vectorised exp in the last bit
for some values.
"""

from __future__ import annotations

import math

import numpy as np


def py_max(a, b) -> np.ndarray:
    """Python's max(a, b) per element: a unless b > a."""
    return np.where(b > a, b, a)


def py_min(a, b) -> np.ndarray:
    """Python's min(a, b) per element: a unless b < a."""
    return np.where(b < a, b, a)


def libm_exp(x: np.ndarray) -> np.ndarray:
    """exp of each element as `math.exp` (libm) computes it."""
    x = np.asarray(x)
    return np.fromiter(map(math.exp, x.ravel().tolist()), np.float64, x.size).reshape(x.shape)
