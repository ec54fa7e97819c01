"""Per-turn random streams derived from the game seed.

Every random draw in a game comes from a `numpy.random.Generator` made here. A stream is
named by its purpose ("resolve", "event:<id>", "ai:usa", "observe"), so adding draws to one
purpose never shifts another, and the same seed, turn and stream give the same numbers in
any process (the name is hashed with a fixed function, never Python's salted `hash`).
"""

from __future__ import annotations

import zlib

import numpy as np


def stream_key(stream: str) -> int:
    """A stable 32-bit number for a stream name."""
    return zlib.crc32(stream.encode("utf-8"))


def turn_rng(seed: int, turn: int, stream: str) -> np.random.Generator:
    """The generator for `stream` in `turn` of the game with `seed`."""
    ss = np.random.SeedSequence([int(seed) & (2**64 - 1), int(turn), stream_key(stream)])
    return np.random.Generator(np.random.PCG64(ss))


class LazyGenerator:
    """A `turn_rng` generator created on first use (most AI turns draw nothing)."""

    __slots__ = ("_args", "_gen")

    def __init__(self, seed: int, turn: int, stream: str) -> None:
        self._args = (seed, turn, stream)
        self._gen: np.random.Generator | None = None

    def __getattr__(self, name: str):
        if self._gen is None:
            self._gen = turn_rng(*self._args)
        return getattr(self._gen, name)
