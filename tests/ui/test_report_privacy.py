"""What the shared turn report and the resolution animation may show the table (hot seat,
projector) and what only the instructor (white cell) sees: undiscovered leaks, true flows,
where the autosave went. These screens face the whole class even when the instructor runs
the game (`--instructor`, or after Ctrl+W): the white cell's view shows only when the
instructor asks for it with the "White-cell view" button, each report anew."""

from __future__ import annotations

import pytest
from conftest import click, find_button, played

from game.ui.scenes.resolution import ReportScene, ResolutionScene
from game.ui.session import Session

# a seed of caribbean where month 5 has two discovered leaks, then two undiscovered ones, and
# month 4 three leaks that all stayed hidden
SEED = 4375


def _played(app, turns: int, *, autosave: bool = False) -> Session:
    """caribbean with every seat on the computer, `turns` turns played (seeded: month 5 has
    two discovered and two undiscovered leaks)."""
    return played(app, "caribbean", turns, seed=SEED, autosave=autosave)


def _leak_lines(app, report) -> list[str]:
    app.switch(ReportScene(app, report))
    app.step()
    return [x for x in app.scene._lines(app.session, report) if "Leak" in x]


DISCOVERED = (
    "<b>Leak, discovered:</b> intelligence United States shared with Panama reached the "
    "traffickers. They learned where the assets of United States were this turn, and those "
    "assets kept only 40% of their detection power. Trust between the two falls: United "
    "States in Panama by 0.15, Panama in United States by 0.05.")
UNDISCOVERED = (
    "<b>Leak, not discovered</b> (only the white cell sees this): intelligence Panama "
    "shared with Dominican Republic reached the traffickers. They learned where the "
    "assets of Panama were this turn, and those assets kept only 40% of their detection "
    "power. Nobody found out, so trust is unchanged.")


def test_the_shared_report_shows_only_the_leaks_that_were_discovered(app):
    s = _played(app, 5)
    month5 = s.reports[-1]
    assert [(x["from"], x["discovered"]) for x in month5.leaks] == [
        ("usa", True), ("colombia", True), ("panama", False), ("netherlands", False)]
    lines = _leak_lines(app, month5)
    assert len(lines) == 2 and DISCOVERED in lines[0]
    assert "Colombia shared with Costa Rica" in lines[1]
    # the undiscovered ones: Panama and the Netherlands, each with the Dominican Republic
    assert not any("not discovered" in x or "Dominican" in x or "Netherlands" in x
                   for x in lines)
    # a turn whose leaks all stayed hidden says nothing about leaks at all
    assert [x["discovered"] for x in s.reports[3].leaks] == [False, False, False]
    assert _leak_lines(app, s.reports[3]) == []
    assert not app.internal_errors


def test_the_instructor_sees_every_leak_marked_as_undiscovered_only_on_asking(app):
    s = _played(app, 5)
    app.instructor = True  # --instructor, or the white cell opened once: the table still looks
    lines = _leak_lines(app, s.reports[-1])
    assert len(lines) == 2 and DISCOVERED in lines[0]
    assert not any("not discovered" in x for x in lines)
    click(app, find_button(app, "White-cell view"))
    assert app.scene.white_view
    lines = [x for x in app.scene._lines(s, s.reports[-1]) if "Leak" in x]
    assert len(lines) == 4
    assert DISCOVERED in lines[0] and UNDISCOVERED in lines[2]
    assert "intelligence Kingdom of the Netherlands shared with Dominican Republic" in lines[3]
    click(app, find_button(app, "White-cell view"))  # and hidden again
    assert not app.scene.white_view
    assert len([x for x in app.scene._lines(s, s.reports[-1]) if "Leak" in x]) == 2
    assert not app.internal_errors


def test_the_white_cell_view_is_off_for_each_new_report(app):
    s = _played(app, 5)
    app.instructor = True
    app.switch(ReportScene(app, s.reports[-2]))
    app.step()
    click(app, find_button(app, "White-cell view"))
    assert app.scene.white_view
    headings = [str(el.text) for el in app.ui.get_sprite_group().sprites()
                if getattr(el, "text", None) and "turn report" in str(el.text)]
    assert headings == ["Month 4: turn report (white-cell view)"]
    app.switch(ReportScene(app, s.reports[-1]))
    app.step()
    assert not app.scene.white_view
    assert not find_button(app, "White-cell view").is_selected
    assert len(_leak_lines(app, s.reports[-1])) == 2
    assert not app.internal_errors


