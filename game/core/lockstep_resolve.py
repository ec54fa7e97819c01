"""`resolve` in lockstep: one turn of G games at once, each bit for bit as `resolve` plays it.

`resolve_lock(lock, blue, red, gens)` is `resolve(state, orders, gen)` for every game of
`lock`, for the turns `batch` plays: orders from the AI seats (legal by construction, so not
checked again) and no white-cell actions. It follows `game.core.resolve.resolve` step by
step; the comments name the step. Where the single-game code adds floats in a loop, this
code adds them in the same order (a loop over the small axis, each step across all games);
the random draws are made game by game from each game's own generator, in the order the
single game makes them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.fastrng import binomial_flat
from game.core.lockstep import STACKED_FIELDS, BlueArrays, Lock, RedArrays
from game.core.lockstep_events import (
    lock_compare,
    lock_effective,
    lock_fire_due_events,
    lock_metric,
)
from game.core.lockstep_greedy import hindsight_lock
from game.core.network import LOAD_TONS, SHARING_WEIGHT, Net
from game.core.pyfloat import py_max, py_min
from game.core.resolve import (
    BRIBE_HALF,
    BRIBE_MAX,
    BRIBE_STICK,
    CB_EFFECT,
    COHESION_KEEP,
    CORRUPTION_DRAG,
    FUND_GAIN,
    FUND_HALF,
    INTEL_DETECT,
    INTERCEPT,
    INTEROP_BASE,
    INTEROP_DECAY,
    INTEROP_GAIN,
    INTEROP_NONE,
    LEAK_DISCOVERY,
    LEAK_EVASION,
    LEAK_RATE,
    LEAK_RISK_EVENT,
    MAX_ASSET_DETECTION,
    RESERVE_CARRY,
    REVENUE_SHARE,
    TRUST_HIT,
    TRUST_RECOVERY,
    base_detection,
    nations_after,
)
from game.core.state import (
    ADAPT_COST,
    ADAPT_MULT,
    TOT_DELIVERED,
    TOT_DETECTED,
    TOT_PRODUCED,
    TOT_SEIZED,
    TOT_SHIPPED,
)
from game.core.traffic import RISK_DECAY, perceived_risk

_LOG_ADAPT = np.log(ADAPT_MULT)


def row_sums(x: np.ndarray) -> np.ndarray:
    """Each game's float sum of its part of `x` (G x ...), added as numpy adds the single
    game's C-ordered array: from a C-contiguous copy, so the summed axis stays innermost
    (a strided view may let numpy add across games first, in another order)."""
    return np.ascontiguousarray(x).reshape(len(x), -1).sum(axis=1)


@dataclass(eq=False)
class LockTurn:
    """What `batch` keeps of a turn, per game (G arrays; tons unless said)."""
    produced: np.ndarray
    shipped: np.ndarray
    seized: np.ndarray
    delivered: np.ndarray
    detected: np.ndarray
    hindsight_seizable: np.ndarray
    hindsight_expected: np.ndarray
    leaks: np.ndarray  # G int: leaks this turn
    shipped_t: np.ndarray  # G x T tons
    delivered_t: np.ndarray  # G x T tons


def resolve_lock(lock: Lock, blue: BlueArrays, red: RedArrays,
                 gens: list[np.random.Generator], chance_draws: dict | None = None,
                 eff: dict | None = None) -> tuple[Lock, LockTurn]:
    """One turn of every game of `lock`; `gens[g]` is game g's "resolve" generator.
    `chance_draws` may hold the next turn's event chance draws ({event index: G draws}),
    which the no-action shadow game shares with the real one; missing ones are drawn and
    added. `eff`: the games' effective values this turn (`lock_effective` of the lock), if
    the caller has them (read only)."""
    net = lock.net
    sc = lock.scenario
    turn = lock.turn
    G = lock.games
    N, R, T = len(net.nation_ids), len(net.route_ids), len(net.traf_ids)
    Al, P = len(net.alliance_ids), net.n_paths
    gi = np.arange(G)
    w = {f: lock.a[f].copy() for f in STACKED_FIELDS}
    var = {f: list(v) for f, v in lock.var.items()}
    access0 = lock.a["access"]
    if eff is None:
        eff = lock_effective(net, w, var, turn)

    # 2. this turn's access grants (orders are legal: the AI seats give only legal ones)
    acc = access0 | blue.grant
    w["access"] = np.where(blue.grant_set[:, :, None], blue.grant, w["access"])

    # deployments: every game's rows in the single game's order (nation, then order rank)
    g_e, n_e, r_e, a_e, c_e = blue.deployments()
    ents_per_game = np.bincount(g_e, minlength=G)
    ent_all = np.stack([n_e, r_e, a_e, c_e], axis=1).astype(np.int64)
    var["deployed"] = np.split(ent_all, np.cumsum(ents_per_game)[:-1])
    has_ent = ents_per_game > 0
    has_dep = np.zeros((G, N), dtype=bool)
    has_dep[g_e, n_e] = True

    # 3. funding
    budget = eff["n_budget"]
    scale = net.budget_scale
    upkeep_of, cost_of = net.a_upkeep, net.a_cost
    spent = _spending(blue, (g_e, n_e, r_e, a_e, c_e), upkeep_of, cost_of)
    x_gov = np.zeros((G, N))
    x_int = np.zeros((G, N))
    cb_pairs = np.zeros((G, N, N))
    for n in range(N):  # the single game adds in nation order
        x_gov[:, n] += blue.governance[:, n] / scale[n]
        x_int[:, n] += blue.intelligence[:, n] / scale[n]
        cb = blue.cb[:, n, :]
        x_gov += CB_EFFECT * cb / scale
        x_int += 0.3 * cb / scale
        cb_pairs[:, n, :] += cb
    avail_budget = budget + w["n_reserve"]
    w["n_reserve"] = RESERVE_CARRY * np.maximum(avail_budget - spent, 0.0)
    w["n_spent"] = spent
    if blue.buy.any():
        for g, n, ai in sorted(zip(*np.nonzero(blue.buy)),
                               key=lambda x: (x[0], x[1], blue.buy_rank[x])):
            row = np.array([[turn + max(int(net.a_lead[ai]), 1), n, ai,
                             int(blue.buy[g, n, ai])]], dtype=np.int64)
            var["pipeline"][g] = np.concatenate([var["pipeline"][g], row])

    # 4. sharing and intelligence
    if Al:
        share_lev = (net.co_member[None] * eff["al_sharing"][:, :, None, None]).max(axis=1)
        share_lev[:, np.arange(N), np.arange(N)] = 0
    else:
        share_lev = np.zeros((G, N, N), dtype=np.int64)
    share_lev = np.where(blue.sharing >= 0, blue.sharing, share_lev)
    w["sharing"] = share_lev
    share = SHARING_WEIGHT[share_lev]
    trust = w["trust"]
    intel = eff["n_intel"]

    # 5a. Red: bribes, adaptations, openings
    bribe_y = np.zeros((G, N))
    for t in range(T):
        bribe_y += red.bribes[:, t, :] / scale
    w["t_adapt"] = w["t_adapt"] | red.adapt
    w["t_resources"] = np.where(red.has, py_max(0.0, w["t_resources"] - _red_spending(red)),
                                w["t_resources"])
    opened = red.open.any(axis=1)
    boost = BRIBE_MAX * bribe_y / (bribe_y + BRIBE_HALF)
    corr_eff = np.clip(eff["n_corruption"] + boost, 0.0, 1.0)
    w["n_corruption"] = np.clip(w["n_corruption"] + BRIBE_STICK * boost, 0.0, 1.0)
    if N:
        shared_in = (share * trust.transpose(0, 2, 1) * intel[:, :, None]).max(axis=1) \
            * (1.0 - corr_eff)
        intel_eff = np.maximum(intel, shared_in)
    else:
        intel_eff = intel

    # 4b. leaks
    revealed = np.zeros((G, R), dtype=bool)
    leak_count = np.zeros((G, N))
    leaked = np.zeros((G, N), dtype=bool)
    n_leaks = np.zeros(G, dtype=np.int64)
    if N:
        p_leak = share * corr_eff[:, None, :] * LEAK_RATE
        p_leak[~has_dep, :] = 0.0
        u = np.stack([gen.random((2, N, N)) for gen in gens])  # u1, then u2
        leak = u[:, 0] < p_leak
        any_leak = leak.any(axis=(1, 2))
        if any_leak.any():
            disc = leak & (u[:, 1] < LEAK_DISCOVERY)
            trust = np.where(disc, trust - TRUST_HIT, trust)
            trust = np.where(disc.transpose(0, 2, 1), trust - TRUST_HIT / 3, trust)
            trust = np.where(any_leak[:, None, None], np.clip(trust, 0.0, 1.0), trust)
            leak_count = leak.sum(axis=2).astype(np.float64)
            leaked = leak.any(axis=2)
            hit = leaked[g_e, n_e]
            revealed[g_e[hit], r_e[hit]] = True
            n_leaks = leak.sum(axis=(1, 2))
        recover = share > 0
        trust = np.where(recover, trust + TRUST_RECOVERY * (1.0 - trust), trust)
        w["trust"] = trust

    # 5b. production and flows
    produced, carry = lock_production_loads(net, eff, w["t_carry"])
    stock0 = w["t_stock"].copy()
    avail = stock0 + produced
    path_flow = red.flow.copy()
    usable = lock_usable_paths(net, eff)
    if P:
        path_flow[~usable] = 0
    react = revealed.any(axis=1) & red.react.any(axis=1)
    if react.any() and P:
        _react_to_leaks(net, eff, w, red, revealed, usable, path_flow, react)
    path_flow, load_r = _within_capacity(net, eff, path_flow)
    onehot_t = np.zeros((P, T))
    onehot_t[np.arange(P), net.p_traf] = 1.0
    shipped_t = np.rint(path_flow @ onehot_t).astype(np.int64)

    # 6. detection and interdiction capacity per route
    r_mode = net.r_mode
    m_det = eff["m_detection"]
    gR = g_e * R + r_e
    misslog = np.zeros((G, R))
    cap_r = np.zeros((G, R))
    used_al = np.zeros((G, Al), dtype=bool)
    det_w = capc = np.zeros(0)
    if len(g_e):
        d = np.clip(net.a_det[a_e] * (0.5 + intel_eff[g_e, n_e]) * m_det[g_e, r_mode[r_e]],
                    0.0, MAX_ASSET_DETECTION)
        det_w = -c_e * np.log1p(-d) * np.where(leaked[g_e, n_e], LEAK_EVASION, 1.0)
        misslog = np.where(has_ent[:, None],
                           -np.bincount(gR, weights=det_w, minlength=G * R).reshape(G, R), 0.0)
        jur = net.r_jur[r_e]
        corr_e = np.where(jur >= 0, corr_eff[g_e, np.maximum(jur, 0)], corr_eff[g_e, n_e])
        capc = (c_e * net.a_int[a_e] * eff["m_interdiction"][g_e, r_mode[r_e]]
                * (1.0 - CORRUPTION_DRAG * corr_e))
        cap_plain = np.bincount(gR, weights=capc, minlength=G * R).reshape(G, R)
        cap_r, used_al = _joint_operations(net, eff, g_e, n_e, r_e, cap_plain)
    base_p = base_detection(net, eff)
    if N:
        best = intel_eff.max(axis=1)
        reach_i = np.where(net.r_jur >= 0, intel_eff[:, np.maximum(net.r_jur, 0)],
                           best[:, None])
    else:
        reach_i = np.zeros((G, R))
    p_int = INTEL_DETECT * reach_i
    pdet_r = np.clip((1.0 - np.exp(misslog) * (1.0 - p_int)) * base_p, 0.0, 1.0)
    adapt_mult = _adapt_mult(w["t_adapt"])

    # 6b. loads along their paths
    seized_p, detected_p, delivered_p, seized_ph, act_g, act_p, exposed_r, detected_r = \
        _loads(net, gens, path_flow, pdet_r, adapt_mult, cap_r)
    seized_r = np.zeros((G, R))
    if len(act_g):
        PR = net.p_routes[act_p]
        m = PR >= 0
        idx = (act_g[:, None] * R + PR)[m]
        seized_r = np.bincount(idx, weights=seized_ph[m], minlength=G * R
                               ).reshape(G, R).astype(float)
    seized_t = np.rint(seized_p @ onehot_t).astype(np.int64)
    delivered_t = np.rint(delivered_p @ onehot_t).astype(np.int64)
    detected_tot = detected_p.sum(axis=1)
    assert (shipped_t == seized_t + delivered_t).all(), "mass balance"

    # 7. consequences
    w["t_stock"] = avail - shipped_t
    w["t_carry"] = carry
    L = len(net.loc_ids)
    value_p = eff["l_price"][:, net.p_mkt] if P else np.zeros((G, 0))
    if P:
        dem = eff["l_demand"]
        gL = (gi[:, None] * L + net.p_mkt[None, :]).ravel()
        into = np.bincount(gL, weights=(delivered_p * LOAD_TONS).ravel(),
                           minlength=G * L).reshape(G, L)
        paid = np.where(net.l_capped & (into > dem), dem / np.maximum(into, 1e-12), 1.0)
        value_p = value_p * paid[:, net.p_mkt]
        gT = (gi[:, None] * T + net.p_traf[None, :]).ravel()
        revenue = np.bincount(gT, weights=(delivered_p * LOAD_TONS * value_p).ravel(),
                              minlength=G * T).reshape(G, T)
    else:
        revenue = np.zeros((G, T))
    w["t_resources"] = w["t_resources"] + REVENUE_SHARE * revenue
    flow_r = load_r * LOAD_TONS
    seized_r_t = seized_r * LOAD_TONS
    detected_r_t = detected_r * LOAD_TONS
    w["risk_e"] *= RISK_DECAY
    w["risk_w"] *= RISK_DECAY
    if len(act_g):
        PRm = net.p_routes[act_p]
        Lh = PRm.shape[1]
        used = np.zeros((G, T, R + 1), dtype=bool)
        gg = np.repeat(act_g, Lh)
        tt = np.repeat(net.p_traf[act_p], Lh)
        used[gg, tt, PRm.ravel()] = True
        ev = np.zeros((G, T, R + 1), dtype=bool)
        hit = (seized_ph > 0).ravel()
        ev[gg[hit], tt[hit], PRm.ravel()[hit]] = True
        w["risk_w"] += used[:, :, :R]
        w["risk_e"] += ev[:, :, :R]
    if revealed.any():
        rv = np.where(revealed[:, None, :], LEAK_RISK_EVENT, 0.0)
        w["risk_e"] += rv
        w["risk_w"] += rv
    w["revealed"] = revealed
    w["leaked_n"] = leaked
    w["last_path_flow"] = path_flow
    w["last_path_seized"] = seized_p
    w["last_route_flow"] = flow_r
    w["last_route_seized"] = seized_r_t

    # attribution of seizures and detections to nations
    seized_n = np.zeros((G, N))
    detected_n = np.zeros((G, N))
    gN = g_e * N + n_e
    attributed = np.zeros((G, R))
    if len(g_e):
        tot_cap = cap_plain[g_e, r_e]  # before the joint-operations factor
        share_c = np.where(tot_cap > 0, capc / np.maximum(tot_cap, 1e-12), 0.0)
        part = seized_r_t[g_e, r_e] * share_c
        seized_n = np.bincount(gN, weights=part, minlength=G * N).reshape(G, N)
        tot_det = np.bincount(gR, weights=det_w, minlength=G * R).reshape(G, R)[g_e, r_e]
        share_d = np.where(tot_det > 0, det_w / np.maximum(tot_det, 1e-12), 0.0)
        detected_n = np.bincount(gN, weights=detected_r_t[g_e, r_e] * share_d,
                                 minlength=G * N).reshape(G, N)
        attributed = np.bincount(gR, weights=part, minlength=G * R).reshape(G, R)
    unattributed = seized_r_t - np.where(has_ent[:, None], attributed, 0.0)
    if N and (unattributed > 1e-9).any():
        host = net.r_host
        for g in np.flatnonzero((unattributed > 1e-9).any(axis=1)):
            mk = (unattributed[g] > 1e-9) & (host >= 0)
            seized_n[g] += np.bincount(host[mk], weights=unattributed[g][mk], minlength=N)

    # nations: violence, corruption, governance, intelligence
    jm = net.r_jur >= 0
    flow_n = flow_r[:, jm] @ _onehot(net.r_jur[jm], N) if N else np.zeros((G, 0))
    hm = net.r_host >= 0
    shock_n = seized_r_t[:, hm] @ _onehot(net.r_host[hm], N) if N else np.zeros((G, 0))
    nations_after(net, w, flow_n, shock_n, x_gov, x_int)
    # alliances: interoperability and cohesion
    any_cb = cb_pairs.reshape(G, -1).any(axis=1)
    for k, (mem, (block, scale_mean, scale_sum)) in enumerate(zip(net.al_members,
                                                                  net.al_blocks)):
        if not mem.size:
            continue
        # x = fund / scale_mean: 0.0 / scale_mean, no policy pays into alliance funds (and
        # BlueArrays.from_orders refuses orders that do)
        x_al = np.zeros(G) / scale_mean
        if any_cb.any():
            x_al = np.where(any_cb, x_al + row_sums(cb_pairs[:, block[0], block[1]]) / scale_sum,
                            x_al)
        io = w["al_interop"][:, k]
        io = io + (FUND_GAIN * x_al / (x_al + FUND_HALF) * (1.0 - io) - INTEROP_DECAY * io)
        io = np.where(has_ent & used_al[:, k], io + 0.01 * (1.0 - io), io)
        w["al_interop"][:, k] = py_min(py_max(io, 0.0), 1.0)
        if len(mem) > 1:
            sub = w["trust"][:, block[0], block[1]]
            mean_trust = (row_sums(sub) - row_sums(np.diagonal(sub, axis1=1, axis2=2))) \
                / (len(mem) * (len(mem) - 1))
        else:
            mean_trust = 1.0
        w["al_cohesion"][:, k] = COHESION_KEEP * w["al_cohesion"][:, k] \
            + (1 - COHESION_KEEP) * mean_trust
    # assets arriving for next turn; routes opened
    for g in range(G):
        pipe = var["pipeline"][g]
        if len(pipe):
            due = pipe[:, 0] <= turn + 1
            if due.any():
                np.add.at(w["assets"][g], (pipe[due, 1], pipe[due, 2]), pipe[due, 3])
                var["pipeline"][g] = pipe[~due]
    w["r_dormant"] = w["r_dormant"] & ~opened

    # metrics
    produced_tons = produced.sum(axis=1) * LOAD_TONS
    shipped_tons = shipped_t.sum(axis=1) * LOAD_TONS
    seized_tons = seized_t.sum(axis=1) * LOAD_TONS
    delivered_tons = delivered_t.sum(axis=1) * LOAD_TONS
    detected_tons = detected_tot * LOAD_TONS
    ct = w["c_tot"]
    ct[:, TOT_PRODUCED] += produced_tons
    ct[:, TOT_SHIPPED] += shipped_tons
    ct[:, TOT_SEIZED] += seized_tons
    ct[:, TOT_DELIVERED] += delivered_tons
    ct[:, TOT_DETECTED] += detected_tons
    w["c_shipped_t"] += shipped_t * LOAD_TONS
    w["c_delivered_t"] += delivered_t * LOAD_TONS
    w["c_seized_t"] += seized_t * LOAD_TONS
    if P:
        w["c_delivered_l"] += into  # (the tons delivered into each market, from step 7)
    if R:
        w["c_flow_l"] += flow_r @ _onehot(net.r_dest, L)
    w["c_seized_n"] += seized_n
    w["c_detected_n"] += detected_n
    w["c_leaks_n"] += leak_count
    w["c_flow_n"] += flow_n
    w["c_seized_r"] += seized_r_t
    w["c_detected_r"] += detected_r_t
    w["c_flow_r"] += flow_r
    _freeze_objectives(net, w, turn, sc.turns)

    # hindsight optimum of the same assets on this turn's flows
    hs, he = hindsight_lock(net, lock, eff, acc, (g_e, n_e, r_e, a_e, c_e), intel_eff,
                            corr_eff, exposed_r, base_p, misslog, cap_r, p_int)

    # 8. next turn's events
    next_turn = turn + 1
    if next_turn <= sc.turns:
        var["events_now"] = lock_fire_due_events(net, w, var, next_turn, lock.seeds,
                                                 chance_draws)
    else:
        var["events_now"] = [np.zeros(0, dtype=np.int64) for _ in range(G)]
    out = Lock(scenario=sc, seeds=lock.seeds, turn=next_turn, a=w, var=var)
    report = LockTurn(
        produced=produced_tons, shipped=shipped_tons, seized=seized_tons,
        delivered=delivered_tons, detected=detected_tons, hindsight_seizable=hs,
        hindsight_expected=he, leaks=n_leaks, shipped_t=shipped_t * LOAD_TONS,
        delivered_t=delivered_t * LOAD_TONS)
    return out, report


def _onehot(index: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros((len(index), n))
    out[np.arange(len(index)), index] = 1.0
    return out


def _ordered_sums(cells: np.ndarray, ranks: np.ndarray, values: np.ndarray, n: int
                  ) -> np.ndarray:
    """Python's sum() per cell of the entries' values, taken in rank order: bincount adds
    each bin's weights one by one in the order given, from 0.0, as sum() does."""
    if not len(cells):
        return np.zeros(n)
    o = np.lexsort((ranks, cells))
    return np.bincount(cells[o], weights=values[o], minlength=n)


