"""The game state: immutable, plain arrays indexed in the scenario's order.

`State` holds the scenario, the seed, the turn about to be played and a fixed set of numpy
arrays (all read-only). `resolve` copies the arrays it changes into a working dict and
builds the next `State` from it. `state_to_data`/`state_from_data` give an exact plain-data
round trip (floats survive JSON exactly).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np

from game.core.errors import InterdictError
from game.core.model import MODES, Scenario
from game.core.network import SHARING_INDEX, SOV_INDEX, compiled

ADAPTATIONS: dict[str, dict[str, Any]] = {
    # id: display name, cost in trafficker resources, detection multipliers per mode
    # (maritime, air, land), what it does
    "semi_submersible": {"name": "Semi-submersibles", "cost": 30.0, "mult": (0.6, 1.0, 1.0),
                         "text": "Low-profile vessels: maritime detection x0.6"},
    "encrypted_comms": {"name": "Encrypted communications", "cost": 20.0,
                        "mult": (0.85, 0.85, 0.85),
                        "text": "Encrypted phones: all detection x0.85"},
    "light_aircraft": {"name": "Light aircraft", "cost": 25.0, "mult": (1.0, 0.7, 1.0),
                       "text": "Clandestine airstrips and light aircraft: air detection x0.7"},
    "tunnels": {"name": "Tunnels", "cost": 25.0, "mult": (1.0, 1.0, 0.7),
                "text": "Tunnels and hidden compartments: land detection x0.7"},
}
ADAPTATION_IDS: tuple[str, ...] = tuple(ADAPTATIONS)
ADAPT_MULT = np.array([ADAPTATIONS[k]["mult"] for k in ADAPTATION_IDS], dtype=np.float64)
ADAPT_COST = np.array([ADAPTATIONS[k]["cost"] for k in ADAPTATION_IDS], dtype=np.float64)


def adaptation_name(aid: str) -> str:
    """How an adaptation reads ("semi_submersible" -> "Semi-submersibles")."""
    info = ADAPTATIONS.get(aid)
    return str(info["name"]) if info else aid.replace("_", " ")


ALLY_TRUST = 0.7
OTHER_TRUST = 0.4

# totals in c_tot
TOT_PRODUCED, TOT_SHIPPED, TOT_SEIZED, TOT_DELIVERED, TOT_DETECTED, TOT_BASELINE = range(6)


@dataclass(frozen=True, eq=False)
class State:
    scenario: Scenario
    seed: int
    turn: int  # the turn about to be played (1-based); the game is over past scenario.turns
    # nations (N)
    n_budget: np.ndarray
    n_reserve: np.ndarray
    n_corruption: np.ndarray
    n_governance: np.ndarray
    n_intel: np.ndarray
    n_violence: np.ndarray
    n_sovereignty: np.ndarray  # index into model.SOVEREIGNTY
    n_gov_capital: np.ndarray  # governance investment not yet paid off
    n_spent: np.ndarray  # last turn's spending
    n_flow0: np.ndarray  # tons per turn through each nation's routes at the start
    trust: np.ndarray  # N x N: trust[i, j] = how much i trusts j
    access: np.ndarray  # N x N bool: access[host, guest]
    sharing: np.ndarray  # N x N int: last turn's sharing level sharer -> receiver
    assets: np.ndarray  # N x A owned (deployable) assets
    pipeline: np.ndarray  # K x 4: arrive_turn, nation, asset, count
    deployed: np.ndarray  # K x 4: nation, route, asset, count (last turn's deployments)
    # alliances
    al_interop: np.ndarray
    al_cohesion: np.ndarray
    al_sharing: np.ndarray
    al_joint: np.ndarray
    # locations
    l_production: np.ndarray
    l_demand: np.ndarray
    l_price: np.ndarray
    # routes
    r_capacity: np.ndarray
    r_cost: np.ndarray
    r_concealment: np.ndarray
    r_detection: np.ndarray  # multiplier
    r_dormant: np.ndarray
    # modes (maritime, air, land)
    m_detection: np.ndarray
    m_interdiction: np.ndarray
    m_capacity: np.ndarray
    m_concealment: np.ndarray
    # traffickers
    t_resources: np.ndarray
    t_adaptiveness: np.ndarray
    t_production: np.ndarray  # multiplier on the sources' production
    t_stock: np.ndarray  # loads
    t_carry: np.ndarray  # fraction of a load produced but not yet whole
    t_adapt: np.ndarray  # T x adaptations bool
    risk_e: np.ndarray  # T x R time-weighted seizure events
    risk_w: np.ndarray  # T x R time-weighted turns of use
    revealed: np.ndarray  # R bool: routes whose patrols leaked last turn
    leaked_n: np.ndarray  # N bool: nations whose shared intelligence leaked last turn
    last_path_flow: np.ndarray  # P loads
    last_path_seized: np.ndarray  # P loads
    last_route_flow: np.ndarray  # R tons
    last_route_seized: np.ndarray  # R tons
    # events
    effects: np.ndarray  # K x 3: event, effect index, last turn it applies
    fired: np.ndarray  # E int: times fired
    events_now: np.ndarray  # event indices fired for the current turn
    # cumulative metrics
    c_tot: np.ndarray  # produced, shipped, seized, delivered, detected, baseline_delivered
    c_shipped_t: np.ndarray
    c_delivered_t: np.ndarray
    c_seized_t: np.ndarray
    c_delivered_l: np.ndarray
    c_flow_l: np.ndarray
    c_seized_n: np.ndarray
    c_detected_n: np.ndarray
    c_leaks_n: np.ndarray
    c_flow_n: np.ndarray
    c_seized_r: np.ndarray
    c_detected_r: np.ndarray
    c_flow_r: np.ndarray
    obj_done: np.ndarray
    obj_met: np.ndarray
    obj_value: np.ndarray
    # values derived from this (immutable) state, computed once: see game.core.cache.memo
    derived: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def is_over(self) -> bool:
        return self.turn > self.scenario.turns

    def arrays(self) -> dict[str, np.ndarray]:
        """Writable copies of every array, for building the next state."""
        return {f: getattr(self, f).copy() for f in ARRAY_FIELDS}

    def replace_arrays(self, **changes: Any) -> State:
        data = {f: getattr(self, f) for f in ARRAY_FIELDS}
        data.update(changes)
        return make_state(self.scenario, self.seed, self.turn, data)


ARRAY_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(State) if f.name not in ("scenario", "seed", "turn", "derived"))


def make_state(scenario: Scenario, seed: int, turn: int, arrays: dict[str, np.ndarray]) -> State:
    for a in arrays.values():
        a.setflags(write=False)
    return State(scenario=scenario, seed=int(seed), turn=int(turn), **arrays)


def initial_arrays(scenario: Scenario) -> dict[str, np.ndarray]:
    net = compiled(scenario)
    sc = scenario
    N, A, R = len(net.nation_ids), len(net.asset_ids), len(net.route_ids)
    T, L, Al = len(net.traf_ids), len(net.loc_ids), len(net.alliance_ids)
    P, E, n_obj = net.n_paths, len(net.event_ids), len(net.objective_ids)
    nations = list(sc.nations.values())
    f = np.float64
    w: dict[str, np.ndarray] = {}
    w["n_budget"] = np.array([n.budget for n in nations], dtype=f)
    w["n_reserve"] = np.zeros(N)
    w["n_corruption"] = np.array([n.corruption for n in nations], dtype=f)
    w["n_governance"] = np.array([n.governance for n in nations], dtype=f)
    w["n_intel"] = np.array([n.intel for n in nations], dtype=f)
    w["n_violence"] = np.array([n.violence for n in nations], dtype=f)
    w["n_sovereignty"] = np.array([SOV_INDEX[n.sovereignty] for n in nations], dtype=np.int64)
    w["n_gov_capital"] = np.zeros(N)
    w["n_spent"] = np.zeros(N)
    w["n_flow0"] = np.zeros(N)
    allied = (net.member.T.astype(np.int64) @ net.member.astype(np.int64)) > 0 if Al else \
        np.zeros((N, N), dtype=bool)
    trust = np.where(allied, ALLY_TRUST, OTHER_TRUST)
    np.fill_diagonal(trust, 1.0)
    w["trust"] = trust.astype(f)
    w["access"] = np.zeros((N, N), dtype=bool)
    w["sharing"] = np.zeros((N, N), dtype=np.int64)
    assets = np.zeros((N, A), dtype=np.int64)
    for i, n in enumerate(nations):
        for a, c in n.assets.items():
            if a in net.aidx:
                assets[i, net.aidx[a]] = int(c)
    w["assets"] = assets
    w["pipeline"] = np.zeros((0, 4), dtype=np.int64)
    w["deployed"] = np.zeros((0, 4), dtype=np.int64)
    als = list(sc.alliances.values())
    w["al_interop"] = np.array([a.interoperability for a in als], dtype=f)
    w["al_sharing"] = np.array([SHARING_INDEX[a.intel_sharing] for a in als], dtype=np.int64)
    w["al_joint"] = np.array([bool(a.joint_operations) for a in als], dtype=bool)
    coh = np.zeros(Al)
    for k in range(Al):
        m = np.flatnonzero(net.member[k])
        if len(m) > 1:
            sub = trust[np.ix_(m, m)]
            coh[k] = (sub.sum() - len(m)) / (len(m) * (len(m) - 1))
        else:
            coh[k] = 1.0
    w["al_cohesion"] = coh
    locs = list(sc.locations.values())
    w["l_production"] = np.array([x.production for x in locs], dtype=f)
    w["l_demand"] = np.array([x.demand for x in locs], dtype=f)
    w["l_price"] = np.array([x.price for x in locs], dtype=f)
    routes = list(sc.routes.values())
    w["r_capacity"] = np.array([r.capacity for r in routes], dtype=f)
    w["r_cost"] = np.array([r.cost for r in routes], dtype=f)
    w["r_concealment"] = np.array([r.concealment for r in routes], dtype=f)
    w["r_detection"] = np.ones(R)
    w["r_dormant"] = np.array([r.dormant for r in routes], dtype=bool)
    w["m_detection"] = np.ones(len(MODES))
    w["m_interdiction"] = np.ones(len(MODES))
    w["m_capacity"] = np.ones(len(MODES))
    w["m_concealment"] = np.zeros(len(MODES))
    trs = list(sc.traffickers.values())
    w["t_resources"] = np.array([t.resources for t in trs], dtype=f)
    w["t_adaptiveness"] = np.array([t.adaptiveness for t in trs], dtype=f)
    w["t_production"] = np.ones(T)
    w["t_stock"] = np.zeros(T, dtype=np.int64)
    w["t_carry"] = np.zeros(T)
    w["t_adapt"] = np.zeros((T, len(ADAPTATION_IDS)), dtype=bool)
    w["risk_e"] = np.zeros((T, R))
    w["risk_w"] = np.zeros((T, R))
    w["revealed"] = np.zeros(R, dtype=bool)
    w["leaked_n"] = np.zeros(N, dtype=bool)
    w["last_path_flow"] = np.zeros(P, dtype=np.int64)
    w["last_path_seized"] = np.zeros(P, dtype=np.int64)
    w["last_route_flow"] = np.zeros(R)
    w["last_route_seized"] = np.zeros(R)
    w["effects"] = np.zeros((0, 3), dtype=np.int64)
    w["fired"] = np.zeros(E, dtype=np.int64)
    w["events_now"] = np.zeros(0, dtype=np.int64)
    w["c_tot"] = np.zeros(6)
    for k, n in (("c_shipped_t", T), ("c_delivered_t", T), ("c_seized_t", T),
                 ("c_delivered_l", L), ("c_flow_l", L), ("c_seized_n", N),
                 ("c_detected_n", N), ("c_leaks_n", N), ("c_flow_n", N),
                 ("c_seized_r", R), ("c_detected_r", R), ("c_flow_r", R)):
        w[k] = np.zeros(n)
    w["obj_done"] = np.zeros(n_obj, dtype=bool)
    w["obj_met"] = np.zeros(n_obj, dtype=bool)
    w["obj_value"] = np.zeros(n_obj)
    return w


def initial_state(scenario: Scenario, seed: int | None = None) -> State:
    """The state before turn 1, with turn 1's events already fired."""
    from game.core.events import fire_due_events

    seed = scenario.seed if seed is None else int(seed)
    w = initial_arrays(scenario)
    net = compiled(scenario)
    fired = fire_due_events(net, w, 1, seed)
    w["events_now"] = np.array(fired, dtype=np.int64)
    from game.core.traffic import prior_route_flow

    w["last_route_flow"] = prior_route_flow(scenario, w)
    jm = net.r_jur >= 0
    w["n_flow0"] = np.bincount(net.r_jur[jm], weights=w["last_route_flow"][jm],
                               minlength=len(net.nation_ids)).astype(np.float64)
    return make_state(scenario, seed, 1, w)


