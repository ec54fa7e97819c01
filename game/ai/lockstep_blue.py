"""The Blue AI seats in lockstep: every nation's orders in G games at once.

`blue_orders(lock, policy)` gives, as `BlueArrays`, exactly the orders `Game.ai_orders`
gives each nation of each game of `lock` (`BaselineBlue`, `AggressiveBlue` or `PassiveBlue`
choosing from `observe(state, nation)`), bit for bit. It follows the single-game code step
by step with a leading game axis:

- the observation's parts the policies read (`observe._observe_nation` and
  `_nation_views`): budget, intelligence, the blurred flow estimates (one "observe"
  generator per game, as each game draws), where each nation may deploy, its allies and
  joint-operations partners, public corruption, trust, assets, whether it has purchases in
  the pipeline, its sovereignty;
- `plan_deployment` / `greedy_groups`: each (game, nation) is its own greedy placement.
  Step k places the k-th unit of every pair at once: the first route of largest gain
  (`list.index(max(row))`), the first pass's gains with numpy's exp, every later update with
  libm's (`math.exp`), as the single code does; then the upkeep check in the same order,
  and the deploy mapping's insertion order (`deploy_rank`);
- capacity building for needy partners (summed left to right, as Python's `sum`), sharing,
  grants (consent sovereignty only) and `_best_buy`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from game.ai.policies import BLUE_POLICIES
from game.core.fastrng import turn_rngs
from game.core.lockstep import BlueArrays, Lock
from game.core.lockstep_events import lock_effective
from game.core.lockstep_greedy import deployable_lock, joint_partners_lock
from game.core.model import MODES
from game.core.network import LOAD_TONS, SHARING_INDEX, SHARING_WEIGHT, SOV_INDEX, Net
from game.core.observe import BLUR
from game.core.pyfloat import libm_exp, py_min
from game.core.resolve import CORRUPTION_DRAG, MAX_ASSET_DETECTION, base_detection

LOCKSTEP_POLICIES = ("baseline", "aggressive", "passive")
_CONSENT = SOV_INDEX["consent"]
_FULL, _PARTIAL, _NONE = SHARING_INDEX["full"], SHARING_INDEX["partial"], SHARING_INDEX["none"]
# the effective values the Blue seats read
BLUE_FIELDS = ("n_budget", "n_intel", "n_corruption", "n_sovereignty", "al_joint",
               "r_concealment", "r_detection", "m_concealment", "m_detection", "m_interdiction")


def observe_blur(lock: Lock) -> np.ndarray:
    """G x N x R: each game's flow-estimate blur this turn (`_nation_views`' draw, from the
    game's "observe" generator; `fastrng.turn_rngs` makes the same generators together)."""
    net = lock.net
    N, R = len(net.nation_ids), len(net.route_ids)
    if not lock.games:
        return np.zeros((0, N, R))
    return np.stack([gen.standard_normal((N, R))
                     for gen in turn_rngs(lock.seeds, lock.turn, "observe")])


def _policy_names(policy: str | Sequence[str] | Mapping[str, str], net: Net) -> list[str]:
    if isinstance(policy, str):
        names = [policy] * len(net.nation_ids)
    elif isinstance(policy, Mapping):
        names = [policy.get(n, "baseline") for n in net.nation_ids]
    else:
        names = list(policy)
        if len(names) != len(net.nation_ids):
            raise ValueError(f"{len(names)} policies for {len(net.nation_ids)} nations")
    for p in names:
        if p not in LOCKSTEP_POLICIES:
            raise ValueError(f"policy {p!r} is not played in lockstep "
                             f"(choose one of: {', '.join(LOCKSTEP_POLICIES)})")
    return names


