"""The Blue AI seats in lockstep give, bit for bit, the orders the single-game policies give."""

import numpy as np
import pytest

import game.ai.policies as policies
from game.ai.lockstep_batch import seat_policies
from game.ai.lockstep_blue import (
    BLUE_FIELDS,
    blue_orders,
    blue_plan,
    observe_blur,
)
from game.ai.policies import BLUE_POLICIES
from game.ai.session import Game
from game.core.events import FIELD_ARRAYS, effective
from game.core.lockstep import BlueArrays, same_arrays, stack
from game.core.lockstep_events import lock_effective
from game.core.network import compiled
from game.core.observe import observe
from game.core.rng import LazyGenerator, turn_rng
from tests.engine.builders import two_corridors
from tests.lockstep.recorded import recorded

SEEDS = (1, 2, 3)
SCENARIOS = ["tutorial", "caribbean", "andes", "mediterranean", "southeast_asia"]


def default_policies_of(scenario) -> list[str]:
    return seat_policies(scenario, None, None)[0]


def _single(states, names) -> BlueArrays:
    """What each single game's policies order (as Game.ai_orders: the seat's own rng)."""
    net = compiled(states[0].scenario)
    orders = []
    for s in states:
        per_game = {}
        for nid, name in zip(net.nation_ids, names):
            rng = LazyGenerator(s.seed, s.turn, f"ai:{nid}")
            per_game[nid] = BLUE_POLICIES[name].choose(observe(s, nid), rng)
        orders.append(per_game)
    out = BlueArrays.from_orders(net, orders)
    assert out is not None
    return out


@pytest.mark.parametrize("name", SCENARIOS)
def test_default_seats_give_the_recorded_orders(name):
    turns = recorded(name, SEEDS)
    net = compiled(turns[0].states[0].scenario)
    names = default_policies_of(turns[0].states[0].scenario)
    for rec in turns:
        want = BlueArrays.from_orders(net, [o.blue for o in rec.orders])
        assert want is not None
        got = blue_orders(stack(rec.states), names)
        assert same_arrays(got, want) == [], (name, rec.turn)


def test_the_recorded_games_exercise_every_branch():
    """The recorded caribbean games deploy several types on one route, buy, build capacity,
    grant access, share at every level and have temporary effects running: the comparison
    above covers each of those paths."""
    turns = recorded("caribbean", SEEDS)
    net = compiled(turns[0].states[0].scenario)
    blue = [BlueArrays.from_orders(net, [o.blue for o in rec.orders]) for rec in turns]
    assert any(((b.deploy > 0).sum(axis=3) > 1).any() for b in blue)
    assert any(b.buy.any() for b in blue) and any(b.cb.any() for b in blue)
    assert any(b.grant.any() for b in blue)
    assert {0, 1, 2} <= set(np.unique(np.concatenate([b.sharing.ravel() for b in blue])))
    assert any(len(e) and (e[:, 2] >= rec.turn).any() for rec in turns
               for e in stack(rec.states).var["effects"])


@pytest.mark.parametrize("name", ["caribbean", "southeast_asia"])
def test_greedy_totals_are_those_of_greedy_groups(name, monkeypatch):
    """Every gain the placement adds up is the single code's: its total per nation equals
    greedy_groups' (which the orders alone need not show: a gain a libm exp and numpy's exp
    round apart rarely changes where a unit goes)."""
    turns = recorded(name, SEEDS)
    names = default_policies_of(turns[0].states[0].scenario)
    net = compiled(turns[0].states[0].scenario)
    got: list[float] = []
    inner = policies.greedy_groups

    def spy(*args, **kw):
        total = inner(*args, **kw)
        got.append(total)
        return total

    monkeypatch.setattr(policies, "greedy_groups", spy)
    for rec in turns:
        _arrays, expected = blue_plan(stack(rec.states), names)
        want = np.zeros(expected.shape)
        for g, s in enumerate(rec.states):
            for n, nid in enumerate(net.nation_ids):
                if names[n] == "passive":
                    continue
                got.clear()
                BLUE_POLICIES[names[n]].choose(observe(s, nid), None)
                want[g, n] = got[0] if got else 0.0
        assert expected.view(np.uint64).tolist() == want.view(np.uint64).tolist(), rec.turn


