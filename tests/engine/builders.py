"""Small purpose-built scenarios for engine tests, built in Python (no YAML)."""

from __future__ import annotations

from dataclasses import replace

from game.core.catalogue import BUILTIN_ASSET_TYPES
from game.core.model import (
    Alliance,
    Event,
    Location,
    MapSpec,
    Nation,
    Objective,
    Route,
    Scenario,
    Trafficker,
    Trigger,
    frozen_map,
)


def nation(id_, **kw) -> Nation:
    base = dict(id=id_, name=id_.title(), budget=50.0, corruption=0.1, governance=0.6,
                intel=0.5, sovereignty="open", assets=frozen_map(), ai="baseline", violence=0.2)
    base.update(kw)
    if isinstance(base["assets"], dict):
        base["assets"] = frozen_map(base["assets"])
    return Nation(**base)


def two_corridors(*, production: float = 20.0, adaptiveness: float = 0.6, ai: str = "adaptive",
                  turns: int = 12, nations: dict | None = None, alliances: dict | None = None,
                  events: dict | None = None, objectives: dict | None = None,
                  west_jurisdiction: str = "international",
                  east_jurisdiction: str = "international",
                  dormant_air: bool = True, air: bool = True) -> Scenario:
    """A source in `col`, a market in `usa`, two equal maritime corridors (east via `e1`,
    west via `w1`), and (with `air`) a dormant air bridge straight to the market."""
    if nations is None:
        nations = {
            "usa": nation("usa", budget=100.0, corruption=0.05, intel=0.7,
                          assets={"patrol_ship": 4, "maritime_patrol_aircraft": 2}),
            "col": nation("col", budget=30.0, corruption=0.3, sovereignty="consent",
                          assets={"patrol_ship": 1}),
        }
    locations = {
        "src": Location("src", "Source", "col", (-75.0, 8.0), "source", production=production),
        "e1": Location("e1", "East key", "col", (-70.0, 15.0), "transit"),
        "w1": Location("w1", "West key", "col", (-85.0, 12.0), "transit"),
        "mkt": Location("mkt", "Market", "usa", (-80.0, 26.0), "market", demand=50.0,
                        price=20.0),
    }
    routes = {
        "east_out": Route("east_out", "src", "e1", "maritime", 40.0, 1.0, 0.3,
                          jurisdiction=east_jurisdiction, corridor="caribbean"),
        "east_in": Route("east_in", "e1", "mkt", "maritime", 40.0, 1.0, 0.3,
                         jurisdiction="international", corridor="caribbean"),
        "west_out": Route("west_out", "src", "w1", "maritime", 40.0, 1.0, 0.3,
                          jurisdiction=west_jurisdiction, corridor="eastern_pacific"),
        "west_in": Route("west_in", "w1", "mkt", "maritime", 40.0, 1.0, 0.3,
                         jurisdiction="international", corridor="eastern_pacific"),
        "air": Route("air", "src", "mkt", "air", 10.0, 6.0, 0.5, jurisdiction="international",
                     dormant=dormant_air),
    }
    if not air:
        del routes["air"]
    if alliances is None:
        alliances = {"pact": Alliance("pact", "Pact", tuple(nations), "partial", True, 0.6)}
    traffickers = {"cartel": Trafficker("cartel", "Cartel", ("src",), ("mkt",),
                                        adaptiveness=adaptiveness, resources=50.0, ai=ai)}
    return Scenario(
        id="two_corridors", title="Two corridors", turns=turns, seed=11,
        map=MapSpec((-90.0, 5.0, -65.0, 30.0)),
        nations=frozen_map(nations), alliances=frozen_map(alliances),
        locations=frozen_map(locations), routes=frozen_map(routes),
        traffickers=frozen_map(traffickers), asset_types=BUILTIN_ASSET_TYPES,
        events=frozen_map(events or {}), objectives=frozen_map(objectives or {}))


def with_turns(sc: Scenario, turns: int) -> Scenario:
    return replace(sc, turns=turns)


__all__ = ["Event", "Objective", "Trigger", "nation", "two_corridors", "with_turns"]
