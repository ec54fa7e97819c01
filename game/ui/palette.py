"""Colours: the Okabe-Ito colour-blind-safe palette plus the calm map and panel tones.

Okabe & Ito, "Color Universal Design" (2008): eight colours that stay distinct for the
common forms of colour blindness. Nations take them in file order unless the scenario
gives a colour; traffickers are drawn in vermillion/reddish purple.
"""

from __future__ import annotations

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
NATION_CYCLE = (0, 1, 2, 3, 4, 6, 7)  # vermillion is kept for the traffickers
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


def nation_colours(scenario) -> dict[str, tuple[int, int, int]]:
    """A colour per nation id: the scenario's own colour, else Okabe-Ito in file order."""
    out: dict[str, tuple[int, int, int]] = {}
    for i, (nid, nation) in enumerate(scenario.nations.items()):
        out[nid] = parse_colour(getattr(nation, "color", None)) or OKABE_ITO[
            NATION_CYCLE[i % len(NATION_CYCLE)]
        ]
    return out


def mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return (
        int(a[0] + (b[0] - a[0]) * t),
        int(a[1] + (b[1] - a[1]) * t),
        int(a[2] + (b[2] - a[2]) * t),
    )
