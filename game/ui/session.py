"""The UI's side of a game: the seat plan, the hot-seat order, each human seat's draft orders
(with undo), the instructor's log, and autosaves. It talks to the engine only through
`game.ai.session.Game`, the order types, `validate_orders`, observations and reports.

No pygame here: the scenes call these methods, and tests can use them directly.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from pathlib import Path

from game.core.errors import InterdictError
from game.core.model import SHARING, Scenario

BLUE_CHOICES: tuple[tuple[str, str], ...] = (
    ("human", "Human"),
    ("ai:baseline", "AI: baseline"),
    ("ai:passive", "AI: passive (does nothing)"),
    ("ai:aggressive", "AI: aggressive"),
)
RED_CHOICES: tuple[tuple[str, str], ...] = (
    ("ai:adaptive", "AI: adaptive"),
    ("ai:fixed", "AI: fixed (never reroutes)"),
    ("human", "Human"),
)
# Funding categories shown as sliders, in order, with what each buys.
FUNDING: tuple[tuple[str, str, str], ...] = (
    ("operations", "Operations", "pays the upkeep of the assets you deploy this turn"),
    ("intelligence", "Intelligence", "raises your intelligence: better flow estimates, more detection"),
    ("governance", "Governance", "lowers your own corruption and violence, slowly (pays late)"),
    ("capacity_building", "Capacity building", "raises a partner's governance and the alliance's interoperability"),
    ("alliance_fund", "Alliance fund", "pooled money that raises the alliance's interoperability"),
    ("procurement", "Procurement", "buys new assets; they arrive after their lead time"),
)
FUNDING_KEYS = tuple(k for k, _, _ in FUNDING)


@dataclass
class SeatPlan:
    seats: dict[str, str]  # side id -> "human" | "ai:<policy>"
    seed: int
    rationale_required: bool = False

    @classmethod
    def default(cls, scenario: Scenario, seed: int | None = None) -> SeatPlan:
        seats: dict[str, str] = {}
        for nid in scenario.nations:
            seats[nid] = "human"
        for tid, t in scenario.traffickers.items():
            seats[tid] = f"ai:{t.ai}" if f"ai:{t.ai}" in dict(RED_CHOICES) else "ai:adaptive"
        return cls(seats, int(scenario.seed if seed is None else seed),
                   bool(scenario.rationale_required))

    @classmethod
    def demo(cls, scenario: Scenario, seed: int | None = None) -> SeatPlan:
        plan = cls.default(scenario, seed)
        for nid, n in scenario.nations.items():
            plan.seats[nid] = f"ai:{n.ai}" if f"ai:{n.ai}" in dict(BLUE_CHOICES) else "ai:baseline"
        return plan


@dataclass
class Draft:
    """One Blue seat's choices this turn, as plain data (the widgets are rebuilt from it)."""

    nation: str
    funding: dict[str, float]
    capacity_partner: str | None
    sharing: dict[str, str]
    deploy: dict[str, dict[str, int]] = field(default_factory=dict)
    grant_access: set[str] = field(default_factory=set)
    buy: dict[str, int] = field(default_factory=dict)
    rationale: str = ""

    def snapshot(self) -> Draft:
        return copy.deepcopy(self)

    def to_orders(self):
        from game.core.orders import BlueOrders, Funding

        f = self.funding
        cb = {}
        if f.get("capacity_building", 0) > 0 and self.capacity_partner:
            cb = {self.capacity_partner: _r(f["capacity_building"])}
        af = {"*": _r(f["alliance_fund"])} if f.get("alliance_fund", 0) > 0 else {}
        funding = Funding(operations=_r(f["operations"]), procurement=_r(f["procurement"]),
                          intelligence=_r(f["intelligence"]), governance=_r(f["governance"]),
                          capacity_building=cb, alliance_fund=af)
        deploy = {r: {a: int(c) for a, c in d.items() if c > 0}
                  for r, d in self.deploy.items() if any(c > 0 for c in d.values())}
        return BlueOrders(nation=self.nation, funding=funding, sharing=dict(self.sharing),
                          deploy=deploy, grant_access=tuple(sorted(self.grant_access)),
                          buy={a: c for a, c in self.buy.items() if c > 0},
                          rationale=self.rationale.strip())

    def deployed_count(self, asset: str) -> int:
        return sum(d.get(asset, 0) for d in self.deploy.values())