def state_to_data(state: State) -> dict:
    """Plain data (dicts, lists, str, int, float, bool) for JSON saves."""
    arrays = {}
    for f in ARRAY_FIELDS:
        a = getattr(state, f)
        arrays[f] = {"dtype": a.dtype.str, "shape": list(a.shape), "data": a.ravel().tolist()}
    return {"scenario": state.scenario.id, "seed": state.seed, "turn": state.turn,
            "arrays": arrays}


def state_from_data(scenario: Scenario, data: dict) -> State:
    """The inverse of `state_to_data`; raises InterdictError on data that does not fit."""
    try:
        if data.get("scenario") != scenario.id:
            raise InterdictError(
                f"this state belongs to scenario {data.get('scenario')!r}, not {scenario.id!r}")
        ref = initial_arrays(scenario)
        arrays = {}
        for f in ARRAY_FIELDS:
            item = data["arrays"][f]
            dtype = np.dtype(item["dtype"])
            shape = tuple(int(x) for x in item["shape"])
            a = np.array(item["data"], dtype=dtype).reshape(shape)
            want = ref[f]
            if a.dtype != want.dtype or (a.shape != want.shape and f not in VARIABLE_FIELDS):
                raise InterdictError(f"state field {f!r} has the wrong type or shape")
            arrays[f] = a
        turn = int(data["turn"])
        problem = _out_of_range(scenario, turn, arrays)
        if problem:
            raise InterdictError(f"the saved state is damaged: {problem}")
        return make_state(scenario, int(data["seed"]), turn, arrays)
    except InterdictError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InterdictError(f"the saved state is damaged ({type(exc).__name__}: {exc})") from None


