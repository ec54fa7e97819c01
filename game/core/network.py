"""The scenario compiled for the engine: index arrays and the trafficking paths.

Everything is indexed in the scenario's own order (nations, routes, locations, traffickers,
asset types, alliances, events, objectives). Paths from each trafficker's sources to its
markets are enumerated once per scenario (k cheapest by transport cost, a few through dormant
routes too) and stored as a padded matrix of route indices, so per-turn work is vectorised.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

import numpy as np

from game.core.model import MODES, SHARING, SOVEREIGNTY, Scenario

LOAD_TONS = 0.5  # one load; a power of two, so sums of tons are exact floats
MAX_PATHS_PER_PAIR = 12
MAX_PATH_LEN = 10
MODE_INDEX = {m: i for i, m in enumerate(MODES)}
SOV_INDEX = {s: i for i, s in enumerate(SOVEREIGNTY)}
SHARING_INDEX = {s: i for i, s in enumerate(SHARING)}
SHARING_WEIGHT = np.array([0.0, 0.5, 1.0])
PATH_SEP = ">"


@dataclass(frozen=True, eq=False)
class Net:
    scenario: Scenario
    nation_ids: tuple[str, ...]
    route_ids: tuple[str, ...]
    loc_ids: tuple[str, ...]
    traf_ids: tuple[str, ...]
    asset_ids: tuple[str, ...]
    alliance_ids: tuple[str, ...]
    event_ids: tuple[str, ...]
    objective_ids: tuple[str, ...]
    nidx: dict
    ridx: dict
    lidx: dict
    tidx: dict
    aidx: dict
    alidx: dict
    eidx: dict
    # routes
    r_origin: np.ndarray
    r_dest: np.ndarray
    r_mode: np.ndarray
    r_jur: np.ndarray  # nation index, -1 = international
    r_host: np.ndarray  # jurisdiction, or the origin's nation for international routes
    loc_nation: np.ndarray
    # assets
    a_det: np.ndarray
    a_int: np.ndarray
    a_cost: np.ndarray
    a_upkeep: np.ndarray
    a_lead: np.ndarray
    a_modes: np.ndarray  # A x 3 bool
    member: np.ndarray  # alliances x nations bool
    # paths
    p_traf: np.ndarray
    p_routes: np.ndarray  # P x L, -1 padded
    p_len: np.ndarray
    p_src: np.ndarray
    p_mkt: np.ndarray
    p_keys: tuple[str, ...]
    p_index: dict  # (trafficker index, key) -> path index: traffickers may share a path
    traf_paths: tuple[np.ndarray, ...]
    source_share: np.ndarray  # T x locations: share of each source's production

    @property
    def n_paths(self) -> int:
        return len(self.p_keys)

    @cached_property
    def route_modes(self) -> np.ndarray:
        """R x A bool: which asset types work on each route's mode."""
        return np.ascontiguousarray(self.a_modes[:, self.r_mode].T)

    @cached_property
    def route_modes_list(self) -> tuple[tuple[bool, ...], ...]:
        """`route_modes` as Python lists, for the order checks' per-item lookups."""
        return tuple(tuple(row) for row in self.route_modes.tolist())

    @cached_property
    def l_capped(self) -> np.ndarray:
        """Per location: a market whose scenario sets a demand, so it pays for that many tons
        a turn at most (an effect may later bring the demand down to 0: it then pays nothing);
        a market without one pays for any amount."""
        capped = np.array([loc.demand > 0 for loc in self.scenario.locations.values()],
                          dtype=bool)
        capped.setflags(write=False)
        return capped

    @cached_property
    def upkeep_list(self) -> tuple[float, ...]:
        """Each asset type's upkeep per unit, as Python floats."""
        return tuple(self.a_upkeep.tolist())

    @cached_property
    def cost_list(self) -> tuple[float, ...]:
        """Each asset type's purchase cost per unit, as Python floats."""
        return tuple(self.a_cost.tolist())

    @cached_property
    def path_route_cells(self) -> np.ndarray:
        """P x L: for each path's routes, the cell of a flattened T x (R + 1) per-route array
        (its trafficker's row; padding points at the row's last column)."""
        width = len(self.route_ids) + 1
        return _frozen(self.p_traf[:, None] * width
                       + np.where(self.p_routes >= 0, self.p_routes, width - 1))

    @cached_property
    def derived(self) -> dict:
        """Values derived from this network and a few rarely changing game values, keyed by
        what they depend on (e.g. which alliances run joint operations): computed once, shared
        by every game on the scenario, so kept immutable (tuples, read-only arrays)."""
        return {}

    # --- per-scenario constants the rules read every turn (computed once, read-only) ---
    @cached_property
    def events(self) -> tuple:
        """The scenario's events in index order."""
        return tuple(self.scenario.events.values())

    @cached_property
    def budget_scale(self) -> np.ndarray:
        """N: each nation's starting budget (at least 1): spending is measured against it."""
        return _frozen(np.maximum(
            np.array([x.budget for x in self.scenario.nations.values()], dtype=np.float64), 1.0))

    @cached_property
    def violence0(self) -> np.ndarray:
        """N: each nation's starting violence (the level it returns to)."""
        return _frozen(np.array([x.violence for x in self.scenario.nations.values()],
                                dtype=np.float64))

    @cached_property
    def governance0(self) -> np.ndarray:
        """N: each nation's starting governance."""
        return _frozen(np.array([x.governance for x in self.scenario.nations.values()],
                                dtype=np.float64))

    @cached_property
    def loss_tolerance(self) -> np.ndarray:
        """T: each trafficker's loss tolerance (its prior of perceived risk)."""
        return _frozen(np.array([x.loss_tolerance for x in self.scenario.traffickers.values()],
                                dtype=np.float64))

    @cached_property
    def flow_scale(self) -> float:
        """Tons: a tenth of the scenario's starting production (at least 1): the flow against
        which violence and corruption respond."""
        if not self.traf_ids:
            return 1.0
        prod = np.array([x.production for x in self.scenario.locations.values()],
                        dtype=np.float64)
        return max(0.1 * float((self.source_share @ prod).sum()), 1.0)

    @cached_property
    def al_members(self) -> tuple[np.ndarray, ...]:
        """Per alliance: the indices of its member nations."""
        return tuple(_frozen(np.flatnonzero(m)) for m in self.member)

    @cached_property
    def al_blocks(self) -> tuple[tuple[tuple[np.ndarray, np.ndarray], float, float], ...]:
        """Per alliance: the members x members index (np.ix_), and the mean and the sum of
        the members' budget scales (what alliance spending is measured against)."""
        return tuple((tuple(_frozen(i) for i in np.ix_(m, m)),
                      float(self.budget_scale[m].mean()) if m.size else 1.0,
                      float(self.budget_scale[m].sum()) if m.size else 1.0)
                     for m in self.al_members)

    @cached_property
    def co_member(self) -> np.ndarray:
        """Al x N x N bool: both nations belong to the alliance."""
        return _frozen(self.member[:, :, None] & self.member[:, None, :])

    @cached_property
    def nation_alliances(self) -> Mapping[str, tuple[str, ...]]:
        """Nation id -> the ids of the alliances it belongs to."""
        return MappingProxyType({
            nid: tuple(a for k, a in enumerate(self.alliance_ids) if self.member[k, n])
            for n, nid in enumerate(self.nation_ids)})


