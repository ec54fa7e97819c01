"""AI policies: objects with `choose(observation, rng) -> orders`.

Blue (one nation): `baseline` (sensible), `passive` (does nothing: the no-action baseline),
`aggressive` (everything into operations, shares fully). Red (one trafficker): `adaptive`
(NarcoLogic-style: expected cost with a risk premium, learns at its adaptiveness, reacts to
leaks, opens dormant routes when losses pass its tolerance, bribes, adapts) and `fixed`
(splits by transport cost once and never reroutes). Policies see only their observation.
"""

from __future__ import annotations

import math

import numpy as np

from game.core.hindsight import greedy_groups
from game.core.model import frozen_map
from game.core.network import LOAD_TONS
from game.core.numbers import sum_in_order
from game.core.observe import Observation, turn_memo
from game.core.orders import BlueOrders, Funding, RedOrders
from game.core.resolve import CORRUPTION_DRAG, MAX_ASSET_DETECTION, base_detection
from game.core.state import ADAPT_COST, ADAPT_MULT, ADAPTATION_IDS
from game.core.traffic import (
    LEAK_RISK,
    allocate,
    cargo_value,
    path_costs,
    path_transport_cost,
)


class PassiveBlue:
    name = "passive"

    def choose(self, obs: Observation, rng: np.random.Generator) -> BlueOrders:
        return BlueOrders(nation=obs.side)


class BaselineBlue:
    """Deploy where the estimated flow is, share with partners that look clean, invest a
    little in governance and intelligence, help corrupt partners, buy when assets run out."""
    name = "baseline"
    ops_share = 0.6
    governance_share = 0.12
    intel_share = 0.08
    capacity_share = 0.08
    share_full_below = 0.2  # partner corruption
    share_partial_below = 0.35
    share_full_trust = 0.5  # ... and at least this much trust in the partner
    share_partial_trust = 0.4
    needy_from = 0.4  # partners this corrupt get capacity building
    rationale = "baseline policy"

    def sharing(self, obs: Observation) -> dict:
        out = {}
        corr = obs.public["corruption"]
        trusts = obs.trust.tolist()
        for p in obs.partners:
            trust = trusts[obs.net.nidx[p]]
            if corr[p] < self.share_full_below and trust >= self.share_full_trust:
                out[p] = "full"
            elif corr[p] < self.share_partial_below and trust >= self.share_partial_trust:
                out[p] = "partial"
            else:
                out[p] = "none"
        return out

    def choose(self, obs: Observation, rng: np.random.Generator) -> BlueOrders:
        budget = obs.budget
        ops_cap = budget * self.ops_share
        deploy, upkeep = plan_deployment(obs, ops_cap)
        gov = budget * self.governance_share
        intel = budget * self.intel_share
        cb = {}
        corr = obs.public["corruption"]
        needy = [p for p in obs.partners if corr[p] >= self.needy_from]
        if needy and budget > 0:
            each = budget * self.capacity_share / len(needy)
            cb = {p: each for p in needy}
        left = budget - upkeep - gov - intel - sum_in_order(cb.values())
        buy = {}
        proc = 0.0
        idle = obs.assets.sum() - sum(sum(a.values()) for a in deploy.values())
        if idle == 0 and left > 0 and not obs.pipeline:
            best = _best_buy(obs, left)
            if best is not None:
                buy = {best: 1}
                proc = float(obs.net.a_cost[obs.net.aidx[best]])
        grant = tuple(obs.joint_partners) if obs.sovereignty == "consent" else None
        return BlueOrders(
            nation=obs.side,
            funding=Funding(operations=upkeep, procurement=proc, intelligence=intel,
                            governance=gov, capacity_building=frozen_map(cb)),
            sharing=frozen_map(self.sharing(obs)),
            deploy=frozen_map({r: frozen_map(a) for r, a in deploy.items()}),
            grant_access=grant, buy=frozen_map(buy),
            rationale=self.rationale)


class AggressiveBlue(BaselineBlue):
    """All-in on operations and sharing; nothing for governance."""
    name = "aggressive"
    ops_share = 1.0
    governance_share = 0.0
    intel_share = 0.0
    capacity_share = 0.0
    rationale = "aggressive policy"

    def sharing(self, obs: Observation) -> dict:
        return {p: "full" for p in obs.partners}


