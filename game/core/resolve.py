"""One turn of the rules: resolve(state, turn_orders, rng) -> (next_state, report).

The order of a turn (docs/rules.md explains each step for players):
 1. instructor actions (fire an event now, inject, adjust);
 2. Blue orders are validated; an illegal side's orders count as empty (listed in the report);
 3. funding: procurement, intelligence, governance, capacity building, alliance fund;
 4. sharing: effective intelligence per nation; leaks through corrupt receivers;
 5. Red orders: bribes, adaptations, route openings; flows per path; reaction to leaks;
    route capacities;
 6. interdiction: loads pass their path's routes in order; detection and seizure per route;
 7. consequences: stock, revenue, perceived risk, violence, corruption, governance, intel,
    trust, interoperability, cohesion; assets arriving; metrics and objectives;
 8. the next turn's events.
Every random draw of the turn comes from `rng`, except the chance triggers of the next turn's
events: each event draws from its own stream of the game's seed (`events.chance_draw`), so
that adding an event to a scenario shifts no other draw. Nothing else is random.
"""

from __future__ import annotations

import numpy as np

from game.core.events import (
    FIELD_ARRAYS,
    MAX_NUMBER,
    apply_change,
    effective,
    event_card,
    fire_due_events,
    fire_event,
    inject_card,
    target_index,
)
from game.core.hindsight import greedy_groups
from game.core.metrics import delivered_reduction, freeze_objectives, objective_results
from game.core.model import SOVEREIGNTY
from game.core.network import LOAD_TONS, SHARING_INDEX, SHARING_WEIGHT, Net, compiled
from game.core.numbers import finite_number
from game.core.orders import (
    BlueOrders,
    InstructorAction,
    RedOrders,
    TurnOrders,
    access_matrix,
    deployable_matrix,
    red_spending,
    spending,
    tons_to_loads,
    validate_orders,
)
from game.core.report import TurnReport
from game.core.state import (
    ADAPT_MULT,
    ADAPTATION_IDS,
    TOT_BASELINE,
    TOT_DELIVERED,
    TOT_DETECTED,
    TOT_PRODUCED,
    TOT_SEIZED,
    TOT_SHIPPED,
    State,
    make_state,
)
from game.core.traffic import (
    RISK_DECAY,
    path_costs,
    perceived_risk,
    production_loads,
    usable_paths,
    within_capacity,
)

# --- rule constants (docs/rules.md) -------------------------------------------------------
RESERVE_CARRY = 0.5  # share of unspent budget carried into next turn
MAX_ASSET_DETECTION = 0.95
CORRUPTION_DRAG = 0.6  # interdiction capacity x (1 - 0.6 * host corruption)
INTEROP_NONE = 0.8  # capacity multiplier on a route worked by nations with no joint operations
INTEROP_BASE, INTEROP_GAIN = 0.8, 0.5  # joint: 0.8 + 0.5 * interoperability
INTEL_DETECT = 0.5  # detection from intelligence alone: 0.5 x the best intel reaching a route
INTERCEPT = 0.45  # chance a detected load within reach of interdiction assets is intercepted
LEAK_RATE = 0.3  # leak chance = sharing weight x receiver's effective corruption x 0.3
LEAK_DISCOVERY = 0.5
LEAK_EVASION = 0.4  # a leaked nation's assets keep 40% of their detection power this turn
TRUST_HIT = 0.15
TRUST_RECOVERY = 0.02
BRIBE_MAX, BRIBE_HALF, BRIBE_STICK = 0.3, 0.5, 0.05
GOV_DECAY, GOV_HALF = 0.8, 1.5
GOV_CORRUPTION, GOV_GOVERNANCE = 0.12, 0.05
INTEL_GAIN, INTEL_HALF, INTEL_DECAY = 0.08, 0.2, 0.01
CB_EFFECT = 1.0  # capacity building counts like the partner's own governance spending
FUND_GAIN, FUND_HALF, INTEROP_DECAY = 0.06, 0.1, 0.005
VIOLENCE_FLOW, VIOLENCE_SHOCK, VIOLENCE_CALM, VIOLENCE_SPEED = 0.3, 0.25, 0.5, 0.15
CORRUPTION_FLOW = 0.005
COHESION_KEEP = 0.7
REVENUE_SHARE = 0.1  # resources gained per ton delivered, as a share of the market price
LEAK_RISK_EVENT = 0.5


