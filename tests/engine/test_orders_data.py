"""Orders have an exact plain-data round trip, and bad plain data gets a clear message."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.errors import InterdictError
from game.core.model import frozen_map
from game.core.orders import (
    BlueOrders,
    Funding,
    InstructorAction,
    RedOrders,
    TurnOrders,
)
from tests.engine.conftest import examples

ids = st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=10)
amounts = st.floats(0, 1e6, allow_nan=False, allow_infinity=False)
counts = st.integers(0, 50)

funding = st.builds(
    Funding, operations=amounts, procurement=amounts, intelligence=amounts, governance=amounts,
    capacity_building=st.dictionaries(ids, amounts, max_size=3).map(frozen_map),
    alliance_fund=st.dictionaries(ids, amounts, max_size=2).map(frozen_map))
blue = st.builds(
    BlueOrders, nation=ids, funding=funding,
    sharing=st.dictionaries(ids, st.sampled_from(["none", "partial", "full"]), max_size=4)
    .map(frozen_map),
    deploy=st.dictionaries(ids, st.dictionaries(ids, counts, max_size=3).map(frozen_map),
                           max_size=4).map(frozen_map),
    grant_access=st.none() | st.lists(ids, max_size=3).map(tuple),
    buy=st.dictionaries(ids, counts, max_size=3).map(frozen_map),
    rationale=st.text(max_size=40))
red = st.builds(
    RedOrders, trafficker=ids,
    flows=st.dictionaries(st.text("abc>_", min_size=1, max_size=12), amounts, max_size=4)
    .map(frozen_map),
    bribes=st.dictionaries(ids, amounts, max_size=3).map(frozen_map),
    adaptations=st.lists(ids, max_size=2).map(tuple),
    open_routes=st.lists(ids, max_size=2).map(tuple),
    react_to_leaks=st.booleans(), rationale=st.text(max_size=20))
action = st.one_of(
    st.builds(InstructorAction, kind=st.just("fire_event"), reason=st.text(max_size=20),
              event=ids),
    st.builds(InstructorAction, kind=st.just("inject"), reason=st.text(max_size=20),
              title=st.text(max_size=20), text=st.text(max_size=40),
              audience=st.lists(ids, max_size=3).map(tuple)),
    st.builds(InstructorAction, kind=st.just("adjust"), reason=st.text(max_size=20),
              target=ids.map(lambda s: "nation:" + s), field=ids,
              verb=st.sampled_from(["set", "add", "multiply"]),
              value=amounts | st.booleans() | ids))


@settings(max_examples=examples(60, 600))
@given(b=st.dictionaries(ids, blue, max_size=3), r=st.dictionaries(ids, red, max_size=2),
       acts=st.lists(action, max_size=3), turn=st.integers(1, 50))
def test_turn_orders_round_trip_through_json(b, r, acts, turn):
    b = {k: BlueOrders(nation=k, funding=v.funding, sharing=v.sharing, deploy=v.deploy,
                       grant_access=v.grant_access, buy=v.buy, rationale=v.rationale)
         for k, v in b.items()}
    r = {k: RedOrders(trafficker=k, flows=v.flows, bribes=v.bribes, adaptations=v.adaptations,
                      open_routes=v.open_routes, react_to_leaks=v.react_to_leaks,
                      rationale=v.rationale) for k, v in r.items()}
    orders = TurnOrders(turn=turn, blue=frozen_map(b), red=frozen_map(r), instructor=tuple(acts))
    data = json.loads(json.dumps(orders.to_data()))
    back = TurnOrders.from_data(data)
    assert back.to_data() == orders.to_data()
    assert back == orders or back.to_data() == orders.to_data()


@pytest.mark.parametrize("data, message", [
    ({"funding": {"operations": "ten"}},
     "orders of usa: funding.operations: expected a number, got 'ten'"),
    ({"funding": {"patrols": 3}},
     "orders of usa: funding: unknown key 'patrols' (expected one of: operations, procurement, "
     "intelligence, governance, capacity_building, alliance_fund)"),
    ({"sharing": {"col": "lots"}},
     "orders of usa: sharing with col: 'lots' is not one of none, partial, full"),
    ({"deploy": {"r1": {"patrol_ship": 1.5}}},
     "orders of usa: deploy.r1.patrol_ship: expected a whole number, got 1.5"),
    ({"grant_access": "col"},
     "orders of usa: grant_access: expected a list of names, got 'col'"),
    ({"deploy": ["r1"]}, "orders of usa: deploy: expected a mapping, got list"),
])
def test_bad_plain_data_names_the_problem(data, message):
    with pytest.raises(InterdictError) as exc:
        BlueOrders.from_data(data, "usa")
    assert str(exc.value) == message


def test_alliance_fund_may_be_a_number():
    o = BlueOrders.from_data({"funding": {"alliance_fund": 5}}, "usa")
    assert dict(o.funding.alliance_fund) == {"*": 5.0}
