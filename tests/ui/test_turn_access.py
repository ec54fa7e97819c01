"""Access in the Blue seat's panel says what is true (docs/rules.md, "Deploying assets"): a
host that already lets us in is not asked again ("Request access from Panama" used to be
offered while the United States operated there legally, and a grant of month 1 still read
"Access requested" later on); where a request is made, the note says from when a grant
would count (the check of our orders sees only grants standing or given by the seats before
us: in the tutorial the United States plays before Colombia); the Access tab says a grant
stands until withdrawn (it said "only with the access we grant this turn"), and it shows
every nation's sovereignty in words and whether our forces may operate there."""

from __future__ import annotations

from conftest import click, find_button, into_turn

from game.ui.scenes.turn import seat_scene

NOTE = ("Colombia plays after you this month: if it grants access, our assets may operate "
        "on its routes from Month 2.")


def texts(labels) -> str:
    return " ".join(str(lab.text) for lab in labels)


def open_route(app, route: str) -> None:
    click(app, find_button(app, "Operations"))
    app.scene.select_route(route)
    app.step()


def test_a_request_says_when_a_grant_counts_and_a_grant_is_shown_granted(app):
    into_turn(app, "tutorial")  # every nation human: the United States, then Colombia
    s = app.session
    assert s.human_seats() == ["usa", "colombia"] and app.scene.side == "usa"
    click(app, find_button(app, "Access"))
    assert texts(app.scene.stance_labels["colombia"]) == \
        "Colombia: consent: has not granted us access"
    open_route(app, "island_hop")  # maritime, in Colombia's jurisdiction
    scene = app.scene
    assert str(scene.access_button.text) == "Request access from Colombia"
    assert texts(scene.access_note) == NOTE
    assert "@blocked" in scene.asset_buttons["patrol_ship"][1].object_ids
    click(app, scene.access_button)
    assert str(app.scene.access_button.text) == "Access requested from Colombia"
    assert texts(app.scene.access_note) == NOTE
    assert s.submit("usa") == []

    app.switch(seat_scene(app, "colombia"))  # Colombia sees the request and grants
    app.step()
    click(app, find_button(app, "Access"))
    box = next(b for b, p in app.scene.access_boxes.items() if p == "usa")
    click(app, box)
    assert s.draft("colombia").grant_access == {"usa"}
    assert s.submit("colombia") == []
    s.end_turn()

    for month in (2, 3):  # the grant stands: no request, and it says so
        app.switch(seat_scene(app, "usa"))
        app.step()
        assert s.turn == month
        open_route(app, "island_hop")
        scene = app.scene
        assert scene.access_button is None
        assert texts(scene.access_note) == "Colombia grants us access to its routes."
        assert "@blocked" not in scene.asset_buttons["patrol_ship"][1].object_ids
        click(app, find_button(app, "Access"))
        assert texts(app.scene.stance_labels["colombia"]) == \
            "Colombia: consent: grants us access"
        assert s.submit("usa") == []
        assert s.draft("colombia").grant_access == {"usa"}  # last month's grant, kept
        assert s.submit("colombia") == []
        s.end_turn()
    assert not app.internal_errors


def test_the_access_tab_tells_each_nations_sovereignty(app):
    into_turn(app, "caribbean")
    s = app.session
    assert app.scene.side == "usa"
    click(app, find_button(app, "Access"))
    stance = {p: texts(labs) for p, labs in app.scene.stance_labels.items()}
    assert s.sovereignty("mexico") == "closed" and s.sovereignty("panama") == "consent"
    assert stance["mexico"] == "Mexico: closed to foreign forces"
    assert stance["panama"] == "Panama: consent: has not granted us access"
    assert stance["netherlands"] == "Kingdom of the Netherlands: open: we may operate there"
    assert stance["venezuela"] == "Venezuela: closed to foreign forces"
    app.switch(seat_scene(app, "panama"))
    app.step()
    click(app, find_button(app, "Access"))
    assert ("Consent: partners in an alliance with joint operations may operate on our "
            "routes only with our grant. A grant stands until withdrawn; it counts this "
            "month for those who play after you, a withdrawal from next month.") in html(app)
    assert not app.internal_errors


def html(app) -> str:
    return " ".join(b.html_text for b in app.ui.get_sprite_group().sprites()
                    if hasattr(b, "html_text") and b.alive())


