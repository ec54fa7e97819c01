"""The hindsight optimum: greedy placement against brute force on small cases."""

import numpy as np
import pytest

from game.ai.session import Game
from game.core.hindsight import brute_force_placement, greedy_total
from tests.engine.conftest import scenario


def _case(rng, R, U):
    present = rng.integers(0, 20, R).astype(float)
    base_p = rng.uniform(0.3, 1.0, R)
    units, caps, legal = [], [], []
    for _ in range(U):
        cand = np.flatnonzero(rng.random(R) < 0.7)
        d = rng.uniform(0.05, 0.4)
        c = rng.uniform(0.0, 6.0)
        units.append((cand, np.full(cand.size, np.log1p(-d))))
        caps.append(np.full(cand.size, c))
        legal.append((cand, np.log1p(-d), c))
    return present, base_p, units, caps, legal


@pytest.mark.parametrize("seed", range(25))
def test_greedy_is_close_to_brute_force(seed):
    rng = np.random.default_rng(seed)
    R, U = 4, 4
    present, base_p, units, caps, legal = _case(rng, R, U)
    greedy = greedy_total(present, base_p, units, caps, R)
    best = brute_force_placement(
        present, base_p, np.array([lm for _, lm, _ in legal]), np.array([c for _, _, c in legal]),
        [cand for cand, _, _ in legal])
    assert greedy <= best + 1e-9
    assert greedy >= (1 - 1 / np.e) * best - 1e-9


def test_greedy_matches_brute_force_on_a_hand_case():
    # two routes: 10 loads (fully visible) and 2 loads; two ships of capacity 3 loads each
    present = np.array([10.0, 2.0])
    base_p = np.array([1.0, 1.0])
    lm = np.log1p(-0.9)
    units = [(np.array([0, 1]), np.array([lm, lm]))] * 2
    caps = [np.array([3.0, 3.0])] * 2
    choices: list[int] = []
    total = greedy_total(present, base_p, units, caps, 2, choices)
    assert choices == [0, 0]  # both to the busy route: 6 loads beat 3 + 1.8
    assert total == pytest.approx(6.0)
    assert brute_force_placement(present, base_p, np.array([lm, lm]), np.array([3.0, 3.0]),
                                 [np.array([0, 1])] * 2) == pytest.approx(6.0)


def test_hindsight_reported_each_turn_and_bounds_the_expected_seizure():
    game = Game.new(scenario("caribbean"), seed=4, baseline=False)
    reports = game.play(6)
    assert all(r.hindsight_seizable > 0 for r in reports)
    ratios = [r.hindsight_ratio for r in reports]
    assert all(0.0 < x <= 1.0 for x in ratios), ratios


@pytest.mark.parametrize("name", ["caribbean", "mediterranean", "southeast_asia"])
def test_hindsight_tons_are_on_the_scale_of_real_seizures(name):
    """The expected seizure of the placement actually made counts the interception chance
    and the traffickers' adaptations, so over a game it is close to the tons really seized
    (a little under them: a load tracked from an earlier route gets another chance to be
    intercepted, which the per-route expectation leaves out). Before, it counted every
    detected load as seized and read about twice the real seizures."""
    game = Game.new(scenario(name), seed=2, baseline=False)
    reports = game.play()
    expected = sum(r.hindsight_expected for r in reports)
    seized = sum(r.seized for r in reports)
    assert 0.7 * seized <= expected <= 1.0 * seized, (expected, seized)
    # the best placement of the same assets expects more than the one made, never less
    assert sum(r.hindsight_seizable for r in reports) >= expected


@pytest.mark.parametrize("seed", range(40))
def test_grouped_greedy_equals_unit_by_unit_greedy(seed):
    from game.core.hindsight import greedy_groups

    rng = np.random.default_rng(1000 + seed)
    R, G = int(rng.integers(2, 9)), int(rng.integers(1, 4))
    present = rng.integers(0, 20, R).astype(float)
    base_p = rng.uniform(0.2, 1.0, R)
    lm = np.log1p(-rng.uniform(0.05, 0.5, (G, R)))
    ucap = rng.uniform(0.0, 5.0, (G, R))
    legal = rng.random((G, R)) < 0.7
    counts = [int(rng.integers(1, 4)) for _ in range(G)]
    m0 = np.log1p(-rng.uniform(0.0, 0.5, R))
    picks: list = []
    grouped = greedy_groups(present, base_p, lm, ucap, legal, counts, list(range(G)),
                            misslog0=m0, choices=picks)
    units, caps = [], []
    for g in range(G):
        cand = np.flatnonzero(legal[g])
        units += [(cand, lm[g, cand])] * counts[g]
        caps += [ucap[g, cand]] * counts[g]
    one_by_one: list = []
    assert grouped == pytest.approx(greedy_total(present, base_p, units, caps, R,
                                                 choices=one_by_one, misslog0=m0))
    assert [r for _, r in picks] == one_by_one
