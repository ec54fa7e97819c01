"""The reasons a choice is illegal read in names in the Blue seat's panel: the engine's
reasons name routes and nations by id (they also locate a mistake in an orders file), and the
disabled "+" used to show them as they were ("route coast_road is in Colombia's jurisdiction
(consent): Colombia has not granted usa access; a Patrol ship cannot operate on land route
coast_road")."""

from __future__ import annotations

import pickle
import re

from conftest import SCENARIOS, click, find_button, into_turn

from game.core.model import frozen_map as fm
from game.core.orders import (
    BlueOrders,
    Funding,
    Reason,
    RedOrders,
    deployment_reasons,
    rationale_missing,
    validate_orders,
)
from game.core.state import initial_state
from game.scenario import load_scenario
from game.ui.reasons import _FIX, _SAY, readable


def test_the_disabled_plus_gives_its_reasons_in_names(app):
    into_turn(app, "tutorial")
    s = app.session
    assert s.deploy_reasons("usa", "coast_road", "patrol_ship") == [
        "route coast_road is in Colombia's jurisdiction (consent): Colombia has not granted "
        "usa access", "a Patrol ship cannot operate on land route coast_road"]  # the engine's
    click(app, find_button(app, "Operations"))
    app.scene.select_route("coast_road")
    app.step()
    plus = app.scene.asset_buttons["patrol_ship"][1]
    # it looks disabled but stays live: pygame_gui shows no tooltip on a disabled button, so
    # a student saw a silent grey "+"; the tooltip shows on hover, a click explains
    assert plus.is_enabled and "@blocked" in plus.object_ids
    assert plus.tool_tip_text == (
        "The land route Urabá > Cartagena is in Colombia's jurisdiction (consent): Colombia "
        "has not granted access to United States forces; a Patrol ship cannot operate on land "
        "route Urabá > Cartagena")
    click(app, plus)
    assert app.errors[-1] == "\n".join([
        "Cannot deploy there",
        "The land route Urabá > Cartagena is in Colombia's jurisdiction (consent): Colombia "
        "has not granted access to United States forces: ask for access (Operations tab), "
        "or deploy elsewhere",
        "A Patrol ship cannot operate on land route Urabá > Cartagena: it works on maritime "
        "routes only"])
    assert s.draft("usa").deploy.get("coast_road", {}).get("patrol_ship", 0) == 0
    uav = app.scene.asset_buttons["uav"][1]  # a UAV may fly there once access is granted
    assert "@blocked" in uav.object_ids
    assert not app.internal_errors


def test_a_text_that_is_no_engine_reason_is_shown_as_it_is():
    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    st = initial_state(sc, 1)
    nobody = validate_orders(st, "cartel", RedOrders(trafficker="cartel"))
    assert [readable(sc, r) for r in nobody] == ["unknown side 'cartel'"]  # not for students
    assert readable(sc, "route nowhere is unknown") == "route nowhere is unknown"
    assert readable(sc, Reason("a_code_of_the_future", "route go_fast is new")) == \
        "route go_fast is new"


def test_a_reason_keeps_its_code_through_a_prefix_cut_a_copy_and_a_pickle():
    r = Reason("owned", "deploy: 3 patrol_ship deployed but usa has 2", "3", "patrol_ship",
               "usa", "2")
    for same in (r.removeprefix("deploy: "), pickle.loads(pickle.dumps(r))):
        assert isinstance(same, Reason)
        assert (same.code, same.args) == (r.code, r.args)
    assert r.removeprefix("deploy: ") == "3 patrol_ship deployed but usa has 2"
    assert pickle.loads(pickle.dumps(r)) == r