def _best_buy(obs: Observation, money: float) -> str | None:
    net = obs.net
    costs, score_of = _asset_terms(obs)
    best, score = None, 0.0
    for i, a in enumerate(net.asset_ids):
        c = costs[i]
        if c <= 0 or c > money or not obs.deployable[:, i].any():
            continue
        s = score_of[i]
        if s > score:
            best, score = a, s
    return best


def _asset_terms(obs: Observation) -> tuple[list[float], list[float]]:
    """Per asset type: its price, and its value for money (interdiction + 2 x detection per
    price plus four turns of upkeep)."""
    def terms():
        net = obs.net
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # free: never bought
            score = (net.a_int + 2.0 * net.a_det) / (net.a_cost + 4 * net.a_upkeep)
        return net.a_cost.tolist(), score.tolist()
    return turn_memo(obs, "blue_asset_terms", terms)


def _deploy_terms(obs: Observation) -> dict:
    """The parts of plan_deployment that are the same for every nation this turn, over all
    routes and asset types (each nation then picks its routes and types out of them)."""
    def terms():
        net, eff = obs.net, obs.effective
        mode = net.r_mode
        jur = net.r_jur
        corr = obs.corruption
        # N x R: corruption of whoever hosts an operation of nation n on route r (n itself on
        # routes outside any jurisdiction)
        host = np.where(jur[None, :] >= 0, corr[np.maximum(jur, 0)][None, :], corr[:, None])
        strength = (net.a_int + net.a_det).tolist()
        out = {
            "base_p": base_detection(net, eff),
            "m_detection": eff["m_detection"][mode],
            "m_interdiction": eff["m_interdiction"][mode],
            "drag": 1.0 - CORRUPTION_DRAG * host,  # N x R: the host's corruption drag
            # a detect-only asset is worth a little capacity: give it a token value
            "token": np.where(net.a_int == 0, 0.25, 0.0),
            # asset types strongest first (ties: scenario order)
            "by_strength": sorted(range(len(strength)), key=lambda a: (-strength[a], a)),
            "upkeep": net.upkeep_list,
        }
        for v in out.values():  # shared by every nation's decision this turn
            if isinstance(v, np.ndarray):
                v.setflags(write=False)
        return out
    return turn_memo(obs, "blue_deploy_terms", terms)


def plan_deployment(obs: Observation, ops_cap: float) -> tuple[dict, float]:
    """Greedy placement of owned assets on the routes with the most estimated flow."""
    net = obs.net
    R = len(net.route_ids)
    types = (obs.assets > 0).nonzero()[0]  # the asset types it owns
    if not R or not types.size:
        return {}, 0.0
    # the routes it expects flow on and may send one of its asset types to (no unit could go
    # anywhere else)
    reach = obs.deployable[:, types]  # R x G: where each owned type may go
    cols = ((obs.est_flow > 0) & reach.any(axis=1)).nonzero()[0]
    if not cols.size:
        return {}, 0.0
    terms = _deploy_terms(obs)
    present = obs.est_flow[cols] / LOAD_TONS
    n = net.nidx[obs.side]
    legal = reach[cols].T
    d = np.clip((net.a_det[types] * (0.5 + obs.intel))[:, None] * terms["m_detection"][cols],
                0.0, MAX_ASSET_DETECTION)
    # loads one unit of each owned type could seize on each of those routes (computed for
    # this nation's routes only: the whole N x A x R table is large on big networks)
    ucap = (net.a_int[types][:, None] * terms["m_interdiction"][cols][None, :]
            * terms["drag"][n, cols][None, :] / LOAD_TONS) + terms["token"][types][:, None]
    type_list = types.tolist()
    group = {a: g for g, a in enumerate(type_list)}
    order = [group[a] for a in terms["by_strength"] if a in group]
    choices: list[tuple[int, int]] = []
    greedy_groups(present, terms["base_p"][cols], np.log1p(-d), ucap, legal,
                  obs.assets[types].tolist(), order, choices=choices)
    deploy: dict[str, dict[str, int]] = {}
    upkeep = 0.0
    upkeep_of = terms["upkeep"]
    col_list = cols.tolist()
    for g, j in choices:
        if j < 0:
            continue
        a = type_list[g]
        u = upkeep_of[a]
        if upkeep + u > ops_cap + 1e-9:
            continue
        upkeep += u
        rid, aid = net.route_ids[col_list[j]], net.asset_ids[a]
        deploy.setdefault(rid, {})
        deploy[rid][aid] = deploy[rid].get(aid, 0) + 1
    return deploy, upkeep