def _statics(net: Net) -> dict:
    """Per-network constants of the Blue seats (kept in net.derived)."""
    hit = net.derived.get("lockstep_blue")
    if hit is not None:
        return hit
    N = len(net.nation_ids)
    m = net.member.astype(np.int64)
    allied = (m.T @ m) > 0 if len(net.alliance_ids) else np.zeros((N, N), dtype=bool)
    np.fill_diagonal(allied, False)
    strength = (net.a_int + net.a_det).tolist()
    jur = net.r_jur
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # free: never bought
        score = (net.a_int + 2.0 * net.a_det) / (net.a_cost + 4 * net.a_upkeep)
    out = {
        "allied": allied,
        "by_strength": np.array(sorted(range(len(strength)), key=lambda a: (-strength[a], a)),
                                dtype=np.int64),
        "jur0": np.maximum(jur, 0),
        "has_jur": jur >= 0,
        "token": np.where(net.a_int == 0, 0.25, 0.0),
        "modes_t": np.ascontiguousarray(net.route_modes.T),  # A x R
        "modes_f": net.route_modes.astype(np.float32),  # R x A
        "score": np.where(np.isnan(score), -np.inf, score),  # NaN is never > the best
    }
    net.derived["lockstep_blue"] = out
    return out


def blue_orders(lock: Lock, policy: str | Sequence[str] | Mapping[str, str] = "baseline",
                blur: np.ndarray | None = None, eff: Mapping[str, np.ndarray] | None = None
                ) -> BlueArrays:
    """Every nation's orders in every game of `lock`, each nation playing `policy` (one name
    for all, one per nation in scenario order, or {nation: name}; see `lockstep_batch.seat_policies`):
    bit-identical to `Game.ai_orders(state, nation)` per game. `blur` is `observe_blur(lock)`
    and `eff` the games' effective values this turn (G x ... arrays with at least the fields
    `BLUE_FIELDS`, e.g. `lockstep_events.lock_effective`'s), if the
    caller already has them."""
    return _blue(lock, policy, blur, eff, totals=False)[0]


def blue_plan(lock: Lock, policy: str | Sequence[str] | Mapping[str, str] = "baseline",
              blur: np.ndarray | None = None, eff: Mapping[str, np.ndarray] | None = None
              ) -> tuple[BlueArrays, np.ndarray]:
    """`blue_orders`, and G x N: the loads each nation's greedy placement expects to seize
    (what `greedy_groups` returns inside `plan_deployment`, before the upkeep check; 0.0
    where it is not called), so tests can check every gain the placement added up."""
    return _blue(lock, policy, blur, eff, totals=True)