@pytest.mark.parametrize("name", ["caribbean", "andes", "tutorial"])
@pytest.mark.parametrize("policy", ["aggressive", "passive", "mixed"])
def test_other_policies_give_the_single_games_orders(name, policy):
    turns = recorded(name, SEEDS, turns=8)
    net = compiled(turns[0].states[0].scenario)
    cycle = ("aggressive", "baseline", "passive")
    names = ([cycle[n % 3] for n in range(len(net.nation_ids))] if policy == "mixed"
             else [policy] * len(net.nation_ids))
    arg = names if policy == "mixed" else policy
    for rec in turns:
        got = blue_orders(stack(rec.states), arg)
        assert same_arrays(got, _single(rec.states, names)) == [], (name, policy, rec.turn)


def _shaken(state, rng):
    """`state` with random assets (none to many), corruption, sovereignty, grants, trust,
    last turn's sharing, flows (some routes without any), reserves and purchases on order."""
    N, A = state.assets.shape
    R = state.last_route_flow.size
    flow = state.last_route_flow * rng.uniform(0.0, 3.0, R) * (rng.random(R) < 0.8)
    pipeline = np.array([(state.turn + 1, rng.integers(N), rng.integers(A), 1)
                         for _ in range(rng.integers(0, 3))], dtype=np.int64).reshape(-1, 4)
    trust = rng.uniform(0.3, 1.0, (N, N))
    np.fill_diagonal(trust, 1.0)
    return state.replace_arrays(
        assets=rng.integers(0, 6, (N, A)) * (rng.random((N, A)) < 0.4),
        n_corruption=rng.uniform(0.0, 0.7, N), n_sovereignty=rng.integers(0, 3, N),
        n_reserve=rng.uniform(-5.0, 30.0, N) * (rng.random(N) < 0.5),
        access=rng.random((N, N)) < 0.3, trust=trust, sharing=rng.integers(0, 3, (N, N)),
        last_route_flow=flow, pipeline=pipeline)


@pytest.mark.parametrize("name", SCENARIOS)
def test_shaken_states_give_the_single_games_orders(name):
    turns = recorded(name, SEEDS, turns=6)
    net = compiled(turns[0].states[0].scenario)
    rng = np.random.default_rng(11)
    cycle = ("baseline", "aggressive", "baseline", "passive")
    for rec in turns:
        states = [_shaken(s, rng) for s in rec.states for _ in range(3)]
        names = [cycle[(n + rec.turn) % 4] for n in range(len(net.nation_ids))]
        got = blue_orders(stack(states), names)
        assert same_arrays(got, _single(states, names)) == [], (name, rec.turn)


def test_policies_by_nation_name_and_the_blur_drawn_once():
    rec = recorded("caribbean", SEEDS, turns=4)[2]
    lock = stack(rec.states)
    sc = rec.states[0].scenario
    by_name = dict(zip(sc.nations, default_policies_of(sc)))
    want = blue_orders(lock, default_policies_of(sc))
    assert same_arrays(blue_orders(lock, by_name), want) == []
    assert same_arrays(blue_orders(lock, default_policies_of(sc), blur=observe_blur(lock)),
                       want) == []
    # a different blur is a different estimate of the flows, and other orders
    other = observe_blur(lock)[::-1].copy()
    assert same_arrays(blue_orders(lock, default_policies_of(sc), blur=other), want) != []


def test_effective_values_given_by_the_caller_give_the_same_orders():
    """blue_orders reads the effective values it is given (here each game's own
    `events.effective`, stacked), and they are those it makes itself."""
    turns = recorded("caribbean", SEEDS)
    names = default_policies_of(turns[0].states[0].scenario)
    for rec in turns:
        lock = stack(rec.states)
        eff = {f: np.stack([effective(lock.net, s, s.turn)[f] for s in rec.states])
               for f in BLUE_FIELDS}
        assert same_arrays(blue_orders(lock, names, eff=eff), blue_orders(lock, names)) == []


