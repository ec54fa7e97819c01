"""Event triggers in lockstep read the same metric values as the single game."""

import numpy as np
import pytest

from game.core.lockstep import stack
from game.core.lockstep_events import lock_compare, lock_metric
from game.core.metrics import COUNTERS, compare, metric_value
from game.core.network import compiled
from tests.lockstep.recorded import recorded


def _scopes(net):
    yield ""
    for kind, ids in (("nation", net.nation_ids), ("alliance", net.alliance_ids),
                      ("trafficker", net.traf_ids), ("route", net.route_ids[:4]),
                      ("location", net.loc_ids[:4])):
        for i in ids:
            yield f"{kind}:{i}"


@pytest.mark.parametrize("name", ["caribbean", "mediterranean"])
def test_lock_metric_equals_metric_value(name):
    metrics = ["delivered_reduction", "violence", "corruption", "governance", "cohesion",
               "seizure_rate", *COUNTERS]
    for rec in recorded(name, (1, 2, 3), turns=6)[2::3]:
        states = rec.after
        net = compiled(states[0].scenario)
        lock = stack(states)
        for metric in metrics:
            for scope in _scopes(net):
                got = lock_metric(net, lock.a, metric, scope or None)
                want = [metric_value(net, s, metric, scope or None) for s in states]
                assert got.tolist() == want, (metric, scope)
                for op in ("<", "<=", ">", ">=", "==", "!="):
                    t = want[0]
                    assert lock_compare(got, op, t).tolist() == [compare(v, op, t)
                                                                 for v in want]
    assert np.isfinite(got).all()
