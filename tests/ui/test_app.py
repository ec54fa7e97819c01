"""The app around the map: error dialogs, resizing, the white cell, the observer seat, the
demo command, and the draft orders behind the panels."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pygame
import pytest
from conftest import (
    ROOT,
    SCENARIOS,
    box_texts,
    click,
    confirm,
    enter_white_cell,
    find_button,
    into_turn,
    played,
    type_text,
)
from fixtures import small_scenario

from game.ui.app import Scene
from game.ui.scenes.title import TitleScene
from game.ui.session import Draft, SeatPlan, Session, rebalance


def test_rebalance_keeps_the_total_and_the_proportions():
    f = {"a": 10.0, "b": 20.0, "c": 30.0}
    out = rebalance(f, "a", 30.0, 60.0)
    assert out["a"] == 30.0
    assert abs(sum(out.values()) - 60.0) < 1e-9
    assert abs(out["c"] / out["b"] - 1.5) < 1e-9
    zero = rebalance({"a": 60.0, "b": 0.0, "c": 0.0}, "a", 20.0, 60.0)
    assert zero == {"a": 20.0, "b": 20.0, "c": 20.0}
    assert rebalance(f, "a", 999.0, 60.0) == {"a": 60.0, "b": 0.0, "c": 0.0}


def _session(**kw):
    sc = small_scenario()
    plan = SeatPlan.default(sc)
    return Session.new(sc, plan, autosave=False, **kw)


def test_draft_undo_and_coalesced_slider_drags():
    s = _session()
    start = s.draft("usa").funding["intelligence"]
    for v in (31.0, 32.0, 33.0):  # one drag of a slider = one undo step
        s.set_funding("usa", "intelligence", v, coalesce="funding:intelligence")
    s.set_sharing("usa", "col", "full")
    assert s.draft("usa").funding["intelligence"] == 33.0
    assert abs(sum(s.draft("usa").funding.values()) - s.budget("usa")) < 1e-9
    assert s.undo_last("usa")
    assert s.draft("usa").sharing["col"] != "full"
    assert s.undo_last("usa")
    assert s.draft("usa").funding["intelligence"] == start
    assert not s.undo_last("usa")


def test_illegal_deployments_are_refused_with_the_engine_reason():
    s = _session()
    reasons = s.deploy("usa", "guate_mex", "patrol_ship", 1)  # a ship on a land route
    assert any("cannot operate on land route guate_mex" in r for r in reasons)
    assert s.draft("usa").deploy == {}
    reasons = s.deploy("usa", "col_coast", "patrol_ship", 1)  # Colombia's waters: consent
    assert any("has not granted usa access" in r for r in reasons)
    s.set_access("col", "usa", True)
    assert s.submit("col") == []  # Colombia plays first here and grants access...
    assert s.deploy("usa", "col_coast", "patrol_ship", 1) == []  # ...so now it is legal
    s.deploy("usa", "col_coast", "patrol_ship", -1)
    assert s.deploy("usa", "epac", "patrol_ship", 2) == []
    assert s.draft("usa").deploy == {"epac": {"patrol_ship": 2}}
    assert s.draft("usa").funding["operations"] >= 2 * 4  # upkeep funded automatically
    assert s.validate("usa") == []
    too_many = s.deploy_reasons("usa", "carib_sea", "patrol_ship")
    assert too_many == [] or all("patrol" in r.lower() or "Patrol" in r for r in too_many)
    s.deploy("usa", "carib_sea", "patrol_ship", 1)
    assert s.deploy_reasons("usa", "carib_sea", "patrol_ship") == ["no Patrol ship left to deploy"]


def test_draft_orders_round_trip_through_plain_data():
    from game.core.orders import BlueOrders

    d = Draft("usa", {"operations": 10.0, "procurement": 0.0, "intelligence": 5.5,
                      "governance": 3.0, "capacity_building": 2.0, "alliance_fund": 0.0},
              "col", {"col": "full"}, {"epac": {"patrol_ship": 1}}, {"col"}, {}, "why")
    o = d.to_orders()
    assert BlueOrders.from_data(o.to_data()) == o
    assert dict(o.funding.capacity_building) == {"col": 2.0}
    assert o.grant_access == ("col",)


def test_observer_sees_no_secrets():
    s = _session()
    s.deploy("usa", "epac", "patrol_ship", 1)
    s.submit("usa")
    s.game.end_turn()
    obs = s.map_data("observer")
    assert obs.flows == {} and obs.patrols == {}
    own = s.map_data("usa")
    assert own.flows and "epac" in own.patrols
    white = s.map_data("white")
    assert white.true_flows and white.flows


def test_scenario_errors_show_file_line_messages(app, tmp_path):
    folder = tmp_path / "scen"
    folder.mkdir()
    (folder / "broken.yaml").write_text("format: 1\nid: broken\nturns: [oops\n")
    app.switch(TitleScene(app, preselect=str(folder / "broken.yaml"), folder=folder))
    app.step()
    assert app.dialog is not None
    assert any("broken.yaml:" in e for e in app.errors)
    assert not app.scene.start_btn.is_enabled
    app.scene.start()  # pressing Enter anyway only shows the messages again
    assert app.scene.name == "title"
    assert not app.internal_errors


def test_a_bug_in_a_scene_becomes_a_dialog_not_a_crash(app):
    class Buggy(Scene):
        name = "buggy"

        def on_event(self, event):
            raise ZeroDivisionError("boom")

    app.switch(Buggy(app))
    app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_a, mod=0, unicode="a",
                                 scancode=0)])
    assert app.dialog is not None and app.internal_errors
    assert "ZeroDivisionError: boom" in app.errors[-1]
    app.step()  # and the loop carries on


def test_resize_relayouts_and_keeps_the_draft(app):
    into_turn(app)
    s, side = app.session, app.scene.side
    s.set_sharing(side, s.partners(side)[0], "full")
    app.step([pygame.event.Event(pygame.VIDEORESIZE, size=(1920, 1080), w=1920, h=1080)])
    assert app.size == (1920, 1080) and app.screen.get_size() == (1920, 1080)
    assert app.scene.map.rect.right == app.scene.panel.x
    assert app.scene.panel.right == 1920
    end = find_button(app, "End turn")
    assert app.screen.get_rect().contains(end.rect)
    assert s.draft(side).sharing[s.partners(side)[0]] == "full"
    app.step([pygame.event.Event(pygame.VIDEORESIZE, size=(500, 300), w=500, h=300)])
    assert app.size == (960, 600)  # never below the minimum
    assert not app.internal_errors


def test_white_cell_actions_are_logged_and_reach_the_engine(app):
    into_turn(app)
    app.instructor = True
    app.scene.open_instructor()  # from a delegation's own screen it asks first, every time
    assert app.scene.name == "turn" and app.pending_confirm
    assert "students should look away" in app.pending_confirm[0].confirmation_text.html_text
    confirm(app)
    assert app.scene.name == "instructor"
    click(app, find_button(app, "Fire"))  # no reason yet: refused
    assert "A reason, please" in app.errors[-1]
    assert app.session.game.pending_instructor == []
    app.dialog.kill()
    click(app, app.scene.form["reason"])
    type_text(app, "drill")
    click(app, find_button(app, "Fire"))
    pend = app.session.game.pending_instructor
    assert len(pend) == 1 and pend[0].kind == "fire_event" and pend[0].reason == "drill"
    assert any("WHITE CELL" in line and "drill" in line for line in app.session.log)
    click(app, find_button(app, "Pause"))
    assert app.session.paused
    click(app, find_button(app, "Back"))
    assert app.scene.name == "turn" and app.paused_table()
    app.session.paused = False


@pytest.mark.slow
def test_demo_screenshot_command(tmp_path):
    out = tmp_path / "shot.png"
    env = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path), "INTERDICT_SAVES_DIR": str(tmp_path / "saves")}
    r = subprocess.run([sys.executable, "-m", "game", "play", "tutorial", "--demo", "--turns",
                        "2", "--screenshot", str(out)], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=240)
    assert r.returncode == 0, r.stderr
    assert "Played 2 turn(s)" in r.stdout
    img = pygame.image.load(str(out))
    assert img.get_size() == (1280, 800)


def _tutorial_ended_after(app, turns: int) -> Session:
    """A tutorial session (default seats) played `turns` turns and ended there."""
    from game.scenario import load_scenario

    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    s = Session.new(sc, SeatPlan.default(sc), saves_dir=app.saves_dir)
    app.session = s
    for _ in range(turns):
        s.end_turn()
    s.turn_limit = turns
    return s


def test_debrief_shows_objectives_and_exports(app):
    from game.ui.scenes.debrief import DebriefScene

    s = _tutorial_ended_after(app, 2)
    sc = s.scenario
    app.switch(DebriefScene(app))
    app.step()
    assert set(app.scene.images) >= {"flows"}
    click(app, find_button(app, "Export"))
    names = {p.name for p in app.scene.exported}
    assert {"report.html", "turns.csv", "chart-flows.png"} <= names
    assert all(p.exists() for p in app.scene.exported)
    html = next(p for p in app.scene.exported if p.name == "report.html").read_text()
    assert sc.title in html
    assert s.last_autosave is not None and s.last_autosave.exists()  # autosaved every turn
    assert not app.internal_errors


def test_debrief_timeline_sets_each_events_expected_action_beside_the_decisions(app):
    """The scenario's expected player actions are the white cell's: the projected debrief
    lists the events without them; the instructor's White-cell view sets them beside what
    each delegation did."""
    from game.ui.scenes.debrief import DebriefScene, timeline

    s = _tutorial_ended_after(app, 4)
    expected = ("Month 4 · EVENT Port officials on the payroll. Expected: The US weighs "
                "sharing only partially with Colombia for a few months, and Colombia funds "
                "governance; ask both why.")
    lines = timeline(s, events=True)  # the white cell's view
    month4 = [x for x in lines if x.startswith("Month 4 · ")]
    assert month4[0] == expected
    assert any(x.startswith("Month 4 · United States: ") for x in month4)
    assert "Month 2 · EVENT Joint boarding exercise" in lines  # no expected action: no note
    public = timeline(s, events=True, white=False)
    month4 = [x for x in public if x.startswith("Month 4 · ")]
    assert month4[0] == "Month 4 · EVENT Port officials on the payroll"
    assert any(x.startswith("Month 4 · United States: ") for x in month4)
    assert not [x for x in public if "Expected:" in x]
    assert not [x for x in timeline(s) if " · EVENT " in x]  # time travel keeps decisions only
    app.instructor = True
    app.switch(DebriefScene(app))
    app.step()
    box = next(b for b in box_texts(app) if "Month 4 · EVENT" in b)
    assert "Month 4 · EVENT Port officials on the payroll</font>" in box
    assert "Expected:" not in box
    click(app, find_button(app, "White-cell view"))
    box = next(b for b in box_texts(app) if "Month 4 · EVENT" in b)
    assert expected in box
    click(app, find_button(app, "White-cell view"))  # hidden again
    assert not any("Expected:" in b for b in box_texts(app))
    assert not app.internal_errors


def test_load_a_save_and_play_on(app):
    from game.scenario import load_scenario
    from game.ui.scenes.load import LoadScene

    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    s = Session.new(sc, SeatPlan.default(sc), saves_dir=app.saves_dir)
    s.end_turn()
    s.end_turn()
    first_reports = [r.to_data() for r in s.reports]
    app.switch(LoadScene(app))
    app.step()
    assert app.scene.entries and app.scene.entries[0].turn == 2
    # one row for the game (it autosaved twice), in the scenario's words
    assert len(list(app.saves_dir.glob("tutorial-*.json"))) == 2
    assert len(app.scene.names) == 1
    # a copied folder can make an older autosave the newest file: the furthest turn is listed
    first = sorted(app.saves_dir.glob("tutorial-*-t01.json"))[0]
    os.utime(first, (time.time() + 60, time.time() + 60))
    app.switch(LoadScene(app))
    app.step()
    assert [e.turn for e in app.scene.entries] == [2]
    assert re.fullmatch(r"Tutorial: One Corridor  ·  2 of 10 months played  ·  \d+ \w{3} \d{4}, \d\d:\d\d",
                        app.scene.names[0]), app.scene.names
    click(app, find_button(app, "Open"))
    assert app.scene.name == "handover"
    loaded = app.session
    assert loaded is not s and loaded.turn == 3
    assert [r.to_data() for r in loaded.reports] == first_reports
    assert loaded.human_seats() == s.human_seats()
    click(app, app.scene.ready)
    assert app.scene.name == "turn"
    assert not app.internal_errors


def test_time_travel_and_resume_as_a_branch(app):
    from game.scenario import load_scenario
    from game.ui.scenes.load import LoadScene

    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    s = Session.new(sc, SeatPlan.demo(sc), saves_dir=app.saves_dir)
    for _ in range(3):
        s.end_turn()
    saved = s.last_autosave
    before = saved.read_bytes()
    app.switch(LoadScene(app))
    app.step()
    click(app, find_button(app, "Step through turns"))
    assert app.scene.name == "history" and app.scene.turn == 3
    click(app, find_button(app, "<"))
    click(app, find_button(app, "<"))
    assert app.scene.turn == 1
    flows = app.scene.map.data.flows
    by_route = s.game.history[0].report.by_route
    assert flows == {r: float(v["flow"]) for r, v in by_route.items()}
    click(app, find_button(app, "Resume from here"))
    branch = app.session
    # every seat is AI here, so the branch plays its next turn at once
    assert app.scene.name == "resolution"
    assert branch.turn == 3 and len(branch.game.history) == 2
    assert branch.game.history[0].report == s.game.history[0].report
    assert branch.last_autosave is not None and branch.last_autosave != saved
    assert saved.read_bytes() == before  # the original save is untouched
    assert not app.internal_errors


def test_access_request_and_confidential_inject_reach_only_their_seat(app):
    from game.core.orders import InstructorAction

    into_turn(app)
    s = app.session
    first, second = s.human_seats()[:2]
    sc = s.scenario
    host_route = next((r for r, x in sc.routes.items() if x.jurisdiction == second), None)
    if host_route is None or s.sovereignty(second) != "consent":
        pytest.skip("the tutorial changed: no consent route of the second seat")
    click(app, find_button(app, "Operations"))
    app.scene.select_route(host_route)
    app.step()
    click(app, find_button(app, "Request access"))
    assert (first, second) in s.access_requests
    assert any("asked" in line for line in s.log)
    assert s.instructor_action(InstructorAction(kind="inject", reason="test", title="Tip-off",
                                                text="A boat leaves tonight.",
                                                audience=(first,))) == []
    click(app, find_button(app, "End turn"))
    click(app, app.scene.ready)
    click(app, find_button(app, "Access"))
    labels = [e.text for e in app.ui.get_sprite_group().sprites() if hasattr(e, "text")]
    assert any("Requests this month" in str(t) for t in labels)
    click(app, find_button(app, "End turn"))
    app.scene.finish()
    app.step()
    assert app.scene.name == "report"
    texts = " ".join(str(getattr(e, "html_text", "")) for e in app.ui.get_sprite_group().sprites())
    assert "A boat leaves tonight" not in texts  # not on the shared report screen
    click(app, find_button(app, "Continue"))
    click(app, app.scene.ready)
    assert app.scene.side == first
    assert app.dialog is not None and "Tip-off" in str(app.dialog.text_block.html_text)
    assert not app.internal_errors


def test_buying_assets_funds_procurement_and_is_legal():
    s = _session()
    assert s.buy("usa", "uav", 2) == []
    d = s.draft("usa")
    assert d.buy == {"uav": 2}
    assert d.funding["procurement"] >= 2 * s.scenario.asset_types["uav"].cost
    assert abs(sum(d.funding.values()) - s.budget("usa")) < 1e-6
    assert s.validate("usa") == []
    assert s.buy("usa", "patrol_ship", 99)  # far beyond the budget: refused, nothing changed
    assert s.draft("usa").buy == {"uav": 2}
    assert dict(s.draft("usa").to_orders().buy) == {"uav": 2}


def test_a_cancelled_purchase_gives_its_money_back():
    """Ordering squeezes the other lines to fund procurement; cancelling left the money in
    procurement, where it paid for nothing (and the debrief read 'most money to
    procurement (40)' though nothing was bought)."""
    s = _session()
    before = dict(s.draft("usa").funding)
    assert before["procurement"] == 0.0
    assert s.buy("usa", "patrol_ship", 1) == []
    squeezed = s.draft("usa").funding
    assert squeezed["procurement"] == 40.0 and squeezed != before
    assert s.buy("usa", "patrol_ship", -1) == []
    after = s.draft("usa").funding
    assert s.draft("usa").buy == {}
    assert after["procurement"] == 0.0
    assert after == pytest.approx(before)  # every other line back where it was


def test_white_cell_snapshots_of_two_games_never_overwrite_each_other(tmp_path):
    from game.persistence.games import game_identity, load_game
    from game.scenario import load_scenario

    sc = load_scenario(SCENARIOS / "tutorial.yaml")
    a = Session.new(sc, SeatPlan.demo(sc), saves_dir=tmp_path, autosave=False)
    b = Session.new(sc, SeatPlan.demo(sc), saves_dir=tmp_path, autosave=False)
    pa, pb = a.save_snapshot(), b.save_snapshot()
    assert pa != pb and pa.parent == pb.parent == tmp_path
    assert game_identity(a.game)[1] in pa.name and game_identity(b.game)[1] in pb.name
    assert game_identity(load_game(pa))[1] == game_identity(a.game)[1]
    assert game_identity(load_game(pb))[1] == game_identity(b.game)[1]


def test_required_rationale_chosen_at_the_table_survives_a_reload(tmp_path):
    from game.scenario import load_scenario

    sc = load_scenario(SCENARIOS / "tutorial.yaml")
    assert not sc.rationale_required
    plan = SeatPlan.default(sc)
    plan.rationale_required = True
    s = Session.new(sc, plan, saves_dir=tmp_path, autosave=False)
    path = s.save_snapshot()
    again = Session.from_save(path, saves_dir=tmp_path)
    assert again.plan.rationale_required
    plain = Session.new(sc, SeatPlan.default(sc), saves_dir=tmp_path, autosave=False)
    assert not Session.from_save(plain.save_snapshot(), saves_dir=tmp_path).plan.rationale_required


def test_white_cell_menus_show_whole_names_and_carry_the_ids(app):
    """Caribbean's route names are long: the menu texts are fitted (no half-cut "[id]"
    tags), each still names both ends, and choosing a route by clicking adjudicates exactly
    that route."""
    import pygame_gui

    into_turn(app, "caribbean")
    app.instructor = True
    enter_white_cell(app)
    scene = app.scene
    sc = app.session.scenario
    menu = scene.form["route"]
    texts = list(scene.choices["route"])
    assert list(scene.choices["route"].values()) == list(sc.routes)  # scenario order
    font = app.theme_font()
    assert all(font.size(t)[0] <= menu.rect.width - 40 for t in texts)
    assert not any("[" in t or "…" in t for t in texts)  # all fit whole at 1280x800
    assert texts[0] == "Tumaco (Nariño) > Puerto Chiapas (maritime)"
    click(app, scene.form["reason"])
    type_text(app, "radio report")
    click(app, menu)  # open the list and pick the third route
    options = [el for el in app.ui.get_sprite_group().sprites()
               if isinstance(el, pygame_gui.elements.UIButton) and el.alive()
               and str(el.text) == texts[2] and el.rect.top > menu.rect.bottom - 2]
    assert options, "the route list did not open"
    click(app, options[0])
    click(app, scene.form["tons"])
    type_text(app, "2")
    tons = scene.form["tons"].rect
    set_buttons = [el for el in app.ui.get_sprite_group().sprites()
                   if isinstance(el, pygame_gui.elements.UIButton) and el.alive()
                   and str(el.text) == "Set" and el.rect.centery == tons.centery]
    click(app, set_buttons[0])
    pend = app.session.game.pending_instructor
    assert [(a.kind, a.target, a.field, a.value) for a in pend] == [
        ("adjust", f"route:{list(sc.routes)[2]}", "seized", 2.0)]


def test_white_cell_shows_this_turns_expected_actions(app):
    """The MSEL's expected actions of this turn's events head the white cell's log box."""

    into_turn(app)
    for _ in range(3):  # to turn 4, when port_bribery fires
        app.session.game.end_turn()
    app.instructor = True
    enter_white_cell(app)
    boxes = box_texts(app)
    log = next(b for b in boxes if "Expected player actions this turn" in b)
    assert ("<b>Port officials on the payroll</b><br>The US weighs sharing only partially "
            "with Colombia for a few months, and Colombia funds governance; ask both why.") in log
    assert "<b>Scheduled for Month 5</b>" not in log  # nothing is scheduled for turn 5
    app.session.game.end_turn()  # turn 5: the hurricane season is scheduled for turns 6 and 7
    app.rebuild()
    boxes = box_texts(app)
    assert any("<b>Scheduled for Month 6</b><br>Hurricane season" in b for b in boxes)


def test_white_cell_events_list_is_the_master_scenario_events_list(app):
    from game.ui.scenes.instructor import events_list

    into_turn(app)
    for _ in range(3):  # to turn 4
        app.session.game.end_turn()
    lines = events_list(app.session.scenario, app.session.game.state)
    assert lines[:3] == [
        "Month 3: Congress funds a cutter deployment (fired). Expected: The US funds "
        "operations to deploy more ships while the money lasts.",
        "Month 4: Port officials on the payroll (fired). Expected: The US weighs sharing only "
        "partially with Colombia for a few months, and Colombia funds governance; ask both why.",
        "Months 6, 7: Hurricane season",
    ]
    assert lines[3].startswith("35% a month, months 4-8, if seizure_rate of "
                               "trafficker:clan_del_golfo > 0.15: Light aircraft spotted")
    app.instructor = True
    enter_white_cell(app)
    click(app, find_button(app, "Events list"))
    assert app.dialog is not None and app.dialog.alive()
    assert "Months 6, 7: Hurricane season" in app.dialog.text_block.html_text


def test_white_cell_hands_a_seat_to_the_computer_and_back(app):
    """A delegation leaves mid-turn: the computer plays its side from this turn, the table
    moves on to the next delegation; handed back, the side waits for its delegation again."""
    into_turn(app)  # tutorial: the United States' turn, Colombia next
    s = app.session
    app.instructor = True
    enter_white_cell(app)
    scene = app.scene
    assert list(scene.choices["seat"]) == ["United States: students", "Colombia: students",
                                           "Clan del Golfo: the computer (adaptive policy)"]
    click(app, scene.form["reason"])
    type_text(app, "US delegation called away")
    click(app, find_button(app, "Computer"))
    assert s.plan.seats["usa"] == "ai:baseline" and not s.game.seats["usa"].human
    assert s.human_seats() == ["colombia"] and s.current_seat() == "colombia"
    assert s.log[-1] == ("Month 1, WHITE CELL: United States handed to the computer (baseline"
                         " policy); reason: US delegation called away")
    assert "United States: the computer (baseline policy)" in app.scene.choices["seat"]
    click(app, find_button(app, "Back"))  # not back to the US screen: Colombia's hand-over
    assert app.scene.name == "handover" and app.scene.side == "colombia"
    # handed back: the US plays before Colombia again, this very turn
    enter_white_cell(app)
    click(app, app.scene.form["reason"])
    type_text(app, "they are back")
    click(app, find_button(app, "Students"))
    assert s.human_seats() == ["usa", "colombia"] and s.current_seat() == "usa"
    click(app, find_button(app, "Back"))
    assert app.scene.name == "handover" and app.scene.side == "usa"
    from game.ui.scenes.turn import start_turn

    for side in ("usa", "colombia"):
        assert app.scene.name == "handover" and app.scene.side == side
        click(app, app.scene.ready)
        assert app.scene.name == "turn" and app.scene.side == side
        assert s.submit(side) == []
        start_turn(app)
    report = s.reports[-1]  # both seats played: the turn resolved
    assert [(a["kind"], a["target"], a["value"]) for a in report.instructor] == [
        ("seat", "nation:usa", "ai:baseline"), ("seat", "nation:usa", "human")]
    from game.ui.scenes.resolution import ReportScene

    app.switch(ReportScene(app, report))
    app.step()
    lines = app.scene._lines(s, report)
    assert ("<b>White cell:</b> United States handed to the computer (baseline policy) - US"
            " delegation called away") in lines
    assert not app.internal_errors


@pytest.mark.parametrize("size", [(960, 600), (1280, 720), (1280, 800)])
def test_every_white_cell_control_is_on_screen(app, size):
    """Down to the smallest window: a short panel gets the compact form (the log behind a
    button)."""
    import pygame_gui

    from game.ui.scenes.turn import TICKER

    app.step([pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])])
    into_turn(app, "caribbean")
    app.instructor = True
    enter_white_cell(app)
    app.step()
    scene = app.scene
    widgets = [el for el in app.ui.get_sprite_group().sprites() if el.alive() and isinstance(
        el, (pygame_gui.elements.UIButton, pygame_gui.elements.UIDropDownMenu,
             pygame_gui.elements.UITextEntryLine, pygame_gui.elements.UITextBox,
             pygame_gui.elements.UISelectionList))]
    panel = [el for el in widgets if el.rect.x >= scene.panel.x]
    assert len(panel) > 15
    for el in panel:
        assert el.rect.bottom <= size[1] - TICKER and el.rect.right <= size[0], el
    for text in ("Fire", "Send", "Set", "Computer", "Students", "Snapshot", "Events list",
                 "End game"):
        assert find_button(app, text)
    assert scene.compact == (size[1] < 800)
    if scene.compact:
        click(app, find_button(app, "Log"))
        assert app.dialog is not None and app.dialog.alive()
        assert "No actions yet." in app.dialog.text_block.html_text
    assert not app.internal_errors


