"""The load screen lists a game once, at its furthest autosave, and each white-cell snapshot
(`<scenario>-<game>-snapshot-tNN.json`) on its own row, marked as a snapshot: before, a
snapshot taken in the middle of a month was the game's only row (the newest of its saves at
that turn), so the month's autosave could not be picked, and a snapshot older than the
furthest autosave could not be picked at all. And the rows' saved time is shown whole at
960x600 and 1280x800 (it read "27 Nov 2026,…"): a long scenario title gives way first."""

from __future__ import annotations

import os
import re
import time

import pytest
from conftest import SCENARIOS, click, find_button

from game.scenario import load_scenario
from game.ui.scenes.load import LoadScene, saved_text
from game.ui.session import SeatPlan, Session

DATE = r"\d+ \w{3} \d{4}, \d\d:\d\d"
TITLE = "Atlantic Bridge: Europe and West Africa"  # mediterranean's, a long one


def med_game(app) -> Session:
    """mediterranean with Spain and Morocco the human seats, Month 1 played (autosaved)."""
    sc = load_scenario(str(SCENARIOS / "mediterranean.yaml"))
    plan = SeatPlan.demo(sc)
    plan.seats["spain"] = plan.seats["morocco"] = "human"
    s = Session.new(sc, plan, saves_dir=app.saves_dir)
    s.end_turn()
    assert s.last_autosave.name.endswith("-t01.json")
    return s


def age(path, seconds: float) -> None:
    """Make `path` look written `seconds` ago (file times order the list)."""
    t = time.time() - seconds
    os.utime(path, (t, t))


def open_load(app, size=(1280, 800)) -> LoadScene:
    app.resize(size)
    app.switch(LoadScene(app))
    app.step()
    return app.scene


def select(app, text: str) -> None:
    """Click the list row whose text is `text`."""
    item = next(it for it in app.scene.list.item_list if it["text"] == text)
    click(app, item["button_element"])
    assert app.scene.list.get_single_selection() == text


def row(scene, pattern: str) -> str:
    found = [n for n in scene.names if re.fullmatch(pattern, n)]
    assert len(found) == 1, (pattern, scene.names)
    return found[0]


def test_a_mid_month_snapshot_and_the_months_autosave_each_have_a_row(app):
    s = med_game(app)
    autosave = s.last_autosave
    assert s.submit("spain") == []
    snap = s.save_snapshot()
    assert snap.name.endswith("-snapshot-t02.json")
    age(autosave, 60)  # the snapshot is the game's newest save
    scene = open_load(app)
    assert [e.path for e in scene.entries] == [snap, autosave]
    snap_row = row(scene, rf"{TITLE}  ·  snapshot, Month 2 in progress  ·  {DATE}")
    auto_row = row(scene, rf"{TITLE}  ·  1 of 18 months played  ·  {DATE}")
    assert scene.names == [snap_row, auto_row]
    # the snapshot says what opening it does
    assert "Month 2 in progress (1 seat had played it)" in scene.info.html_text
    assert "the seats that had played keep their orders" in scene.info.html_text
    assert snap.name in scene.info.html_text

    # the month's autosave: Month 2 from its start, Spain to play
    select(app, auto_row)
    assert "1 of 18 months played, saved" in scene.info.html_text
    assert "White-cell snapshot" not in scene.info.html_text
    click(app, find_button(app, "Open"))
    assert app.scene.name == "handover"
    assert app.session.turn == 2 and app.session.submitted == {}
    assert app.session.current_seat() == "spain"

    # the snapshot: Spain's orders kept, Morocco to play
    scene = open_load(app)
    select(app, scene.names[0])
    click(app, find_button(app, "Open"))
    assert app.scene.name == "handover"
    assert app.session.turn == 2 and set(app.session.submitted) == {"spain"}
    assert app.session.current_seat() == "morocco"
    assert not app.internal_errors


def test_a_snapshot_older_than_the_furthest_autosave_can_still_be_opened(app):
    s = med_game(app)
    assert s.submit("spain") == []
    snap = s.save_snapshot()
    age(snap, 120)
    assert s.submit("morocco") == []
    s.end_turn()  # Month 2 played: its autosave is the game's furthest
    scene = open_load(app, (960, 600))
    assert [e.path for e in scene.entries] == [s.last_autosave, snap]
    assert scene.entries[0].turn == 2 and scene.entries[1].kind == "snapshot"
    assert "snapshot, Month 2 in progress  ·  " in scene.names[1]
    assert "2 of 18 months played  ·  " in scene.names[0]
    select(app, scene.names[1])
    click(app, find_button(app, "Step through turns"))
    assert app.scene.name == "history" and app.scene.turn == 1
    click(app, find_button(app, "Back"))
    assert app.scene.name == "load"
    assert not app.internal_errors


def test_a_snapshot_between_months_is_marked_too(app):
    """A snapshot with no orders of the month in progress says how far the game went."""
    s = med_game(app)
    snap = s.save_snapshot()
    scene = open_load(app)
    assert {e.path for e in scene.entries} == {snap, s.last_autosave}
    row(scene, rf"{TITLE}  ·  snapshot, 1 of 18 months played  ·  {DATE}")
    row(scene, rf"{TITLE}  ·  1 of 18 months played  ·  {DATE}")
    i = next(i for i, e in enumerate(scene.entries) if e.path == snap)
    select(app, scene.names[i])
    assert "White-cell snapshot, 1 of 18 months played, saved" in scene.info.html_text
    assert not app.internal_errors


def test_a_game_is_still_listed_once_at_its_furthest_autosave(app):
    s = med_game(app)
    s.end_turn()
    s.end_turn()
    assert len(list(app.saves_dir.glob("mediterranean-*-t0?.json"))) == 3
    scene = open_load(app)
    assert [e.turn for e in scene.entries] == [3]
    assert not app.internal_errors


@pytest.mark.parametrize("size", [(960, 600), (1280, 800)])
def test_the_saved_time_is_shown_whole(app, size):
    s = med_game(app)
    assert s.submit("spain") == []
    s.save_snapshot()
    sc = load_scenario(str(SCENARIOS / "tutorial.yaml"))
    Session.new(sc, SeatPlan.demo(sc), saves_dir=app.saves_dir).end_turn()
    scene = open_load(app, size)
    font = app.theme_font()
    row_w = scene.list.item_list_container.rect.w
    assert len(scene.entries) == 3
    for it, e in zip(scene.list.item_list, scene.entries, strict=True):
        text = str(it["text"])
        assert text.endswith("  ·  " + saved_text(e.saved)), text
        assert re.search(rf"  ·  {DATE}$", text)
        assert font.size(text)[0] <= row_w - 16 - 20, text  # the row's padding, a scroll bar
        when = "snapshot, Month 2 in progress" if e.kind == "snapshot" else e.when
        assert f"  ·  {when}  ·  " in text
    texts = [str(it["text"]) for it in scene.list.item_list]
    assert texts[0].startswith("Tutorial: One Corridor  ·  1 of 10 months played")
    if size == (1280, 800):  # room for the whole title
        assert all(t.startswith(TITLE + "  ·  ") for t in texts[1:])
    else:  # the title gives way, not the time
        assert all(t.startswith("Atlantic") and "…  ·  " in t for t in texts[1:])
    list_r, info_r = scene.list.rect, scene.info.rect
    assert not list_r.colliderect(info_r) and info_r.right <= size[0] - 40
    assert not app.internal_errors
