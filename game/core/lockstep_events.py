"""Scenario events in lockstep: the effective values and the triggers of G games at once.

The same rules as game.core.events, applied to stacked arrays: each effect's changes are
planned once per scenario (`effect_plans`) and applied to all the games that have it at once,
in each game's own order, with `apply_change`'s arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.core.events import (
    FIELD_ARRAYS,
    MAX_NUMBER,
    chance_stream,
    is_permanent,
    target_index,
)
from game.core.fastrng import turn_rngs
from game.core.metrics import COUNTERS
from game.core.network import SHARING_INDEX, SOV_INDEX, Net
from game.core.numbers import finite_number
from game.core.pyfloat import py_max, py_min
from game.core.state import TOT_BASELINE, TOT_DELIVERED, TOT_SEIZED, TOT_SHIPPED


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


def effect_plans(net: Net) -> dict:
    """Per effect of the scenario's events (key: event x width + effect): what
    `events.apply_effect` does, as (array, index, verb, value, kind) per change it makes; a
    "set" of a number is clamped here, as `apply_change` does (kept per network)."""
    hit = net.derived.get("lockstep_effect_plans")
    if hit is not None:
        return hit
    width = max((len(ev.effects) for ev in net.events), default=0) + 1
    plans: dict = {"width": width}
    for e, ev in enumerate(net.events):
        for k, eff in enumerate(ev.effects):
            kind = eff.target_kind
            idx = target_index(net, kind, eff.target_id)
            steps = []
            for field, value in eff.changes.items():
                spec = FIELD_ARRAYS.get((kind, field))
                if idx is None or spec is None:
                    continue
                name, vkind = spec
                if vkind == "sovereignty":
                    if value in SOV_INDEX:
                        steps.append((name, idx, "set", SOV_INDEX[value], vkind))
                elif vkind == "sharing":
                    if value in SHARING_INDEX:
                        steps.append((name, idx, "set", SHARING_INDEX[value], vkind))
                elif vkind == "bool":
                    if isinstance(value, bool | np.bool_):
                        steps.append((name, idx, "set", bool(value), vkind))
                elif finite_number(value) and eff.verb in ("set", "add", "multiply"):
                    v = float(value)
                    if eff.verb == "set":
                        v = min(max(0.0, v), MAX_NUMBER)
                        if vkind == "unit":
                            v = min(1.0, v)
                    steps.append((name, idx, eff.verb, v, vkind))
            plans[e * width + k] = tuple(steps)
    net.derived["lockstep_effect_plans"] = plans
    return plans


def apply_plan(arrays: dict, games: np.ndarray, steps, copied: set | None = None) -> None:
    """`events.apply_effect` on the rows `games` of the stacked arrays in `arrays` (an array
    not yet in `copied` is copied first; `copied=None`: change them in place)."""
    for name, idx, verb, v, vkind in steps:
        if name not in arrays:
            continue
        x = v
        g = games
        if verb != "set":  # add or multiply a number: x = min(max(0.0, x), MAX_NUMBER), and
            base = arrays[name][g, idx]  # at most 1.0 for a unit; not finite: no change
            x = base + v if verb == "add" else base * v
            keep = np.isfinite(x)
            x = py_min(py_max(0.0, x), MAX_NUMBER)
            if vkind == "unit":
                x = py_min(1.0, x)
            if not keep.all():
                g, x = g[keep], x[keep]
        if copied is not None and name not in copied:
            arrays[name] = arrays[name].copy()
            copied.add(name)
        arrays[name][g, idx] = x


def lock_effective(net: Net, a: dict, var: dict, turn: int,
                   fields: Sequence[str] | None = None) -> dict:
    """`events.effective` for every game: the stacked arrays (of `fields`, or all) with each
    game's running temporary effects laid over its rows, in each game's own order; games with
    the same effect at the same place in that order are served together. Arrays no running
    effect touches are `a`'s own (read them only)."""
    out = dict(a) if fields is None else {f: a[f] for f in fields}
    effects = var["effects"]
    lens = [len(e) for e in effects]
    if not any(lens):
        return out
    rows = np.concatenate(effects)
    game = np.repeat(np.arange(len(effects)), lens)
    run = rows[:, 2] >= turn
    if not run.any():
        return out
    rows, game = rows[run], game[run]
    n = np.bincount(game)
    pos = np.arange(game.size) - (np.cumsum(n) - n)[game]  # its place in the game's order
    plans = effect_plans(net)
    code = rows[:, 0] * plans["width"] + rows[:, 1]
    copied: set[str] = set()
    for i in range(int(pos.max()) + 1):
        at = pos == i
        for c in np.unique(code[at]).tolist():
            apply_plan(out, game[at & (code == c)], plans[c], copied)
    return out


