"""The turn report: what happened in one turn, in numbers and events.

Headline numbers are plain fields; the per-route, per-nation, per-alliance and per-trafficker
tables are built on first use (batch runs of thousands of games never need them).
`to_data()` gives the plain-data form used by `interdict run --out`, saves and the UI;
`from_data()` reads it back exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from game.core.model import frozen_map

HEADLINE = ("produced", "shipped", "seized", "delivered", "detected")


@dataclass(frozen=True, eq=False)
class TurnReport:
    turn: int
    produced: float  # tons
    shipped: float
    seized: float
    delivered: float
    detected: float  # tons detected at least once (seized or not)
    stock_start: float = 0.0
    stock_end: float = 0.0
    baseline_delivered: float | None = None  # the no-action shadow game's delivered tons
    hindsight_seizable: float = 0.0  # expected seizure of the best placement of the same assets
    hindsight_expected: float = 0.0  # expected seizure of the actual placement, same model
    delivered_reduction: float | None = None  # cumulative, against the baseline
    events: tuple[str, ...] = ()
    event_cards: tuple[Mapping[str, Any], ...] = ()
    leaks: tuple[Mapping[str, Any], ...] = ()  # {"from", "to", "discovered"}
    rejected: tuple[Mapping[str, Any], ...] = ()  # {"side", "reasons"}
    instructor: tuple[Mapping[str, Any], ...] = ()
    objectives: Mapping[str, Mapping[str, Any]] = field(default_factory=frozen_map)
    tables: Any = None  # a callable building the tables, or the tables themselves

    @property
    def hindsight_ratio(self) -> float | None:
        """Share of what the assets could have seized that their placement could expect."""
        if self.hindsight_seizable <= 0:
            return None
        return min(1.0, self.hindsight_expected / self.hindsight_seizable)

    @cached_property
    def _tables(self) -> Mapping[str, Any]:
        t = self.tables
        return t() if callable(t) else (t or {})

    @property
    def by_route(self) -> Mapping[str, Mapping[str, float]]:
        return self._tables.get("by_route", {})

    @property
    def by_nation(self) -> Mapping[str, Mapping[str, float]]:
        return self._tables.get("by_nation", {})

    @property
    def by_alliance(self) -> Mapping[str, Mapping[str, float]]:
        return self._tables.get("by_alliance", {})

    @property
    def by_trafficker(self) -> Mapping[str, Mapping[str, float]]:
        return self._tables.get("by_trafficker", {})

    def with_baseline(self, baseline_delivered: float, delivered_reduction: float) -> TurnReport:
        # pass the tables on as they are: built if they were, still lazy if not
        return replace(self, baseline_delivered=baseline_delivered,
                       delivered_reduction=delivered_reduction,
                       tables=self.__dict__.get("_tables", self.tables))

    def to_data(self) -> dict:
        return {
            "turn": self.turn,
            "produced": self.produced, "shipped": self.shipped, "seized": self.seized,
            "delivered": self.delivered, "detected": self.detected,
            "stock_start": self.stock_start, "stock_end": self.stock_end,
            "baseline_delivered": self.baseline_delivered,
            "delivered_reduction": self.delivered_reduction,
            "hindsight_seizable": self.hindsight_seizable,
            "hindsight_expected": self.hindsight_expected,
            "hindsight_ratio": self.hindsight_ratio,
            "events": list(self.events),
            "event_cards": [dict(c) for c in self.event_cards],
            "leaks": [dict(x) for x in self.leaks],
            "rejected": [{"side": r["side"], "reasons": [str(x) for x in r["reasons"]]} for r in self.rejected],
            "instructor": [dict(a) for a in self.instructor],
            "by_route": {k: dict(v) for k, v in self.by_route.items()},
            "by_nation": {k: dict(v) for k, v in self.by_nation.items()},
            "by_alliance": {k: dict(v) for k, v in self.by_alliance.items()},
            "by_trafficker": {k: dict(v) for k, v in self.by_trafficker.items()},
            "objectives": {k: dict(v) for k, v in self.objectives.items()},
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> TurnReport:
        tables = {k: {a: dict(b) for a, b in data.get(k, {}).items()}
                  for k in ("by_route", "by_nation", "by_alliance", "by_trafficker")}
        return cls(
            turn=int(data["turn"]),
            produced=float(data["produced"]), shipped=float(data["shipped"]),
            seized=float(data["seized"]), delivered=float(data["delivered"]),
            detected=float(data["detected"]),
            stock_start=float(data.get("stock_start", 0.0)),
            stock_end=float(data.get("stock_end", 0.0)),
            baseline_delivered=None if data.get("baseline_delivered") is None
            else float(data["baseline_delivered"]),
            delivered_reduction=None if data.get("delivered_reduction") is None
            else float(data["delivered_reduction"]),
            hindsight_seizable=float(data.get("hindsight_seizable", 0.0)),
            hindsight_expected=float(data.get("hindsight_expected", 0.0)),
            events=tuple(data.get("events", ())),
            event_cards=tuple(dict(c) for c in data.get("event_cards", ())),
            leaks=tuple(dict(x) for x in data.get("leaks", ())),
            rejected=tuple({"side": r["side"], "reasons": tuple(r["reasons"])}
                           for r in data.get("rejected", ())),
            instructor=tuple(dict(a) for a in data.get("instructor", ())),
            objectives=frozen_map({k: dict(v) for k, v in data.get("objectives", {}).items()}),
            tables=tables,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TurnReport) and self.to_data() == other.to_data()

    __hash__ = None  # type: ignore[assignment]
