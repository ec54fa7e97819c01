"""The Game session: seats, the current state, the no-action shadow game and the history.

The CLI, the UI and persistence all drive games through this class:

    game = Game.new(scenario, seed=7, seats={"usa": Seat.human(), "cartel": Seat.ai("fixed")})
    obs = game.observation("usa")          # what that seat may see
    errors = game.submit("usa", orders)    # [] if accepted
    game.instructor(action)                # white-cell actions for this turn
    report = game.end_turn()               # AI seats decide; the turn resolves
    game.history                           # [TurnRecord(turn, orders, report), ...]
    Game.replay(scenario, seed, seats, records)  # re-run recorded orders exactly

Random streams: the turn resolves with turn_rng(seed, turn, "resolve"); AI seat `side`
draws from turn_rng(seed, turn, f"ai:{side}"). The shadow game (every nation passive, same
traffickers' policies, same seed) gives `baseline_delivered` each turn.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from game.ai.policies import BLUE_POLICIES, RED_POLICIES
from game.core.errors import InterdictError
from game.core.model import Scenario, frozen_map
from game.core.observe import Observation, observe
from game.core.orders import (
    BlueOrders,
    InstructorAction,
    RedOrders,
    TurnOrders,
    validate_orders,
)
from game.core.report import TurnReport
from game.core.resolve import resolve, validate_instructor
from game.core.rng import LazyGenerator, turn_rng
from game.core.state import TOT_BASELINE, TOT_DELIVERED, State, initial_state


@dataclass(frozen=True)
class Seat:
    """Who plays a side: a human, or an AI policy (by name)."""
    human: bool = False
    policy: str = ""

    @classmethod
    def ai(cls, policy: str) -> Seat:
        return cls(human=False, policy=policy)

    @classmethod
    def person(cls) -> Seat:
        return cls(human=True, policy="")

    @classmethod
    def from_spec(cls, spec: str) -> Seat:
        """The seat of a seat plan's or a white-cell action's text: "human" or "ai:<policy>"."""
        return cls.person() if spec == "human" else cls.ai(spec.removeprefix("ai:"))

    @property
    def spec(self) -> str:
        """This seat as "human" or "ai:<policy>" (`from_spec` reads it back)."""
        return "human" if self.human else f"ai:{self.policy}"

    def to_data(self) -> dict:
        return {"human": self.human, "policy": self.policy}

    @classmethod
    def from_data(cls, data: Any) -> Seat:
        if isinstance(data, str):
            return cls(human=data == "human", policy="" if data == "human" else data)
        if not isinstance(data, Mapping):
            raise InterdictError(f"a seat is 'human', a policy name or a mapping, not {data!r}")
        return cls(human=bool(data.get("human", False)), policy=str(data.get("policy", "") or ""))


@dataclass(frozen=True)
class TurnRecord:
    turn: int
    orders: TurnOrders
    report: TurnReport

    def to_data(self) -> dict:
        return {"turn": self.turn, "orders": self.orders.to_data(),
                "report": self.report.to_data()}

    @classmethod
    def from_data(cls, data: Mapping) -> TurnRecord:
        return cls(turn=int(data["turn"]), orders=TurnOrders.from_data(data["orders"]),
                   report=TurnReport.from_data(data["report"]))


def default_seats(scenario: Scenario, blue: str | None = None, red: str | None = None
                  ) -> dict[str, Seat]:
    """Every side on AI: each nation's and trafficker's own `ai` field unless overridden."""
    seats = {}
    for nid, n in scenario.nations.items():
        seats[nid] = Seat.ai(blue or n.ai or "baseline")
    for tid, t in scenario.traffickers.items():
        seats[tid] = Seat.ai(red or t.ai or "adaptive")
    return seats


def _policy(side_is_blue: bool, name: str):
    table = BLUE_POLICIES if side_is_blue else RED_POLICIES
    if name not in table:
        kind = "Blue" if side_is_blue else "Red"
        raise InterdictError(
            f"unknown {kind} policy {name!r} (choose one of: {', '.join(table)})")
    return table[name]


@dataclass(eq=False)
class Game:
    scenario: Scenario
    seed: int
    seats: dict[str, Seat]
    state: State
    shadow: State | None
    history: list[TurnRecord] = field(default_factory=list)
    pending: dict[str, Any] = field(default_factory=dict)
    pending_instructor: list[InstructorAction] = field(default_factory=list)
    standing: dict[str, BlueOrders | RedOrders] = field(default_factory=dict)
    baseline: bool = True
    # who played each side at turn 1 (the white cell may change `seats` since): a replay
    # starts from these and re-applies the recorded seat changes, because the no-action
    # shadow game's traffickers play by their seats
    start_seats: dict[str, Seat] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.start_seats:
            self.start_seats = dict(self.seats)

    # ------------------------------------------------------------------ creation
    @classmethod
    def new(cls, scenario: Scenario, seed: int | None = None,
            seats: Mapping[str, Seat | str | Mapping] | None = None,
            baseline: bool = True) -> Game:
        """A new game. `seats` may name only some sides; the rest are AI with their default
        policy. `baseline=False` skips the no-action shadow game (faster, no baseline)."""
        seed = scenario.seed if seed is None else int(seed)
        full = default_seats(scenario)
        for side, s in (seats or {}).items():
            if side not in full:
                raise InterdictError(f"seat {side!r} is not a nation or trafficker of "
                                     f"scenario {scenario.id}")
            full[side] = s if isinstance(s, Seat) else Seat.from_data(s)
        for side, s in full.items():
            if not s.human:
                _policy(side in scenario.nations, s.policy)
        state = initial_state(scenario, seed)
        return cls(scenario=scenario, seed=seed, seats=full, state=state,
                   shadow=state if baseline else None, baseline=baseline)

    # ------------------------------------------------------------------ play
    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def is_over(self) -> bool:
        return self.state.is_over

    def observation(self, side: str) -> Observation:
        return observe(self.state, side)

    def human_sides(self) -> list[str]:
        return [s for s, seat in self.seats.items() if seat.human]

    def submit(self, side: str, orders: BlueOrders | RedOrders) -> list[str]:
        """Validate and record `side`'s orders for this turn; [] if accepted. Submitting
        again replaces the earlier orders (undo before the turn ends)."""
        if self.is_over:
            return ["the game is over"]
        partial = TurnOrders(turn=self.turn, blue=frozen_map(
            {k: v for k, v in {**self.pending, side: orders}.items() if isinstance(v, BlueOrders)}))
        errs = validate_orders(self.state, side, orders, partial)
        if not errs:
            self.pending[side] = orders
        return errs

    def withdraw(self, side: str) -> None:
        self.pending.pop(side, None)

    def set_standing(self, side: str, orders: BlueOrders | RedOrders) -> None:
        """Orders re-used every turn for `side` unless it submits others."""
        self.standing[side] = orders

    def instructor(self, action: InstructorAction) -> list[str]:
        errs = validate_instructor(self.state, action)
        if not errs and action.kind == "seat":
            # who plays a side changes now (this turn's decision is the new player's), and the
            # action is logged with the turn like any other
            errs = self._change_seat(action)
        if not errs:
            self.pending_instructor.append(action)
        return errs

    def _change_seat(self, action: InstructorAction) -> list[str]:
        """Apply a (valid) white-cell seat change; [] if applied."""
        side = action.target.partition(":")[2]
        seat = Seat.from_spec(str(action.value))
        if not seat.human:
            try:
                _policy(side in self.scenario.nations, seat.policy)
            except InterdictError as exc:
                return [f"seat: {exc}"]
        self.seats[side] = seat
        return []

    def waiting_for(self) -> list[str]:
        """Human seats that have not submitted orders this turn."""
        return [s for s in self.human_sides() if s not in self.pending]

    def ai_orders(self, state: State, side: str, passive_blue: bool = False):
        seat = self.seats[side]
        is_blue = side in self.scenario.nations
        if is_blue and passive_blue:
            return BlueOrders(nation=side)
        if not is_blue and seat.human:
            policy = RED_POLICIES["adaptive"]  # the shadow game needs a Red decision
        elif seat.human:
            return BlueOrders(nation=side)
        else:
            policy = _policy(is_blue, seat.policy)
        rng = LazyGenerator(self.seed, state.turn, f"ai:{side}")
        return policy.choose(observe(state, side), rng)

    def collect_orders(self) -> TurnOrders:
        blue, red = {}, {}
        for side, seat in self.seats.items():
            is_blue = side in self.scenario.nations
            if side in self.pending:
                o = self.pending[side]
            elif side in self.standing:
                o = self.standing[side]
            elif seat.human:
                o = BlueOrders(nation=side) if is_blue else RedOrders(trafficker=side)
            else:
                o = self.ai_orders(self.state, side)
            (blue if is_blue else red)[side] = o
        return TurnOrders(turn=self.turn, blue=frozen_map(blue), red=frozen_map(red),
                          instructor=tuple(self.pending_instructor))

    def end_turn(self, orders: TurnOrders | None = None) -> TurnReport:
        """Resolve the turn (AI seats decide now) and return its report."""
        if self.is_over:
            raise InterdictError("the game is over: no more turns to play")
        orders = orders if orders is not None else self.collect_orders()
        return self._apply(orders)

    def _apply(self, orders: TurnOrders) -> TurnReport:
        turn = self.state.turn
        seed = self.seed
        state = self.state
        for act in orders.instructor:  # a replay re-applies the turn's seat changes (live
            if act.kind == "seat" and not validate_instructor(state, act):  # play: no-op)
                self._change_seat(act)
        sh_report = None
        if self.shadow is not None:
            # the shadow (no-action) game goes first, so this turn's metrics and objectives
            # in the real game already compare against this turn's baseline
            sh_red = {}
            for side in self.scenario.traffickers:
                # a human Red's orders may not fit the shadow's stock: the AI plays it there
                sh_red[side] = self.ai_orders(self.shadow, side)
            passthrough = tuple(
                a for a in orders.instructor
                if a.kind == "fire_event" or (a.kind == "adjust" and a.field != "seized"
                                              and not a.target.startswith("nation:")))
            sh_orders = TurnOrders(turn=turn, red=frozen_map(sh_red), instructor=passthrough)
            self.shadow, sh_report = resolve(self.shadow, sh_orders,
                                             turn_rng(seed, turn, "resolve"))
            ct = state.c_tot.copy()
            ct[TOT_BASELINE] = float(self.shadow.c_tot[TOT_DELIVERED])
            state = state.replace_arrays(c_tot=ct)
        self.state, report = resolve(state, orders, turn_rng(seed, turn, "resolve"))
        if sh_report is not None:
            ct = self.state.c_tot
            base_cum = float(ct[TOT_BASELINE])
            red_ = 1.0 - float(ct[TOT_DELIVERED]) / base_cum if base_cum > 0 else 0.0
            report = report.with_baseline(sh_report.delivered, red_)
        self.history.append(TurnRecord(turn=turn, orders=orders, report=report))
        self.pending = {}
        self.pending_instructor = []
        return report

    def play(self, turns: int | None = None) -> list[TurnReport]:
        """Play `turns` turns (default: to the end) with the seats as they are."""
        out = []
        while not self.is_over and (turns is None or len(out) < turns):
            out.append(self.end_turn())
        return out

    # ------------------------------------------------------------------ replay
    @classmethod
    def replay(cls, scenario: Scenario, seed: int, seats: Mapping[str, Any] | None,
               records: Iterable[TurnRecord | TurnOrders], baseline: bool = True) -> Game:
        """Re-run recorded orders from the seed. Each record's report is compared with the
        new one by the caller (see `first_divergence`)."""
        game = cls.new(scenario, seed, seats, baseline=baseline)
        for rec in records:
            orders = rec.orders if isinstance(rec, TurnRecord) else rec
            if game.is_over:
                break
            game._apply(orders)
        return game

    def first_divergence(self, records: Iterable[TurnRecord]) -> int | None:
        """The first turn whose recorded report differs from this game's, or None."""
        mine = {r.turn: r.report.to_data() for r in self.history}
        for rec in records:
            if mine.get(rec.turn) != rec.report.to_data():
                return rec.turn
        return None

    def objectives(self) -> dict:
        from game.core.metrics import objective_results
        from game.core.network import compiled

        return objective_results(compiled(self.scenario), self.state)

    def seat_data(self) -> dict:
        return {k: v.to_data() for k, v in self.seats.items()}


def headline(report: TurnReport) -> dict[str, float]:
    return {"produced": report.produced, "shipped": report.shipped, "seized": report.seized,
            "delivered": report.delivered, "detected": report.detected}


__all__ = ["Game", "Seat", "TurnRecord", "default_seats", "headline"]
