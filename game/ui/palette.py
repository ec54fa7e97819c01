"""Colours: the Okabe-Ito colour-blind-safe palette plus the calm map and panel tones.

Okabe & Ito, "Color Universal Design" (2008): eight colours that stay distinct for the
common forms of colour blindness. The map's own colours (route modes, the traffickers'
vermillion and seizure marks, plain text) are taken from them.

Nations and traffickers (`side_colours`): a scenario may give each side a colour (often its
flag's). A side keeps it when it is distinct enough, else takes a distinct one; see
`side_colours` for the rule. Distances are CIEDE2000 in CIE Lab; contrast is the WCAG ratio.
"""

from __future__ import annotations

import functools
import itertools

import numpy as np

OKABE_ITO: tuple[tuple[int, int, int], ...] = (
    (86, 180, 233),  # sky blue
    (230, 159, 0),  # orange
    (0, 158, 115),  # bluish green
    (240, 228, 66),  # yellow
    (0, 114, 178),  # blue
    (213, 94, 0),  # vermillion
    (204, 121, 167),  # reddish purple
    (230, 230, 230),  # light grey (Okabe-Ito's black, lightened for a dark map)
)
RED = OKABE_ITO[5]
PURPLE = OKABE_ITO[6]

SEA = (14, 27, 46)
SEA_DEEP = (10, 20, 36)
LAND = (58, 66, 70)
LAND_HIGH = (70, 78, 80)
COAST = (120, 140, 150)
GRATICULE = (40, 58, 82)
GRATICULE_LABEL = (120, 140, 165)
PANEL = (20, 28, 40)
PANEL_EDGE = (55, 70, 92)
TEXT = (225, 230, 236)
TEXT_DIM = (150, 160, 175)
TEXT_DIM_HTML = "#" + bytes(TEXT_DIM).hex()  # for <font color=...> in text boxes: #96a0af
SELECT = (255, 255, 255)
GOOD = OKABE_ITO[2]
BAD = OKABE_ITO[5]
# Met / ready and not met / warning in text boxes: bluish green and orange, which stay apart
# for every common colour blindness (vermillion is the traffickers' colour on the map).
GOOD_HTML = "#" + bytes(GOOD).hex()  # #009e73
WARN_HTML = "#" + bytes(OKABE_ITO[1]).hex()  # #e69f00

MODE_COLOURS = {
    "maritime": OKABE_ITO[0],
    "air": OKABE_ITO[3],
    "land": OKABE_ITO[1],
}


def parse_colour(text: str | None) -> tuple[int, int, int] | None:
    """'#rrggbb' or 'rrggbb' -> (r, g, b); None when absent or malformed."""
    if not text:
        return None
    s = text.strip().lstrip("#")
    if len(s) != 6:
        return None
    try:
        return (int(s[0:2], 16), int(s[2:4], 16), int(s[4:6], 16))
    except ValueError:
        return None


# Well-separated categorical colours to pick from when a scenario's colour is not distinct
# enough, best first: Okabe-Ito (those the map does not use already), then Paul Tol's
# colour-blind-aware schemes (Okabe-Ito's blue is too dark for the land) (https://personal.sron.nl/~pault/: bright, vibrant, light, muted).
# Traffickers look first at vermillion and reddish purple (their colours on the map), then at
# Tol's reds and purples.
_TOL = ("#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377", "#bbbbbb",
        "#0077bb", "#33bbee", "#009988", "#ee7733", "#cc3311", "#ee3377",
        "#77aadd", "#99ddff", "#44bb99", "#bbcc33", "#aaaa00", "#eedd88", "#ee8866", "#ffaabb",
        "#cc6677", "#332288", "#ddcc77", "#117733", "#88ccee", "#882255", "#44aa99", "#999933",
        "#aa4499")
NATION_CHOICES: tuple[tuple[int, int, int], ...] = (
    tuple(OKABE_ITO[i] for i in (2, 6)) + tuple(parse_colour(c) for c in _TOL))
TRAFFICKER_CHOICES: tuple[tuple[int, int, int], ...] = (
    RED, PURPLE, *(parse_colour(c) for c in ("#ee6677", "#aa3377", "#cc3311", "#ee3377",
                                             "#cc6677", "#882255", "#aa4499", "#ffaabb")),
    *NATION_CHOICES)

