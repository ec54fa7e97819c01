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


def test_lockstep_only_where_it_plays_the_same_games_faster():
    from dataclasses import replace

    from game.ai.lockstep_batch import supported
    from game.bench import stress_scenario
    from tests.engine.conftest import scenario

    sc = scenario("caribbean")
    assert supported(sc, None, None)
    assert not supported(sc, "random", None)  # a policy lockstep does not play
    assert not supported(sc, None, None, standing={"usa": object()})  # standing orders
    big = replace(stress_scenario(200, 1000, 20, 6), turns=2)  # 20 nations x 1,000 routes
    assert not supported(big, None, None)
    small = replace(stress_scenario(60, 150, 10, 3), turns=2)
    assert supported(small, None, None)


def test_lockstep_is_not_forced_on_standing_orders():
    path = str(ROOT / "scenarios" / "tutorial.yaml")
    orders = str(ROOT / "scenarios" / "orders" / "tutorial_colombia.yaml")
    with pytest.raises(ValueError, match="not played in lockstep"):
        run_batch(path, [1, 2], turns=3, orders=orders, jobs=1, lockstep=True)
    auto = run_batch(path, [1, 2], turns=3, orders=orders, jobs=1)
    alone = run_batch(path, [1, 2], turns=3, orders=orders, jobs=1, lockstep=False)
    assert all(_same(a, b) for a, b in zip(auto, alone))
    plain = run_batch(path, [1, 2], turns=3, jobs=1)  # the orders change the games
    assert [r["metrics"]["seized"] for r in auto] != [r["metrics"]["seized"] for r in plain]


def test_one_process_lockstep_progress_moves_every_turn(monkeypatch):
    import game.headless as headless

    seen = []
    monkeypatch.setattr(headless, "_progress", lambda done, total, start: seen.append(done))
    run_batch(str(ROOT / "scenarios" / "tutorial.yaml"), list(range(1, 9)), turns=4, jobs=1,
              progress=True)
    assert seen == [2, 4, 6, 8, 8]  # 8 games at once: a quarter of them a turn, then done
