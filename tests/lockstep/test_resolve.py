"""resolve_lock plays every game's turn bit for bit as resolve plays it alone."""

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
