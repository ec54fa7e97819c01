"""Metric values for objectives and event conditions, read from the cumulative counters.

Tons are cumulative since turn 1; violence, corruption, governance and cohesion are the
current levels; rates are cumulative ratios. A metric without a scope is the global total
(or the mean, for levels).
"""

from __future__ import annotations

import numpy as np

from game.core.network import Net
from game.core.state import TOT_BASELINE, TOT_DELIVERED, TOT_DETECTED, TOT_SEIZED, TOT_SHIPPED

_OPS = {
    "<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal,
    "==": np.equal, "!=": np.not_equal,
}


def compare(value: float, op: str, threshold: float) -> bool:
    if op == "==":
        return abs(value - threshold) <= 1e-9
    if op == "!=":
        return abs(value - threshold) > 1e-9
    return bool(_OPS[op](value, threshold))


def delivered_reduction(w) -> float:
    base = float(w["c_tot"][TOT_BASELINE])
    if base <= 0:
        return 0.0
    return 1.0 - float(w["c_tot"][TOT_DELIVERED]) / base


# cumulative metrics: metric -> scope kind -> the counter array (or a c_tot index; "@" sums a
# nation's locations, "+" sums over nations)
COUNTERS = {
    "delivered_tons": {"trafficker": "c_delivered_t", "location": "c_delivered_l",
                       "nation": "c_delivered_l@", "": TOT_DELIVERED},
    "seized_tons": {"nation": "c_seized_n", "alliance": "c_seized_n", "trafficker": "c_seized_t",
                    "route": "c_seized_r", "": TOT_SEIZED},
    "shipped_tons": {"trafficker": "c_shipped_t", "": TOT_SHIPPED},
    "detected_tons": {"nation": "c_detected_n", "alliance": "c_detected_n",
                      "route": "c_detected_r", "": TOT_DETECTED},
    "leaks": {"nation": "c_leaks_n", "alliance": "c_leaks_n", "": "c_leaks_n+"},
    "flow": {"route": "c_flow_r", "location": "c_flow_l", "nation": "c_flow_n",
             "": TOT_SHIPPED},
}


def metric_value(net: Net, w, metric: str, scope: str | None) -> float:
    kind, _, sid = (scope or "").partition(":")
    g = w.__getitem__ if isinstance(w, dict) else (lambda k: getattr(w, k))
    if metric == "delivered_reduction":
        return delivered_reduction({"c_tot": g("c_tot")})
    members = None
    if kind == "alliance" and sid in net.alidx:
        members = np.flatnonzero(net.member[net.alidx[sid]])
    if metric in ("violence", "corruption", "governance"):
        arr = g("n_" + metric)
        if kind == "nation":
            return float(arr[net.nidx[sid]])
        if members is not None:
            return float(arr[members].mean()) if len(members) else 0.0
        return float(arr.mean()) if arr.size else 0.0
    if metric == "cohesion":
        arr = g("al_cohesion")
        if kind == "alliance":
            return float(arr[net.alidx[sid]])
        return float(arr.mean()) if arr.size else 0.0
    if metric == "seizure_rate":
        if kind == "trafficker":
            t = net.tidx[sid]
            sh = float(g("c_shipped_t")[t])
            return float(g("c_seized_t")[t]) / sh if sh > 0 else 0.0
        sh = float(g("c_tot")[TOT_SHIPPED])
        return float(g("c_tot")[TOT_SEIZED]) / sh if sh > 0 else 0.0
    spec = COUNTERS.get(metric, {}).get(kind)
    if spec is None:
        return 0.0
    if isinstance(spec, int):
        return float(g("c_tot")[spec])
    if spec == "c_leaks_n+":
        return float(g("c_leaks_n").sum())
    if spec == "c_delivered_l@":
        locs = np.flatnonzero(net.loc_nation == net.nidx[sid])
        return float(g("c_delivered_l")[locs].sum())
    arr = g(spec)
    if kind == "alliance":
        return float(arr[members].sum()) if members is not None else 0.0
    index = {"nation": net.nidx, "trafficker": net.tidx, "route": net.ridx,
             "location": net.lidx}[kind]
    return float(arr[index[sid]])


def objective_results(net: Net, w) -> dict[str, dict]:
    """{objective id: {"met": bool, "value": float, "final": bool}} at this point."""
    out = {}
    g = w.__getitem__ if isinstance(w, dict) else (lambda k: getattr(w, k))
    done, met, val = g("obj_done"), g("obj_met"), g("obj_value")
    for i, (oid, ob) in enumerate(net.scenario.objectives.items()):
        if done[i]:
            out[oid] = {"met": bool(met[i]), "value": float(val[i]), "final": True}
        else:
            v = metric_value(net, w, ob.metric, ob.scope)
            out[oid] = {"met": compare(v, ob.op, ob.value), "value": v, "final": False}
    return out


def freeze_objectives(net: Net, w: dict, turn_just_played: int, last_turn: int) -> None:
    """Judge objectives whose `by_turn` (or the game's end) has come."""
    for i, ob in enumerate(net.scenario.objectives.values()):
        if w["obj_done"][i]:
            continue
        due = ob.by_turn if ob.by_turn is not None else last_turn
        if turn_just_played >= due:
            v = metric_value(net, w, ob.metric, ob.scope)
            w["obj_done"][i] = True
            w["obj_value"][i] = v
            w["obj_met"][i] = compare(v, ob.op, ob.value)
