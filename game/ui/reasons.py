"""The engine's reasons an order is illegal, worded for students.

`game.core.orders` gives each reason as a `Reason`: a text in ids (orders files and logs
quote it) with a code and the values it names. Here each code becomes a sentence in the
names students know and amounts in points: "deploy: upkeep of the deployed assets is 8 but
operations are funded with 0" reads "the deployed assets' upkeep is 8 points but operations
are funded with 0 points"; "route coast_road is in Colombia's jurisdiction (consent): Colombia
has not granted usa access" reads "the land route Urabá > Cartagena is in Colombia's
jurisdiction (consent): Colombia has not granted access to United States forces".
"""

from __future__ import annotations

from game.core.orders import Reason
from game.core.state import adaptation_name
from game.persistence.names import entity_name, path_name
from game.ui.session import FUNDING


def readable(scenario, reason: str, fix: bool = False) -> str:
    """`reason` as a sentence for students, lower case first (`sentence` capitalises one
    shown on its own); with `fix`, followed by what to do about it where the panel has a
    control for it (the End-turn dialog has the room; the status line does not). A text
    that is not an engine reason with a wording here (the seat panel's own) is shown as
    it is."""
    code = getattr(reason, "code", None) if isinstance(reason, Reason) else None
    say = _SAY.get(code) if code else None
    if not say:
        return str(reason)
    names = _Names(scenario)
    text = say(names, *reason.args)
    if not fix or code not in _FIX:
        return text
    how = _FIX[code]
    return f"{text}: {how if isinstance(how, str) else how(names, *reason.args)}"


class _Names:
    """Ids to the names a scenario gives them, and amounts in points."""

    def __init__(self, scenario):
        self.sc = scenario
        self.unit = scenario.turn_label.lower()

    def nation(self, ident: str) -> str:
        """A nation's or a trafficker's name."""
        n = self.sc.nations.get(ident) or self.sc.traffickers.get(ident)
        return n.name if n is not None else ident

    def path(self, key: str) -> str:
        """A trafficker's path ("coast_road>go_fast") by its stops: "the path Urabá >
        Cartagena > Miami"."""
        name = path_name(self.sc, key)
        return f"the path {name}" if name is not None else f"the path '{key}'"

    def asset(self, ident: str) -> str:
        t = self.sc.asset_types.get(ident)
        return t.name if t is not None else ident

    def alliance(self, ident: str) -> str:
        al = self.sc.alliances.get(ident)
        return al.name if al is not None else f"'{ident}'"

    def route(self, rid: str, mode: bool = True) -> str:
        """"the land route Urabá > Cartagena"; "route Urabá > Cartagena" with `mode` off
        (the sentence said the mode already)."""
        r = self.sc.routes.get(rid)
        if r is None:
            return f"route {rid}"
        name = entity_name(self.sc, "route", rid, " > ")
        return f"the {r.mode} route {name}" if mode else f"route {name}"

    @staticmethod
    def funding(key: str) -> str:
        return {k: t for k, t, _w in FUNDING}.get(key, key.replace("_", " "))

    @staticmethod
    def amounts(*values: str) -> list[str]:
        """Amounts to the tenth, or finer where the tenth would show two different amounts
        alike."""
        nums = [float(v) for v in values]
        for places in (1, 2, 3, 6):
            shown = [f"{round(v, places):g}" for v in nums]
            if len(set(shown)) == len(set(nums)):
                break
        return shown

    def points(self, *values: str) -> list[str]:
        """Amounts in points (`amounts`)."""
        return [f"{x} point" if x in ("1", "-1") else f"{x} points"
                for x in self.amounts(*values)]


def _mode(n: _Names, asset: str, rid: str) -> str:
    r = n.sc.routes.get(rid)
    where = n.route(rid, mode=False)
    return f"a {n.asset(asset)} cannot operate on {r.mode + ' ' if r else ''}{where}"


def _nan_of(n: _Names, key: str, whom: str) -> str:
    if key == "flows":
        return f"the tons sent on {n.path(whom)} are not a number"
    if key == "bribes":
        return f"the bribe for {n.nation(whom)} is not a number"
    whose = n.nation(whom) if key == "capacity_building" else (
        "" if whom == "*" else n.alliance(whom))
    return f"{n.funding(key)}{' for ' + whose if whose else ''} is not a number"


def _dormant(n: _Names, key: str, *closed: str) -> str:
    which = ", ".join(n.route(r) for r in closed)
    return f"{n.path(key)} uses {which}, which is dormant: open it first (Money tab)" \
        if len(closed) == 1 else \
        f"{n.path(key)} uses dormant routes ({which}): open them first (Money tab)"


def _stock(n: _Names, want: str, side: str, have: str) -> str:
    sent, stock = n.amounts(want, have)
    return f"{sent} t are sent but {n.nation(side)} has {stock} t to ship"


def _resources(n: _Names, cost: str, side: str, have: str) -> str:
    spent, held = n.amounts(cost, have)
    return f"bribes and adaptations cost {spent} but {n.nation(side)} has {held} in resources"


def _jurisdiction(n: _Names, rid: str, host: str) -> str:
    return f"{n.route(rid)} is in {n.nation(host)}'s jurisdiction"


