"""The lockstep Red seats give every game exactly the orders its traffickers give alone."""

import numpy as np
import pytest

from game.ai.lockstep_batch import seat_policies
from game.ai.lockstep_red import (
    EFF_FIELDS,
    _length_groups,
    _ragged_sum,
    red_orders,
    round6,
)
from game.ai.policies import RED_POLICIES
from game.core.events import FIELD_ARRAYS, effective
from game.core.lockstep import RedArrays, same_arrays, stack
from game.core.lockstep_events import lock_effective
from game.core.network import compiled
from game.core.observe import observe
from game.core.rng import LazyGenerator
from tests.engine.conftest import SCENARIO_FILES
from tests.lockstep.recorded import recorded

SEEDS = (1, 2, 3)
NAMES = [p.stem for p in SCENARIO_FILES]


def default_policies(scenario) -> list[str]:
    return seat_policies(scenario, None, None)[1]


def single_orders(states, policies) -> RedArrays:
    """What each game's traffickers order alone (as Game.ai_orders asks them)."""
    net = compiled(states[0].scenario)
    per_game = []
    for s in states:
        per_game.append({tid: RED_POLICIES[policies[t]].choose(
            observe(s, tid), LazyGenerator(s.seed, s.turn, f"ai:{tid}"))
            for t, tid in enumerate(net.traf_ids)})
    return RedArrays.from_orders(net, per_game)


def check_recorded(turns):
    sc = turns[0].states[0].scenario
    net = compiled(sc)
    policies = default_policies(sc)
    for rec in turns:
        for states, orders in ((rec.states, rec.orders), (rec.shadow_states, rec.shadow_orders)):
            lock = stack(states)
            got = red_orders(lock, policies)
            want = RedArrays.from_orders(net, [o.red for o in orders])
            assert same_arrays(got, want) == [], (rec.turn, states is rec.shadow_states)
            assert same_arrays(lock, stack(states)) == []  # the lock is only read
            eff = lock_effective(net, lock.a, lock.var, lock.turn)
            assert same_arrays(red_orders(lock, policies, eff), want) == []


@pytest.mark.parametrize("name", NAMES)
def test_red_orders_match_recorded_games(name):
    check_recorded(recorded(name, SEEDS, turns=6))


@pytest.mark.parametrize("name", NAMES)
def test_red_orders_match_recorded_games_to_the_end(name):
    check_recorded(recorded(name, SEEDS))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("seat", ["fixed", "mixed"])
def test_fixed_and_mixed_seats_match_the_single_policies(name, seat):
    turns = recorded(name, SEEDS, turns=6)
    T = len(turns[0].states[0].scenario.traffickers)
    policies = ["fixed"] * T if seat == "fixed" else \
        ["fixed" if t % 2 == 0 else "adaptive" for t in range(T)]
    for rec in turns:
        for states in (rec.states, rec.shadow_states):
            got = red_orders(stack(states), policies)
            assert same_arrays(got, single_orders(states, policies)) == [], rec.turn


def perturbed(state, rng):
    """`state` with the values the traffickers read shaken: unusable and unpriced paths,
    uneven risks, leaks, losses, money with many decimals, adaptations held."""
    net = compiled(state.scenario)
    R, P, L = len(net.route_ids), net.n_paths, len(net.loc_ids)
    T = len(net.traf_ids)
    ch = {}
    cap = state.r_capacity.copy()
    cap[rng.random(R) < 0.15] = 0.0
    ch["r_capacity"] = cap
    dormant = state.r_dormant.copy()
    dormant[rng.random(R) < 0.1] = True
    ch["r_dormant"] = dormant
    price = state.l_price.copy()
    price[rng.random(L) < 0.3] = 0.0
    ch["l_price"] = price
    ch["risk_e"] = rng.random((T, R)) * rng.integers(0, 3, (T, R))
    ch["risk_w"] = rng.random((T, R)) * 6.0
    ch["revealed"] = rng.random(R) < 0.2
    ch["last_path_flow"] = rng.integers(0, 6, P) * (rng.random(P) < 0.7)
    ch["last_path_seized"] = np.minimum(ch["last_path_flow"], rng.integers(0, 3, P))
    ch["t_resources"] = rng.random(T) * rng.choice([0.0, 5.0, 60.0, 400.0], T)
    ch["t_adapt"] = rng.random(state.t_adapt.shape) < 0.4
    ch["t_adaptiveness"] = rng.choice([0.3, 0.7, 1.0], T)
    ch["t_stock"] = rng.integers(0, 40, T)
    return state.replace_arrays(**ch)