def _spending(blue: BlueArrays, ents, upkeep_of: np.ndarray, cost_of: np.ndarray
              ) -> np.ndarray:
    """orders.spending per nation: funding total less the operations and procurement money
    that pays for nothing, each sum in the orders' own order."""
    G, N = blue.has.shape
    g_e, n_e, _r_e, a_e, c_e = ents
    upkeep = np.bincount(g_e * N + n_e, weights=c_e * upkeep_of[a_e],
                         minlength=G * N).reshape(G, N)  # ents are in the orders' order
    bg, bn, ba = np.nonzero(blue.buy)
    cost = _ordered_sums(bg * N + bn, blue.buy_rank[bg, bn, ba],
                         blue.buy[bg, bn, ba] * cost_of[ba], G * N).reshape(G, N)
    cg, cn, cm = np.nonzero(blue.cb_rank >= 0)
    cb_sum = _ordered_sums(cg * N + cn, blue.cb_rank[cg, cn, cm], blue.cb[cg, cn, cm],
                           G * N).reshape(G, N)
    total = blue.operations + blue.procurement + blue.intelligence + blue.governance + cb_sum
    spent = total - py_max(blue.operations - upkeep, 0.0) - py_max(blue.procurement - cost, 0.0)
    return np.where(blue.has, spent, 0.0)


