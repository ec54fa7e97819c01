"""The after-action report: HTML sections, escaping, charts, CSV numbers, comparisons."""

from __future__ import annotations

import base64
import csv
import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.ai.session import Game, Seat
from game.cli import main
from game.core.errors import InterdictError
from game.core.model import Objective
from game.core.orders import BlueOrders, InstructorAction
from game.persistence.charts import CHART_TITLES, render_charts, render_comparison_charts
from game.persistence.games import game_meta, save_game
from game.persistence.objective_text import describe_objective, metric_text
from game.persistence.records import TurnRow
from game.persistence.report import (
    BASE_COLUMNS,
    COMPARE_SECTIONS,
    SECTIONS,
    csv_text,
    export_debrief,
    write_report,
)
from game.scenario import load_scenario

from .helpers import SCENARIOS, TUTORIAL, hand_over_month, human_tutorial_game, new_game, play

SCENARIOS_BY_ID = {p.stem: p for p in SCENARIOS}

PNG = b"\x89PNG\r\n\x1a\n"


class Page(HTMLParser):
    """Collects what a reader would see: section ids, headings, images, scripts, text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.sections: list[str] = []
        self.images: list[str] = []
        self.scripts = 0
        self.tags: list[str] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "section":
            self.sections.append(a.get("id", ""))
        if tag == "img":
            self.images.append(a.get("src", ""))
        if tag == "script":
            self.scripts += 1

    def handle_data(self, data):
        self.text.append(data)

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def hostile_tutorial(tmp_path: Path) -> Path:
    """The tutorial with a scenario title that tries to run a script."""
    src = tmp_path / "hostile.yaml"
    text = TUTORIAL.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("title:"))
    src.write_text(text.replace(old, 'title: "<script>alert(1)</script> & <b>Co</b>"'),
                   encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory) -> tuple[Path, Game]:
    tmp = tmp_path_factory.mktemp("report")
    game = Game.new(load_scenario(hostile_tutorial(tmp)), seed=3, seats={"usa": Seat.person()})
    for t in range(1, 7):
        assert game.submit("usa", BlueOrders(
            nation="usa", sharing={"colombia": "full"},
            rationale=f"Turn {t}: <b>share</b> & watch the coast")) == []
        if t == 2:
            assert game.instructor(InstructorAction(
                kind="inject", reason="test the press line",
                title="<img src=x onerror=alert(2)>Press leak", text="A reporter calls.")) == []
        game.end_turn()
    save = save_game(game, tmp / "team-a.json")
    write_report([save], tmp / "out")
    return tmp / "out", game


def test_every_section_is_present_and_filled(report_dir):
    out, game = report_dir
    page = Page((out / "report.html").read_text(encoding="utf-8"))
    assert page.sections == [sid for sid, _ in SECTIONS]
    for name in CHART_TITLES:
        assert f"chart-{name}" in page.ids
    assert len(page.images) == len(CHART_TITLES)
    for src in page.images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1]).startswith(PNG)
    text = page.all_text
    assert "Over the game, Blue's placements (all nations, computer-run included) could " \
        "expect " in text and "of what the same assets could have seized" in text
    assert "if no nation had acted" in text
    for t in range(1, 7):
        assert f"Turn {t}: <b>share</b> & watch the coast" in text  # rationale, as text
    assert "test the press line" in text  # the instructor's reason
    assert "White cell inject: <img src=x onerror=alert(2)>Press leak" in text
    fired = [c["title"] for r in game.history for c in r.report.to_data()["event_cards"]]
    assert fired, "the tutorial fires scripted events in its first turns"
    for title in fired:
        assert title in text
    for ob in game.scenario.objectives.values():
        assert ob.text in text
    assert sum(text.count(b) for b in ("PASS", "FAIL", "on track", "not met yet",
                                      "not judged")) >= len(game.scenario.objectives)
    assert f"game {game_meta(game).game_id}" in text


def test_text_from_scenarios_and_saves_is_escaped(report_dir):
    out, _ = report_dir
    raw = (out / "report.html").read_text(encoding="utf-8")
    page = Page(raw)
    assert page.scripts == 0
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;" in raw
    assert "<script>" not in raw and "onerror=alert" not in raw.replace(
        "&lt;img src=x onerror=alert(2)&gt;", "")
    assert "img" in page.tags and page.tags.count("b") == 0  # no <b> from any text
    assert "<script>alert(1)</script> & <b>Co</b>" in page.all_text  # shown as text


def test_csv_has_one_row_per_turn_with_the_engines_exact_numbers(report_dir):
    out, game = report_dir
    rows = list(csv.DictReader(io.StringIO((out / "turns.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(game.history) == 6
    header = list(rows[0])
    assert header[: len(BASE_COLUMNS)] == list(BASE_COLUMNS)
    nations = list(game.scenario.nations)
    for n in nations:
        assert f"violence.{n}" in header and f"seized.{n}" in header
    for route in game.scenario.routes:
        assert f"flow.{route}" in header
    for row, rec in zip(rows, game.history):
        rep = rec.report
        assert int(row["turn"]) == rec.turn
        for key in ("produced", "shipped", "seized", "delivered", "detected",
                    "hindsight_seizable", "hindsight_expected", "baseline_delivered"):
            assert float(row[key]) == getattr(rep, key)  # exact, not rounded
        injects = [c["title"] for c in rep.event_cards if c.get("instructor")]
        assert row["events"] == " ".join(x for x in rep.events if not x.startswith("inject:"))
        assert row["injects"] == "; ".join(injects)  # by title, not "inject:1"
        assert int(row["leaks"]) == len(rep.leaks)
        for n in nations:
            assert float(row[f"violence.{n}"]) == rep.by_nation[n]["violence"]


def test_csv_exact_text_for_known_numbers():
    rows = [TurnRow(turn=1, produced=50.0, shipped=40.0, seized=10.0, delivered=30.0,
                    detected=12.5, baseline_delivered=36.0, hindsight_seizable=20.0,
                    hindsight_expected=8.0, delivered_reduction=1 / 6, leaks=2,
                    events=("storm", "bribe"),
                    by_nation={"usa": {"seized": 10.0, "violence": 0.25}},
                    by_alliance={"pact": {"cohesion": 0.7}},
                    by_route={"r1": {"flow": 40.0, "seized": 10.0}}),
            TurnRow(turn=2, produced=50.0, shipped=0.0, baseline_delivered=None)]
    assert csv_text(rows).splitlines() == [
        ",".join(BASE_COLUMNS) + ",seized.usa,violence.usa,corruption.usa,governance.usa,"
        "spent.usa,cohesion.pact,flow.r1,seized_on.r1",
        "1,50.0,40.0,10.0,30.0,12.5,36.0,0.16666666666666666,0.25,20.0,8.0,0.4,2,storm bribe,,"
        "10.0,0.25,,,,0.7,40.0,10.0",
        "2,50.0,0.0,0.0,0.0,0.0,,0.0,0.0,0.0,0.0,1.0,0,,,,,,,,,,",
    ]


def test_comparison_of_teams_and_refusal_of_other_scenarios(tmp_path, capsys):
    a = save_game(play(TUTORIAL, seed=1, turns=4), tmp_path / "team-a.json")
    b = save_game(play(TUTORIAL, seed=2, turns=5), tmp_path / "team-b.json")
    assert main(["report", str(a), str(b), "--out", str(tmp_path / "cmp")]) == 0
    names = sorted(p.name for p in (tmp_path / "cmp").iterdir())
    assert names == ["compare.html", "report-team-a-turns.csv", "report-team-a.html",
                     "report-team-b-turns.csv", "report-team-b.html"]
    page = Page((tmp_path / "cmp" / "compare.html").read_text(encoding="utf-8"))
    assert page.sections == [sid for sid, _ in COMPARE_SECTIONS]
    assert "team-a" in page.all_text and "team-b" in page.all_text
    assert len(page.images) == 3
    other = next(p for p in SCENARIOS if p != TUTORIAL)
    c = save_game(play(other, seed=1, turns=1), tmp_path / "team-c.json")
    capsys.readouterr()
    assert main(["report", str(a), str(c), "--out", str(tmp_path / "bad")]) == 1
    assert capsys.readouterr().err.strip() == (
        f"report: {c} is a game of scenario '{other.stem}' ({other.name}) but {a} is a game of "
        "'tutorial' (tutorial.yaml), or of another version of it. Teams can only be compared "
        "on the same scenario: run the report once per scenario.")
    assert not (tmp_path / "bad").exists()


def test_default_folder_is_in_saves(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERDICT_SAVES_DIR", str(tmp_path / "saves"))
    game = play(TUTORIAL, seed=1, turns=2)
    save = save_game(game, tmp_path / "g.json")
    written = write_report([save])
    folder = tmp_path / "saves" / f"report-tutorial-{game_meta(game).game_id}"
    assert written == [folder / "report.html", folder / "turns.csv"]
    with pytest.raises(InterdictError, match="name at least one save"):
        write_report([])


def test_render_charts_for_the_ui():
    game = human_tutorial_game(turns=3)
    pngs = render_charts(game.history)
    assert list(pngs) == list(CHART_TITLES)
    assert all(v.startswith(PNG) for v in pngs.values())
    assert render_charts([]) == {}
    # the x axis takes the scenario's name for a turn: every chart is drawn differently
    months = render_charts(game.history, turn_label="Month")
    assert list(months) == list(pngs) and all(months[k] != pngs[k] for k in pngs)
    assert render_charts(game.history, turn_label="Turn") == pngs
    cmp_ = render_comparison_charts({"a": game.history, "b": game.history[:2]})
    assert sorted(cmp_) == ["delivered", "possible", "seized"]


def test_export_debrief_from_a_live_game(tmp_path):
    game = human_tutorial_game(turns=2)
    written = export_debrief(game, tmp_path / "debrief")
    names = sorted(p.name for p in written)
    assert names[:2] == ["chart-cohesion.png", "chart-corruption.png"]
    assert "report.html" in names and "turns.csv" in names
    # and the students' copy beside it: the same page without the white cell's notes
    teacher, pupils = (tmp_path / "debrief" / n for n in ("report.html",
                                                          "report-for-students.html"))
    assert 'id="instructor"' in teacher.read_text()
    assert 'id="instructor"' not in pupils.read_text() and "no white-cell notes" in \
        pupils.read_text()


CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), None)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_report_opens_in_headless_chromium_without_errors(report_dir, tmp_path):
    out, _ = report_dir
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
           "--enable-logging=stderr", "--v=0", "--dump-dom",
           (out / "report.html").resolve().as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    dom = Page(proc.stdout)
    assert dom.sections == [sid for sid, _ in SECTIONS]
    assert len(dom.images) == len(CHART_TITLES) and dom.scripts == 0


def test_rejected_orders_and_refused_actions_are_shown(tmp_path):
    from game.core.model import frozen_map
    from game.core.orders import TurnOrders

    game = new_game(TUTORIAL, seed=1)
    bad = BlueOrders(nation="usa", deploy={"coast_road": {"patrol_ship": 99}},
                     rationale="all in")
    game.end_turn(TurnOrders(turn=1, blue=frozen_map({"usa": bad})))
    assert game.history[0].report.rejected
    save = save_game(game, tmp_path / "g.json")
    write_report([save], tmp_path / "out")
    text = Page((tmp_path / "out" / "report.html").read_text(encoding="utf-8")).all_text
    reasons = "; ".join(game.history[0].report.rejected[0]["reasons"])
    assert f"REJECTED, so no action this turn ({reasons})" in text
    assert "all in" in text


class SectionText(HTMLParser):
    """Text of each <section>, by id, without its <h2> heading; and the ids inside <details>."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text: dict[str, list[str]] = {}
        self.folded: list[str] = []
        self._section: str | None = None
        self._in_h2 = False
        self._details = 0
        self._last_h3: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section":
            self._section = a.get("id", "")
            self.text[self._section] = []
        elif tag == "h2":
            self._in_h2 = True
        elif tag == "h3":
            self._last_h3 = a.get("id")
        elif tag == "details":
            self._details += 1
            if self._last_h3:
                self.folded.append(self._last_h3)

    def handle_endtag(self, tag):
        if tag == "section":
            self._section = None
        elif tag == "h2":
            self._in_h2 = False
        elif tag == "details":
            self._details -= 1

    def handle_data(self, data):
        if self._section is not None and not self._in_h2 and data.strip():
            self.text[self._section].append(data.strip())

    def of(self, sid: str) -> str:
        return " ".join(self.text.get(sid, []))


