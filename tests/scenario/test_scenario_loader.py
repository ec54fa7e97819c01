"""Valid files load into the immutable model with the values they say; the loader refuses
bombs, huge files, folders and escapes quickly and never raises from check_file."""

from __future__ import annotations

import dataclasses
import os
import time
import tracemalloc
from pathlib import Path
from types import MappingProxyType

import pytest

from game.core.catalogue import BUILTIN_ASSET_TYPES
from game.core.errors import InterdictError
from game.core.model import Effect, Scenario, Trigger
from game.scenario import (
    Diagnostic,
    ScenarioError,
    check_file,
    check_text,
    load_scenario,
    load_scenario_text,
)

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
EXAMPLE = HERE / "good" / "issue_example.yaml"
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))

MINI = """\
format: 1
id: mini
title: Mini
turns: 10
map: {bounds: [-85, 5, -60, 30]}
nations:
  usa: {name: United States, budget: 100, corruption: 0.05, governance: 0.8, intel: 0.8, sovereignty: open}
  colombia: {name: Colombia, budget: 30, corruption: 0.3, governance: 0.5, intel: 0.5, sovereignty: consent}
  venezuela: {name: Venezuela, budget: 10, corruption: 0.6, governance: 0.3, intel: 0.3, sovereignty: closed}
locations:
  uraba: {name: Uraba, nation: colombia, at: [-76.7, 8.1], kind: source, production: 20}
  cartagena: {name: Cartagena, nation: colombia, at: [-75.5, 10.4]}
  zulia: {name: Zulia, nation: venezuela, at: [-71.6, 10.6]}
  miami: {name: Miami, nation: usa, at: [-80.2, 25.8], kind: market, demand: 25, price: 30}
routes:
  overland: {from: uraba, to: cartagena, mode: land, capacity: 30, cost: 1}
  border: {from: cartagena, to: zulia, mode: land, capacity: 10, cost: 1}
  boat: {from: zulia, to: miami, mode: maritime, capacity: 15, cost: 2}
  plane: {from: cartagena, to: miami, mode: air, capacity: 5, cost: 5}
traffickers:
  clan: {name: Clan, sources: [uraba], markets: [miami]}
"""


def example() -> Scenario:
    return load_scenario(EXAMPLE)


# ---- the worked example loads with the values it says ------------------------------------
def test_example_top_level_values() -> None:
    s = example()
    assert (s.id, s.title, s.turns, s.seed, s.turn_label) == (
        "tutorial", "Tutorial: One Corridor", 12, 7, "Month")
    assert s.summary == "One line shown in the scenario picker."
    assert s.briefing == "Paragraphs shown to students before turn 1.\n"
    assert s.map.bounds == (-85, 5, -60, 25) and s.map.projection == "mercator"
    assert s.format == 1 and s.rationale_required is False
    assert s.source == str(EXAMPLE)
    assert s.turn_name(3) == "Month 3"


def test_example_nations_alliances_locations() -> None:
    s = example()
    assert list(s.nations) == ["usa", "colombia"]
    usa, col = s.nations["usa"], s.nations["colombia"]
    assert (usa.name, usa.color, usa.budget, usa.corruption, usa.governance, usa.intel,
            usa.sovereignty, usa.ai, usa.violence) == (
        "United States", "#1f77b4", 100.0, 0.05, 0.8, 0.8, "open", "baseline", 0.1)
    assert dict(usa.assets) == {"patrol_ship": 4, "maritime_patrol_aircraft": 2, "uav": 1}
    assert (col.color, col.sovereignty, dict(col.assets)) == (
        None, "consent", {"patrol_ship": 2, "border_team": 3})
    pact = s.alliances["bilateral"]
    assert (pact.members, pact.intel_sharing, pact.joint_operations, pact.interoperability) == (
        ("usa", "colombia"), "partial", True, 0.4)
    assert list(s.locations) == ["uraba", "cartagena", "miami"]
    uraba, miami = s.locations["uraba"], s.locations["miami"]
    assert (uraba.name, uraba.nation, uraba.at, uraba.kind, uraba.production) == (
        "Urabá", "colombia", (-76.7, 8.1), "source", 20.0)
    assert (miami.kind, miami.demand, miami.price) == ("market", 25.0, 30.0)
    assert s.locations["cartagena"].kind == "transit"


