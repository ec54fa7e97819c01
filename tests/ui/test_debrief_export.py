"""The debrief's export: the report names the game's real save file (the last autosave) or,
without one, no save file at all; the students' files sit beside the instructor's."""

from __future__ import annotations

import re

from conftest import click, find_button, played

from game.ui.scenes.debrief import DebriefScene


def _export(app) -> dict[str, str]:
    app.switch(DebriefScene(app))
    app.step()
    click(app, find_button(app, "Export PNG + HTML"))
    return {p.name: p for p in app.scene.exported}


def _about(path) -> str:
    html = path.read_text()
    section = html.split('<section id="game">', 1)[1].split("</section>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", section).split())


def test_the_export_names_the_last_autosave(app):
    s = played(app, "tutorial", 2, autosave=True, ended=True)
    assert s.last_autosave is not None and s.last_autosave.is_file()
    files = _export(app)
    assert {"report.html", "report-for-students.html", "turns.csv",
            "turns-for-students.csv"} <= set(files)
    assert f"Save file {s.last_autosave.name}" in _about(files["report.html"])
    assert not app.internal_errors


def test_without_a_save_the_export_names_none(app):
    s = played(app, "tutorial", 2, ended=True)
    assert s.last_autosave is None
    files = _export(app)
    about = _about(files["report.html"])
    assert "Save file" not in about and ".json" not in about
    assert not app.internal_errors


def test_a_game_the_white_cell_ended_early_reads_so_in_its_report(tmp_path):
    """The debrief said "met when play stopped", the report of the same game "on track" and
    "not met yet", and the save did not know the game had been ended."""
    from conftest import SCENARIOS

    from game.persistence.games import load_game
    from game.persistence.report import write_report
    from game.scenario import load_scenario
    from game.ui.session import SeatPlan, Session

    sc = load_scenario(SCENARIOS / "tutorial.yaml")
    s = Session.new(sc, SeatPlan.demo(sc), saves_dir=tmp_path)
    for _ in range(3):
        s.end_turn()
    s.end_now()
    assert s.is_over and s.last_autosave is not None
    page = write_report([s.last_autosave], tmp_path / "out")[0].read_text(encoding="utf-8")
    assert ('<p id="stopped">The white cell ended the game after Month 3 of 10: an objective '
            "judged at the end of the game is read as it stood then.</p>") in page
    assert "when play stopped" in page
    assert "on track" not in page and "not met yet" not in page
    # opened again and played on, it is an ordinary game once more
    again = Session.from_save(s.last_autosave, saves_dir=tmp_path)
    again.end_turn()
    page = write_report([again.last_autosave], tmp_path / "out2")[0].read_text(encoding="utf-8")
    assert 'id="stopped"' not in page and "when play stopped" not in page
    assert "ended_early" not in (load_game(again.last_autosave) and
                                 again.last_autosave.read_text(encoding="utf-8"))