# Every reason game.core.orders gives a nation's orders, as the engine words it (the orders
# file's reader shows these) and as the Blue seat's panel words it for students: no "deploy:",
# "funding:" ... prefix, names instead of ids, amounts in points.
TUTORIAL_REASONS = {
    "the orders name 'colombia' but are given for 'usa'":
        "these orders name Colombia but are given for United States",
    "funding: operations is negative (-1)": "Operations funding is negative (-1 point)",
    "funding: capacity building goes to partners, not to yourself (use governance)":
        "capacity building goes to partners, not to your own nation (fund governance instead)",
    "funding: capacity building for 'nowhere', which is not a nation in this scenario":
        "capacity building goes to 'nowhere', which is not a nation in this scenario",
    "funding: capacity building for colombia is negative (-1.5)":
        "capacity building for Colombia is negative (-1.5 points)",
    "funding: alliance fund for 'nonesuch', an alliance usa is not a member of":
        "the alliance fund goes to 'nonesuch', an alliance United States is not a member of",
    "funding: alliance fund is negative (-1)": "the alliance fund is negative (-1 point)",
    "funding: the total 1000 exceeds the budget available 60":
        "the funding adds up to 1000 points, more than the 60 points available",
    "sharing: 'nowhere' is not a nation in this scenario":
        "intelligence is shared with 'nowhere', which is not a nation in this scenario",
    "sharing: a nation does not share with itself":
        "a nation does not share intelligence with itself",
    "sharing with colombia: 'lots' is not one of none, partial, full":
        "intelligence shared with Colombia at 'lots': the levels are none, partial and full",
    "grant_access: 'nowhere' is not a nation in this scenario":
        "access is granted to 'nowhere', which is not a nation in this scenario",
    "grant_access: a nation always has access to its own routes":
        "a nation needs no grant of access to its own routes",
    "buy: 'tank' is not an asset type in this scenario":
        "'tank' cannot be bought: it is not an asset type in this scenario",
    "buy: negative count for patrol_ship": "a negative number of Patrol ship is ordered",
    "buy: the assets cost 110 but procurement is funded with 0":
        "the assets ordered cost 110 points but procurement is funded with 0 points",
    "deploy: 'nowhere' is not a route in this scenario":
        "'nowhere' is not a route in this scenario: nothing can be deployed on it",
    "deploy: route coast_road is in Colombia's jurisdiction (consent): Colombia has not "
    "granted usa access":
        "the land route Urabá > Cartagena is in Colombia's jurisdiction (consent): Colombia "
        "has not granted access to United States forces",
    "deploy: a Patrol ship cannot operate on land route coast_road":
        "a Patrol ship cannot operate on land route Urabá > Cartagena",
    "deploy: 'tank' is not an asset type in this scenario":
        "'tank' cannot be deployed: it is not an asset type in this scenario",
    "deploy: negative count of uav on coast_road":
        "a negative number of UAV is deployed on the land route Urabá > Cartagena",
    "deploy: 3 patrol_ship deployed but usa has 2":
        "Patrol ship: 3 deployed but United States has 2",
    "deploy: upkeep of the deployed assets is 12 but operations are funded with -1":
        "the deployed assets' upkeep is 12 points but operations are funded with -1 point",
}
MALFORMED_REASONS = {  # orders that stop the check at their first look
    "operations: not a finite number": "Operations funding is not a number",
    "capacity_building.colombia: not a finite number":
        "Capacity building for Colombia is not a number",
    "alliance_fund.*: not a finite number": "Alliance fund is not a number",
    "deploy.go_fast.uav: not a whole number":
        "the number of UAV deployed on the maritime route Cartagena > Miami is not a whole "
        "number",
    "deploy.go_fast.patrol_ship: 2e+06 units is beyond the 1,000,000 allowed":
        "2e+06 Patrol ship deployed on the maritime route Cartagena > Miami: more than the "
        "1,000,000 allowed",
    "buy.uav: not a whole number": "the number of UAV ordered is not a whole number",
    "buy.helicopter: 1e+07 units is beyond the 1,000,000 allowed":
        "1e+07 Helicopter ordered: more than the 1,000,000 allowed",
}
CARIBBEAN_REASONS = {  # Venezuela: in no alliance; Mexico: closed
    "funding: alliance fund, but venezuela is in no alliance":
        "money goes to the alliance fund, but Venezuela is in no alliance",
    "deploy: route chiapas_texas is in Mexico's jurisdiction, which is closed to foreign "
    "forces":
        "the land route Puerto Chiapas > Texas border crossings is in Mexico's jurisdiction, "
        "which is closed to foreign forces",
    "deploy: route uraba_colon is in Panama's jurisdiction and no alliance with joint "
    "operations gives venezuela access":
        "the maritime route Urabá > Colón is in Panama's jurisdiction and no alliance with "
        "joint operations lets Venezuela forces in",
}
OTHER_REASONS = {  # finer amounts; deployment_reasons' own (a count that is no whole number:
    # its check above it says the same first); the seats screen's rationale option
    "deploy: upkeep of the deployed assets is 8 but operations are funded with 7.96":
        "the deployed assets' upkeep is 8 points but operations are funded with 7.96 points",
    "deploy: usa has 0 sof_team": "United States has 0 Special operations team",
    "rationale: this exercise requires a short rationale for each turn's orders":
        "this exercise requires a short rationale every month (the Why tab)",
}