def _red_spending(red: RedArrays) -> np.ndarray:
    """orders.red_spending per trafficker: its bribes, then its adaptations, each in the
    orders' order, added one by one."""
    G, T = red.has.shape
    bg, bt, bn = np.nonzero(red.bribe_rank >= 0)
    ag, at, ak = np.nonzero(red.adapt_rank >= 0)
    cells = np.concatenate([bg * T + bt, ag * T + at])
    ranks = np.concatenate([red.bribe_rank[bg, bt, bn],
                            red.adapt_rank[ag, at, ak] + red.bribe_rank.shape[2]])
    values = np.concatenate([py_max(red.bribes[bg, bt, bn], 0.0), ADAPT_COST[ak]])
    return _ordered_sums(cells, ranks, values, G * T).reshape(G, T)


def _adapt_mult(t_adapt: np.ndarray) -> np.ndarray:
    """G x T x 3: each trafficker's detection multipliers, as the single game computes them
    (a matrix product per game: its rounding depends on the product, so per pattern)."""
    G, T, _ = t_adapt.shape
    out = np.ones((G, T, 3))
    if not T:
        return out
    memo: dict[bytes, np.ndarray] = {}
    for g in range(G):
        key = t_adapt[g].tobytes()
        m = memo.get(key)
        if m is None:
            m = memo[key] = np.exp(t_adapt[g].astype(np.float64) @ _LOG_ADAPT)
        out[g] = m
    return out