def test_example_routes_map_from_to_and_resolve_jurisdiction() -> None:
    s = example()
    overland, go_fast, air = s.routes["overland"], s.routes["go_fast"], s.routes["air_drop"]
    assert (overland.origin, overland.dest, overland.mode, overland.capacity, overland.cost,
            overland.concealment, overland.jurisdiction, overland.dormant) == (
        "uraba", "cartagena", "land", 30.0, 1.0, 0.5, "colombia", False)
    assert go_fast.jurisdiction == "international"
    assert (air.dormant, air.via, air.jurisdiction) == (True, ((-78, 15),), "international")


def test_example_traffickers_assets_events_objectives() -> None:
    s = example()
    t = s.traffickers["clan_del_golfo"]
    assert (t.name, t.sources, t.markets, t.adaptiveness, t.resources, t.ai,
            t.loss_tolerance) == ("Clan del Golfo", ("uraba",), ("miami",), 0.5, 50.0,
                                  "adaptive", 0.05)
    assert list(s.asset_types)[: len(BUILTIN_ASSET_TYPES)] == list(BUILTIN_ASSET_TYPES)
    cutter = s.asset_types["fast_cutter"]
    assert (cutter.name, cutter.modes, cutter.detection, cutter.interdiction, cutter.cost,
            cutter.upkeep, cutter.lead_time) == ("Fast cutter", ("maritime",), 0.2, 4.0, 25.0,
                                                 2.0, 2)
    ev = s.events["hurricane_season"]
    assert ev.trigger == Trigger(turns=(6, 7))
    assert ev.effects == (
        Effect("mode:maritime", "multiply", MappingProxyType({"detection": 0.7}), 2),
        Effect("route:air_drop", "set", MappingProxyType({"dormant": False}), None),
        Effect("nation:colombia", "add", MappingProxyType({"corruption": 0.05}), None),
    )
    cut, calm = s.objectives["cut_flow"], s.objectives["keep_calm"]
    assert (cut.side, cut.metric, cut.op, cut.value, cut.scope, cut.by_turn) == (
        "alliance:bilateral", "delivered_reduction", ">=", 0.3, None, 12)
    assert (calm.side, calm.metric, calm.op, calm.value, calm.scope, calm.by_turn) == (
        "nation:colombia", "violence", "<", 0.5, "nation:colombia", None)


def test_model_is_immutable_with_tuples_and_read_only_mappings() -> None:
    s = example()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.turns = 3  # type: ignore[misc]
    for mapping in (s.nations, s.routes, s.events, s.asset_types, s.nations["usa"].assets):
        with pytest.raises(TypeError):
            mapping["x"] = 1  # type: ignore[index]
    assert isinstance(s.traffickers["clan_del_golfo"].sources, tuple)
    assert isinstance(s.events["hurricane_season"].effects, tuple)

    def walk(obj: object) -> None:
        assert not isinstance(obj, (list, dict, set)), f"mutable {type(obj).__name__} in model"
        if dataclasses.is_dataclass(obj):
            for f in dataclasses.fields(obj):
                walk(getattr(obj, f.name))
        elif isinstance(obj, (tuple, MappingProxyType)):
            for item in (obj.values() if isinstance(obj, MappingProxyType) else obj):
                walk(item)

    walk(s)


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_shipped_scenario_loads_without_errors(path: Path) -> None:
    scenario, diags = check_file(path)
    assert [str(d) for d in diags if d.is_error] == []
    assert scenario is not None and scenario.id == path.stem


def test_shipped_scenarios_start_with_the_schema_line() -> None:
    for path in SCENARIOS:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../docs/scenario.schema.json", path


