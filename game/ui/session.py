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
from game.core.events import event_card, inject_card
from game.core.model import SHARING, Scenario
from game.core.network import compiled
from game.persistence.names import path_name

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
    ("operations", "Operations", "pays the upkeep of deployed assets"),
    ("intelligence", "Intelligence", "sharper flow estimates, more detection"),
    ("governance", "Governance", "less corruption and violence, slowly"),
    ("capacity_building", "Capacity building", "a partner's governance; interoperability"),
    ("alliance_fund", "Alliance fund", "pooled: raises interoperability"),
    ("procurement", "Procurement", "new assets, after their lead time"),
)
FUNDING_KEYS = tuple(k for k, _, _ in FUNDING)


def default_ai(scenario: Scenario, side: str) -> str:
    """The computer player a side gets: its scenario `ai` policy when the seats screen offers
    it, else baseline (nations) or adaptive (traffickers); as "ai:<policy>"."""
    if side in scenario.nations:
        choice = f"ai:{scenario.nations[side].ai}"
        return choice if choice in dict(BLUE_CHOICES) else "ai:baseline"
    choice = f"ai:{scenario.traffickers[side].ai}"
    return choice if choice in dict(RED_CHOICES) else "ai:adaptive"


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
        for tid in scenario.traffickers:
            seats[tid] = default_ai(scenario, tid)
        return cls(seats, int(scenario.seed if seed is None else seed),
                   bool(scenario.rationale_required))

    @classmethod
    def demo(cls, scenario: Scenario, seed: int | None = None) -> SeatPlan:
        plan = cls.default(scenario, seed)
        plan.set_nations(scenario, human=False)
        return plan

    def set_nations(self, scenario: Scenario, human: bool) -> None:
        """Every nation human, or every nation on the computer with its `default_ai`."""
        for nid in scenario.nations:
            self.seats[nid] = "human" if human else default_ai(scenario, nid)


def points_text(amount: float) -> str:
    """An amount of funding points: "1 point", "40 points", "2.5 points"."""
    return f"{amount:g} point" + ("" if amount == 1 else "s")


def funding_split(f) -> dict[str, float]:
    """An order's funding (`orders.Funding`) as the Funding tab's sliders hold it, one
    amount per category of FUNDING_KEYS (capacity building and the alliance fund summed)."""
    return {"operations": f.operations, "intelligence": f.intelligence,
            "governance": f.governance,
            "capacity_building": sum(dict(f.capacity_building).values()),
            "alliance_fund": sum(dict(f.alliance_fund).values()),
            "procurement": f.procurement}


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

    @classmethod
    def from_orders(cls, o, capacity_partner: str | None = None) -> Draft:
        """The draft that gives these orders back (`to_orders`): a seat that played before a
        save was reloaded sees what it submitted."""
        cb = {p: v for p, v in dict(o.funding.capacity_building).items() if v > 0}
        return cls(o.nation, funding_split(o.funding), next(iter(cb), capacity_partner),
                   dict(o.sharing),
                   {r: dict(d) for r, d in dict(o.deploy).items()},
                   set(o.grant_access or ()), dict(o.buy), o.rationale)

    def deployed_count(self, asset: str) -> int:
        return sum(d.get(asset, 0) for d in self.deploy.values())


