"""The scenario format, version 1, as data: every key of every section, its kind, range and
default. The validator, the JSON Schema and the documentation all read these tables, so
they cannot drift apart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from game.core.model import (
    LOCATION_KINDS,
    MODES,
    OPS,
    SHARING,
    SOVEREIGNTY,
)

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_ID = 64  # characters: ids name save and report files
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")

# Controllers for seats nobody plays (game.ai owns the policies; these are their names).
BLUE_AI = ("baseline", "passive", "aggressive")
RED_AI = ("adaptive", "fixed")
# Ids that mean something else where nations and traffickers are named.
RESERVED_IDS = ("international", "observer", "white", "everyone")

MAX_TURNS = 200
MAX_SEED = 2**63 - 1
BIG = 1e9  # upper bound for budgets, tons and prices: anything above is a typo
MAX_ASSETS = 10_000  # assets of one type a nation starts with
MAX_MAP_LAT = 85  # degrees: the farthest south and north a map's bounds may reach


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text slug int number bool enum color lonlat bounds idlist counts points
    #           trigger condition effects map turns path
    required: bool = False
    default: Any = None
    lo: float | None = None
    hi: float | None = None
    choices: tuple[str, ...] = ()
    doc: str = ""
    min_items: int = 0
    lo_exclusive: bool = False  # the value must be above lo (a chance of 0 never fires)


def _f(name: str, kind: str, doc: str, **kw: Any) -> Field:
    return Field(name, kind, doc=doc, **kw)


UNIT = {"lo": 0.0, "hi": 1.0}

TOP: tuple[Field, ...] = (
    _f("format", "int", "Format version of the file; always 1.", required=True, lo=1, hi=1),
    _f("id", "slug", "Identifier of the scenario (lowercase, digits, _).", required=True),
    _f("title", "text", "Title shown in the scenario picker.", required=True),
    _f("summary", "text", "One line shown in the scenario picker.", default=""),
    _f("briefing", "text", "Paragraphs shown to students before turn 1.", default=""),
    _f("briefing_file", "path",
       "Instead of `briefing`: a Markdown/text file beside the scenario (or in assets/)."),
    _f("turns", "int", "Number of turns in the game.", required=True, lo=1, hi=MAX_TURNS),
    _f("turn_label", "text", "Name of one turn, shown as \"Month 3\".", default="Turn"),
    _f("seed", "int", "Default random seed (a game may choose another).", default=0, lo=0,
       hi=MAX_SEED),
    _f("rationale_required", "bool",
       "When true, every side must write a reason with its orders each turn.", default=False),
    _f("map", "map", "The map area.", required=True),
    _f("nations", "section", "The Blue players: nations, keyed by id.", required=True),
    _f("alliances", "section", "Pacts between nations, keyed by id.", default={}),
    _f("locations", "section", "Places on the map, keyed by id.", required=True),
    _f("routes", "section", "Links between locations, keyed by id.", required=True),
    _f("traffickers", "section", "The Red players: trafficking organisations, keyed by id.",
       required=True),
    _f("asset_types", "section",
       "Override or extend the built-in catalogue of interdiction assets.", default={}),
    _f("events", "section", "Scripted and random events (injects), keyed by id.", default={}),
    _f("objectives", "section", "Goals for alliances, nations and traffickers, keyed by id.",
       default={}),
)

MAP: tuple[Field, ...] = (
    _f("bounds", "bounds", "[west, south, east, north] in degrees.", required=True),
    _f("projection", "enum", "How the map is drawn.", default="mercator",
       choices=("mercator", "equirectangular")),
)

NATION: tuple[Field, ...] = (
    _f("name", "text", "Name shown to players.", required=True),
    _f("color", "color", "Colour on the map, \"#rrggbb\".", default=None),
    _f("budget", "number", "Funding points per turn.", required=True, lo=0, hi=BIG),
    _f("corruption", "number", "0..1: share of effort lost to corruption.", required=True, **UNIT),
    _f("governance", "number", "0..1: state capacity.", required=True, **UNIT),
    _f("intel", "number", "0..1: intelligence capability.", required=True, **UNIT),
    _f("sovereignty", "enum",
       "May foreign assets operate in its territory: open, consent (with its permission) "
       "or closed.", required=True, choices=SOVEREIGNTY),
    _f("violence", "number", "0..1: initial level of drug-related violence.", default=0.1,
       **UNIT),
    _f("assets", "counts", "Assets it starts with: {asset type id: count}.", default={}),
    _f("ai", "enum", "Controller when no human plays it.", default="baseline", choices=BLUE_AI),
    _f("description", "text", "Notes for the instructor.", default=""),
)

ALLIANCE: tuple[Field, ...] = (
    _f("name", "text", "Name shown to players.", required=True),
    _f("members", "idlist", "Member nation ids (at least two).", required=True, min_items=2),
    _f("intel_sharing", "enum", "Default intelligence sharing among members.",
       default="partial", choices=SHARING),
    _f("joint_operations", "bool",
       "Members may operate in each other's territory (subject to sovereignty).",
       default=False),
    _f("interoperability", "number", "0..1: how well members' forces work together.",
       default=0.5, **UNIT),
    _f("description", "text", "Notes for the instructor.", default=""),
)

LOCATION: tuple[Field, ...] = (
    _f("name", "text", "Name shown on the map.", required=True),
    _f("nation", "slug", "Id of the nation it lies in.", required=True),
    _f("at", "lonlat", "[longitude, latitude] in degrees.", required=True),
    _f("kind", "enum", "source (produces), transit or market (consumes).", default="transit",
       choices=LOCATION_KINDS),
    _f("production", "number", "Tons produced per turn (sources only).", default=0.0, lo=0,
       hi=BIG),
    _f("demand", "number", "Tons a turn the market pays for (markets only); 0: no limit.", default=0.0, lo=0, hi=BIG),
    _f("price", "number", "Value per ton delivered (markets only).", default=0.0, lo=0, hi=BIG),
    _f("description", "text", "Notes for the instructor.", default=""),
)

ROUTE: tuple[Field, ...] = (
    _f("from", "slug", "Id of the location where it starts.", required=True),
    _f("to", "slug", "Id of the location where it ends.", required=True),
    _f("mode", "enum", "maritime, air or land.", required=True, choices=MODES),
    _f("capacity", "number", "Tons per turn it can carry.", required=True, lo=0, hi=BIG),
    _f("cost", "number", "Transport cost per ton.", required=True, lo=0, hi=BIG),
    _f("concealment", "number", "0..1: how hard loads are to detect.", default=0.3, **UNIT),
    _f("jurisdiction", "slug",
       "Nation id or \"international\": whose waters/airspace/territory it crosses. "
       "Default: see the jurisdiction rule.", default=None),
    _f("dormant", "bool", "Not used until an event or the trafficker opens it.", default=False),
    _f("via", "points", "Waypoints [[lon, lat], ...] for drawing the route.", default=()),
    _f("corridor", "text", "Free label grouping routes in reports (e.g. eastern_pacific).",
       default=""),
    _f("description", "text", "Notes for the instructor.", default=""),
)

TRAFFICKER: tuple[Field, ...] = (
    _f("name", "text", "Name shown to players.", required=True),
    _f("sources", "idlist", "Ids of source locations it buys from.", required=True,
       min_items=1),
    _f("markets", "idlist", "Ids of market locations it sells in.", required=True,
       min_items=1),
    _f("adaptiveness", "number", "0..1: how fast it reroutes after losses.", default=0.5,
       **UNIT),
    _f("resources", "number", "Money for bribes and adaptations at the start.", default=0.0,
       lo=0, hi=BIG),
    _f("loss_tolerance", "number",
       "0..1: share of its shipments it accepts losing before it cuts risky routes.",
       default=0.05, **UNIT),
    _f("ai", "enum", "Controller when no human plays it.", default="adaptive", choices=RED_AI),
    _f("color", "color", "Colour on the map, \"#rrggbb\".", default=None),
    _f("description", "text", "Notes for the instructor.", default=""),
)

ASSET_TYPE: tuple[Field, ...] = (
    _f("name", "text", "Name shown to players.", required=True),
    _f("modes", "modes", "Modes it works on: maritime, air, land.", required=True, min_items=1),
    _f("detection", "number", "0..1: chance one asset alone detects a load on its route.",
       required=True, **UNIT),
    _f("interdiction", "number", "Tons per turn one asset can seize once loads are detected.",
       required=True, lo=0, hi=BIG),
    _f("cost", "number", "Procurement cost in funding points.", required=True, lo=0, hi=BIG),
    _f("upkeep", "number", "Funding points per turn while deployed.", required=True, lo=0,
       hi=BIG),
    _f("lead_time", "int", "Turns between procurement and arrival.", required=True, lo=0,
       hi=MAX_TURNS),
    _f("description", "text", "One line shown in the shop.", default=""),
)

EVENT: tuple[Field, ...] = (
    _f("title", "text", "Title of the event card.", required=True),
    _f("text", "text", "What happened, as the players read it.", default=""),
    _f("trigger", "trigger", "When it fires.", required=True),
    _f("effects", "effects", "What it changes.", default=()),
    _f("audience", "idlist",
       "Nation or trafficker ids shown the card; omit for everyone.", default=()),
    _f("expected_action", "text",
       "For the white cell: what the players should do about it (never shown to them).",
       default=""),
)

TRIGGER: tuple[Field, ...] = (
    _f("turn", "int", "Fires on this turn.", lo=1, hi=MAX_TURNS),
    _f("turns", "turns", "Fires on each of these turns.", min_items=1),
    _f("chance", "number", "Fires with this chance each turn of the window.", lo=0, hi=1,
       lo_exclusive=True),
    _f("from_turn", "int", "First turn of the chance window.", default=1, lo=1, hi=MAX_TURNS),
    _f("until_turn", "int", "Last turn of the chance window (default: the last turn).",
       lo=1, hi=MAX_TURNS),
    _f("if", "condition", "Fires only while this condition holds."),
    _f("once", "bool", "A chance event fires at most once unless false.", default=True),
)

CONDITION: tuple[Field, ...] = (
    _f("metric", "enum", "What is measured (see metrics).", required=True),
    _f("scope", "text", "Where: kind:id, e.g. nation:colombia (see metrics)."),
    _f("op", "enum", "Comparison.", required=True, choices=OPS),
    _f("value", "number", "Threshold.", required=True, lo=-BIG, hi=BIG),
)

EFFECT: tuple[Field, ...] = (
    _f("target", "text", "What it changes: kind:id, e.g. mode:maritime, route:go_fast.",
       required=True),
    _f("set", "changes", "Fields set to these values."),
    _f("add", "changes", "Numbers added to these fields."),
    _f("multiply", "changes", "Fields multiplied by these factors."),
    _f("duration", "int", "Turns it lasts; omit for permanent.", lo=1, hi=MAX_TURNS),
)

OBJECTIVE: tuple[Field, ...] = (
    _f("side", "text", "Who holds it: nation:id, alliance:id or trafficker:id.", required=True),
    _f("text", "text", "The goal as the players read it.", required=True),
    _f("metric", "enum", "What is measured (see metrics).", required=True),
    _f("scope", "text", "Where: kind:id (see metrics); omit to measure the whole scenario."),
    _f("op", "enum", "Comparison.", required=True, choices=OPS),
    _f("value", "number", "Threshold.", required=True, lo=-BIG, hi=BIG),
    _f("by_turn", "int", "Judged at the end of this turn (default: end of the game).",
       lo=1, hi=MAX_TURNS),
)

SECTIONS: dict[str, tuple[Field, ...]] = {
    "nations": NATION,
    "alliances": ALLIANCE,
    "locations": LOCATION,
    "routes": ROUTE,
    "traffickers": TRAFFICKER,
    "asset_types": ASSET_TYPE,
    "events": EVENT,
    "objectives": OBJECTIVE,
}
# How one item of each section is called in messages.
SINGULAR = {
    "nations": "nation",
    "alliances": "alliance",
    "locations": "location",
    "routes": "route",
    "traffickers": "trafficker",
    "asset_types": "asset type",
    "events": "event",
    "objectives": "objective",
}