def test_every_section_has_content_beyond_its_heading(report_dir):
    out, _ = report_dir
    page = SectionText((out / "report.html").read_text(encoding="utf-8"))
    assert list(page.text) == [sid for sid, _ in SECTIONS]
    for sid, _ in SECTIONS:
        assert len(page.of(sid)) > 40, (sid, page.of(sid))
    assert "Month 6" in page.of("turns")
    assert "Intelligence leaks to traffickers" in page.of("summary")


def test_decisions_show_sharing_changes_and_fold_the_computers_orders(report_dir):
    out, _ = report_dir
    raw = (out / "report.html").read_text(encoding="utf-8")
    page = SectionText(raw)
    # the students' nation is shown; the computer-played one is folded under <details>
    assert page.folded == ["decisions-colombia"]
    rows = [r for r in raw.split('<h3 id="decisions-usa">', 1)[1].split("</table>", 1)[0]
            .split("<tr>") if "Month" in r]
    assert len(rows) == 6
    assert "<td>Colombia: full</td>" in rows[0]
    assert all("<td>unchanged</td>" in r for r in rows[1:])


def _objective(metric: str, op: str, value: float, scope: str | None = None,
               by_turn: int | None = None) -> Objective:
    return Objective(id="x", side="nation:usa", text="", metric=metric, op=op, value=value,
                     scope=scope, by_turn=by_turn)


