"""`interdict run` and `interdict batch` end to end."""

import json
from pathlib import Path

import numpy as np
import pytest

from game.cli import main
from tests.engine.conftest import ROOT

TUTORIAL = str(ROOT / "scenarios" / "tutorial.yaml")
TURN_KEYS = {"turn", "produced", "shipped", "seized", "delivered", "detected",
             "baseline_delivered", "hindsight_seizable", "events", "leaks", "by_route",
             "by_nation", "by_alliance"}


def test_run_prints_a_table_and_writes_the_report(tmp_path: Path, capsys):
    out = tmp_path / "results.json"
    assert main(["run", TUTORIAL, "--seed", "3", "--turns", "4", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == "Tutorial: One Corridor - seed 3, 4 months"
    assert text.splitlines()[1].split()[:4] == ["Month", "prod", "shipped", "seized"]
    # objectives read as in the debrief: the result and the target in the metric's units
    assert text.splitlines()[-8:-5] == [
        "(tons per turn; baseln: delivered with no Blue action; reduct: fewer tons delivered"
        " than that, so far;",
        " hind: expected seizures against the best placement of the same assets)",
        "Objectives:"]
    assert text.splitlines()[-5:-1] == [
        "  [x] cut_flow: Cut tons reaching the US by 18% against the no-action baseline."
        " (31% so far, target at least 18% by Month 10)",
        "  [x] keep_calm: Keep violence in Colombia below 0.45 - crackdowns that start gang wars"
        " cost votes. (result 0.42, target below 0.45)",
        "  [ ] us_seizures: Show Congress results - US forces seize at least 11 tons over the"
        " exercise. (result 5 t, target at least 11 t)",
        "  [ ] cartel_delivers: Deliver at least 100 tons to US markets."
        " (result 33 t, target at least 100 t)",
    ]
    data = json.loads(out.read_text())
    assert set(data) == {"scenario", "seed", "turns", "objectives"}
    assert data["scenario"] == "tutorial" and data["seed"] == 3
    assert [t["turn"] for t in data["turns"]] == [1, 2, 3, 4]
    for t in data["turns"]:
        assert TURN_KEYS <= set(t)
        assert t["shipped"] == t["seized"] + t["delivered"]
        assert set(t["by_route"]["go_fast"]) >= {"flow", "seized"}
        assert set(t["by_nation"]["usa"]) >= {"seized", "violence", "corruption", "governance",
                                              "spent"}
        assert set(t["by_alliance"]["bilateral"]) >= {"cohesion"}
    assert data["turns"][2]["events"] == ["new_cutter_funds"]
    for res in data["objectives"].values():
        assert set(res) == {"met", "value"}
    # same seed, same report
    again = tmp_path / "again.json"
    assert main(["run", TUTORIAL, "--seed", "3", "--turns", "4", "--out", str(again),
                 "--quiet"]) == 0
    assert again.read_text() == out.read_text()


def test_standing_orders_file_applies_every_turn(tmp_path: Path, capsys):
    orders = tmp_path / "orders.yaml"
    orders.write_text(
        "usa:\n"
        "  funding: {operations: 8, governance: 10}\n"
        "  deploy: {go_fast: {patrol_ship: 2}}\n"
        "  sharing: {colombia: none}\n")
    out = tmp_path / "r.json"
    assert main(["run", TUTORIAL, "--seed", "1", "--turns", "3", "--orders", str(orders),
                 "--out", str(out), "--quiet"]) == 0
    data = json.loads(out.read_text())
    for t in data["turns"]:
        assert t["by_nation"]["usa"]["spent"] == 18.0
        assert t["rejected"] == []


def test_illegal_standing_order_names_file_nation_and_reason(tmp_path: Path, capsys):
    """The computer playing Colombia (baseline) grants its joint-operations partners access on
    the first turn, so only the patrol ship on a land route is wrong; a passive Colombia
    grants nothing."""
    orders = tmp_path / "orders.yaml"
    orders.write_text("usa:\n  funding: {operations: 8}\n  deploy: {coast_road: {patrol_ship: 1}}\n")
    assert main(["run", TUTORIAL, "--orders", str(orders)]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        f"{orders}:3:12: error: usa: illegal standing order: deploy: a Patrol ship cannot "
        "operate on land route coast_road"]
    assert main(["run", TUTORIAL, "--orders", str(orders), "--blue", "passive"]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        f"{orders}:3:12: error: usa: illegal standing order: deploy: route coast_road is in "
        "Colombia's jurisdiction (consent): Colombia has not granted usa access (the file "
        "can give it: colombia: {grant_access: [usa]})",
        f"{orders}:3:12: error: usa: illegal standing order: deploy: a Patrol ship cannot "
        "operate on land route coast_road"]


def test_a_consent_deployment_scripted_with_its_hosts_grant_is_played(tmp_path: Path):
    orders = tmp_path / "orders.yaml"
    orders.write_text("usa: {funding: {operations: 8}, deploy: {coast_road: {uav: 1}}}\n"
                      "colombia: {grant_access: [usa]}\n")
    out = tmp_path / "r.json"
    assert main(["run", TUTORIAL, "--seed", "1", "--turns", "2", "--orders", str(orders),
                 "--blue", "passive", "--out", str(out), "--quiet"]) == 0
    turns = json.loads(out.read_text())["turns"]
    assert [t["rejected"] for t in turns] == [[], []]
    # the UAV's upkeep is spent (the rest of the operations money pays for nothing): it flew
    assert [t["by_nation"]["usa"]["spent"] for t in turns] == [1.0, 1.0]


def test_malformed_orders_file(tmp_path: Path, capsys):
    orders = tmp_path / "orders.yaml"
    orders.write_text("usa:\n  funding: {operations: lots}\n")
    assert main(["run", TUTORIAL, "--orders", str(orders)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"{orders}:2:25: error: usa: funding.operations: expected a number, got 'lots'")
    orders.write_text("atlantis:\n  funding: {}\n")
    assert main(["run", TUTORIAL, "--orders", str(orders)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"{orders}:1:1: error: atlantis: not a nation or trafficker of scenario tutorial "
        "(known: usa, colombia, clan_del_golfo)")


def test_unknown_policy_is_a_clear_error(capsys):
    assert main(["run", TUTORIAL, "--blue", "reckless"]) == 1
    assert capsys.readouterr().err.strip() == (
        "unknown Blue policy 'reckless' (choose one of: baseline, passive, aggressive, random)")


def test_batch_summarises_runs(tmp_path: Path, capsys):
    out = tmp_path / "summary.json"
    assert main(["batch", TUTORIAL, "--runs", "6", "--seed", "10", "--jobs", "2",
                 "--out", str(out)]) == 0
    text = capsys.readouterr().out
    lines = text.splitlines()
    assert lines[0].startswith("Tutorial: One Corridor: 6 games, seeds 10..15 (")
    # every metric in its unit (the same seeds give the same numbers in any process)
    assert lines[1:] == [
        "Blue: baseline policy (2 nations) · Red: adaptive policy (1 trafficker)",
        "Per game of 10 months                          mean         5%        95%",
        "Tons shipped                                116.8 t    112.0 t    120.0 t",
        "Tons seized                                  17.1 t     13.9 t     20.1 t",
        "Tons delivered                               99.7 t     95.6 t    103.4 t",
        "Tons delivered with no action               120.0 t    120.0 t    120.0 t",
        "Tons detected                                43.6 t     38.2 t     48.4 t",
        "Share of shipped tons seized                  14.6%      12.2%      17.4%",
        "Fewer tons delivered than with no action      16.9%      13.9%      20.3%",
        "Tons detected per ton seized                   2.58       2.29       2.91",
        "Expected seizures / best placement            74.0%      70.3%      77.2%",
        "Intelligence leaks                             1.00       0.00       2.00",
        "Objectives: share of games that met each; the result's mean (5% to 95%)",
        "  cut_flow          50.0%  result 17% (14% to 20%), target at least 18% by Month 10",
        "                           Colombia-US cooperation: reduction in tons delivered",
        "  keep_calm         33.3%  result 0.45 (0.44 to 0.46), target below 0.45",
        "                           Colombia: violence",
        "  us_seizures       16.7%  result 10 t (8.1 t to 11.8 t), target at least 11 t",
        "                           United States: tons seized",
        "  cartel_delivers   50.0%  result 99.7 t (95.6 t to 103.4 t), target at least 100 t",
        "                           Clan del Golfo: tons delivered",
    ]
    data = json.loads(out.read_text())
    assert data["runs"] == 6 and data["seeds"] == [10, 15]
    m = data["metrics"]["seized_share"]
    assert m["p5"] <= m["mean"] <= m["p95"]
    assert all(0.0 <= v <= 1.0 for v in data["objectives"].values())
    assert data["objective_values"]["cartel_delivers"]["mean"] == pytest.approx(
        data["metrics"]["delivered"]["mean"])  # the cartel is the only trafficker
    assert data["traffickers"] == {"clan_del_golfo": {
        "shipped": data["metrics"]["shipped"]["mean"],
        "delivered": data["metrics"]["delivered"]["mean"]}}
    assert data["metrics"]["rejected"]["mean"] == 0.0
    # the same seeds in one process give the same numbers
    out1 = tmp_path / "one.json"
    assert main(["batch", TUTORIAL, "--runs", "6", "--seed", "10", "--jobs", "1",
                 "--out", str(out1)]) == 0
    one = json.loads(out1.read_text())
    assert one["metrics"] == data["metrics"]


def test_run_save_writes_a_replayable_save(tmp_path: Path, capsys):
    save = tmp_path / "game.json"
    assert main(["run", TUTORIAL, "--seed", "4", "--turns", "3", "--save", str(save), "-q"]) == 0
    assert main(["replay", str(save), "--verify"]) == 0
    assert "replay verified" in capsys.readouterr().out


def test_batch_names_the_sides_playing_standing_orders(tmp_path: Path, capsys):
    """Before, a batch with --orders printed "Blue: baseline policy (2 nations)", word for
    word the header of a batch without them."""
    orders = tmp_path / "orders.yaml"
    orders.write_text("usa: {funding: {operations: 8}, deploy: {coast_road: {uav: 1}}}\n"
                      "colombia: {grant_access: [usa]}\n")
    assert main(["batch", TUTORIAL, "--runs", "2", "--orders", str(orders)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "Blue: standing orders (United States, Colombia) · Red: adaptive policy (1 trafficker)")
    orders.write_text("usa: {funding: {operations: 8}, deploy: {coast_road: {uav: 1}}}\n")
    assert main(["batch", TUTORIAL, "--runs", "2", "--orders", str(orders)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "Blue: standing orders (United States), baseline policy (1 nation) · Red: adaptive "
        "policy (1 trafficker)")


def test_the_rejected_orders_warning_counts_games(capsys):
    from game.headless import print_batch_summary, summarise
    from game.scenario import load_scenario

    sc = load_scenario(TUTORIAL)
    games = [{"seed": s, "metrics": {"shipped": 1.0, "rejected": float(r)}, "corridors": {},
              "objectives": {}, "objective_values": {}, "traffickers": {}}
             for s, r in enumerate([0, 3, 2, 0])]
    print_batch_summary(sc, summarise(games))
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Warning: orders were rejected in 2 of 4 games (1.25 a game on average): run one game "
        "(`interdict run SCENARIO --seed N`) to read the reasons")


def test_the_help_names_every_policy_and_only_those():
    import re

    from game.ai.policies import BLUE_POLICIES, RED_POLICIES
    from game.cli import BLUE_POLICY_HELP, RED_POLICY_HELP

    def named(text: str) -> set[str]:  # "...: a, b (what b does), or c; default ..."
        choices = re.sub(r"\([^)]*\)", "", text.split(":", 1)[1].split(";", 1)[0])
        return {w.strip() for w in re.split(r",|\bor\b", choices) if w.strip()}

    assert named(BLUE_POLICY_HELP) == set(BLUE_POLICIES)
    assert named(RED_POLICY_HELP) == set(RED_POLICIES)


def test_corridor_tons_count_each_shipment_once_per_corridor(capsys):
    """`batch` used to add up route flows by corridor: a shipment crossing three routes of
    one corridor counted three times, and routes with no corridor were left out."""
    from game.headless import (
        corridor_tons,
        game_summary,
        new_game,
        play_game,
        print_batch_summary,
        summarise,
        through_share,
    )
    from game.scenario import load_scenario

    sc = load_scenario(str(ROOT / "scenarios" / "caribbean.yaml"))
    game = new_game(sc, 5, None, None, {}, False)
    path_tons = play_game(game)
    shipped = sum(r.report.shipped for r in game.history)
    got = game_summary(game, path_tons)["corridors"]
    assert sum(got.values()) == pytest.approx(shipped)  # every ton once
    assert all(k == "+".join(sorted(k.split("+"))) for k in got)
    # by hand: a path through the Eastern Pacific and Central America, and one through neither
    from game.core.network import compiled

    net = compiled(sc)
    labels = [r.corridor for r in sc.routes.values()]
    combos = [{labels[r] for r in net.p_routes[p].tolist() if r >= 0 and labels[r]}
              for p in range(net.n_paths)]
    both = combos.index({"eastern_pacific", "central_america"})
    tons = np.zeros(net.n_paths)
    tons[both] = 7.5
    assert corridor_tons(sc, tons) == {"central_america+eastern_pacific": 7.5}

    games = [{"seed": 1, "metrics": {"shipped": 100.0, "rejected": 0.0},
              "corridors": {"a+b": 30.0, "b": 50.0, "": 20.0},
              "objectives": {}, "objective_values": {}, "traffickers": {}}]
    summary = summarise(games)
    assert summary["corridor_share"] == {"a": 0.3, "b": 0.8, "(none)": 0.2}
    assert through_share(games, ["a", "b"]) == 0.8
    print_batch_summary(sc, summary)
    assert capsys.readouterr().out.splitlines()[-2:] == [
        "Shipments through each corridor (share of the tons shipped; one shipment may pass "
        "through several):",
        "  B 80%, A 30%, no named corridor 20%"]


def test_out_never_replaces_a_save_a_scenario_or_another_commands_report(tmp_path, capsys):
    """`run --out game.json` replaced the save game.json without a word."""
    save = tmp_path / "game.json"
    assert main(["run", TUTORIAL, "--seed", "1", "--quiet", "--save", str(save)]) == 0
    kept = save.read_bytes()
    scenario = tmp_path / "mine.yaml"
    scenario.write_text((ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8"),
                        encoding="utf-8")
    report = tmp_path / "report.json"
    assert main(["run", TUTORIAL, "--quiet", "--out", str(report)]) == 0
    capsys.readouterr()
    for command, target, what in [
            ("run", save, "an Interdict save"), ("batch", save, "an Interdict save"),
            ("run", scenario, "a scenario or orders file"),
            ("batch", report, "a report of `interdict run`")]:
        args = [command, TUTORIAL, "--out", str(target)] + (
            ["--runs", "2"] if command == "batch" else ["--quiet"])
        assert main(args) == 1
        out, err = capsys.readouterr()
        assert out == ""  # refused before any game was played
        assert err == (f"--out {target}: the file exists and is {what}, not a report of "
                       f"`interdict {command}`, so it is left as it is. Choose another file "
                       "name (or delete that file first).\n")
    assert save.read_bytes() == kept
    assert main(["run", TUTORIAL, "--quiet", "--seed", "4", "--out", str(report)]) == 0
    assert json.loads(report.read_text())["seed"] == 4  # its own earlier report: replaced
    assert main(["run", TUTORIAL, "--out", str(report), "--save", str(report)]) == 1
    assert capsys.readouterr().err == (f"--out and --save both name {report}: give the report "
                                       "and the save different files\n")


def test_run_save_refuses_a_played_game_before_playing(tmp_path, capsys):
    from game.ai.session import Game, Seat
    from game.persistence.games import save_game
    from game.scenario import load_scenario

    played = tmp_path / "class.json"
    game = Game.new(load_scenario(TUTORIAL), seed=3, seats={"usa": Seat.person()})
    game.end_turn()
    save_game(game, played)
    kept = played.read_bytes()
    assert main(["run", TUTORIAL, "--save", str(played)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"--save {played}: the file holds a game played by "
                                        "people")
    assert played.read_bytes() == kept