# ---- rules of the loader ------------------------------------------------------------------
def test_jurisdiction_rule() -> None:
    s = load_scenario_text(MINI)
    assert s.routes["overland"].jurisdiction == "colombia"  # same nation
    assert s.routes["border"].jurisdiction == "venezuela"  # land across a border: destination
    assert s.routes["boat"].jurisdiction == "international"  # maritime between nations
    assert s.routes["plane"].jurisdiction == "international"  # air between nations
    s2 = load_scenario_text(MINI.replace("mode: air, capacity: 5", "mode: air, capacity: 5, "
                                         "jurisdiction: usa"))
    assert s2.routes["plane"].jurisdiction == "usa"


def test_asset_types_override_builtins_field_by_field_and_keep_order() -> None:
    text = MINI + ("asset_types:\n  patrol_ship: {detection: 0.3}\n"
                   "  drone_boat: {name: Drone boat, modes: [maritime], detection: 0.1, "
                   "interdiction: 0, cost: 5, upkeep: 1, lead_time: 1}\n")
    s = load_scenario_text(text)
    assert list(s.asset_types) == [*BUILTIN_ASSET_TYPES, "drone_boat"]
    ship = s.asset_types["patrol_ship"]
    assert ship.detection == 0.3
    assert dataclasses.replace(ship, detection=BUILTIN_ASSET_TYPES["patrol_ship"].detection) == \
        BUILTIN_ASSET_TYPES["patrol_ship"]


def test_trigger_forms_and_conditions() -> None:
    text = MINI + """events:
  a: {title: A, trigger: {turn: 5}}
  b: {title: B, trigger: {chance: 0.15, from_turn: 3, until_turn: 8, once: false}}
  c: {title: C, trigger: {chance: 0.5, if: {metric: violence, scope: "nation:colombia", op: ">", value: 0.6}}}
  d:
    title: D
    trigger: {turn: 2}
    audience: [usa, clan]
    effects:
      - {target: "nation:colombia", set: {sovereignty: open}, add: {budget: -5}, multiply: {intel: 1.5}, duration: 3}
"""
    s = load_scenario_text(text)
    assert s.events["a"].trigger == Trigger(turns=(5,))
    assert s.events["b"].trigger == Trigger(chance=0.15, from_turn=3, until_turn=8, once=False)
    c = s.events["c"].trigger
    assert (c.chance, c.from_turn, c.until_turn, c.once) == (0.5, 1, 10, True)
    assert (c.condition.metric, c.condition.scope, c.condition.op, c.condition.value) == (
        "violence", "nation:colombia", ">", 0.6)
    d = s.events["d"]
    assert d.audience == ("usa", "clan")
    assert [(e.verb, dict(e.changes), e.duration) for e in d.effects] == [
        ("set", {"sovereignty": "open"}, 3), ("add", {"budget": -5.0}, 3),
        ("multiply", {"intel": 1.5}, 3)]
    assert {e.target_kind for e in d.effects} == {"nation"}


def test_optional_keys_have_their_documented_defaults() -> None:
    s = load_scenario_text(MINI)
    assert (s.seed, s.summary, s.briefing, s.turn_label, s.rationale_required) == (
        0, "", "", "Turn", False)
    assert dict(s.alliances) == {} and dict(s.events) == {} and dict(s.objectives) == {}
    r = s.routes["overland"]
    assert (r.concealment, r.dormant, r.via, r.corridor, r.description) == (0.3, False, (), "", "")
    t = s.traffickers["clan"]
    assert (t.adaptiveness, t.resources, t.ai, t.loss_tolerance, t.color) == (
        0.5, 0.0, "adaptive", 0.05, None)


def test_optional_extra_keys_load() -> None:
    text = MINI.replace("title: Mini", "title: Mini\nrationale_required: true").replace(
        "mode: land, capacity: 30, cost: 1}",
        "mode: land, capacity: 30, cost: 1, corridor: north_coast, description: Coast road}")
    s = load_scenario_text(text)
    assert s.rationale_required is True
    assert (s.routes["overland"].corridor, s.routes["overland"].description) == (
        "north_coast", "Coast road")