@pytest.mark.parametrize(("scale", "body", "dim", "rows"), [(1.0, 14, 13, 20), (1.2, 17, 16, 24)])
def test_widget_text_grows_with_the_window(app, scale, body, dim, rows):
    """Labels and buttons scale like the dim captions under them (pygame_gui reads no font
    from the theme's "defaults"), and list rows grow with their text."""
    import pygame_gui

    from game.ui.app import themed

    del app  # pygame and its fonts are up
    ui = pygame_gui.UIManager((400, 300), themed(scale))
    label = pygame_gui.elements.UILabel(pygame.Rect(0, 0, 200, 30), "Operations: 47.3", ui)
    caption = pygame_gui.elements.UILabel(pygame.Rect(0, 40, 200, 30), "pays the upkeep", ui,
                                          object_id="@dim")
    button = pygame_gui.elements.UIButton(pygame.Rect(0, 80, 100, 30), "Funding", ui)
    entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(0, 120, 100, 30), ui)
    rows_list = pygame_gui.elements.UISelectionList(pygame.Rect(0, 160, 200, 90), ["a", "b"], ui)
    assert [label.font.point_size, button.font.point_size, entry.font.point_size] == [body] * 3
    assert caption.font.point_size == dim and rows_list.list_item_height == rows


def test_the_title_screen_lists_the_tutorial_first_and_says_how_to_start_each_scenario(app):
    from game.ui.scenes.title import TitleScene

    app.switch(TitleScene(app))
    app.step()
    scene = app.scene
    assert scene.item_names[0] == "Tutorial: One Corridor" and scene.index == 0
    assert sorted(scene.item_names[1:]) == sorted(e.title for e in scene.entries[1:])
    assert scene.details.html_text.endswith(
        "from a terminal: interdict play tutorial</font>")
    assert not app.internal_errors