def _path_terms(obs: Observation) -> tuple[np.ndarray, np.ndarray]:
    """Per path this turn: transport cost and cargo value per ton (the same for every
    trafficker; the risk premium is each trafficker's own)."""
    def terms():
        transport = path_transport_cost(obs.net, obs.effective)
        cargo = cargo_value(obs.net, obs.effective)
        transport.setflags(write=False)  # shared by the traffickers' decisions this turn
        cargo.setflags(write=False)
        return transport, cargo
    return turn_memo(obs, "red_path_terms", terms)


class FixedRed:
    """Splits its product among paths by transport cost alone, every turn; never reroutes."""
    name = "fixed"

    def choose(self, obs: Observation, rng: np.random.Generator) -> RedOrders:
        net = obs.net
        t = net.tidx[obs.side]
        transport, cargo = _path_terms(obs)  # without risk a path costs its transport alone
        loads = round(obs.available / LOAD_TONS)
        flows = allocate(net, obs.effective, t, loads, transport, obs.usable, cargo=cargo)
        return RedOrders(trafficker=obs.side,
                         flows=frozen_map({net.p_keys[p]: f * LOAD_TONS for p, f in flows.items()}),
                         react_to_leaks=False, rationale="fixed policy")


class AdaptiveRed:
    """Expected cost = transport + value x (risk + risk^2); learns at its adaptiveness."""
    name = "adaptive"
    bribe_share = 0.25

    def choose(self, obs: Observation, rng: np.random.Generator) -> RedOrders:
        net = obs.net
        eff = obs.effective
        t = net.tidx[obs.side]
        tr = obs.scenario.traffickers[obs.side]
        risk = np.where(obs.revealed, np.maximum(obs.risk, LEAK_RISK), obs.risk)
        full = np.zeros((len(net.traf_ids), len(net.route_ids)))
        full[t] = risk
        transport, cargo = _path_terms(obs)
        costs = path_costs(net, eff, full, transport=transport, cargo=cargo)
        loads = round(obs.available / LOAD_TONS)
        rate = float(eff["t_adaptiveness"][t])
        idx = obs.paths
        prev = obs.last_path_flow
        shipped = float(prev[idx].sum())
        flows = allocate(net, eff, t, loads, costs, obs.usable,
                         previous=prev if shipped > 0 else None, rate=rate, cargo=cargo)
        # losses above tolerance: open the cheapest dormant path's routes
        lost = float(obs.last_path_seized[idx].sum())
        open_routes: tuple[str, ...] = ()
        if shipped > 0 and lost / shipped > tr.loss_tolerance:
            dormant = eff["r_dormant"]
            closed = idx[~obs.usable[idx]]
            if closed.size:
                p = closed[np.argmin(costs[closed])]
                rs = net.p_routes[p, : net.p_len[p]]
                open_routes = tuple(net.route_ids[r] for r in rs if dormant[r])
        bribes: dict[str, float] = {}
        adaptations: tuple[str, ...] = ()
        money = obs.resources
        if money > 0 and lost > 0:
            seized_routes = net.p_routes[idx[obs.last_path_seized[idx] > 0]]
            rs = seized_routes[seized_routes >= 0]
            hosts = net.r_jur[rs]
            hosts = hosts[hosts >= 0]
            modes = np.bincount(net.r_mode[rs], minlength=3)
            # adapt against the mode where most seizures happened
            for k in np.argsort(ADAPT_MULT[:, int(np.argmax(modes))], kind="stable"):
                a = ADAPTATION_IDS[k]
                if a not in obs.adaptations and money >= 2 * ADAPT_COST[k] \
                        and ADAPT_MULT[k, int(np.argmax(modes))] < 1.0:
                    adaptations = (a,)
                    money -= float(ADAPT_COST[k])
                    break
            if hosts.size and money > 0:
                target = net.nation_ids[int(np.bincount(hosts).argmax())]
                bribes[target] = round(money * self.bribe_share, 6)
        return RedOrders(
            trafficker=obs.side,
            flows=frozen_map({net.p_keys[p]: f * LOAD_TONS for p, f in flows.items()}),
            bribes=frozen_map(bribes), adaptations=adaptations, open_routes=open_routes,
            react_to_leaks=True, rationale="adaptive policy")


