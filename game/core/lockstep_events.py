"""Scenario events in lockstep: the effective values and the triggers of G games at once.

The same rules as game.core.events, applied to stacked arrays: a game's effects and
permanent changes are applied to its own row with the single-game functions.
"""

from __future__ import annotations

import numpy as np

from game.core.events import FIELD_ARRAYS, apply_effect, fire_event, target_index
from game.core.fastrng import turn_rngs
from game.core.metrics import compare, metric_value
from game.core.network import Net


class Row(dict):
    """One game's view of stacked arrays: `w[f]` is game g's row of `arrays[f]` (a view, so
    writes land in the stack), or its own array for the fields whose length varies."""

    def __init__(self, arrays: dict, var: dict, g: int):
        super().__init__()
        self._arrays, self._var, self._g = arrays, var, g

    def __missing__(self, key):
        src = self._var if key in self._var else self._arrays
        v = src[key][self._g]
        self[key] = v
        return v


def lock_effective(net: Net, a: dict, var: dict, turn: int) -> dict:
    """`events.effective` for every game: the stacked arrays with each game's running
    temporary effects laid over its row (an array an effect touches is copied first)."""
    view = dict(a)
    copied: set[str] = set()
    events = net.events
    for g, effects in enumerate(var["effects"]):
        if not len(effects):
            continue
        row = None
        for e_idx, k, until in effects.tolist():
            if until < turn:
                continue
            eff = events[e_idx].effects[k]
            kind = eff.target_kind
            if target_index(net, kind, eff.target_id) is None:
                continue
            for field in eff.changes:
                spec = FIELD_ARRAYS.get((kind, field))
                if spec and spec[0] not in copied:
                    view[spec[0]] = view[spec[0]].copy()
                    copied.add(spec[0])
            if row is None:
                row = Row(view, {}, g)
            apply_effect(net, row, eff)
    return view


def lock_fire_due_events(net: Net, w: dict, var: dict, turn: int, seeds, chance_draws=None
                         ) -> list[np.ndarray]:
    """events.fire_due_events for every game (mutating `w` and `var`): every trigger is
    judged on the state before any of them fires, then the due events fire in order, then
    the expired effects are dropped. Returns each game's fired event indices."""
    events = net.events
    G = len(seeds)
    draws = {} if chance_draws is None else chance_draws
    due = np.zeros((G, len(events)), dtype=bool)
    for i, ev in enumerate(events):
        tr = ev.trigger
        if turn < tr.from_turn or (tr.until_turn is not None and turn > tr.until_turn):
            continue
        if tr.turns:
            if turn not in tr.turns:
                continue
            ok = np.ones(G, dtype=bool)
        else:
            ok = ~(w["fired"][:, i] > 0) if tr.once else np.ones(G, dtype=bool)
        if tr.condition is not None:
            c = tr.condition
            for g in np.flatnonzero(ok):
                if not compare(metric_value(net, Row(w, var, g), c.metric, c.scope), c.op,
                               c.value):
                    ok[g] = False
        if not tr.turns and tr.chance is not None:
            u = draws.get(i)
            if u is None:
                u = draws[i] = np.full(G, np.nan)
            need = np.flatnonzero(ok & np.isnan(u))
            if need.size:  # events.chance_draw: each event's own stream
                gens = turn_rngs([seeds[g] for g in need.tolist()], turn, f"event:{ev.id}")
                u[need] = [gen.random() for gen in gens]
            ok &= u < tr.chance
        due[:, i] = ok
    fired = [np.zeros(0, dtype=np.int64)] * G
    for g in np.flatnonzero(due.any(axis=1)):
        row = Row(w, var, g)
        idx = np.flatnonzero(due[g])
        for i in idx.tolist():
            fire_event(net, row, i, turn)
        if "effects" in row:
            var["effects"][g] = row["effects"]
        fired[g] = idx.astype(np.int64)
    for g, eff in enumerate(var["effects"]):
        if len(eff):
            var["effects"][g] = eff[eff[:, 2] >= turn]
    return fired