def test_grants_are_offered_only_where_they_let_someone_in(app):
    """Colombia's Access tab offered "Grant access to Venezuela" and "... Mexico", which share
    no alliance with joint operations with it, and Colombia has no route of its own in
    caribbean: no grant of it changes anything, and the tab says so."""
    from conftest import seat_alone

    s = seat_alone(app, "caribbean", "colombia")
    assert not [r for r in s.scenario.routes.values() if r.jurisdiction == "colombia"]
    click(app, find_button(app, "Access"))
    assert app.scene.access_boxes == {}
    assert ("Consent, but no route of this scenario lies in our jurisdiction: foreign forces "
            "have nothing to operate on here, so there is no access to grant.") in html(app)
    # Panama: routes of its own; the boxes are its joint-operations partners only
    s = seat_alone(app, "caribbean", "panama")
    click(app, find_button(app, "Access"))
    joint = ["usa", "colombia", "ecuador", "costa_rica", "honduras", "guatemala",
             "dominican_republic", "jamaica", "netherlands"]
    assert list(app.scene.access_boxes.values()) == joint
    # a grant already given to a nation it does not let in stays listed, to be withdrawn
    s.set_access("panama", "mexico", True)
    app.rebuild()
    box = next(b for b, p in app.scene.access_boxes.items() if p == "mexico")
    assert str(box.text) == "Grant access to Mexico (no effect)"
    assert box.tool_tip_text == ("Mexico shares no alliance with joint operations with us: "
                                 "the grant lets its forces in nowhere. Untick to withdraw it.")
    click(app, box)
    assert s.draft("panama").grant_access == set()
    assert not app.internal_errors


def test_a_stance_wraps_between_words_at_1280x800(app):
    """Mexico (closed, in no joint-operations alliance) at 1280x800: "Dominican Republic:
    consent, but no joint operatio…" was followed by "with us" on the next line."""
    from conftest import seat_alone

    s = seat_alone(app, "caribbean", "mexico")
    click(app, find_button(app, "Access"))
    for p, labels in app.scene.stance_labels.items():
        shown = [str(lab.text) for lab in labels]
        assert not any("…" in t for t in shown), shown
        assert " ".join(shown) == f"{s.side_name(p)}: {app.scene.host_stance(p)}"
    assert [str(lab.text) for lab in app.scene.stance_labels["dominican_republic"]] == [
        "Dominican Republic: consent, but no joint", "operations with us"]
    assert not app.internal_errors


def test_the_host_is_told_of_a_request_when_its_turn_opens(app):
    """The request showed only as a line on the host's Access tab, which its turn did not
    open on: easy to miss."""
    from game.ui.scenes.turn import start_turn

    into_turn(app, "tutorial")
    s = app.session
    s.request_access("usa", "colombia")
    assert s.submit("usa") == []
    start_turn(app)
    click(app, app.scene.ready)
    assert app.scene.side == "colombia"
    d = app.dialog
    assert str(d.window_display_title) == "For the Colombia delegation"
    assert str(d.text_block.html_text) == (
        "United States asks for access to your routes: answer on the Access tab")
    d.kill()
    app.switch(seat_scene(app, "colombia"))  # told once a turn
    app.step()
    assert app.dialog is None or not app.dialog.alive()
    assert not app.internal_errors


def test_no_request_where_none_of_our_assets_could_work(app, tmp_path):
    """A delegation was offered to ask for access to a route none of its assets could
    operate on anyway (here a United States with patrol ships only, on a land route)."""
    from conftest import SCENARIOS

    from game.scenario import load_scenario
    from game.ui.scenes.turn import start_turn
    from game.ui.session import SeatPlan, Session

    text = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8")
    fleet = "assets: {patrol_ship: 2, maritime_patrol_aircraft: 2, uav: 1}"
    assert text.count(fleet) == 1
    path = tmp_path / "ships_only.yaml"
    path.write_text(text.replace(fleet, "assets: {patrol_ship: 2}"), encoding="utf-8")
    sc = load_scenario(str(path))
    app.session = Session.new(sc, SeatPlan.default(sc), saves_dir=app.saves_dir,
                              autosave=False)
    start_turn(app)
    click(app, app.scene.ready)
    assert app.scene.side == "usa"
    open_route(app, "coast_road")  # land, in Colombia's jurisdiction (consent)
    scene = app.scene
    assert scene.access_button is None
    assert texts(scene.access_note) == (
        "None of our assets works on land routes, so access would not help here.")
    open_route(app, "island_hop")  # maritime: the request is offered
    assert str(app.scene.access_button.text) == "Request access from Colombia"
    assert not app.internal_errors
