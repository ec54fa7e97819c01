"""What each seat may see: observe(state, side) -> Observation.

- a nation: its own budget, assets, deployments, trust; public facts; the deployments of
  partners who share with it; route flows *estimated* from last turn, blurred according to
  its intelligence (deterministic: the blur comes from the game seed).
- a trafficker: its stock, resources, paths and perceived risk, and Blue deployments only
  where a leak revealed them.
- "observer": public facts and news only.
- "white": the truth (the state itself and true flows).

Every seat's `dormant` is the routes dormant as that seat knows them (see `known_dormant`):
a route a trafficker opened stays dormant for the nations and the observer until they have
evidence of traffic on it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import chain, groupby
from operator import itemgetter
from types import MappingProxyType
from typing import Any

import numpy as np

from game.core.cache import memo, memo_in
from game.core.errors import InterdictError
from game.core.events import effective
from game.core.model import SHARING, SOVEREIGNTY
from game.core.network import LOAD_TONS, SHARING_WEIGHT, Net, compiled
from game.core.orders import deployable_matrix
from game.core.resolve import _default_sharing
from game.core.rng import turn_rng
from game.core.state import ADAPTATION_IDS, State
from game.core.traffic import available_loads, perceived_risk, usable_paths

BLUR = 0.8  # log-normal spread of flow estimates for a nation with no intelligence


@dataclass(frozen=True, eq=False)
class Observation:
    side: str
    kind: str  # "nation" | "trafficker" | "observer" | "white"
    turn: int
    turns: int
    net: Net  # static scenario indices (ids, route modes, paths); no secrets
    events: tuple[Mapping[str, Any], ...]  # event cards this seat sees this turn
    public: Mapping[str, Any]  # per-nation public levels, alliance cohesion, headline news
    corruption: np.ndarray | None = None  # N: each nation's public corruption level
    # nation seats
    budget: float = 0.0  # budget available this turn (including the carried-over reserve)
    assets: np.ndarray | None = None  # A owned
    pipeline: tuple[tuple[int, str, int], ...] = ()  # (arrives on turn, asset type, count)
    deployable: np.ndarray | None = None  # R x A bool: legal routes per asset type this turn
    est_flow: np.ndarray | None = None  # R tons (estimate of last turn's flow)
    deployed: tuple[tuple[str, str, str, int], ...] = ()  # (nation, route, asset, count) seen
    trust: np.ndarray | None = None  # N: how much this nation trusts each other nation
    default_sharing: Mapping[str, str] = field(default_factory=dict)
    partners: tuple[str, ...] = ()  # nations sharing an alliance with this one
    joint_partners: tuple[str, ...] = ()  # nations sharing a joint-operations alliance
    sovereignty: str = "open"
    intel: float = 0.0
    # trafficker seats
    available: float = 0.0  # tons to ship this turn
    resources: float = 0.0
    paths: np.ndarray | None = None  # path indices of this trafficker
    usable: np.ndarray | None = None  # P bool
    risk: np.ndarray | None = None  # R perceived risk
    revealed: np.ndarray | None = None  # R bool: patrols revealed by last turn's leak
    last_path_flow: np.ndarray | None = None  # P loads (own paths)
    last_path_seized: np.ndarray | None = None
    adaptations: tuple[str, ...] = ()
    # effective scenario values (costs, capacities, prices): the truth, which the AI's
    # per-turn constants read; a seat's display of dormant routes uses `dormant` below
    effective: Any = None
    dormant: np.ndarray | None = None  # R bool: routes dormant as this seat knows them
    # the white cell
    state: State | None = None
    true_flow: np.ndarray | None = None
    # values derived from this turn's public and effective data, shared by every observation
    # of one state and filled on first use (see turn_memo, its only reader and writer): the
    # AI's per-turn constants
    _turn_cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def scenario(self):
        return self.net.scenario

    def path_key(self, p: int) -> str:
        return self.net.p_keys[p]


def turn_memo(obs: Observation, key: Any, fn: Callable[[], Any]) -> Any:
    """fn(), computed once per state for all the observations of it: fn may only read what
    every seat sees alike (the net, effective values, public facts), never a seat's own view."""
    return memo_in(obs._turn_cache, key, fn)


