"""A small Caribbean scenario built in Python, so the UI tests do not depend on the YAML files."""

from __future__ import annotations

from game.core.catalogue import BUILTIN_ASSET_TYPES
from game.core.model import (
    Alliance,
    Condition,
    Effect,
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


def small_scenario(turns: int = 6) -> Scenario:
    nations = {
        "usa": Nation("usa", "United States", 100.0, 0.1, 0.8, 0.7, "consent",
                      frozen_map({"patrol_ship": 3, "maritime_patrol_aircraft": 2})),
        "col": Nation("col", "Colombia", 40.0, 0.4, 0.5, 0.5, "consent",
                      frozen_map({"patrol_ship": 1, "border_team": 3})),
        "mex": Nation("mex", "Mexico", 50.0, 0.5, 0.4, 0.4, "closed",
                      frozen_map({"border_team": 2})),
    }
    alliances = {
        "jiatf": Alliance("jiatf", "JIATF-South", ("usa", "col"), "partial", True, 0.6),
    }
    locations = {
        "cartagena": Location("cartagena", "Cartagena", "col", (-75.5, 10.4), "source",
                              production=40.0),
        "buenaventura": Location("buenaventura", "Buenaventura", "col", (-77.0, 3.9),
                                 "source", production=30.0),
        "dr": Location("dr", "Santo Domingo", "usa", (-69.9, 18.5), "transit"),
        "guate": Location("guate", "Guatemala", "mex", (-90.5, 14.6), "transit"),
        "mexico": Location("mexico", "Veracruz", "mex", (-96.1, 19.2), "transit"),
        "miami": Location("miami", "Miami", "usa", (-80.2, 25.8), "market", demand=50,
                          price=30),
        "houston": Location("houston", "Houston", "usa", (-95.4, 29.8), "market", demand=40,
                            price=28),
    }
    routes = {
        "carib_sea": Route("carib_sea", "cartagena", "dr", "maritime", 40, 1.0, 0.3,
                           "international", corridor="caribbean"),
        "dr_miami": Route("dr_miami", "dr", "miami", "air", 30, 1.5, 0.4, "international",
                          corridor="caribbean"),
        "epac": Route("epac", "buenaventura", "guate", "maritime", 50, 1.0, 0.4,
                      "international", via=((-85.0, 6.0),), corridor="eastern_pacific"),
        "guate_mex": Route("guate_mex", "guate", "mexico", "land", 50, 0.8, 0.3, "mex"),
        "mex_houston": Route("mex_houston", "mexico", "houston", "land", 50, 0.8, 0.3, "mex"),
        "col_coast": Route("col_coast", "cartagena", "guate", "maritime", 30, 1.2, 0.3,
                           "col", dormant=True),
    }
    traffickers = {
        "cartel": Trafficker("cartel", "Pacific Cartel", ("cartagena", "buenaventura"),
                             ("miami", "houston"), 0.6, 10.0),
    }
    events = {
        "storm": Event("storm", "Hurricane season", "A storm closes the Caribbean lanes.",
                       Trigger(turns=(2,)),
                       (Effect("route:carib_sea", "multiply", frozen_map({"capacity": 0.5}), 1),)),
        "scandal": Event("scandal", "Corruption scandal", "A minister is arrested.",
                         Trigger(chance=0.2, condition=Condition("violence", ">", 0.5,
                                                                 "nation:mex")),
                         (Effect("nation:mex", "add", frozen_map({"corruption": 0.1})),)),
    }
    objectives = {
        "usa_seize": Objective("usa_seize", "nation:usa", "Seize at least 40 tons.",
                               "seized_tons", ">=", 40.0, "nation:usa"),
        "col_violence": Objective("col_violence", "nation:col", "Keep violence below 0.5.",
                                  "violence", "<", 0.5, "nation:col"),
    }
    return Scenario(
        id="small", title="Small Caribbean", turns=turns, seed=7,
        map=MapSpec((-100.0, 0.0, -60.0, 32.0)),
        nations=frozen_map(nations), alliances=frozen_map(alliances),
        locations=frozen_map(locations), routes=frozen_map(routes),
        traffickers=frozen_map(traffickers), asset_types=BUILTIN_ASSET_TYPES,
        events=frozen_map(events), objectives=frozen_map(objectives),
        summary="Two corridors, three nations, one cartel.",
        briefing="The cartel ships cocaine north through the Caribbean and the Eastern Pacific.",
    )