class _Tables:
    """Builds the report's per-route/nation/alliance/trafficker tables on demand.

    `arrays` are the turn's final arrays themselves, not copies: they are made read-only here
    (those of the working state would be by make_state anyway)."""

    def __init__(self, net: Net, arrays: dict):
        self.net = net
        self.a = arrays
        for a in arrays.values():
            a.setflags(write=False)

    def __call__(self) -> dict:
        net, a = self.net, dict(self.a)
        for k in ("produced_t", "shipped_t", "seized_t", "delivered_t", "stock_t"):
            a[k] = a[k] * LOAD_TONS  # loads -> tons
        by_route = {
            rid: {"flow": float(a["flow_r"][i]), "seized": float(a["seized_r"][i]),
                  "detected": float(a["detected_r"][i])}
            for i, rid in enumerate(net.route_ids)}
        by_nation = {
            nid: {"seized": float(a["seized_n"][i]), "detected": float(a["detected_n"][i]),
                  "violence": float(a["violence"][i]), "corruption": float(a["corruption"][i]),
                  "governance": float(a["governance"][i]), "intel": float(a["intel"][i]),
                  "spent": float(a["spent"][i]), "budget": float(a["budget"][i]),
                  "leaks": int(a["leaks_n"][i])}
            for i, nid in enumerate(net.nation_ids)}
        by_alliance = {
            aid: {"cohesion": float(a["cohesion"][i]), "interoperability": float(a["interop"][i])}
            for i, aid in enumerate(net.alliance_ids)}
        by_trafficker = {
            tid: {"produced": float(a["produced_t"][i]), "shipped": float(a["shipped_t"][i]),
                  "seized": float(a["seized_t"][i]), "delivered": float(a["delivered_t"][i]),
                  "stock": float(a["stock_t"][i]), "resources": float(a["resources"][i])}
            for i, tid in enumerate(net.traf_ids)}
        return {"by_route": by_route, "by_nation": by_nation, "by_alliance": by_alliance,
                "by_trafficker": by_trafficker}


def base_detection(net: Net, eff) -> np.ndarray:
    """R (or G x R in lockstep): the chance a load on each route can be detected at all, its
    concealment and its mode's concealment taken off, times its detection multiplier."""
    conceal = 1.0 - (1.0 - eff["r_concealment"]) * (1.0 - eff["m_concealment"][..., net.r_mode])
    return np.clip((1.0 - conceal) * eff["r_detection"], 0.0, 1.0)


def intel_reach(net: Net, intel_eff: np.ndarray) -> np.ndarray:
    """R: the best intelligence covering each route: its jurisdiction's, or on international
    routes the best of any nation's."""
    R = len(net.route_ids)
    if not len(intel_eff):
        return np.zeros(R)
    best = float(intel_eff.max())
    return np.where(net.r_jur >= 0, intel_eff[np.maximum(net.r_jur, 0)], best)


def validate_instructor(state: State, action: InstructorAction) -> list[str]:
    """Reasons an instructor action cannot apply (empty: it can)."""
    net = compiled(state.scenario)
    errs = []
    if not action.reason.strip():
        errs.append("every instructor action needs a reason (it goes into the log)")
    if action.kind == "fire_event":
        if action.event not in net.eidx:
            errs.append(f"fire_event: {action.event!r} is not an event of this scenario")
    elif action.kind == "inject":
        if not action.title.strip():
            errs.append("inject: a title is required")
        for a in action.audience:
            if a not in net.nidx and a not in net.tidx and a not in ("observer", "white"):
                errs.append(f"inject: audience {a!r} is not a nation or trafficker")
    elif action.kind == "adjust":
        kind, _, tid = action.target.partition(":")
        idx = target_index(net, kind, tid)
        if idx is None:
            errs.append(f"adjust: target {action.target!r} is not kind:id of this scenario")
        elif kind == "route" and action.field == "seized":
            if action.verb != "set" or not finite_number(action.value) \
                    or not 0 <= action.value <= MAX_NUMBER:
                errs.append("adjust: an adjudicated seizure is `set` to a number of tons "
                            f"from 0 to {MAX_NUMBER:,.0f}")
        else:
            spec = FIELD_ARRAYS.get((kind, action.field))
            if spec is None:
                errs.append(f"adjust: {kind} has no field {action.field!r}")
            elif action.verb not in ("set", "add", "multiply"):
                errs.append(f"adjust: verb {action.verb!r} is not set, add or multiply")
            elif spec[1] in ("number", "unit") and (not finite_number(action.value)
                                                   or abs(action.value) > MAX_NUMBER):
                errs.append(f"adjust: {action.field} takes a number from {-MAX_NUMBER:,.0f} "
                            f"to {MAX_NUMBER:,.0f}")
            elif spec[1] == "bool" and not isinstance(action.value, bool | np.bool_):
                errs.append(f"adjust: {action.field} is set to true or false, "
                            f"not {action.value!r}")
            elif spec[1] in ("sovereignty", "sharing", "bool") and action.verb != "set":
                errs.append(f"adjust: {action.field} can only be set")
            else:
                probe = {spec[0]: np.array(getattr(state, spec[0])).copy()}
                if not apply_change(probe, kind, idx, action.field, action.verb, action.value):
                    errs.append(f"adjust: {action.value!r} is not a valid {action.field}")
    elif action.kind == "seat":
        kind, _, sid = action.target.partition(":")
        if not ((kind == "nation" and sid in net.nidx) or (kind == "trafficker" and sid in net.tidx)):
            errs.append(f"seat: target {action.target!r} is not nation:id or trafficker:id "
                        "of this scenario")
        if not (action.value == "human" or (isinstance(action.value, str)
                                             and action.value.startswith("ai:")
                                             and len(action.value) > 3)):
            errs.append(f"seat: {action.value!r} is not 'human' or 'ai:<policy>'")
    else:
        errs.append(f"unknown instructor action {action.kind!r}")
    return errs


