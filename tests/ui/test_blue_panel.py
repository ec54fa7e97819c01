"""The Blue seat's panel: the funding labels add up to the budget, and the operations list
gives each asset its whole name."""

from __future__ import annotations

from conftest import click, find_button, into_turn


def test_funding_tenths_add_up_to_the_rounded_total():
    from game.ui.scenes.turn import tenths

    values = [47.26, 26.26, 20.98, 10.5]  # each rounded on its own: 47.3 + 26.3 + 21.0 + 10.5
    assert round(sum(round(v, 1) for v in values), 1) == 105.1
    assert tenths(values) == [47.3, 26.2, 21.0, 10.5]  # the spare tenths go to 20.98, 47.26
    assert tenths([0.3, 0.7, 2.3]) == [0.3, 0.7, 2.3]  # float noise does not move a tenth
    assert tenths([1 / 3] * 3) == [0.4, 0.3, 0.3]  # total 1.0; the first of equals gets it
    assert tenths([]) == []


def _labels(app) -> list[str]:
    return [str(e.text) for e in app.ui.get_sprite_group().sprites()
            if hasattr(e, "text") and e.alive()]


def test_funding_labels_never_add_up_past_the_budget(app):
    into_turn(app, "caribbean")
    s, side = app.session, app.scene.side
    budget = s.budget(side)
    keys = list(app.scene.slider_labels)
    parts = [0.4473, 0.2918, 0.1553, 0.1056]  # of 90: 40.257, 26.262, 13.977, 9.504
    d = s.draft(side)
    d.funding.update(dict.fromkeys(d.funding, 0.0))
    d.funding.update({k: budget * p for k, p in zip(keys, parts)})
    app.scene.update_funding_labels()
    shown = [float(lab.text.split(":")[1].split()[0])
             for lab in app.scene.slider_labels.values()]
    assert len(shown) >= 4 and round(sum(round(v, 1) for v in s.draft(side).funding.values()),
                                      1) > round(budget, 1)  # each rounded alone: over budget
    assert round(sum(shown), 1) == round(budget, 1)


def test_operations_rows_give_whole_asset_names(app):
    into_turn(app, "caribbean")
    s, side = app.session, app.scene.side
    sc = s.scenario
    click(app, find_button(app, "Operations"))
    route = next(r for r, x in sc.routes.items() if x.mode == "maritime"
                 and not s.deploy_reasons(side, r, "patrol_ship"))
    app.scene.select_route(route)
    app.step()
    labels = _labels(app)
    owned = [sc.asset_types[a].name for a, n in s.owned_assets(side).items() if n > 0]
    assert "Armed helicopter on a cutter" in owned and "Maritime patrol aircraft" in owned
    for name in owned:  # the old row cut every name past 22 characters
        assert name in labels
    assert {"Asset", "Free", "On this route"} <= set(labels)
    assert not app.internal_errors


def test_why_tab_text_grows_with_the_window_and_its_hint_is_whole(tmp_path):
    import pygame
    import pygame_gui

    from game.ui.app import App
    from game.ui.mapview import wait_land_mask

    app = App((1920, 1080), fixed_dt=1 / 60, saves_dir=tmp_path / "saves")
    wait_land_mask()
    try:
        into_turn(app, "caribbean")
        click(app, find_button(app, "Why"))
        theme = app.ui.get_theme()
        hint = next(e for e in app.ui.get_sprite_group().sprites()
                    if isinstance(e, pygame_gui.elements.UITextBox) and e.alive()
                    and "Enter starts a new line" in e.html_text)
        entry, box = (theme.get_font(e.combined_element_ids) for e in (app.scene.why, hint))
        assert entry.size("We patrol") == box.size("We patrol")  # was the unscaled 14 pt
        assert hint.scroll_bar is None  # the hint is as tall as its text: no scrolling
        assert not app.internal_errors
    finally:
        pygame.quit()
