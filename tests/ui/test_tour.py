"""The screenshot tour takes a scenario id or a file anywhere, and a scenario with errors
gives its messages, not a traceback."""

from __future__ import annotations

from game.ui.tour import main


def test_a_scenario_file_with_errors_gives_its_messages(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: Bad-Id\n", encoding="utf-8")
    assert main([str(tmp_path / "out"), "--scenario", str(bad), "--size", "960x600"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2:5: error: id: the id 'Bad-Id' is not allowed" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
