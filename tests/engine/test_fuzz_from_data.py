"""Malformed plain-data orders (as read from JSON/YAML): `from_data` gives a value or an
InterdictError with a message, never another exception; values round-trip exactly, and
`validate_orders` / `resolve` judge them without raising."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.errors import InterdictError
from game.core.model import frozen_map
from game.core.orders import (
    BlueOrders,
    Funding,
    InstructorAction,
    RedOrders,
    TurnOrders,
    validate_orders,
)
from game.core.resolve import resolve, validate_instructor
from game.core.rng import turn_rng
from game.core.state import initial_state
from tests.engine.conftest import examples, scenario

SC = scenario("tutorial")
STATE = initial_state(SC, 7)
KEYS = ["nation", "funding", "sharing", "deploy", "grant_access", "buy", "rationale",
        "operations", "procurement", "intelligence", "governance", "capacity_building",
        "alliance_fund", "trafficker", "flows", "bribes", "adaptations", "open_routes",
        "react_to_leaks", "kind", "reason", "event", "title", "text", "audience", "target",
        "field", "verb", "value", "turn", "blue", "red", "instructor",
        *SC.nations, *SC.routes, *SC.asset_types, *SC.traffickers]
leaf = (st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats()
        | st.sampled_from([10**400, -(10**400)])  # beyond float range: no OverflowError
        | st.text(max_size=4)
        | st.sampled_from(["full", "set", "adjust", "*", "nation:usa", "route:go_fast",
                           "budget", "dormant", *SC.nations, *SC.routes]))
data = st.recursive(
    leaf, lambda c: st.lists(c, max_size=3)
    | st.dictionaries(st.sampled_from(KEYS) | st.integers(0, 3) | st.none(), c, max_size=4),
    max_leaves=14)
KINDS = {"blue": BlueOrders, "red": RedOrders, "instructor": InstructorAction,
         "turn": TurnOrders, "funding": Funding}


@settings(max_examples=examples(300, 5000), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(d=data, kind=st.sampled_from(sorted(KINDS)))
def test_from_data_gives_a_value_or_a_clear_error(d, kind):
    cls = KINDS[kind]
    try:
        value = cls.from_data(d)
    except InterdictError as exc:
        assert str(exc).strip(), "the error says what is wrong"
        return
    assert cls.from_data(value.to_data()) == value
    if kind == "blue" and value.nation in SC.nations:
        assert all(isinstance(e, str) and e for e in validate_orders(STATE, value.nation, value))
    elif kind == "red" and value.trafficker in SC.traffickers:
        assert all(isinstance(e, str) and e
                   for e in validate_orders(STATE, value.trafficker, value))
    elif kind == "instructor":
        assert all(isinstance(e, str) and e for e in validate_instructor(STATE, value))
    if kind in ("blue", "red", "instructor", "turn"):
        if kind == "blue":
            orders = TurnOrders(turn=1, blue=frozen_map({value.nation: value}))
        elif kind == "red":
            orders = TurnOrders(turn=1, red=frozen_map({value.trafficker: value}))
        elif kind == "instructor":
            orders = TurnOrders(turn=1, instructor=(value,))
        else:
            orders = value
        _, report = resolve(STATE, orders, turn_rng(7, 1, "resolve"))
        assert report.shipped == report.seized + report.delivered


def test_known_malformed_inputs_have_exact_messages():
    cases = [
        (BlueOrders, {"nation": "usa", "funding": {"operations": "lots"}},
         "orders of a nation: funding.operations: expected a number, got 'lots'"),
        (BlueOrders, {"nation": "usa", "deploy": {"go_fast": {"patrol_ship": 1.5}}},
         "orders of a nation: deploy.go_fast.patrol_ship: expected a whole number, got 1.5"),
        (BlueOrders, {"nation": "usa", "funding": {"operations": 10**400}},
         "orders of a nation: funding.operations: expected a finite number, got a number too "
         "large to use"),
        (BlueOrders, {"nation": "usa", "buy": {"patrol_ship": 10**400}},
         "orders of a nation: buy.patrol_ship: expected a whole number, got a number too large "
         "to use"),
        (BlueOrders, [1, 2], None),
        (RedOrders, {"trafficker": "x", "react_to_leaks": "yes"}, None),
        (InstructorAction, {"kind": "bogus", "reason": "r"}, None),
        (TurnOrders, {"instructor": 5}, "turn orders: instructor must be a list"),
    ]
    for cls, d, msg in cases:
        try:
            cls.from_data(d)
        except InterdictError as exc:
            if msg is not None:
                assert str(exc) == msg
        else:
            raise AssertionError(f"{cls.__name__}.from_data({d!r}) accepted malformed data")
