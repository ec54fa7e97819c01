"""resolve never raises, whatever the orders: illegal ones are rejected with reasons."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.model import frozen_map
from game.core.network import compiled
from game.core.orders import BlueOrders, Funding, InstructorAction, RedOrders, TurnOrders
from game.core.resolve import resolve
from game.core.rng import turn_rng
from game.core.state import initial_state
from tests.engine.conftest import examples, scenario

SC = scenario("tutorial")
NET = compiled(SC)
nations = st.sampled_from([*SC.nations, "atlantis"])
routes = st.sampled_from([*SC.routes, "nowhere"])
assets = st.sampled_from([*SC.asset_types, "death_star"])
numbers = st.floats(allow_nan=True, allow_infinity=True) | st.integers(-5, 100)
counts = st.integers(-2, 6) | st.integers(-10**20, 10**20)  # huge: must not overflow

blue = st.builds(
    lambda n, f, sh, dep, g, b: BlueOrders(
        nation=n, funding=f, sharing=frozen_map(sh),
        deploy=frozen_map({r: frozen_map(a) for r, a in dep.items()}), grant_access=g,
        buy=frozen_map(b)),
    nations,
    st.builds(Funding, operations=numbers, procurement=numbers, intelligence=numbers,
              governance=numbers,
              capacity_building=st.dictionaries(nations, numbers, max_size=2).map(frozen_map),
              alliance_fund=st.dictionaries(st.sampled_from(["*", *SC.alliances, "nato"]),
                                            numbers, max_size=2).map(frozen_map)),
    st.dictionaries(nations, st.sampled_from(["none", "partial", "full", "lots"]), max_size=2),
    st.dictionaries(routes, st.dictionaries(assets, counts, max_size=2), max_size=3),
    st.none() | st.lists(nations, max_size=2).map(tuple),
    st.dictionaries(assets, counts, max_size=2))
red = st.builds(
    lambda t, fl, br, ad, op: RedOrders(trafficker=t, flows=frozen_map(fl),
                                        bribes=frozen_map(br), adaptations=ad, open_routes=op),
    st.sampled_from([*SC.traffickers, "nobody"]),
    st.dictionaries(st.sampled_from([*NET.p_keys, "a>b"]), numbers, max_size=3),
    st.dictionaries(nations, numbers, max_size=2),
    st.lists(st.sampled_from(["semi_submersible", "teleporter"]), max_size=2).map(tuple),
    st.lists(routes, max_size=2).map(tuple))
action = st.builds(
    InstructorAction, kind=st.sampled_from(["fire_event", "inject", "adjust", "bogus"]),
    reason=st.sampled_from(["", "because"]), event=st.sampled_from([*SC.events, "x"]),
    title=st.text(max_size=5), target=st.sampled_from(
        ["nation:usa", "route:go_fast", "mode:air", "alliance:bilateral", "nation:x", "bad"]),
    field=st.sampled_from(["budget", "seized", "corruption", "sovereignty", "dormant", "x"]),
    verb=st.sampled_from(["set", "add", "multiply", "explode"]),
    value=numbers | st.booleans() | st.sampled_from(["open", "closed", "x"]))


@settings(max_examples=examples(60, 600), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(b=st.lists(blue, max_size=3), r=st.lists(red, max_size=2),
       acts=st.lists(action, max_size=3), seed=st.integers(0, 2**32))
def test_resolve_never_raises_and_keeps_mass_balance(b, r, acts, seed):
    state = initial_state(SC, seed)
    orders = TurnOrders(turn=1, blue=frozen_map({o.nation: o for o in b}),
                        red=frozen_map({o.trafficker: o for o in r}), instructor=tuple(acts))
    for _ in range(2):
        state, report = resolve(state, orders, turn_rng(seed, state.turn, "resolve"))
        assert report.produced + report.stock_start == report.shipped + report.stock_end
        assert report.shipped == report.seized + report.delivered
        for rej in report.rejected:
            assert rej["reasons"]
        for act in report.instructor:
            assert act["applied"] or act["errors"]
    for name in ("n_corruption", "n_budget", "t_resources", "trust", "n_violence"):
        arr = getattr(state, name)
        assert (arr == arr).all(), name  # no NaN anywhere
