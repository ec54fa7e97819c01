"""The turn report screen: numbers against the turn before the one shown, the table by
nation in aligned columns, and where the seizures happened (a map and the tons by corridor),
shown even when no event fired."""

from __future__ import annotations

from conftest import SCENARIOS, played

from game.scenario import load_scenario
from game.ui.scenes.resolution import ReportScene
from game.ui.session import SeatPlan, Session


def _played(app, turns=3):
    return played(app, "caribbean", turns)


def test_report_compares_with_the_turn_before_the_one_shown(app):
    s = _played(app)
    first, second = s.reports[0], s.reports[1]
    app.switch(ReportScene(app, first))
    app.step()
    assert app.scene.previous() is None
    assert all(before is None for _r, _n, _v, before, _u in app.scene.cards)
    app.switch(ReportScene(app, second))
    app.step()
    assert app.scene.previous() is first
    seized = next(c for c in app.scene.cards if c[1] == "Seized")
    assert seized[2] == second.seized and seized[3] == first.seized
    assert not app.internal_errors


def test_report_shows_seizures_by_corridor_and_a_nation_table(app):
    s = _played(app)
    r = s.reports[-1]
    app.switch(ReportScene(app, r))
    app.step()
    sc = app.scene
    # every ton seized this turn is in exactly one corridor row
    assert abs(sum(t for _n, t in sc.corridors) - r.seized) < 1e-6
    names = [n for n, _t in sc.corridors]
    expected = {x.corridor.replace("_", " ").title() if x.corridor else
                f"Other {x.mode} routes" for x in s.scenario.routes.values()}
    assert set(names) == expected and len(names) == len(set(names))
    assert [t for _n, t in sc.corridors] == sorted((t for _n, t in sc.corridors), reverse=True)
    # the small map of seizure sites is drawn in the right half, under any event cards
    assert sc.seizure_map is not None
    assert sc.map_rect.x > app.size[0] // 2 and sc.map_rect.bottom <= app.size[1]
    assert set(sc.seized_at) == {rid for rid, v in r.by_route.items() if v["seized"] > 0.05}
    # the table lists every nation once (the rest counted under it), humans first
    rows = sc.nation_rows
    assert len(rows) == len(s.scenario.nations)
    assert len(sc.nation_rows_shown) + sc.table_more == len(rows)
    assert sc.table_rect.bottom <= app.size[1] - 70
    assert not app.internal_errors


def test_report_at_1920_uses_the_room(app):
    import pygame

    s = _played(app, 1)
    app.step([pygame.event.Event(pygame.VIDEORESIZE, size=(1920, 1080), w=1920, h=1080)])
    app.switch(ReportScene(app, s.reports[-1]))
    app.step()
    assert app.scene.seizure_map.rect.w > 800
    assert app.scene.table_more == 0 or len(app.scene.nation_rows_shown) >= 10
    assert not app.internal_errors


def test_seizure_map_sits_beside_the_bars_when_the_theatre_is_tall():
    import pygame

    from game.ui.scenes.resolution import seizure_layout

    panel = pygame.Rect(650, 340, 590, 350)  # a wide, short panel (1280 x 800)
    # a square theatre: beside the bars, as tall as the panel, the bars keep their width
    m, b = seizure_layout(panel, 1.0, 5, 26, 260)
    assert (m.x, m.y, m.h) == (650, 340, 350) and m.w == 590 - 260 - 16
    assert (b.x, b.y, b.w, b.h) == (m.right + 16, 340, 260, 350)
    # bars asking for more than half the panel get half of it
    m, b = seizure_layout(panel, 1.0, 5, 26, 400)
    assert b.w == 590 // 2 and m.w == 590 - 590 // 2 - 16
    # a wide theatre (4:1): above the bars, full width, the bars below it
    m, b = seizure_layout(panel, 4.0, 5, 26, 300)
    assert (m.x, m.y, m.w, m.h) == (650, 340, 590, 350 - 6 * 26 - 10)
    assert (b.x, b.y, b.w) == (650, m.bottom + 10, 590) and b.bottom == panel.bottom
    # no room for a map of 140 px: the bars take the whole panel
    tiny = pygame.Rect(0, 0, 300, 120)
    assert seizure_layout(tiny, 1.0, 5, 26, 300) == (None, tiny)


