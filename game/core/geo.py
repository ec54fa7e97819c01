"""Earth geometry shared by the map and the scenario checks: the Mercator projection's
latitude axis and great-circle distances. Pure math, degrees in."""

from __future__ import annotations

import math

EARTH_KM = 6371.0  # mean Earth radius: km per radian of arc


def mercator_y(lat: float) -> float:
    """The Mercator y (radians-based units) of a latitude in degrees; the caller keeps the
    latitude away from the poles."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def mercator_lat(y: float) -> float:
    """The latitude in degrees of a Mercator y (the inverse of `mercator_y`)."""
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def great_circle_km(p: tuple[float, float], q: tuple[float, float]) -> float:
    """Great-circle distance in km between two [lon, lat] points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (p[0], p[1], q[0], q[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(
        (lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, max(0.0, h))))
