"""The scenario model: immutable, typed data the engine runs on.

`game.scenario` builds these objects from YAML (and reports errors with file:line:col);
the engine never sees a dict from a file. Every collection keeps the order of the file,
which is also the index order the engine uses for its numpy arrays.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

FORMAT_VERSION = 1

Sovereignty = Literal["open", "consent", "closed"]
Sharing = Literal["none", "partial", "full"]
Mode = Literal["maritime", "air", "land"]
LocationKind = Literal["source", "transit", "market"]

SOVEREIGNTY: tuple[str, ...] = ("open", "consent", "closed")
SHARING: tuple[str, ...] = ("none", "partial", "full")
MODES: tuple[str, ...] = ("maritime", "air", "land")
LOCATION_KINDS: tuple[str, ...] = ("source", "transit", "market")
TARGET_KINDS: tuple[str, ...] = ("nation", "alliance", "location", "route", "trafficker", "mode")
SIDE_KINDS: tuple[str, ...] = ("nation", "alliance", "trafficker")
SCOPE_KINDS: tuple[str, ...] = ("nation", "alliance", "location", "trafficker", "route")
EFFECT_VERBS: tuple[str, ...] = ("set", "add", "multiply")
OPS: tuple[str, ...] = ("<", "<=", ">", ">=", "==", "!=")

# Which fields an event effect may change, per target kind, and the type of each field.
# "number" fields accept set/add/multiply; "bool" and enum fields accept only set.
EFFECT_FIELDS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "nation": MappingProxyType(
            {
                "budget": "number",
                "corruption": "unit",
                "governance": "unit",
                "intel": "unit",
                "violence": "unit",
                "sovereignty": "sovereignty",
            }
        ),
        "alliance": MappingProxyType(
            {
                "interoperability": "unit",
                "cohesion": "unit",
                "intel_sharing": "sharing",
                "joint_operations": "bool",
            }
        ),
        "location": MappingProxyType(
            {"production": "number", "demand": "number", "price": "number"}
        ),
        "route": MappingProxyType(
            {
                "capacity": "number",
                "cost": "number",
                "concealment": "unit",
                "detection": "number",
                "dormant": "bool",
            }
        ),
        "trafficker": MappingProxyType(
            {"resources": "number", "adaptiveness": "unit", "production": "number"}
        ),
        "mode": MappingProxyType(
            {
                "detection": "number",
                "interdiction": "number",
                "capacity": "number",
                "concealment": "unit",
            }
        ),
    }
)

# Metrics an objective (or an event condition) may name, and the scope kinds each accepts
# (an empty tuple: the metric is global and takes no scope).
METRICS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "delivered_tons": ("trafficker", "location", "nation"),
        "seized_tons": ("nation", "alliance", "trafficker", "route"),
        "shipped_tons": ("trafficker",),
        "detected_tons": ("nation", "alliance", "route"),
        "seizure_rate": ("trafficker",),
        "delivered_reduction": (),
        "violence": ("nation", "alliance"),
        "corruption": ("nation", "alliance"),
        "governance": ("nation", "alliance"),
        "cohesion": ("alliance",),
        "leaks": ("nation", "alliance"),
        "flow": ("route", "location", "nation"),
    }
)


def frozen_map(d: Mapping | None = None) -> Mapping:
    """A read-only mapping that keeps insertion order."""
    return MappingProxyType(dict(d or {}))


@dataclass(frozen=True)
class MapSpec:
    bounds: tuple[float, float, float, float]  # west, south, east, north (degrees)
    projection: Literal["mercator", "equirectangular"] = "mercator"


@dataclass(frozen=True)
class AssetType:
    id: str
    name: str
    modes: tuple[str, ...]
    detection: float  # 0..1: chance one asset alone detects a load on its route
    interdiction: float  # tons per turn one asset can seize once loads are detected
    cost: float  # procurement cost in funding points
    upkeep: float  # funding points per turn while deployed
    lead_time: int  # turns between procurement and arrival
    description: str = ""


@dataclass(frozen=True)
class Nation:
    id: str
    name: str
    budget: float
    corruption: float
    governance: float
    intel: float
    sovereignty: str
    assets: Mapping[str, int] = field(default_factory=frozen_map)
    color: str | None = None
    ai: str = "baseline"
    violence: float = 0.1
    description: str = ""


@dataclass(frozen=True)
class Alliance:
    id: str
    name: str
    members: tuple[str, ...]
    intel_sharing: str = "partial"
    joint_operations: bool = False
    interoperability: float = 0.5
    description: str = ""


@dataclass(frozen=True)
class Location:
    id: str
    name: str
    nation: str
    at: tuple[float, float]  # lon, lat
    kind: str = "transit"
    production: float = 0.0  # tons per turn (sources)
    demand: float = 0.0  # tons per turn (markets)
    price: float = 0.0  # value per ton delivered (markets)
    description: str = ""


@dataclass(frozen=True)
class Route:
    id: str
    origin: str  # YAML key `from`
    dest: str  # YAML key `to`
    mode: str
    capacity: float  # tons per turn
    cost: float  # transport cost per ton
    concealment: float = 0.3  # 0..1
    jurisdiction: str = ""  # a nation id or "international"; resolved by the loader
    dormant: bool = False
    via: tuple[tuple[float, float], ...] = ()
    corridor: str = ""  # optional free label grouping routes for reports ("eastern_pacific")
    description: str = ""


@dataclass(frozen=True)
class Trafficker:
    id: str
    name: str
    sources: tuple[str, ...]
    markets: tuple[str, ...]
    adaptiveness: float = 0.5
    resources: float = 0.0
    ai: str = "adaptive"
    loss_tolerance: float = 0.05
    color: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Condition:
    metric: str
    op: str
    value: float
    scope: str | None = None  # "kind:id"


@dataclass(frozen=True)
class Trigger:
    turns: tuple[int, ...] = ()  # fires on these turns (from `turn` or `turns`)
    chance: float | None = None  # or: fires with this chance each turn in the window
    from_turn: int = 1
    until_turn: int | None = None
    condition: Condition | None = None  # YAML key `if`
    once: bool = True  # a chance event fires at most once unless `once: false`

    def may_fire(self, turn: int) -> bool:
        """Whether `turn` is in the trigger's window (and is one of its turns, if it lists
        them); a condition, `once` and a chance are judged besides."""
        if turn < self.from_turn or (self.until_turn is not None and turn > self.until_turn):
            return False
        return not self.turns or turn in self.turns


@dataclass(frozen=True)
class Effect:
    target: str  # "kind:id", e.g. "mode:maritime"
    verb: str  # set | add | multiply
    changes: Mapping[str, float | bool | str]
    duration: int | None = None  # turns; None = permanent

    @property
    def target_kind(self) -> str:
        return self.target.split(":", 1)[0]

    @property
    def target_id(self) -> str:
        return self.target.split(":", 1)[1]


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    text: str
    trigger: Trigger
    effects: tuple[Effect, ...] = ()
    audience: tuple[str, ...] = ()  # nation/trafficker ids shown the card; () = everyone
    # for the white cell only (an MSEL's "expected player action"): never shown to players
    expected_action: str = ""


@dataclass(frozen=True)
class Objective:
    id: str
    side: str  # "nation:id" | "alliance:id" | "trafficker:id"
    text: str
    metric: str
    op: str
    value: float
    scope: str | None = None
    by_turn: int | None = None  # None = judged at the end of the game


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    turns: int
    seed: int
    map: MapSpec
    nations: Mapping[str, Nation]
    alliances: Mapping[str, Alliance]
    locations: Mapping[str, Location]
    routes: Mapping[str, Route]
    traffickers: Mapping[str, Trafficker]
    asset_types: Mapping[str, AssetType]  # built-in catalogue merged with the file's
    events: Mapping[str, Event] = field(default_factory=frozen_map)
    objectives: Mapping[str, Objective] = field(default_factory=frozen_map)
    summary: str = ""
    briefing: str = ""
    turn_label: str = "Turn"
    format: int = FORMAT_VERSION
    rationale_required: bool = False
    source: str = ""  # file name it was loaded from, for messages; not part of the rules

    def turn_name(self, turn: int) -> str:
        return f"{self.turn_label} {turn}"
