"""Many games of one scenario played in lockstep, for `interdict batch`.

`play_lockstep(scenario, seeds, blue, red)` plays one game per seed, every seat on its AI
policy and the no-action shadow game beside each, exactly as `Game` plays them one by one
(the same bits: tests/lockstep compares the two), and returns what `batch` keeps of each
game. It covers the policies the lockstep AI implements; `supported` says whether a set of
seats is covered (batch plays the others one game at a time).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from game.ai.lockstep_blue import LOCKSTEP_POLICIES, blue_orders
from game.ai.lockstep_red import RED_LOCK_POLICIES, red_orders
from game.ai.session import default_seats
from game.core.fastrng import turn_rngs
from game.core.lockstep import STACKED_FIELDS, VARIABLE_FIELDS, BlueArrays, Lock
from game.core.lockstep_events import Row, lock_effective, lock_fire_due_events
from game.core.lockstep_resolve import resolve_lock
from game.core.metrics import objective_results
from game.core.model import Scenario
from game.core.network import LOAD_TONS, compiled
from game.core.state import TOT_BASELINE, TOT_DELIVERED, initial_arrays
from game.core.traffic import prior_route_flow

# Lockstep pays where numpy's cost per call dominates: on networks of up to about this many
# (nation, route) pairs. On larger ones its per-game arrays (nations x asset types x routes)
# make it slower than one game at a time (measured: 150 routes x 10 nations 4x faster,
# 400 x 12 about even, 1,000 x 20 twice as slow) and heavy in memory.
MAX_CELLS = 4000


def seat_policies(scenario: Scenario, blue: str | None, red: str | None
                  ) -> tuple[list[str], list[str]]:
    """Each nation's and each trafficker's policy (scenario order), as `default_seats`
    gives them."""
    seats = default_seats(scenario, blue, red)
    return ([seats[n].policy for n in scenario.nations],
            [seats[t].policy for t in scenario.traffickers])


def supported(scenario: Scenario, blue: str | None, red: str | None,
              standing: Mapping | None = None) -> bool:
    """Whether lockstep plays these seats (AI policies it implements, no standing orders) on
    this scenario (a network small enough for lockstep to be the faster way)."""
    if standing:
        return False
    net = compiled(scenario)
    if len(net.nation_ids) * len(net.route_ids) > MAX_CELLS:
        return False
    b, r = seat_policies(scenario, blue, red)
    return set(b) <= set(LOCKSTEP_POLICIES) and set(r) <= set(RED_LOCK_POLICIES)


def initial_lock(scenario: Scenario, seeds: Sequence[int]) -> Lock:
    """`stack([initial_state(scenario, s) for s in seeds])`, made for all games at once: the
    starting arrays are the same in every game until turn 1's events fire (each game its own
    chance draws); the flow estimate before turn 1 is worked out once per distinct set of
    the values it reads."""
    net = compiled(scenario)
    G = len(seeds)
    base = initial_arrays(scenario)
    a = {f: np.repeat(base[f][None], G, axis=0) for f in STACKED_FIELDS}
    var = {f: [base[f].copy() for _ in range(G)] for f in VARIABLE_FIELDS}
    var["events_now"] = lock_fire_due_events(net, a, var, 1, [int(s) for s in seeds])
    reads = ("l_production", "t_production", "t_carry", "r_dormant", "r_capacity", "r_cost",
             "l_price", "m_capacity")
    memo: dict[bytes, np.ndarray] = {}
    flow = np.empty((G, len(net.route_ids)))
    for g in range(G):
        key = b"".join(a[f][g].tobytes() for f in reads)
        if key not in memo:
            memo[key] = prior_route_flow(scenario, {f: a[f][g] for f in STACKED_FIELDS})
        flow[g] = memo[key]
    a["last_route_flow"] = flow
    jm = net.r_jur >= 0
    N = len(net.nation_ids)
    a["n_flow0"] = np.stack([np.bincount(net.r_jur[jm], weights=flow[g, jm], minlength=N)
                             .astype(np.float64) for g in range(G)]) if G else a["n_flow0"]
    return Lock(scenario=scenario, seeds=tuple(int(s) for s in seeds), turn=1, a=a, var=var)


@dataclass
class GameTotals:
    """What `batch` keeps of one game: sums over its turns, in turn order."""
    seed: int
    shipped: float
    seized: float
    delivered: float
    detected: float
    baseline_delivered: float
    hindsight_seizable: float
    hindsight_expected: float
    leaks: float
    objectives: dict
    path_tons: np.ndarray
    traffickers: dict


def play_lockstep(scenario: Scenario, seeds: Sequence[int], blue: str | None = None,
                  red: str | None = None, baseline: bool = True,
                  each_turn: Callable[[int], None] | None = None) -> list[GameTotals]:
    """Play one game per seed to its end, all at once (`each_turn(k)` after turn k)."""
    net = compiled(scenario)
    b_pol, r_pol = seat_policies(scenario, blue, red)
    G = len(seeds)
    lock = initial_lock(scenario, seeds)
    shadow = lock if baseline else None
    T = len(net.traf_ids)
    keys = ("shipped", "seized", "delivered", "detected", "hindsight_seizable",
            "hindsight_expected", "leaks", "shipped_t", "delivered_t")
    sums = {k: np.zeros((G, T) if k.endswith("_t") else G) for k in keys}
    sums["baseline"] = np.zeros(G)
    path_tons = np.zeros((G, net.n_paths))
    no_blue = BlueArrays.empty(net, G)
    while lock.turn <= scenario.turns:
        turn = lock.turn
        eff = lock_effective(net, lock.a, lock.var, turn)  # shared by the seats and the rules
        bo = blue_orders(lock, b_pol, eff=eff)
        ro = red_orders(lock, r_pol, eff=eff)
        chance: dict = {}
        base_now = None
        if shadow is not None:
            sh_eff = lock_effective(net, shadow.a, shadow.var, turn)
            sh_ro = red_orders(shadow, r_pol, eff=sh_eff)
            shadow, sh_rep = resolve_lock(shadow, no_blue, sh_ro,
                                          turn_rngs(seeds, turn, "resolve"), chance, sh_eff)
            # the real game's baseline counter reads the shadow's delivered tons so far
            ct = lock.a["c_tot"].copy()
            ct[:, TOT_BASELINE] = shadow.a["c_tot"][:, TOT_DELIVERED]
            lock = Lock(lock.scenario, lock.seeds, lock.turn, {**lock.a, "c_tot": ct}, lock.var)
            base_now = sh_rep.delivered
        lock, rep = resolve_lock(lock, bo, ro, turn_rngs(seeds, turn, "resolve"),
                                 chance, eff)
        # sums in turn order, as sum_in_order over the turn reports adds them
        for k in keys:
            sums[k] = sums[k] + getattr(rep, k)
        if base_now is not None:
            sums["baseline"] = sums["baseline"] + base_now
        path_tons += lock.a["last_path_flow"] * LOAD_TONS
        if each_turn is not None:
            each_turn(turn)
    out = []
    for g, seed in enumerate(seeds):
        out.append(GameTotals(
            seed=int(seed), shipped=float(sums["shipped"][g]), seized=float(sums["seized"][g]),
            delivered=float(sums["delivered"][g]), detected=float(sums["detected"][g]),
            baseline_delivered=float(sums["baseline"][g]),
            hindsight_seizable=float(sums["hindsight_seizable"][g]),
            hindsight_expected=float(sums["hindsight_expected"][g]),
            leaks=float(sums["leaks"][g]),
            objectives=objective_results(net, Row(lock.a, lock.var, g)),
            path_tons=path_tons[g].copy(),
            traffickers={tid: {"shipped": float(sums["shipped_t"][g, t]),
                               "delivered": float(sums["delivered_t"][g, t])}
                         for t, tid in enumerate(net.traf_ids)}))
    return out