VARIABLE_FIELDS = frozenset({"pipeline", "deployed", "effects", "events_now"})


def _out_of_range(scenario: Scenario, turn: int, w: dict) -> str | None:
    """What in a state read from a file no game could reach (an index past its table, a
    negative count, a number that is not finite), or None: a state that passes plays on
    without an index error."""
    net = compiled(scenario)
    N, R, A = len(net.nation_ids), len(net.route_ids), len(net.asset_ids)
    E = len(net.events)
    if not 1 <= turn <= scenario.turns + 1:
        return f"turn {turn} is not between 1 and {scenario.turns + 1}"
    for f, a in w.items():
        if a.dtype.kind == "f" and not np.isfinite(a).all():
            return f"{f} holds a number that is not finite"
    tables = {"deployed": (N, R, A, None), "pipeline": (None, N, A, None),
              "effects": (E, None, None), "events_now": (E,)}
    for f, bounds in tables.items():
        a = w[f][:, None] if w[f].ndim == 1 else w[f]
        for col, n in enumerate(bounds):
            if a.size and col < a.shape[1] and (
                    (a[:, col] < 0).any() or (n is not None and (a[:, col] >= n).any())):
                return f"{f} refers to something this scenario does not have"
    for f in ("assets", "t_stock", "fired", "c_leaks_n"):
        if (w[f] < 0).any():
            return f"{f} holds a negative count"
    for e, k, _until in w["effects"].tolist():
        if k >= len(net.events[e].effects):
            return "effects refers to something this scenario does not have"
    return None