def test_every_reason_the_engine_gives_a_nation_reads_as_a_sentence():
    """The reasons come from the engine itself, so a change to its words shows here."""
    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    st = initial_state(sc, 1)
    wrong = BlueOrders(
        nation="colombia",
        funding=Funding(operations=-1, intelligence=1001.5,
                        capacity_building={"usa": 1, "nowhere": 0, "colombia": -1.5},
                        alliance_fund={"nonesuch": 1, "*": -1}),
        sharing=fm({"nowhere": "full", "usa": "full", "colombia": "lots"}),
        grant_access=("nowhere", "usa"), buy=fm({"tank": 1, "patrol_ship": -1, "uav": 10}),
        deploy=fm({"nowhere": fm({"uav": 0}),
                   "coast_road": fm({"patrol_ship": 1, "tank": 1, "uav": -1}),
                   "go_fast": fm({"patrol_ship": 2})}))
    got = validate_orders(st, "usa", wrong)
    assert got == list(TUTORIAL_REASONS)
    malformed = BlueOrders(
        nation="usa", funding=Funding(operations=float("nan"),
                                      capacity_building={"colombia": float("inf")},
                                      alliance_fund={"*": float("nan")}),
        buy=fm({"uav": 1.5, "helicopter": 10**7}),
        deploy=fm({"go_fast": fm({"uav": 0.5, "patrol_ship": 2_000_000})}))
    bad = validate_orders(st, "usa", malformed)
    assert bad == list(MALFORMED_REASONS)
    assert deployment_reasons(st, "usa", "air_drop", "sof_team") == [
        "deploy: 1 sof_team deployed but usa has 0"]
    cb = load_scenario(str(SCENARIOS / "caribbean.yaml"))
    venezuela = BlueOrders(nation="venezuela", funding=Funding(alliance_fund={"*": 1}),
                           deploy=fm({"chiapas_texas": fm({"border_team": 0}),
                                      "uraba_colon": fm({"patrol_ship": 0})}))
    carib = validate_orders(initial_state(cb, 1), "venezuela", venezuela)
    assert carib == list(CARIBBEAN_REASONS)
    # two amounts that would read alike to the tenth are given finer
    upkeep = validate_orders(st, "usa", BlueOrders(
        nation="usa", funding=Funding(operations=7.96),
        deploy=fm({"go_fast": fm({"patrol_ship": 2})})))
    other = [*upkeep, *deployment_reasons(st, "usa", "air_drop", "sof_team", 0.5),
             rationale_missing()]
    assert other == list(OTHER_REASONS)
    shown = {r: readable(sc, r) for r in [*got, *bad, *other]}
    shown |= {r: readable(cb, r) for r in carib}
    assert shown == TUTORIAL_REASONS | MALFORMED_REASONS | CARIBBEAN_REASONS | OTHER_REASONS
    # every code has its words, and every wording is among these and the Red seat's below
    assert all(isinstance(r, Reason) and r.code in _SAY for r in shown)
    red = [*_red_reasons(), *_adapted_again()]
    assert {r.code for r in shown} | {r.code for r in red} == set(_SAY)
    assert not any(t.startswith(("deploy", "funding", "sharing", "buy", "grant_access",
                                 "rationale")) for t in shown.values())


def test_the_status_line_and_end_turn_say_what_is_wrong_in_sentences(app):
    """Before: "Not ready: deploy: upkeep of the deployed assets is 8 but operations are
    funded with 0 (+1 more)" and "rationale: this exercise requires a short rationale..."."""
    from game.scenario import load_scenario
    from game.ui.scenes.turn import start_turn
    from game.ui.session import SeatPlan, Session

    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    plan = SeatPlan.default(sc)
    plan.rationale_required = True
    app.session = s = Session.new(sc, plan, saves_dir=app.saves_dir)
    start_turn(app)
    click(app, app.scene.ready)
    assert not s.deploy("usa", "go_fast", "patrol_ship", 2)
    s.set_funding("usa", "operations", 0.0)
    click(app, find_button(app, "Operations"))  # a rebuild: the status line anew
    status = re.sub(r"<[^>]+>", "", app.scene.status.html_text)
    assert status == ("Not ready: the deployed assets' upkeep is 8 points but operations are "
                      "funded with 0 points (+1 more)")
    click(app, find_button(app, "End turn"))
    assert app.errors[-1] == "\n".join([  # the dialog has room to say what to do
        "These orders cannot be submitted yet",
        "The deployed assets' upkeep is 8 points but operations are funded with 0 points: "
        "raise Operations on the Funding tab, or withdraw assets (Operations tab)",
        "This exercise requires a short rationale every month (the Why tab)"])
    assert app.scene.name == "turn"
    assert not app.internal_errors


