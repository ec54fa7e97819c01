"""`batch` gives the same figures whether its games are played in lockstep or one by one."""

import math

import pytest

from game.headless import run_batch
from tests.engine.conftest import ROOT


def _same(a, b) -> bool:
    """Equal summaries, NaN equal to NaN (an objective with no value)."""
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return a == b and type(a) is type(b)


@pytest.mark.parametrize("name,turns,seeds", [
    ("caribbean", None, range(1, 7)),
    ("tutorial", None, range(10, 16)),
    ("andes", 10, range(1, 5)),
    ("mediterranean", 10, range(1, 5)),
    ("southeast_asia", 10, range(1, 5)),
])
def test_lockstep_batch_equals_one_by_one(name, turns, seeds):
    path = str(ROOT / "scenarios" / f"{name}.yaml")
    seeds = list(seeds)
    alone = run_batch(path, seeds, turns=turns, jobs=1, lockstep=False)
    together = run_batch(path, seeds, turns=turns, jobs=1, lockstep=True)
    assert len(together) == len(seeds)
    for a, b in zip(alone, together):
        assert _same(a, b), (a["seed"], a, b)


@pytest.mark.parametrize("blue,red", [("aggressive", "fixed"), ("passive", "adaptive")])
def test_lockstep_batch_with_other_policies(blue, red):
    path = str(ROOT / "scenarios" / "caribbean.yaml")
    alone = run_batch(path, [3, 4, 5], turns=12, blue=blue, red=red, jobs=1, lockstep=False)
    together = run_batch(path, [3, 4, 5], turns=12, blue=blue, red=red, jobs=1, lockstep=True)
    assert all(_same(a, b) for a, b in zip(alone, together))


def test_lockstep_batch_without_the_no_action_games():
    path = str(ROOT / "scenarios" / "caribbean.yaml")
    alone = run_batch(path, [7, 8], turns=6, jobs=1, baseline=False, lockstep=False)
    together = run_batch(path, [7, 8], turns=6, jobs=1, baseline=False, lockstep=True)
    assert all(_same(a, b) for a, b in zip(alone, together))
    assert together[0]["metrics"]["baseline_delivered"] == 0.0