@dataclass
class RedDraft:
    """A human trafficker seat's choices: tons per path, bribes, adaptations, routes to open."""

    trafficker: str
    flows: dict[str, float]  # path key -> tons
    bribes: dict[str, float] = field(default_factory=dict)
    adaptations: set[str] = field(default_factory=set)
    open_routes: set[str] = field(default_factory=set)
    rationale: str = ""

    def snapshot(self) -> RedDraft:
        return copy.deepcopy(self)

    @classmethod
    def from_orders(cls, o, path_keys) -> RedDraft:
        """The draft that gives these orders back (`to_orders`); `path_keys`: all of the
        trafficker's paths."""
        flows = {k: 0.0 for k in path_keys}
        flows.update({k: float(v) for k, v in dict(o.flows).items()})
        return cls(o.trafficker, flows, dict(o.bribes), set(o.adaptations),
                   set(o.open_routes), o.rationale)

    def to_orders(self):
        from game.core.orders import RedOrders

        return RedOrders(trafficker=self.trafficker,
                         flows={k: _r(v) for k, v in self.flows.items() if v > 0},
                         bribes={k: _r(v) for k, v in self.bribes.items() if v > 0},
                         adaptations=tuple(sorted(self.adaptations)),
                         open_routes=tuple(sorted(self.open_routes)),
                         rationale=self.rationale.strip())


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
        self._last_change: dict[str, str | None] = {}
        self._obs_cache: dict[tuple, object] = {}
        self.turn_limit: int | None = None
        self.autoplay = False  # an all-AI demonstration advances by itself
        self.access_requests: set[tuple[str, str]] = set()  # (guest, host), this turn
        # requests made after their host had played this turn: it reads them next turn
        self.late_requests: set[tuple[str, str]] = set()
        self.cards_seen: set[tuple[str, int]] = set()  # (side, turn) shown private cards
        self.requests_shown: set[tuple[str, str, int]] = set()  # (host, guest, turn)
        # (side, turn, card id): the cards a seat read in their own month (injects when they
        # were sent, before it played; the month's events when its turn opened), so that
        # the month's report does not bring them again
        self.cards_read: set[tuple[str, int, str]] = set()
        self._instructor_count = 0

    # ----- construction ---------------------------------------------------------------------
    @classmethod
    def new(cls, scenario: Scenario, plan: SeatPlan, *, instructor: bool = False,
            saves_dir: str | Path | None = None, autosave: bool = True) -> Session:
        from game.ai.session import Game

        source = Path(scenario.source) if scenario.source else None
        if source is not None and source.is_file():
            # read the file once, now: every save of this game embeds exactly this text
            from game.persistence.games import start_game

            game = start_game(source, seed=plan.seed, seats=engine_seats(plan))
            scenario = game.scenario
        else:
            game = Game.new(scenario, seed=plan.seed, seats=engine_seats(plan))
        if plan.rationale_required and not scenario.rationale_required:
            from game.persistence.games import game_meta

            game_meta(game).options["rationale_required"] = True  # kept in every save
        return cls(scenario, plan, game, instructor=instructor, saves_dir=saves_dir,
                   autosave=autosave)

    @classmethod
    def from_save(cls, path: str | Path, *, instructor: bool = False,
                  saves_dir: str | Path | None = None) -> Session:
        from game.persistence.games import game_meta, load_game

        game = load_game(path)
        seats = {}
        for side, seat in _game_seats(game).items():
            seats[side] = seat
        required = bool(game.scenario.rationale_required) or \
            bool(game_meta(game).options.get("rationale_required"))
        plan = SeatPlan(seats, int(getattr(game, "seed", 0)), required)
        s = cls(game.scenario, plan, game, instructor=instructor, saves_dir=saves_dir)
        s.reports = [rec.report for rec in getattr(game, "history", [])]
        s._resume_month(Path(path).name)
        return s

    def _resume_month(self, file_name: str) -> None:
        """A save made in the middle of a month (a snapshot) holds the orders the seats that
        had played submitted, and the white cell's actions of the month: those seats are
        not asked again (their screens show what they submitted), the hot seat goes to the
        first still to play, and the white cell's log lists the month's actions."""
        month = self.scenario.turn_name(self.turn)
        self.log.append(f"{month}, loaded from {file_name}")
        for side, orders in dict(getattr(self.game, "pending", None) or {}).items():
            if self.plan.seats.get(side) != "human":
                continue
            self.submitted[side] = orders
            if side in self.scenario.traffickers:
                obs = self.obs(side)
                self.drafts[side] = RedDraft.from_orders(
                    orders, [obs.net.p_keys[int(p)] for p in obs.paths])
            else:
                self.drafts[side] = Draft.from_orders(orders, self.neediest_partner(side))
            self.undo[side] = []
            if orders.rationale:
                self.log.append(f"{month}, {self.side_name(side)}: {orders.rationale}")
        for action in getattr(self.game, "pending_instructor", None) or ():
            self.log.append(f"{month}, WHITE CELL: {describe_action(self.scenario, action)}")
        self._seat_next()

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
        """The game ended, or the table's turn limit (`--turns`) was reached."""
        if self.turn_limit is not None and len(self.reports) >= self.turn_limit:
            return True
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

    # ----- drafts ------------------------------------------------------------------------------
    def draft(self, side: str):
        d = self.drafts.get(side)
        if d is None:
            d = self.default_red_draft(side) if side in self.scenario.traffickers \
                else self.default_draft(side)
            self.drafts[side] = d
            self.undo[side] = []
        return d

    def budget(self, side: str) -> float:
        """Funding points available to a nation this turn (budget plus carried reserve)."""
        return float(self.obs(side).budget)

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
        partners = self.allied_partners(side)
        shares = {"operations": 0.45, "intelligence": 0.25, "governance": 0.2,
                  "capacity_building": 0.1 if partners else 0.0,
                  "alliance_fund": 0.0, "procurement": 0.0}
        if not partners:
            shares["governance"] += 0.1
        s = sum(shares.values())
        for k, v in shares.items():
            funding[k] = budget * v / s
        sharing = {p: self.default_sharing(side, p) for p in self.partners(side)}
        last = self.last_orders(side)
        d = Draft(side, funding, self.neediest_partner(side, partners), sharing)
        if last is not None:
            self._carry_over(side, d, last, budget)
        return d

    def neediest_partner(self, side: str, partners: list[str] | None = None) -> str | None:
        """The ally whose capacity a delegation builds by default: the most corrupt one
        (public levels; ties: alliance order), where building capacity helps most, as the
        baseline computer player does. It was simply the first ally listed (Spain for
        Morocco)."""
        partners = self.allied_partners(side) if partners is None else partners
        if not partners:
            return None
        return max(partners, key=lambda p: self.corruption(p, side))  # (ties: the first)

    def _carry_over(self, side: str, d: Draft, last, budget: float) -> None:
        """Start a turn from the seat's last orders, as a delegation would: the same sharing
        and access, the same deployments where they are still legal, operations funding their
        upkeep, and the rest of the budget split as last turn (purchases are one-off: their
        money goes to the other categories)."""
        for p, lvl in dict(last.sharing).items():
            if p in d.sharing:
                d.sharing[p] = lvl
        d.grant_access = set(last.grant_access or ())
        cb = dict(last.funding.capacity_building)
        split = {**funding_split(last.funding), "procurement": 0.0}
        total = sum(split.values())
        if total > 0:
            d.funding = {k: budget * v / total for k, v in split.items()}
        partner = next((p for p, v in cb.items() if v > 0), None)
        if partner in self.allied_partners(side):
            d.capacity_partner = partner
        for rid, dep in dict(last.deploy).items():
            for asset, count in dict(dep).items():
                for _ in range(int(count)):  # one by one: keep what is still legal
                    if self.deploy_reasons(side, rid, asset, d):
                        break
                    d.deploy.setdefault(rid, {})[asset] = d.deploy.get(rid, {}).get(asset, 0) + 1
        # operations pay the upkeep, no more: last turn's surplus would be money left unspent
        # by default (the computer's nations fund their upkeep exactly); the others keep their
        # shares. A seat that funded nothing but operations keeps it all there.
        need = min(self.upkeep(side, d), budget)
        if any(v > 0 for k, v in d.funding.items() if k != "operations"):
            d.funding.update(rebalance(d.funding, "operations", need, budget))

    def private_cards(self, side: str) -> list[dict]:
        """Event and inject cards from last turn addressed to this seat in particular, less
        those it already read in that month (`cards_to_show`)."""
        if not self.reports:
            return []
        last = self.reports[-1]
        turn = int(getattr(last, "turn", self.turn - 1))
        return [dict(c) for c in getattr(last, "event_cards", ()) or ()
                if side in (c.get("audience") or ())
                and (side, turn, str(c.get("id", ""))) not in self.cards_read]

    def month_events(self, side: str) -> list[dict]:
        """The scenario's events in effect this month, as the cards the month's report will
        carry, for this seat (those for everyone and those addressed to it): they change
        this month's budgets, routes and odds, so a seat reads them before it decides."""
        events = compiled(self.scenario).events
        now = [events[int(i)] for i in self.game.state.events_now]
        return [event_card(ev) for ev in now if not ev.audience or side in ev.audience]

    def played_this_turn(self, side: str) -> bool:
        """The seat has submitted its orders this month."""
        return side in self.submitted or side in (getattr(self.game, "pending", None) or {})

    def new_injects(self, side: str) -> list[dict]:
        """The white cell's injects sent this month to this seat (to it in particular or to
        everyone), as the cards the month's report will carry (same ids), while the seat
        has not played this month: an inject is meant to shape the decisions still to be
        made. A seat that has played reads them with the month's report, as before."""
        if self.played_this_turn(side):
            return []
        out = []
        n = 0
        for act in getattr(self.game, "pending_instructor", None) or ():
            if act.kind != "inject":
                continue
            n += 1  # numbered as the resolution numbers the month's injects
            if act.audience and side not in act.audience:
                continue
            out.append(inject_card(n, act))
        return out

    def cards_to_show(self, side: str) -> list[tuple[dict, bool]]:
        """The cards a seat's screen shows it when its turn opens, each once: last month's
        cards addressed to it in particular that it has not read (an inject that came after
        it played), this month's scenario events for it, then the injects sent this month
        it has not read yet (True: new this month; an inject shows when the seat's screen
        opens next after the white cell sends it). Marks them read."""
        out: list[tuple[dict, bool]] = []
        if (side, self.turn) not in self.cards_seen:
            self.cards_seen.add((side, self.turn))
            out += [(c, False) for c in self.private_cards(side)]
            for card in self.month_events(side):  # read now: not again with the report
                self.cards_read.add((side, self.turn, card["id"]))
                out.append((card, True))
        for card in self.new_injects(side):
            key = (side, self.turn, card["id"])
            if key not in self.cards_read:
                self.cards_read.add(key)
                out.append((card, True))
        return out

    def request_access(self, guest: str, host: str) -> None:
        """A seat asks a host for access to its routes; the host sees it on its Access tab."""
        key = (guest, host)
        if key not in self.access_requests:
            self.access_requests.add(key)
            if host in self.submitted:  # the host has played this turn: it sees it next turn
                self.late_requests.add(key)
            self.log.append(f"{self.scenario.turn_name(self.turn)}, {self.side_name(guest)} "
                            f"asked {self.side_name(host)} for access")

    def requests_for(self, host: str) -> list[str]:
        return [g for g, h in sorted(self.access_requests) if h == host]

    def requests_to_show(self, host: str) -> list[str]:
        """The nations asking `host` for access that it has not granted, each told once a
        turn when the host's screen opens (the Access tab keeps them). Marks them told."""
        granted = self.draft(host).grant_access if host in self.scenario.nations else set()
        out = []
        for guest in self.requests_for(host):
            key = (host, guest, self.turn)
            if guest not in granted and key not in self.requests_shown:
                self.requests_shown.add(key)
                out.append(guest)
        return out

    # ----- a human Red seat -----------------------------------------------------------------
    def default_red_draft(self, side: str) -> RedDraft:
        """Starts from what the adaptive AI would do, so the team adjusts rather than types."""
        from game.ai.policies import RED_POLICIES
        from game.core.rng import turn_rng

        obs = self.obs(side)
        suggestion = RED_POLICIES["adaptive"].choose(
            obs, turn_rng(self.game.seed, self.turn, f"suggest:{side}"))
        draft = RedDraft.from_orders(suggestion, [obs.net.p_keys[int(p)] for p in obs.paths])
        draft.rationale = ""  # (the computer's "adaptive policy" is not the team's reason)
        return draft

    def red_paths(self, side: str) -> list[tuple[str, str, bool]]:
        """(path key, readable name, usable now) for this trafficker's paths."""
        obs = self.obs(side)
        sc = self.scenario
        out = []
        for p in obs.paths:
            p = int(p)
            key = obs.net.p_keys[p]
            usable = bool(obs.usable[p]) if obs.usable is not None else True
            out.append((key, path_name(sc, key) or key, usable))
        return out

    def red_carried(self, side: str) -> float:
        """Tons of this trafficker's draft its routes can carry this turn (`within_capacity`,
        the engine's rule), counting its own shipments only: other traffickers on the same
        routes can leave less room."""
        import numpy as np

        from game.core.network import LOAD_TONS
        from game.core.orders import tons_to_loads
        from game.core.traffic import within_capacity

        obs = self.obs(side)
        net = obs.net
        t = net.tidx[side]
        loads = np.zeros(net.n_paths, dtype=np.int64)
        for key, tons in self.draft(side).flows.items():
            p = net.p_index.get((t, key))
            if p is not None:
                loads[p] += tons_to_loads(tons)
        kept, _routes = within_capacity(net, obs.effective, loads)
        return float(kept.sum()) * LOAD_TONS

    def red_available(self, side: str) -> float:
        return float(self.obs(side).available)

    def red_resources(self, side: str) -> float:
        return float(self.obs(side).resources)

    def set_red_flow(self, side: str, key: str, tons: float, coalesce: str | None = None) -> None:
        """Tons on one path; the others shrink (proportionally) if the total would exceed
        what the trafficker has to ship."""
        avail = self.red_available(side)

        def f(d: RedDraft) -> None:
            d.flows[key] = max(0.0, min(avail, float(tons)))
            rest = sum(v for k, v in d.flows.items() if k != key)
            room = avail - d.flows[key]
            if rest > room + 1e-9 and rest > 0:
                for k in d.flows:
                    if k != key:
                        d.flows[k] = d.flows[k] * room / rest
        self.change(side, f, coalesce)

    def set_bribe(self, side: str, nation: str, amount: float, coalesce: str | None = None) -> None:
        self.change(side, lambda d: d.bribes.__setitem__(nation, max(0.0, float(amount))),
                    coalesce)

    def toggle_adaptation(self, side: str, name: str, on: bool) -> None:
        def f(d: RedDraft) -> None:
            (d.adaptations.add if on else d.adaptations.discard)(name)
        self.change(side, f)

    def toggle_open_route(self, side: str, rid: str, on: bool) -> None:
        def f(d: RedDraft) -> None:
            (d.open_routes.add if on else d.open_routes.discard)(rid)
        self.change(side, f)

    def adaptations_adopted(self, report) -> list[tuple[str, str, list[str]]]:
        """(adaptation name, its effect, the traffickers' names) for each adaptation bought in
        the turn of `report`, in the order first bought. New smuggling methods are public
        knowledge: they show in the news and the turn report, so students see the traffickers
        adapt (what they paid, and where their loads go, stays Red's)."""
        from game.core.state import ADAPTATIONS, adaptation_name

        turn = int(getattr(report, "turn", -1))
        rec = next((x for x in getattr(self.game, "history", None) or () if x.turn == turn), None)
        if rec is None:
            return []
        refused = {str(x.get("side")) for x in getattr(report, "rejected", ()) or ()}
        by_kind: dict[str, list[str]] = {}
        for tid, orders in rec.orders.red.items():
            if tid not in refused:
                for aid in getattr(orders, "adaptations", ()) or ():
                    by_kind.setdefault(aid, []).append(self.side_name(tid))
        return [(adaptation_name(aid),
                 str(ADAPTATIONS.get(aid, {}).get("text", "")).partition(": ")[2], who)
                for aid, who in by_kind.items()]

    def last_orders(self, side: str):
        hist = getattr(self.game, "history", None) or []
        if not hist:
            return None
        orders = getattr(hist[-1], "orders", None)
        blue = getattr(orders, "blue", {}) if orders is not None else {}
        return blue.get(side) if hasattr(blue, "get") else None

    def change(self, side: str, fn, coalesce: str | None = None) -> None:
        """Apply `fn(draft)` as one undoable step. Repeated changes with the same `coalesce`
        key (a slider being dragged, text being typed) make a single step."""
        d = self.draft(side)
        before = d.snapshot()
        fn(d)
        stack = self.undo.setdefault(side, [])
        if coalesce is not None and self._last_change.get(side) == coalesce and stack:
            return
        self._last_change[side] = coalesce
        stack.append(before)
        if len(stack) > 200:
            del stack[0]

    def undo_last(self, side: str) -> bool:
        stack = self.undo.get(side) or []
        if not stack:
            return False
        self.drafts[side] = stack.pop()
        self._last_change[side] = None
        return True

    def reset_draft(self, side: str) -> None:
        self.change(side, lambda d: d.__dict__.update(self.default_draft(side).__dict__))

    # the three decisions, each an undoable step
    def set_funding(self, side: str, key: str, value: float, coalesce: str | None = None) -> None:
        total = self.budget(side)
        self.change(side, lambda d: d.funding.update(rebalance(d.funding, key, value, total)),
                    coalesce)

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

    def set_rationale(self, side: str, text: str, coalesce: str | None = None) -> None:
        d = self.draft(side)
        if d.rationale != text:
            self.change(side, lambda d: setattr(d, "rationale", text), coalesce)

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

    def buy(self, side: str, asset: str, delta: int) -> list[str]:
        """Order (or cancel, delta < 0) new assets; procurement funding rises to pay for
        them. Returns the reasons it cannot be done (and then changes nothing)."""
        types = self.scenario.asset_types
        if asset not in types:
            return [f"{asset} is not an asset type in this scenario"]
        d = self.draft(side)
        new = max(0, d.buy.get(asset, 0) + delta)
        cost = sum(types[a].cost * c for a, c in {**d.buy, asset: new}.items() if a in types)
        budget = self.budget(side)
        if cost > budget + 1e-9:
            return [f"That would cost {points_text(cost)} in all, more than the whole budget "
                    f"of {points_text(round(budget, 1))} this "
                    f"{self.scenario.turn_label.lower()}."]

        def f(d: Draft) -> None:
            d.buy[asset] = new
            if not new:
                del d.buy[asset]
            if d.funding["procurement"] + 1e-9 < cost:
                d.funding.update(rebalance(d.funding, "procurement", cost, budget,
                                           locked=("operations",)))
            elif delta < 0 and d.funding["procurement"] > cost + 1e-9:
                # a cancelled purchase gives its money back to the other lines, in their
                # proportions (undoing the squeeze the order made), not left unspent
                d.funding.update(rebalance(d.funding, "procurement", cost, budget,
                                           locked=("operations",)))
        self.change(side, f)
        return []

    def free_assets(self, side: str, asset: str, draft: Draft | None = None) -> int:
        d = draft or self.draft(side)
        return self.owned_assets(side).get(asset, 0) - d.deployed_count(asset)

    def owned_assets(self, side: str) -> dict[str, int]:
        obs = self.obs(side)
        ids = obs.net.asset_ids
        if obs.assets is None:
            return {}
        return {ids[i]: int(c) for i, c in enumerate(obs.assets.tolist()) if c > 0}

    def upkeep(self, side: str, draft: Draft | None = None) -> float:
        d = draft or self.draft(side)
        types = self.scenario.asset_types
        return sum(types[a].upkeep * c for r in d.deploy.values() for a, c in r.items()
                   if a in types)

    def deploy_reasons(self, side: str, route: str, asset: str,
                       draft: Draft | None = None) -> list[str]:
        """Why one more `asset` on `route` would be illegal (empty: it is legal), added to
        `draft` (default: the seat's draft)."""
        d = draft or self.draft(side)
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
        from game.core.orders import rationale_missing, validate_orders

        d = draft or self.draft(side)
        reasons = list(validate_orders(self.game.state, side, d.to_orders(),
                                       self._turn_orders_so_far()))
        if self.plan.rationale_required and not d.rationale.strip():
            msg = rationale_missing()  # asked by the seat plan, not the scenario
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
        self._seat_next()
        return []

    def _seat_next(self) -> None:
        """The hot seat goes to the first human seat, in order, that has not played this turn
        (the white cell may hand seats to or from the computer at any time)."""
        seats = self.human_seats()
        self.seat_pos = next((i for i, x in enumerate(seats) if x not in self.submitted),
                             len(seats))

    def all_seated(self) -> bool:
        return self.seat_pos >= len(self.human_seats())

    def end_turn(self):
        from game.persistence.games import ENDED_EARLY, game_meta

        game_meta(self.game).options.pop(ENDED_EARLY, None)  # played on after all
        report = self.game.end_turn()
        self.reports.append(report)
        self.drafts.clear()
        self.undo.clear()
        self.submitted.clear()
        self.access_requests = self.late_requests
        self.late_requests = set()
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
        except OSError as exc:  # (persistence words the errors it knows; never lose one)
            self.autosave_error = (f"autosave failed: {exc.strerror or exc}. The game goes on; "
                                   "save it under another name now")
        return self.last_autosave

    # ----- views for the map and the panels -----------------------------------------------------
    def obs(self, side: str):
        key = (side, self.turn, len(getattr(self.game, "history", []) or []),
               self._instructor_count)
        hit = self._obs_cache.get(key)
        if hit is None:
            if len(self._obs_cache) > 32:
                self._obs_cache.clear()
            hit = self.game.observation(side)
            self._obs_cache[key] = hit
        return hit

    def believed_flows(self, view: str) -> dict[str, float]:
        """Tons per route as `view` believes them (the truth for "white"; nothing for the
        observer, who sees public information only)."""
        obs = self.obs(view)
        arr = obs.true_flow if obs.kind == "white" else obs.est_flow
        if arr is None:
            return {}
        ids = obs.net.route_ids
        return {ids[i]: float(v) for i, v in enumerate(arr.tolist())}

    def dormant_routes(self, view: str) -> set[str]:
        """The routes `view` knows to be dormant (the truth for the white cell and the
        traffickers; a route a trafficker opened stays dormant for a nation until its
        estimates show traffic on it, and for the observer: docs/rules.md, Observations)."""
        obs = self.obs(view)
        known = getattr(obs, "dormant", None)
        if known is None:
            return {rid for rid, r in self.scenario.routes.items() if r.dormant}
        ids = obs.net.route_ids
        return {ids[i] for i, x in enumerate(known.tolist()) if x}

    def known_patrols(self, view: str) -> dict[str, list[tuple[str, str, int]]]:
        """Last turn's deployments the viewer knows of: its own and those of partners who
        share with it (all of them for the white cell; none for the observer)."""
        obs = self.obs(view)
        out: dict[str, list[tuple[str, str, int]]] = {}
        if obs.kind == "white" and obs.state is not None:
            net = obs.net
            for n, r, a, c in obs.state.deployed.tolist():
                out.setdefault(net.route_ids[r], []).append(
                    (net.nation_ids[n], net.asset_ids[a], int(c)))
            return out
        for nation, rid, asset, count in obs.deployed:
            out.setdefault(rid, []).append((nation, asset, int(count)))
        return out

    def map_data(self, view: str, draft_of: str | None = None):
        from game.ui.mapview import MapData

        patrols = self.known_patrols(view)
        if draft_of is not None and draft_of in self.scenario.nations:
            self.draft(draft_of)
            # this seat's planned deployments replace what it had last turn
            patrols = {r: [e for e in es if e[0] != draft_of] for r, es in patrols.items()}
            for rid, assets in self.drafts[draft_of].deploy.items():
                for a, c in assets.items():
                    if c > 0:
                        patrols.setdefault(rid, []).append((draft_of, a, c))
        return MapData(flows=self.believed_flows(view), dormant=self.dormant_routes(view),
                       patrols=patrols, true_flows=view == "white")

    def trust(self, side: str, partner: str) -> float:
        obs = self.obs(side)
        if obs.trust is None or partner not in obs.net.nidx:
            return 0.0
        return float(obs.trust[obs.net.nidx[partner]])

    def corruption(self, nation: str, view: str | None = None) -> float:
        """Public corruption level of a nation (0..1)."""
        obs = self.obs(view or "observer")
        return float(obs.public.get("corruption", {}).get(
            nation, self.scenario.nations[nation].corruption))

    def sovereignty(self, nation: str) -> str:
        obs = self.obs("observer")
        return str(obs.public.get("sovereignty", {}).get(
            nation, self.scenario.nations[nation].sovereignty))

    def route_summary(self, view: str, rid: str) -> list[str]:
        sc = self.scenario
        r = sc.routes[rid]
        a = sc.locations[r.origin].name if r.origin in sc.locations else r.origin
        b = sc.locations[r.dest].name if r.dest in sc.locations else r.dest
        jur = r.jurisdiction
        owner = sc.nations[jur].name if jur in sc.nations else "international"
        flow = self.believed_flows(view).get(rid, 0.0)
        return [f"{a} > {b}", f"{r.mode} · {owner} · est. {flow:.1f} t · cap. {r.capacity:g} t"]

    def tooltip(self, view: str, kind: str, ident: str) -> list[str]:
        sc = self.scenario
        if kind == "location" and ident in sc.locations:
            loc = sc.locations[ident]
            owner = sc.nations[loc.nation].name if loc.nation in sc.nations else loc.nation
            lines = [loc.name, f"{loc.kind.capitalize()} in {owner}"]
            if loc.kind == "source" and loc.production:
                lines.append(f"Production: {loc.production:g} t per turn")
            if loc.kind == "market" and loc.demand:
                lines.append(f"Demand: {loc.demand:g} t; price {loc.price:g} per t")
            return lines
        if kind == "route" and ident in sc.routes:
            r = sc.routes[ident]
            a, b = (sc.locations[x].name if x in sc.locations else x for x in (r.origin, r.dest))
            jur = r.jurisdiction
            owner = sc.nations[jur].name if jur in sc.nations else "International"
            flow = self.believed_flows(view).get(ident, 0.0)
            est = "True flow" if view == "white" else "Estimated flow"
            lines = [f"{a} > {b}", f"Mode: {r.mode}   Jurisdiction: {owner}",
                     f"Capacity: {r.capacity:g} t   Concealment: {r.concealment:.2f}",
                     f"{est}: {flow:.1f} t per turn"]
            if ident in self.dormant_routes(view):
                lines.append("Dormant (not in use)")
            pats = self.map_data(view, draft_of=view if view in self.drafts else None
                                 ).patrols.get(ident, [])
            if pats:
                names = ", ".join(f"{c} {sc.asset_types[a].name if a in sc.asset_types else a}"
                                  f" ({self.side_name(n)})" for n, a, c in pats)
                lines.append(f"Patrolled by: {names}")
            else:
                lines.append("Patrolled by: nobody you know of")
            return lines
        return []

    # ----- instructor -------------------------------------------------------------------------
    def instructor_action(self, action) -> list[str]:
        errs = list(self.game.instructor(action) or [])
        self._instructor_count += 1
        if not errs and action.kind == "seat":  # the game changed the seat: so does the table
            side = action.target.partition(":")[2]
            self.plan.seats[side] = str(action.value)
            self._seat_next()
        if not errs:
            self.log.append(f"{self.scenario.turn_name(self.turn)}, WHITE CELL: "
                            f"{describe_action(self.scenario, action)}")
        return errs

    def end_now(self) -> None:
        """The white cell ends the game after the months played (the class is out of time):
        the game is over, the debrief follows."""
        from game.persistence.games import ENDED_EARLY, game_meta

        played = len(self.reports)
        self.turn_limit = played
        self.log.append(f"{self.scenario.turn_name(self.turn)}, WHITE CELL: ended the game "
                        f"after {self.scenario.turn_name(played)}")
        if played < self.scenario.turns:  # the save says so, and the report of it
            game_meta(self.game).options[ENDED_EARLY] = True
            self.autosave()

    def save_snapshot(self, path: str | Path | None = None) -> Path:
        from game.persistence.autosave import save_beside
        from game.persistence.games import game_identity, save_game

        if path is None:
            # named after this game, and never over another game's file
            folder = self.saves_dir or Path("saves")
            scenario_id, game_id, _ = game_identity(self.game)
            path = save_beside(self.game, Path(folder) /
                               f"{scenario_id}-{game_id}-snapshot-t{self.turn:02d}.json")
        else:
            save_game(self.game, Path(path))
        self.log.append(f"{self.scenario.turn_name(self.turn)}, WHITE CELL: saved a snapshot "
                        f"({Path(path).name})")
        return Path(path)


def describe_action(scenario: Scenario, a) -> str:
    """A white-cell action and its reason, as the log shows it."""
    from game.persistence.names import action_text

    what = action_text(scenario, a.to_data())
    return f"{what}; reason: {a.reason}" if a.reason else what


def engine_seats(plan: SeatPlan) -> dict:
    """The seat plan in the engine's form (`game.ai.session.Seat`)."""
    from game.ai.session import Seat

    return {side: Seat.from_spec(v) for side, v in plan.seats.items()}


def _game_seats(game) -> dict[str, str]:
    return {side: seat.spec for side, seat in dict(game.seats).items()}
