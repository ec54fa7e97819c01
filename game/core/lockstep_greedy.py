"""The greedy placement (hindsight.greedy_groups) and the hindsight optimum, in lockstep.

Each game is its own greedy problem: groups of identical units placed one unit at a time,
each where it adds the most expected seizure. Step s places every game's s-th unit at
once. The numbers follow `greedy_groups` exactly: a group's gains are first computed with
numpy's exp over all routes; the routes placed since are then recomputed, and every later
update is made, with Python's `math.exp` (libm), as the single-game code's float steps do.
"""

from __future__ import annotations

import numpy as np

from game.core.network import LOAD_TONS, SOV_INDEX, Net
from game.core.pyfloat import libm_exp, py_min
from game.core.resolve import CORRUPTION_DRAG, INTERCEPT, MAX_ASSET_DETECTION


def greedy_lock(present: np.ndarray, base_p: np.ndarray, misslog0: np.ndarray, lm: np.ndarray,
                ucap: np.ndarray, legal: np.ndarray, units: np.ndarray, choices: bool = True
                ) -> tuple[np.ndarray, np.ndarray | None]:
    """`greedy_groups` for G games at once.

    present, base_p, misslog0: G x R (misslog0 zeros for "no intelligence");
    lm, ucap, legal: G x K x R per group (K: the most groups of any game);
    units: G x S, the group of each game's s-th unit in placement order (groups in their
    order, each repeated by its count), -1 past the game's last unit.
    Returns (G totals of expected seized loads, G x S route of each unit or -1, or None
    without `choices`)."""
    G, R = present.shape
    S = units.shape[1]
    # every group's first-pass gains (greedy_groups' vectorised first step), G x K x R
    first_pass = np.where(legal, np.minimum(present[:, None, :] * (1.0 - np.exp(
        misslog0[:, None, :] + lm)) * base_p[:, None, :], ucap), -np.inf)
    # the working values per (game, route), flat: miss log, capacity, expected seizure
    ml = misslog0.astype(np.float64).ravel().copy()
    cap = np.zeros(G * R)
    cur = np.zeros(G * R)
    placed = np.zeros((G, R), dtype=bool)
    total = np.zeros(G)
    picks = np.full((G, S), -1, dtype=np.int64) if choices else None
    row = np.full((G, R), -np.inf)
    flat_row = row.ravel()
    lm_g = np.zeros((G, R))  # the current group's rows
    uc_g = np.zeros((G, R))
    flat_lm, flat_uc = lm_g.ravel(), uc_g.ravel()
    pres, bp = present.ravel(), base_p.ravel()
    dead = np.zeros(G, dtype=bool)
    base = np.arange(G) * R
    live_all = units >= 0
    first_all = live_all.copy()
    first_all[:, 1:] &= units[:, 1:] != units[:, :-1]
    n_live = live_all.sum(axis=0).tolist()
    n_first = first_all.sum(axis=0).tolist()
    # units in the group run that starts at each first unit (its game's next start - this)
    gs_, ss_ = np.nonzero(first_all)
    ends = np.append(ss_[1:], S)
    ends[np.append(gs_[1:] != gs_[:-1], True)] = S
    run_len = np.zeros((G, S), dtype=np.int64)
    run_len[gs_, ss_] = np.minimum(ends, live_all.sum(axis=1)[gs_]) - ss_
    # Catch-up values are first computed with numpy's exp (within a few last-bit steps of
    # libm's); those that could be picked while the group places its c units (the row's c
    # best, give or take tol, far more than that difference) are then made exact with libm.
    # A value below the c best is never picked in c steps, nor is it ever the largest.
    tol = 1e-9 * (1.0 + (present * base_p).max(axis=1, initial=0.0))
    for s in range(S):
        if not n_live[s]:
            break
        if n_first[s]:
            f = np.flatnonzero(first_all[:, s])
            dead[f] = False
            k = units[f, s]
            lm_f, uc_f = lm[f, k], ucap[f, k]
            lm_g[f] = lm_f
            uc_g[f] = uc_f
            fresh = first_pass[f, k]
            # the routes placed by earlier groups: recomputed as the catch-up does
            redo = placed[f] & legal[f, k]
            if redo.any():
                fg, fr = np.nonzero(redo)
                c = f[fg] * R + fr
                fresh[fg, fr] = _value(pres[c], bp[c], ml[c], lm_f[fg, fr], cap[c],
                                       uc_f[fg, fr], exp=np.exp) - cur[c]
                n_units = np.minimum(run_len[f, s], R)
                kth = np.sort(fresh, axis=1)[np.arange(f.size), R - n_units]
                near = fresh[fg, fr] >= (kth - tol[f])[fg]
                if near.any():
                    fg, fr, c = fg[near], fr[near], c[near]
                    fresh[fg, fr] = _value(pres[c], bp[c], ml[c], lm_f[fg, fr], cap[c],
                                           uc_f[fg, fr]) - cur[c]
            row[f] = fresh
        j = row.argmax(axis=1)
        c = base + j
        gain = flat_row[c]
        ok = gain > 0
        if n_live[s] < G or dead.any():
            go = live_all[:, s] & ~dead
            dead |= go & ~ok
            ok &= go
        else:
            dead |= ~ok
        if not ok.all():
            a = np.flatnonzero(ok)
            if not a.size:
                continue
            c, gain, j = c[a], gain[a], j[a]
        else:
            a = slice(None)
        m = ml[c] + flat_lm[c]
        cp = cap[c] + flat_uc[c]
        cu = cur[c] + gain
        ml[c] = m
        cap[c] = cp
        cur[c] = cu
        total[a] += gain
        placed.ravel()[c] = True
        if picks is not None:
            picks[a, s] = j
        flat_row[c] = _value(pres[c], bp[c], m, flat_lm[c], cp, flat_uc[c]) - cu
    return total, picks


