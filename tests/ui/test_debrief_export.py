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