def test_an_events_expected_action_is_read_and_must_be_text(tmp_path: Path) -> None:
    tutorial = ROOT / "scenarios" / "tutorial.yaml"
    s = load_scenario(tutorial)
    assert s.events["port_bribery"].expected_action == (
        "The US weighs sharing only partially with Colombia for a few months, and Colombia "
        "funds governance; ask both why.")
    assert s.events["hurricane_season"].expected_action == ""  # optional
    p = tmp_path / "t.yaml"
    p.write_text(tutorial.read_text(encoding="utf-8").replace(
        "expected_action: The US funds operations to deploy more ships while the money lasts.",
        "expected_action: [ships, money]"),
        encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(p)
    assert info.value.lines() == [
        f"{p}:113:22: error: events.new_cutter_funds.expected_action: expected text, got a list"]


def test_exponent_numbers_read_as_numbers() -> None:
    s = load_scenario_text(MINI.replace("budget: 100,", "budget: 1e2,"))
    assert s.nations["usa"].budget == 100.0


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    p = tmp_path / "bom.yaml"
    p.write_bytes(b"\xef\xbb\xbf" + MINI.encode())
    assert load_scenario(p).id == "mini"


def test_briefing_file_is_read_from_the_scenario_folder(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "brief.md").write_text("# Brief\nRead me.\n", encoding="utf-8")
    p = tmp_path / "s.yaml"
    p.write_text(MINI.replace("title: Mini", "title: Mini\nbriefing_file: notes/brief.md"),
                 encoding="utf-8")
    assert load_scenario(p).briefing == "# Brief\nRead me.\n"


def test_briefing_file_symlink_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("secret", encoding="utf-8")
    folder = tmp_path / "scen"
    folder.mkdir()
    (folder / "brief.md").symlink_to(outside)
    p = folder / "s.yaml"
    p.write_text(MINI.replace("title: Mini", "title: Mini\nbriefing_file: brief.md"),
                 encoding="utf-8")
    scenario, diags = check_file(p)
    assert scenario is None
    assert [str(d) for d in diags] == [
        f"{p}:4:16: error: briefing_file: 'brief.md' is a link to a file outside the "
        "scenario's folder and assets/: copy the file here instead"]


def test_briefing_file_needs_a_folder_when_loading_text() -> None:
    _, diags = check_text(MINI.replace("title: Mini", "title: Mini\nbriefing_file: b.md"), "t")
    assert [str(d) for d in diags] == [
        "t:4:16: error: briefing_file: briefing_file needs the scenario to be loaded from a "
        "file: write the briefing inline with `briefing: |`"]


# ---- the error type ----------------------------------------------------------------------
def test_load_scenario_raises_scenario_error_with_every_diagnostic(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text(MINI.replace("budget: 100", "budget: lots").replace("turns: 10", "turns: 0"),
                 encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(p)
    err = info.value
    assert isinstance(err, InterdictError)
    assert err.lines() == [
        f"{p}:4:8: error: turns: 0 is out of range: must be between 1 and 200",
        f"{p}:7:38: error: nations.usa.budget: expected a number, got text 'lots'",
    ]
    assert all(isinstance(d, Diagnostic) for d in err.diagnostics)
    assert str(err) == "\n".join(err.lines())


def test_load_scenario_text_names_the_text() -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text("format: [", name="save:scenario")
    assert info.value.lines()[0].startswith("save:scenario:1:")


def test_warnings_do_not_stop_loading() -> None:
    text = MINI.replace("  miami:", "  island: {name: Island, nation: colombia, at: [-81, 12]}\n"
                                    "  miami:")
    scenario, diags = check_text(text, "w")
    assert scenario is not None
    assert [str(d) for d in diags] == [
        "w:14:3: warning: locations.island: unreachable: no route leads here from any source, "
        "so nothing will ever pass through it",
        "w:19:3: warning: routes.boat: this maritime route is drawn across land: from zulia to "
        "miami it crosses about 250 km of land around [-77.3, 20.8]: add via points at sea "
        "([[lon, lat], ...]) to steer it around the coast"]


@pytest.mark.parametrize(("change", "warned"), [
    ("set: {production: 4}", False), ("add: {production: 4}", False),
    ("multiply: {production: 4}", True), ("set: {production: 0}", True), (None, True)])
def test_a_source_without_production_is_warned_about_unless_an_event_starts_it(
        change: str | None, warned: bool) -> None:
    text = (MINI.replace("  miami:", "  darien: {name: Darien, nation: colombia, at: [-77.5, 7.8], "
                                     "kind: source}\n  miami:")
            .replace("routes:\n", "routes:\n  darien_road: {from: darien, to: cartagena, "
                                   "mode: land, capacity: 5, cost: 1}\n")
            .replace("sources: [uraba]", "sources: [uraba, darien]"))
    if change is not None:
        text += ("events:\n  new_labs:\n    title: New labs\n    trigger: {turn: 5}\n"
                 f"    effects:\n      - {{target: \"location:darien\", {change}}}\n")
    scenario, diags = check_text(text, "w")
    assert scenario is not None
    about = [str(d) for d in diags if "no production" in str(d)]
    assert about == (["w:14:3: warning: locations.darien: a source with no production: nothing "
                      "will ever ship from it; give it `production:` (tons per turn)"]
                     if warned else [])


# ---- hostile files -----------------------------------------------------------------------
BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def _timed(fn):
    tracemalloc.start()
    start = time.perf_counter()
    try:
        result = fn()
    finally:
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return result, elapsed, peak


def test_billion_laughs_is_rejected_fast_and_small(tmp_path: Path) -> None:
    p = tmp_path / "lol.yaml"
    p.write_text(BILLION_LAUGHS, encoding="utf-8")
    (scenario, diags), elapsed, peak = _timed(lambda: check_file(p))
    assert scenario is None
    assert [str(d) for d in diags] == [
        f"{p}:2:8: error: aliases (*a) are not supported: write the value out in full"]
    assert elapsed < 1.0
    assert peak < 5_000_000


def test_fifty_megabyte_file_is_rejected_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "big.yaml"
    with open(p, "wb") as fh:  # sparse: no disk space used, the size is what counts
        fh.truncate(50 * 1024 * 1024)
    (scenario, diags), elapsed, peak = _timed(lambda: check_file(p))
    assert scenario is None
    assert [str(d) for d in diags] == [
        f"{p}:1:1: error: file is too big (52.4 MB; the limit is 2 MB): a scenario or orders "
        "file is plain text of at most a few hundred kB; check you chose the right file"]
    assert elapsed < 1.0
    assert peak < 5_000_000


def test_folder_missing_and_binary_files_give_one_clear_error(tmp_path: Path) -> None:
    _, d1 = check_file(tmp_path)
    assert [str(d) for d in d1] == [
        f"{tmp_path}:1:1: error: this is a folder, not a file: name a .yaml file inside it"]
    _, d2 = check_file(tmp_path / "nope.yaml")
    assert [str(d) for d in d2] == [
        f"{tmp_path / 'nope.yaml'}:1:1: error: file not found: check the path and the spelling"]
    b = tmp_path / "image.png"
    b.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _, d3 = check_file(b)
    assert [str(d) for d in d3] == [
        f"{b}:1:1: error: the file is not UTF-8 text (byte 0x89 at byte offset 0): save it as "
        "UTF-8 in your editor"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    p = tmp_path / "locked.yaml"
    p.write_text(MINI, encoding="utf-8")
    p.chmod(0)
    try:
        _, diags = check_file(p)
    finally:
        p.chmod(0o600)
    assert [str(d) for d in diags] == [
        f"{p}:1:1: error: permission denied: the file cannot be opened for reading"]


def test_many_errors_are_capped(tmp_path: Path) -> None:
    text = "".join(f"junk_{i}: 1\n" for i in range(300))
    _, diags = check_text(text, "j")
    assert len(diags) == 101
    assert str(diags[-1]) == ("j:92:1: error: 209 more problems not shown: fix the ones above "
                              "first (is this really a scenario file?)")


def test_load_yaml_data_reads_plain_data_with_the_same_protections(tmp_path: Path) -> None:
    from game.scenario import load_yaml_data

    good = tmp_path / "orders.yaml"
    good.write_text("usa:\n  funding: {operations: 20}\n", encoding="utf-8")
    assert load_yaml_data(good) == {"usa": {"funding": {"operations": 20}}}
    js = tmp_path / "orders.json"
    js.write_text('{"usa": {"grant_access": ["colombia"]}}', encoding="utf-8")
    assert load_yaml_data(js) == {"usa": {"grant_access": ["colombia"]}}
    lol = tmp_path / "lol.yaml"
    lol.write_text(BILLION_LAUGHS, encoding="utf-8")
    with pytest.raises(InterdictError) as info:
        load_yaml_data(lol)
    assert info.value.lines() == [
        f"{lol}:2:8: error: aliases (*a) are not supported: write the value out in full"]
    dup = tmp_path / "dup.yaml"
    dup.write_text("usa: {}\nusa: {}\nx: !!python/name:os.system\n", encoding="utf-8")
    with pytest.raises(InterdictError) as info:
        load_yaml_data(dup)
    assert info.value.lines() == [
        f"{dup}:2:1: error: duplicate key 'usa' (first defined at line 1): keep only one",
        f"{dup}:3:4: error: the tag !!python/name:os.system is not allowed: scenario files "
        "hold only data, never code",
    ]


def test_positions_count_lines_as_editors_do_despite_unicode_line_separators() -> None:
    # YAML also breaks lines at U+0085, U+2028 and U+2029 (pasted from a word processor);
    # editors do not, so line numbers count '\n' only, for values and for syntax errors
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'title: "Tutorial: One Corridor"', 'title: "Tutorial:\u2028One\x85Corridor"')
    _, diags = check_text(text.replace("turns: 12", "turns: 0"), "x")
    assert str(diags[0]) == "x:9:8: error: turns: 0 is out of range: must be between 1 and 200"
    _, diags = check_text(text.replace("sources: [uraba]", "sources: [uraba"), "x")
    assert [str(d) for d in diags] == [
        "x:45:14: error: YAML syntax: the '[' opened here is not closed: end the list with ']' "
        "on this line (line 46 was read as part of it)"]


ORDERS_HINT = ("x:1:1: error: this looks like a standing-orders file (docs/orders.md): pass it "
               "with --orders to `interdict run`/`batch`, with a scenario")


def test_a_standing_orders_file_is_named_as_such_in_one_line() -> None:
    for text in ("usa: {funding: {operations: 8}}\ncolombia: {grant_access: [usa]}\n",
                 "orders:\n  clan: {flows: {overland: 5}}\n",  # under `orders:`, as read
                 "title: Mine\nusa: {deploy: {boat: {patrol_ship: 1}}}\n"
                 "colombia: {sharing: {usa: full}}\n"):
        assert [str(d) for d in check_text(text, "x")[1]] == [ORDERS_HINT]
    # shipped orders files, and `interdict run` given one as its scenario
    for path in sorted((ROOT / "scenarios" / "orders").glob("*.yaml")):
        with pytest.raises(ScenarioError) as info:
            load_scenario(path)
        assert info.value.lines() == [ORDERS_HINT.replace("x:", f"{path}:", 1)]


def test_a_scenario_with_a_stray_or_misspelt_key_is_not_taken_for_orders() -> None:
    # one side's orders pasted into a scenario, a misspelt section: the usual messages
    text = MINI + "usa: {funding: {operations: 8}}\n"
    assert [str(d) for d in check_text(text, "x")[1]] == [
        "x:22:1: error: unknown key 'usa': allowed keys are format, id, title, summary, "
        "briefing, briefing_file, turns, turn_label, seed, rationale_required, map, nations, "
        "alliances, locations, routes, traffickers, asset_types, events, objectives"]
    text = MINI.replace("nations:", "natons:")
    assert "unknown key 'natons' (did you mean 'nations'?)" in str(check_text(text, "x")[1])
