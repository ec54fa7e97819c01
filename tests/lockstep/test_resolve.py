"""resolve_lock plays every game's turn bit for bit as resolve plays it alone."""

import numpy as np
import pytest

from game.core.lockstep import BlueArrays, RedArrays, same_arrays, stack
from game.core.lockstep_resolve import resolve_lock
from game.core.network import compiled
from game.core.rng import turn_rng
from game.core.state import TOT_BASELINE, TOT_DELIVERED
from tests.lockstep.recorded import recorded

SEEDS = (1, 2, 3, 4)


def _real_inputs(rec):
    """The states the real game's resolve starts from: the shadow's delivered tons so far are
    written into the baseline counter first (Game._apply)."""
    out = []
    for s, sh in zip(rec.states, rec.shadow_after):
        ct = s.c_tot.copy()
        ct[TOT_BASELINE] = float(sh.c_tot[TOT_DELIVERED])
        out.append(s.replace_arrays(c_tot=ct))
    return out


def _check_turn(rec, shadow: bool):
    states = rec.shadow_states if shadow else _real_inputs(rec)
    orders = rec.shadow_orders if shadow else rec.orders
    after = rec.shadow_after if shadow else rec.after
    net = compiled(states[0].scenario)
    lock = stack(states)
    blue = BlueArrays.from_orders(net, [o.blue for o in orders])
    red = RedArrays.from_orders(net, [o.red for o in orders])
    gens = [turn_rng(s.seed, s.turn, "resolve") for s in states]
    nxt, rep = resolve_lock(lock, blue, red, gens)
    assert same_arrays(nxt, stack(after)) == [], f"turn {rec.turn} shadow={shadow}"
    if not shadow:
        for g, r in enumerate(rec.reports):
            got = (rep.produced[g], rep.shipped[g], rep.seized[g], rep.delivered[g],
                   rep.detected[g], rep.hindsight_seizable[g], rep.hindsight_expected[g],
                   int(rep.leaks[g]))
            want = (r.produced, r.shipped, r.seized, r.delivered, r.detected,
                    r.hindsight_seizable, r.hindsight_expected, len(r.leaks))
            assert got == want, f"turn {rec.turn} game {g}"
            for t, tid in enumerate(net.traf_ids):
                assert rep.shipped_t[g, t] == r.by_trafficker[tid]["shipped"]
                assert rep.delivered_t[g, t] == r.by_trafficker[tid]["delivered"]
    return rep


@pytest.mark.parametrize("name", ["tutorial", "caribbean", "andes", "mediterranean",
                                  "southeast_asia"])
def test_resolve_lock_matches_resolve(name):
    turns = recorded(name, SEEDS, turns=None if name in ("tutorial", "caribbean") else 8)
    seized = 0.0
    for rec in turns:
        assert all(not r.rejected for r in rec.reports)
        rep = _check_turn(rec, shadow=False)
        _check_turn(rec, shadow=True)
        seized += float(rep.seized.sum())
    assert seized > 0  # the games seized something: the comparison covered interdiction


def _shaken(s, rng):
    """A recorded state with many values changed at random: high corruption (leaks and
    reactions to them), closed and zero-capacity routes, large stocks, adaptations, joint
    operations and interoperability, other assets, grants, trust and sharing."""
    net = compiled(s.scenario)
    N, A = s.assets.shape
    R, T, P = len(net.route_ids), len(net.traf_ids), net.n_paths
    trust = rng.uniform(0.3, 1.0, (N, N))
    np.fill_diagonal(trust, 1.0)
    cap = s.r_capacity.copy()
    cap[rng.random(R) < 0.1] = 0.0
    cap *= rng.choice([1.0, 0.2, 5.0], R)
    return s.replace_arrays(
        assets=rng.integers(0, 8, (N, A)) * (rng.random((N, A)) < 0.6),
        n_corruption=rng.uniform(0.0, 0.95, N), n_sovereignty=rng.integers(0, 3, N),
        access=rng.random((N, N)) < 0.4, trust=trust, sharing=rng.integers(0, 3, (N, N)),
        n_intel=rng.uniform(0, 1, N), r_capacity=cap,
        t_stock=s.t_stock + rng.integers(0, 400, T) * (rng.random(T) < 0.5),
        risk_e=rng.random((T, R)) * rng.integers(0, 3, (T, R)), risk_w=rng.random((T, R)) * 6,
        revealed=rng.random(R) < 0.2, t_adapt=rng.random(s.t_adapt.shape) < 0.3,
        t_resources=rng.random(T) * rng.choice([0.0, 50.0, 400.0], T),
        last_path_seized=np.minimum(s.last_path_flow, rng.integers(0, 3, P)),
        al_interop=rng.uniform(0, 1, s.al_interop.shape),
        al_joint=rng.random(s.al_joint.shape) < 0.7)


@pytest.mark.parametrize("name", ["caribbean", "mediterranean", "southeast_asia"])
def test_resolve_lock_matches_resolve_on_shaken_states(name):
    """Mixed policies per game on states no game reached; the AI's orders stay legal."""
    from game.ai.policies import BLUE_POLICIES, RED_POLICIES
    from game.core.lockstep_events import lock_effective
    from game.core.model import frozen_map
    from game.core.observe import observe
    from game.core.orders import TurnOrders
    from game.core.resolve import resolve
    from game.core.rng import LazyGenerator

    rng = np.random.default_rng(7)
    leaks = 0
    for rec in recorded(name, (1, 2, 3), turns=8)[1::3]:
        states = [_shaken(s, rng) for s in rec.states for _ in range(2)]
        net = compiled(states[0].scenario)
        orders = []
        for s in states:
            blue = {n: BLUE_POLICIES[rng.choice(["baseline", "aggressive", "passive"])].choose(
                observe(s, n), LazyGenerator(s.seed, s.turn, f"ai:{n}")) for n in net.nation_ids}
            red = {t: RED_POLICIES[rng.choice(["adaptive", "fixed"])].choose(observe(s, t), None)
                   for t in net.traf_ids}
            orders.append(TurnOrders(turn=s.turn, blue=frozen_map(blue), red=frozen_map(red)))
        alone = [resolve(s, o, turn_rng(s.seed, s.turn, "resolve")) for s, o in zip(states, orders)]
        assert not any(rep.rejected for _, rep in alone)
        lock = stack(states)
        eff = lock_effective(net, lock.a, lock.var, lock.turn)
        got, rep = resolve_lock(lock, BlueArrays.from_orders(net, [o.blue for o in orders]),
                                RedArrays.from_orders(net, [o.red for o in orders]),
                                [turn_rng(s.seed, s.turn, "resolve") for s in states], {}, eff)
        assert same_arrays(got, stack([nxt for nxt, _ in alone])) == [], rec.turn
        assert rep.hindsight_seizable.tolist() == [r.hindsight_seizable for _, r in alone]
        assert rep.hindsight_expected.tolist() == [r.hindsight_expected for _, r in alone]
        leaks += sum(len(r.leaks) for _, r in alone)
    assert leaks > 0  # the shaken states leaked: the leak branches ran