def _final(value: float) -> dict:
    return {"met": True, "value": value, "final": True}


def test_objective_text_of_a_share_tons_a_level_and_leaks():
    sc = load_scenario(TUTORIAL)  # a turn is a "Month"
    share = _objective("delivered_reduction", ">=", 0.28, by_turn=10)
    t = describe_objective(share, _final(0.35), sc)
    assert (t.value, t.target, t.measure) == ("35%", "at least 28% by Month 10",
                                              "reduction in tons delivered")
    assert t.sentence == "result 35%, target at least 28% by Month 10"
    assert describe_objective(share, _final(0.2671), sc).value == "27%"
    tons = _objective("seized_tons", ">=", 120, scope="nation:usa")
    t = describe_objective(tons, _final(132.0734), sc)
    assert (t.value, t.target, t.measure) == ("132.1 t", "at least 120 t",
                                              "tons seized (United States)")
    assert describe_objective(tons, _final(120.0), sc).value == "120 t"
    assert describe_objective(tons, _final(1234.56), sc).value == "1,234.6 t"
    level = _objective("violence", "<", 0.45, scope="nation:colombia")
    t = describe_objective(level, _final(0.4213), sc)
    assert (t.value, t.target, t.measure) == ("0.42", "below 0.45", "violence (Colombia)")
    assert t.sentence == "result 0.42, target below 0.45"
    assert describe_objective(level, _final(0.5), sc).value == "0.50"
    assert describe_objective(_objective("violence", "<", 0.575), _final(0.56), sc
                              ).target == "below 0.575"  # the target as the scenario wrote it
    leaks = _objective("leaks", "<=", 4, scope="nation:colombia")
    t = describe_objective(leaks, _final(3.0), sc)
    assert (t.value, t.target, t.measure) == ("3", "at most 4", "intelligence leaks (Colombia)")
    assert describe_objective(_objective("cohesion", ">", 0.7), _final(0.81), sc
                              ).sentence == "result 0.81, target above 0.7"