def test_the_title_screen_names_a_file_outside_the_scenarios_folder_by_its_path(app, tmp_path,
                                                                              monkeypatch):
    """`interdict play my_class.yaml` from another folder: the hint said `interdict play
    my_class`, which finds no scenario."""
    import shutil

    from game.scenario.loader import SCENARIOS_DIR
    from game.ui.scenes.title import TitleScene

    own = tmp_path / "my class" / "west_africa.yaml"
    own.parent.mkdir()
    shutil.copy(SCENARIOS_DIR / "tutorial.yaml", own)
    monkeypatch.chdir(tmp_path)
    app.switch(TitleScene(app, preselect=str(own)))
    app.step()
    assert app.scene.details.html_text.endswith(
        "from a terminal: interdict play 'my class/west_africa.yaml'</font>")
    assert not app.internal_errors


def test_white_cell_sets_a_budget_knowing_the_current_one(app):
    import pygame_gui

    into_turn(app)  # tutorial
    s = app.session
    app.instructor = True
    enter_white_cell(app)
    scene = app.scene
    assert list(scene.choices["nation"]) == ["United States  now 60", "Colombia  now 25"]
    click(app, scene.form["reason"])
    type_text(app, "Congress cuts funding")
    click(app, scene.form["budget"])
    type_text(app, "45")
    click(app, find_button(app, "Set"))
    assert s.log[-1] == ("Month 1, WHITE CELL: adjusted United States budget from next month: set 45; reason:"
                         " Congress cuts funding")
    # the log box may hold more than it shows: what was just done comes first, in green
    done = next(e for e in app.ui.get_root_container().elements
                if isinstance(e, pygame_gui.elements.UITextBox) and "Done:" in e.html_text)
    assert done.html_text.startswith(
        "<font color='#009e73'><b>Done:</b> Month 1, WHITE CELL: adjusted United States "
        "budget from next month: set 45; reason: Congress cuts funding</font><br><br>")
    assert app.dialog is None  # (the compact form says it in a dialog)
    assert not app.internal_errors


