"""Edge cases the rules must survive with exact mass balance and finite, non-negative state:
zero budgets, nations without assets, 1 and 200 turns, alliances of one, capacities set to 0,
multiplication by 0, negatives reached by `add`, markets cut off; white-cell values out of range."""

from dataclasses import replace

import numpy as np
import pytest

from game.ai.session import Game, default_seats
from game.core.events import MAX_NUMBER, apply_change
from game.core.model import Alliance, Effect, Event, Trigger, frozen_map
from game.core.orders import InstructorAction
from tests.engine.builders import nation, two_corridors, with_turns

FIELDS = ("n_corruption", "n_budget", "n_governance", "n_intel", "n_violence", "t_resources",
          "t_stock", "trust", "al_cohesion", "al_interop")


def _event(id_, turn, target, verb, changes, duration=None) -> Event:
    return Event(id_, id_, "text", Trigger(turns=(turn,)),
                 (Effect(target, verb, frozen_map(changes), duration),))


def _play(sc, seed=1, blue=None, red=None):
    game = Game.new(sc, seed, default_seats(sc, blue, red))
    reports = []
    while not game.is_over:
        r = game.end_turn()
        assert r.produced + r.stock_start == r.shipped + r.stock_end
        assert r.shipped == r.seized + r.delivered
        reports.append(r)
    for name in FIELDS:
        arr = np.asarray(getattr(game.state, name), dtype=float)
        assert np.isfinite(arr).all() and (arr >= 0).all(), name
    return game, reports


def test_one_turn_and_two_hundred_turns():
    _, one = _play(with_turns(two_corridors(), 1))
    assert len(one) == 1 and one[0].produced == 20.0
    game, many = _play(with_turns(two_corridors(), 200), red="fixed")
    assert len(many) == 200 and game.is_over
    assert sum(r.produced for r in many) == 200 * 20.0


@pytest.mark.parametrize("blue", ["baseline", "aggressive", "random"])
def test_zero_budget_and_no_assets(blue):
    ns = {"usa": nation("usa", budget=0.0, assets={}), "col": nation("col", budget=0.0)}
    _, reps = _play(two_corridors(nations=ns), blue=blue)
    assert all(r.seized == 0.0 and r.rejected == () for r in reps)
    assert sum(r.delivered for r in reps) == 240.0


def test_alliance_of_one_member_and_no_alliance():
    ns = {"usa": nation("usa", assets={"patrol_ship": 2})}
    solo = {"solo": Alliance("solo", "Solo", ("usa",), "full", True, 0.5)}
    game, reps = _play(two_corridors(nations=ns, alliances=solo))
    assert float(game.state.al_cohesion[0]) > 0.0  # follows a trust of 1 with itself
    assert all(r.rejected == () for r in reps)
    _, reps = _play(two_corridors(nations=ns, alliances={}))
    assert all(r.rejected == () for r in reps)


@pytest.mark.parametrize("red", ["adaptive", "fixed", "random"])
def test_every_route_to_the_market_closed_keeps_the_product_in_stock(red):
    events = {f"c{i}": _event(f"c{i}", 2, f"route:{r}", "set", {"capacity": 0.0})
              for i, r in enumerate(("east_in", "west_in", "air"))}
    _, reps = _play(two_corridors(events=events), red=red)
    assert all(r.shipped == 0.0 for r in reps[1:])
    assert reps[-1].stock_end == reps[0].stock_end + 20.0 * 11


def test_zero_multipliers_and_negative_adds_stay_at_zero():
    events = {
        "neg": _event("neg", 2, "nation:usa", "add", {"budget": -1000.0, "intel": -5.0}),
        "res": _event("res", 3, "trafficker:cartel", "add", {"resources": -1e6}),
        "dark": _event("dark", 2, "mode:maritime", "multiply",
                       {"detection": 0.0, "interdiction": 0.0}, 3),
        "nomode": _event("nomode", 6, "mode:maritime", "set", {"capacity": 0.0}),
        "dry": _event("dry", 9, "location:src", "multiply", {"production": 0.0}),
    }
    game, reps = _play(two_corridors(events=events))
    assert float(game.state.n_budget[0]) == 0.0
    maritime = ("east_out", "east_in", "west_out", "west_in")
    for r in reps[1:4]:  # turns 2-4: no maritime seizure while the mode is dark
        assert all(r.by_route[k]["seized"] == 0.0 for k in maritime)
    assert all(r.produced == 0.0 for r in reps[8:])