def test_objective_values_never_round_to_the_wrong_side_of_the_target():
    share = _objective("delivered_reduction", ">=", 0.28)
    assert describe_objective(share, _final(0.2799)).value == "27.99%"  # not "28%": it failed
    assert describe_objective(share, _final(0.2801)).value == "28%"  # 28% passes at least 28%
    tons = _objective("seized_tons", ">=", 120)
    assert describe_objective(tons, _final(119.96)).value == "119.96 t"
    level = _objective("violence", "<", 0.45)
    assert describe_objective(level, _final(0.4497)).value == "0.4497"  # 0.450 fails "below"
    assert describe_objective(_objective("violence", "<", 0.575), _final(0.575)
                              ).value == "0.575"  # exactly the target: fails, so says so
    assert describe_objective(share, _final(-0.001)).value == "0%"  # never "-0%"
    assert metric_text("delivered_reduction", -0.104) == "-10%"  # more than doing nothing


def test_objective_text_before_it_is_judged():
    sc = load_scenario(TUTORIAL)
    share = _objective("delivered_reduction", ">=", 0.28, by_turn=10)
    t = describe_objective(share, {"met": False, "value": 0.2, "final": False}, sc)
    assert (t.value, t.reading) == ("20%", "20% so far")
    assert t.sentence == "20% so far, target at least 28% by Month 10"
    t = describe_objective(share, None, sc)
    assert (t.value, t.reading) == ("", "no result yet")
    assert t.sentence == "no result yet, target at least 28% by Month 10"
    assert describe_objective(share, None).target == "at least 28% by turn 10"  # no scenario


def test_report_objectives_table_uses_the_objective_texts(tmp_path):
    game = play(TUTORIAL, seed=2, turns=10)
    save = save_game(game, tmp_path / "g.json")
    write_report([save], tmp_path / "out")
    raw = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    table = raw.split('<section id="objectives">', 1)[1].split("</section>", 1)[0]
    sc = game.scenario
    status = game.history[-1].report.objectives
    for oid, ob in sc.objectives.items():
        t = describe_objective(ob, status[oid], sc)
        assert t.final and t.value
        assert f"<td>{t.measure} {t.target}</td>" in table
        assert f'<td class="n">{t.value}</td>' in table
    cut = status["cut_flow"]["value"]
    assert (round(cut * 100) >= 18) == (cut >= 0.18)  # plain rounding is honest here
    assert "<td>reduction in tons delivered at least 18% by Month 10</td>" in table
    assert f'<td class="n">{cut * 100:.0f}%</td>' in table
    text = SectionText(raw).of("objectives")
    for ob in sc.objectives.values():
        assert ob.metric not in text or "_" not in ob.metric  # no raw metric ids


def test_report_charts_name_the_x_axis_as_the_scenario_names_a_turn(tmp_path, monkeypatch):
    import game.persistence.report as report

    seen: list[dict] = []

    def spy(render):
        def wrapped(*args, **kwargs):
            seen.append(kwargs)
            return render(*args, **kwargs)
        return wrapped

    monkeypatch.setattr(report, "render_charts", spy(report.render_charts))
    monkeypatch.setattr(report, "render_comparison_charts",
                        spy(report.render_comparison_charts))
    game = play(SCENARIOS_BY_ID["caribbean"], seed=3, turns=2)
    assert game.scenario.turn_label == "Month"
    a = save_game(game, tmp_path / "a.json")
    write_report([a], tmp_path / "one")
    assert [k.get("turn_label") for k in seen] == ["Month"]
    export_debrief(game, tmp_path / "debrief")  # drawn once for the page and the PNG files
    assert [k.get("turn_label") for k in seen] == ["Month"] * 2
    page = (tmp_path / "debrief" / "report.html").read_text()
    pngs = sorted((tmp_path / "debrief").glob("chart-*.png"))
    assert [p.stem for p in pngs] == ["chart-cohesion", "chart-corruption", "chart-flows",
                                      "chart-hindsight", "chart-routes", "chart-violence"]
    for png in pngs:  # the files are the page's images
        assert base64.b64encode(png.read_bytes()).decode() in page
    b = save_game(play(SCENARIOS_BY_ID["caribbean"], seed=4, turns=2), tmp_path / "b.json")
    write_report([a, b], tmp_path / "two")  # each team's page, then the comparison
    assert [k.get("turn_label") for k in seen] == ["Month"] * 5