def test_white_cell_ends_the_game_early_and_the_debrief_opens(app):
    """A class runs out of time in month 3 of 10: the white cell ends the game there."""
    import pygame_gui

    from game.ui.scenes.turn import start_turn

    into_turn(app)  # tutorial, both nations human
    s = app.session
    app.instructor = True
    enter_white_cell(app)
    click(app, find_button(app, "End game"))  # nothing played yet: nothing to debrief
    assert app.dialog is not None and "Play at least one month" in app.dialog.text_block.html_text
    app.dialog.kill()
    app.dialog = None
    for _ in range(2):  # two months played by the table
        for side in s.human_seats():
            assert s.submit(side) == []
        s.end_turn()
    start_turn(app)
    enter_white_cell(app)
    click(app, find_button(app, "End game"))
    dlg, _action = app.pending_confirm
    assert "End the game after Month 2 and open the debrief?" in dlg.confirmation_text.html_text
    app.step([pygame.event.Event(pygame_gui.UI_CONFIRMATION_DIALOG_CONFIRMED, ui_element=dlg)])
    assert app.scene.name == "debrief" and s.is_over and len(s.reports) == 2
    assert s.log[-1] == "Month 3, WHITE CELL: ended the game after Month 2"
    assert not app.internal_errors


def test_play_turns_ends_a_game_started_in_the_window_after_n_turns(app):
    app.turn_limit = 3  # interdict play tutorial --turns 3
    into_turn(app)
    s = app.session
    assert s.turn_limit == 3
    for _ in range(3):
        assert not s.is_over
        for side in s.human_seats():
            assert s.submit(side) == []
        s.end_turn()
    assert s.is_over and len(s.reports) == 3


def test_white_cell_budget_menu_counts_the_events_of_the_month(app):
    from game.ui.scenes.turn import start_turn

    played(app, "tutorial", 2)  # Month 3: Congress adds 20 to the US budget for 3 months
    start_turn(app)
    app.instructor = True
    enter_white_cell(app)
    assert list(app.scene.choices["nation"]) == ["United States  now 80", "Colombia  now 25"]
    assert not app.internal_errors