def _within_capacity(net: Net, eff: dict, path_flow: np.ndarray):
    """traffic.within_capacity for every game."""
    G, P = path_flow.shape
    R = len(net.route_ids)
    mode_cap = eff["m_capacity"][:, net.r_mode]
    cap_loads = np.floor(eff["r_capacity"] * mode_cap / LOAD_TONS + 1e-9)
    inc = _incidence(net)
    load_r = path_flow.astype(np.float64) @ inc if P else np.zeros((G, R))
    over = (load_r > cap_loads).any(axis=1)
    if P and over.any():
        ratio = np.where(load_r > cap_loads, cap_loads / np.maximum(load_r, 1), 1.0)
        scale_p = np.concatenate([ratio, np.ones((G, 1))], axis=1)[:, net.p_routes].min(axis=2)
        cut = np.floor(path_flow * scale_p + 1e-9).astype(np.int64)
        path_flow = np.where(over[:, None], cut, path_flow)
        load_r = path_flow.astype(np.float64) @ inc
    return path_flow, load_r


def _incidence(net: Net) -> np.ndarray:
    """P x R: how many times each path passes each route (sums of whole loads: exact)."""
    key = "lockstep_incidence"
    if key not in net.derived:
        inc = np.zeros((net.n_paths, len(net.route_ids)))
        for p, rs in enumerate(net.p_routes.tolist()):
            for r in rs:
                if r >= 0:
                    inc[p, r] += 1.0
        inc.setflags(write=False)
        net.derived[key] = inc
    return net.derived[key]


