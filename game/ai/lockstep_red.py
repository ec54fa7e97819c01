"""The Red AI seats (traffickers) in lockstep: every trafficker's orders in G games at once.

`red_orders(lock, policies)` gives, as `RedArrays`, exactly the orders `Game.ai_orders` gives
in each game alone (`AdaptiveRed` / `FixedRed` on `observe(state, trafficker)`), bit for bit.
It follows the single-game code step by step (game/core/observe.py's trafficker view,
game/core/traffic.py's economics, game/ai/policies.py's Red policies) with a leading game
axis, and keeps the single-game order of every float sum:

- sums over a trafficker's usable paths (the mean cargo value, the softmax's total, the
  split's total) are ragged across games: the (game, trafficker) rows are packed (usable
  paths first, in path order) and summed in groups of rows of one length, so each sum is
  numpy's sum of exactly the single game's numbers (numpy sums 8 or more numbers pairwise);
- sums of whole loads are exact in any order;
- the bribe is rounded as Python's `round` rounds it (`round6`), not as `np.round`.

The policies are "adaptive" and "fixed", one per trafficker, the same in every game (the
shadow game of a human Red seat plays "adaptive", as `Game.ai_orders` does).

Per-game effective values (`game.core.events.effective`) are computed only for the games
whose running event effects touch a value the traffickers read; the others read the stacked
base values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from game.ai.policies import AdaptiveRed
from game.core.cache import memo_in
from game.core.lockstep import Lock, RedArrays
from game.core.lockstep_events import lock_effective
from game.core.lockstep_resolve import (
    lock_cargo_value,
    lock_path_costs,
    lock_production_loads,
    lock_transport_cost,
    lock_usable_paths,
)
from game.core.network import LOAD_TONS, Net
from game.core.state import ADAPT_COST, ADAPT_MULT
from game.core.traffic import LEAK_RISK, TEMPERATURE, perceived_risk

RED_LOCK_POLICIES = ("adaptive", "fixed")

# the effective values a trafficker's observation and policy read
EFF_FIELDS = ("l_production", "t_production", "l_price", "r_cost", "r_dormant", "r_capacity",
              "t_adaptiveness", "t_resources")


class _Consts:
    """Per-network constants of the lockstep Red seats."""

    def __init__(self, net: Net):
        T, P, R = len(net.traf_ids), net.n_paths, len(net.route_ids)
        N = len(net.nation_ids)
        self.T, self.P, self.R = T, P, R
        counts = [len(x) for x in net.traf_paths]
        pm = max(counts, default=0)
        self.pm = pm
        # T x Pm: each trafficker's paths in path order, padded with P (a dummy column)
        tp = np.full((T, pm), P, dtype=np.int64)
        for t, idx in enumerate(net.traf_paths):
            tp[t, : len(idx)] = idx
        self.tp = tp
        self.tp_valid = tp < P
        # (P + 1) x L: each path's routes (-1 padded), the dummy path has none
        L = net.p_routes.shape[1] if P else 1
        self.p_routes = np.vstack([net.p_routes.reshape(P, L), np.full((1, L), -1, np.int64)])
        # per (trafficker, path slot): how many of the path's routes are of each mode, and
        # in each nation's jurisdiction (the policy's bincounts over a seized path's routes)
        modes = np.zeros((P + 1, 3), dtype=np.int64)
        hosts = np.zeros((P + 1, max(N, 1)), dtype=np.int64)
        for p in range(P):
            for r in net.p_routes[p, : net.p_len[p]].tolist():
                modes[p, net.r_mode[r]] += 1
                if net.r_jur[r] >= 0:
                    hosts[p, net.r_jur[r]] += 1
        # T x Pm x (3 + N), as floats for one batched product
        self.route_counts = np.concatenate([modes, hosts], axis=1)[tp].astype(np.float64)
        self.n_paths = np.array(counts, dtype=np.int64)
        self.row_off = (np.arange(T) * pm)[None, :, None]  # each trafficker's row in tp
        # per mode: the adaptations in the order the policy tries them
        self.adapt_order = np.stack([np.argsort(ADAPT_MULT[:, m], kind="stable")
                                     for m in range(ADAPT_MULT.shape[1])])
        self.tolerance = net.loss_tolerance


def _consts(net: Net) -> _Consts:
    return memo_in(net.derived, "lockstep_red", lambda: _Consts(net))


def red_orders(lock: Lock, policies: Sequence[str],
               eff: Mapping[str, np.ndarray] | None = None) -> RedArrays:
    """Every trafficker's orders in every game of `lock`, as `Game.ai_orders` gives them in
    each game alone; `policies[t]` is trafficker t's policy ("adaptive" or "fixed"). `eff`:
    the games' effective values this turn (G x ... arrays with at least EFF_FIELDS, e.g.
    `lockstep_events.lock_effective`'s), if the caller already has them."""
    net = lock.net
    c = _consts(net)
    G, T, P, R, pm = lock.games, c.T, c.P, c.R, c.pm
    if len(policies) != T:
        raise ValueError(f"{T} traffickers, {len(policies)} policies")
    for p in policies:
        if p not in RED_LOCK_POLICIES:
            raise ValueError(f"lockstep plays the Red policies {RED_LOCK_POLICIES}, not {p!r}")
    out = RedArrays.empty(net, G)
    if not T:
        return out
    adaptive = np.array([p == "adaptive" for p in policies], dtype=bool)
    out.has[:] = True
    out.react[:] = adaptive
    if not P:
        return out  # no paths: nothing shipped, nothing lost, nothing to react to
    a = lock.a
    if eff is None:
        eff = lock_effective(net, lock.a, lock.var, lock.turn, EFF_FIELDS)
    goff = (np.arange(G) * (P + 1))[:, None, None]  # first cell of each game's G x (P + 1) row

    # --- the observation: loads to ship (observe._trafficker_views, traffic.available_loads)
    avail = a["t_stock"] + lock_production_loads(net, eff, a["t_carry"])[0]
    loads = np.rint(avail * LOAD_TONS / LOAD_TONS).astype(np.int64)  # G x T

    # usable paths (traffic.usable_paths), G x (P + 1): the dummy path is never usable
    usable = np.zeros((G, P + 1), dtype=bool)
    usable[:, :P] = lock_usable_paths(net, eff)

    # path terms (traffic.path_transport_cost, cargo_value), G x (P + 1)
    transport = np.zeros((G, P + 1))
    transport[:, :P] = lock_transport_cost(net, eff)
    cargo = np.zeros((G, P + 1))
    cargo[:, :P] = lock_cargo_value(net, eff)

    # expected costs: an adaptive trafficker's risk premium (traffic.path_costs), G x (P + 1)
    if adaptive.any():
        risk = perceived_risk(a["risk_e"], a["risk_w"], net.loss_tolerance)  # G x T x R
        risk = np.where(a["revealed"][:, None, :], np.maximum(risk, LEAK_RISK), risk)
        costs = transport.copy()
        costs[:, :P] = lock_path_costs(net, eff, risk, transport=transport[:, :P],
                                       cargo=cargo[:, :P])
        if not adaptive.all():
            fixed_paths = np.append(~adaptive[net.p_traf], False)
            costs[:, fixed_paths] = transport[:, fixed_paths]
    else:
        costs = transport

    # --- allocate: each (game, trafficker) row packed, its usable paths first in path order
    u_tp = usable[:, c.tp]  # G x T x Pm
    count = u_tp.sum(axis=2)
    if (count == c.n_paths).all():  # every path usable (most turns): rows already packed
        flat = c.tp[None] + goff
    else:
        order = np.argsort(~u_tp, axis=2, kind="stable")
        flat = c.tp.ravel()[order + c.row_off] + goff  # cells of a G x (P + 1) array
    on = np.arange(pm) < count[:, :, None]  # the packed row's usable paths
    active = (loads > 0) & (count > 0)
    rows = _length_groups(count, active)

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        value = _ragged_sum(np.where(on, cargo.ravel()[flat], 0.0), rows) / np.maximum(count, 1)
        tau = np.maximum(TEMPERATURE * value, 1e-6)
        costs_c = costs.ravel()[flat]
        cmin = np.where(on, costs_c, np.inf).min(axis=2)
        z = (costs_c - cmin[:, :, None]) / tau[:, :, None]
        target = np.where(on, np.exp(-np.minimum(z, 50.0)), 0.0)
        target = target / _ragged_sum(target, rows)[:, :, None]
        # an adaptive trafficker moves from its last split toward the target at its rate
        rate = eff["t_adaptiveness"]
        lpf = np.zeros((G, P + 1), dtype=np.int64)
        lpf[:, :P] = a["last_path_flow"]
        prev = np.where(on, lpf.ravel()[flat], 0)
        shipped_u = prev.sum(axis=2)  # whole loads: exact in any order
        blend = adaptive[None, :] & (rate < 1.0) & (shipped_u > 0)
        if blend.any():
            moved = ((1.0 - rate)[:, :, None] * prev.astype(np.float64)
                     / shipped_u[:, :, None].astype(np.float64) + rate[:, :, None] * target)
            target = np.where(blend[:, :, None] & on, moved, target)
        # split_loads: largest remainder, ties to the earlier path
        s = _ragged_sum(target, rows)
        split = on & (active & (s > 0))[:, :, None]
        xs = target / s[:, :, None] * loads[:, :, None].astype(np.float64)
        fl = np.floor(np.where(split, xs, 0.0))
        base = fl.astype(np.int64)
        rest = loads - base.sum(axis=2)
        by_rest = np.argsort(np.where(split, -(xs - fl), np.inf), axis=2, kind="stable")
        rank = np.empty(G * T * pm, dtype=np.int64)  # each slot's place in by_rest
        rank[(by_rest + (np.arange(G * T) * pm).reshape(G, T, 1)).ravel()] = \
            np.tile(np.arange(pm), G * T)
        flows_c = np.where(split, base + (rank.reshape(G, T, pm) < rest[:, :, None]), 0)
    flow = np.zeros((G, P + 1), dtype=np.int64)
    flow.ravel()[flat] = flows_c  # (a row's unused slots and the dummy path get 0)
    out.flow[:] = flow[:, :P]

    if not adaptive.any():
        return out

    # --- losses above tolerance: open the cheapest dormant path's dormant routes
    cells = c.tp[None] + goff
    lps = np.zeros((G, P + 1), dtype=np.int64)
    lps[:, :P] = a["last_path_seized"]
    shipped = lpf.ravel()[cells].sum(axis=2)
    seized_tp = lps.ravel()[cells]
    lost = seized_tp.sum(axis=2)
    with np.errstate(divide="ignore", invalid="ignore"):
        over = adaptive[None, :] & (shipped > 0) & (lost / shipped > c.tolerance[None, :])
    closed = c.tp_valid[None] & ~u_tp
    opening = over & closed.any(axis=2)
    if opening.any():
        costs_tp = costs.ravel()[cells]
        j = np.where(closed, costs_tp, np.inf).argmin(axis=2)
        # (if every closed path costs inf, argmin's first inf may be an open one)
        picked = np.take_along_axis(closed, j[:, :, None], axis=2)[:, :, 0]
        j = np.where(picked, j, closed.argmax(axis=2))
        gi, ti = np.nonzero(opening)
        routes = c.p_routes[c.tp[ti, j[gi, ti]]]  # n x L
        dormant = np.zeros((G, R + 1), dtype=bool)
        dormant[:, :R] = eff["r_dormant"]
        hit = dormant[gi[:, None], routes]  # (-1 padding reads the last column: False)
        k, li = np.nonzero(hit)
        out.open[gi[k], ti[k], routes[k, li]] = True

    # --- after losses: one adaptation against the mode of most seizures, then a bribe
    money = eff["t_resources"].astype(np.float64)
    react = adaptive[None, :] & (money > 0) & (lost > 0)
    if react.any():
        # per seized path, its routes counted by mode and by host nation (as bincounts);
        # small whole numbers, so the float product is exact
        counts = np.matmul((seized_tp > 0).astype(np.float64).transpose(1, 0, 2), c.route_counts)
        modes = counts[:, :, :3].transpose(1, 0, 2)  # G x T x 3
        hosts = counts[:, :, 3:].transpose(1, 0, 2)  # G x T x N
        mode = modes.argmax(axis=2)
        ordk = c.adapt_order[mode]  # G x T x K: the adaptations in the order tried
        K = ordk.shape[2]
        held = a["t_adapt"].reshape(G * T, K)[np.arange(G * T)[:, None], ordk.reshape(G * T, K)]
        ok = (~held.reshape(G, T, K) & (money[:, :, None] >= 2 * ADAPT_COST[ordk])
              & (ADAPT_MULT[ordk, mode[:, :, None]] < 1.0))
        buys = react & ok.any(axis=2)
        k = np.take_along_axis(ordk, ok.argmax(axis=2)[:, :, None], axis=2)[:, :, 0]
        gi, ti = np.nonzero(buys)
        out.adapt[gi, ti, k[gi, ti]] = True
        out.adapt_rank[gi, ti, k[gi, ti]] = 0
        money = np.where(buys, money - ADAPT_COST[k], money)
        bribe = react & (hosts.max(axis=2) > 0) & (money > 0)
        gi, ti = np.nonzero(bribe)
        if gi.size:
            target_n = hosts[gi, ti].argmax(axis=1)
            out.bribes[gi, ti, target_n] = round6(money[gi, ti] * AdaptiveRed.bribe_share)
            out.bribe_rank[gi, ti, target_n] = 0
    return out


