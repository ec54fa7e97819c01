"""The list-based greedy placement and load split give exactly what their earlier numpy forms
gave (same floats, same tie-breaking): seeded games must not change when they get faster."""

from __future__ import annotations

import math

import numpy as np

from game.core.events import effective
from game.core.hindsight import greedy_groups
from game.core.network import compiled
from game.core.traffic import allocate, cargo_value, path_costs, path_transport_cost, split_loads
from game.headless import new_game
from game.scenario import SCENARIOS_DIR, load_scenario


def _greedy_groups_numpy(present, base_p, lm, ucap, legal, counts, order, misslog0=None):
    """The earlier implementation: a numpy row per group, argmax per unit."""
    G, R = lm.shape
    misslog = np.zeros(R) if misslog0 is None else misslog0.astype(np.float64).copy()
    new = np.minimum(present * (1.0 - np.exp(misslog + lm)) * base_p, ucap)
    gains = np.where(legal, new, -np.inf)
    ml, cap, cur = misslog.tolist(), [0.0] * R, [0.0] * R
    pres, bp = present.tolist(), base_p.tolist()
    stamp, placed, total, choices = [0] * G, [], 0.0, []
    for g in order:
        row = gains[g]
        for k in range(counts[g]):
            if stamp[g] < len(placed):
                for r in set(placed[stamp[g]:]):
                    if legal[g, r]:
                        v = min(pres[r] * (1.0 - math.exp(ml[r] + lm[g, r])) * bp[r],
                                cap[r] + ucap[g, r])
                        row[r] = v - cur[r]
                stamp[g] = len(placed)
            j = int(row.argmax())
            gain = float(row[j])
            if not gain > 0:
                choices.extend([(g, -1)] * (counts[g] - k))
                break
            ml[j] += float(lm[g, j])
            cap[j] += float(ucap[g, j])
            cur[j] += gain
            total += gain
            placed.append(j)
            choices.append((g, j))
    return total, choices


def test_greedy_groups_matches_the_numpy_form():
    rng = np.random.default_rng(7)
    for case in range(400):
        # theatres' few routes (rows kept as lists) and, for the last cases, large networks
        # (rows kept as numpy arrays)
        G = int(rng.integers(1, 5))
        R = int(rng.integers(1, 12)) if case < 360 else int(rng.integers(129, 400))
        # coarse values make ties common
        present = rng.integers(0, 4, R) * 1.5
        base_p = rng.choice([0.0, 0.25, 0.5, 1.0], R)
        d = rng.choice([0.0, 0.3, 0.6, 0.9], (G, R))
        lm = np.log1p(-d)
        ucap = rng.choice([0.25, 1.0, 2.0], (G, R))
        legal = rng.random((G, R)) < 0.7
        counts = rng.integers(0, 5 if R < 12 else 40, G).tolist()
        order = rng.permutation(G).tolist()
        misslog0 = np.log1p(-rng.random(R) * 0.5) if case % 2 else None
        want_total, want_choices = _greedy_groups_numpy(present, base_p, lm, ucap, legal,
                                                        counts, order, misslog0)
        choices: list = []
        total = greedy_groups(present, base_p, lm, ucap, legal, counts, order,
                              misslog0=misslog0, choices=choices)
        assert choices == want_choices
        assert total == want_total  # bit for bit


def _split_loads_numpy(total, weights):
    out = np.zeros(len(weights), dtype=np.int64)
    s = float(weights.sum())
    if total <= 0 or s <= 0 or len(weights) == 0:
        return out
    x = weights / s * total
    out = np.floor(x).astype(np.int64)
    rest = int(total - out.sum())
    if rest > 0:
        order = np.argsort(-(x - out), kind="stable")[:rest]
        out[order] += 1
    return out


def test_split_loads_matches_the_numpy_form():
    rng = np.random.default_rng(3)
    for _ in range(2000):
        n = int(rng.integers(0, 10))
        w = rng.choice([0.0, 0.1, 0.2, 1.0 / 3.0, 0.5, 1.0], n) if rng.random() < 0.5 \
            else rng.random(n)
        total = int(rng.integers(0, 40))
        got, want = split_loads(total, w), _split_loads_numpy(total, w)
        assert got.dtype == want.dtype
        assert got.tolist() == want.tolist()


def test_path_costs_and_allocate_with_known_terms():
    """The AI passes a turn's transport costs and cargo values in; the results are the same."""
    g = new_game(load_scenario(SCENARIOS_DIR / "caribbean.yaml"), 5, None, None, {}, False)
    g.play(3)
    state = g.state
    net = compiled(state.scenario)
    eff = effective(net, state, state.turn)
    risk = np.random.default_rng(1).random((len(net.traf_ids), len(net.route_ids))) * 0.3
    transport, cargo = path_transport_cost(net, eff), cargo_value(net, eff)
    plain = path_costs(net, eff, risk)
    assert path_costs(net, eff, risk, transport=transport, cargo=cargo).tolist() == plain.tolist()
    usable = np.ones(net.n_paths, dtype=bool)
    for t in range(len(net.traf_ids)):
        assert allocate(net, eff, t, 17, plain, usable, cargo=cargo) == \
            allocate(net, eff, t, 17, plain, usable)
