"""Lockstep: many games of one scenario at the same turn, as one set of arrays.

`batch` plays hundreds of games of one scenario that differ only in their seed. Played one
by one, each turn is a few hundred numpy calls on arrays of a few dozen numbers, and numpy's
cost per call, not the numbers, sets the pace. Played in lockstep, every array gets a
leading "game" axis of length G and one call serves all G games.

The lockstep engine must give every game exactly what `resolve` gives it alone (the same
bits: a batch summary and `interdict run` with the same seed agree), so it follows the
single-game code step by step. docs/performance.md lists the numpy operations that give the
same bits on a row of a (G x n) array as on the single game's array, and those that do not.

This module holds the data: `Lock` (the stacked states) and the orders as arrays
(`BlueArrays`, `RedArrays`), each with its exact round trip to the single-game objects, so
every lockstep step can be checked against the single-game code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from game.core.model import Scenario
from game.core.network import SHARING_INDEX, Net, compiled
from game.core.orders import BlueOrders, RedOrders, tons_to_loads
from game.core.state import ADAPTATION_IDS, ARRAY_FIELDS, VARIABLE_FIELDS, State, make_state

# the state's fields of fixed shape, stacked with a leading game axis
STACKED_FIELDS: tuple[str, ...] = tuple(f for f in ARRAY_FIELDS if f not in VARIABLE_FIELDS)


@dataclass(eq=False)
class Lock:
    """G games of one scenario, all about to play `turn`.

    `a[f]` is the State field f of every game stacked (shape G x the field's shape) for the
    fields of fixed shape; `var[f]` is the list of the G games' arrays for the fields whose
    length varies (pipeline, deployed, effects, events_now)."""
    scenario: Scenario
    seeds: tuple[int, ...]
    turn: int
    a: dict[str, np.ndarray]
    var: dict[str, list[np.ndarray]]

    @property
    def games(self) -> int:
        return len(self.seeds)

    @property
    def net(self) -> Net:
        return compiled(self.scenario)


def stack(states: Sequence[State]) -> Lock:
    """The lockstep form of `states` (games of one scenario at one turn)."""
    if not states:
        raise ValueError("stack needs at least one game")
    first = states[0]
    for s in states:
        if s.scenario is not first.scenario or s.turn != first.turn:
            raise ValueError("stacked games must share the scenario and the turn")
    a = {f: np.stack([getattr(s, f) for s in states]) for f in STACKED_FIELDS}
    var = {f: [getattr(s, f) for s in states] for f in VARIABLE_FIELDS}
    return Lock(scenario=first.scenario, seeds=tuple(s.seed for s in states),
                turn=first.turn, a=a, var=var)


def unstack(lock: Lock) -> list[State]:
    """The single-game states of `lock` (copies: the lock's arrays stay writable)."""
    out = []
    for g, seed in enumerate(lock.seeds):
        arrays = {f: lock.a[f][g].copy() for f in STACKED_FIELDS}
        arrays.update({f: lock.var[f][g].copy() for f in VARIABLE_FIELDS})
        out.append(make_state(lock.scenario, seed, lock.turn,
                              {f: arrays[f] for f in ARRAY_FIELDS}))
    return out


def _rank_of(keys: Sequence, index: Mapping) -> list[tuple[int, int]]:
    """(index, position) of each key in iteration order."""
    return [(index[k], pos) for pos, k in enumerate(keys)]


@dataclass(eq=False)
class BlueArrays:
    """Every nation's orders in G games, as arrays (G x N x ...).

    A `*_rank` array gives the position of an entry in its order's mapping: sums over a
    mapping follow it, because float sums depend on their order. Ranks of absent entries
    are -1. Alliance-fund contributions are not supported in lockstep (no policy makes
    them); `from_orders` returns None for orders that have them."""
    has: np.ndarray  # G x N bool: the nation gave (legal) orders
    operations: np.ndarray  # G x N
    procurement: np.ndarray
    intelligence: np.ndarray
    governance: np.ndarray
    cb: np.ndarray  # G x N x N: capacity building, giver -> partner
    cb_rank: np.ndarray  # G x N x N int
    sharing: np.ndarray  # G x N x N int: level named for a partner, -1: the alliance default
    grant_set: np.ndarray  # G x N bool: grant_access given (else the last grants stand)
    grant: np.ndarray  # G x N x N bool: host -> guest granted
    buy: np.ndarray  # G x N x A int
    buy_rank: np.ndarray  # G x N x A int
    # every deployment as (game, nation, route, asset, count) arrays, in the order the single
    # game lists them (game, nation, then the orders' order): the form the rules read
    entries: tuple[np.ndarray, ...] | None = None
    # the same as dense G x N x R x A arrays (units, position in the orders), made when asked
    _dense: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)
    shape: tuple[int, int, int, int] = (0, 0, 0, 0)  # G, N, R, A

    @property
    def deploy(self) -> np.ndarray:
        """G x N x R x A int: units deployed."""
        return self._dense_arrays()[0]

    @property
    def deploy_rank(self) -> np.ndarray:
        """G x N x R x A int: the position of (route, asset) in the nation's orders (-1)."""
        return self._dense_arrays()[1]

    def _dense_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        if self._dense is None:
            dep = np.zeros(self.shape, dtype=np.int64)
            rank = np.full(self.shape, -1, dtype=np.int64)
            if self.entries is not None and len(self.entries[0]):
                g, n, r, a, c = self.entries
                key = g * self.shape[1] + n
                first = np.concatenate([[True], key[1:] != key[:-1]])
                start = np.maximum.accumulate(np.where(first, np.arange(key.size), 0))
                dep[g, n, r, a] = c
                rank[g, n, r, a] = np.arange(key.size) - start
            self._dense = (dep, rank)
        return self._dense

    def deployments(self) -> tuple[np.ndarray, ...]:
        """(game, nation, route, asset, count) of every deployment, in the orders' order."""
        if self.entries is None:
            if self._dense is None or not self.has.any():
                e = np.zeros(0, dtype=np.int64)
                self.entries = (e, e, e, e, e)
            else:
                dep, rank = self._dense
                g, n, r, a = np.nonzero(dep)
                o = np.lexsort((rank[g, n, r, a], n, g))
                g, n, r, a = g[o], n[o], r[o], a[o]
                self.entries = (g, n, r, a, dep[g, n, r, a])
        return self.entries

    @classmethod
    def empty(cls, net: Net, games: int) -> BlueArrays:
        """No orders (no deployments: set `entries`, or write into `deploy`)."""
        N, R, A = len(net.nation_ids), len(net.route_ids), len(net.asset_ids)
        G = games
        f, i = np.float64, np.int64
        return cls(
            has=np.zeros((G, N), dtype=bool),
            operations=np.zeros((G, N), dtype=f), procurement=np.zeros((G, N), dtype=f),
            intelligence=np.zeros((G, N), dtype=f), governance=np.zeros((G, N), dtype=f),
            cb=np.zeros((G, N, N), dtype=f), cb_rank=np.full((G, N, N), -1, dtype=i),
            sharing=np.full((G, N, N), -1, dtype=i),
            grant_set=np.zeros((G, N), dtype=bool), grant=np.zeros((G, N, N), dtype=bool),
            buy=np.zeros((G, N, A), dtype=i), buy_rank=np.full((G, N, A), -1, dtype=i),
            shape=(G, N, R, A))

    @classmethod
    def from_orders(cls, net: Net, orders: Sequence[Mapping[str, BlueOrders]]
                    ) -> BlueArrays | None:
        """The arrays of each game's {nation: orders} (orders already checked legal), or None
        if some orders use what lockstep does not support."""
        out = cls.empty(net, len(orders))
        for g, per_game in enumerate(orders):
            for nid, bo in per_game.items():
                n = net.nidx[nid]
                f = bo.funding
                if f.alliance_fund:
                    return None
                out.has[g, n] = True
                out.operations[g, n] = f.operations
                out.procurement[g, n] = f.procurement
                out.intelligence[g, n] = f.intelligence
                out.governance[g, n] = f.governance
                for m, pos in _rank_of(list(f.capacity_building), net.nidx):
                    out.cb[g, n, m] = f.capacity_building[net.nation_ids[m]]
                    out.cb_rank[g, n, m] = pos
                for p, lev in bo.sharing.items():
                    out.sharing[g, n, net.nidx[p]] = SHARING_INDEX[lev]
                if bo.grant_access is not None:
                    out.grant_set[g, n] = True
                    for h in bo.grant_access:
                        out.grant[g, n, net.nidx[h]] = True
                pos = 0
                for r, assets in bo.deploy.items():
                    for a, c in assets.items():
                        if c > 0:
                            ri, ai = net.ridx[r], net.aidx[a]
                            out.deploy[g, n, ri, ai] = c
                            out.deploy_rank[g, n, ri, ai] = pos
                            pos += 1
                for pos, (a, c) in enumerate(bo.buy.items()):
                    ai = net.aidx[a]
                    out.buy[g, n, ai] = c
                    out.buy_rank[g, n, ai] = pos
        return out


@dataclass(eq=False)
class RedArrays:
    """Every trafficker's orders in G games, as arrays (G x T x ...)."""
    has: np.ndarray  # G x T bool
    flow: np.ndarray  # G x P int: loads ordered onto each path (each path is one trafficker's)
    bribes: np.ndarray  # G x T x N
    bribe_rank: np.ndarray  # G x T x N int
    adapt: np.ndarray  # G x T x K bool: adaptations bought this turn
    adapt_rank: np.ndarray  # G x T x K int
    open: np.ndarray  # G x T x R bool: dormant routes opened
    react: np.ndarray  # G x T bool: divert loads away from leaked patrols

    @classmethod
    def empty(cls, net: Net, games: int) -> RedArrays:
        T, N, R, P = len(net.traf_ids), len(net.nation_ids), len(net.route_ids), net.n_paths
        K, G, i = len(ADAPTATION_IDS), games, np.int64
        return cls(
            has=np.zeros((G, T), dtype=bool), flow=np.zeros((G, P), dtype=i),
            bribes=np.zeros((G, T, N)), bribe_rank=np.full((G, T, N), -1, dtype=i),
            adapt=np.zeros((G, T, K), dtype=bool), adapt_rank=np.full((G, T, K), -1, dtype=i),
            open=np.zeros((G, T, R), dtype=bool), react=np.zeros((G, T), dtype=bool))

    @classmethod
    def from_orders(cls, net: Net, orders: Sequence[Mapping[str, RedOrders]]) -> RedArrays:
        """The arrays of each game's {trafficker: orders} (orders already checked legal)."""
        out = cls.empty(net, len(orders))
        for g, per_game in enumerate(orders):
            for tid, ro in per_game.items():
                t = net.tidx[tid]
                out.has[g, t] = True
                out.react[g, t] = ro.react_to_leaks
                for key, tons in ro.flows.items():
                    out.flow[g, net.p_index[t, key]] += tons_to_loads(tons)
                for m, pos in _rank_of(list(ro.bribes), net.nidx):
                    out.bribes[g, t, m] = ro.bribes[net.nation_ids[m]]
                    out.bribe_rank[g, t, m] = pos
                for pos, a in enumerate(ro.adaptations):
                    k = ADAPTATION_IDS.index(a)
                    out.adapt[g, t, k] = True
                    out.adapt_rank[g, t, k] = pos
                for r in ro.open_routes:
                    out.open[g, t, net.ridx[r]] = True
        return out


def same_arrays(x, y) -> list[str]:
    """The names of the fields where two BlueArrays, RedArrays or Locks differ (for tests):
    arrays compare bit for bit, floats by their bits (so -0.0 != 0.0 and NaN == NaN)."""
    if isinstance(x, Lock):
        diff = [f for f in STACKED_FIELDS if not _bits_equal(x.a[f], y.a[f])]
        diff += [f for f in VARIABLE_FIELDS
                 if len(x.var[f]) != len(y.var[f])
                 or not all(_bits_equal(p, q) for p, q in zip(x.var[f], y.var[f]))]
        if x.seeds != y.seeds or x.turn != y.turn:
            diff.append("seeds/turn")
        return diff
    names = [k for k in vars(x) if k not in ("entries", "_dense", "shape")]
    if isinstance(x, BlueArrays):  # deployments compared in their dense form
        names += ["deploy", "deploy_rank"]
    return [k for k in names if not _bits_equal(getattr(x, k), getattr(y, k))]


def _bits_equal(p: np.ndarray, q: np.ndarray) -> bool:
    p, q = np.asarray(p), np.asarray(q)
    if p.shape != q.shape or p.dtype != q.dtype:
        return False
    if p.dtype.kind == "f":
        return bool((p.view(np.uint64 if p.itemsize == 8 else np.uint32)
                     == q.view(np.uint64 if q.itemsize == 8 else np.uint32)).all())
    return bool(np.array_equal(p, q))