def lock_compare(value: np.ndarray, op: str, threshold: float) -> np.ndarray:
    """metrics.compare per game."""
    if op == "==":
        return np.abs(value - threshold) <= 1e-9
    if op == "!=":
        return np.abs(value - threshold) > 1e-9
    return {"<": np.less, "<=": np.less_equal, ">": np.greater,
            ">=": np.greater_equal}[op](value, threshold)


def lock_metric(net: Net, w: dict, metric: str, scope: str | None) -> np.ndarray:
    """metrics.metric_value for every game (G values), with the same float operations (a
    mean or a sum over a subset is taken on a C-ordered copy of each game's numbers)."""
    G = w["c_tot"].shape[0]
    kind, _, sid = (scope or "").partition(":")
    zeros = np.zeros(G)
    ct = w["c_tot"]
    if metric == "delivered_reduction":
        base = ct[:, TOT_BASELINE]
        safe = np.where(base > 0, base, 1.0)
        return np.where(base > 0, 1.0 - ct[:, TOT_DELIVERED] / safe, 0.0)
    members = None
    if kind == "alliance" and sid in net.alidx:
        members = np.flatnonzero(net.member[net.alidx[sid]])
    if metric in ("violence", "corruption", "governance"):
        arr = w["n_" + metric]
        if kind == "nation":
            return arr[:, net.nidx[sid]].astype(np.float64)
        if members is not None:
            return _means(arr[:, members]) if len(members) else zeros
        return _means(arr) if arr.shape[1] else zeros
    if metric == "cohesion":
        arr = w["al_cohesion"]
        if kind == "alliance":
            return arr[:, net.alidx[sid]].astype(np.float64)
        return _means(arr) if arr.shape[1] else zeros
    if metric == "seizure_rate":
        if kind == "trafficker":
            t = net.tidx[sid]
            sh, se = w["c_shipped_t"][:, t], w["c_seized_t"][:, t]
        else:
            sh, se = ct[:, TOT_SHIPPED], ct[:, TOT_SEIZED]
        return np.where(sh > 0, se / np.where(sh > 0, sh, 1.0), 0.0)
    spec = COUNTERS.get(metric, {}).get(kind)
    if spec is None:
        return zeros
    if isinstance(spec, int):
        return ct[:, spec].astype(np.float64)
    if spec == "c_leaks_n+":
        return _sums(w["c_leaks_n"])
    if spec == "c_delivered_l@":
        locs = np.flatnonzero(net.loc_nation == net.nidx[sid])
        return _sums(w["c_delivered_l"][:, locs])
    arr = w[spec]
    if kind == "alliance":
        return _sums(arr[:, members]) if members is not None else zeros
    index = {"nation": net.nidx, "trafficker": net.tidx, "route": net.ridx,
             "location": net.lidx}[kind]
    return arr[:, index[sid]].astype(np.float64)


def _sums(x: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(x).sum(axis=1)


def _means(x: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(x).mean(axis=1)


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
        if not tr.may_fire(turn):
            continue
        if not tr.turns and tr.once:
            ok = ~(w["fired"][:, i] > 0)
        else:
            ok = np.ones(G, dtype=bool)
        if tr.condition is not None and ok.any():
            c = tr.condition
            ok &= lock_compare(lock_metric(net, w, c.metric, c.scope), c.op, c.value)
        if not tr.turns and tr.chance is not None:
            u = draws.get(i)
            if u is None:
                u = draws[i] = np.full(G, np.nan)
            need = np.flatnonzero(ok & np.isnan(u))
            if need.size:  # events.chance_draw: each event's own stream
                gens = turn_rngs([seeds[g] for g in need.tolist()], turn, chance_stream(ev.id))
                u[need] = [gen.random() for gen in gens]
            ok &= u < tr.chance
        due[:, i] = ok
    fired = [np.zeros(0, dtype=np.int64)] * G
    if due.any():
        plans = effect_plans(net)
        width = plans["width"]
        new_rows: dict[int, list] = {}
        for i in np.flatnonzero(due.any(axis=0)).tolist():  # events.fire_event, in order
            games = np.flatnonzero(due[:, i])
            w["fired"][games, i] += 1
            for k, eff in enumerate(events[i].effects):
                if is_permanent(eff):
                    apply_plan(w, games, plans[i * width + k])
                else:
                    row = (i, k, turn + int(eff.duration) - 1)
                    for g in games.tolist():
                        new_rows.setdefault(g, []).append(row)
        for g, rows in new_rows.items():
            var["effects"][g] = np.concatenate([var["effects"][g],
                                                np.array(rows, dtype=np.int64)])
        for g in np.flatnonzero(due.any(axis=1)).tolist():
            fired[g] = np.flatnonzero(due[g]).astype(np.int64)
    for g, eff in enumerate(var["effects"]):  # drop expired effects
        if len(eff):
            var["effects"][g] = eff[eff[:, 2] >= turn]
    return fired
