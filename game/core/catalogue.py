"""The built-in catalogue of interdiction assets.

A scenario's `asset_types` section overrides or extends these. Numbers are game values
chosen to keep the proportions students meet in the sources: aircraft and sensors find
loads, ships and teams seize them; satellites see widely but seize nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from game.core.model import AssetType


def _a(id_: str, name: str, modes: tuple[str, ...], detection: float, interdiction: float,
       cost: float, upkeep: float, lead_time: int, description: str) -> AssetType:
    return AssetType(id_, name, modes, detection, interdiction, cost, upkeep, lead_time, description)


BUILTIN_ASSET_TYPES: Mapping[str, AssetType] = MappingProxyType({
    a.id: a
    for a in (
        _a("patrol_ship", "Patrol ship", ("maritime",), 0.15, 3.0, 40, 4, 3,
           "Cutter or frigate: slow to arrive, seizes what it finds at sea."),
        _a("maritime_patrol_aircraft", "Maritime patrol aircraft", ("maritime", "air"), 0.25, 0.5, 35, 3, 2,
           "Finds boats and tracks aircraft over wide areas; seizes little by itself."),
        _a("helicopter", "Helicopter", ("maritime", "land", "air"), 0.12, 1.5, 20, 2, 1,
           "Short-range pursuit from a ship or base; the end game of a go-fast chase."),
        _a("uav", "UAV", ("maritime", "land", "air"), 0.20, 0.0, 15, 1, 1,
           "Persistent surveillance; detects, never seizes."),
        _a("satellite", "Satellite tasking", ("maritime", "land", "air"), 0.10, 0.0, 30, 2, 4,
           "Wide-area imagery bought by the pass; detects only."),
        _a("radar_site", "Radar site", ("air", "maritime"), 0.20, 0.0, 25, 1, 3,
           "Fixed radar that exposes air bridges and coastal traffic."),
        _a("border_team", "Border team", ("land",), 0.10, 2.0, 8, 1, 1,
           "Customs and border police at crossings and roads."),
        _a("sof_team", "Special operations team", ("land", "air"), 0.08, 4.0, 30, 3, 2,
           "Raids labs and airstrips; strong but scarce."),
    )
})