def test_the_blur_is_each_games_observe_draw():
    rec = recorded("caribbean", SEEDS, turns=4)[2]
    lock = stack(rec.states)
    N, R = len(lock.net.nation_ids), len(lock.net.route_ids)
    want = np.stack([turn_rng(s, lock.turn, "observe").standard_normal((N, R))
                     for s in lock.seeds])
    assert observe_blur(lock).tobytes() == want.tobytes()


def test_a_policy_lockstep_does_not_play_is_refused():
    lock = stack(recorded("tutorial", SEEDS, turns=2)[0].states)
    with pytest.raises(ValueError, match="not played in lockstep"):
        blue_orders(lock, "random")
    with pytest.raises(ValueError, match="2 nations"):
        blue_orders(lock, ["baseline"])


FIELDS = sorted({name for name, _kind in FIELD_ARRAYS.values()})


@pytest.mark.parametrize("name", SCENARIOS)
def test_lock_effective_is_effective_per_game(name):
    for rec in recorded(name, SEEDS):
        lock = stack(rec.states)
        got = lock_effective(lock.net, lock.a, lock.var, lock.turn, FIELDS)
        for g, s in enumerate(rec.states):
            want = effective(lock.net, s, s.turn)
            assert [f for f in FIELDS if not _same(got[f][g], want[f])] == [], rec.turn


def test_lock_effective_with_every_effect_in_any_order():
    """Every effect of the scenario's events (permanent ones too: `effective` lays whatever
    runs), several times and in a different order in each game: sets, adds and multiplies
    on the same values, clamped at their bounds."""
    rec = recorded("caribbean", SEEDS, turns=4)[3]
    lock = stack(rec.states * 10)
    net = lock.net
    every = [(e, k) for e, ev in enumerate(net.events) for k in range(len(ev.effects))]
    rng = np.random.default_rng(5)
    var = []
    for _g in range(lock.games):
        pick = rng.choice(len(every), size=int(rng.integers(0, 3 * len(every))))
        until = lock.turn + rng.integers(-2, 3, size=pick.size)
        var.append(np.array([(*every[i], u) for i, u in zip(pick, until)],
                            dtype=np.int64).reshape(-1, 3))
    lock.var["effects"] = var
    got = lock_effective(lock.net, lock.a, lock.var, lock.turn, FIELDS)
    for g in range(lock.games):
        view = {f: lock.a[f][g] for f in FIELDS}
        view["effects"] = var[g]
        want = effective(net, view, lock.turn)
        assert [f for f in FIELDS if not _same(got[f][g], want[f])] == [], g
    # and the lock's own arrays are left as they were
    assert same_arrays(lock, stack(rec.states * 10)) == ["effects"]


def _same(x, y) -> bool:
    x, y = np.asarray(x), np.asarray(y)
    if x.dtype.kind == "f":
        return x.shape == y.shape and x.view(np.uint64).tolist() == y.view(np.uint64).tolist()
    return x.dtype == y.dtype and np.array_equal(x, y)


@pytest.mark.parametrize("alliances", [None, {}])
def test_a_built_scenario_with_or_without_alliances_and_a_single_game(alliances):
    sc = two_corridors(alliances=alliances, west_jurisdiction="col")
    games = [Game.new(sc, s) for s in (1, 2)]
    for _turn in range(6):
        states = [g.state for g in games]
        for policy in ("baseline", "aggressive", "passive"):
            want = _single(states, [policy] * len(sc.nations))
            assert same_arrays(blue_orders(stack(states), policy), want) == []
        one = _single(states[:1], ["baseline"] * len(sc.nations))
        assert same_arrays(blue_orders(stack(states[:1])), one) == []
        for g in games:
            g.end_turn()