def _blue(lock, policy, blur, eff, totals):
    """blue_plan (the greedy totals only with `totals`)."""
    net = lock.net
    G, N = lock.games, len(net.nation_ids)
    names = _policy_names(policy, net)
    out = BlueArrays.empty(net, G)
    out.has[:] = True
    act = np.array([p != "passive" for p in names], dtype=bool)
    expected = np.zeros((G, N))
    if not G or not act.any():
        return out, expected
    # each nation's shares (a passive nation's are never used: it is masked out)
    pols = [BLUE_POLICIES["baseline" if p == "passive" else p] for p in names]
    ops_share = np.array([p.ops_share for p in pols])
    gov_share = np.array([p.governance_share for p in pols])
    intel_share = np.array([p.intel_share for p in pols])
    cap_share = np.array([p.capacity_share for p in pols])
    aggressive = np.array([p == "aggressive" for p in names], dtype=bool)
    st = _statics(net)
    a = lock.a
    if eff is None:
        eff = lock_effective(net, lock.a, lock.var, lock.turn, BLUE_FIELDS)

    # --- the observations (observe._observe_nation, _nation_views)
    budget = eff["n_budget"] + a["n_reserve"]  # G x N
    n_intel = eff["n_intel"]
    weight = SHARING_WEIGHT[a["sharing"]]  # weight[g, m, n]: how much m shared with n
    shared = (weight.transpose(0, 2, 1) * a["trust"] * n_intel[:, None, :]).max(axis=2)
    intel = np.where(shared > n_intel, shared, n_intel)  # max(own, best)
    if blur is None:
        blur = observe_blur(lock)
    est = a["last_route_flow"][:, None, :] * np.exp((BLUR * (1.0 - intel))[:, :, None] * blur)
    sov = eff["n_sovereignty"]
    joint = joint_partners_lock(net, eff)  # G x N x N: joint[g, guest, host]
    where_ok = deployable_lock(net, eff, a["access"], joint)  # G x N x R
    pipe = np.zeros((G, N), dtype=bool)
    for g, rows in enumerate(lock.var["pipeline"]):
        if len(rows):
            pipe[g, rows[:, 1]] = True
    corr = eff["n_corruption"]
    assets = a["assets"]

    # --- plan_deployment's terms (policies._deploy_terms)
    base_p = base_detection(net, eff)  # G x R
    host = np.where(st["has_jur"], corr[:, st["jur0"]][:, None, :], corr[:, :, None])
    drag = 1.0 - CORRUPTION_DRAG * host  # G x N x R

    # one row per (game, nation, owned asset type), types strongest first
    perm = st["by_strength"]
    gi, ni, si = np.nonzero((assets[:, :, perm] > 0) & act[None, :, None])
    ty = perm[si]
    K = gi.size
    upkeep = np.zeros((G, N))
    placed_n = np.zeros((G, N), dtype=np.int64)
    if K and len(net.route_ids):  # (no routes: plan_deployment places nothing)
        upkeep, placed_n = _deploy(net, st, out, expected, lock, gi, ni, ty, est, intel,
                                   where_ok, base_p, eff["m_detection"], eff["m_interdiction"],
                                   drag, budget * ops_share, totals)

    # --- the rest of BaselineBlue.choose
    gov = budget * gov_share
    intel_f = budget * intel_share
    allied = st["allied"]
    needy_from = np.array([p.needy_from for p in pols])[None, :, None]
    needy = allied[None] & (corr[:, None, :] >= needy_from)  # G x N x N
    k = needy.sum(axis=2)
    give = (k > 0) & (budget > 0) & act
    each = np.where(give, budget * cap_share / np.maximum(k, 1), 0.0)
    cbm = needy & give[:, :, None]
    out.cb = np.where(cbm, each[:, :, None], 0.0)
    out.cb_rank = np.where(cbm, np.cumsum(needy, axis=2) - 1, -1)
    total_cb = np.zeros((G, N))
    for i in range(int(k[give].max()) if give.any() else 0):  # sum(cb.values()), in order
        total_cb = np.where(give & (i < k), total_cb + each, total_cb)
    left = budget - upkeep - gov - intel_f - total_cb
    idle = assets.sum(axis=2) - placed_n
    # _best_buy, for the nations that may buy: all units out, money left, nothing on order
    proc = np.zeros((G, N))
    bg, bn = np.nonzero(act & (idle == 0) & (left > 0) & ~pipe)
    if bg.size:
        cost = net.a_cost
        # B x A: the types it may send somewhere (a count of routes, exact in floats)
        may_go = (where_ok[bg, bn].astype(np.float32) @ st["modes_f"]) > 0
        eligible = (cost > 0) & ~(cost > left[bg, bn][:, None]) & may_go
        score = np.where(eligible, st["score"], -np.inf)
        best = score.argmax(axis=1)  # the first of the best (it must beat 0.0)
        ok = score[np.arange(bg.size), best] > 0
        bg, bn, bb = bg[ok], bn[ok], best[ok]
        out.buy[bg, bn, bb] = 1
        out.buy_rank[bg, bn, bb] = 0
        proc[bg, bn] = cost[bb]

    out.operations = np.where(act, upkeep, 0.0)
    out.procurement = proc
    out.intelligence = np.where(act, intel_f, 0.0)
    out.governance = np.where(act, gov, 0.0)

    trust = a["trust"]
    pc = corr[:, None, :]
    def per_nation(attr: str) -> np.ndarray:  # a threshold of each nation's policy
        return np.array([getattr(p, attr) for p in pols])[None, :, None]

    level = np.where((pc < per_nation("share_full_below"))
                     & (trust >= per_nation("share_full_trust")), _FULL,
                     np.where((pc < per_nation("share_partial_below"))
                              & (trust >= per_nation("share_partial_trust")), _PARTIAL, _NONE))
    level = np.where(aggressive[None, :, None], _FULL, level)
    out.sharing = np.where(allied[None] & act[None, :, None], level, -1)
    consent = (sov == _CONSENT) & act
    out.grant_set = consent
    out.grant = joint & consent[:, :, None]
    return out, expected


