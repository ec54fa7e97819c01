"""Display names of a scenario's things, for reports, objectives and chart legends: one
lookup, so the after-action report, the objectives' texts and the debrief name them alike."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from game.core.network import PATH_SEP

KINDS = ("nation", "alliance", "route", "trafficker", "location", "event", "asset")


def _table(scenario: Any, kind: str) -> Mapping[str, Any]:
    attr = {"asset": "asset_types"}.get(kind, kind + "s")
    return (getattr(scenario, attr, None) or {}) if kind in KINDS else {}


def entity_name(scenario: Any, kind: str, ident: str, route_sep: str = " → ") -> str | None:
    """The name of the `kind` thing `ident` ("nation", "usa" -> "United States"); a route
    reads "origin<route_sep>destination". None when the scenario has no such thing."""
    obj = _table(scenario, kind).get(ident) if scenario is not None else None
    if obj is None:
        return None
    if kind == "route":
        locs = getattr(scenario, "locations", {})
        a, b = locs.get(obj.origin), locs.get(obj.dest)
        return f"{a.name if a else obj.origin}{route_sep}{b.name if b else obj.dest}"
    return str(getattr(obj, "name", None) or getattr(obj, "title", None) or ident)


def amount_text(v: float) -> str:
    """An amount of money (or a count) for people: to a tenth, without a trailing ".0":
    "99.5", "100", "1,250" (rounded to a whole number, a bribe of 99.5 read "100")."""
    text = f"{v:,.1f}"
    return text[:-2] if text.endswith(".0") else text


def path_name(scenario: Any, key: str) -> str | None:
    """A trafficker's path ("coast_road>go_fast", its routes' ids) by its stops: "Urabá >
    Cartagena > Miami". None when a route is not the scenario's."""
    routes = getattr(scenario, "routes", None) or {}
    rids = key.split(PATH_SEP)
    if not all(r in routes for r in rids):
        return None
    locs = getattr(scenario, "locations", {})
    stops = [routes[rids[0]].origin] + [routes[r].dest for r in rids]
    return " > ".join(locs[x].name if x in locs else x for x in stops)


def chart_names(scenario: Any, route_sep: str = " → ") -> dict[str, str]:
    """Names keyed as `render_charts` looks them up: "nation:usa", "alliance:nato",
    "trafficker:sinaloa", "route:lazaro_arizona"."""
    out: dict[str, str] = {}
    if scenario is None:
        return out
    for kind in ("nation", "alliance", "trafficker", "route"):
        for ident in _table(scenario, kind):
            out[f"{kind}:{ident}"] = entity_name(scenario, kind, ident, route_sep) or ident
    return out


def player_text(spec: Any) -> str:
    """Who plays a side, in the words every screen and the report use: "students",
    "the computer (baseline policy)" or "standing orders"; `spec` is a seat's "human" or
    "ai:<policy>", or "standing" for a side a headless run gave standing orders."""
    if spec == "human":
        return "students"
    if spec == "standing":  # a headless run's --orders file
        return "standing orders"
    return f"the computer ({str(spec or 'ai:?').removeprefix('ai:')} policy)"


def seat_change_text(scenario: Any, target: str, value: Any) -> str:
    """A white-cell seat change in words: "Honduras handed to the computer (baseline
    policy)", "Honduras handed to students"."""
    kind, _, ident = str(target).partition(":")
    name = entity_name(scenario, kind, ident) or ident or str(target)
    return f"{name} handed to {player_text(value)}"


def sides_text(scenario: Any, sides: Iterable[Any]) -> str:
    """Nations' and traffickers' names from their ids ("United States, Colombia"), or
    "everyone" for none (an inject's audience)."""
    names = [entity_name(scenario, "nation", str(x)) or entity_name(scenario, "trafficker", str(x))
             or str(x) for x in sides]
    return ", ".join(names) or "everyone"


def action_text(scenario: Any, action: Mapping[str, Any], detail: bool = False) -> str:
    """A white-cell action (its plain-data form) in words, the same in the log, the turn
    report, the debrief and the after-action report: 'fired the event “Hurricane”',
    'inject “Port strike” to Colombia', 'adjusted United States budget from next month: set 45',
    "Honduras handed to students". `detail` adds an inject's text."""
    kind = action.get("kind")
    if kind == "fire_event":
        ev = str(action.get("event", ""))
        return f"fired the event “{entity_name(scenario, 'event', ev) or ev}”"
    if kind == "inject":
        what = (f"inject “{action.get('title', '')}” to "
                f"{sides_text(scenario, action.get('audience') or ())}")
        return f"{what}: {action['text']}" if detail and action.get("text") else what
    if kind == "adjust":
        target = str(action.get("target", ""))
        kind_, _, ident = target.partition(":")
        name = entity_name(scenario, kind_, ident) or target
        value = action.get("value", "")
        if isinstance(value, float):
            value = f"{value:g}"  # 45.0 reads "45"
        field = str(action.get("field", ""))
        if field == "budget" and kind_ == "nation":  # this turn's orders are already funded
            unit = (scenario.turn_label.lower() if scenario is not None else "turn")
            field = f"budget from next {unit}"
        return f"adjusted {name} {field}: {action.get('verb', 'set')} {value}"
    if kind == "seat":
        return seat_change_text(scenario, str(action.get("target", "")), action.get("value", ""))
    return str(kind)