# Colours the map already gives a meaning: no side may look like one of them.
RESERVED: dict[str, tuple[int, int, int]] = {
    "maritime route": MODE_COLOURS["maritime"],
    "air route": MODE_COLOURS["air"],
    "land route": MODE_COLOURS["land"],
    "places of no nation": TEXT,
    "dimmed marks (dormant routes, leaders)": TEXT_DIM,
}
# ...and for nations also vermillion: seizure marks, moving shipments, the traffickers' colour.
NATION_RESERVED = {**RESERVED, "seizures and shipments": RED}

MIN_DISTANCE = 15.0  # CIEDE2000 between any two sides, at least
MIN_RESERVED_DISTANCE = 20.0  # ...and between a side and a colour the map already uses
MIN_CONTRAST_SEA = 3.0  # WCAG contrast ratio against the sea (and the marks' dark outline)
MIN_CONTRAST_LAND = 2.0  # ...and against land
TINTS = (0.25, 0.5)  # a scenario's colour too dark for the map is tried this much lighter


def _linear(rgb) -> np.ndarray:
    c = np.asarray(rgb, dtype=np.float64) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def luminance(rgb) -> np.ndarray:
    """WCAG relative luminance of sRGB colour(s), shape (..., 3) -> (...)."""
    return _linear(rgb) @ np.array([0.2126, 0.7152, 0.0722])


def contrast(a, b) -> np.ndarray:
    """WCAG contrast ratio (1 to 21) between colour(s) a and colour b."""
    la, lb = luminance(a), luminance(b)
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)


def to_lab(rgb) -> np.ndarray:
    """sRGB (0-255), shape (..., 3) -> CIE Lab (D65)."""
    m = np.array([[0.4124564, 0.3575761, 0.1804375],
                  [0.2126729, 0.7151522, 0.0721750],
                  [0.0193339, 0.1191920, 0.9503041]])
    xyz = (_linear(rgb) @ m.T) / np.array([0.95047, 1.0, 1.08883])
    d = 6 / 29
    f = np.where(xyz > d ** 3, np.cbrt(xyz), xyz / (3 * d * d) + 4 / 29)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]),
                     200 * (f[..., 1] - f[..., 2])], axis=-1)