def test_fixed_size_charts_are_exactly_the_pixels_asked_for():
    game = play(SCENARIOS_BY_ID["caribbean"], seed=3, turns=2)
    assert len(game.scenario.nations) > 8  # the violence legend needs several rows

    def px(png: bytes) -> tuple[int, int]:
        return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")

    fixed = render_charts(game.history, size=(6.94, 5.54), dpi=100, fixed_size=True)
    assert {k: px(v) for k, v in fixed.items()} == {k: (694, 554) for k in CHART_TITLES}
    grown = render_charts(game.history, size=(6.94, 5.54), dpi=100, only=("violence",))
    assert list(grown) == ["violence"] and px(grown["violence"])[1] > 554  # legend below


def test_comparison_shows_each_teams_objective_values(tmp_path):
    a = save_game(play(TUTORIAL, seed=2, turns=10), tmp_path / "team-a.json")
    b = save_game(play(TUTORIAL, seed=3, turns=10), tmp_path / "team-b.json")
    write_report([a, b], tmp_path / "cmp")
    page = SectionText((tmp_path / "cmp" / "compare.html").read_text(encoding="utf-8"))
    objectives = page.of("objectives")
    sc = load_scenario(TUTORIAL)
    tons = [ob for ob in sc.objectives.values() if ob.metric.endswith("_tons")]
    shares = [ob for ob in sc.objectives.values() if ob.metric == "delivered_reduction"]
    assert tons or shares
    if tons:
        assert objectives.count(" t") >= 2
    if shares:
        assert objectives.count("%") >= 2 + sum(ob.text.count("%") for ob in shares)
    assert "Intelligence leaks" in page.of("summary")


def test_events_show_the_scenarios_expected_action_for_the_hot_wash(report_dir):
    """An event's `expected_action` (the controller's note) is printed under it in the
    after-action report; events without one get no such line."""
    out, game = report_dir
    page = Page((out / "report.html").read_text(encoding="utf-8"))
    sc = game.scenario
    fired = [eid for rec in game.history for eid in rec.report.events if eid in sc.events]
    with_note = [eid for eid in fired if sc.events[eid].expected_action]
    assert "port_bribery" in with_note and "joint_training" in fired
    assert page.all_text.count("Expected action:") == len(with_note)
    assert ("Expected action: The US weighs sharing only partially with Colombia for a few "
            "months, and Colombia funds governance; ask both why.") in page.all_text


@pytest.mark.parametrize(("last", "ticks"), [
    (1, [1]), (10, list(range(1, 11))), (24, list(range(2, 25, 2))), (36, list(range(3, 37, 3))),
    (100, list(range(12, 97, 12)))])
def test_chart_x_axis_labels_whole_turns_from_the_first(last, ticks):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from game.persistence.charts import _style, _turn_axis

    fig = Figure()
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    turns = list(range(1, last + 1))
    ax.plot(turns, turns)
    _turn_axis(ax, turns, "Month")
    _style(ax, "title")
    lo, hi = ax.get_xlim()
    shown = [t for t in ax.get_xticks() if lo <= t <= hi]
    assert (lo, hi) == (0.5, last + 0.5)
    assert shown == ticks and ax.get_xlabel() == "Month"


def test_red_decisions_name_the_adaptations_as_students_read_them(tmp_path):
    game = play(SCENARIOS_BY_ID["caribbean"], seed=1, turns=3)
    adopted = {a for rec in game.history for o in rec.orders.red.values()
               for a in getattr(o, "adaptations", ())}
    assert adopted == {"tunnels", "semi_submersible", "encrypted_comms"}
    save = save_game(game, tmp_path / "g.json")
    page = (write_report([save], tmp_path / "out")[0]).read_text()
    for name in ("Tunnels", "Semi-submersibles", "Encrypted communications"):
        assert f"adapted: {name}" in page
    assert "semi submersible" not in page and "encrypted comms" not in page


def test_the_report_lists_seat_changes_in_words(tmp_path):
    game = new_game(TUTORIAL, seed=3)
    assert game.instructor(InstructorAction("seat", "the US delegation left",
                                            target="nation:usa", value="human")) == []
    game.end_turn()
    assert game.instructor(InstructorAction("seat", "back to the computer",
                                            target="nation:usa", value="ai:passive")) == []
    game.end_turn()
    page = Page(write_report([save_game(game, tmp_path / "g.json")], tmp_path / "out")[0]
                .read_text())
    text = " ".join(page.text)
    assert "United States handed to students" in text
    assert "United States handed to the computer (passive policy)" in text
    # the decisions and the seats say who played when; the students' turn is not folded away
    assert text.count("played by students, then from Month 2 by the computer (passive "
                      "policy)") == 2
    html = (tmp_path / "out" / "report.html").read_text()
    usa = html.split('id="decisions-usa"', 1)[1].split("<h3", 1)[0]
    assert "<details>" not in usa