def _deploy(net, st, out, expected, lock, gi, ni, ty, est, intel, where_ok, base_p, m_det3,
            m_int3, drag, ops_cap, totals=True):
    """plan_deployment of every (game, nation) at once: the greedy placements, the upkeep
    check, the deploy mapping (fills out.deploy, out.deploy_rank and `expected`, G x N: the
    greedy totals). Returns G x N upkeep and units deployed.

    Rows are (game, nation, owned type), a pair's rows consecutive in its groups' order.
    A value that depends on a route only through its mode (detection, the interdiction
    factor) is computed per mode and spread over the routes: the same operations on the same
    numbers."""
    G, N = ops_cap.shape
    R = est.shape[2]
    A = len(net.asset_ids)
    mode = net.r_mode
    K = gi.size
    first = np.ones(K, dtype=bool)
    first[1:] = (gi[1:] != gi[:-1]) | (ni[1:] != ni[:-1])
    start = np.flatnonzero(first)
    end = np.append(start[1:], K)
    pg, pn = gi[start], ni[start]
    P = start.size
    pair_of = np.repeat(np.arange(P), end - start)
    # greedy_groups' first pass, on plan_deployment's terms (in place where it can: the
    # same operations on the same numbers, with fewer new arrays)
    pe = est.reshape(G * N, R).take(pg * N + pn, axis=0)  # P x R
    pres = pe / LOAD_TONS
    d3 = np.clip((net.a_det[ty] * (0.5 + intel[gi, ni]))[:, None] * m_det3[gi],
                 0.0, MAX_ASSET_DETECTION)  # K x modes
    lm3 = np.log1p(-d3)
    by_mode = _mode_cells(st, K, mode)  # K x R: where each route's mode is in a K x modes
    ucap = (net.a_int[ty][:, None] * m_int3[gi]).reshape(-1).take(by_mode)
    np.multiply(ucap, drag.reshape(G * N, R).take(gi * N + ni, axis=0), out=ucap)
    np.divide(ucap, LOAD_TONS, out=ucap)
    np.add(ucap, st["token"][ty][:, None], out=ucap)  # K x R
    gains0 = pres.take(pair_of, axis=0)
    np.multiply(gains0, (1.0 - np.exp(lm3)).reshape(-1).take(by_mode), out=gains0)
    np.multiply(gains0, base_p.take(gi, axis=0), out=gains0)
    np.minimum(gains0, ucap, out=gains0)
    legal = (where_ok.reshape(G * N, R).take(pg * N + pn, axis=0) & (pe > 0)).take(
        pair_of, axis=0)
    np.logical_and(legal, st["modes_t"].take(ty, axis=0), out=legal)
    np.copyto(gains0, -np.inf, where=~legal)
    counts = lock.a["assets"][gi, ni, ty]
    ep, er, ek, total = _greedy(gains0, lm3, mode, ucap, legal, counts, start, end, pres,
                                base_p.take(pg, axis=0), totals)
    expected[pg, pn] = total
    upk, keep = _upkeep_check(ep, net.a_upkeep[ty[ek]], ops_cap[pg, pn] + 1e-9, P)
    upkeep = np.zeros((G, N))
    upkeep[pg, pn] = upk
    placed_n = np.zeros((G, N), dtype=np.int64)
    ep, er, ea = ep[keep], er[keep], ty[ek[keep]]
    if ep.size:
        placed_n[pg, pn] = np.bincount(ep, minlength=P)
        _deploy_mapping(out, ep, er, ea, pg, pn, R, A, P)
    return upkeep, placed_n