_SAY = {
    "upkeep": lambda n, need, have: (
        "the deployed assets' upkeep is {} but operations are funded with {}".format(
            *n.points(need, have))),
    "cost": lambda n, cost, have: (
        "the assets ordered cost {} but procurement is funded with {}".format(
            *n.points(cost, have))),
    "total": lambda n, total, budget: (
        "the funding adds up to {}, more than the {} available".format(*n.points(total, budget))),
    "rationale": lambda n: (
        f"this exercise requires a short rationale every {n.unit} (the Why tab)"),
    "owned": lambda n, want, asset, side, have: (
        f"{n.asset(asset)}: {want} deployed but {n.nation(side)} has {have}"),
    "has": lambda n, side, have, asset: f"{n.nation(side)} has {have} {n.asset(asset)}",
    "negative": lambda n, key, v: f"{n.funding(key)} funding is negative ({n.points(v)[0]})",
    "nan": lambda n, key: f"{n.funding(key)} funding is not a number",
    "nan_of": _nan_of,
    "cb_unknown": lambda n, p: (
        f"capacity building goes to '{p}', which is not a nation in this scenario"),
    "cb_self": lambda n: (
        "capacity building goes to partners, not to your own nation (fund governance instead)"),
    "cb_negative": lambda n, p, v: (
        f"capacity building for {n.nation(p)} is negative ({n.points(v)[0]})"),
    "af_other": lambda n, a, side: (
        f"the alliance fund goes to {n.alliance(a)}, an alliance {n.nation(side)} is not a "
        "member of"),
    "af_none": lambda n, side: (
        f"money goes to the alliance fund, but {n.nation(side)} is in no alliance"),
    "af_negative": lambda n, v: f"the alliance fund is negative ({n.points(v)[0]})",
    "share_unknown": lambda n, p: (
        f"intelligence is shared with '{p}', which is not a nation in this scenario"),
    "share_self": lambda n: "a nation does not share intelligence with itself",
    "share_level": lambda n, p, level: (
        f"intelligence shared with {n.nation(p)} at '{level}': the levels are none, partial "
        "and full"),
    "grant_unknown": lambda n, g: (
        f"access is granted to '{g}', which is not a nation in this scenario"),
    "grant_self": lambda n: "a nation needs no grant of access to its own routes",
    "buy_no_type": lambda n, a: f"'{a}' cannot be bought: it is not an asset type in this scenario",
    "deploy_no_type": lambda n, a: (
        f"'{a}' cannot be deployed: it is not an asset type in this scenario"),
    "no_route": lambda n, r: f"'{r}' is not a route in this scenario: nothing can be deployed on it",
    "buy_negative": lambda n, a: f"a negative number of {n.asset(a)} is ordered",
    "deploy_negative": lambda n, a, r: (
        f"a negative number of {n.asset(a)} is deployed on {n.route(r)}"),
    "fraction": lambda n, r, a: (
        f"the number of {n.asset(a)} deployed on {n.route(r)} is not a whole number"),
    "buy_fraction": lambda n, a: f"the number of {n.asset(a)} ordered is not a whole number",
    "deploy_many": lambda n, r, a, count, most: (
        f"{count} {n.asset(a)} deployed on {n.route(r)}: more than the {most} allowed"),
    "buy_many": lambda n, a, count, most: (
        f"{count} {n.asset(a)} ordered: more than the {most} allowed"),
    "wrong_side": lambda n, named, side: (
        f"these orders name {n.nation(named)} but are given for {n.nation(side)}"),
    "mode": _mode,
    "closed": lambda n, r, host: (
        f"{_jurisdiction(n, r, host)}, which is closed to foreign forces"),
    "consent": lambda n, r, host, guest: (
        f"{_jurisdiction(n, r, host)} (consent): {n.nation(host)} has not granted access to "
        f"{n.nation(guest)} forces"),
    "no_joint": lambda n, r, host, guest: (
        f"{_jurisdiction(n, r, host)} and no alliance with joint operations lets "
        f"{n.nation(guest)} forces in"),
    # a trafficker's (`_validate_red`)
    "no_path": lambda n, key, side: f"{n.path(key)} is not one of {n.nation(side)}'s paths",
    "flow_negative": lambda n, key: f"a negative number of tons is sent on {n.path(key)}",
    "flow_dormant": _dormant,
    "stock": _stock,
    "bribe_unknown": lambda n, nat: (
        f"a bribe goes to '{nat}', which is not a nation in this scenario"),
    "bribe_negative": lambda n, nat: f"the bribe for {n.nation(nat)} is negative",
    "adapt_unknown": lambda n, a: f"'{a}' is not an adaptation in this game",
    "adapt_have": lambda n, side, a: f"{n.nation(side)} already has {adaptation_name(a)}",
    "open_unknown": lambda n, r: f"'{r}' is not a route in this scenario: it cannot be opened",
    "open_open": lambda n, r: f"{n.route(r)} is already open",
    "resources": _resources,
}
"""Every code of a side's reasons (`_validate_blue`, `deployment_reasons`, `_validate_red`)
and its words."""

_FIX = {
    "upkeep": "raise Operations on the Funding tab, or withdraw assets (Operations tab)",
    "cost": "raise Procurement on the Funding tab, or buy less",
    "total": "lower a line on the Funding tab",
    "owned": "withdraw some on the Operations tab",
    "consent": "ask for access (Operations tab), or deploy elsewhere",
    "closed": "deploy elsewhere",
    "no_joint": "deploy elsewhere",
    "mode": lambda n, a, _r: (
        "it works on {} routes only".format(" and ".join(n.sc.asset_types[a].modes))
        if a in n.sc.asset_types else "choose another route"),
    "stock": "lower the tons on the Shipments tab",
    "resources": "lower the bribes or drop an adaptation (Money tab)",
}
"""What a student does about a reason, for the codes the seat's panel has a control for."""