def _frozen(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


_CACHE: dict[int, tuple[Scenario, Net]] = {}


def compiled(scenario: Scenario) -> Net:
    """The compiled form of `scenario` (built once, then cached)."""
    hit = _CACHE.get(id(scenario))
    if hit is not None and hit[0] is scenario:
        return hit[1]
    net = _compile(scenario)
    if len(_CACHE) > 32:
        _CACHE.clear()
    _CACHE[id(scenario)] = (scenario, net)
    return net


def _dijkstra(adj, n_nodes, weight, source, allowed):
    dist = np.full(n_nodes, np.inf)
    prev = np.full(n_nodes, -1, dtype=np.int64)
    hops = np.zeros(n_nodes, dtype=np.int64)
    dist[source] = 0.0
    heap = [(0.0, source)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist[u]:
            continue
        if hops[u] >= MAX_PATH_LEN:
            continue
        for r, v in adj[u]:
            if not allowed[r]:
                continue
            nd = d + weight[r]
            if nd < dist[v]:
                dist[v] = nd
                prev[v] = r
                hops[v] = hops[u] + 1
                heapq.heappush(heap, (nd, v))
    return dist, prev


def _trace(prev, r_origin, source, target):
    routes = []
    v = target
    seen = set()
    while v != source:
        r = int(prev[v])
        if r < 0 or v in seen:
            return None
        seen.add(v)
        routes.append(r)
        v = int(r_origin[r])
    routes.reverse()
    return tuple(routes)


def _enumerate_paths(adj, n_nodes, base_w, r_origin, r_dest, sources, markets, dormant):
    """Up to MAX_PATHS_PER_PAIR cheap, distinct, simple paths per (source, market).

    A penalty method: repeat Dijkstra, each time doubling the weight of routes already
    used, first on the active network, then with dormant routes allowed."""
    found: dict[tuple[int, int], list[tuple[int, ...]]] = {}
    all_allowed = np.ones(len(base_w), dtype=bool)
    active = ~dormant
    for src in sources:
        for phase, allowed in enumerate((active, all_allowed)):
            if phase == 1 and not dormant.any():
                break
            w = base_w.copy()
            rounds = MAX_PATHS_PER_PAIR if phase == 0 else MAX_PATHS_PER_PAIR // 3
            for rnd in range(rounds):
                _dist, prev = _dijkstra(adj, n_nodes, w, src, allowed)
                progress = False
                for mkt in markets:
                    if mkt == src:
                        continue
                    path = _trace(prev, r_origin, src, mkt)
                    if not path:
                        continue
                    lst = found.setdefault((src, mkt), [])
                    if path not in lst and len(lst) < MAX_PATHS_PER_PAIR:
                        nodes = [src, *(int(r_dest[r]) for r in path)]
                        if len(set(nodes)) == len(nodes):  # simple paths only
                            lst.append(path)
                            progress = True
                    for r in path:  # penalise what was found, new or not, to explore
                        w[r] *= 2.0
                if not progress and rnd > 2:
                    break
    # every dormant route: the cheapest path through it (source -> route -> market)
    allowed = np.ones(len(base_w), dtype=bool)
    from_src = {src: _dijkstra(adj, n_nodes, base_w, src, allowed)[1] for src in sources}
    for d in np.flatnonzero(dormant):
        _dist, after = _dijkstra(adj, n_nodes, base_w, int(r_dest[d]), allowed)
        for src in sources:
            head = () if int(r_origin[d]) == src else _trace(from_src[src], r_origin, src,
                                                            int(r_origin[d]))
            if head is None:
                continue
            for mkt in markets:
                tail = () if int(r_dest[d]) == mkt else _trace(after, r_origin,
                                                               int(r_dest[d]), mkt)
                if tail is None or mkt == src:
                    continue
                path = (*head, int(d), *tail)
                nodes = [src, *(int(r_dest[r]) for r in path)]
                lst = found.setdefault((src, mkt), [])
                if (len(path) <= MAX_PATH_LEN and len(set(nodes)) == len(nodes)
                        and path not in lst and len(lst) < MAX_PATHS_PER_PAIR + 4):
                    lst.append(path)
    return found


def _compile(sc: Scenario) -> Net:
    nation_ids = tuple(sc.nations)
    route_ids = tuple(sc.routes)
    loc_ids = tuple(sc.locations)
    traf_ids = tuple(sc.traffickers)
    asset_ids = tuple(sc.asset_types)
    alliance_ids = tuple(sc.alliances)
    nidx = {k: i for i, k in enumerate(nation_ids)}
    ridx = {k: i for i, k in enumerate(route_ids)}
    lidx = {k: i for i, k in enumerate(loc_ids)}
    tidx = {k: i for i, k in enumerate(traf_ids)}
    aidx = {k: i for i, k in enumerate(asset_ids)}
    alidx = {k: i for i, k in enumerate(alliance_ids)}
    routes = list(sc.routes.values())
    r_origin = np.array([lidx[r.origin] for r in routes], dtype=np.int64)
    r_dest = np.array([lidx[r.dest] for r in routes], dtype=np.int64)
    r_mode = np.array([MODE_INDEX[r.mode] for r in routes], dtype=np.int64)
    loc_nation = np.array([nidx.get(loc.nation, -1) for loc in sc.locations.values()],
                          dtype=np.int64)
    r_jur = np.array([nidx.get(r.jurisdiction, -1) if r.jurisdiction else -1 for r in routes],
                     dtype=np.int64)
    if r_jur.size:
        r_host = np.where(r_jur >= 0, r_jur, loc_nation[r_origin] if loc_nation.size else -1)
    else:
        r_host = r_jur.copy()
    assets = list(sc.asset_types.values())
    a_modes = np.zeros((len(assets), len(MODES)), dtype=bool)
    for i, a in enumerate(assets):
        for m in a.modes:
            if m in MODE_INDEX:
                a_modes[i, MODE_INDEX[m]] = True
    member = np.zeros((len(alliance_ids), len(nation_ids)), dtype=bool)
    for i, al in enumerate(sc.alliances.values()):
        for m in al.members:
            if m in nidx:
                member[i, nidx[m]] = True

    # paths
    n_nodes = len(loc_ids)
    adj: list[list[tuple[int, int]]] = [[] for _ in range(n_nodes)]
    for i in range(len(routes)):
        adj[int(r_origin[i])].append((i, int(r_dest[i])))
    base_w = np.array([max(r.cost, 0.0) + 0.01 for r in routes], dtype=np.float64)
    dormant = np.array([r.dormant for r in routes], dtype=bool)
    p_traf, p_list, p_src, p_mkt = [], [], [], []
    for t, tr in enumerate(sc.traffickers.values()):
        srcs = [lidx[s] for s in tr.sources if s in lidx]
        mkts = [lidx[m] for m in tr.markets if m in lidx]
        found = _enumerate_paths(adj, n_nodes, base_w, r_origin, r_dest, srcs, mkts, dormant)
        for (s, m), lst in found.items():
            lst.sort(key=lambda p: (float(base_w[list(p)].sum()), p))
            for p in lst:
                p_traf.append(t)
                p_list.append(p)
                p_src.append(s)
                p_mkt.append(m)
    L = max((len(p) for p in p_list), default=1)
    p_routes = np.full((len(p_list), L), -1, dtype=np.int64)
    for i, p in enumerate(p_list):
        p_routes[i, : len(p)] = p
    p_keys = tuple(PATH_SEP.join(route_ids[r] for r in p) for p in p_list)
    p_traf_a = np.array(p_traf, dtype=np.int64)
    traf_paths = tuple(np.flatnonzero(p_traf_a == t) for t in range(len(traf_ids)))
    # production split: each source's production is shared by the traffickers that list it
    users = np.zeros(n_nodes)
    for tr in sc.traffickers.values():
        for s in set(tr.sources):
            if s in lidx:
                users[lidx[s]] += 1
    source_share = np.zeros((len(traf_ids), n_nodes))
    for t, tr in enumerate(sc.traffickers.values()):
        for s in set(tr.sources):
            if s in lidx:
                source_share[t, lidx[s]] = 1.0 / users[lidx[s]]
    for arr in (r_origin, r_dest, r_mode, r_jur, r_host, loc_nation, a_modes, member,
                p_routes, p_traf_a, source_share):
        arr.setflags(write=False)
    return Net(
        scenario=sc,
        nation_ids=nation_ids, route_ids=route_ids, loc_ids=loc_ids, traf_ids=traf_ids,
        asset_ids=asset_ids, alliance_ids=alliance_ids,
        event_ids=tuple(sc.events), objective_ids=tuple(sc.objectives),
        nidx=nidx, ridx=ridx, lidx=lidx, tidx=tidx, aidx=aidx, alidx=alidx,
        eidx={k: i for i, k in enumerate(sc.events)},
        r_origin=r_origin, r_dest=r_dest, r_mode=r_mode, r_jur=r_jur, r_host=r_host,
        loc_nation=loc_nation,
        a_det=np.array([a.detection for a in assets], dtype=np.float64),
        a_int=np.array([a.interdiction for a in assets], dtype=np.float64),
        a_cost=np.array([a.cost for a in assets], dtype=np.float64),
        a_upkeep=np.array([a.upkeep for a in assets], dtype=np.float64),
        a_lead=np.array([a.lead_time for a in assets], dtype=np.int64),
        a_modes=a_modes, member=member,
        p_traf=p_traf_a, p_routes=p_routes,
        p_len=np.array([len(p) for p in p_list], dtype=np.int64),
        p_src=np.array(p_src, dtype=np.int64), p_mkt=np.array(p_mkt, dtype=np.int64),
        p_keys=p_keys,
        p_index={(int(t), k): i for i, (t, k) in enumerate(zip(p_traf_a, p_keys))},
        traf_paths=traf_paths, source_share=source_share,
    )
