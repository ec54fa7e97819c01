"""Sovereignty: closed nations' routes are off limits; consent needs the host's grant."""

from game.ai.session import Game
from game.core.model import Alliance, frozen_map
from game.core.orders import BlueOrders, Funding, TurnOrders
from game.core.resolve import resolve
from game.core.rng import turn_rng
from game.core.state import initial_state
from tests.engine.builders import nation, two_corridors


def _scenario(col_sovereignty: str):
    nations = {
        "usa": nation("usa", assets={"patrol_ship": 2}),
        "col": nation("col", sovereignty=col_sovereignty, assets={"patrol_ship": 1}),
    }
    alliances = {"pact": Alliance("pact", "Pact", ("usa", "col"), "partial", True, 0.6)}
    return two_corridors(nations=nations, alliances=alliances, west_jurisdiction="col")


def _deploy_west(nation_id="usa") -> BlueOrders:
    return BlueOrders(nation=nation_id, funding=Funding(operations=4.0),
                      deploy=frozen_map({"west_out": frozen_map({"patrol_ship": 1})}))


def test_closed_host_rejects_foreign_deployment_with_the_reason():
    game = Game.new(_scenario("closed"), seed=1, baseline=False)
    assert game.submit("usa", _deploy_west()) == [
        "deploy: route west_out is in Col's jurisdiction, which is closed to foreign forces"]
    # a grant does not open a closed host
    assert game.submit("col", BlueOrders(nation="col", grant_access=("usa",))) == []
    assert game.submit("usa", _deploy_west())[0].endswith("closed to foreign forces")
    # the host's own assets are always welcome on its own routes
    assert game.submit("col", _deploy_west("col")) == []


def test_consent_host_needs_a_grant_this_turn():
    sc = _scenario("consent")
    game = Game.new(sc, seed=1, baseline=False)
    assert game.submit("usa", _deploy_west()) == [
        "deploy: route west_out is in Col's jurisdiction (consent): Col has not granted usa access"]
    assert game.submit("col", BlueOrders(nation="col", grant_access=("usa",))) == []
    assert game.submit("usa", _deploy_west()) == []
    report = game.end_turn()
    assert report.rejected == ()
    assert game.history[-1].orders.blue["usa"].deploy["west_out"]["patrol_ship"] == 1


def test_resolve_rejects_a_consent_deployment_without_the_grant_and_keeps_state_clean():
    sc = _scenario("consent")
    state = initial_state(sc, 3)
    orders = TurnOrders(turn=1, blue=frozen_map({"usa": _deploy_west()}))
    nxt, report = resolve(state, orders, turn_rng(3, 1, "resolve"))
    assert [r["side"] for r in report.rejected] == ["usa"]
    assert report.rejected[0]["reasons"][0].endswith("Col has not granted usa access")
    assert len(nxt.deployed) == 0  # treated as empty orders
    granted = TurnOrders(turn=1, blue=frozen_map({
        "usa": _deploy_west(), "col": BlueOrders(nation="col", grant_access=("usa",))}))
    nxt, report = resolve(state, granted, turn_rng(3, 1, "resolve"))
    assert report.rejected == ()
    assert nxt.deployed.tolist() == [[0, 2, 0, 1]]  # usa, west_out, patrol_ship, 1


def test_open_ally_and_international_routes_need_no_grant():
    game = Game.new(_scenario("open"), seed=1, baseline=False)
    assert game.submit("usa", _deploy_west()) == []
    assert game.submit("usa", BlueOrders(
        nation="usa", funding=Funding(operations=4.0),
        deploy=frozen_map({"east_in": frozen_map({"patrol_ship": 1})}))) == []


def test_wrong_mode_and_too_many_assets_are_rejected():
    game = Game.new(_scenario("open"), seed=1, baseline=False)
    errs = game.submit("usa", BlueOrders(
        nation="usa", funding=Funding(operations=12.0),
        deploy=frozen_map({"air": frozen_map({"patrol_ship": 3})})))
    assert errs == ["deploy: a Patrol ship cannot operate on air route air",
                    "deploy: 3 patrol_ship deployed but usa has 2"]


def test_upkeep_must_be_funded_and_budget_respected():
    game = Game.new(_scenario("open"), seed=1, baseline=False)
    errs = game.submit("usa", BlueOrders(
        nation="usa", funding=Funding(operations=3.0, governance=60.0),
        deploy=frozen_map({"east_in": frozen_map({"patrol_ship": 1})})))
    assert errs == ["funding: the total 63 exceeds the budget available 50",
                    "deploy: upkeep of the deployed assets is 4 but operations are funded with 3"]


def test_deployment_reasons_for_tooltips():
    from game.core.orders import deployment_reasons
    from game.core.state import initial_state

    state = initial_state(_scenario("closed"), 1)
    assert deployment_reasons(state, "usa", "west_out", "patrol_ship") == [
        "deploy: route west_out is in Col's jurisdiction, which is closed to foreign forces"]
    assert deployment_reasons(state, "usa", "air", "patrol_ship") == [
        "deploy: a Patrol ship cannot operate on air route air"]
    assert deployment_reasons(state, "usa", "east_in", "patrol_ship") == []
    assert deployment_reasons(state, "usa", "east_in", "patrol_ship", 3) == [
        "deploy: 3 patrol_ship deployed but usa has 2"]


def test_non_finite_numbers_are_rejected_not_propagated():
    from game.core.orders import RedOrders

    game = Game.new(_scenario("open"), seed=1, baseline=False)
    assert game.submit("usa", BlueOrders(nation="usa", funding=Funding(governance=float("nan")))) \
        == ["governance: not a finite number"]
    assert game.submit("cartel", RedOrders(trafficker="cartel",
                                           bribes=frozen_map({"usa": float("inf")}))) == [
        "bribes.usa: not a finite number"]
    assert game.submit("usa", BlueOrders(nation="usa", deploy=frozen_map(
        {"east_in": frozen_map({"patrol_ship": 1.5})}))) == [
        "deploy.east_in.patrol_ship: not a whole number"]