def lock_cargo_value(net: Net, eff: dict) -> np.ndarray:
    """traffic.cargo_value for every game (G x P): each path's market price, or the mean of
    the positive prices where it has none (computed once per distinct row of prices)."""
    price = eff["l_price"]
    G = price.shape[0]
    out = np.empty((G, net.n_paths))
    memo: dict[bytes, np.ndarray] = {}
    for g in range(G):
        key = price[g].tobytes()
        v = memo.get(key)
        if v is None:
            p = price[g]
            pos = p[p > 0]
            default = float(pos.mean()) if pos.size else 10.0
            v = p[net.p_mkt]
            v = memo[key] = np.where(v > 0, v, default)
        out[g] = v
    return out


def lock_production_loads(net: Net, eff: dict, carry: np.ndarray
                          ) -> tuple[np.ndarray, np.ndarray]:
    """traffic.production_loads for every game (G x T each): whole loads produced this turn
    and the fraction carried over (the matrix product taken per game, as `A @ x` rounds)."""
    x = np.matmul(net.source_share, eff["l_production"][:, :, None])[..., 0] \
        * eff["t_production"] / LOAD_TONS + carry
    loads = np.floor(x + 1e-9).astype(np.int64)
    return loads, np.maximum(x - loads, 0.0)


def lock_usable_paths(net: Net, eff: dict) -> np.ndarray:
    """traffic.usable_paths for every game (G x P): no dormant or closed route on the way."""
    G = eff["r_dormant"].shape[0]
    if not net.n_paths:
        return np.zeros((G, 0), dtype=bool)
    bad = np.concatenate([eff["r_dormant"] | (eff["r_capacity"] <= 0),
                          np.zeros((G, 1), dtype=bool)], axis=1)
    return ~bad[:, net.p_routes].any(axis=2)