def delta_e(lab1, lab2) -> np.ndarray:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005) between Lab colours,
    broadcasting over the leading axes."""
    lab1, lab2 = np.broadcast_arrays(np.asarray(lab1, np.float64), np.asarray(lab2, np.float64))
    L1, a1, b1 = lab1[..., 0], lab1[..., 1], lab1[..., 2]
    L2, a2, b2 = lab2[..., 0], lab2[..., 1], lab2[..., 2]
    cbar7 = ((np.hypot(a1, b1) + np.hypot(a2, b2)) / 2) ** 7
    g = 0.5 * (1 - np.sqrt(cbar7 / (cbar7 + 25.0 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    chroma0 = c1p * c2p == 0
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(chroma0, 0.0, dh)
    d_l, d_c = L2 - L1, c2p - c1p
    d_h = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh) / 2)
    lbar, cbar = (L1 + L2) / 2, (c1p + c2p) / 2
    hsum = h1p + h2p
    hbar = np.where(np.abs(h1p - h2p) > 180, np.where(hsum < 360, hsum + 360, hsum - 360),
                    hsum) / 2
    hbar = np.where(chroma0, hsum, hbar)
    t = (1 - 0.17 * np.cos(np.radians(hbar - 30)) + 0.24 * np.cos(np.radians(2 * hbar))
         + 0.32 * np.cos(np.radians(3 * hbar + 6)) - 0.20 * np.cos(np.radians(4 * hbar - 63)))
    d_theta = 30 * np.exp(-(((hbar - 275) / 25) ** 2))
    cbar7p = cbar ** 7
    r_c = 2 * np.sqrt(cbar7p / (cbar7p + 25.0 ** 7))
    s_l = 1 + 0.015 * (lbar - 50) ** 2 / np.sqrt(20 + (lbar - 50) ** 2)
    s_c = 1 + 0.045 * cbar
    s_h = 1 + 0.015 * cbar * t
    r_t = -np.sin(np.radians(2 * d_theta)) * r_c
    return np.sqrt((d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2
                   + r_t * (d_c / s_c) * (d_h / s_h))


def colour_distance(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """CIEDE2000 between two sRGB colours."""
    return float(delta_e(to_lab(a), to_lab(b)))


def _readable(rgb) -> np.ndarray:
    """Per colour of `rgb` (..., 3): enough contrast against the sea and the land to be seen
    (MIN_CONTRAST_*)."""
    return (contrast(rgb, SEA) >= MIN_CONTRAST_SEA) & (contrast(rgb, LAND) >= MIN_CONTRAST_LAND)


def readable_on_map(col) -> bool:
    """Enough contrast against the sea and the land to be seen (MIN_CONTRAST_*)."""
    return bool(_readable(col))


@functools.cache
def _grid() -> tuple[np.ndarray, np.ndarray]:
    """The last resort: sRGB colours every 1/8 of each channel readable on the map, and
    their Lab values."""
    levels = np.linspace(0, 255, 9).round()
    rgb = np.array(list(itertools.product(levels, repeat=3)))
    rgb = rgb[_readable(rgb)]
    return rgb.astype(np.int64), to_lab(rgb)


def _pick(wanted, taken: list[tuple[int, int, int]], avoid, choices) -> tuple[int, int, int]:
    """A side's colour: the scenario's `wanted` colour if it fits, else a lighter tint of it
    that fits, else the first of `choices` that fits, else the colour (of the grid) furthest
    from the others. Fits: readable on the map, at least MIN_DISTANCE from every colour in
    `taken` and MIN_RESERVED_DISTANCE from every colour in `avoid`."""
    others = to_lab(np.array(list(taken) + list(avoid), dtype=np.float64).reshape(-1, 3))
    # a colour's distance to each of the others, in units of the distance it needs from it
    need = np.array([MIN_DISTANCE] * len(taken) + [MIN_RESERVED_DISTANCE] * len(avoid))

    def fits(col) -> bool:
        return readable_on_map(col) and bool(
            (delta_e(to_lab(col)[None, :], others) >= need).all())

    if wanted is not None:
        for col in (wanted, *(mix(wanted, (255, 255, 255), t) for t in TINTS)):
            if fits(col):
                return col
    for col in choices:
        if fits(col):
            return col
    rgb, lab = _grid()
    nearest = (delta_e(lab[:, None, :], others[None, :, :]) / need[None, :]).min(axis=1)
    best = rgb[int(np.argmax(nearest))]
    return (int(best[0]), int(best[1]), int(best[2]))


@functools.lru_cache(maxsize=32)
def _assign(nations: tuple[tuple[str, str | None], ...],
            traffickers: tuple[tuple[str, str | None], ...]
            ) -> tuple[tuple[str, tuple[int, int, int]], ...]:
    taken: list[tuple[int, int, int]] = []
    out = []
    for sides, avoid, choices in ((nations, NATION_RESERVED, NATION_CHOICES),
                                  (traffickers, RESERVED, TRAFFICKER_CHOICES)):
        for sid, text in sides:
            col = _pick(parse_colour(text), taken, avoid.values(), choices)
            taken.append(col)
            out.append((sid, col))
    return tuple(out)


def side_colours(scenario) -> dict[str, tuple[int, int, int]]:
    """A colour per nation and trafficker id, chosen in file order (nations first, so a
    trafficker never changes a nation's colour). Each side keeps the scenario's colour when
    it is readable on the map (WCAG contrast at least MIN_CONTRAST_SEA against the sea and
    MIN_CONTRAST_LAND against land), at least MIN_DISTANCE (CIEDE2000) from every colour
    taken before it and MIN_RESERVED_DISTANCE from the colours the map already uses (route
    modes, text; for nations also the vermillion of seizures and shipments); else a lighter tint of it that passes;
    else the first passing colour of a colour-blind-aware list (Okabe-Ito, then Paul Tol's;
    traffickers start with vermillion and reddish purple); else the colour furthest from all
    those. Deterministic, cached per scenario."""
    nations = tuple((nid, getattr(n, "color", None)) for nid, n in scenario.nations.items())
    traffickers = tuple((tid, getattr(t, "color", None))
                        for tid, t in getattr(scenario, "traffickers", {}).items())
    return dict(_assign(nations, traffickers))


def nation_colours(scenario) -> dict[str, tuple[int, int, int]]:
    """A colour per nation id, distinct (see `side_colours`)."""
    colours = side_colours(scenario)
    return {nid: colours[nid] for nid in scenario.nations}


def trafficker_colours(scenario) -> dict[str, tuple[int, int, int]]:
    """A colour per trafficker id, distinct from each other and from the nations'."""
    colours = side_colours(scenario)
    return {tid: colours[tid] for tid in getattr(scenario, "traffickers", {})}


def mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return (
        int(a[0] + (b[0] - a[0]) * t),
        int(a[1] + (b[1] - a[1]) * t),
        int(a[2] + (b[2] - a[2]) * t),
    )
