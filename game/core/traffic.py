"""Trafficker economics shared by the rules and the AI: production, perceived risk,
path costs and the split of loads among paths.

Perceived risk follows NarcoLogic (Magliocca et al., PNAS 2019): per route, a Bayesian rate
of recent seizure events, (time-weighted events + a*prior) / (time-weighted turns + a + b),
with a = 2, b = 0.5 and a 12-turn memory (exponential weights, decay 11/12).
"""

from __future__ import annotations

import math

import numpy as np

from game.core.network import LOAD_TONS, Net, compiled

RISK_A = 2.0
RISK_B = 0.5
RISK_DECAY = 11.0 / 12.0
LEAK_RISK = 0.6  # perceived risk of a route whose patrols leaked
TEMPERATURE = 0.12  # softmax temperature, as a share of the cargo's value


def produced_tons(net: Net, eff) -> np.ndarray:
    return (net.source_share @ eff["l_production"]) * eff["t_production"]


def production_loads(net: Net, eff, carry: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whole loads produced this turn per trafficker, and the fraction carried over."""
    x = produced_tons(net, eff) / LOAD_TONS + carry
    loads = np.floor(x + 1e-9).astype(np.int64)
    return loads, np.maximum(x - loads, 0.0)


def available_loads(net: Net, state, eff) -> np.ndarray:
    """Loads each trafficker may ship this turn: stock plus this turn's production."""
    loads, _ = production_loads(net, eff, state.t_carry)
    return state.t_stock + loads


def perceived_risk(risk_e: np.ndarray, risk_w: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """T x R perceived chance of a seizure event per route."""
    return (risk_e + RISK_A * prior[:, None]) / (risk_w + RISK_A + RISK_B)


def cargo_value(net: Net, eff) -> np.ndarray:
    """Value per ton of each path's cargo (its market price; a default if unpriced)."""
    price = eff["l_price"]
    pos = price[price > 0]
    default = float(pos.mean()) if pos.size else 10.0
    v = price[net.p_mkt] if net.n_paths else np.zeros(0)
    return np.where(v > 0, v, default)


def path_transport_cost(net: Net, eff) -> np.ndarray:
    rc = np.append(eff["r_cost"], 0.0)  # index -1 -> 0
    return rc[net.p_routes].sum(axis=1) if net.n_paths else np.zeros(0)


def path_costs(net: Net, eff, risk_r: np.ndarray | None, *,
               transport: np.ndarray | None = None,
               cargo: np.ndarray | None = None) -> np.ndarray:
    """Expected cost per ton of each path: transport + value x (risk + risk^2) (a quadratic
    risk premium, as in NarcoLogic). `risk_r` is T x R, or None for no risk. `transport` and
    `cargo` are path_transport_cost and cargo_value of `eff`, if the caller already has them."""
    cost = path_transport_cost(net, eff) if transport is None else transport
    if risk_r is None or not net.n_paths:
        return cost
    T, R = risk_r.shape
    rr = np.zeros((T, R + 1))  # a last column of zeros for the -1 padding of p_routes
    rr[:, :R] = risk_r
    safe = np.prod(1.0 - rr.take(net.path_route_cells), axis=1)
    risk = 1.0 - safe
    value = cargo_value(net, eff) if cargo is None else cargo
    return cost + value * (risk + risk * risk)


def usable_paths(net: Net, eff) -> np.ndarray:
    """P bool: paths with no dormant route and positive capacity on every route."""
    if not net.n_paths:
        return np.zeros(0, dtype=bool)
    bad = eff["r_dormant"] | (eff["r_capacity"] <= 0)
    bad = np.append(bad, False)
    return ~bad[net.p_routes].any(axis=1)


def split_loads(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers summing to `total`, proportional to `weights` (largest remainder)."""
    s = float(weights.sum())
    if total <= 0 or s <= 0 or len(weights) == 0:
        return np.zeros(len(weights), dtype=np.int64)
    x = (weights / s * total).tolist()
    out = [math.floor(v) for v in x]
    rest = int(total - sum(out))
    if rest > 0:
        # the largest remainders get one more (ties: the earlier path)
        by_rest = sorted(range(len(x)), key=lambda i: -(x[i] - out[i]))
        for i in by_rest[:rest]:
            out[i] += 1
    return np.array(out, dtype=np.int64)


def softmax_weights(costs: np.ndarray, value: float) -> np.ndarray:
    tau = max(TEMPERATURE * value, 1e-6)
    z = (costs - costs.min()) / tau
    return np.exp(-np.minimum(z, 50.0))


def allocate(net: Net, eff, t: int, loads: int, costs: np.ndarray, usable: np.ndarray,
             previous: np.ndarray | None = None, rate: float = 1.0, *,
             cargo: np.ndarray | None = None) -> dict[int, int]:
    """Split `loads` among trafficker t's usable paths: a softmax on expected cost, moved from
    the previous split toward that target at `rate` (the trafficker's learning rate).
    `cargo` is cargo_value of `eff`, if the caller already has it."""
    idx = net.traf_paths[t]
    idx = idx[usable[idx]]
    if loads <= 0 or len(idx) == 0:
        return {}
    value = (cargo_value(net, eff) if cargo is None else cargo)[idx]
    value = float(value.sum()) / len(value)  # the mean, without np.mean's overhead
    target = softmax_weights(costs[idx], value)
    target = target / target.sum()
    if previous is not None and rate < 1.0:
        prev = previous[idx].astype(np.float64)
        shipped = prev.sum()
        if shipped > 0:
            target = (1.0 - rate) * prev / shipped + rate * target
    # respect route capacities roughly (the rules clip exactly)
    flows = split_loads(loads, target)
    return {p: f for p, f in zip(idx.tolist(), flows.tolist()) if f > 0}


def prior_route_flow(scenario, w) -> np.ndarray:
    """Tons per route if every trafficker split its expected production by cost alone:
    the intelligence estimate available before turn 1."""
    net = compiled(scenario)
    R = len(net.route_ids)
    if not net.n_paths:
        return np.zeros(R)
    loads, _ = production_loads(net, w, w["t_carry"])
    usable = usable_paths(net, w)
    costs = path_costs(net, w, None)
    flow = np.zeros(net.n_paths)
    for t in range(len(net.traf_ids)):
        for p, f in allocate(net, w, t, int(loads[t]), costs, usable).items():
            flow[p] = f
    return route_flow_from_paths(net, flow) * LOAD_TONS


def route_flow_from_paths(net: Net, path_flow: np.ndarray) -> np.ndarray:
    R = len(net.route_ids)
    if not net.n_paths:
        return np.zeros(R)
    pr = net.p_routes
    mask = pr >= 0
    weights = np.broadcast_to(path_flow[:, None], pr.shape)[mask]
    return np.bincount(pr[mask], weights=weights, minlength=R).astype(np.float64)


def within_capacity(net: Net, eff, path_flow: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(path loads, route loads) once the routes' capacities this turn are enforced: every
    path through a route loaded beyond its capacity is cut by the same ratio (its smallest
    ratio along the way), rounded down to whole loads; the loads cut wait in stock."""
    R = len(net.route_ids)
    mode_cap = eff["m_capacity"][net.r_mode] if R else np.zeros(0)
    cap_loads = np.floor(eff["r_capacity"] * mode_cap / LOAD_TONS + 1e-9)
    load_r = route_flow_from_paths(net, path_flow)
    if net.n_paths and (load_r > cap_loads).any():
        ratio = np.where(load_r > cap_loads, cap_loads / np.maximum(load_r, 1), 1.0)
        scale_p = np.append(ratio, 1.0)[net.p_routes].min(axis=1)
        path_flow = np.floor(path_flow * scale_p + 1e-9).astype(np.int64)
        load_r = route_flow_from_paths(net, path_flow)
    return path_flow, load_r