def _mode_cells(st: dict, K: int, mode: np.ndarray) -> np.ndarray:
    """K x R: the cell of each route's mode in a flattened K x modes array (kept per network,
    grown as needed)."""
    cells = st.get("mode_cells")
    if cells is None or cells.shape[0] < K:
        n = max(K, 2 * (0 if cells is None else cells.shape[0]), 64)
        cells = np.arange(n)[:, None] * len(MODES) + mode[None, :]
        cells.setflags(write=False)
        st["mode_cells"] = cells
    return cells[:K]


def _greedy(gains0, lm3, mode, ucap, legal, counts, start, end, pres, bp, totals=True):
    """greedy_groups for every pair at once. Row k of gains0, ucap, legal (K x R) and lm3
    (K x modes: log(1 - detection) on each route mode) is a group; pair p's groups are rows
    start[p]..end[p] - 1, in order, with counts[k] units. Each step places one unit of every
    pair still placing: the first route of largest gain, then updates that route's gain with
    libm's exp (greedy_groups' scalar update); a group that starts catches up on the routes
    its pair's earlier groups placed units on.

    Returns the units placed, in placement order per pair (pair, route, row), and each pair's
    total gain (with `totals`)."""
    R = gains0.shape[1]
    P = start.size
    S = np.zeros((P * R, 3))  # per pair and route: ml, cap, cur
    placed = np.zeros(P * R, dtype=bool)
    pres_f, bp_f = pres.reshape(-1), bp.reshape(-1)  # per pair and route
    lm_f, uc_f = lm3.reshape(-1), ucap.reshape(-1)  # per row and mode, per row and route
    n_modes = lm3.shape[1]
    row = gains0[start]  # P x R: each pair's current group's gains
    rowf = row.reshape(-1)
    rix = start.copy()  # its current group's row
    left = counts[start].copy()  # units of that group still to place
    total = np.zeros(P)
    ev_p, ev_r, ev_k = [], [], []
    live = np.arange(P)
    while live.size:
        # the first route of largest gain (list.index(max(row)))
        j = (row if live.size == P else row.take(live, axis=0)).argmax(axis=1)
        gain = rowf[live * R + j]
        ok = gain > 0
        if ok.all():
            p, stop = live, None
        else:  # no gain left: the group's other units stay home
            p, j, gain, stop = live[ok], j[ok], gain[ok], live[~ok]
        todo = []  # the gains to compute again (cells, their lm and ucap), from the new state
        if p.size:
            kk = rix[p]
            f = p * R + j
            lmk, uck = lm_f[kk * n_modes + mode[j]], uc_f[kk * R + j]
            t = S.take(f, axis=0)
            t[:, 0] += lmk
            t[:, 1] += uck
            t[:, 2] += gain
            S[f] = t
            placed[f] = True
            if totals:
                total[p] += gain
            ev_p.append(p)
            ev_r.append(j)
            ev_k.append(kk)
            left[p] -= 1
            more = left[p] > 0
            if not more.all():
                done = p[~more]
                f, lmk, uck = f[more], lmk[more], uck[more]
                stop = done if stop is None else np.concatenate([stop, done])
            # only route j changed: the group's gain there, for its next unit (a group whose
            # units are all placed needs none: the next group catches up on route j itself)
            if f.size:
                todo.append((f, lmk, uck))
        if stop is not None:
            # the pairs whose group is over go on to their next, caught up on the routes
            # placed since; the others are done
            nxt = rix[stop] + 1
            go = nxt < end[stop]
            q, kq = stop[go], nxt[go]
            left[stop[~go]] = 0
            if q.size:
                rix[q] = kq
                left[q] = counts[kq]
                row[q] = gains0.take(kq, axis=0)
                cq, cr = np.nonzero(placed.reshape(P, R).take(q, axis=0)
                                    & legal.take(kq, axis=0))
                if cq.size:
                    kc = kq[cq]
                    todo.append((q[cq] * R + cr, lm_f[kc * n_modes + mode[cr]],
                                 uc_f[kc * R + cr]))
            live = live[left[live] > 0]
        if todo:  # greedy_groups' scalar update: min(pres (1 - exp(ml + lm)) bp, cap + ucap) - cur
            f, lmk, uck = todo[0] if len(todo) == 1 else (np.concatenate(x) for x in zip(*todo))
            t = S.take(f, axis=0)
            v = pres_f[f] * (1.0 - libm_exp(t[:, 0] + lmk)) * bp_f[f]
            rowf[f] = py_min(v, t[:, 1] + uck) - t[:, 2]
    if not ev_p:
        z = np.zeros(0, dtype=np.int64)
        return z, z, z, total
    return np.concatenate(ev_p), np.concatenate(ev_r), np.concatenate(ev_k), total