BLUE_POLICIES = {"baseline": BaselineBlue(), "passive": PassiveBlue(),
                 "aggressive": AggressiveBlue()}
RED_POLICIES = {"adaptive": AdaptiveRed(), "fixed": FixedRed()}


class RandomBlue:
    """Random legal orders (for tests and monkey play): a random funding split, sharing,
    grants, purchases and deployments, all drawn from the rng."""
    name = "random"

    def choose(self, obs: Observation, rng: np.random.Generator) -> BlueOrders:
        net = obs.net
        budget = obs.budget
        parts = rng.dirichlet(np.ones(6)) * budget * float(rng.random())
        deploy: dict[str, dict[str, int]] = {}
        upkeep = 0.0
        for a in range(len(net.asset_ids)):
            cand = np.flatnonzero(obs.deployable[:, a])
            for _ in range(int(obs.assets[a])):
                if not cand.size or rng.random() < 0.3:
                    continue
                u = float(net.a_upkeep[a])
                if upkeep + u > parts[0] + 1e-9:
                    continue
                r = net.route_ids[int(rng.choice(cand))]
                upkeep += u
                deploy.setdefault(r, {})
                aid = net.asset_ids[a]
                deploy[r][aid] = deploy[r].get(aid, 0) + 1
        buy = {}
        proc = 0.0
        affordable = [i for i in range(len(net.asset_ids)) if net.a_cost[i] <= parts[1]]
        if affordable and rng.random() < 0.5:
            i = int(rng.choice(affordable))
            buy = {net.asset_ids[i]: 1}
            proc = float(net.a_cost[i])
        others = [x for x in net.nation_ids if x != obs.side]
        levels = ("none", "partial", "full")
        sharing = {p: levels[int(rng.integers(3))] for p in others if rng.random() < 0.5}
        cb = {}
        if others and rng.random() < 0.5:
            cb = {others[int(rng.integers(len(others)))]: float(parts[4])}
        fund = {"*": float(parts[5])} if obs.partners and rng.random() < 0.5 else {}
        grant = tuple(x for x in others if rng.random() < 0.5) if rng.random() < 0.7 else None
        return BlueOrders(
            nation=obs.side,
            funding=Funding(operations=upkeep, procurement=proc, intelligence=float(parts[2]),
                            governance=float(parts[3]), capacity_building=frozen_map(cb),
                            alliance_fund=frozen_map(fund)),
            sharing=frozen_map(sharing),
            deploy=frozen_map({r: frozen_map(a) for r, a in deploy.items()}),
            grant_access=grant, buy=frozen_map(buy), rationale="random")


class RandomRed:
    """Random legal trafficker orders: a random split of part of the stock, bribes,
    sometimes an adaptation or a route opening."""
    name = "random"

    def choose(self, obs: Observation, rng: np.random.Generator) -> RedOrders:
        net = obs.net
        idx = obs.paths[obs.usable[obs.paths]]
        loads = math.floor(obs.available / LOAD_TONS * float(rng.random()))
        flows: dict[str, float] = {}
        if idx.size and loads:
            split = rng.multinomial(loads, rng.dirichlet(np.ones(idx.size)))
            flows = {net.p_keys[p]: int(f) * LOAD_TONS for p, f in zip(idx, split) if f}
        money = obs.resources * float(rng.random())
        bribes = {}
        if money > 0 and len(net.nation_ids) and rng.random() < 0.5:
            bribes = {net.nation_ids[int(rng.integers(len(net.nation_ids)))]: round(money, 6)}
            money = 0.0
        adaptations: tuple[str, ...] = ()
        left = obs.resources - sum_in_order(bribes.values())
        for k in rng.permutation(len(ADAPTATION_IDS)):
            a = ADAPTATION_IDS[int(k)]
            if a not in obs.adaptations and ADAPT_COST[int(k)] <= left and rng.random() < 0.3:
                adaptations = (a,)
                break
        dormant = np.flatnonzero(obs.effective["r_dormant"])
        opens = (net.route_ids[int(rng.choice(dormant))],) if dormant.size and rng.random() < 0.2 else ()
        return RedOrders(trafficker=obs.side, flows=frozen_map(flows), bribes=frozen_map(bribes),
                         adaptations=adaptations, open_routes=opens,
                         react_to_leaks=bool(rng.random() < 0.5), rationale="random")


BLUE_POLICIES["random"] = RandomBlue()
RED_POLICIES["random"] = RandomRed()