def test_the_students_copy_leaves_out_what_the_white_cell_keeps(tmp_path, monkeypatch, capsys):
    game = human_tutorial_game(turns=4)
    game.play()  # to the end: the scenario's events with expected actions fire
    save = save_game(game, tmp_path / "class.json")
    teacher = write_report([save], tmp_path / "teacher")[0].read_text()
    assert "Expected action:" in teacher and 'id="instructor"' in teacher
    assert "test the press line" in teacher  # a white-cell reason
    monkeypatch.chdir(tmp_path)
    assert main(["report", str(save), "--for-students"]) == 0
    out = capsys.readouterr().out.splitlines()
    page = Path(out[0].removeprefix("wrote ")).read_text()
    assert Path(out[0].removeprefix("wrote ")).parent.name.endswith("-students")
    assert "copy (no expected actions, no white-cell notes, no confidential injects)" in page
    assert "Expected action:" not in page and 'id="instructor"' not in page
    assert "test the press line" not in page
    assert "Hurricane season" in page  # the events themselves stay


def test_white_cell_actions_read_alike_everywhere():
    """One wording for the log, the turn report, the debrief and the after-action report."""
    from game.persistence.names import action_text

    sc = load_scenario(TUTORIAL)
    act = lambda **kw: action_text(sc, InstructorAction(reason="r", **kw).to_data())  # noqa: E731
    assert act(kind="fire_event", event="new_cutter_funds") == \
        "fired the event “Congress funds a cutter deployment”"
    assert act(kind="inject", title="Port strike", text="Buenaventura is shut.",
               audience=("colombia", "clan_del_golfo")) == \
        "inject “Port strike” to Colombia, Clan del Golfo"
    assert action_text(sc, InstructorAction("inject", "r", title="Storm", text="No flights.")
                       .to_data(), detail=True) == "inject “Storm” to everyone: No flights."
    assert act(kind="adjust", target="nation:usa", field="budget", verb="set", value=45.0) == \
        "adjusted United States budget from next month: set 45"
    assert act(kind="adjust", target="route:go_fast", field="seized", verb="add", value=2.5) == \
        "adjusted Cartagena → Miami seized: add 2.5"
    assert act(kind="seat", target="trafficker:clan_del_golfo", value="human") == \
        "Clan del Golfo handed to students"
    assert act(kind="seat", target="nation:usa", value="ai:passive") == \
        "United States handed to the computer (passive policy)"


def test_an_objective_reads_pass_or_fail_only_once_judged():
    from game.persistence.report import _badge

    assert _badge({"met": True, "final": False}) == '<span class="pending">on track</span>'
    assert _badge({"met": False, "final": False}) == '<span class="pending">not met yet</span>'
    assert _badge({"met": True, "final": True}) == '<span class="pass">PASS</span>'
    assert _badge({"met": False, "final": True}) == '<span class="fail">FAIL</span>'
    assert _badge(None) == '<span class="pending">not judged</span>'


def _class_game() -> Game:
    """The tutorial played by two delegations: Colombia leaves in month 2 before its orders
    are in (the computer plays it from then on); the US has its month-2 orders in when it is
    handed to the computer, and takes its seat back in month 4. The white cell sends a
    confidential inject to Colombia in month 1 and one to everyone in month 2."""
    game = new_game(TUTORIAL, seed=3, seats={"usa": Seat.person(), "colombia": Seat.person()})
    for t in range(1, 5):
        if t == 1:
            assert game.instructor(InstructorAction(
                kind="inject", reason="Test Colombia's reporting of the strike",
                title="Port strike in Santa Marta", text="Dock workers strike.",
                audience=("colombia",))) == []
        if t == 2:
            assert game.instructor(InstructorAction(
                kind="inject", reason="set the scene", title="Storm season",
                text="Small boats stay in port.")) == []
        hand_over_month(game, t)
        game.end_turn()
    return game


def _rationales(html: str, nation: str) -> list[str]:
    """The Rationale cells of a nation's decisions, as text."""
    part = html.split(f'id="decisions-{nation}"', 1)[1].split("<h3", 1)[0]
    rows = part.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("</tr>")[:-1]
    return [Page(row.rsplit("<td", 1)[1].split(">", 1)[1]).all_text for row in rows]