def lock_transport_cost(net: Net, eff: dict) -> np.ndarray:
    """traffic.path_transport_cost for every game (G x P)."""
    G = eff["r_cost"].shape[0]
    rc = np.concatenate([eff["r_cost"], np.zeros((G, 1))], axis=1)
    return np.ascontiguousarray(rc[:, net.p_routes]).sum(axis=2)


def lock_path_costs(net: Net, eff: dict, risk_r: np.ndarray, *,
                    transport: np.ndarray | None = None,
                    cargo: np.ndarray | None = None) -> np.ndarray:
    """traffic.path_costs for every game (G x P), `risk_r` G x T x R; `transport` and
    `cargo` are lock_transport_cost and lock_cargo_value, if the caller has them."""
    G, T, R = risk_r.shape
    transport = lock_transport_cost(net, eff) if transport is None else transport
    cargo = lock_cargo_value(net, eff) if cargo is None else cargo
    rr = np.zeros((G, T, R + 1))
    rr[:, :, :R] = risk_r
    safe = np.ascontiguousarray(1.0 - rr.reshape(G, -1)[:, net.path_route_cells]).prod(axis=2)
    risk = 1.0 - safe
    return transport + cargo * (risk + risk * risk)


def _react_to_leaks(net, eff, w, red, revealed, usable, path_flow, games) -> None:
    """Step 5b's reaction to leaks, in the games where some patrols leaked (each
    trafficker's paths are its own, so traffickers do not interact)."""
    gs = np.flatnonzero(games)
    T = len(net.traf_ids)
    rv = np.concatenate([revealed[gs], np.zeros((len(gs), 1), dtype=bool)], axis=1)
    crosses = rv[:, net.p_routes].any(axis=2)  # g' x P
    flow = path_flow[gs]
    reacts = red.react[gs][:, net.p_traf]
    hit = crosses & (flow > 0) & reacts
    safe = ~crosses & usable[gs] & reacts
    onehot = _onehot(net.p_traf, T)
    moving = ((hit @ onehot) > 0) & ((safe @ onehot) > 0)  # g' x T
    if not moving.any():
        return
    risk = perceived_risk(w["risk_e"][gs], w["risk_w"][gs], net.loss_tolerance)
    effg = {k: eff[k][gs] for k in ("r_cost", "l_price")}
    costs = lock_path_costs(net, effg, risk)
    masked = np.where(safe, costs, np.inf)
    on = moving[:, net.p_traf] & hit
    move = np.where(on, np.floor(flow * eff["t_adaptiveness"][gs][:, net.p_traf]), 0.0
                    ).astype(np.int64)
    flow -= move
    for t in range(T):
        rows = np.flatnonzero(moving[:, t])
        if not rows.size:
            continue
        idx = net.traf_paths[t]
        best = idx[np.argmin(masked[rows][:, idx], axis=1)]
        flow[rows, best] += move[rows][:, idx].sum(axis=1)
    path_flow[gs] = flow