def test_apply_change_never_stores_infinity_or_more_than_the_maximum():
    w = {"n_budget": np.array([1e8, 5.0])}
    assert apply_change(w, "nation", 0, "budget", "multiply", 1e305) is False  # inf
    assert w["n_budget"][0] == 1e8
    assert apply_change(w, "nation", 0, "budget", "multiply", 100.0) is True
    assert w["n_budget"][0] == MAX_NUMBER
    assert apply_change(w, "nation", 1, "budget", "set", float("nan")) is False
    d = {"r_dormant": np.array([True])}
    assert apply_change(d, "route", 0, "dormant", "set", "false") is False
    assert bool(d["r_dormant"][0]) is True


def _adjust(target, field, value, verb="set"):
    return InstructorAction("adjust", "white cell", target=target, field=field, verb=verb,
                            value=value)


@pytest.mark.parametrize(("action", "reason"), [
    (_adjust("route:air", "dormant", "false"),
     "adjust: dormant is set to true or false, not 'false'"),
    (_adjust("route:air", "dormant", 0.5), "adjust: dormant is set to true or false, not 0.5"),
    (_adjust("nation:usa", "budget", 1e308, "multiply"),
     "adjust: budget takes a number from -1,000,000,000 to 1,000,000,000"),
    (_adjust("location:src", "production", 1e300),
     "adjust: production takes a number from -1,000,000,000 to 1,000,000,000"),
    (_adjust("route:east_in", "seized", 1e19),
     "adjust: an adjudicated seizure is `set` to a number of tons from 0 to 1,000,000,000"),
    (_adjust("route:", "cost", 1.0), "adjust: target 'route:' is not kind:id of this scenario"),
    (_adjust("mode:submarine", "capacity", 1.0),
     "adjust: target 'mode:submarine' is not kind:id of this scenario"),
])
def test_out_of_range_white_cell_adjustments_are_rejected(action, reason):
    sc = two_corridors()
    game = Game.new(sc, 1, default_seats(sc, None, None))
    assert game.instructor(action) == [reason]
    game.end_turn()  # and the game goes on
    assert game.state.turn == 2


def test_huge_counts_are_rejected_not_overflowing():
    from game.core.orders import BlueOrders, TurnOrders, validate_orders
    from game.core.resolve import resolve
    from game.core.rng import turn_rng
    from game.core.state import initial_state

    sc = two_corridors()
    state = initial_state(sc, 3)
    o = BlueOrders.from_data({"nation": "usa", "deploy": {"east_in": {"patrol_ship": 10**20}},
                              "buy": {"patrol_ship": -10**19}})
    reasons = ["deploy.east_in.patrol_ship: 1e+20 units is beyond the 1,000,000 allowed",
               "buy.patrol_ship: -1e+19 units is beyond the 1,000,000 allowed"]
    assert validate_orders(state, "usa", o) == reasons
    _, report = resolve(state, TurnOrders(turn=1, blue=frozen_map({"usa": o})),
                        turn_rng(3, 1, "resolve"))
    assert report.rejected == ({"side": "usa", "reasons": tuple(reasons)},)


def test_numbers_beyond_float_range_are_refused_not_crashed_on():
    """A whole number with hundreds of digits (from a hand-written orders file, say) is a
    reason, never an OverflowError: in every number of every order and instructor action."""
    from game.core.network import compiled
    from game.core.orders import BlueOrders, Funding, RedOrders, TurnOrders, validate_orders
    from game.core.resolve import resolve, validate_instructor
    from game.core.rng import turn_rng
    from game.core.state import initial_state
    from tests.engine.conftest import scenario

    sc = scenario("tutorial")
    st = initial_state(sc, 1)
    huge = 10**400
    path = compiled(sc).p_keys[0]
    blue = [
        (BlueOrders(nation="usa", deploy=frozen_map({"go_fast": frozen_map({"patrol_ship": huge})})),
         "deploy.go_fast.patrol_ship: more than 10^308 units is beyond the 1,000,000 allowed"),
        (BlueOrders(nation="usa", buy=frozen_map({"patrol_ship": huge})),
         "buy.patrol_ship: more than 10^308 units is beyond the 1,000,000 allowed"),
        (BlueOrders(nation="usa", funding=Funding(operations=huge)),
         "operations: not a finite number"),
        (BlueOrders(nation="usa", funding=Funding(alliance_fund=frozen_map({"*": -huge}))),
         "alliance_fund.*: not a finite number"),
    ]
    for orders, reason in blue:
        assert validate_orders(st, "usa", orders) == [reason]
        _, report = resolve(st, TurnOrders(turn=1, blue=frozen_map({"usa": orders})),
                            turn_rng(1, 1, "resolve"))
        assert [r["reasons"] for r in report.rejected] == [(reason,)]
    red = RedOrders(trafficker="clan_del_golfo", flows=frozen_map({path: huge}),
                    bribes=frozen_map({"colombia": huge}))
    assert validate_orders(st, "clan_del_golfo", red) == [
        f"flows.{path}: not a finite number", "bribes.colombia: not a finite number"]
    for target, field in (("nation:usa", "budget"), ("route:go_fast", "seized")):
        act = InstructorAction(kind="adjust", reason="r", target=target, field=field,
                               verb="set", value=huge)
        assert len(validate_instructor(st, act)) == 1


