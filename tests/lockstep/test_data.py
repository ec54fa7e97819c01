"""The lockstep data: stacked states and orders as arrays round-trip the single-game forms."""

import numpy as np
import pytest

from game.core.lockstep import BlueArrays, RedArrays, same_arrays, stack, unstack
from game.core.network import LOAD_TONS, compiled
from game.core.state import ARRAY_FIELDS, state_to_data
from tests.lockstep.recorded import recorded

SEEDS = (1, 2, 3)


@pytest.mark.parametrize("name", ["tutorial", "caribbean"])
def test_stack_unstack_round_trip(name):
    turns = recorded(name, SEEDS, turns=4)
    for rec in turns:
        lock = stack(rec.states)
        assert lock.games == 3 and lock.turn == rec.turn
        back = unstack(lock)
        for s, b in zip(rec.states, back):
            assert state_to_data(s) == state_to_data(b)
        assert same_arrays(lock, stack(back)) == []


def test_stack_refuses_games_at_different_turns():
    turns = recorded("tutorial", SEEDS, turns=4)
    with pytest.raises(ValueError, match="share the scenario and the turn"):
        stack([turns[0].states[0], turns[1].states[0]])


def test_same_arrays_names_the_field_that_differs():
    rec = recorded("tutorial", SEEDS, turns=4)[1]
    lock, other = stack(rec.states), stack(rec.states)
    other.a["n_budget"] = other.a["n_budget"].copy()
    other.a["n_budget"][1, 0] = np.nextafter(other.a["n_budget"][1, 0], np.inf)
    assert same_arrays(lock, other) == ["n_budget"]
    assert "n_budget" in ARRAY_FIELDS


def test_orders_as_arrays_keep_every_number():
    rec = recorded("caribbean", SEEDS, turns=4)[2]
    net = compiled(rec.states[0].scenario)
    blue = BlueArrays.from_orders(net, [o.blue for o in rec.orders])
    red = RedArrays.from_orders(net, [o.red for o in rec.orders])
    assert blue is not None
    for g, o in enumerate(rec.orders):
        for nid, bo in o.blue.items():
            n = net.nidx[nid]
            placed = {(net.route_ids[r], net.asset_ids[a]): int(blue.deploy[g, n, r, a])
                      for r, a in zip(*np.nonzero(blue.deploy[g, n]))}
            assert placed == {(r, a): c for r, d in bo.deploy.items() for a, c in d.items() if c}
            ranks = sorted(blue.deploy_rank[g, n][blue.deploy[g, n] > 0].tolist())
            assert ranks == list(range(len(placed)))
            assert blue.governance[g, n] == bo.funding.governance
        for tid, ro in o.red.items():
            t = net.tidx[tid]
            loads = {net.p_keys[p]: int(red.flow[g, p]) for p in net.traf_paths[t]
                     if red.flow[g, p]}
            assert loads == {k: round(v / LOAD_TONS) for k, v in ro.flows.items() if v}
    assert blue.deploy.sum() > 0 and red.flow.sum() > 0


@pytest.mark.parametrize("name", ["tutorial", "caribbean", "andes", "mediterranean",
                                  "southeast_asia"])
def test_initial_lock_is_the_stacked_initial_states(name):
    from game.ai.lockstep_batch import initial_lock
    from game.core.state import initial_state
    from tests.engine.conftest import scenario

    sc = scenario(name)
    seeds = list(range(1, 41))
    assert same_arrays(initial_lock(sc, seeds), stack([initial_state(sc, s) for s in seeds])) == []
