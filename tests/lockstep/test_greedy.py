"""The lockstep greedy placement gives each game exactly greedy_groups' placement and total."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.hindsight import greedy_groups
from game.core.lockstep_greedy import greedy_lock
from tests.engine.conftest import examples


@settings(max_examples=examples(40, 400), deadline=None)
@given(seed=st.integers(0, 2**32 - 1), G=st.integers(1, 12), R=st.integers(1, 40),
       K=st.integers(1, 6), most=st.integers(1, 12), ties=st.booleans())
def test_greedy_lock_is_greedy_groups_per_game(seed, G, R, K, most, ties):
    rng = np.random.default_rng(seed)
    present = rng.uniform(0, 30, (G, R)) * (rng.random((G, R)) < 0.8)
    base_p = rng.uniform(0.2, 1.0, (G, R))
    misslog0 = np.log1p(-rng.uniform(0, 0.6, (G, R)))
    d = rng.uniform(0.01, 0.95, (G, K, R))
    if ties:  # equal values across routes and groups: the first route must win
        present = np.round(present / 5) * 5
        d = np.round(d, 1)
    lm = np.log1p(-d)
    ucap = rng.uniform(0, 8, (G, K, R)) * (rng.random((G, K, R)) < 0.9)
    legal = rng.random((G, K, R)) < 0.7
    counts = rng.integers(0, most + 1, (G, K))
    orders = [rng.permutation(K) for _ in range(G)]
    S = int(counts.sum(axis=1).max()) if counts.size else 0
    units = np.full((G, max(S, 1)), -1, dtype=np.int64)
    for g in range(G):
        seq = [k for k in orders[g] for _ in range(counts[g, k])]
        units[g, :len(seq)] = seq
    total, picks = greedy_lock(present, base_p, misslog0, lm, ucap, legal, units)
    for g in range(G):
        choices: list = []
        want = greedy_groups(present[g], base_p[g], lm[g], ucap[g], legal[g],
                             counts[g].tolist(), orders[g].tolist(), misslog0=misslog0[g],
                             choices=choices)
        assert total[g] == want
        assert [j for _, j in choices] == picks[g, :len(choices)].tolist()