def _cards(state: State, side: str) -> tuple[dict, ...]:
    if not state.events_now.size:  # most turns
        return ()
    events = list(state.scenario.events.values())
    out = []
    for e in state.events_now.tolist():
        ev = events[e]
        if side == "white" or not ev.audience or side in ev.audience:
            out.append({"id": ev.id, "title": ev.title, "text": ev.text,
                        "audience": list(ev.audience)})
    return tuple(out)


def _public(net: Net, state: State, eff) -> dict:
    ids = net.nation_ids  # (the level arrays are float64, so tolist gives Python floats)
    return {
        "corruption": dict(zip(ids, eff["n_corruption"].tolist())),
        "governance": dict(zip(ids, eff["n_governance"].tolist())),
        "violence": dict(zip(ids, eff["n_violence"].tolist())),
        "sovereignty": {n: SOVEREIGNTY[s] for n, s in zip(ids, eff["n_sovereignty"].tolist())},
        "cohesion": dict(zip(net.alliance_ids, state.al_cohesion.tolist())),
        "seized_last_turn": float(state.last_route_seized.sum()),
        "seized_total": float(state.c_tot[2]),
    }


def observe(state: State, side: str) -> Observation:
    net = compiled(state.scenario)
    eff = effective(net, state, state.turn)
    common = {"side": side, "turn": state.turn, "turns": state.scenario.turns, "net": net,
              "events": _cards(state, side),
              "public": memo(state, "public", lambda: _public(net, state, eff)),
              "corruption": eff["n_corruption"],
              "effective": eff,
              "_turn_cache": memo(state, "turn_cache", dict)}
    if side == "white":
        return Observation(kind="white", state=state, true_flow=state.last_route_flow.copy(),
                           dormant=eff["r_dormant"], **common)
    if side == "observer":
        return Observation(kind="observer", dormant=known_dormant(state, net, eff, side),
                           **common)
    if side in net.nidx:
        return _observe_nation(state, net, eff, side, common)
    if side in net.tidx:
        return _observe_trafficker(state, net, eff, side, common)
    raise InterdictError(f"{side!r} is not a nation, a trafficker, 'observer' or 'white'")


def known_dormant(state: State, net: Net, eff, side: str) -> np.ndarray:
    """R bool: the routes a nation or the observer knows to be dormant (read-only).

    The seat knows what is public: the scenario's dormant routes, changed by the events it
    was shown (those with no audience, or with the seat in it; fired by the scenario or by
    the white cell). A route that is open although no event the seat saw explains it was
    opened by a trafficker (the state keeps no other way to open one, except a white-cell
    `adjust`): a nation sees it dormant until it has evidence of traffic on it, i.e. its flow
    estimate is above zero now or was in an earlier turn (an estimate blurs the tons, never
    whether there were any, so every nation has the same evidence; every seizure or
    detection on a route is on traffic there). The observer has no estimates: it sees such a
    route dormant for the rest of the game. A dormant route is dormant to everyone: only
    events and the white cell close routes."""
    table = _dormant_events(net)
    # seats differ only in the events shown to some audiences, and nations from the observer
    key = ("known_dormant", side if table.get("audience") else None, side in net.nidx)
    return memo(state, key, lambda: _known_dormant(state, net, eff, side, table))


def _known_dormant(state, net, eff, side, table) -> np.ndarray:
    dormant = eff["r_dormant"]
    opened = np.zeros(len(net.route_ids), dtype=bool)  # announced openings
    closed = np.zeros(len(net.route_ids), dtype=bool)  # announced closings
    events = net.events
    fired = state.fired.tolist()
    shown = [not ev.audience or side in ev.audience for ev in events]
    for e, (perm_open, perm_close, _temp) in table["events"].items():
        if fired[e] and shown[e]:
            opened[list(perm_open)] = True
            closed[list(perm_close)] = True
    for e, k, until in state.effects.tolist():  # temporary effects still running
        r = table["events"].get(e, ((), (), {}))[2].get(k)
        if r is not None and until >= state.turn and shown[e]:
            opened[r] = True
    public_open = (~_start_dormant(net) & ~closed) | opened
    secret = ~dormant & ~public_open
    if side in net.nidx:  # evidence: a flow estimate above zero, last turn or before (a
        # nation's estimate is the true flow times a positive blur: above zero exactly when
        # the true flow is)
        secret &= ~((state.last_route_flow > 0) | (state.c_flow_r > 0))
    if not secret.any():
        return dormant
    return dormant | secret