# Every reason game.core.orders gives a trafficker's orders, and the Red seat's words for it
# (path ids become their stops; the seat opens dormant routes on its Money tab).
RED_REASONS = {
    "the orders name 'sinaloa' but are given for 'clan_del_golfo'":
        "these orders name sinaloa but are given for Clan del Golfo",
    "flows: 'nowhere' is not one of clan_del_golfo's paths":
        "the path 'nowhere' is not one of Clan del Golfo's paths",
    "flows: negative tons on island_hop>gulf_run":
        "a negative number of tons is sent on the path Urabá > San Andrés > Houston",
    "flows: path air_drop uses dormant route(s) air_drop; open them first":
        "the path Urabá > Miami uses the air route Urabá > Miami, which is dormant: open it "
        "first (Money tab)",
    "flows: 100 t ordered but clan_del_golfo has 12 t to ship":
        "100 t are sent but Clan del Golfo has 12 t to ship",
    "bribes: 'nowhere' is not a nation in this scenario":
        "a bribe goes to 'nowhere', which is not a nation in this scenario",
    "bribes: negative amount for colombia": "the bribe for Colombia is negative",
    "adaptations: unknown adaptation 'jetpacks' (one of semi_submersible, "
    "encrypted_comms, light_aircraft, tunnels)": "'jetpacks' is not an adaptation in this game",
    "open_routes: 'nowhere' is not a route in this scenario":
        "'nowhere' is not a route in this scenario: it cannot be opened",
    "open_routes: route go_fast is already open":
        "the maritime route Cartagena > Miami is already open",
    "resources: bribes and adaptations cost 60 but clan_del_golfo has 50":
        "bribes and adaptations cost 60 but Clan del Golfo has 50 in resources",
}
RED_MALFORMED = {
    "flows.coast_road>go_fast: not a finite number":
        "the tons sent on the path Urabá > Cartagena > Miami are not a number",
    "bribes.colombia: not a finite number": "the bribe for Colombia is not a number",
}


def _red_reasons() -> list[Reason]:
    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    st = initial_state(sc, 1)
    wrong = RedOrders(
        trafficker="sinaloa",
        flows=fm({"nowhere": 1, "island_hop>gulf_run": -1, "air_drop": 1,
                  "coast_road>go_fast": 99}),
        bribes=fm({"nowhere": 60, "colombia": -1}),
        adaptations=("jetpacks",), open_routes=("nowhere", "go_fast"))
    return validate_orders(st, "clan_del_golfo", wrong)


def test_every_reason_the_engine_gives_a_trafficker_reads_as_a_sentence():
    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    st = initial_state(sc, 1)
    got = _red_reasons()
    assert got == list(RED_REASONS)
    assert [readable(sc, r) for r in got] == list(RED_REASONS.values())
    bad = validate_orders(st, "clan_del_golfo", RedOrders(
        trafficker="clan_del_golfo", flows=fm({"coast_road>go_fast": float("nan")}),
        bribes=fm({"colombia": float("inf")})))
    assert bad == list(RED_MALFORMED)
    assert [readable(sc, r) for r in bad] == list(RED_MALFORMED.values())
    assert [readable(sc, r) for r in _adapted_again()] == [
        "Clan del Golfo already has Semi-submersibles"]


def _adapted_again() -> list[Reason]:
    """Semi-submersibles ordered by a trafficker that has them."""
    from dataclasses import replace

    import numpy as np

    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    st = initial_state(sc, 1)
    adapted = np.array(st.t_adapt)
    adapted[0, 0] = True
    return validate_orders(replace(st, t_adapt=adapted), "clan_del_golfo", RedOrders(
        trafficker="clan_del_golfo", adaptations=("semi_submersible",)))


def test_every_fix_belongs_to_a_worded_code_and_follows_it():
    """What to do is said after the reason, only where asked (the End-turn dialog)."""
    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    assert set(_FIX) <= set(_SAY)
    r = _red_reasons()[4]  # the tons beyond the stock
    assert r.code == "stock"
    assert readable(sc, r) == "100 t are sent but Clan del Golfo has 12 t to ship"
    assert readable(sc, r, fix=True) == ("100 t are sent but Clan del Golfo has 12 t to ship: "
                                         "lower the tons on the Shipments tab")
    assert readable(sc, "not an engine reason", fix=True) == "not an engine reason"


def test_an_assets_tooltip_counts_its_points(app):
    """"upkeep 1 points a month" on the UAV's '+'."""
    into_turn(app, "tutorial")
    click(app, find_button(app, "Operations"))
    app.scene.select_route("go_fast")
    app.step()
    tips = {a: b.tool_tip_text for a, (_m, b) in app.scene.asset_buttons.items()}
    assert tips["uav"].endswith("upkeep 1 point a month")
    assert tips["patrol_ship"].endswith("upkeep 4 points a month")
