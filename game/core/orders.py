"""Orders: what each side decides in a turn, as small frozen dataclasses with a plain-data form.

`validate_orders(state, side, orders)` is the one source of legality. The plain-data form
(`to_data()` / `from_data()`) is what `--orders` files, saves and the UI exchange.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.core.cache import memo
from game.core.errors import InterdictError
from game.core.events import effective
from game.core.model import SHARING, SOVEREIGNTY, frozen_map
from game.core.network import LOAD_TONS, compiled
from game.core.numbers import finite_number, sum_in_order
from game.core.state import ADAPT_COST, ADAPTATION_IDS, ADAPTATIONS
from game.core.traffic import available_loads

INSTRUCTOR_KINDS = ("fire_event", "inject", "adjust", "seat")
BLUE_KEYS = ("nation", "funding", "sharing", "deploy", "grant_access", "buy", "rationale")
RED_KEYS = ("trafficker", "flows", "bribes", "adaptations", "open_routes", "react_to_leaks",
            "rationale")
FUNDING_KEYS = ("operations", "procurement", "intelligence", "governance",
                "capacity_building", "alliance_fund")


class Reason(str):
    """Why orders are illegal. The text names everything by id (orders files and logs quote
    it, and the orders-file reader finds the mistake's line from those ids); `code` and `args`
    say the same as data, for the Blue seat's panel to word it for students
    (`game.ui.reasons`). `args` are the values the text shows, as it shows them."""

    code: str
    args: tuple[str, ...]

    def __new__(cls, code: str, text: str, *args: str) -> Reason:
        self = super().__new__(cls, text)
        self.code = code
        self.args = args
        return self

    def __reduce__(self):  # copies and pickles keep the code
        return (Reason, (self.code, str(self), *self.args))

    def removeprefix(self, prefix: str) -> Reason:
        """The text without `prefix` ("deploy: "), still this reason."""
        return Reason(self.code, str.removeprefix(self, prefix), *self.args)


def _bad(what: str) -> InterdictError:
    return InterdictError(what)


def _shown(value: int | float) -> str:
    """A number for a message (a whole number with hundreds of digits is not spelt out)."""
    return repr(value) if finite_number(value) else "a number too large to use"


def _num(value: Any, where: str) -> float:
    if isinstance(value, bool):
        raise _bad(f"{where}: expected a number, got true/false ({str(value).lower()})")
    if not isinstance(value, int | float):
        raise _bad(f"{where}: expected a number, got {value!r}")
    if not finite_number(value):
        shown = repr(value) if isinstance(value, float) else "a number too large to use"
        raise _bad(f"{where}: expected a finite number, got {shown}")
    return float(value)


def _text(value: Any, where: str) -> str:
    """A written text (a number is taken as its text: `1.50` reads "1.5"); nothing is ""."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        shown = "true/false" if isinstance(value, bool) else (
            "a list" if isinstance(value, list | tuple) else "a mapping"
            if isinstance(value, dict) else repr(value))
        raise _bad(f"{where}: expected text, got {shown}: write it in quotes")
    return str(value)


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool):
        raise _bad(f"{where}: expected a whole number, got true/false ({str(value).lower()})")
    if not isinstance(value, int | float) \
            or not finite_number(value) or int(value) != value:
        shown = _shown(value) if isinstance(value, int | float) else repr(value)
        raise _bad(f"{where}: expected a whole number, got {shown}")
    return int(value)


def _map(value: Any, where: str) -> Mapping:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise _bad(f"{where}: expected a mapping, got {type(value).__name__}")
    return value