def _r(x: float) -> float:
    """Round a funding figure to 0.01 points (keeps sums within the budget)."""
    return math.floor(x * 100 + 1e-6) / 100


def rebalance(funding: dict[str, float], key: str, value: float, total: float,
              locked: tuple[str, ...] = ()) -> dict[str, float]:
    """Set one category and scale the others so that the sum stays `total`.

    The others keep their proportions; if they are all zero, the rest is shared equally
    among them. `locked` categories are not changed unless nothing else can absorb."""
    value = max(0.0, min(total, float(value)))
    out = dict(funding)
    out[key] = value
    others = [k for k in out if k != key and k not in locked]
    if not others:
        others = [k for k in out if k != key]
    rest = total - value - sum(out[k] for k in out if k != key and k not in others)
    if rest < 0:  # locked ones are too big: take from them too
        others = [k for k in out if k != key]
        rest = total - value
    current = sum(out[k] for k in others)
    if current > 1e-12:
        for k in others:
            out[k] = out[k] * rest / current
    elif others:
        for k in others:
            out[k] = rest / len(others)
    return out


class Session:
    """A game in the UI: the engine's Game plus what the hot-seat table needs."""

    def __init__(self, scenario: Scenario, plan: SeatPlan, game, *, instructor: bool = False,
                 saves_dir: str | Path | None = None, autosave: bool = True) -> None:
        self.scenario = scenario
        self.plan = plan
        self.game = game
        self.instructor = instructor
        self.drafts: dict[str, Draft] = {}
        self.undo: dict[str, list[Draft]] = {}
        self.submitted: dict[str, object] = {}
        self.seat_pos = 0
        self.log: list[str] = []  # instructor actions and rationales, as shown in the debrief
        self.reports: list[object] = []
        self.news: list[str] = []
        self.paused = False
        self.saves_dir = Path(saves_dir) if saves_dir else None
        self.autosave_enabled = autosave
        self.last_autosave: Path | None = None
        self.autosave_error: str | None = None
        self.pending_instructor: list[object] = []

    # ----- construction ---------------------------------------------------------------------
    @classmethod
    def new(cls, scenario: Scenario, plan: SeatPlan, *, instructor: bool = False,
            saves_dir: str | Path | None = None, autosave: bool = True) -> Session:
        from game.ai.session import Game

        game = Game.new(scenario, seed=plan.seed, seats=engine_seats(plan))
        return cls(scenario, plan, game, instructor=instructor, saves_dir=saves_dir,
                   autosave=autosave)

    @classmethod
    def from_save(cls, path: str | Path, *, instructor: bool = False,
                  saves_dir: str | Path | None = None) -> Session:
        from game.persistence.games import load_game

        game = load_game(path)
        seats = {}
        for side, seat in _game_seats(game).items():
            seats[side] = seat
        plan = SeatPlan(seats, int(getattr(game, "seed", 0)),
                        bool(game.scenario.rationale_required))
        s = cls(game.scenario, plan, game, instructor=instructor, saves_dir=saves_dir)
        s.reports = [rec.report for rec in getattr(game, "history", [])]
        return s

    # ----- who plays ------------------------------------------------------------------------
    def human_seats(self) -> list[str]:
        sc = self.scenario
        order = list(sc.nations) + list(sc.traffickers)
        return [s for s in order if self.plan.seats.get(s) == "human"]

    def side_name(self, side: str) -> str:
        sc = self.scenario
        if side in sc.nations:
            return sc.nations[side].name
        if side in sc.traffickers:
            return sc.traffickers[side].name
        return side

    def delegation_name(self, side: str) -> str:
        name = self.side_name(side)
        return f"{name} delegation" if side in self.scenario.nations else f"{name} team"

    def objectives_for(self, side: str) -> list:
        sc = self.scenario
        mine = [f"nation:{side}", f"trafficker:{side}"]
        for aid, al in sc.alliances.items():
            if side in al.members:
                mine.append(f"alliance:{aid}")
        return [o for o in sc.objectives.values() if o.side in mine]

    @property
    def turn(self) -> int:
        return int(self.game.state.turn)

    @property
    def is_over(self) -> bool:
        return bool(self.game.is_over)

    def turn_title(self) -> str:
        return f"{self.scenario.turn_name(self.turn)} of {self.scenario.turns}"

    def current_seat(self) -> str | None:
        seats = self.human_seats()
        return seats[self.seat_pos] if self.seat_pos < len(seats) else None

    def waiting_after(self, side: str) -> list[str]:
        seats = self.human_seats()
        if side not in seats:
            return []
        return [self.side_name(s) for s in seats[seats.index(side) + 1:]]

    # ----- observations ----------------------------------------------------------------------
    def observation(self, side: str):
        return self.game.observation(side)

    def state(self):
        """The engine state, for the instructor's true view and for validation only."""
        return self.game.state

    # ----- drafts ------------------------------------------------------------------------------
    def draft(self, side: str) -> Draft:
        d = self.drafts.get(side)
        if d is None:
            d = self.default_draft(side)
            self.drafts[side] = d
            self.undo[side] = []
        return d

    def budget(self, side: str) -> float:
        obs = self.observation(side)
        for name in ("budget_available", "available", "budget"):
            v = getattr(obs, name, None)
            if isinstance(v, int | float):
                return float(v)
        return float(self.scenario.nations[side].budget)

    def partners(self, side: str) -> list[str]:
        """Nations this nation may share with: its alliance partners first, then the rest."""
        sc = self.scenario
        allied = []
        for al in sc.alliances.values():
            if side in al.members:
                allied += [m for m in al.members if m != side and m not in allied]
        return allied + [n for n in sc.nations if n != side and n not in allied]

    def allied_partners(self, side: str) -> list[str]:
        sc = self.scenario
        out: list[str] = []
        for al in sc.alliances.values():
            if side in al.members:
                out += [m for m in al.members if m != side and m not in out]
        return out

    def default_sharing(self, side: str, partner: str) -> str:
        best = "none"
        for al in self.scenario.alliances.values():
            if side in al.members and partner in al.members:
                if SHARING.index(al.intel_sharing) > SHARING.index(best):
                    best = al.intel_sharing
        return best

    def default_draft(self, side: str) -> Draft:
        budget = self.budget(side)
        funding = {k: 0.0 for k in FUNDING_KEYS}
        alliances = any(side in al.members for al in self.scenario.alliances.values())
        partners = self.allied_partners(side)
        shares = {"operations": 0.45, "intelligence": 0.25, "governance": 0.2,
                  "capacity_building": 0.1 if partners else 0.0,
                  "alliance_fund": 0.0, "procurement": 0.0}
        if not partners:
            shares["governance"] += 0.1
        s = sum(shares.values())
        for k, v in shares.items():
            funding[k] = budget * v / s
        _ = alliances
        sharing = {p: self.default_sharing(side, p) for p in self.partners(side)}
        last = self.last_orders(side)
        d = Draft(side, funding, partners[0] if partners else None, sharing)
        if last is not None:  # start from last turn's sharing and access (a seat's habits)
            for p, lvl in dict(getattr(last, "sharing", {})).items():
                if p in d.sharing:
                    d.sharing[p] = lvl
            if getattr(last, "grant_access", None):
                d.grant_access = set(last.grant_access)
        return d

    def last_orders(self, side: str):
        hist = getattr(self.game, "history", None) or []
        if not hist:
            return None
        orders = getattr(hist[-1], "orders", None)
        blue = getattr(orders, "blue", {}) if orders is not None else {}
        return blue.get(side) if hasattr(blue, "get") else None

    def change(self, side: str, fn) -> None:
        """Apply `fn(draft)` as one undoable step."""
        d = self.draft(side)
        before = d.snapshot()
        fn(d)
        self.undo.setdefault(side, []).append(before)
        if len(self.undo[side]) > 200:
            del self.undo[side][0]

    def undo_last(self, side: str) -> bool:
        stack = self.undo.get(side) or []
        if not stack:
            return False
        self.drafts[side] = stack.pop()
        return True

    def reset_draft(self, side: str) -> None:
        self.change(side, lambda d: d.__dict__.update(self.default_draft(side).__dict__))

    # the three decisions, each an undoable step
    def set_funding(self, side: str, key: str, value: float) -> None:
        total = self.budget(side)
        self.change(side, lambda d: d.funding.update(rebalance(d.funding, key, value, total)))

    def set_sharing(self, side: str, partner: str, level: str) -> None:
        if level not in SHARING:
            raise InterdictError(f"sharing level {level!r} is not one of none, partial, full")
        self.change(side, lambda d: d.sharing.__setitem__(partner, level))

    def set_capacity_partner(self, side: str, partner: str) -> None:
        self.change(side, lambda d: setattr(d, "capacity_partner", partner))

    def set_access(self, side: str, guest: str, granted: bool) -> None:
        def f(d: Draft) -> None:
            if granted:
                d.grant_access.add(guest)
            else:
                d.grant_access.discard(guest)
        self.change(side, f)

    def set_rationale(self, side: str, text: str) -> None:
        d = self.draft(side)
        if d.rationale != text:
            self.change(side, lambda d: setattr(d, "rationale", text))

    def deploy(self, side: str, route: str, asset: str, delta: int) -> list[str]:
        """Add (or remove, delta < 0) assets on a route; returns the reasons it is illegal
        (and then changes nothing)."""
        d = self.draft(side)
        cur = d.deploy.get(route, {}).get(asset, 0)
        new = max(0, cur + delta)
        if new == cur:
            return []
        if delta > 0:
            reasons = self.deploy_reasons(side, route, asset)
            if reasons:
                return reasons

        def f(d: Draft) -> None:
            d.deploy.setdefault(route, {})[asset] = new
            if not any(d.deploy[route].values()):
                del d.deploy[route]
            # keep operations funded for the upkeep
            need = self.upkeep(side, d)
            if d.funding["operations"] + 1e-9 < need:
                d.funding.update(rebalance(d.funding, "operations", need, self.budget(side)))
        self.change(side, f)
        return []

    def free_assets(self, side: str, asset: str, draft: Draft | None = None) -> int:
        d = draft or self.draft(side)
        return self.owned_assets(side).get(asset, 0) - d.deployed_count(asset)

    def owned_assets(self, side: str) -> dict[str, int]:
        obs = self.observation(side)
        for name in ("assets", "own_assets"):
            v = getattr(obs, name, None)
            if v is not None and hasattr(v, "items"):
                return {str(k): int(c) for k, c in v.items()}
        return dict(self.scenario.nations[side].assets)

    def upkeep(self, side: str, draft: Draft | None = None) -> float:
        d = draft or self.draft(side)
        types = self.scenario.asset_types
        return sum(types[a].upkeep * c for r in d.deploy.values() for a, c in r.items()
                   if a in types)

    def deploy_reasons(self, side: str, route: str, asset: str) -> list[str]:
        """Why one more `asset` on `route` would be illegal (empty: it is legal)."""
        d = self.draft(side)
        if asset not in self.scenario.asset_types:
            return [f"{asset} is not an asset type in this scenario"]
        if self.free_assets(side, asset, d) <= 0:
            name = self.scenario.asset_types[asset].name
            return [f"no {name} left to deploy"]
        trial = d.snapshot()
        trial.deploy.setdefault(route, {})
        trial.deploy[route][asset] = trial.deploy[route].get(asset, 0) + 1
        need = self.upkeep(side, trial)
        trial.funding = rebalance(trial.funding, "operations",
                                  max(need, trial.funding["operations"]), self.budget(side))
        reasons = [r for r in self.validate(side, trial) if r.startswith("deploy")]
        return [r.removeprefix("deploy: ") for r in reasons]

    def validate(self, side: str, draft: Draft | None = None) -> list[str]:
        from game.core.orders import validate_orders

        d = draft or self.draft(side)
        reasons = list(validate_orders(self.game.state, side, d.to_orders(),
                                       self._turn_orders_so_far()))
        if self.plan.rationale_required and not d.rationale.strip():
            msg = "rationale: this exercise requires a short rationale for each turn's orders"
            if msg not in reasons:
                reasons.append(msg)
        return reasons

    def _turn_orders_so_far(self):
        from game.core.orders import BlueOrders, TurnOrders

        blue = {s: o for s, o in self.submitted.items() if isinstance(o, BlueOrders)}
        # access grants drafted by other human seats count too (they play before End turn)
        return TurnOrders(turn=self.turn, blue=blue)

    # ----- ending a seat's turn and the turn ------------------------------------------------
    def submit(self, side: str) -> list[str]:
        reasons = self.validate(side)
        if reasons:
            return reasons
        orders = self.draft(side).to_orders()
        errs = list(self.game.submit(side, orders) or [])
        if errs:
            return errs
        self.submitted[side] = orders
        if orders.rationale:
            self.log.append(f"{self.scenario.turn_name(self.turn)}, {self.side_name(side)}: "
                            f"{orders.rationale}")
        self.seat_pos += 1
        return []

    def all_seated(self) -> bool:
        return self.seat_pos >= len(self.human_seats())

    def end_turn(self):
        report = self.game.end_turn()
        self.reports.append(report)
        self.drafts.clear()
        self.undo.clear()
        self.submitted.clear()
        self.seat_pos = 0
        self.autosave()
        return report

    def autosave(self) -> Path | None:
        if not self.autosave_enabled:
            return None
        try:
            from game.persistence.autosave import Autosaver

            saver = Autosaver(self.saves_dir) if self.saves_dir else Autosaver()
            self.last_autosave = saver.save(self.game)
            self.autosave_error = None
        except InterdictError as exc:
            self.autosave_error = str(exc)
        except ImportError as exc:
            self.autosave_error = f"autosave unavailable: {exc}"
        return self.last_autosave

    # ----- instructor -------------------------------------------------------------------------
    def instructor_action(self, action) -> list[str]:
        errs = list(self.game.instructor(action) or [])
        if not errs:
            self.log.append(f"{self.scenario.turn_name(self.turn)}, WHITE CELL: "
                            f"{describe_action(self.scenario, action)}")
        return errs

    def save_snapshot(self, path: str | Path | None = None) -> Path:
        from game.persistence.games import save_game

        if path is None:
            folder = self.saves_dir or Path("saves")
            path = Path(folder) / f"{self.scenario.id}-snapshot-t{self.turn:02d}.json"
        save_game(self.game, Path(path))
        self.log.append(f"{self.scenario.turn_name(self.turn)}, WHITE CELL: saved a snapshot "
                        f"({Path(path).name})")
        return Path(path)


def describe_action(scenario: Scenario, a) -> str:
    kind = getattr(a, "kind", "")
    reason = getattr(a, "reason", "")
    if kind == "fire_event":
        ev = scenario.events.get(a.event)
        what = f"fired event '{ev.title if ev else a.event}'"
    elif kind == "inject":
        what = f"inject '{a.title}'"
    else:
        what = f"adjusted {a.target} {a.field} ({a.verb} {a.value})"
    return f"{what}; reason: {reason}" if reason else what


def engine_seats(plan: SeatPlan) -> dict[str, str]:
    """The seat plan in the engine's form."""
    return dict(plan.seats)


def _game_seats(game) -> dict[str, str]:
    seats = getattr(game, "seats", {}) or {}
    out = {}
    for side, seat in dict(seats).items():
        if isinstance(seat, str):
            out[side] = seat
        else:
            control = getattr(seat, "control", None) or (seat.get("control") if isinstance(seat, dict) else None)
            policy = getattr(seat, "policy", None) or (seat.get("policy") if isinstance(seat, dict) else None)
            out[side] = "human" if control == "human" else f"ai:{policy or 'baseline'}"
    return out
