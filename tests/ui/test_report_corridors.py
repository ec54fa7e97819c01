"""The report's seizure bars group routes by corridor; routes outside any named corridor by
mode, as "Other maritime routes" beside named corridors and "Maritime routes" in a scenario
that names none (the tutorial read "Other ... routes": other than what?)."""

from __future__ import annotations

from conftest import played

from game.ui.scenes.resolution import ReportScene


def _names(app, scenario: str) -> set[str]:
    s = played(app, scenario, 1)
    app.switch(ReportScene(app, s.reports[-1]))
    app.step()
    return {name for name, _tons in app.scene.seizures_by_corridor()}


def test_bars_are_named_by_corridor_or_by_mode(app):
    assert _names(app, "tutorial") == {"Maritime routes", "Land routes", "Air routes"}
    carib = _names(app, "caribbean")
    assert {"Eastern Pacific", "Central America", "Caribbean"} <= carib
    assert {x for x in carib if x.startswith("Other ")} <= {
        "Other maritime routes", "Other land routes", "Other air routes"}
    assert not app.internal_errors
