"""Check a parsed scenario document, collecting every error it can find, then build the
immutable model (game.core.model) when there are none."""

from __future__ import annotations

import difflib
import math
import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from itertools import pairwise
from typing import Any

from game.core.catalogue import BUILTIN_ASSET_TYPES
from game.core.geo import great_circle_km, mercator_lat, mercator_y
from game.core.model import (
    EFFECT_FIELDS,
    FORMAT_VERSION,
    METRICS,
    MODES,
    SHARING,
    SIDE_KINDS,
    SOVEREIGNTY,
    TARGET_KINDS,
    Alliance,
    AssetType,
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
from game.core.orders import BLUE_KEYS, RED_KEYS
from game.scenario import spec
from game.scenario.diagnostics import Diagnostic
from game.scenario.reader import INVALID, Document, PathKey, Pos
from game.scenario.spec import Field

_BAD = object()  # a value that failed its check (an error was already reported)
# a text `key [...]` or `key {...}` where a mapping belongs: the key's ':' is missing
_KEY_THEN_BRACKET = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_]*) +(?P<value>[\[{][^\n]*)$")


def path_str(path: PathKey) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The choice the writer most likely meant: one contained in the word or containing it
    (`intelligence` -> `intel`, `on_turn` -> `turn`), the same words in another order
    (`tons_seized` -> `seized_tons`), else the closest spelling."""
    word, options = str(word), list(choices)
    low = word.lower()
    words = sorted(w for w in re.split(r"[_\s-]+", low) if w)
    reordered = [c for c in options if sorted(c.split("_")) == words]
    if reordered:
        return reordered[0]
    inside = [c for c in options if min(len(c), len(low)) >= 4 and (c in low or low in c)]
    if inside:
        return max(inside, key=lambda c: difflib.SequenceMatcher(None, low, c).ratio())
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return found[0] if found else None


def _listing(choices: Iterable[str], limit: int = 10) -> str:
    items = list(choices)
    if not items:
        return "(none defined)"
    text = ", ".join(items[:limit])
    return text + (f" and {len(items) - limit} more" if len(items) > limit else "")


def describe(v: Any) -> str:
    if v is INVALID:
        return "an unreadable value"
    if v is None:
        return "nothing"
    if isinstance(v, bool):
        return f"true/false ({str(v).lower()})"
    if isinstance(v, (int, float)):
        return f"the number {v!r}" if math.isfinite(v) or isinstance(v, int) else f"{v!r}"
    if isinstance(v, str):
        shown = v if len(v) <= 30 else v[:27] + "..."
        return f"text {shown!r}"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, dict):
        return "a mapping"
    return type(v).__name__  # pragma: no cover


def _items(v: Any) -> str:
    if not isinstance(v, list):
        return ""
    return f" of {len(v)} item" + ("" if len(v) == 1 else "s")


def _missing_comma(v: Any) -> list[str] | None:
    """A list such as [0.0 5.63] (read as one text '0.0 5.63'): its numbers as written, one
    per item once the commas are in, or None when no item is numbers separated by spaces."""
    if not isinstance(v, list):
        return None
    parts: list[str] = []
    found = False
    for item in v:
        words = item.split() if isinstance(item, str) else []
        if len(words) > 1 and all(_is_number_text(w) for w in words):
            parts.extend(words)
            found = True
        elif _num(item):
            parts.append(str(item))
        elif isinstance(item, str) and _is_number_text(item):
            parts.append(item.strip())
        else:
            return None
    return parts if found else None


def _is_number_text(word: str) -> bool:
    try:
        return math.isfinite(float(word))
    except ValueError:
        return False


def _number_value(word: str) -> int | float:
    """The number a word such as '7' or '6.5' is once written as an item of its own."""
    try:
        return int(word)
    except ValueError:
        return float(word)


def _num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


_PERCENT = re.compile(r"^\s*([-+]?\d+(?:\.\d*)?|[-+]?\.\d+)\s*%\s*$")


def _is_share(lo: float | None, hi: float | None) -> bool:
    return hi == 1 and lo in (0, -1)


def _share_hint(v: float, lo: float | None, hi: float | None) -> str:
    """'30' where a 0..1 share belongs is almost always a percentage."""
    if _is_share(lo, hi) and _looks_like_percent(v) and lo <= v / 100 <= hi:
        return f" (if you meant {_fmt(v)}%, write {_fmt(round(v / 100, 6))})"
    return ""


def _looks_like_percent(v: float) -> bool:
    """A whole number from 2 to 100 where a 0..1 share belongs (1.5 is just too big)."""
    return float(v).is_integer() and 2 <= abs(v) <= 100


_BOOL_WORDS = {True: ("yes", "on", "true"), False: ("no", "off", "false")}


def _bool_hint(v: Any, known: Iterable[str] | None = None) -> str:
    """Why an id or a choice reads as true/false, and what to write: YAML reads unquoted
    yes/no/on/off/true/false that way (Norway's code `no`, for one). `known`: the ids or
    choices allowed there, when they are known (advice only for one of them)."""
    if not isinstance(v, bool):
        return ""
    words = _BOOL_WORDS[v]
    written = ", ".join(words[:-1]) + f" and {words[-1]}"
    why = f": unquoted, {written} read as {str(v).lower()} in YAML"
    meant = words[0] if known is None else next((w for w in words if w in set(known)), None)
    return why + (f'; write "{meant}" in quotes' if meant else "")


def _number_hint(v: Any, lo: float | None, hi: float | None) -> str:
    """What to write instead of a text that looks like a number."""
    if not isinstance(v, str):
        return ""
    m = _PERCENT.match(v)
    if m:
        x = float(m[1])
        return f": write percentages as fractions, {_fmt(x)}% is {_fmt(round(x / 100, 6))}"
    try:
        x = float(v.strip())
    except ValueError:
        return ""
    if math.isfinite(x):
        return f": remove the quotes to make it a number ({v.strip()})"
    return ""


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else repr(x)


def slugify(word: str) -> str:
    s = re.sub(r"[^a-z0-9_]+", "_", str(word).lower()).strip("_")
    if not s or not s[0].isalpha():
        s = "x_" + s
    return s


class Checker:
    def __init__(self, file: str, doc: Document, resolve_file: Callable[..., Any] | None = None):
        self.file = file
        self.doc = doc
        self.diags: list[Diagnostic] = []
        # (file name written in the scenario) -> (text, None) or (None, problem)
        self.resolve_file = resolve_file

    # ---- reporting -------------------------------------------------------------------
    def where(self, path: PathKey, key: bool = False) -> Pos:
        if key and path in self.doc.keypos:
            return self.doc.keypos[path]
        p = path
        while True:
            if p in self.doc.pos:
                return self.doc.pos[p]
            if p in self.doc.keypos:
                return self.doc.keypos[p]
            if not p:
                return (1, 1)
            p = p[:-1]

    def error(self, path: PathKey, message: str, *, key: bool = False,
              at: PathKey | None = None) -> None:
        line, col = self.where(path, key) if at is None else self.where(at, True)
        prefix = f"{path_str(path)}: " if path else ""
        self.diags.append(Diagnostic(self.file, line, col, "error", prefix + message))

    def warning(self, path: PathKey, message: str, *, key: bool = False) -> None:
        line, col = self.where(path, key)
        prefix = f"{path_str(path)}: " if path else ""
        self.diags.append(Diagnostic(self.file, line, col, "warning", prefix + message))

    @property
    def n_errors(self) -> int:
        return sum(1 for d in self.diags if d.is_error)

    # ---- generic checks ----------------------------------------------------------------
    def mapping(self, path: PathKey, v: Any, what: str) -> dict | None:
        if isinstance(v, dict):
            return v
        if v is INVALID:
            return None
        nocolon = _KEY_THEN_BRACKET.match(v) if isinstance(v, str) else None
        if nocolon is not None:  # `map:` then `  bounds [-52, -8, 28, 55]`: one line of text
            self.error(path, f"'{v}' has no ':' after its key: write "
                             f"'{nocolon['key']}: {nocolon['value']}'")
            return None
        self.error(path, f"expected a mapping of {what} (key: value lines), got {describe(v)}")
        return None

    def fields(self, path: PathKey, m: dict, fields: tuple[Field, ...], where: str,
               custom: Mapping[str, Callable[[PathKey, Any, Field], Any]] | None = None,
               ) -> dict[str, Any]:
        """Check a mapping against its field specs. Returns the clean values (defaults
        filled in); a key whose value is bad is left out."""
        known = {f.name: f for f in fields}
        for key in m:
            if key not in known:
                hint = suggest(key, known)
                if hint:
                    msg = f"unknown key '{key}' (did you mean '{hint}'?)"
                else:
                    msg = f"unknown key '{key}': allowed keys are {_listing(known, 30)}"
                self.error(path, msg, at=(*path, key))
        out: dict[str, Any] = {}
        for f in fields:
            if f.name in m:
                handler = (custom or {}).get(f.kind)
                sub = (*path, f.name)
                value = handler(sub, m[f.name], f) if handler else self.value(sub, m[f.name], f)
                if value is not _BAD:
                    out[f.name] = value
            elif f.required:
                if path in self.doc.merged:  # the merge key's own error says what to do
                    continue
                if f.name == "format":
                    self.error(path, "missing required key 'format': add `format: 1` as the "
                                     "first line", key=True)
                    continue
                doc = f.doc.rstrip(".")
                if len(doc) > 1 and doc[1].islower():
                    doc = doc[0].lower() + doc[1:]
                doc = f" ({doc})" if doc else ""
                self.error(path, f"missing required key '{f.name}'{doc}: add it", key=True)
            else:
                out[f.name] = f.default
        return out

    def value(self, path: PathKey, v: Any, f: Field) -> Any:
        if v is INVALID:
            return _BAD
        k = f.kind
        if k in ("text", "slug", "path"):
            if not isinstance(v, str):
                hint = ": put it in quotes" if _num(v) or isinstance(v, bool) else ""
                if v is None and f.name == "color":
                    hint = ""
                self.error(path, f"expected text, got {describe(v)}{hint}")
                return _BAD
            if f.required and not v.strip():
                self.error(path, "must not be empty: write some text")
                return _BAD
            return v
        if k == "color":
            if v is None:
                self.error(path, 'expected a colour like "#1f77b4" in quotes (without quotes, '
                                 "# starts a comment)")
                return _BAD
            if not isinstance(v, str) or not spec.COLOR_RE.match(v):
                self.error(path, f'expected a colour like "#1f77b4", got {describe(v)}')
                return _BAD
            return v
        if k == "int":
            return self.integer(path, v, f.lo, f.hi)
        if k == "number":
            return self.number(path, v, f.lo, f.hi)
        if k == "bool":
            if not isinstance(v, bool):
                self.error(path, f"expected true or false, got {describe(v)}")
                return _BAD
            return v
        if k == "enum":
            return self.enum(path, v, f.choices)
        if k == "lonlat":
            return self.lonlat(path, v)
        if k == "bounds":
            return self.bounds(path, v)
        if k == "idlist":
            return self.idlist(path, v, f.min_items)
        if k == "modes":
            items = self.idlist(path, v, f.min_items)
            if items is _BAD:
                return _BAD
            ok = True
            for i, item in enumerate(items):
                if self.enum((*path, i), item, MODES) is _BAD:
                    ok = False
            return tuple(items) if ok else _BAD
        if k == "counts":
            m = self.mapping(path, v, "asset type ids and counts")
            if m is None:
                return _BAD
            out = {}
            for key, n in m.items():
                count = self.integer((*path, key), n, 0, spec.MAX_ASSETS)
                if count is not _BAD:
                    out[key] = count
            return out if len(out) == len(m) else _BAD
        if k == "points":
            if not isinstance(v, list):
                self.error(path, f"expected a list of [longitude, latitude] points, got {describe(v)}")
                return _BAD
            pts = [self.lonlat((*path, i), p) for i, p in enumerate(v)]
            return _BAD if any(p is _BAD for p in pts) else tuple(pts)
        if k == "turns":
            return self.turns(path, v)
        raise AssertionError(f"no check for kind {k}")  # pragma: no cover

    def turns(self, path: PathKey, v: Any) -> Any:
        if not isinstance(v, list) or not v:
            self.error(path, f"expected a list of turn numbers like [6, 7], got {describe(v)}")
            return _BAD
        if self.missing_comma(path, v, Checker.turns):
            return _BAD
        out_t = [self.integer((*path, i), t, 1, spec.MAX_TURNS) for i, t in enumerate(v)]
        if any(t is _BAD for t in out_t):
            return _BAD
        seen: set[int] = set()
        for i, t in enumerate(out_t):
            if t in seen:
                self.error((*path, i), f"turn {t} is listed twice: list each turn once")
                return _BAD
            seen.add(t)
        return tuple(sorted(out_t))

    def integer(self, path: PathKey, v: Any, lo: float | None, hi: float | None) -> Any:
        if v is INVALID:
            return _BAD
        if isinstance(v, float) and math.isfinite(v) and v.is_integer():
            self.error(path, f"expected a whole number, got {_fmt(v)}.0: write {_fmt(v)}")
            return _BAD
        if not isinstance(v, int) or isinstance(v, bool):
            self.error(path, f"expected a whole number, got {describe(v)}")
            return _BAD
        return self._range(path, v, lo, hi)

    def number(self, path: PathKey, v: Any, lo: float | None, hi: float | None) -> Any:
        if v is INVALID:
            return _BAD
        if not _num(v):
            self.error(path, f"expected a number, got {describe(v)}{_number_hint(v, lo, hi)}")
            return _BAD
        if not math.isfinite(v):
            self.error(path, f"expected a finite number, got {v!r}")
            return _BAD
        r = self._range(path, v, lo, hi)
        return float(r) if r is not _BAD else _BAD

    def _range(self, path: PathKey, v: float, lo: float | None, hi: float | None) -> Any:
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            shown = _fmt(v) if abs(v) < 1e15 else f"{float(v):.3g}"
            if lo is not None and hi is not None:
                if lo == hi:
                    self.error(path, f"{shown} is not supported: must be {_fmt(lo)}")
                elif hi >= spec.BIG:
                    self.error(path, f"{shown} is out of range: must be at least {_fmt(lo)}"
                               + (f" and at most {hi:g}" if v > hi else ""))
                else:
                    self.error(path, f"{shown} is out of range: must be between {_fmt(lo)} "
                                     f"and {_fmt(hi)}{_share_hint(v, lo, hi)}")
            elif lo is not None:
                self.error(path, f"{shown} is out of range: must be at least {_fmt(lo)}")
            else:
                self.error(path, f"{shown} is out of range: must be at most {_fmt(hi)}")
            return _BAD
        return v

    def enum(self, path: PathKey, v: Any, choices: Iterable[str]) -> Any:
        choices = tuple(choices)
        if v is INVALID:
            return _BAD
        if not isinstance(v, str):
            self.error(path, f"expected one of {', '.join(choices)}, got {describe(v)}"
                             + _bool_hint(v, choices))
            return _BAD
        if v not in choices and not v.strip() and path in self.doc.block_text:
            self.error(path, f"quote it: {path[-1]}: \"{self.doc.block_text[path]}\" (> and | "
                             "start a block of text in YAML)")
            return _BAD
        if v not in choices:
            hint = suggest(v, choices)
            more = f" (did you mean '{hint}'?)" if hint else ""
            self.error(path, f"'{v}' is not one of {', '.join(choices)}{more}")
            return _BAD
        return v

    def missing_comma(self, path: PathKey, v: Any,
                      check: Callable[[Checker, PathKey, Any], Any]) -> bool:
        """A list of numbers written without its commas ([0.0 5.63]): reported, True. The
        list with its commas is suggested only when the field's own `check` accepts it; else
        the message says what that check would still find wrong."""
        parts = _missing_comma(v)
        if parts is None:
            return False
        shown = ", ".join(str(x) for x in v)
        fixed = f"[{', '.join(parts)}]"
        trial = _Trial(self.file, self.doc, self.resolve_file)
        check(trial, path, [_number_value(w) for w in parts])
        if trial.problems:
            self.error(path, f"a ',' is missing between the numbers in [{shown}], and {fixed} "
                             f"would still be wrong: {trial.problems[0]}")
        else:
            self.error(path, f"a ',' is missing between the numbers in [{shown}]: write {fixed}")
        return True

    def lonlat(self, path: PathKey, v: Any) -> Any:
        if v is INVALID:
            return _BAD
        if self.missing_comma(path, v, Checker.lonlat):
            return _BAD
        if not (isinstance(v, list) and len(v) == 2):
            self.error(path, f"expected [longitude, latitude] like [-75.5, 10.4], got {describe(v)}"
                       + _items(v))
            return _BAD
        lon = self.number((*path, 0), v[0], None, None)
        lat = self.number((*path, 1), v[1], None, None)
        if lon is _BAD or lat is _BAD:
            return _BAD
        if abs(lat) > 90 and abs(lon) <= 90:
            self.error(path, f"latitude {_fmt(lat)} is out of range (-90 to 90): longitude and "
                             f"latitude look swapped; write [longitude, latitude]")
            return _BAD
        if abs(lon) > 180:
            self.error((*path, 0), f"longitude {_fmt(lon)} is out of range: must be between "
                                   "-180 and 180")
            return _BAD
        if abs(lat) > 90:
            self.error((*path, 1), f"latitude {_fmt(lat)} is out of range: must be between "
                                   "-90 and 90")
            return _BAD
        return (lon, lat)

    def bounds(self, path: PathKey, v: Any) -> Any:
        if self.missing_comma(path, v, Checker.bounds):
            return _BAD
        if not (isinstance(v, list) and len(v) == 4):
            self.error(path, "expected [west, south, east, north] in degrees like "
                             f"[-85, 5, -60, 25], got {describe(v)}" + _items(v))
            return _BAD
        w = self.number((*path, 0), v[0], -180, 180)
        s = self.number((*path, 1), v[1], -spec.MAX_MAP_LAT, spec.MAX_MAP_LAT)
        e = self.number((*path, 2), v[2], -180, 180)
        n = self.number((*path, 3), v[3], -spec.MAX_MAP_LAT, spec.MAX_MAP_LAT)
        if _BAD in (w, s, e, n):
            return _BAD
        if w >= e:
            self.error(path, f"west ({_fmt(w)}) must be less than east ({_fmt(e)})")
            return _BAD
        if s >= n:
            self.error(path, f"south ({_fmt(s)}) must be less than north ({_fmt(n)})")
            return _BAD
        return (w, s, e, n)

    def idlist(self, path: PathKey, v: Any, min_items: int) -> Any:
        if not isinstance(v, list):
            self.error(path, f"expected a list of ids like [a, b], got {describe(v)}")
            return _BAD
        if len(v) < min_items:
            self.error(path, f"needs at least {min_items} item{'s' if min_items > 1 else ''}")
            return _BAD
        out: list[str] = []
        ok = True
        for i, item in enumerate(v):
            if item is INVALID:
                ok = False
            elif not isinstance(item, str):
                self.error((*path, i), f"expected an id, got {describe(item)}"
                                       + _bool_hint(item))
                ok = False
            elif item in out:
                self.error((*path, i), f"'{item}' is listed twice: list it once")
                ok = False
            else:
                out.append(item)
        return tuple(out) if ok else _BAD

    def check_id(self, path: PathKey, key: str, section: str) -> bool:
        if spec.ID_RE.match(key) and len(key) <= spec.MAX_ID:
            return True
        if spec.ID_RE.match(key):
            self.error(path, f"the id '{key[:20]}...' is {len(key)} characters long: an id has "
                             f"at most {spec.MAX_ID}; shorten it", key=True)
            return False
        self.error(path, f"the id '{key}' is not allowed: ids are lowercase letters, digits and "
                         f"_ starting with a letter (try '{slugify(key)}')", key=True)
        return False

    # ---- references ----------------------------------------------------------------------
    def ref(self, path: PathKey, value: Any, ids: Iterable[str], what: str,
            plural: str | None = None) -> bool:
        ids = list(ids)
        if isinstance(value, bool):  # (False == 0: never "in" a list of ids)
            self.error(path, f"expected a {what} id, got {describe(value)}{_bool_hint(value, ids)}")
            return False
        if value in ids or value is INVALID:
            return value is not INVALID
        hint = suggest(value, ids)
        if hint:
            self.error(path, f"unknown {what} '{value}' (did you mean '{hint}'?)")
        else:
            self.error(path, f"unknown {what} '{value}': known {plural or what + 's'} are "
                             f"{_listing(ids)}")
        return False

    def kind_ref(self, path: PathKey, value: Any, kinds: tuple[str, ...],
                 tables: Mapping[str, Iterable[str]], example: str,
                 context: str = "") -> tuple[str, str] | None:
        """Check a "kind:id" reference; returns (kind, id) or None (error reported)."""
        if value is INVALID:
            return None
        if not isinstance(value, str) or ":" not in value:
            having = [f"'{k}:{value.strip()}'" for k in kinds
                      if isinstance(value, str) and value.strip() in tables.get(k, ())]
            more = f" (did you mean {' or '.join(having)}?)" if having else ""
            self.error(path, f"expected kind:id like '{example}' (kind is one of "
                             f"{', '.join(kinds)}), got {describe(value)}{more}")
            return None
        kind, _, ident = value.partition(":")
        kind, ident = kind.strip(), ident.strip()
        if kind not in kinds:
            having = [k for k in kinds if ident in tables.get(k, ())]
            more = f" (did you mean '{having[0]}:{ident}'?)" if len(having) == 1 else ""
            self.error(path, f"'{kind}' cannot be used here: {context or 'the kind must be'} "
                             f"one of {', '.join(kinds)}{more}")
            return None
        if not self.ref(path, ident, tables[kind], kind):
            return None
        return kind, ident


class _Trial(Checker):
    """A Checker for trying a value the writer did not write (a suggested fix): it keeps the
    messages its checks would give, without their path, and reports nothing."""

    def __init__(self, file: str, doc: Document, resolve_file: Callable[..., Any] | None = None):
        super().__init__(file, doc, resolve_file)
        self.problems: list[str] = []

    def error(self, path: PathKey, message: str, *, key: bool = False,
              at: PathKey | None = None) -> None:
        self.problems.append(message)

    def warning(self, path: PathKey, message: str, *, key: bool = False) -> None:
        pass


def check_document(file: str, doc: Document,
                   resolve_file: Callable[[str], tuple[str | None, str | None]] | None = None,
                   ) -> tuple[Scenario | None, list[Diagnostic]]:
    """Validate a parsed document; build the Scenario when there is no error."""
    c = Checker(file, doc, resolve_file)
    for line, col, msg in doc.problems:
        c.diags.append(Diagnostic(file, line, col, "error", msg))
    for line, col, msg in doc.warnings:
        c.diags.append(Diagnostic(file, line, col, "warning", msg))
    data = doc.data
    if data is None:
        c.error((), "the file is empty: a scenario starts with `format: 1`, `id:`, `title:`... "
                    "(see docs/scenario-format.md)")
        return None, _sorted(c.diags)
    if not isinstance(data, dict):
        c.error((), f"a scenario is a mapping of keys (format:, id:, title:...), "
                    f"got {describe(data)}")
        return None, _sorted(c.diags)
    if data.get("format") in ("interdict-save", "interdict_save") or "interdict_save" in data:
        c.error(("format",) if "format" in data else (),
                "this is an Interdict save, not a scenario: check a save with `interdict "
                "replay FILE --verify` and open it with `interdict play --load FILE` (the "
                "scenario it was played with is inside it)")
        return None, _sorted(c.diags)
    if _looks_like_orders(data):
        c.diags.append(Diagnostic(
            file, 1, 1, "error",
            "this looks like a standing-orders file (docs/orders.md): pass it with --orders "
            "to `interdict run`/`batch`, with a scenario"))
        return None, _sorted(c.diags)
    scenario = _check(c, data)
    if c.n_errors:
        return None, _sorted(c.diags)
    return scenario, _sorted(c.diags)


# The keys of one side's standing orders (game.core.orders) that no scenario mapping has;
# `nation`, `trafficker` and `rationale` are left out (a location has a `nation`).
ORDERS_KEYS = frozenset(BLUE_KEYS + RED_KEYS) - {"nation", "trafficker", "rationale"}


def _looks_like_orders(data: dict) -> bool:
    """A standing-orders file (`usa: {funding: ..., deploy: ...}`, maybe under `orders:`):
    most of its top-level keys are not scenario keys but sides whose orders use orders keys."""
    if set(data) == {"orders"} and isinstance(data["orders"], dict):
        data = data["orders"]
    top = {f.name for f in spec.TOP}
    sides = [k for k, v in data.items()
             if k not in top and isinstance(v, dict) and ORDERS_KEYS.intersection(v)]
    return bool(sides) and 2 * len(sides) > len(data)


MAX_DIAGNOSTICS = 100  # per file: beyond this, the file is probably not a scenario at all


def _sorted(diags: list[Diagnostic]) -> list[Diagnostic]:
    seen: set[Diagnostic] = set()
    out = []
    for d in sorted(diags, key=lambda d: (d.line, d.col, d.severity != "error", d.message)):
        if d not in seen:
            seen.add(d)
            out.append(d)
    if len(out) > MAX_DIAGNOSTICS:
        rest = out[MAX_DIAGNOSTICS:]
        first = rest[0]
        n_err = sum(1 for d in rest if d.is_error)
        out = out[:MAX_DIAGNOSTICS]
        out.append(Diagnostic(first.file, first.line, first.col,
                              "error" if n_err else "warning",
                              f"{len(rest)} more problems not shown: fix the ones above first "
                              "(is this really a scenario file?)"))
    return out


def _section(c: Checker, top: dict, name: str, fields: tuple[Field, ...],
             custom: Mapping[str, Callable[[PathKey, Any, Field], Any]] | None = None,
             ) -> dict[str, dict[str, Any]]:
    """Check each item of a collection section. Returns {id: clean values}; items with a
    bad id or that are not mappings are left out (their errors reported)."""
    raw = top.get(name)
    if raw is None or name not in top:
        if name in top and raw is None:
            c.error((name,), f"'{name}' is empty: add at least one {spec.SINGULAR[name]}, "
                             "or remove the key")
        return {}
    m = c.mapping((name,), raw, f"{spec.SINGULAR[name]} ids to their settings")
    if m is None:
        return {}
    out: dict[str, dict[str, Any]] = {}
    settings = {f.name for f in fields}
    previous: str | None = None
    for ident, item in m.items():
        path = (name, ident)
        if ident in settings and previous is not None:
            # `  assets: {...}` one level too far left: a setting read as an id of its own,
            # which would bring one error per missing setting and none about the indent
            one = spec.SINGULAR[name]
            c.error(path, f"'{ident}' is a setting of a {one}, written here as a {one} of its "
                          f"own: if it belongs to '{previous}' above, indent it like the other "
                          f"settings of '{previous}'", key=True)
            continue
        previous = ident
        c.check_id(path, ident, name)
        im = c.mapping(path, item, f"{spec.SINGULAR[name]} settings")
        if im is None:
            continue
        out[ident] = c.fields(path, im, fields, f"{spec.SINGULAR[name]} '{ident}'", custom)
    return out


def _check(c: Checker, top: dict) -> Scenario | None:
    # ---- scalar top-level keys --------------------------------------------------------
    head = c.fields((), {k: v for k, v in top.items()}, spec.TOP, "the scenario",
                    {k: (lambda p, v, f: v) for k in ("map", "section")})
    if "id" in head and spec.ID_RE.match(head["id"]) and len(head["id"]) > spec.MAX_ID:
        c.error(("id",), f"the id '{head['id'][:20]}...' is {len(head['id'])} characters long: "
                         f"a scenario id names its save files and has at most {spec.MAX_ID}; "
                         "shorten it")
    elif "id" in head and not spec.ID_RE.match(head["id"]):
        c.error(("id",), f"the id '{head['id']}' is not allowed: ids are lowercase letters, "
                         f"digits and _ starting with a letter (try '{slugify(head['id'])}')")
    turns = head.get("turns")
    max_turn = turns if isinstance(turns, int) else spec.MAX_TURNS

    briefing = head.get("briefing", "")
    if "briefing_file" in top and "briefing_file" in head:
        if "briefing" in top:
            c.error(("briefing_file",), "give either briefing or briefing_file, not both",
                    key=True)
        elif c.resolve_file is None:
            c.error(("briefing_file",), "briefing_file needs the scenario to be loaded from a "
                                        "file: write the briefing inline with `briefing: |`")
        else:
            text, problem = c.resolve_file(head["briefing_file"])
            if problem:
                c.error(("briefing_file",), problem)
            else:
                briefing = text

    # ---- map ------------------------------------------------------------------------------
    map_spec = None
    if "map" in top:
        mm = c.mapping(("map",), top["map"], "map settings (bounds:)")
        if mm is not None:
            mv = c.fields(("map",), mm, spec.MAP, "map")
            if "bounds" in mv:
                map_spec = MapSpec(bounds=mv["bounds"], projection=mv.get("projection") or "mercator")
    # ---- collections ----------------------------------------------------------------------
    nations = _section(c, top, "nations", spec.NATION)
    alliances = _section(c, top, "alliances", spec.ALLIANCE)
    locations = _section(c, top, "locations", spec.LOCATION)
    routes = _section(c, top, "routes", spec.ROUTE)
    traffickers = _section(c, top, "traffickers", spec.TRAFFICKER)
    asset_raw = top.get("asset_types")
    asset_types = _check_asset_types(c, asset_raw) if "asset_types" in top else {}
    events = _section(c, top, "events", spec.EVENT, {
        "trigger": lambda p, v, f: _check_trigger(c, p, v, max_turn),
        "effects": lambda p, v, f: _check_effects(c, p, v),
    })
    objectives = _section(c, top, "objectives", spec.OBJECTIVE, {
        "enum": lambda p, v, f: _metric_or_enum(c, p, v, f),
    })

    for name in ("nations", "locations", "routes", "traffickers"):
        if name in top and isinstance(top[name], dict) and not top[name]:
            c.error((name,), f"'{name}' is empty: add at least one {spec.SINGULAR[name]}")

    # ---- cross references -----------------------------------------------------------------
    nation_ids = list(top["nations"]) if isinstance(top.get("nations"), dict) else []
    location_ids = list(top["locations"]) if isinstance(top.get("locations"), dict) else []
    route_ids = list(top["routes"]) if isinstance(top.get("routes"), dict) else []
    trafficker_ids = list(top["traffickers"]) if isinstance(top.get("traffickers"), dict) else []
    alliance_ids = list(top["alliances"]) if isinstance(top.get("alliances"), dict) else []
    catalogue = {**{k: None for k in BUILTIN_ASSET_TYPES}, **{k: None for k in asset_types}}
    tables = {
        "nation": nation_ids,
        "alliance": alliance_ids,
        "location": location_ids,
        "route": route_ids,
        "trafficker": trafficker_ids,
        "mode": list(MODES),
    }

    for ident in nation_ids:
        if ident in spec.RESERVED_IDS:
            c.error(("nations", ident), f"'{ident}' is a reserved word: choose another id",
                    key=True)
    for ident in trafficker_ids:
        if ident in spec.RESERVED_IDS:
            c.error(("traffickers", ident), f"'{ident}' is a reserved word: choose another id",
                    key=True)
        if ident in nation_ids:
            c.error(("traffickers", ident), f"the id '{ident}' is already a nation: nations and "
                    "traffickers need different ids (they name the seats)", key=True)

    for nid, n in nations.items():
        for aid in n.get("assets") or {}:
            c.ref(("nations", nid, "assets", aid), aid, catalogue, "asset type")
    for aid, a in alliances.items():
        for i, member in enumerate(a.get("members") or ()):
            c.ref(("alliances", aid, "members", i), member, nation_ids, "nation")
    for lid, loc in locations.items():
        if "nation" in loc:
            c.ref(("locations", lid, "nation"), loc["nation"], nation_ids, "nation")
        kind = loc.get("kind")
        if kind != "source" and loc.get("production"):
            c.error(("locations", lid, "production"),
                    "only a source produces: set `kind: source` or remove production")
        if kind != "market":
            for key in ("demand", "price"):
                if loc.get(key):
                    c.error(("locations", lid, key),
                            f"only a market has {key}: set `kind: market` or remove {key}")
        if map_spec is not None and "at" in loc:
            lon, lat = loc["at"]
            w, s, e, n_ = map_spec.bounds
            if not (w <= lon <= e and s <= lat <= n_):
                c.warning(("locations", lid, "at"),
                          f"[{_fmt(lon)}, {_fmt(lat)}] is outside the map bounds "
                          f"[{_fmt(w)}, {_fmt(s)}, {_fmt(e)}, {_fmt(n_)}] and will be drawn at "
                          "the edge: check the coordinates (longitude first) or widen map.bounds")
    for rid, r in routes.items():
        ok_from = "from" in r and c.ref(("routes", rid, "from"), r["from"], location_ids,
                                        "location")
        ok_to = "to" in r and c.ref(("routes", rid, "to"), r["to"], location_ids, "location")
        if ok_from and ok_to and r["from"] == r["to"]:
            c.error(("routes", rid, "to"), f"the route starts and ends at '{r['from']}': "
                                           "a route links two different locations")
        j = r.get("jurisdiction")
        if j is not None and j != "international":
            c.ref(("routes", rid, "jurisdiction"), j, [*nation_ids, "international"], "nation")
    for tid, t in traffickers.items():
        for key, want in (("sources", "source"), ("markets", "market")):
            for i, lid in enumerate(t.get(key) or ()):
                if c.ref(("traffickers", tid, key, i), lid, location_ids, "location"):
                    kind = locations.get(lid, {}).get("kind")
                    if kind is not None and kind != want:
                        c.error(("traffickers", tid, key, i),
                                f"'{lid}' is a {kind}, not a {want}: list only {want}s here "
                                f"or set `kind: {want}` on the location")
    for eid, ev in events.items():
        for i, who in enumerate(ev.get("audience") or ()):
            c.ref(("events", eid, "audience", i), who, [*nation_ids, *trafficker_ids],
                  "nation or trafficker", "nations and traffickers")
        trig = ev.get("trigger")
        if trig and trig.get("if"):
            _check_metric_refs(c, ("events", eid, "trigger", "if"), trig["if"], tables)
        for i, eff in enumerate(ev.get("effects") or ()):
            _check_effect_target(c, ("events", eid, "effects", i), eff, tables)
    for oid, ob in objectives.items():
        path = ("objectives", oid)
        if "side" in ob:
            c.kind_ref((*path, "side"), ob["side"], SIDE_KINDS, tables, "alliance:nato")
        _check_metric_refs(c, path, ob, tables)
        if ob.get("by_turn") is not None and isinstance(turns, int) and ob["by_turn"] > turns:
            c.error((*path, "by_turn"), f"turn {ob['by_turn']} is after the last turn "
                                        f"({turns}): use a turn from 1 to {turns}")

    # ---- the network ----------------------------------------------------------------------
    # Reachability needs every route's two ends; with a broken route it would only repeat
    # that error in other words.
    raw_routes = top.get("routes") if isinstance(top.get("routes"), dict) else {}
    routes_ok = len(routes) == len(raw_routes) and all(
        r.get("from") in locations and r.get("to") in locations and r["from"] != r["to"]
        for r in routes.values())
    if routes_ok:
        _check_markets(c, locations, routes, traffickers)
    if c.n_errors == 0:  # warnings about a file that does not load would be noise
        _check_unreachable(c, locations, routes)
        _check_unused(c, top, nations, alliances, locations, objectives)
        _check_silent_defaults(c, locations, events, objectives)
        _check_sea_routes(c, locations, routes, map_spec)

    if c.n_errors:
        return None
    return _build(c, head, briefing, map_spec, nations, alliances, locations, routes,
                  traffickers, asset_types, events, objectives, top)


# Metrics measured as shares or levels from 0 to 1 (docs/scenario-format.md, "Metrics").
SHARE_METRICS = frozenset({"seizure_rate", "delivered_reduction", "violence", "corruption",
                           "governance", "cohesion"})


def _check_metric_refs(c: Checker, path: PathKey, m: dict, tables: Mapping[str, Any]) -> None:
    metric = m.get("metric")
    if metric is None:
        return
    if metric not in METRICS:
        hint = suggest(metric, METRICS)
        more = f" (did you mean '{hint}'?)" if hint else ""
        c.error((*path, "metric"), f"unknown metric '{metric}'{more}: metrics are "
                                   f"{', '.join(METRICS)}")
        return
    value = m.get("value")
    if metric in SHARE_METRICS and _num(value) and math.isfinite(value):
        lo = -spec.BIG if metric == "delivered_reduction" else 0
        if not lo <= value <= 1:
            what = ("a reduction against the no-action baseline, at most 1; 0.3 means 30% less"
                    if lo < 0 else "a level from 0 to 1")
            fix = (f"if you meant {_fmt(value)}%, write {_fmt(round(value / 100, 6))}"
                   if _looks_like_percent(value) and value > 0 else "use a value from 0 to 1")
            c.error((*path, "value"), f"{_fmt(value)} is outside what {metric} can be "
                                      f"({what}): {fix}")
    scope = m.get("scope")
    kinds = METRICS[metric]
    if scope is None:
        return
    if not kinds:
        c.error((*path, "scope"), f"the metric {metric} is global and takes no scope: "
                                  "remove scope")
        return
    c.kind_ref((*path, "scope"), scope, kinds, tables, f"{kinds[0]}:some_id",
               f"the metric {metric} takes a scope of kind")


def _check_trigger(c: Checker, path: PathKey, v: Any, max_turn: int) -> Any:
    m = c.mapping(path, v, "trigger settings ({turn: 5}, {turns: [6, 7]} or {chance: 0.2})")
    if m is None:
        return _BAD
    t = c.fields(path, m, spec.TRIGGER, "a trigger", {
        "condition": lambda p, val, f: _check_condition(c, p, val),
    })
    forms = [k for k in ("turn", "turns", "chance") if k in m]
    if not forms:
        c.error(path, "a trigger needs one of turn (e.g. {turn: 5}), turns ({turns: [6, 7]}) "
                      "or chance ({chance: 0.15, from_turn: 3})")
        return _BAD
    if len(forms) > 1:
        c.error((*path, forms[1]), f"use only one of turn, turns and chance (this trigger has "
                                   f"{' and '.join(forms)})", key=True)
        return _BAD
    if forms[0] != "chance":
        for key in ("from_turn", "until_turn"):
            if key in m:
                c.error((*path, key), f"{key} belongs to chance triggers: remove it, or list "
                                      "the turns", key=True)
    for key in ("turn", "from_turn", "until_turn"):
        tv = t.get(key)
        if isinstance(tv, int) and tv > max_turn:
            c.error((*path, key), f"turn {tv} is after the last turn ({max_turn}): use a turn "
                                  f"from 1 to {max_turn}")
    for i, tv in enumerate(t.get("turns") or ()):
        if tv > max_turn:
            c.error((*path, "turns", i), f"turn {tv} is after the last turn ({max_turn}): use "
                                      f"turns from 1 to {max_turn}")
            break
    if forms[0] == "chance" and "chance" in t and t["chance"] == 0:
        c.error((*path, "chance"), "a chance of 0 never fires: use a number above 0 "
                                   "(0.1 = once every ten turns on average)")
    ft, ut = t.get("from_turn"), t.get("until_turn")
    if isinstance(ft, int) and isinstance(ut, int) and ut < ft:
        c.error((*path, "until_turn"), f"until_turn ({ut}) is before from_turn ({ft})")
    return t


def _check_condition(c: Checker, path: PathKey, v: Any) -> Any:
    m = c.mapping(path, v, "condition settings (metric, scope, op, value)")
    if m is None:
        return _BAD
    return c.fields(path, m, spec.CONDITION, "a condition", {
        "enum": lambda p, val, f: _metric_or_enum(c, p, val, f),
    })


def _metric_or_enum(c: Checker, p: PathKey, val: Any, f: Field) -> Any:
    if f.name == "metric":
        if not isinstance(val, str):
            c.error(p, f"expected a metric name, got {describe(val)}")
            return _BAD
        return val  # checked against METRICS with the references
    return c.enum(p, val, f.choices)


def _check_effects(c: Checker, path: PathKey, v: Any) -> Any:
    if not isinstance(v, list):
        c.error(path, f"expected a list of effects (lines starting with '- '), got {describe(v)}")
        return _BAD
    out = []
    for i, item in enumerate(v):
        p = (*path, i)
        m = c.mapping(p, item, "effect settings (target, set/add/multiply, duration)")
        if m is None:
            out.append(_BAD)
            continue
        e = c.fields(p, m, spec.EFFECT, "an effect", {
            "changes": lambda pp, val, f: _changes_shape(c, pp, val, f),
        })
        verbs = [k for k in ("set", "add", "multiply") if k in m]
        if not verbs:
            c.error(p, "an effect needs set, add or multiply, e.g. "
                       "{target: \"mode:maritime\", multiply: {detection: 0.7}}")
        out.append(e)
    return _BAD if any(e is _BAD for e in out) else tuple(out)


def _changes_shape(c: Checker, path: PathKey, v: Any, f: Field) -> Any:
    m = c.mapping(path, v, f"fields to {f.name} (field: value)")
    if m is None:
        return _BAD
    if not m:
        c.error(path, f"{f.name} is empty: name at least one field")
        return _BAD
    return m


def _check_effect_target(c: Checker, path: PathKey, eff: dict, tables: Mapping[str, Any]) -> None:
    if "target" not in eff:
        return
    found = c.kind_ref((*path, "target"), eff["target"], TARGET_KINDS, tables, "mode:maritime")
    if found is None:
        return
    kind, _ = found
    allowed = EFFECT_FIELDS[kind]
    for verb in ("set", "add", "multiply"):
        changes = eff.get(verb)
        if not isinstance(changes, dict):
            continue
        for fname, val in changes.items():
            fp = (*path, verb, fname)
            if val is INVALID:
                continue
            if fname not in allowed:
                hint = suggest(fname, allowed)
                more = f" (did you mean '{hint}'?)" if hint else ""
                c.error(fp, f"a {kind} has no field '{fname}'{more}: a {kind} effect may "
                            f"change {', '.join(allowed)}", key=True)
                continue
            ftype = allowed[fname]
            if ftype in ("bool", "sovereignty", "sharing") and verb != "set":
                c.error(fp, f"{fname} can only be set, not {verb}ed"
                            if verb == "add" else f"{fname} can only be set, not multiplied",
                        key=True)
                continue
            if ftype == "bool":
                if not isinstance(val, bool):
                    c.error(fp, f"expected true or false, got {describe(val)}")
            elif ftype == "sovereignty":
                c.enum(fp, val, SOVEREIGNTY)
            elif ftype == "sharing":
                c.enum(fp, val, SHARING)
            elif verb == "multiply":
                c.number(fp, val, 0, 1000)
            elif verb == "set":
                if ftype == "unit":
                    c.number(fp, val, 0, 1)
                else:
                    c.number(fp, val, 0, spec.BIG)
            elif ftype == "unit":
                c.number(fp, val, -1, 1)
            else:
                c.number(fp, val, -spec.BIG, spec.BIG)


def _check_asset_types(c: Checker, raw: Any) -> dict[str, dict[str, Any]]:
    if raw is None:
        c.error(("asset_types",), "'asset_types' is empty: add an asset type, or remove the key")
        return {}
    m = c.mapping(("asset_types",), raw, "asset type ids to their settings")
    if m is None:
        return {}
    out: dict[str, dict[str, Any]] = {}
    for ident, item in m.items():
        path = ("asset_types", ident)
        c.check_id(path, ident, "asset_types")
        im = c.mapping(path, item, "asset type settings")
        if im is None:
            continue
        fields = spec.ASSET_TYPE
        if ident in BUILTIN_ASSET_TYPES:  # an override may change only some fields
            fields = tuple(replace(f, required=False, default=_BAD) for f in fields)
        vals = c.fields(path, im, fields, f"asset type '{ident}'")
        out[ident] = {k: v for k, v in vals.items() if v is not _BAD}
    return out


def _reach(routes: dict, starts: Iterable[str]) -> set[str]:
    """Locations reachable from `starts` following routes in their direction (dormant too)."""
    adj: dict[str, list[str]] = {}
    for r in routes.values():
        adj.setdefault(r["from"], []).append(r["to"])
    seen = set(starts)
    queue = deque(seen)
    while queue:
        here = queue.popleft()
        for nxt in adj.get(here, ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _check_markets(c: Checker, locations: dict, routes: dict, traffickers: dict) -> None:
    for tid, t in traffickers.items():
        sources = [s for s in t.get("sources") or () if s in locations]
        if not sources:
            continue
        seen = _reach(routes, sources)
        for i, market in enumerate(t.get("markets") or ()):
            if market in locations and market not in seen:
                c.error(("traffickers", tid, "markets", i),
                        f"the market '{market}' cannot be reached from the sources of "
                        f"{tid} ({', '.join(sources)}) over any route: add a route "
                        "towards it or remove it from markets")


def _check_unreachable(c: Checker, locations: dict, routes: dict) -> None:
    seen = _reach(routes, [lid for lid, loc in locations.items() if loc["kind"] == "source"])
    for lid in locations:
        if lid not in seen:
            c.warning(("locations", lid), "unreachable: no route leads here from any source, "
                                          "so nothing will ever pass through it", key=True)


def _check_unused(c: Checker, top: dict, nations: dict, alliances: dict, locations: dict,
                  objectives: dict) -> None:
    used: set[str] = set()
    for loc in locations.values():
        used.add(loc["nation"])
    for a in alliances.values():
        used.update(a["members"])
    for ob in objectives.values():
        for key in ("side", "scope"):
            ref = ob.get(key)
            if isinstance(ref, str) and ref.startswith("nation:"):
                used.add(ref.split(":", 1)[1].strip())
    for nid in nations:
        if nid not in used:
            c.warning(("nations", nid), "unused: this nation has no location, no alliance and "
                                        "no objective; give it a role or remove it", key=True)


def _check_silent_defaults(c: Checker, locations: dict, events: dict, objectives: dict
                           ) -> None:
    """Warnings for what validates but rarely means what the author meant: a source that
    produces nothing (and that no event starts), an objective of one side measured over the
    whole scenario."""
    started = {str(eff.get("target", "")).partition(":")[2].strip()
               for ev in events.values() for eff in ev.get("effects") or ()
               if str(eff.get("target", "")).partition(":")[0].strip() == "location"
               and any(_num((eff.get(verb) or {}).get("production"))
                       and eff[verb]["production"] > 0 for verb in ("set", "add"))}
    for lid, loc in locations.items():
        if loc["kind"] == "source" and not loc.get("production") and lid not in started:
            c.warning(("locations", lid), "a source with no production: nothing will ever "
                                          "ship from it; give it `production:` (tons per turn)",
                      key=True)
    for oid, ob in objectives.items():
        side, metric = ob.get("side"), ob.get("metric")
        kind = side.partition(":")[0] if isinstance(side, str) else ""
        if ob.get("scope") is None and kind in METRICS.get(metric, ()):
            c.warning(("objectives", oid, "metric"),
                      f"no scope: {metric} is measured over the whole scenario, not for "
                      f"{side} alone; add `scope: {side}` if you mean its own")


SEA_SAMPLE_KM = 25.0  # a maritime route's drawn path is looked at every 25 km ...
PORT_KM = 30.0  # ... except its first and last 30 km (ports lie on the coast or inland)
LAND_KM = 75.0  # land along a segment at least this long (3 samples in a row) is a mistake
SEA_KM = 100.0  # a land route's stretch of open sea at least this long is a mistake (a
# straight line between two towns of a coast may cut a bay; a strait is not a road)


def _check_sea_routes(c: Checker, locations: dict, routes: dict,
                      map_spec: MapSpec | None) -> None:
    """Warn about a maritime route whose drawn path (from, via points, to; straight in the
    map's projection) crosses a long stretch of land: it needs via points at sea; and about a
    land route across a long stretch of sea: it needs via points on land, or is maritime."""
    mercator = map_spec is None or map_spec.projection == "mercator"
    segs: list[tuple[str, int, float]] = []  # (route id, segment index, km between samples)
    samples: list[list[tuple[float, float]]] = []  # per segment: the points looked at
    for rid, r in routes.items():
        if r.get("mode") not in ("maritime", "land") or r.get("from") not in locations or \
                r.get("to") not in locations:
            continue
        pts = [locations[r["from"]]["at"], *(r.get("via") or ()), locations[r["to"]]["at"]]
        lengths = [great_circle_km(p, q) for p, q in pairwise(pts)]
        total, done = sum(lengths), 0.0
        for i, (p, q) in enumerate(pairwise(pts)):
            n = max(1, math.ceil(lengths[i] / SEA_SAMPLE_KM))
            y0, y1 = (_merc(p[1]), _merc(q[1])) if mercator else (p[1], q[1])
            here = []
            for k in range(n + 1):
                along = done + lengths[i] * k / n
                if PORT_KM < along < total - PORT_KM:  # ports lie on the coast, or inland
                    y = y0 + (y1 - y0) * k / n
                    here.append((p[0] + (q[0] - p[0]) * k / n, mercator_lat(y) if mercator else y))
                else:
                    here.append(None)
            segs.append((rid, i, lengths[i] / n))
            samples.append(here)
            done += lengths[i]
    if not segs:
        return
    from game.scenario.landmask import land_at

    flags = iter(land_at(pt for here in samples for pt in here if pt is not None))
    for (rid, i, step), here in zip(segs, samples):
        at_sea = routes[rid]["mode"] == "maritime"
        wrong = [pt is not None and next(flags) == at_sea for pt in here]  # land, or sea
        run, best, best_end = 0, 0, 0
        for k, on in enumerate(wrong):  # the longest run of wrong samples in a row
            run = run + 1 if on else 0
            if run > best:
                best, best_end = run, k
        if best * step < (LAND_KM if at_sea else SEA_KM):
            continue
        lon, lat = here[best_end - best // 2]
        r = routes[rid]
        names = [r["from"], *(f"via[{k}]" for k in range(len(r.get("via") or ()))), r["to"]]
        km = _fmt(round(best * step, -1))
        if at_sea:
            c.warning(("routes", rid),
                      f"this maritime route is drawn across land: from {names[i]} to "
                      f"{names[i + 1]} it crosses about {km} km of land around [{lon:.1f}, "
                      f"{lat:.1f}]: add via points at sea ([[lon, lat], ...]) to steer it "
                      "around the coast", key=True)
        else:
            c.warning(("routes", rid),
                      f"this land route is drawn across the sea: from {names[i]} to "
                      f"{names[i + 1]} it crosses about {km} km of sea around [{lon:.1f}, "
                      f"{lat:.1f}]: if it goes by sea, make it maritime; if by land, add "
                      "via points on land ([[lon, lat], ...])", key=True)


def _merc(lat: float) -> float:
    return mercator_y(min(89.0, max(-89.0, lat)))


def _jurisdiction(r: dict, locations: dict) -> str:
    a = locations[r["from"]]["nation"]
    b = locations[r["to"]]["nation"]
    if a == b:
        return a
    if r["mode"] in ("maritime", "air"):
        return "international"
    return b


def _scope(v: str | None) -> str | None:
    if v is None:
        return None
    kind, _, ident = v.partition(":")
    return f"{kind.strip()}:{ident.strip()}"


def _build(c: Checker, head: dict, briefing: str, map_spec: MapSpec | None, nations: dict,
           alliances: dict, locations: dict, routes: dict, traffickers: dict,
           asset_types: dict, events: dict, objectives: dict, top: dict) -> Scenario:
    assert map_spec is not None
    catalogue: dict[str, AssetType] = dict(BUILTIN_ASSET_TYPES)
    for aid, a in asset_types.items():
        base = BUILTIN_ASSET_TYPES.get(aid)
        vals = {k: v for k, v in a.items() if v is not None}
        if base is not None:
            catalogue[aid] = replace(base, **vals)
        else:
            catalogue[aid] = AssetType(id=aid, **vals)
    return Scenario(
        id=head["id"],
        title=head["title"],
        turns=head["turns"],
        seed=head["seed"],
        map=map_spec,
        nations=frozen_map({
            nid: Nation(
                id=nid, name=n["name"], budget=n["budget"], corruption=n["corruption"],
                governance=n["governance"], intel=n["intel"], sovereignty=n["sovereignty"],
                assets=frozen_map(n["assets"]), color=n["color"], ai=n["ai"],
                violence=n["violence"], description=n["description"],
            )
            for nid, n in nations.items()
        }),
        alliances=frozen_map({
            aid: Alliance(
                id=aid, name=a["name"], members=tuple(a["members"]),
                intel_sharing=a["intel_sharing"], joint_operations=a["joint_operations"],
                interoperability=a["interoperability"], description=a["description"],
            )
            for aid, a in alliances.items()
        }),
        locations=frozen_map({
            lid: Location(
                id=lid, name=loc["name"], nation=loc["nation"], at=loc["at"], kind=loc["kind"],
                production=loc["production"], demand=loc["demand"], price=loc["price"],
                description=loc["description"],
            )
            for lid, loc in locations.items()
        }),
        routes=frozen_map({
            rid: Route(
                id=rid, origin=r["from"], dest=r["to"], mode=r["mode"], capacity=r["capacity"],
                cost=r["cost"], concealment=r["concealment"],
                jurisdiction=r["jurisdiction"] or _jurisdiction(r, locations),
                dormant=r["dormant"], via=tuple(r["via"]), corridor=r["corridor"],
                description=r["description"],
            )
            for rid, r in routes.items()
        }),
        traffickers=frozen_map({
            tid: Trafficker(
                id=tid, name=t["name"], sources=tuple(t["sources"]),
                markets=tuple(t["markets"]), adaptiveness=t["adaptiveness"],
                resources=t["resources"], ai=t["ai"], loss_tolerance=t["loss_tolerance"],
                color=t["color"], description=t["description"],
            )
            for tid, t in traffickers.items()
        }),
        asset_types=frozen_map(catalogue),
        events=frozen_map({eid: _build_event(eid, ev, head["turns"])
                           for eid, ev in events.items()}),
        objectives=frozen_map({
            oid: Objective(
                id=oid, side=_scope(ob["side"]) or "", text=ob["text"], metric=ob["metric"],
                op=ob["op"], value=float(ob["value"]), scope=_scope(ob["scope"]),
                by_turn=ob["by_turn"],
            )
            for oid, ob in objectives.items()
        }),
        summary=head["summary"],
        briefing=briefing,
        turn_label=head["turn_label"],
        format=FORMAT_VERSION,
        rationale_required=head["rationale_required"],
        source=c.file,
    )


def _build_event(eid: str, ev: dict, turns: int) -> Event:
    t = ev["trigger"]
    cond = None
    if t.get("if"):
        ci = t["if"]
        cond = Condition(metric=ci["metric"], op=ci["op"], value=float(ci["value"]),
                         scope=_scope(ci["scope"]))
    if t.get("turn") is not None:
        trigger = Trigger(turns=(t["turn"],), condition=cond, once=t["once"])
    elif t.get("turns") is not None:
        trigger = Trigger(turns=tuple(t["turns"]), condition=cond, once=t["once"])
    else:
        trigger = Trigger(chance=float(t["chance"]), from_turn=t["from_turn"],
                          until_turn=t["until_turn"] if t["until_turn"] is not None else turns,
                          condition=cond, once=t["once"])
    effects = []
    for e in ev["effects"]:
        target = _scope(e["target"]) or ""
        for verb in ("set", "add", "multiply"):
            changes = e.get(verb)
            if changes:
                effects.append(Effect(
                    target=target, verb=verb,
                    changes=frozen_map({k: (float(v) if _num(v) else v)
                                        for k, v in changes.items()}),
                    duration=e["duration"],
                ))
    return Event(id=eid, title=ev["title"], text=ev["text"], trigger=trigger,
                 effects=tuple(effects), audience=tuple(ev["audience"]),
                 expected_action=ev["expected_action"])