def _start_dormant(net: Net) -> np.ndarray:
    """R bool: the routes dormant at the start of the scenario."""
    return memo_in(net.derived, "start_dormant", lambda: np.array(
        [r.dormant for r in net.scenario.routes.values()], dtype=bool))


def _dormant_events(net: Net) -> Mapping[str, Any]:
    """The events that set a route's `dormant`: {"events": {event index: (the routes its
    permanent effects open, those they close, {effect index: route} for its temporary
    effects that open one)}, "audience": whether one of them has an audience}."""
    def table():
        out = {}
        for e, ev in enumerate(net.events):
            perm_open, perm_close, temp = [], [], {}
            for k, eff in enumerate(ev.effects):
                v = eff.changes.get("dormant")
                r = net.ridx.get(eff.target_id) if eff.target_kind == "route" else None
                if r is None or not isinstance(v, bool | np.bool_):
                    continue
                if eff.duration is not None:
                    if not v:
                        temp[k] = r
                else:
                    (perm_close if v else perm_open).append(r)
            if perm_open or perm_close or temp:
                out[e] = (tuple(perm_open), tuple(perm_close), MappingProxyType(temp))
        return MappingProxyType({
            "events": MappingProxyType(out),
            "audience": any(net.events[e].audience for e in out)})
    return memo_in(net.derived, "dormant_events", table)


def _observe_nation(state, net, eff, side, common) -> Observation:
    n = net.nidx[side]
    views = memo(state, "nation_views", lambda: _nation_views(state, net, eff))
    intel = views["intel"][n]
    est = state.last_route_flow * np.exp(BLUR * (1.0 - intel) * views["blur"][n])
    sees = views["sees"]
    seen = tuple(chain.from_iterable(rows for owner, rows in views["deployed"]
                                     if owner == n or sees[owner][n]))
    return Observation(
        kind="nation", budget=float(eff["n_budget"][n] + state.n_reserve[n]),
        assets=state.assets[n].copy(), pipeline=views["pipeline"][n],
        deployable=views["deployable"][n],
        est_flow=est, dormant=known_dormant(state, net, eff, side),
        deployed=seen, trust=state.trust[n].copy(),
        default_sharing=dict(views["default_sharing"][n]),
        partners=views["partners"][n], joint_partners=views["joint"][n],
        sovereignty=SOVEREIGNTY[int(eff["n_sovereignty"][n])], intel=intel, **common)


def _nation_views(state, net, eff) -> dict:
    """What the nations' observations of `state` are made of, for all nations at once (each
    nation then takes its own row)."""
    N = len(net.nation_ids)
    weight = SHARING_WEIGHT[state.sharing]  # weight[m, n]: how much m shared with n last turn
    n_intel = eff["n_intel"]
    # a nation's intelligence: its own, or the best a partner shared with it, discounted by
    # how much it trusts that partner
    shared = (weight.T * state.trust * n_intel[None, :]).max(axis=1) if N else np.zeros(0)
    intel = [float(max(own, best)) for own, best in zip(n_intel.tolist(), shared.tolist())]
    nids, rids, aids = net.nation_ids, net.route_ids, net.asset_ids
    dep = state.deployed.tolist()
    default = memo(state, "default_sharing", lambda: _default_sharing(net, eff))
    partners, joint, allies = _relations(net, eff)
    pipeline: list[list] = [[] for _ in range(N)]
    for t, nn, a, c in state.pipeline.tolist():
        pipeline[nn].append((int(t), aids[a], int(c)))
    # N x R x A: where each nation may send each asset type this turn (read-only: every
    # nation's observation holds a view of its own slice)
    deployable = deployable_matrix(state, net, None, eff)[:, :, None] & net.route_modes[None]
    deployable.setflags(write=False)
    return {
        "intel": intel,
        "deployable": deployable,
        "blur": turn_rng(state.seed, state.turn, "observe").standard_normal(
            (N, len(net.route_ids))),
        # the deployments as (owner, its consecutive rows named), in the state's order
        "deployed": [(owner, [(nids[nn], rids[r], aids[a], c) for nn, r, a, c in rows])
                     for owner, rows in groupby(dep, key=itemgetter(0))],
        "sees": (weight > 0).tolist(),  # sees[m][n]: n sees m's deployments
        "default_sharing": _default_views(net, default, allies),
        "partners": partners,
        "joint": joint,
        "pipeline": [tuple(x) for x in pipeline],
    }