def _value(pres, bp, ml, lm, cap, uc, exp=None):
    """min(pres * (1 - exp(ml + lm)) * bp, cap + uc), as Python floats compute it (`exp`:
    libm's, unless another is given)."""
    return py_min(pres * (1.0 - (exp or libm_exp)(ml + lm)) * bp, cap + uc)


def joint_partners_lock(net: Net, eff: dict) -> np.ndarray:
    """G x N x N bool: the pairs of nations sharing an alliance that runs joint operations
    (a nation is not its own partner)."""
    G, N = eff["n_sovereignty"].shape
    if len(net.alliance_ids):
        partners = (net.co_member[None] & eff["al_joint"][:, :, None, None]).any(axis=1)
    else:
        partners = np.zeros((G, N, N), dtype=bool)
    partners[:, np.arange(N), np.arange(N)] = False
    return partners


def deployable_lock(net: Net, eff: dict, acc: np.ndarray,
                    partners: np.ndarray | None = None) -> np.ndarray:
    """orders._deployable for every game: G x N x R bool, where each nation may operate
    (`partners`: joint_partners_lock's, if the caller has them)."""
    G = acc.shape[0]
    N = len(net.nation_ids)
    jur = net.r_jur
    sov = eff["n_sovereignty"]
    if partners is None:
        partners = joint_partners_lock(net, eff)
    # host_ok[g, guest, host]: an ally in joint operations, the host open or consenting
    host_ok = partners & ((sov == SOV_INDEX["open"])[:, None, :]
                          | ((sov == SOV_INDEX["consent"])[:, None, :] & acc.transpose(0, 2, 1)))
    ok = np.broadcast_to((jur[None, :] == np.arange(N)[:, None]) | (jur < 0)[None, :],
                         (G, N, len(jur))).copy()
    if N:
        ok |= (jur >= 0)[None, None, :] & host_ok[:, :, np.maximum(jur, 0)]
    return ok


def hindsight_lock(net, lock, eff, acc, ents, intel_eff, corr_eff, exposed_r, base_p, misslog,
                   cap_r, p_int) -> tuple[np.ndarray, np.ndarray]:
    """resolve._hindsight for every game: (best expected seizure, expected seizure of the
    actual placement), in tons (G each)."""


    g_e, n_e, _r_e, a_e, c_e = ents
    G, R = exposed_r.shape
    N, A = len(net.nation_ids), len(net.asset_ids)
    hs = np.zeros(G)
    he = np.zeros(G)
    has_ent = np.bincount(g_e, minlength=G) > 0
    go = has_ent & ~(exposed_r.sum(axis=1) <= 0)
    if not go.any():
        return hs, he
    misslog0 = np.log1p(-np.minimum(p_int, 0.999))
    reach = exposed_r * INTERCEPT
    actual = np.minimum(reach * (1.0 - np.exp(misslog + misslog0)) * base_p,
                        cap_r / LOAD_TONS).sum(axis=1) * LOAD_TONS
    he = np.where(go, actual, 0.0)
    # groups: (nation, asset type) in order of first appearance among the game's rows
    key = g_e * (N * A) + n_e * A + a_e
    uniq, first, inv = np.unique(key, return_index=True, return_inverse=True)
    counts = np.bincount(inv, weights=c_e).astype(np.int64)
    ug = uniq // (N * A)
    un = (uniq // A) % N
    ua = uniq % A
    strength = net.a_int[ua] + net.a_det[ua]
    # per game, groups by strength (strongest first), ties by first appearance
    o = np.lexsort((first, -strength, ug))
    ug, un, ua, counts = ug[o], un[o], ua[o], counts[o]
    per = np.bincount(ug, minlength=G)
    K = int(per.max())
    start = np.concatenate([[0], np.cumsum(per)[:-1]])
    slot = np.arange(len(ug)) - start[ug]  # group position within its game
    mode = net.r_mode
    cols = exposed_r > 0
    dep = deployable_lock(net, eff, acc)  # G x N x R
    legal = np.zeros((G, K, R), dtype=bool)
    legal[ug, slot] = dep[ug, un] & net.a_modes[ua][:, mode] & cols[ug]
    d = np.zeros((G, K, R))
    d[ug, slot] = np.clip(net.a_det[ua][:, None] * (0.5 + intel_eff[ug, un])[:, None]
                          * eff["m_detection"][ug][:, mode], 0.0, MAX_ASSET_DETECTION)
    jur = net.r_jur
    host = np.where(jur[None, :] >= 0, corr_eff[ug][:, np.maximum(jur, 0)],
                    corr_eff[ug, un][:, None])
    ucap = np.zeros((G, K, R))
    ucap[ug, slot] = (net.a_int[ua][:, None] * eff["m_interdiction"][ug][:, mode]
                      * (1.0 - CORRUPTION_DRAG * host) / LOAD_TONS)
    # the units: each game's groups in order, each repeated by its count
    tot = np.bincount(ug, weights=counts, minlength=G).astype(np.int64)
    S = int(tot.max())
    units = np.full((G, S), -1, dtype=np.int64)
    rep_g = np.repeat(ug, counts)
    rep_k = np.repeat(slot, counts)
    ustart = np.concatenate([[0], np.cumsum(tot)[:-1]])
    units[rep_g, np.arange(len(rep_g)) - ustart[rep_g]] = rep_k
    units[~go] = -1
    best, _ = greedy_lock(np.where(cols, reach, 0.0), base_p, np.where(cols, misslog0, 0.0),
                          np.log1p(-d), ucap, legal, units, choices=False)
    hs = np.where(go, best * LOAD_TONS, 0.0)
    return hs, he