def _joint_operations(net, eff, g_e, n_e, r_e, cap_r):
    """Routes worked by several nations: the joint-operations bonus (or the lack of it)."""
    G, R = cap_r.shape
    N, Al = len(net.nation_ids), len(net.alliance_ids)
    pres = np.zeros((G, R, N), dtype=bool)
    pres[g_e, r_e, n_e] = True
    multi = pres.sum(axis=2) > 1
    used_al = np.zeros((G, Al), dtype=bool)
    if not multi.any():
        return cap_r, used_al
    gg, rr = np.nonzero(multi)
    cap_r = cap_r.copy()
    if not Al:  # no alliance: every shared route works without joint operations
        cap_r[gg, rr] *= INTEROP_NONE
        return cap_r, used_al
    p = pres[gg, rr].astype(np.int64)  # M x N
    outside = p @ (~net.member).T.astype(np.int64)  # M x Al: members of the route not in k
    ok = eff["al_joint"][gg] & (outside == 0)
    interop = eff["al_interop"][gg]
    k = np.argmax(np.where(ok, interop, -1.0), axis=1)
    anyok = ok.any(axis=1)
    factor = np.where(anyok, INTEROP_BASE + INTEROP_GAIN * interop[np.arange(len(gg)), k],
                      INTEROP_NONE)
    cap_r[gg, rr] *= factor
    used_al[gg[anyok], k[anyok]] = True
    return cap_r, used_al