def round6(x: np.ndarray) -> np.ndarray:
    """Python's round(v, 6) of each non-negative v in x (below 2**53 millionths).

    round(v, 6) is the double nearest the decimal v rounded to 6 places, half to even, on v's
    exact binary value: N / 1e6 with N = rint(v x 10**6) exact, and IEEE division by 1e6
    gives the double nearest N / 10**6. rint(v * 1e6) is that N unless the rounded product
    lies within a few units in the last place of a half: those few go through Python's round."""
    x = np.asarray(x, dtype=np.float64)
    y = x * 1e6
    n = np.rint(y)
    out = n / 1e6
    near = ~(np.abs(np.abs(y - n) - 0.5) > 4 * np.spacing(y)) | ~(y < 2.0 ** 52)
    if near.any():
        out[near] = [round(v, 6) for v in x[near].tolist()]
    return out


def _length_groups(count: np.ndarray, active: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """The active (game, trafficker) rows grouped by their number of usable paths:
    [(length, flat row indices)]."""
    cf, af = count.ravel(), active.ravel()
    lengths = np.flatnonzero(np.bincount(cf[af])).tolist()
    if len(lengths) == 1:
        return [(lengths[0], np.flatnonzero(af))]
    return [(n, np.flatnonzero(af & (cf == n))) for n in lengths]


def _ragged_sum(x: np.ndarray, rows: list[tuple[int, np.ndarray]]) -> np.ndarray:
    """G x T: each active row's sum of its first `length` packed values, summed as numpy
    sums a 1-D array of that length (0 for the inactive rows)."""
    G, T, pm = x.shape
    xf = x.reshape(G * T, pm)
    s = np.zeros(G * T)
    for n, r in rows:
        s[r] = xf[r, :n].sum(axis=1)
    return s.reshape(G, T)
