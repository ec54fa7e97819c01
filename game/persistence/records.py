"""Per-turn metric rows read from turn records, for charts, the CSV and the report.

A record may be a `TurnRecord` (with `.turn`, `.orders`, `.report`), its plain-data form
`{"turn", "orders", "report"}` as stored in a save, or a `TurnRow` already.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TurnRow:
    turn: int
    produced: float = 0.0
    shipped: float = 0.0
    seized: float = 0.0
    delivered: float = 0.0
    detected: float = 0.0
    baseline_delivered: float | None = None  # None: no baseline game was run
    hindsight_seizable: float = 0.0
    hindsight_expected: float = 0.0
    delivered_reduction: float = 0.0
    leaks: int = 0
    events: tuple[str, ...] = ()
    by_route: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    by_nation: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    by_alliance: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    @property
    def seized_share(self) -> float:
        """Seized / shipped this turn (0 when nothing shipped)."""
        return self.seized / self.shipped if self.shipped > 0 else 0.0

    @property
    def hindsight_share(self) -> float:
        """Expected seizure of the actual placement / of the best placement of the same
        assets (the engine's hindsight ratio; 1 when nothing could be seized)."""
        if self.hindsight_seizable <= 0:
            return 1.0
        return min(1.0, self.hindsight_expected / self.hindsight_seizable)


def report_data(record: Any) -> dict[str, Any]:
    """The plain-data turn report of a record."""
    if isinstance(record, Mapping):
        rep = record.get("report", record)
    else:
        rep = getattr(record, "report", record)
    if isinstance(rep, Mapping):
        return dict(rep)
    to_data = getattr(rep, "to_data", None)
    if callable(to_data):
        return dict(to_data())
    raise TypeError(f"not a turn record: {type(record).__name__}")


def orders_data(record: Any) -> dict[str, Any]:
    """The plain-data turn orders of a record ({} when it has none)."""
    orders = record.get("orders") if isinstance(record, Mapping) else getattr(record, "orders", None)
    if orders is None:
        return {}
    if isinstance(orders, Mapping):
        return dict(orders)
    return dict(orders.to_data())


def record_turn(record: Any) -> int:
    if isinstance(record, Mapping):
        return int(record.get("turn", report_data(record).get("turn", 0)))
    turn = getattr(record, "turn", None)
    return int(turn if turn is not None else report_data(record).get("turn", 0))


def _num(d: Mapping[str, Any], key: str) -> float:
    v = d.get(key, 0.0)
    return float(v) if isinstance(v, int | float) else 0.0


def _opt(d: Mapping[str, Any], key: str) -> float | None:
    v = d.get(key)
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _event_ids(rep: Mapping[str, Any]) -> tuple[str, ...]:
    out = []
    for e in rep.get("events", ()) or ():
        out.append(str(e.get("id", "")) if isinstance(e, Mapping) else str(e))
    return tuple(out)


def _leak_count(rep: Mapping[str, Any]) -> int:
    leaks = rep.get("leaks", 0)
    if isinstance(leaks, list | tuple):
        return len(leaks)
    return int(leaks) if isinstance(leaks, int | float) else 0


def turn_row(record: Any) -> TurnRow:
    if isinstance(record, TurnRow):
        return record
    rep = report_data(record)
    return TurnRow(
        turn=record_turn(record),
        produced=_num(rep, "produced"),
        shipped=_num(rep, "shipped"),
        seized=_num(rep, "seized"),
        delivered=_num(rep, "delivered"),
        detected=_num(rep, "detected"),
        baseline_delivered=_opt(rep, "baseline_delivered"),
        hindsight_seizable=_num(rep, "hindsight_seizable"),
        hindsight_expected=_num(rep, "hindsight_expected"),
        delivered_reduction=_num(rep, "delivered_reduction"),
        leaks=_leak_count(rep),
        events=_event_ids(rep),
        by_route={k: dict(v) for k, v in (rep.get("by_route") or {}).items()},
        by_nation={k: dict(v) for k, v in (rep.get("by_nation") or {}).items()},
        by_alliance={k: dict(v) for k, v in (rep.get("by_alliance") or {}).items()},
    )


def turn_rows(records: Sequence[Any]) -> list[TurnRow]:
    return [turn_row(r) for r in records]


def _field(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, Mapping) else getattr(obj, name, default)


def _is_human(seat: Any) -> bool:
    """A seat in save form ({"control": "human"}), as a `Seat` (.human) or as text."""
    if isinstance(seat, str):
        return seat == "human"
    if isinstance(seat, Mapping):
        return seat.get("control") == "human" or bool(seat.get("human"))
    return bool(getattr(seat, "human", False))


def seat_history(start: Mapping[str, Any], records: Sequence[Any]
                 ) -> dict[str, list[tuple[int, str]]]:
    """Who played each side, turn by turn, from the seats of turn 1 and the white cell's
    seat changes in the turns' orders: {side: [(turn, "human" | "ai:<policy>"), ...]} with an
    entry for turn 1 and one for each turn a change took effect. Records may be TurnRecord
    objects or their save form."""
    def spec(seat: Any) -> str:
        if _is_human(seat):
            return "human"
        return f"ai:{_field(seat, 'policy', '') or 'default'}"

    now = {side: spec(seat) for side, seat in start.items()}
    out = {side: [(1, s)] for side, s in now.items()}
    for rec in records:
        turn = int(_field(rec, "turn", 0))
        orders = _field(rec, "orders", {}) or {}
        for act in _field(orders, "instructor", ()) or ():
            if _field(act, "kind") != "seat":
                continue
            side = str(_field(act, "target", "")).partition(":")[2]
            value = str(_field(act, "value", ""))
            if side in now and value != now[side]:
                now[side] = value
                hist = out[side]
                if hist[-1][0] == turn:
                    hist[-1] = (turn, value)
                else:
                    hist.append((turn, value))
    return out


def human_turns(history: Mapping[str, list[tuple[int, str]]], last: int
                ) -> dict[str, set[int]]:
    """The turns (1..last) in which students played each side, from `seat_history`. A turn
    in which a side changed hands counts for students either way: their orders may already
    have been in when the white cell handed the side over."""
    out: dict[str, set[int]] = {}
    for side, changes in history.items():
        turns: set[int] = set()
        for k, (start, spec) in enumerate(changes):
            end = changes[k + 1][0] - 1 if k + 1 < len(changes) else last
            if spec == "human":
                turns.update(range(start, end + 1))
            elif k > 0 and changes[k - 1][1] == "human":
                turns.add(start)  # handed to the computer this turn
        out[side] = turns
    return out


def computer_played(history: Mapping[str, Sequence[tuple[int, str]]], side: str, turn: int,
                    rationale: str = "") -> str | None:
    """The seat ("ai:baseline") when the computer played `side` in `turn`, None when
    students did, from `records.seat_history` and the orders' `rationale`: the computer's
    orders carry its policy's own rationale ("baseline policy"). In a turn in which the white
    cell handed the side from students to the computer, the orders are the students' unless
    they carry it (theirs were in before the hand-over); orders given for a computer's seat
    from outside (a script) with a rationale of their own are quoted as such."""
    changes = list(history.get(side) or ())
    before = [spec for start, spec in changes if start < turn]
    now = [spec for start, spec in changes if start <= turn]
    if not now or now[-1] == "human":
        return None
    spec = now[-1]
    own = policy_rationales(spec)
    handed_now = any(start == turn for start, _ in changes) and bool(before) and \
        before[-1] == "human"
    if handed_now:
        return spec if rationale in own else None
    return None if rationale and rationale not in own else spec


def policy_rationales(spec: str) -> set[str]:
    """The rationales the computer's policy of seat `spec` ("ai:baseline") writes in its
    orders: its own ("baseline policy", "adaptive policy", "random"), as game.ai.policies
    signs them: a policy's `rationale`, or its name with or without " policy"."""
    from game.ai.policies import BLUE_POLICIES, RED_POLICIES

    name = spec.removeprefix("ai:")
    out = {name, f"{name} policy"}
    for table in (BLUE_POLICIES, RED_POLICIES):
        text = getattr(table.get(name), "rationale", None)
        if text:
            out.add(str(text))
    return out