def test_only_the_instructor_gets_the_white_cell_view_button(app):
    s = _played(app, 1)
    app.switch(ReportScene(app, s.reports[-1]))
    app.step()
    with pytest.raises(AssertionError, match="no button 'White-cell view'"):
        find_button(app, "White-cell view")
    app.scene.toggle_white_view()  # even if asked for, no white-cell view without the instructor
    assert not app.scene.white_view
    app.switch(ResolutionScene(app, s.reports[-1]))
    app.step()
    with pytest.raises(AssertionError, match="no button 'White-cell view'"):
        find_button(app, "White-cell view")
    assert not app.internal_errors


def _resolve(app, report, seconds: float):
    scene = ResolutionScene(app, report)
    app.switch(scene)
    for _ in range(round(seconds * 60)):
        app.step()
    return scene


def test_the_shared_resolution_shows_the_seizures_not_the_flows(app):
    s = _played(app, 3)
    r = s.reports[-1]
    seized = {rid for rid, v in r.by_route.items() if v["seized"] > 0}
    flowing = {rid for rid, v in r.by_route.items() if v["flow"] > 0}
    assert seized and flowing - seized  # routes in use where nothing was seized
    scene = _resolve(app, r, 0.1)  # before the first seizure: nothing moves
    assert scene.map.movers == [] and scene.flows == {}
    scene = _resolve(app, r, 3.0)  # every seizure has flashed: a marker on each, no dots
    assert scene.flashed == seized
    assert {rid for rid, _t, _c, _r in scene.map.movers} == seized
    assert len(scene.map.movers) == len(seized)
    assert all(t == 0.5 for _rid, t, _c, _r in scene.map.movers)
    top = max(r.by_route[rid]["seized"] for rid in seized)  # sized by the tons seized
    assert all(rad == 3 + round(5 * (r.by_route[rid]["seized"] / top) ** 0.5)
               for rid, _t, _c, rad in scene.map.movers)
    assert scene.header_text(10_000) == (
        "Rings flash where seizures happen; shipments are not shown on this shared screen. "
        "Space skips to the report.")
    assert not app.internal_errors


def test_the_white_cell_resolution_shows_the_true_flows_only_on_asking(app):
    s = _played(app, 3)
    r = s.reports[-1]
    seized = {rid for rid, v in r.by_route.items() if v["seized"] > 0}
    flowing = {rid for rid, v in r.by_route.items() if v["flow"] > 0}
    app.instructor = True  # the class still sees this screen: the public view first
    scene = _resolve(app, r, 3.0)
    assert scene.flows == {} and scene.view == "observer"
    assert {rid for rid, _t, _c, _r in scene.map.movers} == seized
    assert scene.header_text(10_000).startswith("Rings flash where seizures happen;")
    click(app, find_button(app, "White-cell view"))
    app.step()
    assert scene.white_view and scene.view == "white"
    assert {rid for rid, _t, _c, _r in scene.map.movers} == flowing
    assert scene.header_text(10_000).startswith("White cell: dots are the true shipments")
    scene = _resolve(app, r, 1.0)  # the next resolution starts public again
    assert scene.flows == {} and not scene.white_view
    assert not app.internal_errors


def test_where_the_autosave_went_is_for_the_instructor_only(app):
    s = _played(app, 1, autosave=True)
    assert s.last_autosave is not None and s.autosave_error is None
    app.switch(ReportScene(app, s.reports[-1]))
    app.step()
    lines = app.scene._lines(s, s.reports[-1])
    assert lines[-1].endswith(">Saved.</font>")
    assert not any(str(s.last_autosave) in x or "Autosaved" in x for x in lines)
    app.instructor = True  # the instructor's game, on the table's screen: still "Saved."
    app.switch(ReportScene(app, s.reports[-1]))
    app.step()
    assert app.scene._lines(s, s.reports[-1])[-1].endswith(">Saved.</font>")
    click(app, find_button(app, "White-cell view"))
    lines = app.scene._lines(s, s.reports[-1])
    assert lines[-1].endswith(f">Autosaved to {s.last_autosave}</font>")
    assert not app.internal_errors