@pytest.mark.parametrize("name", NAMES)
def test_red_orders_match_on_shaken_states(name):
    """Rare branches on purpose: ragged usable paths, default cargo values, the split's
    ties, routes opened, adaptations and bribes of odd amounts."""
    rng = np.random.default_rng(7)
    turns = recorded(name, SEEDS, turns=6)
    sc = turns[0].states[0].scenario
    T = len(sc.traffickers)
    for rec in turns[1::2]:
        states = [perturbed(s, rng) for s in rec.states for _ in range(4)]
        for policies in (default_policies(sc), ["fixed"] * T):
            got = red_orders(stack(states), policies)
            assert same_arrays(got, single_orders(states, policies)) == [], rec.turn


@pytest.mark.parametrize("name", NAMES)
def test_lock_effective_fields_are_the_single_games_effective_values(name):
    fields = sorted({a for a, _ in FIELD_ARRAYS.values()})
    for rec in recorded(name, SEEDS):
        for states in (rec.states, rec.shadow_states):
            lock = stack(states)
            net = compiled(lock.scenario)
            for fs in (EFF_FIELDS, fields):
                got = lock_effective(lock.net, lock.a, lock.var, lock.turn, fs)
                for f in fs:
                    want = np.stack([effective(net, s, s.turn)[f] for s in states])
                    assert got[f].dtype == want.dtype and np.array_equal(
                        got[f].view(np.uint8), want.view(np.uint8)), (rec.turn, f)


def test_ragged_sums_are_the_single_games_sums():
    """Rows packed to the left and summed in groups of one length give numpy's sum of each
    row's own values (a sum over the padded row would not: numpy sums pairwise)."""
    rng = np.random.default_rng(5)
    G, T, pm = 40, 3, 19
    count = rng.integers(0, pm + 1, (G, T))
    active = rng.random((G, T)) < 0.9
    x = np.where(np.arange(pm) < count[:, :, None], rng.random((G, T, pm)), 0.0)
    got = _ragged_sum(x, _length_groups(count, active))
    want = np.array([[x[g, t, : count[g, t]].sum() if active[g, t] else 0.0
                      for t in range(T)] for g in range(G)])
    assert np.array_equal(got.view(np.uint64), want.view(np.uint64))
    assert not np.array_equal(x.sum(axis=2)[active].view(np.uint64),
                              want[active].view(np.uint64))


def test_round6_is_pythons_round():
    rng = np.random.default_rng(3)
    halves = (np.arange(0, 4_000_000, 37) + 0.5) / 1e6  # decimal ties, as near as floats get
    x = np.concatenate([
        rng.random(50_000) * rng.choice([1e-6, 1.0, 100.0, 1e4, 1e8], 50_000),
        halves, np.nextafter(halves, 0), np.nextafter(halves, 1),
        np.arange(0, 1000, 0.25), [0.0, 5e-7, 1.5e-6, 2.5e-6, 2.0 ** 52 / 1e6, 1e9]])
    got = round6(x)
    want = np.array([round(v, 6) for v in x.tolist()])
    assert np.array_equal(got.view(np.uint64), want.view(np.uint64))


def test_unknown_policies_are_refused():
    rec = recorded("tutorial", SEEDS, turns=6)[0]
    lock = stack(rec.states)
    with pytest.raises(ValueError, match="not 'random'"):
        red_orders(lock, ["random"])
    with pytest.raises(ValueError, match="policies"):
        red_orders(lock, [])