def _default_sharing(net: Net, eff) -> np.ndarray:
    """N x N sharing levels implied by the alliances (the highest level of any shared one)."""
    N = len(net.nation_ids)
    if not len(net.alliance_ids):
        return np.zeros((N, N), dtype=np.int64)
    lev = (net.co_member * eff["al_sharing"][:, None, None]).max(axis=0)
    np.fill_diagonal(lev, 0)
    return lev


def resolve(state: State, turn_orders: TurnOrders, rng: np.random.Generator
            ) -> tuple[State, TurnReport]:
    """Apply one turn of orders to `state`. Never raises on illegal orders."""
    sc = state.scenario
    net = compiled(sc)
    turn = state.turn
    N, R, T = len(net.nation_ids), len(net.route_ids), len(net.traf_ids)
    Al = len(net.alliance_ids)
    w = state.arrays()
    events_fired = [int(e) for e in state.events_now]
    inst_log: list[dict] = []
    injects: list[dict] = []
    adjudicated: dict[int, int] = {}

    # 1. instructor actions
    for act in turn_orders.instructor:
        errs = validate_instructor(state, act)
        entry = act.to_data()
        if errs:
            entry.update(applied=False, errors=errs)
            inst_log.append(entry)
            continue
        if act.kind == "fire_event":
            e = net.eidx[act.event]
            fire_event(net, w, e, turn)
            events_fired.append(e)
        elif act.kind == "inject":
            injects.append(inject_card(len(injects) + 1, act))
        elif act.kind == "seat":
            pass  # who plays a side: the game applied it when it was given; logged below
        else:
            kind, _, tid = act.target.partition(":")
            idx = target_index(net, kind, tid)
            if kind == "route" and act.field == "seized":
                adjudicated[idx] = tons_to_loads(float(act.value))
            else:
                apply_change(w, kind, idx, act.field, act.verb, act.value)
        entry["applied"] = True
        inst_log.append(entry)
    # orders are judged against the turn as the sides saw it: White's actions shape this
    # turn's outcome, and legality from the next turn
    check_state = state
    eff = effective(net, w, turn)

    # 2. validate Blue and Red
    rejected: list[dict] = []
    blue: dict[int, BlueOrders] = {}
    acc = access_matrix(check_state, net, turn_orders)
    for nid, bo in turn_orders.blue.items():
        errs = validate_orders(check_state, nid, bo, turn_orders, access=acc)
        if errs:
            rejected.append({"side": nid, "reasons": tuple(errs)})
        else:
            blue[net.nidx[nid]] = bo
    red: dict[int, RedOrders] = {}
    for tid, ro in turn_orders.red.items():
        errs = validate_orders(check_state, tid, ro)
        if errs:
            rejected.append({"side": tid, "reasons": tuple(errs)})
        else:
            red[net.tidx[tid]] = ro
    for n, bo in blue.items():
        if bo.grant_access is not None:
            w["access"][n, :] = False
            w["access"][n, [net.nidx[g] for g in bo.grant_access]] = True

    # 3. funding
    budget = eff["n_budget"]
    scale = net.budget_scale
    spent = np.zeros(N)
    x_gov = np.zeros(N)
    x_int = np.zeros(N)
    fund_al = np.zeros(Al)
    cb_pairs = np.zeros((N, N))
    new_pipe = []
    for n, bo in blue.items():
        f = bo.funding
        spent[n] = spending(net, bo)  # money that pays for nothing is not spent
        x_gov[n] += f.governance / scale[n]
        x_int[n] += f.intelligence / scale[n]
        for p, amt in f.capacity_building.items():
            m = net.nidx[p]
            x_gov[m] += CB_EFFECT * amt / scale[m]
            x_int[m] += 0.3 * amt / scale[m]
            cb_pairs[n, m] += amt
        mine = [k for k in range(Al) if net.member[k, n]]
        for a, amt in f.alliance_fund.items():
            if a == "*":
                for k in mine:
                    fund_al[k] += amt / len(mine)
            else:
                fund_al[net.alidx[a]] += amt
        for a, c in bo.buy.items():
            if c > 0:
                ai = net.aidx[a]
                new_pipe.append((turn + max(int(net.a_lead[ai]), 1), n, ai, int(c)))
    avail_budget = budget + w["n_reserve"]
    w["n_reserve"] = RESERVE_CARRY * np.maximum(avail_budget - spent, 0.0)
    w["n_spent"] = spent
    if new_pipe:
        w["pipeline"] = np.concatenate([w["pipeline"], np.array(new_pipe, dtype=np.int64)])

    # 4. sharing and intelligence
    share_lev = _default_sharing(net, eff)
    for n, bo in blue.items():
        if bo.sharing:
            share_lev[n, [net.nidx[p] for p in bo.sharing]] = [
                SHARING_INDEX[lev] for lev in bo.sharing.values()]
    w["sharing"] = share_lev
    share = SHARING_WEIGHT[share_lev]
    trust = w["trust"]
    intel = eff["n_intel"]

    # 5a. Red: bribes, adaptations, openings
    bribe_y = np.zeros(N)
    opened: list[int] = []
    for t, ro in red.items():
        for nat, amt in ro.bribes.items():
            m = net.nidx[nat]
            bribe_y[m] += amt / scale[m]
        for a in ro.adaptations:
            w["t_adapt"][t, ADAPTATION_IDS.index(a)] = True
        w["t_resources"][t] = max(0.0, float(w["t_resources"][t]) - red_spending(ro))
        opened.extend(net.ridx[r] for r in ro.open_routes)
    boost = BRIBE_MAX * bribe_y / (bribe_y + BRIBE_HALF)
    corr_eff = np.clip(eff["n_corruption"] + boost, 0.0, 1.0)
    w["n_corruption"] = np.clip(w["n_corruption"] + BRIBE_STICK * boost, 0.0, 1.0)
    # shared intelligence: worth the sharer's intel x sharing level x the receiver's trust,
    # and only as much as the receiver's honest officials act on it
    if N:
        shared_in = (share * trust.T * intel[:, None]).max(axis=0) * (1.0 - corr_eff)
        intel_eff = np.maximum(intel, shared_in)
    else:
        intel_eff = intel

    # deployments
    rows = [(n, net.ridx[r], net.aidx[a], c) for n, bo in blue.items()
            for r, assets in bo.deploy.items() for a, c in assets.items() if c > 0]
    ent = np.array(rows, dtype=np.int64).reshape(-1, 4)
    w["deployed"] = ent
    n_e, r_e, a_e, c_e = ent[:, 0], ent[:, 1], ent[:, 2], ent[:, 3]
    has_dep = np.zeros(N, dtype=bool)
    has_dep[n_e] = True

    # 4b. leaks
    leaks: list[dict] = []
    revealed = np.zeros(R, dtype=bool)
    leak_count = np.zeros(N)
    leaked = np.zeros(N, dtype=bool)
    if N:
        p_leak = share * corr_eff[None, :] * LEAK_RATE
        p_leak[~has_dep, :] = 0.0
        u1 = rng.random((N, N))
        u2 = rng.random((N, N))
        leak = u1 < p_leak
        if leak.any():
            disc = leak & (u2 < LEAK_DISCOVERY)
            trust = trust.copy()
            trust[disc] -= TRUST_HIT
            trust[disc.T] -= TRUST_HIT / 3
            trust = np.clip(trust, 0.0, 1.0)
            leak_count = leak.sum(axis=1).astype(np.float64)
            leaked = leak.any(axis=1)
            revealed[r_e[leaked[n_e]]] = True
            for s, rcv in zip(*np.nonzero(leak)):
                leaks.append({"from": net.nation_ids[s], "to": net.nation_ids[rcv],
                              "discovered": bool(disc[s, rcv])})
        recover = share > 0
        trust = np.where(recover, trust + TRUST_RECOVERY * (1.0 - trust), trust)
        w["trust"] = trust

    # 5b. production and flows
    produced, carry = production_loads(net, eff, w["t_carry"])
    stock0 = w["t_stock"].copy()
    avail = stock0 + produced
    P = net.n_paths
    path_flow = np.zeros(P, dtype=np.int64)
    for t, ro in red.items():
        for key, tons in ro.flows.items():
            path_flow[net.p_index[t, key]] += tons_to_loads(tons)
    usable = usable_paths(net, eff)
    if P:
        path_flow[~usable] = 0  # a route closed this turn (by White): the loads wait in stock
    if revealed.any() and P:
        rv = np.append(revealed, False)
        crosses = rv[net.p_routes].any(axis=1)
        costs = None
        for t, ro in red.items():
            if not ro.react_to_leaks:
                continue
            idx = net.traf_paths[t]
            hit = idx[crosses[idx] & (path_flow[idx] > 0)]
            safe = idx[~crosses[idx] & usable[idx]]
            if not hit.size or not safe.size:
                continue
            if costs is None:
                costs = path_costs(net, eff, perceived_risk(w["risk_e"], w["risk_w"],
                                                            net.loss_tolerance))
            best = safe[np.argmin(costs[safe])]
            move = np.floor(path_flow[hit] * float(eff["t_adaptiveness"][t])).astype(np.int64)
            path_flow[hit] -= move
            path_flow[best] += int(move.sum())
    path_flow, load_r = within_capacity(net, eff, path_flow)
    shipped_t = np.bincount(net.p_traf, weights=path_flow, minlength=T).astype(np.int64) \
        if P else np.zeros(T, dtype=np.int64)

    # 6. detection and interdiction capacity per route
    r_mode = net.r_mode
    m_det = eff["m_detection"]
    misslog = np.zeros(R)
    cap_r = np.zeros(R)
    det_w = np.zeros(len(ent))
    capc = np.zeros(len(ent))
    if len(ent):
        d = np.clip(net.a_det[a_e] * (0.5 + intel_eff[n_e]) * m_det[r_mode[r_e]], 0.0,
                    MAX_ASSET_DETECTION)
        det_w = -c_e * np.log1p(-d) * np.where(leaked[n_e], LEAK_EVASION, 1.0)
        misslog = -np.bincount(r_e, weights=det_w, minlength=R)
        jur = net.r_jur[r_e]
        corr_e = np.where(jur >= 0, corr_eff[np.maximum(jur, 0)], corr_eff[n_e])
        capc = (c_e * net.a_int[a_e] * eff["m_interdiction"][r_mode[r_e]]
                * (1.0 - CORRUPTION_DRAG * corr_e))
        cap_r = np.bincount(r_e, weights=capc, minlength=R)
        pairs = np.unique(r_e * max(N, 1) + n_e)
        pr = pairs // max(N, 1)
        multi = np.flatnonzero(np.bincount(pr, minlength=R) > 1)
        used_al = np.zeros(Al, dtype=bool)
        for r in multi:
            nats = pairs[pr == r] % max(N, 1)
            ok = eff["al_joint"] & net.member[:, nats].all(axis=1)
            if ok.any():
                k = int(np.argmax(np.where(ok, eff["al_interop"], -1.0)))
                used_al[k] = True
                cap_r[r] *= INTEROP_BASE + INTEROP_GAIN * float(eff["al_interop"][k])
            else:
                cap_r[r] *= INTEROP_NONE
    base_p = base_detection(net, eff)
    p_int = INTEL_DETECT * intel_reach(net, intel_eff)
    pdet_r = np.clip((1.0 - np.exp(misslog) * (1.0 - p_int)) * base_p, 0.0, 1.0)
    adapt_mult = np.exp(w["t_adapt"].astype(np.float64) @ np.log(ADAPT_MULT)) \
        if T else np.ones((0, 3))

    # 6b. loads along their paths
    seized_p = np.zeros(P, dtype=np.int64)
    detected_p = np.zeros(P, dtype=np.int64)
    seized_r = np.zeros(R)
    detected_r = np.zeros(R)
    exposed_r = np.zeros(R)
    act = np.flatnonzero(path_flow > 0)
    seized_ph = None
    if act.size:
        PR = net.p_routes[act]
        tr = net.p_traf[act]
        u = path_flow[act].copy()
        k = np.zeros(act.size, dtype=np.int64)
        seized_ph = np.zeros(PR.shape, dtype=np.int64)
        dets = np.zeros(act.size, dtype=np.int64)
        capR = cap_r / LOAD_TONS
        can_seize = bool((capR >= 1.0).any())  # capacity only shrinks along the way
        adj_left = dict(adjudicated)
        # detection chance of each path's loads at each hop, for all hops at once
        PRc = np.maximum(PR, 0)
        am = adapt_mult[tr[:, None], r_mode[PRc]]  # the traffickers' adaptations, per hop
        p_hop = pdet_r[PRc] * am
        # per hop: routes, loads there weighted by adaptation, loads detected
        seen_r, seen_a, seen_d = [], [], []
        for h in range(PR.shape[1]):
            rh = PR[:, h]
            rows = np.flatnonzero((rh >= 0) & ((u + k) > 0))
            if not rows.size:
                continue
            rr = rh[rows]
            u_rows, k_rows = u[rows], k[rows]
            nd = rng.binomial(u_rows, p_hop[rows, h])
            u[rows] = u_rows - nd
            dets[rows] += nd
            seen_r.append(rr)
            seen_a.append((u_rows + k_rows) * am[rows, h])
            seen_d.append(nd)
            tracked = nd + k_rows
            if not can_seize:  # no interdiction capacity anywhere (e.g. the no-action game)
                k[rows] = tracked
                continue
            armed = np.flatnonzero((capR[rr] >= 1.0) & (tracked > 0))
            seized = np.zeros(rows.size, dtype=np.int64)
            if armed.size:
                cand = np.zeros(rows.size, dtype=np.int64)
                cand[armed] = rng.binomial(tracked[armed], INTERCEPT)
                sel = armed[cand[armed] > 0]
            else:
                sel = armed
            if sel.size:
                rs0 = rr[sel]
                order = np.lexsort((rng.random(sel.size), rs0))
                rs = rs0[order]
                cs = cand[sel][order]
                cum = np.cumsum(cs)
                start = np.empty(rs.size, dtype=bool)
                start[0] = True
                start[1:] = rs[1:] != rs[:-1]
                grp = np.cumsum(start) - 1
                prior = cum - cs - (cum - cs)[start][grp]
                room = np.floor(capR[rs] + 1e-9)
                s = np.clip(room - prior, 0, cs).astype(np.int64)
                capR -= np.bincount(rs, weights=s, minlength=R)
                seized[sel[order]] = s
            k[rows] = tracked - seized
            seized_ph[rows, h] = seized
        if seen_r:  # in hop order, the same in every process
            seen = np.concatenate(seen_r)
            # loads exposed to detection on each route (an adapted load counts for the share
            # of the detection chance it keeps): what the hindsight optimum places against
            exposed_r = np.bincount(seen, weights=np.concatenate(seen_a), minlength=R)
            detected_r = np.bincount(seen, weights=np.concatenate(seen_d), minlength=R)
        seized_a = seized_ph.sum(axis=1)
        delivered_a = u + k
        # adjudicated seizures: the instructor sets a route's seized loads this turn
        for r, target in adj_left.items():
            on = np.flatnonzero((PR == r).any(axis=1))
            if not on.size:
                continue
            col = np.argmax(PR[on] == r, axis=1)
            have = int(seized_ph[on, col].sum())
            delta = target - have
            for i, c in zip(on, col):
                if delta > 0:
                    take = int(min(delta, delivered_a[i]))
                    delivered_a[i] -= take
                    seized_ph[i, c] += take
                    delta -= take
                elif delta < 0:
                    give = int(min(-delta, seized_ph[i, c]))
                    delivered_a[i] += give
                    seized_ph[i, c] -= give
                    delta += give
            seized_a = seized_ph.sum(axis=1)
        seized_p[act] = seized_a
        detected_p[act] = dets
        flat_r = PR.ravel()
        m = flat_r >= 0
        seized_r = np.bincount(flat_r[m], weights=seized_ph.ravel()[m], minlength=R).astype(float)
        delivered_p = np.zeros(P, dtype=np.int64)
        delivered_p[act] = delivered_a
    else:
        delivered_p = np.zeros(P, dtype=np.int64)

    seized_t = np.bincount(net.p_traf, weights=seized_p, minlength=T).astype(np.int64) \
        if P else np.zeros(T, dtype=np.int64)
    delivered_t = np.bincount(net.p_traf, weights=delivered_p, minlength=T).astype(np.int64) \
        if P else np.zeros(T, dtype=np.int64)
    detected_tot = int(detected_p.sum())
    assert (shipped_t == seized_t + delivered_t).all(), "mass balance"

    # 7. consequences
    w["t_stock"] = avail - shipped_t
    w["t_carry"] = carry
    value_p = eff["l_price"][net.p_mkt] if P else np.zeros(0)
    if P:  # a market pays for up to its demand (none set: no limit); pro rata when flooded
        dem = eff["l_demand"]
        into = np.bincount(net.p_mkt, weights=delivered_p * LOAD_TONS, minlength=len(dem))
        paid = np.where(net.l_capped & (into > dem), dem / np.maximum(into, 1e-12), 1.0)
        value_p = value_p * paid[net.p_mkt]
    revenue = np.bincount(net.p_traf, weights=delivered_p * LOAD_TONS * value_p, minlength=T) \
        if P else np.zeros(T)
    w["t_resources"] = w["t_resources"] + REVENUE_SHARE * revenue
    flow_r = load_r * LOAD_TONS
    seized_r_t = seized_r * LOAD_TONS
    detected_r_t = detected_r * LOAD_TONS
    # perceived risk: decay, then this turn's use and seizure events per trafficker and route
    w["risk_e"] *= RISK_DECAY
    w["risk_w"] *= RISK_DECAY
    if act.size:
        tr = net.p_traf[act]
        PRm = net.p_routes[act]
        used = np.zeros((T, R + 1), dtype=bool)
        used[np.repeat(tr, PRm.shape[1]), PRm.ravel()] = True
        ev = np.zeros((T, R + 1), dtype=bool)
        hit = seized_ph > 0
        ev[np.repeat(tr, PRm.shape[1])[hit.ravel()], PRm.ravel()[hit.ravel()]] = True
        w["risk_w"] += used[:, :R]
        w["risk_e"] += ev[:, :R]
    if revealed.any():
        w["risk_e"][:, revealed] += LEAK_RISK_EVENT
        w["risk_w"][:, revealed] += LEAK_RISK_EVENT
    w["revealed"] = revealed
    w["leaked_n"] = leaked
    w["last_path_flow"] = path_flow
    w["last_path_seized"] = seized_p
    w["last_route_flow"] = flow_r
    w["last_route_seized"] = seized_r_t

    # attribution of seizures and detections to nations
    seized_n = np.zeros(N)
    detected_n = np.zeros(N)
    if len(ent):
        tot_cap = np.bincount(r_e, weights=capc, minlength=R)
        share_c = np.where(tot_cap[r_e] > 0, capc / np.maximum(tot_cap[r_e], 1e-12), 0.0)
        seized_n = np.bincount(n_e, weights=seized_r_t[r_e] * share_c, minlength=N)
        tot_det = np.bincount(r_e, weights=det_w, minlength=R)
        share_d = np.where(tot_det[r_e] > 0, det_w / np.maximum(tot_det[r_e], 1e-12), 0.0)
        detected_n = np.bincount(n_e, weights=detected_r_t[r_e] * share_d, minlength=N)
    # a seizure the instructor adjudicated on a route nobody patrolled goes to the host
    unattributed = seized_r_t - (np.bincount(r_e, weights=seized_r_t[r_e] * share_c, minlength=R)
                                 if len(ent) else 0.0)
    if N and (unattributed > 1e-9).any():
        host = net.r_host
        m = (unattributed > 1e-9) & (host >= 0)
        seized_n += np.bincount(host[m], weights=unattributed[m], minlength=N)

    # nations: violence, corruption, governance, intelligence
    jm = net.r_jur >= 0
    flow_n = np.bincount(net.r_jur[jm], weights=flow_r[jm], minlength=N) if N else np.zeros(0)
    hm = net.r_host >= 0
    shock_n = np.bincount(net.r_host[hm], weights=seized_r_t[hm], minlength=N) if N else np.zeros(0)
    nations_after(net, w, flow_n, shock_n, x_gov, x_int)
    # alliances: interoperability and cohesion
    any_cb = bool(cb_pairs.any())
    for k, (mem, (block, scale_mean, scale_sum)) in enumerate(zip(net.al_members,
                                                                  net.al_blocks)):
        if not mem.size:
            continue
        x = fund_al[k] / scale_mean
        if any_cb:  # capacity building between members counts too
            x += float(cb_pairs[block].sum()) / scale_sum
        io = float(w["al_interop"][k])
        io += FUND_GAIN * x / (x + FUND_HALF) * (1.0 - io) - INTEROP_DECAY * io
        if len(ent) and used_al[k]:
            io += 0.01 * (1.0 - io)
        w["al_interop"][k] = min(max(io, 0.0), 1.0)
        if len(mem) > 1:
            sub = w["trust"][block]
            mean_trust = (sub.sum() - np.trace(sub)) / (len(mem) * (len(mem) - 1))
        else:
            mean_trust = 1.0
        w["al_cohesion"][k] = COHESION_KEEP * w["al_cohesion"][k] + (1 - COHESION_KEEP) * mean_trust
    # assets arriving for next turn; routes opened
    pipe = w["pipeline"]
    if len(pipe):
        due = pipe[:, 0] <= turn + 1
        if due.any():
            np.add.at(w["assets"], (pipe[due, 1], pipe[due, 2]), pipe[due, 3])
            w["pipeline"] = pipe[~due]
    for r in opened:
        w["r_dormant"][r] = False

    # metrics
    produced_tons = float(produced.sum()) * LOAD_TONS
    shipped_tons = float(shipped_t.sum()) * LOAD_TONS
    seized_tons = float(seized_t.sum()) * LOAD_TONS
    delivered_tons = float(delivered_t.sum()) * LOAD_TONS
    detected_tons = detected_tot * LOAD_TONS
    ct = w["c_tot"]
    ct[TOT_PRODUCED] += produced_tons
    ct[TOT_SHIPPED] += shipped_tons
    ct[TOT_SEIZED] += seized_tons
    ct[TOT_DELIVERED] += delivered_tons
    ct[TOT_DETECTED] += detected_tons
    w["c_shipped_t"] += shipped_t * LOAD_TONS
    w["c_delivered_t"] += delivered_t * LOAD_TONS
    w["c_seized_t"] += seized_t * LOAD_TONS
    if P:
        w["c_delivered_l"] += np.bincount(net.p_mkt, weights=delivered_p * LOAD_TONS,
                                          minlength=len(net.loc_ids))
    w["c_flow_l"] += np.bincount(net.r_dest, weights=flow_r, minlength=len(net.loc_ids)) \
        if R else 0.0
    w["c_seized_n"] += seized_n
    w["c_detected_n"] += detected_n
    w["c_leaks_n"] += leak_count
    w["c_flow_n"] += flow_n
    w["c_seized_r"] += seized_r_t
    w["c_detected_r"] += detected_r_t
    w["c_flow_r"] += flow_r
    freeze_objectives(net, w, turn, sc.turns)

    # hindsight optimum of the same assets on this turn's flows
    hs, he = _hindsight(net, check_state, eff, ent, intel_eff, corr_eff, exposed_r, base_p,
                        misslog, cap_r, acc, p_int)

    # 8. next turn's events
    next_turn = turn + 1
    nxt = fire_due_events(net, w, next_turn, state.seed) if next_turn <= sc.turns else []
    w["events_now"] = np.array(nxt, dtype=np.int64)

    events = net.events
    cards = [event_card(events[e]) for e in events_fired] + injects
    tables = _Tables(net, {
        "flow_r": flow_r, "seized_r": seized_r_t, "detected_r": detected_r_t,
        "seized_n": seized_n, "detected_n": detected_n, "violence": w["n_violence"],
        "corruption": w["n_corruption"], "governance": w["n_governance"],
        "intel": w["n_intel"], "spent": spent, "budget": avail_budget,
        "leaks_n": leak_count, "cohesion": w["al_cohesion"],
        "interop": w["al_interop"], "produced_t": produced,
        "shipped_t": shipped_t, "seized_t": seized_t,
        "delivered_t": delivered_t, "stock_t": w["t_stock"],
        "resources": w["t_resources"]})
    base = float(ct[TOT_BASELINE])
    report = TurnReport(
        turn=turn, produced=produced_tons, shipped=shipped_tons, seized=seized_tons,
        delivered=delivered_tons, detected=detected_tons,
        stock_start=float(stock0.sum()) * LOAD_TONS,
        stock_end=float(w["t_stock"].sum()) * LOAD_TONS,
        baseline_delivered=None,
        delivered_reduction=delivered_reduction(w) if base > 0 else None,
        hindsight_seizable=hs, hindsight_expected=he,
        events=tuple(c["id"] for c in cards),
        event_cards=tuple(cards), leaks=tuple(leaks), rejected=tuple(rejected),
        instructor=tuple(inst_log),
        objectives=objective_results(net, w), tables=tables)
    return make_state(sc, state.seed, next_turn, w), report