def _strs(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise _bad(f"{where}: expected a list of names, got {value!r}")
    for v in value:
        if not isinstance(v, str):
            raise _bad(f"{where}: expected names, got {v!r}")
    return tuple(value)


def _check_keys(data: Mapping, allowed: tuple[str, ...], where: str) -> None:
    for k in data:
        if k not in allowed:
            raise _bad(f"{where}: unknown key {k!r} (expected one of: {', '.join(allowed)})")


@dataclass(frozen=True)
class Funding:
    """How a nation splits its budget this turn (funding points)."""
    operations: float = 0.0  # pays the upkeep of deployed assets
    procurement: float = 0.0  # pays for `buy`
    intelligence: float = 0.0
    governance: float = 0.0
    capacity_building: Mapping[str, float] = field(default_factory=frozen_map)  # partner: amount
    alliance_fund: Mapping[str, float] = field(default_factory=frozen_map)  # alliance: amount

    def total(self) -> float:
        return (self.operations + self.procurement + self.intelligence + self.governance
                + sum_in_order(self.capacity_building.values())
                + sum_in_order(self.alliance_fund.values()))

    def to_data(self) -> dict:
        return {"operations": self.operations, "procurement": self.procurement,
                "intelligence": self.intelligence, "governance": self.governance,
                "capacity_building": dict(self.capacity_building),
                "alliance_fund": dict(self.alliance_fund)}

    @classmethod
    def from_data(cls, data: Any, where: str = "funding") -> Funding:
        data = _map(data, where)
        _check_keys(data, FUNDING_KEYS, where)
        cb = {str(k): _num(v, f"{where}.capacity_building.{k}")
              for k, v in _map(data.get("capacity_building"), f"{where}.capacity_building").items()}
        af_raw = data.get("alliance_fund", {})
        if isinstance(af_raw, int | float) and not isinstance(af_raw, bool):
            af = {"*": _num(af_raw, f"{where}.alliance_fund")} if af_raw else {}
        else:
            af = {str(k): _num(v, f"{where}.alliance_fund.{k}")
                  for k, v in _map(af_raw, f"{where}.alliance_fund").items()}
        return cls(
            operations=_num(data.get("operations", 0.0), f"{where}.operations"),
            procurement=_num(data.get("procurement", 0.0), f"{where}.procurement"),
            intelligence=_num(data.get("intelligence", 0.0), f"{where}.intelligence"),
            governance=_num(data.get("governance", 0.0), f"{where}.governance"),
            capacity_building=frozen_map(cb), alliance_fund=frozen_map(af))


@dataclass(frozen=True)
class BlueOrders:
    """One nation's orders for a turn.

    sharing: {partner: none|partial|full}; a partner not named gets the alliance default.
    deploy: {route id: {asset type: count}}.
    grant_access: nations allowed to operate on this nation's routes (None: keep last grant).
    buy: {asset type: count}, paid from funding.procurement, arriving after the lead time.
    """
    nation: str
    funding: Funding = field(default_factory=Funding)
    sharing: Mapping[str, str] = field(default_factory=frozen_map)
    deploy: Mapping[str, Mapping[str, int]] = field(default_factory=frozen_map)
    grant_access: tuple[str, ...] | None = None
    buy: Mapping[str, int] = field(default_factory=frozen_map)
    rationale: str = ""

    def to_data(self) -> dict:
        d: dict[str, Any] = {"nation": self.nation, "funding": self.funding.to_data(),
                             "sharing": dict(self.sharing),
                             "deploy": {r: dict(a) for r, a in self.deploy.items()},
                             "buy": dict(self.buy), "rationale": self.rationale}
        if self.grant_access is not None:
            d["grant_access"] = list(self.grant_access)
        return d

    @classmethod
    def from_data(cls, data: Any, nation: str | None = None) -> BlueOrders:
        where = f"orders of {nation or 'a nation'}"
        data = _map(data, where)
        _check_keys(data, BLUE_KEYS, where)
        nat = data.get("nation", nation)
        if not isinstance(nat, str) or not nat:
            raise _bad(f"{where}: missing the nation id")
        sharing = {}
        for k, v in _map(data.get("sharing"), f"{where}: sharing").items():
            if v not in SHARING:
                raise _bad(f"{where}: sharing with {k}: {v!r} is not one of none, partial, full")
            sharing[str(k)] = v
        deploy = {}
        for r, assets in _map(data.get("deploy"), f"{where}: deploy").items():
            deploy[str(r)] = frozen_map({str(a): _int(c, f"{where}: deploy.{r}.{a}")
                                         for a, c in _map(assets, f"{where}: deploy.{r}").items()})
        grant = data.get("grant_access")
        return cls(
            nation=nat,
            funding=Funding.from_data(data.get("funding"), f"{where}: funding"),
            sharing=frozen_map(sharing), deploy=frozen_map(deploy),
            grant_access=None if grant is None else _strs(grant, f"{where}: grant_access"),
            buy=frozen_map({str(a): _int(c, f"{where}: buy.{a}")
                            for a, c in _map(data.get("buy"), f"{where}: buy").items()}),
            rationale=_text(data.get("rationale"), f"{where}: rationale"))


@dataclass(frozen=True)
class RedOrders:
    """One trafficker's orders.

    flows: {path key: tons}; a path key joins route ids with ">" (see the observation's
    `paths`). bribes: {nation: resources}. adaptations: ids from `ADAPTATIONS`.
    open_routes: dormant routes to open (usable from next turn).
    react_to_leaks: divert loads away from routes whose patrols leaked this turn.
    """
    trafficker: str
    flows: Mapping[str, float] = field(default_factory=frozen_map)
    bribes: Mapping[str, float] = field(default_factory=frozen_map)
    adaptations: tuple[str, ...] = ()
    open_routes: tuple[str, ...] = ()
    react_to_leaks: bool = True
    rationale: str = ""

    def to_data(self) -> dict:
        return {"trafficker": self.trafficker, "flows": dict(self.flows),
                "bribes": dict(self.bribes), "adaptations": list(self.adaptations),
                "open_routes": list(self.open_routes), "react_to_leaks": self.react_to_leaks,
                "rationale": self.rationale}

    @classmethod
    def from_data(cls, data: Any, trafficker: str | None = None) -> RedOrders:
        where = f"orders of {trafficker or 'a trafficker'}"
        data = _map(data, where)
        _check_keys(data, RED_KEYS, where)
        tid = data.get("trafficker", trafficker)
        if not isinstance(tid, str) or not tid:
            raise _bad(f"{where}: missing the trafficker id")
        react = data.get("react_to_leaks", True)
        if not isinstance(react, bool):
            raise _bad(f"{where}: react_to_leaks must be true or false")
        return cls(
            trafficker=tid,
            flows=frozen_map({str(k): _num(v, f"{where}: flows.{k}")
                              for k, v in _map(data.get("flows"), f"{where}: flows").items()}),
            bribes=frozen_map({str(k): _num(v, f"{where}: bribes.{k}")
                               for k, v in _map(data.get("bribes"), f"{where}: bribes").items()}),
            adaptations=_strs(data.get("adaptations"), f"{where}: adaptations"),
            open_routes=_strs(data.get("open_routes"), f"{where}: open_routes"),
            react_to_leaks=react, rationale=_text(data.get("rationale"), f"{where}: rationale"))


@dataclass(frozen=True)
class InstructorAction:
    """A white-cell action, applied at the start of the turn's resolution and reported.

    fire_event: `event` (a scenario event id) fires now.
    inject: an ad-hoc card (`title`, `text`, `audience`); no effect on the rules.
    adjust: `target` ("nation:id", "route:id", "alliance:id", "location:id", "trafficker:id",
      "mode:id"), `field`, `verb` (set|add|multiply) and `value`; the route field "seized"
      sets an adjudicated seizure (tons) on that route this turn.
    seat: who plays `target` ("nation:id" or "trafficker:id") from now on: `value` "human" (a
      delegation of students) or "ai:<policy>" (the computer). No effect on the rules; the
      game that receives it changes the seat at once (a delegation leaves, the computer takes
      over its side, as the bots of COIN games do), and the log keeps it.
    """
    kind: str
    reason: str
    event: str = ""
    title: str = ""
    text: str = ""
    audience: tuple[str, ...] = ()
    target: str = ""
    field: str = ""
    verb: str = "set"
    value: float | str | bool = 0.0

    def to_data(self) -> dict:
        d: dict[str, Any] = {"kind": self.kind, "reason": self.reason}
        if self.kind == "fire_event":
            d["event"] = self.event
        elif self.kind == "inject":
            d.update(title=self.title, text=self.text, audience=list(self.audience))
        elif self.kind == "seat":
            d.update(target=self.target, value=self.value)
        else:
            d.update(target=self.target, field=self.field, verb=self.verb, value=self.value)
        return d

    @classmethod
    def from_data(cls, data: Any) -> InstructorAction:
        data = _map(data, "instructor action")
        _check_keys(data, ("kind", "reason", "event", "title", "text", "audience", "target",
                           "field", "verb", "value"), "instructor action")
        kind = data.get("kind")
        if kind not in INSTRUCTOR_KINDS:
            raise _bad(f"instructor action: kind {kind!r} is not one of {', '.join(INSTRUCTOR_KINDS)}")
        value = data.get("value", 0.0)
        if not isinstance(value, bool | int | float | str):
            raise _bad(f"instructor action: value {value!r} is not a number, text or true/false")
        if isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        return cls(kind=kind, reason=str(data.get("reason", "") or ""),
                   event=str(data.get("event", "") or ""), title=str(data.get("title", "") or ""),
                   text=str(data.get("text", "") or ""),
                   audience=_strs(data.get("audience"), "instructor action: audience"),
                   target=str(data.get("target", "") or ""), field=str(data.get("field", "") or ""),
                   verb=str(data.get("verb", "set") or "set"), value=value)


@dataclass(frozen=True)
class TurnOrders:
    """Everything decided for one turn: each side's orders and the instructor's actions."""
    turn: int
    blue: Mapping[str, BlueOrders] = field(default_factory=frozen_map)
    red: Mapping[str, RedOrders] = field(default_factory=frozen_map)
    instructor: tuple[InstructorAction, ...] = ()

    def to_data(self) -> dict:
        return {"turn": self.turn,
                "blue": {k: v.to_data() for k, v in self.blue.items()},
                "red": {k: v.to_data() for k, v in self.red.items()},
                "instructor": [a.to_data() for a in self.instructor]}

    @classmethod
    def from_data(cls, data: Any) -> TurnOrders:
        data = _map(data, "turn orders")
        _check_keys(data, ("turn", "blue", "red", "instructor"), "turn orders")
        inst = data.get("instructor") or []
        if not isinstance(inst, list | tuple):
            raise _bad("turn orders: instructor must be a list")
        return cls(
            turn=_int(data.get("turn", 0), "turn orders: turn"),
            blue=frozen_map({str(k): BlueOrders.from_data(v, str(k))
                             for k, v in _map(data.get("blue"), "turn orders: blue").items()}),
            red=frozen_map({str(k): RedOrders.from_data(v, str(k))
                            for k, v in _map(data.get("red"), "turn orders: red").items()}),
            instructor=tuple(InstructorAction.from_data(a) for a in inst))


# the most units one order may deploy or buy of a type (beyond it counts overflow 64-bit
# integers; no scenario comes near it)
MAX_COUNT = 1_000_000


def upkeep_and_cost(net, o: BlueOrders) -> tuple[float, float]:
    """(upkeep of the assets the orders deploy, cost of the assets they buy), in budget
    points; asset types the scenario does not have count for nothing."""
    upkeep_of, cost_of, aidx = net.upkeep_list, net.cost_list, net.aidx
    upkeep = sum_in_order(c * upkeep_of[aidx[a]] for dep in o.deploy.values()
                          for a, c in dep.items() if a in aidx)
    cost = sum_in_order(c * cost_of[aidx[a]] for a, c in o.buy.items() if a in aidx)
    return upkeep, cost


def spending(net, o: BlueOrders) -> float:
    """What a nation's orders spend: their funding, less operations money above the upkeep
    and procurement money above the purchases, which pay for nothing (that money is unspent,
    like money left unallocated, and the turn keeps part of it as reserve)."""
    upkeep, cost = upkeep_and_cost(net, o)
    f = o.funding
    return f.total() - max(f.operations - upkeep, 0.0) - max(f.procurement - cost, 0.0)


MAX_ORDER_TONS = 1e12  # more than any stock: a larger order is refused as more than the stock


def red_spending(o: RedOrders) -> float:
    """What a trafficker's orders spend of its resources: its bribes, then the price of the
    adaptations it orders (the check refuses those it has already), added one by one in that
    order, as the rules charge them."""
    spend = 0.0
    for amt in o.bribes.values():
        spend += max(amt, 0.0)
    for a in o.adaptations:
        if a in ADAPTATIONS:
            spend += float(ADAPT_COST[ADAPTATION_IDS.index(a)])
    return spend


def tons_to_loads(tons: float) -> int:
    """Whole loads in `tons` (1e308 tons would be an infinite number of loads)."""
    return math.floor(min(tons, MAX_ORDER_TONS) / LOAD_TONS + 1e-9) if tons > 0 else 0


# ----------------------------------------------------------------------------- legality

def validate_orders(state, side: str, orders, turn_orders: TurnOrders | None = None,
                    *, access: np.ndarray | None = None) -> list[Reason]:
    """Every reason `orders` are illegal for `side` in `state` (empty list: legal).

    `turn_orders`, if given, supplies this turn's access grants by other nations
    (`access`, if given, is `access_matrix(state, net, turn_orders)` computed once)."""

    net = compiled(state.scenario)
    if side in net.nidx:
        if not isinstance(orders, BlueOrders):
            return [Reason("side_kind", f"{side} is a nation: expected nation orders", side)]
        return _validate_blue(state, net, side, orders, turn_orders, access)
    if side in net.tidx:
        if not isinstance(orders, RedOrders):
            return [Reason("side_kind", f"{side} is a trafficker: expected trafficker orders",
                           side)]
        return _validate_red(state, net, side, orders)
    return [Reason("unknown_side", f"unknown side {side!r}", side)]


def deployment_reasons(state, nation: str, route: str, asset: str, count: int = 1,
                       turn_orders: TurnOrders | None = None) -> list[Reason]:
    """Why `nation` may not put `count` `asset` on `route` this turn (empty: it may), for
    disabling choices with a tooltip. Upkeep and budget are not checked here."""

    net = compiled(state.scenario)
    if nation not in net.nidx:
        return [Reason("unknown_side", f"{nation!r} is not a nation in this scenario", nation)]
    n = net.nidx[nation]
    if asset not in net.aidx:
        return [Reason("deploy_no_type", f"deploy: {asset!r} is not an asset type in this scenario",
                       asset)]
    probe = BlueOrders(nation=nation, funding=Funding(operations=1e18),
                       deploy=frozen_map({route: frozen_map({asset: int(count)})}))
    errs = _validate_blue(state, net, nation, probe, turn_orders)
    errs = [e for e in errs if e.startswith("deploy:")]
    if not errs and int(state.assets[n, net.aidx[asset]]) < count:
        have = str(int(state.assets[n, net.aidx[asset]]))
        errs.append(Reason("has", f"deploy: {nation} has {have} {asset}", nation, have, asset))
    return errs


def access_matrix(state, net, turn_orders: TurnOrders | None) -> np.ndarray:
    """access[host, guest] this turn: the grants standing from last turn plus this turn's new
    grants (a revocation takes effect next turn: the guest's ships are already at sea)."""
    acc = state.access
    if turn_orders is None:
        return acc
    acc = acc.copy()
    for nid, bo in turn_orders.blue.items():
        if bo.grant_access and nid in net.nidx:
            acc[net.nidx[nid], [net.nidx[g] for g in bo.grant_access if g in net.nidx]] = True
    return state.access if np.array_equal(acc, state.access) else acc


def deployable_routes(state, net, n: int, access: np.ndarray | None = None,
                      eff=None) -> np.ndarray:
    """R bool: routes where nation `n` may operate this turn (ignoring asset modes).
    `access` defaults to the standing grants; `eff` to the state's effective values."""
    return deployable_matrix(state, net, access, eff)[n]


def deployable_matrix(state, net, access: np.ndarray | None = None, eff=None) -> np.ndarray:
    """N x R bool: where each nation may operate (memoised per state and access grants)."""

    acc = state.access if access is None else access
    own = effective(net, state, state.turn)
    if eff is None or eff is own:
        return memo(state, ("deployable", acc.tobytes()), lambda: _deployable(net, acc, own))
    return _deployable(net, acc, eff)


def _deployable(net, acc, eff) -> np.ndarray:
    N = len(net.nation_ids)
    jur = net.r_jur
    sov = eff["n_sovereignty"]
    joint = net.member[eff["al_joint"]].astype(np.int64)
    partners = (joint.T @ joint) > 0 if joint.size else np.zeros((N, N), dtype=bool)
    np.fill_diagonal(partners, False)
    # host_ok[guest, host]: an ally in joint operations, and the host is open or consenting
    host_ok = partners & ((sov == 0) | ((sov == 1) & acc.T))
    ok = (jur[None, :] == np.arange(N)[:, None]) | (jur < 0)[None, :]
    if N:
        ok |= (jur >= 0)[None, :] & host_ok[:, np.maximum(jur, 0)]
    ok.setflags(write=False)
    return ok


def _validate_blue(state, net, side, o: BlueOrders, turn_orders, access=None) -> list[Reason]:

    errs: list[Reason] = []
    if o.nation != side:
        errs.append(Reason("wrong_side", f"the orders name {o.nation!r} but are given for "
                           f"{side!r}", o.nation, side))
    f = o.funding
    most = f"{MAX_COUNT:,}"
    bad = [Reason("nan", f"{k}: not a finite number", k)
           for k in ("operations", "procurement", "intelligence", "governance")
           if not finite_number(getattr(f, k))]
    bad += [Reason("nan_of", f"{k}.{p}: not a finite number", k, p)
            for k in ("capacity_building", "alliance_fund")
            for p, v in getattr(f, k).items() if not finite_number(v)]
    bad += [Reason("fraction", f"deploy.{r}.{a}: not a whole number", r, a) if not _whole(c)
            else Reason("deploy_many", f"deploy.{r}.{a}: {_units(c)} units is beyond the "
                        f"{most} allowed", r, a, _units(c), most)
            for r, m in o.deploy.items() for a, c in m.items()
            if not _whole(c) or abs(c) > MAX_COUNT]
    bad += [Reason("buy_fraction", f"buy.{a}: not a whole number", a) if not _whole(c)
            else Reason("buy_many", f"buy.{a}: {_units(c)} units is beyond the {most} allowed",
                        a, _units(c), most)
            for a, c in o.buy.items() if not _whole(c) or abs(c) > MAX_COUNT]
    if bad:
        return errs + bad
    n = net.nidx[side]
    eff = effective(net, state, state.turn)
    names = state.scenario.nations
    f = o.funding
    for key in ("operations", "procurement", "intelligence", "governance"):
        if getattr(f, key) < 0:
            v = f"{getattr(f, key):g}"
            errs.append(Reason("negative", f"funding: {key} is negative ({v})", key, v))
    for p, v in f.capacity_building.items():
        if p not in net.nidx:
            errs.append(Reason("cb_unknown", f"funding: capacity building for {p!r}, which is "
                               "not a nation in this scenario", p))
        elif p == side:
            errs.append(Reason("cb_self", "funding: capacity building goes to partners, not to "
                               "yourself (use governance)"))
        if v < 0:
            errs.append(Reason("cb_negative", f"funding: capacity building for {p} is negative "
                               f"({v:g})", p, f"{v:g}"))
    my_alliances = net.nation_alliances[side]
    for a, v in f.alliance_fund.items():
        if a != "*" and a not in my_alliances:
            errs.append(Reason("af_other", f"funding: alliance fund for {a!r}, an alliance "
                               f"{side} is not a member of", a, side))
        if a == "*" and not my_alliances and v > 0:
            errs.append(Reason("af_none", f"funding: alliance fund, but {side} is in no alliance",
                               side))
        if v < 0:
            errs.append(Reason("af_negative", f"funding: alliance fund is negative ({v:g})",
                               f"{v:g}"))
    available = float(eff["n_budget"][n] + state.n_reserve[n])
    if f.total() > available + 1e-9:
        total, have = f"{f.total():g}", f"{available:g}"
        errs.append(Reason("total", f"funding: the total {total} exceeds the budget available "
                           f"{have}", total, have))
    for p, level in o.sharing.items():
        if p not in net.nidx:
            errs.append(Reason("share_unknown", f"sharing: {p!r} is not a nation in this "
                               "scenario", p))
        elif p == side:
            errs.append(Reason("share_self", "sharing: a nation does not share with itself"))
        if level not in SHARING:
            errs.append(Reason("share_level", f"sharing with {p}: {level!r} is not one of none, "
                               "partial, full", p, level))
    if o.grant_access is not None:
        for g in o.grant_access:
            if g not in net.nidx:
                errs.append(Reason("grant_unknown", f"grant_access: {g!r} is not a nation in "
                                   "this scenario", g))
            elif g == side:
                errs.append(Reason("grant_self", "grant_access: a nation always has access to "
                                   "its own routes"))
    cost = 0.0
    for a, c in o.buy.items():
        if a not in net.aidx:
            errs.append(Reason("buy_no_type", f"buy: {a!r} is not an asset type in this "
                               "scenario", a))
            continue
        if c < 0:
            errs.append(Reason("buy_negative", f"buy: negative count for {a}", a))
        cost += c * float(net.a_cost[net.aidx[a]])
    if cost > f.procurement + 1e-9:
        have = f"{f.procurement:g}"
        errs.append(Reason("cost", f"buy: the assets cost {cost:g} but procurement is funded "
                           f"with {have}", f"{cost:g}", have))
    if access is None:
        access = access_matrix(state, net, turn_orders)
    legal = deployable_routes(state, net, n, access, eff)
    used: dict[int, int | float] = {}  # asset type -> units deployed (whole numbers)
    upkeep = 0.0
    upkeep_of, mode_ok = net.upkeep_list, net.route_modes_list
    routes = state.scenario.routes
    for r, assets in o.deploy.items():
        if r not in net.ridx:
            errs.append(Reason("no_route", f"deploy: {r!r} is not a route in this scenario", r))
            continue
        ri = net.ridx[r]
        route = routes[r]
        if not legal[ri]:
            j = int(net.r_jur[ri])
            host = net.nation_ids[j]
            sov = SOVEREIGNTY[int(eff["n_sovereignty"][j])]
            hname = names[host].name
            if sov == "closed":
                errs.append(Reason("closed", f"deploy: route {r} is in {hname}'s jurisdiction, "
                                   "which is closed to foreign forces", r, host))
            elif sov == "consent" and _joint_partner(state, net, n, j, eff):
                errs.append(Reason("consent", f"deploy: route {r} is in {hname}'s jurisdiction "
                                   f"(consent): {hname} has not granted {side} access",
                                   r, host, side))
            else:
                errs.append(Reason("no_joint", f"deploy: route {r} is in {hname}'s jurisdiction "
                                   "and no alliance with joint operations gives "
                                   f"{side} access", r, host, side))
        for a, c in assets.items():
            if a not in net.aidx:
                errs.append(Reason("deploy_no_type", f"deploy: {a!r} is not an asset type in "
                                   "this scenario", a))
                continue
            ai = net.aidx[a]
            if c < 0:
                errs.append(Reason("deploy_negative", f"deploy: negative count of {a} on {r}",
                                   a, r))
                continue
            if c and not mode_ok[ri][ai]:
                errs.append(Reason("mode", f"deploy: a {state.scenario.asset_types[a].name} "
                                   f"cannot operate on {route.mode} route {r}", a, r))
            used[ai] = used.get(ai, 0) + c
            upkeep += c * upkeep_of[ai]
    owned = state.assets[n]
    for ai in sorted(used):
        if used[ai] > owned[ai]:
            a, want, have = net.asset_ids[ai], str(int(used[ai])), str(int(owned[ai]))
            errs.append(Reason("owned", f"deploy: {want} {a} deployed but {side} has {have}",
                               want, a, side, have))
    if upkeep > f.operations + 1e-9:
        need, have = f"{upkeep:g}", f"{f.operations:g}"
        errs.append(Reason("upkeep", f"deploy: upkeep of the deployed assets is {need} but "
                           f"operations are funded with {have}", need, have))
    if state.scenario.rationale_required and not o.rationale.strip():
        errs.append(rationale_missing())
    return errs


def rationale_missing() -> Reason:
    """The reason orders without a rationale are refused where the exercise asks for one."""
    return Reason("rationale", "rationale: this exercise requires a short rationale for each "
                  "turn's orders")


def _whole(v) -> bool:
    """A whole number: an int of any size, or a finite float or numpy number without a
    fraction (not a bool)."""
    if type(v) is int:
        return True
    return finite_number(v) and int(v) == v


def _units(c) -> str:
    """A count of units for a message (one with hundreds of digits is not spelt out)."""
    return f"{c:g}" if finite_number(c) else "more than 10^308"


def _joint_partner(state, net, n, j, eff) -> bool:
    joint = eff["al_joint"]
    return bool((net.member[:, n] & net.member[:, j] & joint).any())


def _validate_red(state, net, side, o: RedOrders) -> list[Reason]:

    errs: list[Reason] = []
    if o.trafficker != side:
        errs.append(Reason("wrong_side", f"the orders name {o.trafficker!r} but are given for "
                           f"{side!r}", o.trafficker, side))
    bad = [Reason("nan_of", f"{k}.{p}: not a finite number", k, p) for k in ("flows", "bribes")
           for p, v in getattr(o, k).items() if not finite_number(v)]
    if bad:
        return errs + bad
    t = net.tidx[side]
    eff = effective(net, state, state.turn)
    dormant = eff["r_dormant"]
    p_dormant = memo(state, "path_dormant", lambda: (
        np.append(dormant, False)[net.p_routes].any(axis=1).tolist()
        if net.n_paths and dormant.any() else [False] * net.n_paths))
    total = 0
    for key, tons in o.flows.items():
        p = net.p_index.get((t, key))
        if p is None:
            errs.append(Reason("no_path", f"flows: {key!r} is not one of {side}'s paths",
                               key, side))
            continue
        if tons < 0:
            errs.append(Reason("flow_negative", f"flows: negative tons on {key}", key))
            continue
        if p_dormant[p]:
            routes = net.p_routes[p, : net.p_len[p]]
            closed = [net.route_ids[r] for r in routes if dormant[r]]
            errs.append(Reason("flow_dormant", f"flows: path {key} uses dormant route(s) "
                               f"{', '.join(closed)}; open them first", key, *closed))
        total += tons_to_loads(tons)
    avail = memo(state, "available_loads", lambda: available_loads(net, state, eff))[t]
    if total > avail:
        want, have = f"{total * LOAD_TONS:g}", f"{avail * LOAD_TONS:g}"
        errs.append(Reason("stock", f"flows: {want} t ordered but {side} has {have} t to ship",
                           want, side, have))
    for nat, amt in o.bribes.items():
        if nat not in net.nidx:
            errs.append(Reason("bribe_unknown", f"bribes: {nat!r} is not a nation in this "
                               "scenario", nat))
        if amt < 0:
            errs.append(Reason("bribe_negative", f"bribes: negative amount for {nat}", nat))
    for a in o.adaptations:
        if a not in ADAPTATIONS:
            errs.append(Reason("adapt_unknown", f"adaptations: unknown adaptation {a!r} (one "
                               f"of {', '.join(ADAPTATIONS)})", a))
            continue
        k = ADAPTATION_IDS.index(a)
        if state.t_adapt[t, k]:
            errs.append(Reason("adapt_have", f"adaptations: {side} already has {a}", side, a))
    spend = red_spending(o)
    for r in o.open_routes:
        if r not in net.ridx:
            errs.append(Reason("open_unknown", f"open_routes: {r!r} is not a route in this "
                               "scenario", r))
        elif not dormant[net.ridx[r]]:
            errs.append(Reason("open_open", f"open_routes: route {r} is already open", r))
    res = float(eff["t_resources"][t])
    if spend > res + 1e-9:
        errs.append(Reason("resources", f"resources: bribes and adaptations cost {spend:g} but "
                           f"{side} has {res:g}", f"{spend:g}", side, f"{res:g}"))
    return errs
