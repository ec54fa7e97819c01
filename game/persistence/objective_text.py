"""How an objective's result and target read for an instructor, in one place for the
after-action report and the in-game debrief, so both say the same thing:

    t = describe_objective(ob, {"met": True, "value": 0.35, "final": True}, scenario)
    t.value    -> "35%"
    t.target   -> "at least 28% by Month 10"
    t.measure  -> "reduction in tons delivered"
    t.sentence -> "result 35%, target at least 28% by Month 10"

Values are written by what the metric is: tons with " t", shares (delivered_reduction,
seizure_rate) as whole percentages, levels (violence, corruption, governance, cohesion,
0 to 1) with two decimals, leaks as a count. A value is written with more digits only
when the rounded number would seem to contradict the verdict (27.99% against "at least 28%"
is not written "28%"). The comparison is in words ("at least", "below"): the in-game font
has no "≥" or "≤".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from game.core.metrics import compare
from game.persistence.names import entity_name

TONS = frozenset({"delivered_tons", "seized_tons", "shipped_tons", "detected_tons", "flow"})
SHARES = frozenset({"delivered_reduction", "seizure_rate"})
LEVELS = frozenset({"violence", "corruption", "governance", "cohesion"})
COUNTS = frozenset({"leaks"})

OP_WORDS = {">=": "at least", "<=": "at most", ">": "above", "<": "below", "==": "exactly",
            "!=": "other than"}

METRIC_NAMES = {
    "delivered_reduction": "reduction in tons delivered",
    "seizure_rate": "share of shipments seized",
    "delivered_tons": "tons delivered",
    "seized_tons": "tons seized",
    "shipped_tons": "tons shipped",
    "detected_tons": "tons detected",
    "flow": "tons moved",
    "leaks": "intelligence leaks",
}


def _tons(v: float, digits: int) -> str:
    text = f"{v:,.{digits}f}"
    if digits == 1 and text.endswith(".0"):
        text = text[:-2]
    return f"{text} t"


def _format(metric: str, v: float, digits: int | None = None) -> tuple[str, float]:
    """(text, the number the text shows, in the metric's own unit) at `digits` extra
    precision (None: the usual precision)."""
    extra = digits or 0
    if metric in TONS:
        d = 1 + extra
        return _tons(v, d), round(v, d)
    if metric in SHARES:
        d = extra
        pct = round(v * 100, d) + 0.0  # -0.0 + 0.0 is 0.0: "-0%" is not written
        return f"{pct:.{d}f}%", pct / 100
    if metric in COUNTS:
        d = extra
        return (f"{v:,.{d}f}", round(v, d))
    d = 2 + extra  # levels (0 to 1) and anything unknown
    return f"{v:.{d}f}", round(v, d)


def metric_text(metric: str, value: float, op: str | None = None,
                target: float | None = None) -> str:
    """A metric's value as an instructor reads it. With `op` and `target`, more digits are
    given when the usual rounding would show a number on the wrong side of the target."""
    text, shown = _format(metric, value)
    if op is None or target is None or op not in OP_WORDS:
        return text
    truth = compare(value, op, target)
    for extra in range(1, 5):
        if compare(shown, op, target) == truth:
            break
        text, shown = _format(metric, value, extra)
    return text


def target_value_text(metric: str, value: float) -> str:
    """A target as the scenario wrote it: 0.575 stays 0.575, 120 tons are "120 t"."""
    if metric in TONS:
        return f"{f'{value:,.3f}'.rstrip('0').rstrip('.')} t"
    if metric in SHARES:
        return f"{f'{value * 100:.2f}'.rstrip('0').rstrip('.')}%"
    return f"{value:.3f}".rstrip("0").rstrip(".")


def scope_name(scenario: Any, scope: str | None) -> str:
    """The display name of an objective's scope ("nation:mexico" -> "Mexico"); "" for none."""
    if not scope:
        return ""
    kind, _, ident = scope.partition(":")
    return entity_name(scenario, kind, ident, route_sep=" to ") or ident or scope


@dataclass(frozen=True)
class ObjectiveText:
    value: str  # "35%"; "" when there is no result yet
    target: str  # "at least 28% by Month 10"
    measure: str  # "reduction in tons delivered", with its scope: "tons seized (Mexico)"
    final: bool  # judged (at its turn or at the end of the game), not a reading so far

    @property
    def reading(self) -> str:
        """The result alone: "35%", "35% so far" before it is judged, "no result yet"."""
        if not self.value:
            return "no result yet"
        return self.value if self.final else f"{self.value} so far"

    @property
    def sentence(self) -> str:
        """"result 35%, target at least 28% by Month 10" (or "35% so far, target ...")."""
        if self.value and self.final:
            return f"result {self.value}, target {self.target}"
        return f"{self.reading}, target {self.target}"


def verdict(status: Mapping[str, Any] | None, stopped: bool = False) -> tuple[str, str]:
    """An objective's status in a word, with its kind for the colour: PASS / FAIL ("pass",
    "fail") once judged; before that (a deadline still ahead) "on track" ("ahead") or "not
    met yet" ("pending"), never a PASS for a reading so far; `stopped` (the white cell ended
    the game before the objective was judged): "met when play stopped" or "not met when
    play stopped"; "not judged" ("pending") before any turn. The after-action report and the
    debrief both show it."""
    if not status:
        return "not judged", "pending"
    met = bool(status.get("met"))
    if not status.get("final", True):
        if stopped:
            return ("met when play stopped", "ahead") if met else \
                ("not met when play stopped", "pending")
        return ("on track", "ahead") if met else ("not met yet", "pending")
    return ("PASS", "pass") if met else ("FAIL", "fail")


def describe_objective(ob: Any, status: Mapping[str, Any] | None,
                       scenario: Any = None) -> ObjectiveText:
    """The texts of scenario objective `ob` (metric, op, value, scope, by_turn) given its
    status from a turn report ({"met", "value", "final"}, or None before any turn)."""
    value = status.get("value") if status else None
    final = bool(status.get("final", True)) if status else False
    shown = (metric_text(ob.metric, float(value), ob.op, float(ob.value))
             if isinstance(value, int | float) and not isinstance(value, bool) else "")
    target = f"{OP_WORDS.get(ob.op, ob.op)} {target_value_text(ob.metric, float(ob.value))}"
    if ob.by_turn:
        name = getattr(scenario, "turn_name", None)
        target += f" by {name(ob.by_turn) if name else f'turn {ob.by_turn}'}"
    measure = METRIC_NAMES.get(ob.metric, ob.metric.replace("_", " "))
    where = scope_name(scenario, ob.scope)
    if where:
        measure += f" ({where})"
    return ObjectiveText(value=shown, target=target, measure=measure, final=final)