def nations_after(net: Net, w: dict, flow_n, shock_n, x_gov, x_int) -> None:
    """Step 7 for the nations (in `w`): governance capital, violence, corruption, governance
    and intelligence. Elementwise, so the arrays may carry a leading game axis (lockstep)."""
    F0 = net.flow_scale
    g = w["n_gov_capital"]  # invested in earlier turns: this turn's money pays from next turn
    g_eff = g / (g + GOV_HALF)
    w["n_gov_capital"] = GOV_DECAY * g + x_gov
    gov = w["n_governance"]
    v0, gov0 = net.violence0, net.governance0
    flow_ratio = np.minimum((flow_n + 1.0) / (w["n_flow0"] + 1.0), 2.0)
    target = (v0 * (1.0 - VIOLENCE_FLOW + VIOLENCE_FLOW * flow_ratio)
              + VIOLENCE_SHOCK * shock_n / (shock_n + F0 / 2)
              - VIOLENCE_CALM * (gov - gov0))
    w["n_violence"] = np.clip(w["n_violence"] + VIOLENCE_SPEED * (target - w["n_violence"]),
                              0.0, 1.0)
    w["n_corruption"] = np.clip(
        w["n_corruption"] + CORRUPTION_FLOW * flow_n / (flow_n + F0)
        - GOV_CORRUPTION * g_eff * w["n_corruption"], 0.0, 1.0)
    w["n_governance"] = np.clip(gov + GOV_GOVERNANCE * g_eff * (1.0 - gov), 0.0, 1.0)
    w["n_intel"] = np.clip(
        w["n_intel"] + INTEL_GAIN * x_int / (x_int + INTEL_HALF) * (1.0 - w["n_intel"])
        - INTEL_DECAY * w["n_intel"], 0.0, 1.0)