def test_report_map_of_a_square_theatre_is_larger_than_the_strip_above_the_bars(app):
    sc = load_scenario(str(SCENARIOS / "mediterranean.yaml"))
    s = Session.new(sc, SeatPlan.demo(sc), saves_dir=app.saves_dir, autosave=False)
    s.end_turn()
    while not any(not c.get("audience") for c in s.reports[-1].event_cards):
        s.end_turn()  # a turn with a public event card: the map gets the room under it
    app.session = s
    app.switch(ReportScene(app, s.reports[-1]))
    app.step()
    scene = app.scene
    mv, bars = scene.seizure_map, scene.bars_rect
    assert mv is not None and bars.x > mv.rect.right  # side by side
    assert mv.rect.h > 300 and not mv.rect.colliderect(bars)
    assert len(scene.corridors_shown) == len(scene.corridors)
    assert not app.internal_errors


def test_the_nation_table_scrolls_to_every_nation_at_1280x800(app):
    import pygame

    s = _played(app, 1)
    app.switch(ReportScene(app, s.reports[-1]))
    app.step()
    sc = app.scene
    everyone = [row[0] for row in sc.nation_rows]
    assert len(everyone) == 12 and 0 < sc.table_rows < 12  # caribbean does not fit at 800
    seen = [row[0] for row in sc.nation_rows_shown]
    assert seen == everyone[:sc.table_rows]

    def wheel(y, pos):
        pygame.mouse.set_pos(pos)
        app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                  pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False,
                                     precise_x=0.0, precise_y=float(y))])

    wheel(-1, (sc.table_rect.centerx, sc.table_rect.bottom + 40))  # outside: nothing moves
    assert sc.table_top == 0
    for _ in range(20):  # more turns of the wheel than rows: it stops at the last nation
        wheel(-1, sc.table_rect.center)
        seen += [row[0] for row in sc.nation_rows_shown if row[0] not in seen]
    assert seen == everyone and sc.table_top == 12 - sc.table_rows
    assert [row[0] for row in sc.nation_rows_shown][-1] == everyone[-1]
    wheel(3, sc.table_rect.center)
    assert sc.table_top == 12 - sc.table_rows - 3
    app.rebuild()  # as after a resize: the table keeps its place
    assert app.scene is sc and sc.table_top == 12 - sc.table_rows - 3
    assert not app.internal_errors


def test_place_names_on_the_seizure_map_keep_clear_of_the_seizure_marks(app):
    s = _played(app, 3)
    for r in s.reports:
        app.switch(ReportScene(app, r))
        app.step()
        sc = app.scene
        marks, labels = sc._seizure_overlay()
        assert len(marks) == len(sc.seized_at) > 0
        tons = [rect for text, rect in labels if text]
        assert tons and all(text.endswith(" t") for text, _ in labels if text)
        drawn_over = [rect for _t, rect in labels]
        names = list(sc.seizure_map.label_rects.values())
        assert names  # some place names are still written
        assert not any(n.colliderect(m) for n in names for m in drawn_over)
        assert not any(a.colliderect(b) for i, a in enumerate(tons) for b in tons[i + 1:])
    assert not app.internal_errors


def test_the_news_and_the_report_say_when_the_traffickers_adapt(app):
    from game.ui.scenes.resolution import news_lines

    s = _played(app, 5)
    month2, month5 = s.reports[1], s.reports[4]
    assert news_lines(s, month2)[1:] == [
        "Month 2: tunnels now in use by Sinaloa Cartel, Clan del Golfo and Venezuelan-Caribbean"
        " transport networks (land detection x0.7)",
    ]
    # after the seizures and before the leaks, one line for each method taken up
    assert news_lines(s, month5)[1:4] == [
        "Month 5: semi-submersibles now in use by Clan del Golfo (maritime detection x0.6)",
        "Month 5: encrypted communications now in use by Venezuelan-Caribbean transport"
        " networks (all detection x0.85)",
        "Month 5: intelligence shared by Guatemala leaked through Jamaica",
    ]
    assert not any("now in use" in line for line in news_lines(s, s.reports[0]))
    app.switch(ReportScene(app, month5))
    app.step()
    assert ("<b>The traffickers adapt:</b> semi-submersibles now in use by Clan del Golfo"
            " (maritime detection x0.6).") in app.scene._lines(s, month5)
    assert not app.internal_errors
