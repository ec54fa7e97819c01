"""The hindsight optimum: the best placement of the same assets, given this turn's flows.

Given the loads that actually reached each route, the expected seizure on a route r from a
set S of assets is  min(present_r * P_r(S), capacity_r(S))  with
P_r(S) = (1 - prod_i(1 - d_i)) * (1 - concealment_r) * detection_r. We place the assets one
by one, each where it adds the most expected seizure (respecting the same legality as real
orders). Detection coverage has diminishing returns, so the objective is close to monotone
submodular, for which greedy placement is within a factor 1 - 1/e (about 63%) of the optimum
(Nemhauser, Wolsey & Fisher 1978); the capacity cap makes it an approximation, which the
tests check against brute force on small cases.
"""

from __future__ import annotations

import math

import numpy as np


def expected_seizure(present: np.ndarray, base_p: np.ndarray, misslog: np.ndarray,
                     cap: np.ndarray) -> np.ndarray:
    """Per-route expected seized loads."""
    return np.minimum(present * (1.0 - np.exp(misslog)) * base_p, cap)


def brute_force_placement(present, base_p, units_logmiss, units_cap, units_legal) -> float:
    """Exhaustive optimum (tiny cases only; for tests)."""
    import itertools

    R = len(present)
    options = [[*list(c), -1] for c in units_legal]
    best = 0.0
    for combo in itertools.product(*options):
        misslog = np.zeros(R)
        cap = np.zeros(R)
        for i, r in enumerate(combo):
            if r >= 0:
                misslog[r] += units_logmiss[i]
                cap[r] += units_cap[i]
        best = max(best, float(expected_seizure(present, base_p, misslog, cap).sum()))
    return best


def greedy_total(present: np.ndarray, base_p: np.ndarray, units: list, caps: list,
                 R: int, choices: list | None = None,
                 misslog0: np.ndarray | None = None) -> float:
    """Greedy placement where each unit has per-candidate values: units[i] = (candidate
    routes, log(1 - detection) per candidate), caps[i] = loads it can seize per candidate.
    Returns the expected seized loads; appends each unit's route (-1: none) to `choices`.
    `misslog0` is the log chance per route that loads escape detection without any asset
    (intelligence alone).

    Units passed as the same objects (identical assets of one nation) share a table of
    marginal gains that is only refreshed on the routes placed since (lazy evaluation)."""
    misslog = np.zeros(R) if misslog0 is None else misslog0.astype(np.float64).copy()
    cap = np.zeros(R)
    current = np.zeros(R)
    total = 0.0
    placed: list[int] = []  # routes in the order units were placed on them
    tables: dict[tuple[int, int], list] = {}
    pres = present.tolist()
    bp = base_p.tolist()
    for unit, ucap in zip(units, caps):
        cand, lm = unit
        if not cand.size:
            if choices is not None:
                choices.append(-1)
            continue
        key = (id(unit), id(ucap))
        tab = tables.get(key)
        if tab is None:
            new = np.minimum(present[cand] * (1.0 - np.exp(misslog[cand] + lm)) * base_p[cand],
                             cap[cand] + ucap)
            gains = new - current[cand]
            tab = [gains, {int(r): j for j, r in enumerate(cand.tolist())}, len(placed)]
            tables[key] = tab
        else:
            gains, pos, seen = tab
            for r in set(placed[seen:]):
                j = pos.get(r)
                if j is not None:
                    v = min(pres[r] * (1.0 - math.exp(misslog[r] + lm[j])) * bp[r],
                            cap[r] + ucap[j])
                    gains[j] = v - current[r]
            tab[2] = len(placed)
        gains = tab[0]
        j = int(np.argmax(gains))
        g = float(gains[j])
        if g <= 0:
            if choices is not None:
                choices.append(-1)
            continue
        r = int(cand[j])
        misslog[r] += lm[j]
        cap[r] += ucap[j]
        current[r] += g
        total += g
        placed.append(r)
        if choices is not None:
            choices.append(r)
    return total


_LIST_ROUTES = 128  # up to this many routes, a group's gains are kept in a Python list


def greedy_groups(present: np.ndarray, base_p: np.ndarray, lm: np.ndarray, ucap: np.ndarray,
                  legal: np.ndarray, counts: list[int], order: list[int],
                  misslog0: np.ndarray | None = None,
                  choices: list[tuple[int, int]] | None = None) -> float:
    """The same greedy placement for groups of identical units, vectorised over routes.

    lm, ucap, legal are G x R (log(1 - detection), loads seizable, where the group may go);
    counts[g] units of group g are placed in `order` of groups. Returns the expected seized
    loads and appends (group, route or -1) per unit to `choices`."""
    G, R = lm.shape
    if G == 0:
        return 0.0
    if misslog0 is None:  # exp(0 + lm) is exp(lm)
        ml = [0.0] * R
        new = np.minimum(present * (1.0 - np.exp(lm)) * base_p, ucap)
    else:
        misslog = misslog0.astype(np.float64)
        ml = misslog.tolist()
        new = np.minimum(present * (1.0 - np.exp(misslog + lm)) * base_p, ucap)
    # From here on, scalar bookkeeping: each step touches a handful of routes. The first pass
    # above is vectorised; the updates below repeat its formula with the same operation order.
    # Each unit takes the best route of its group's row of gains: on a theatre's few dozen
    # routes a Python list's max() is quicker than numpy's argmax, on a large network a numpy
    # row's argmax is (both pick the first of equal gains, so the results are the same).
    gains_g = np.where(legal, new, -np.inf)  # G x R marginal gains, -inf: may not go
    big = R > _LIST_ROUTES
    gains = list(gains_g) if big else gains_g.tolist()
    lm_rows, ucap_rows, legal_rows = lm.tolist(), ucap.tolist(), legal.tolist()
    cap = [0.0] * R
    cur = [0.0] * R
    pres = present.tolist()
    bp = base_p.tolist()
    stamp = [0] * G  # how much of `placed` each group's gains already account for
    placed: list[int] = []
    total = 0.0
    exp = math.exp
    for g in order:
        if not counts[g]:
            continue
        row, lmg, ucg, lg = gains[g], lm_rows[g], ucap_rows[g], legal_rows[g]
        # catch up on the routes other groups placed units on since these gains were computed
        for r in set(placed[stamp[g]:]):
            if lg[r]:
                row[r] = min(pres[r] * (1.0 - exp(ml[r] + lmg[r])) * bp[r], cap[r] + ucg[r]) - cur[r]
        for k in range(counts[g]):
            if big:
                j = int(row.argmax())
                gain = float(row[j])
            else:
                gain = max(row)
                j = row.index(gain)  # the first route with the largest gain, as argmax picks
            if not gain > 0:
                if choices is not None:
                    choices.extend([(g, -1)] * (counts[g] - k))
                break
            ml[j] += lmg[j]
            cap[j] += ucg[j]
            cur[j] += gain
            total += gain
            placed.append(j)
            if choices is not None:
                choices.append((g, j))
            # only route j changed: this group's gain there, for its next unit
            row[j] = min(pres[j] * (1.0 - exp(ml[j] + lmg[j])) * bp[j], cap[j] + ucg[j]) - cur[j]
        stamp[g] = len(placed)
    return total