@pytest.mark.parametrize("red", ["adaptive", "fixed"])
def test_traffickers_sharing_a_source_and_a_market_both_ship(red):
    """Two traffickers on the same corridors have paths with the same route sequence: each
    trafficker's orders name its own path, and neither is rejected."""
    base = two_corridors()
    cartel = base.traffickers["cartel"]
    rival = replace(cartel, id="rival", name="Rival", resources=20.0)
    sc = replace(base, traffickers=frozen_map({"cartel": cartel, "rival": rival}))
    _game, reports = _play(with_turns(sc, 4), red=red)
    assert [r.rejected for r in reports] == [()] * 4
    for tid in ("cartel", "rival"):  # the source's 20 t a turn, split evenly; both ship
        assert [r.by_trafficker[tid]["produced"] for r in reports] == [10.0] * 4
        assert all(r.by_trafficker[tid]["shipped"] >= 5.0 for r in reports)


def test_a_market_pays_for_its_demand_and_no_more():
    """Tons beyond a market's demand are delivered but earn nothing; demand 0 is no limit."""
    def first_turn(demand):
        base = two_corridors()
        mkt = replace(base.locations["mkt"], demand=demand)
        sc = replace(base, locations=frozen_map({**base.locations, "mkt": mkt}))
        _game, (r,) = _play(with_turns(sc, 1), blue="passive", red="fixed")
        return r.delivered, r.by_trafficker["cartel"]["resources"]

    (d_free, res_free), (d_cap, res_cap), (d_50, res_50) = map(first_turn, (0.0, 5.0, 50.0))
    assert d_free == d_cap == d_50 == 20.0  # passive Blue: all 20 t arrive
    assert res_free == res_50 == 50.0 + 0.1 * 20.0 * 20  # price 20, 10% of revenue kept
    assert res_cap == 50.0 + 0.1 * 20.0 * 5


def test_a_flooded_market_shares_its_demand_and_a_collapsed_one_pays_nothing():
    base = two_corridors()
    cartel = base.traffickers["cartel"]
    rival = replace(cartel, id="rival", name="Rival", resources=20.0)
    mkt = replace(base.locations["mkt"], demand=5.0)
    sc = with_turns(replace(base, traffickers=frozen_map({"cartel": cartel, "rival": rival}),
                            locations=frozen_map({**base.locations, "mkt": mkt})), 1)
    _game, (r,) = _play(sc, blue="passive", red="fixed")
    assert (r.by_trafficker["cartel"]["delivered"], r.by_trafficker["rival"]["delivered"]) == \
        (10.0, 10.0)
    # 20 t into a market that pays for 5: each is paid for its half, 2.5 t at 20, 10% kept
    assert r.by_trafficker["cartel"]["resources"] == 50.0 + 0.1 * 20.0 * 2.5
    assert r.by_trafficker["rival"]["resources"] == 20.0 + 0.1 * 20.0 * 2.5
    # the white cell makes the market collapse (demand 0): it pays nothing, not without limit
    game = Game.new(sc, 1, default_seats(sc, "passive", "fixed"))
    assert game.instructor(_adjust("location:mkt", "demand", 0.0)) == []
    (r0,) = game.play()
    assert r0.delivered == 20.0
    assert r0.by_trafficker["cartel"]["resources"] == 50.0