def _loads(net, gens, path_flow, pdet_r, adapt_mult, cap_r):
    """Step 6b: every game's loads pass their paths' routes hop by hop."""
    G, P = path_flow.shape
    R = pdet_r.shape[1]
    seized_p = np.zeros((G, P), dtype=np.int64)
    detected_p = np.zeros((G, P), dtype=np.int64)
    delivered_p = np.zeros((G, P), dtype=np.int64)
    exposed_r = np.zeros((G, R))
    detected_r = np.zeros((G, R))
    act_g, act_p = np.nonzero(path_flow > 0)
    if not len(act_g):
        return (seized_p, detected_p, delivered_p, np.zeros((0, 0), dtype=np.int64), act_g,
                act_p, exposed_r, detected_r)
    PR = net.p_routes[act_p]
    tr = net.p_traf[act_p]
    u = path_flow[act_g, act_p].copy()
    k = np.zeros(len(act_g), dtype=np.int64)
    seized_ph = np.zeros(PR.shape, dtype=np.int64)
    dets = np.zeros(len(act_g), dtype=np.int64)
    capR = cap_r / LOAD_TONS
    PRc = np.maximum(PR, 0)
    am = adapt_mult[act_g[:, None], tr[:, None], net.r_mode[PRc]]
    p_hop = pdet_r[act_g[:, None], PRc] * am
    seen_r, seen_a, seen_d = [], [], []
    for h in range(PR.shape[1]):
        rh = PR[:, h]
        rows = np.flatnonzero((rh >= 0) & ((u + k) > 0))
        if not rows.size:
            continue
        rr = rh[rows]
        rg = act_g[rows]
        u_rows, k_rows = u[rows], k[rows]
        nd = binomial_per_game(gens, rg, u_rows, p_hop[rows, h])
        u[rows] = u_rows - nd
        dets[rows] += nd
        seen_r.append(rg * R + rr)
        seen_a.append((u_rows + k_rows) * am[rows, h])
        seen_d.append(nd)
        tracked = nd + k_rows
        armed = np.flatnonzero((capR[rg, rr] >= 1.0) & (tracked > 0))
        seized = np.zeros(rows.size, dtype=np.int64)
        if armed.size:
            cand = np.zeros(rows.size, dtype=np.int64)
            cand[armed] = binomial_per_game(gens, rg[armed], tracked[armed],
                                            np.full(armed.size, INTERCEPT))
            sel = armed[cand[armed] > 0]
        else:
            sel = armed
        if sel.size:
            rs0 = rr[sel]
            gs = rg[sel]
            draws = random_per_game(gens, gs)
            order = np.lexsort((draws, rs0, gs))
            rs = rs0[order]
            gso = gs[order]
            cs = cand[sel][order]
            cum = np.cumsum(cs)
            start = np.empty(rs.size, dtype=bool)
            start[0] = True
            start[1:] = (rs[1:] != rs[:-1]) | (gso[1:] != gso[:-1])
            grp = np.cumsum(start) - 1
            prior = cum - cs - (cum - cs)[start][grp]
            room = np.floor(capR[gso, rs] + 1e-9)
            s = np.clip(room - prior, 0, cs).astype(np.int64)
            capR -= np.bincount(gso * R + rs, weights=s, minlength=G * R).reshape(G, R)
            seized[sel[order]] = s
        k[rows] = tracked - seized
        seized_ph[rows, h] = seized
    if seen_r:
        seen = np.concatenate(seen_r)
        exposed_r = np.bincount(seen, weights=np.concatenate(seen_a),
                                minlength=G * R).reshape(G, R)
        detected_r = np.bincount(seen, weights=np.concatenate(seen_d),
                                 minlength=G * R).reshape(G, R)
    seized_p[act_g, act_p] = seized_ph.sum(axis=1)
    detected_p[act_g, act_p] = dets
    delivered_p[act_g, act_p] = u + k
    return (seized_p, detected_p, delivered_p, seized_ph, act_g, act_p, exposed_r, detected_r)


def _game_runs(games_sorted: np.ndarray) -> list[tuple[int, int, int]]:
    """(game, start, end) of each run of equal games in a sorted array."""
    cuts = np.flatnonzero(np.diff(games_sorted)) + 1
    starts = [0, *cuts.tolist()]
    ends = [*cuts.tolist(), len(games_sorted)]
    return list(zip(games_sorted[starts].tolist(), starts, ends))


def binomial_per_game(gens, games_sorted: np.ndarray, n: np.ndarray, p: np.ndarray
                      ) -> np.ndarray:
    """Each game's `binomial(n, p)` on its own rows (rows sorted by game), from its own
    generator, as the single game draws them (fastrng: the same bits, cheaper calls)."""
    if not len(games_sorted):
        return np.zeros(0, dtype=np.int64)
    bounds = np.searchsorted(games_sorted, np.arange(len(gens) + 1)).tolist()
    return binomial_flat(gens, n, p, bounds)


def random_per_game(gens, games_sorted: np.ndarray) -> np.ndarray:
    """Each game's `random(k)` for its k rows (rows sorted by game)."""
    out = np.empty(len(games_sorted))
    if len(games_sorted):
        for g, a, b in _game_runs(games_sorted):
            out[a:b] = gens[g].random(b - a)
    return out


def _freeze_objectives(net, w, turn, last_turn) -> None:
    """metrics.freeze_objectives for every game: the objectives due by this turn and not
    judged yet take their metric's value now (freezing one changes no metric)."""
    for i, ob in enumerate(net.scenario.objectives.values()):
        due = ob.by_turn if ob.by_turn is not None else last_turn
        todo = ~w["obj_done"][:, i]
        if turn < due or not todo.any():
            continue
        v = lock_metric(net, w, ob.metric, ob.scope)
        w["obj_value"][:, i] = np.where(todo, v, w["obj_value"][:, i])
        w["obj_met"][:, i] = np.where(todo, lock_compare(v, ob.op, ob.value), w["obj_met"][:, i])
        w["obj_done"][:, i] = True