def test_the_computers_turns_say_so_instead_of_quoting_its_policy(tmp_path):
    game = _class_game()
    save = save_game(game, tmp_path / "g.json")
    html = write_report([save], tmp_path / "out")[0].read_text()
    assert _rationales(html, "colombia") == [
        "Colombia month 1", "played by the computer (baseline policy)",
        "played by the computer (baseline policy)", "played by the computer (baseline policy)"]
    assert _rationales(html, "usa") == [
        "US month 1", "US month 2", "played by the computer (baseline policy)", "US month 4"]
    assert "baseline policy</div>" not in html  # never quoted as a rationale
    # the computer's Red turns without a notable move are not listed for their policy's name
    assert "adaptive policy</td>" not in html


def test_injects_by_title_and_the_confidential_ones_out_of_the_students_copy(tmp_path, capsys):
    game = _class_game()
    save = save_game(game, tmp_path / "g.json")
    out = tmp_path / "out"
    assert main(["report", str(save), "--out", str(out)]) == 0
    teacher = (out / "report.html").read_text()
    turns = Page(teacher.split('id="turns"', 1)[1].split("</section>", 1)[0]).all_text
    assert "White cell inject: Port strike in Santa Marta" in turns
    assert "White cell inject: Storm season" in turns and "inject:1" not in turns
    rows = list(csv.DictReader(io.StringIO((out / "turns.csv").read_text())))
    assert [r["injects"] for r in rows] == ["Port strike in Santa Marta", "Storm season", "", ""]
    assert [r["events"] for r in rows] == [" ".join(x for x in rec.report.events
                                                    if not x.startswith("inject:"))
                                           for rec in game.history]
    assert not any("inject" in r["events"] for r in rows)
    # the students' copy in the same folder: its own files, the instructor's untouched
    capsys.readouterr()
    assert main(["report", str(save), "--for-students", "--out", str(out)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"wrote {out / 'report-for-students.html'}", f"wrote {out / 'turns-for-students.csv'}",
        f"open {out / 'report-for-students.html'} in a browser"]
    assert (out / "report.html").read_text() == teacher
    pupils = (out / "report-for-students.html").read_text()
    for secret in ("Port strike", "Santa Marta", "Dock workers", "Test Colombia"):
        assert secret not in pupils
    assert "White cell inject: Storm season" in pupils
    rows = list(csv.DictReader(io.StringIO((out / "turns-for-students.csv").read_text())))
    assert [r["injects"] for r in rows] == ["", "Storm season", "", ""]


def test_the_hindsight_summary_reads_as_in_the_debrief():
    from game.persistence.report import Totals, hindsight_sentence

    t = Totals(turns=2, produced=0.0, shipped=0.0, seized=0.0, delivered=0.0, detected=0.0,
               baseline_delivered=None, hindsight_seizable=25.0, hindsight_expected=16.0,
               leaks=0)
    assert hindsight_sentence(t) == (
        "Over the game, Blue's placements (all nations, computer-run included) could expect "
        "64% of what the same assets could have seized (25.0 t) placed knowing the flows: "
        "placed as they were, they could expect 16.0 t.")
    none = Totals(2, 0.0, 0.0, 0.0, 0.0, 0.0, None, 0.0, 0.0, 0)
    assert hindsight_sentence(none) == (
        "Blue's assets (all nations, computer-run included) had nothing within reach to "
        "seize, so there is no hindsight comparison.")


def test_export_debrief_names_the_real_save_file_or_none(tmp_path):
    game = human_tutorial_game(turns=2)
    written = export_debrief(game, tmp_path / "a")
    assert sorted(p.name for p in written if not p.name.startswith("chart-")) == [
        "report-for-students.html", "report.html", "turns-for-students.csv", "turns.csv"]
    page = Page((tmp_path / "a" / "report.html").read_text()).all_text
    assert "Save file" not in page and f"{game_meta(game).game_id}.json" not in page
    save = save_game(game, tmp_path / "tutorial-t02.json")
    export_debrief(game, tmp_path / "b", save=save)
    assert "Save file tutorial-t02.json" in Page((tmp_path / "b" / "report.html")
                                                 .read_text()).all_text


def test_sides_a_headless_run_gave_standing_orders_are_not_called_the_computer(tmp_path):
    """Before, "United States played by the computer (baseline policy)": the report could not
    tell an instructor's scripted strategy from the computer's."""
    orders = tmp_path / "orders.yaml"
    orders.write_text("usa: {funding: {operations: 8}, deploy: {coast_road: {uav: 1}}}\n")
    save = tmp_path / "game.json"
    assert main(["run", str(TUTORIAL), "--turns", "2", "--orders", str(orders),
                 "--save", str(save), "--quiet"]) == 0
    out = tmp_path / "report"
    assert main(["report", str(save), "--out", str(out)]) == 0
    raw = (out / "report.html").read_text(encoding="utf-8")
    page = SectionText(raw)
    decisions = " ".join(page.text["decisions"])
    assert "United States played by standing orders (the same every month)" in decisions
    assert "Colombia played by the computer (baseline policy)" in decisions
    usa = raw.split('<h3 id="decisions-usa">', 1)[1].split("</table>", 1)[0]
    assert usa.count("played by standing orders</span>") == 2  # each month's rationale
    assert "computer" not in usa
    game = " ".join(page.text["game"])
    assert "United States standing orders – played by standing orders" in game
    assert "Colombia computer baseline played by the computer (baseline policy)" in game


def test_a_save_whose_file_name_is_not_utf8_gets_its_report(tmp_path, capsys):
    """The name's odd byte reached the page as a surrogate: UnicodeEncodeError."""
    import os

    name = os.fsdecode(b"team\xff.json")
    save = save_game(play(TUTORIAL, seed=1, turns=2), tmp_path / name)
    assert main(["report", str(save), "--out", str(tmp_path / "out")]) == 0
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "team\ufffd.json" in page


def test_the_students_copy_leaves_out_events_meant_for_one_delegation(tmp_path):
    """A scenario event with an audience is confidential like an inject: it was in the
    students' timeline, turn table and CSV."""
    from game.persistence.games import start_game
    from game.persistence.report import STUDENTS_MARK, write_report

    text = Path(TUTORIAL).read_text(encoding="utf-8").replace(
        "    title: Congress funds a cutter deployment\n",
        "    title: Congress funds a cutter deployment\n    audience: [usa]\n", 1)
    assert "audience: [usa]" in text
    scenario = tmp_path / "tutorial_private.yaml"
    scenario.write_text(text, encoding="utf-8")
    game = start_game(scenario, seed=3)
    game.play(4)
    assert "new_cutter_funds" in game.history[2].report.events
    save = save_game(game, tmp_path / "game.json")
    teacher = write_report([save], tmp_path / "teacher")
    students = write_report([save], tmp_path / "students", students=True)
    page = {p.suffix: p.read_text(encoding="utf-8") for p in teacher}
    copy = {p.suffix: p.read_text(encoding="utf-8") for p in students}
    assert all(STUDENTS_MARK in p.name for p in students)
    assert "Congress funds a cutter deployment" in page[".html"]
    assert "new_cutter_funds" in page[".csv"]
    assert "Congress funds a cutter deployment" not in copy[".html"]
    assert "new_cutter_funds" not in copy[".csv"]


def test_the_comparison_names_who_played_and_which_game_a_branch_came_from(tmp_path):
    """It listed "colombia: ai, usa: human" and nothing linked a branch to its game."""
    from game.persistence.games import branch_save
    from game.persistence.report import write_report

    game = human_tutorial_game(turns=4)
    a = save_game(game, tmp_path / "team-a.json")
    b = branch_save(a, 2, tmp_path / "what-if.json")
    page = write_report([a, b], tmp_path / "cmp")[0].read_text(encoding="utf-8")
    assert "usa: human" not in page
    row = page[page.index("<td>what-if</td>"):]
    row = row[:row.index("</tr>")]
    assert "students: United States · the computer: Colombia, Clan del Golfo" in row
    assert "team-a, after Month 2" in row


def test_the_leaks_are_listed_and_the_students_see_the_discovered_ones(tmp_path):
    """The report gave only a count per turn: who shared with whom could not be debriefed."""
    from game.persistence.report import write_report

    game = Game.new(load_scenario(str(Path(TUTORIAL).parent / "caribbean.yaml")), seed=7)
    game.play(4)
    leaks = [(r.turn, lk["from"], lk["to"], lk["discovered"])
             for r in (rec.report for rec in game.history) for lk in r.leaks]
    assert {d for *_x, d in leaks} == {True, False}
    save = save_game(game, tmp_path / "game.json")
    names = {k: v.name for k, v in game.scenario.nations.items()}

    def listed(page: str) -> list[tuple[str, ...]]:
        part = page[page.index('id="leaks"'):page.index('id="decisions"')]
        cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", part)]
        return [tuple(cells[i:i + 4]) for i in range(0, len(cells), 4)]

    teacher = write_report([save], tmp_path / "t")[0].read_text(encoding="utf-8")
    students = write_report([save], tmp_path / "s", students=True)[0].read_text(
        encoding="utf-8")
    want = [(f"Month {t}", names[a], names[b],
             "discovered: trust fell" if d else "not discovered") for t, a, b, d in leaks]
    assert listed(teacher) == want
    assert listed(students) == [w for w in want if w[3] != "not discovered"]
    assert "Leaks nobody discovered are in the instructor's copy." in students


def test_seizures_above_the_expected_tons_are_explained(tmp_path):
    """'placed as they were, they could expect 134.9 t' beside 'Seized 170.5 t' read as a
    mistake."""
    from game.persistence.report import write_report

    game = Game.new(load_scenario(str(Path(TUTORIAL).parent / "caribbean.yaml")), seed=7)
    game.play(6)
    seized = sum(r.report.seized for r in game.history)
    expected = sum(r.report.hindsight_expected for r in game.history)
    assert seized > expected
    page = write_report([save_game(game, tmp_path / "g.json")], tmp_path / "r")[0].read_text(
        encoding="utf-8")
    assert ('<p class="small muted" id="yardstick">The expected tons are a yardstick for '
            "placing assets, not a forecast") in page