def _hindsight(net, state, eff, ent, intel_eff, corr_eff, exposed_r, base_p, misslog, cap_r, acc,
               p_int):
    """(best expected seizure, expected seizure of the actual placement), in tons. A load
    detected on a route is seized with the interception chance, within the route's capacity:
    expected seizure = min(loads x detection chance x INTERCEPT, capacity), where an adapted
    load (e.g. a semi-submersible at sea) counts for the share of the chance it keeps."""
    if not len(ent) or exposed_r.sum() <= 0:
        return 0.0, 0.0
    misslog0 = np.log1p(-np.minimum(p_int, 0.999))
    reach = exposed_r * INTERCEPT  # loads that would be seized if all were detected
    actual = float(np.minimum(reach * (1.0 - np.exp(misslog + misslog0)) * base_p,
                              cap_r / LOAD_TONS).sum()) * LOAD_TONS
    cols = np.flatnonzero(exposed_r > 0)  # only routes loads passed can seize anything
    counts: dict[tuple[int, int], int] = {}
    for n, _r, a, c in ent.tolist():
        counts[(n, a)] = counts.get((n, a), 0) + c
    keys = list(counts)
    gn = np.array([k[0] for k in keys], dtype=np.int64)
    ga = np.array([k[1] for k in keys], dtype=np.int64)
    mode = net.r_mode[cols]
    legal = deployable_matrix(state, net, acc)[gn][:, cols] & net.a_modes[ga][:, mode]
    d = np.clip(net.a_det[ga][:, None] * (0.5 + intel_eff[gn])[:, None]
                * eff["m_detection"][mode][None, :], 0.0, MAX_ASSET_DETECTION)
    jur = net.r_jur[cols]
    host = np.where(jur[None, :] >= 0, corr_eff[np.maximum(jur, 0)][None, :],
                    corr_eff[gn][:, None])
    ucap = (net.a_int[ga][:, None] * eff["m_interdiction"][mode][None, :]
            * (1.0 - CORRUPTION_DRAG * host) / LOAD_TONS)
    strength = net.a_int[ga] + net.a_det[ga]
    order = sorted(range(len(keys)), key=lambda g: (-float(strength[g]), g))
    best = greedy_groups(reach[cols], base_p[cols], np.log1p(-d), ucap, legal,
                         [counts[k] for k in keys], order, misslog0=misslog0[cols])
    return best * LOAD_TONS, actual


__all__ = ["SOVEREIGNTY", "resolve", "validate_instructor"]