def _relations(net, eff) -> tuple[tuple, tuple, tuple]:
    """Per nation: the ids of its allies, the ids of its joint-operations partners, and the
    allies' indices (each in nation order). They depend only on which alliances run joint
    operations, so they are kept per network and that choice."""
    def relations():
        N = len(net.nation_ids)
        m = net.member.astype(np.int64)
        allied = (m.T @ m) > 0
        mj = net.member[eff["al_joint"]].astype(np.int64)
        joint = (mj.T @ mj) > 0
        ids = net.nation_ids
        allies = tuple(tuple(j for j in range(N) if j != i and allied[i, j]) for i in range(N))
        partners = tuple(tuple(ids[j] for j in a) for a in allies)
        joints = tuple(tuple(ids[j] for j in range(N) if j != i and joint[i, j])
                       for i in range(N))
        return partners, joints, allies
    return memo_in(net.derived, ("relations", eff["al_joint"].tobytes()), relations)


def _default_views(net, default: np.ndarray, allies: tuple) -> tuple[Mapping, ...]:
    """Per nation: {ally id: the sharing level the alliances imply}. The levels change only
    when an alliance's sharing does, so the maps are kept per network and levels."""
    def views():
        nids = net.nation_ids
        return tuple(MappingProxyType({nids[m]: SHARING[int(level[m])] for m in allies[n]})
                     for n, level in enumerate(default.tolist()))
    # (allies depend on the network alone)
    return memo_in(net.derived, ("default", default.tobytes()), views)


def _observe_trafficker(state, net, eff, side, common) -> Observation:
    t = net.tidx[side]
    views = memo(state, "trafficker_views", lambda: _trafficker_views(state, net, eff))
    idx = net.traf_paths[t]
    lpf = np.zeros(net.n_paths, dtype=np.int64)
    lps = np.zeros(net.n_paths, dtype=np.int64)
    lpf[idx] = state.last_path_flow[idx]
    lps[idx] = state.last_path_seized[idx]
    return Observation(
        kind="trafficker", available=views["available"][t] * LOAD_TONS,
        resources=float(eff["t_resources"][t]), paths=idx, usable=views["usable"].copy(),
        risk=views["risk"][t].copy(), revealed=state.revealed.copy(), deployed=views["seen"],
        last_path_flow=lpf, last_path_seized=lps, dormant=eff["r_dormant"],
        adaptations=tuple(a for a, on in zip(ADAPTATION_IDS, state.t_adapt[t].tolist()) if on),
        **common)


def _trafficker_views(state, net, eff) -> dict:
    """What every trafficker's observation of `state` shares: the patrols last turn's leaks
    revealed, the usable paths, and per trafficker its perceived risk and loads to ship."""
    revealed = state.revealed.tolist()
    leaked = state.leaked_n.tolist()  # a leak shows the sharing nation's patrols, no one else's
    nids, rids, aids = net.nation_ids, net.route_ids, net.asset_ids
    return {
        "risk": perceived_risk(state.risk_e, state.risk_w, net.loss_tolerance),
        "seen": tuple((nids[nn], rids[r], aids[a], int(c))
                      for nn, r, a, c in state.deployed.tolist() if revealed[r] and leaked[nn]),
        "usable": usable_paths(net, eff),
        "available": [float(x) for x in
                      memo(state, "available_loads", lambda: available_loads(net, state, eff))],
    }
