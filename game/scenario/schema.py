"""The JSON Schema (draft 2020-12) of scenario format 1, built from the same field tables
the validator uses (game.scenario.spec). Editors use it for completion and hints; the
validator remains the authority (it also checks references between sections)."""

from __future__ import annotations

from typing import Any

from game.core.model import EFFECT_FIELDS, METRICS, MODES, SIDE_KINDS, TARGET_KINDS
from game.scenario import spec
from game.scenario.spec import Field

SCHEMA_ID = "https://interdict.example/scenario-format-1.schema.json"
ID_PATTERN = spec.ID_RE.pattern
_SLUG = r"[a-z][a-z0-9_]*"


def _kind_ref(kinds: tuple[str, ...] | list[str]) -> dict[str, Any]:
    return {"type": "string", "pattern": f"^({'|'.join(kinds)}):\\s*{_SLUG}$"}


def _number(f: Field, integer: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "integer" if integer else "number"}
    if f.lo is not None:
        lo = int(f.lo) if integer or float(f.lo).is_integer() else f.lo
        out["exclusiveMinimum" if f.lo_exclusive else "minimum"] = lo
    if f.hi is not None:
        out["maximum"] = int(f.hi) if integer or float(f.hi).is_integer() else f.hi
    return out


def _lonlat() -> dict[str, Any]:
    return {
        "type": "array",
        "prefixItems": [
            {"type": "number", "minimum": -180, "maximum": 180, "description": "longitude"},
            {"type": "number", "minimum": -90, "maximum": 90, "description": "latitude"},
        ],
        "minItems": 2,
        "maxItems": 2,
        "items": False,
    }


def _field(f: Field, section: str) -> dict[str, Any]:
    k = f.kind
    if k in ("text", "path"):
        out: dict[str, Any] = {"type": "string"}
        if f.required:
            out["minLength"] = 1
        if f.name in ("scope",):
            kinds = sorted({kind for ks in METRICS.values() for kind in ks})
            out = _kind_ref(kinds)
        elif f.name == "side":
            out = _kind_ref(SIDE_KINDS)
        elif f.name == "target":
            out = _kind_ref(TARGET_KINDS)
    elif k == "slug":
        out = {"type": "string", "pattern": ID_PATTERN}
    elif k == "int":
        out = _number(f, integer=True)
    elif k == "number":
        out = _number(f)
    elif k == "bool":
        out = {"type": "boolean"}
    elif k == "enum":
        choices = list(METRICS) if f.name == "metric" else list(f.choices)
        out = {"enum": choices}
    elif k == "color":
        out = {"type": "string", "pattern": spec.COLOR_RE.pattern}
    elif k == "lonlat":
        out = _lonlat()
    elif k == "bounds":
        out = {
            "type": "array",
            "prefixItems": [
                {"type": "number", "minimum": -180, "maximum": 180, "description": "west"},
                {"type": "number", "minimum": -spec.MAX_MAP_LAT, "maximum": spec.MAX_MAP_LAT,
                 "description": "south"},
                {"type": "number", "minimum": -180, "maximum": 180, "description": "east"},
                {"type": "number", "minimum": -spec.MAX_MAP_LAT, "maximum": spec.MAX_MAP_LAT,
                 "description": "north"},
            ],
            "minItems": 4,
            "maxItems": 4,
            "items": False,
        }
    elif k == "idlist":
        out = {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN},
               "uniqueItems": True}
        if f.min_items:
            out["minItems"] = f.min_items
    elif k == "modes":
        out = {"type": "array", "items": {"enum": list(MODES)}, "uniqueItems": True,
               "minItems": max(1, f.min_items)}
    elif k == "counts":
        out = {"type": "object", "propertyNames": {"pattern": ID_PATTERN},
               "additionalProperties": {"type": "integer", "minimum": 0,
                                        "maximum": spec.MAX_ASSETS}}
    elif k == "points":
        out = {"type": "array", "items": _lonlat()}
    elif k == "turns":
        out = {"type": "array", "items": {"type": "integer", "minimum": 1,
                                          "maximum": spec.MAX_TURNS},
               "minItems": 1, "uniqueItems": True}
    elif k == "map":
        out = {"$ref": "#/$defs/map"}
    elif k == "trigger":
        out = {"$ref": "#/$defs/trigger"}
    elif k == "condition":
        out = {"$ref": "#/$defs/condition"}
    elif k == "effects":
        out = {"type": "array", "items": {"$ref": "#/$defs/effect"}}
    elif k == "changes":
        out = {"type": "object", "minProperties": 1,
               "propertyNames": {"enum": sorted({n for fs in EFFECT_FIELDS.values() for n in fs})},
               "additionalProperties": {"type": ["number", "boolean", "string"]}}
    elif k == "section":
        item = {"asset_types": "asset_type"}.get(f.name, f.name[:-1])
        out = {"type": "object", "propertyNames": {"pattern": ID_PATTERN},
               "additionalProperties": {"$ref": f"#/$defs/{item}"}}
        if f.required:
            out["minProperties"] = 1
    else:  # pragma: no cover
        raise AssertionError(k)
    if f.doc:
        out = {**out, "description": f.doc} if "$ref" not in out else {
            "allOf": [out], "description": f.doc}
    if f.default not in (None, (), {}) and k not in ("section",):
        out["default"] = f.default
    return out


def _object(fields: tuple[Field, ...], section: str, required: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: _field(f, section) for f in fields},
        "additionalProperties": False,
    }
    req = [f.name for f in fields if f.required and required]
    if req:
        out["required"] = req
    return out


def build_schema() -> dict[str, Any]:
    top = _object(spec.TOP, "top")
    top = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Interdict scenario, format 1",
        "description": "A scenario for Interdict. Documentation: docs/scenario-format.md. "
                       "Check a file with `interdict validate FILE`.",
        **top,
        "not": {"required": ["briefing", "briefing_file"]},
    }
    trigger = _object(spec.TRIGGER, "trigger")
    trigger["oneOf"] = [{"required": ["turn"]}, {"required": ["turns"]},
                        {"required": ["chance"]}]
    effect = _object(spec.EFFECT, "effect")
    effect["anyOf"] = [{"required": ["set"]}, {"required": ["add"]},
                       {"required": ["multiply"]}]
    asset_override = _object(spec.ASSET_TYPE, "asset_type", required=False)
    asset_new = _object(spec.ASSET_TYPE, "asset_type")
    top["$defs"] = {
        "map": _object(spec.MAP, "map"),
        "nation": _object(spec.NATION, "nation"),
        "alliance": _object(spec.ALLIANCE, "alliance"),
        "location": _object(spec.LOCATION, "location"),
        "route": _object(spec.ROUTE, "route"),
        "trafficker": _object(spec.TRAFFICKER, "trafficker"),
        # a built-in id may override only some fields; a new id needs them all
        "asset_type": {"anyOf": [asset_new, {
            **asset_override,
            "description": "Override of a built-in asset type ("
                           + ", ".join(_builtin_ids()) + "): any subset of its fields.",
        }]},
        "event": _object(spec.EVENT, "event"),
        "trigger": trigger,
        "condition": _object(spec.CONDITION, "condition"),
        "effect": effect,
        "objective": _object(spec.OBJECTIVE, "objective"),
    }
    return top


def _builtin_ids() -> list[str]:
    from game.core.catalogue import BUILTIN_ASSET_TYPES

    return list(BUILTIN_ASSET_TYPES)
