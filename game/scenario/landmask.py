"""Land or sea at a point, for the validator's check of maritime routes drawn across land.

`land_mask.bin` beside this module is a global raster of 0.05° cells (about 5.5 km at the
equator): 3600 rows from 90°N southwards, 7200 columns from 180°W eastwards, one bit per cell
(most significant bit first), zlib-compressed. A cell is land when at least half of its 6 x 6
cells of 30 arc-seconds in global-land-mask (the NOAA GLOBE data set, lakes counted as land)
are land; it agrees with global-land-mask at 99.8% of random points.

It is derived once, with `python -m game.scenario.landmask`, because global_land_mask takes
more than a second to import (it unpacks a 1 GB raster) and even numpy adds 50-100 ms to
`interdict validate`; this file (about 130 kB) is read with the standard library in a few
milliseconds, the first time a scenario has a maritime route.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from pathlib import Path

RES = 0.05  # degrees per cell
ROWS, COLS = 3600, 7200
ROW_BYTES = COLS // 8
MASK_FILE = Path(__file__).with_name("land_mask.bin")

_bits: bytes | None = None


def _load() -> bytes:
    global _bits
    if _bits is None:
        data = zlib.decompress(MASK_FILE.read_bytes())
        if len(data) != ROWS * ROW_BYTES:  # pragma: no cover - a damaged install
            raise ValueError(f"{MASK_FILE.name} holds {len(data)} bytes, not {ROWS * ROW_BYTES}")
        _bits = data
    return _bits


def land_at(points: Iterable[tuple[float, float]]) -> list[bool]:
    """Whether each (longitude, latitude) point, in degrees, lies on land."""
    bits = _load()
    out = []
    for lon, lat in points:
        row = min(ROWS - 1, max(0, int((90.0 - lat) / RES)))
        col = min(COLS - 1, max(0, int((lon + 180.0) / RES)))
        out.append(bool(bits[row * ROW_BYTES + (col >> 3)] >> (7 - (col & 7)) & 1))
    return out


def build(path: Path = MASK_FILE) -> None:  # pragma: no cover - run by hand, see above
    import numpy as np
    from global_land_mask import globe

    ocean = globe._mask  # (21600, 43200), True at sea, rows from 90°N, columns from 180°W
    k = ocean.shape[0] // ROWS
    land = np.empty((ROWS, COLS), bool)
    for r0 in range(0, ROWS, 100):
        r1 = min(ROWS, r0 + 100)
        sea = ocean[r0 * k:r1 * k].reshape(r1 - r0, k, COLS, k).sum(axis=(1, 3), dtype=np.int32)
        land[r0:r1] = (k * k - sea) * 2 >= k * k
    path.write_bytes(zlib.compress(np.packbits(land, axis=1).tobytes(), 9))


if __name__ == "__main__":  # pragma: no cover
    build()