def _stable_order(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.argsort(keys, kind="stable") and the sorted keys (nonnegative), from one sort of
    keys x n + position: a quarter of a stable argsort's time."""
    n = keys.size
    both = np.sort(keys * n + np.arange(n))
    return both % n, both // n


def _upkeep_check(ep, u, cap, P):
    """plan_deployment's upkeep check: each placed unit (pair ep, upkeep u, in placement
    order per pair) is kept if the upkeep so far plus its own is within the pair's cap.
    Returns each pair's upkeep and which units are kept."""
    # the upkeep of all of a pair's units, added in order from 0.0 (bincount adds in element
    # order): with no negative upkeep the largest sum so far, so a pair within its cap keeps
    # every unit
    upk = np.bincount(ep, weights=u, minlength=P) if ep.size else np.zeros(P)
    keep = np.ones(ep.size, dtype=bool)
    over = (upk > cap) if (u >= 0).all() else np.ones(P, dtype=bool)
    sel = np.flatnonzero(over[ep])
    if not sel.size:
        return upk, keep
    # the others, unit by unit: their units as a (pairs x units) table in placement order
    o, ps = _stable_order(ep[sel])
    n = np.bincount(ps, minlength=P)
    pos = np.arange(ps.size) - (np.cumsum(n) - n)[ps]
    pairs = np.flatnonzero(n)
    rowof = np.zeros(P, dtype=np.int64)
    rowof[pairs] = np.arange(pairs.size)
    L = int(pos.max()) + 1
    U = np.zeros((pairs.size, L))
    U[rowof[ps], pos] = u[sel][o]
    V = np.zeros((pairs.size, L), dtype=bool)
    V[rowof[ps], pos] = True
    c = cap[pairs]
    got = np.zeros(pairs.size)
    kept = np.zeros((pairs.size, L), dtype=bool)
    for k in range(L):  # upkeep = 0.0, then upkeep += u for each unit kept, in order
        t = got + U[:, k]
        kp = V[:, k] & ~(t > c)
        got = np.where(kp, t, got)
        kept[:, k] = kp
    upk[pairs] = got
    keep[sel[o]] = kept[rowof[ps], pos]
    return upk, keep


def _deploy_mapping(out, ep, er, ea, pg, pn, R, A, P):
    """out.entries from the units kept (pair, route, type; in placement order per pair): the
    mapping lists routes in the order of their first unit, and on each route the types in
    the order of their first unit there. Pair p is nation pn[p] of game pg[p]."""
    by_entry, se = _stable_order((ep * R + er) * A + ea)
    head = np.ones(se.size, dtype=bool)
    head[1:] = se[1:] != se[:-1]
    at = np.flatnonzero(head)
    uniq, first_at = se[at], by_entry[at]  # each entry, and its first unit
    n_units = np.diff(at, append=se.size)
    route = uniq // A
    r_head = np.ones(uniq.size, dtype=bool)
    r_head[1:] = route[1:] != route[:-1]
    r_at = np.flatnonzero(r_head)
    route_first = np.repeat(np.minimum.reduceat(first_at, r_at), np.diff(r_at, append=uniq.size))
    pair = route // R
    E = ep.size
    which = np.empty(E, dtype=np.int64)  # each entry by its first unit
    which[first_at] = np.arange(first_at.size)
    order = which[np.sort((pair * E + route_first) * E + first_at) % E]
    ps = pair[order]
    ra = uniq[order] % (R * A)
    out.entries = (pg[ps], pn[ps], ra // A, ra % A, n_units[order])
