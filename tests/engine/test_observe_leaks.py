"""A leak shows the traffickers the patrols of the nation whose shared intelligence leaked,
no one else's (docs/rules.md, "Leaks"): before, every nation's patrols on the routes that
nation patrolled were shown, e.g. Spain's ships at the Strait after only France had leaked."""

from __future__ import annotations

import numpy as np

from game.ai.session import Game
from game.core.network import compiled
from game.core.observe import observe
from tests.engine.conftest import scenario


def test_the_traffickers_see_only_the_leaked_nations_patrols():
    sc = scenario("caribbean")
    game = Game.new(sc, seed=1)
    game.end_turn()
    state = game.state  # month 2: last month's leaks
    ids = list(sc.nations)
    leaked = [ids[n] for n in np.flatnonzero(state.leaked_n)]
    assert leaked == ["usa", "honduras"]
    on_revealed = [(ids[n], r) for n, r, _a, _c in state.deployed.tolist() if state.revealed[r]]
    others = {n for n, _r in on_revealed} - set(leaked)
    assert "colombia" in others  # Colombia patrols a route the United States revealed...
    for trafficker in sc.traffickers:
        seen = observe(state, trafficker).deployed
        assert {n for n, *_ in seen} == set(leaked)  # ...and stays unseen
        assert len(seen) == sum(1 for n, _r in on_revealed if n in leaked)


def test_no_leak_shows_no_patrol():
    sc = scenario("caribbean")
    state = Game.new(sc, seed=1).state
    quiet = state.replace_arrays(revealed=np.ones_like(state.revealed),
                                 leaked_n=np.zeros_like(state.leaked_n),
                                 deployed=np.array([[0, 0, 0, 2]], dtype=np.int64))
    assert observe(quiet, next(iter(sc.traffickers))).deployed == ()
    shown = quiet.replace_arrays(leaked_n=np.ones_like(state.leaked_n))
    net = compiled(sc)
    assert observe(shown, next(iter(sc.traffickers))).deployed == (
        (net.nation_ids[0], net.route_ids[0], net.asset_ids[0], 2),)
