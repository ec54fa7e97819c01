"""Standing-orders files (`interdict run --orders FILE`): safe reading and located errors."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from game.core.errors import InterdictError
from game.core.orders import BlueOrders, RedOrders
from game.core.state import initial_state
from game.scenario import load_scenario
from game.scenario.orders_file import load_orders_file

TUTORIAL = Path(__file__).resolve().parent.parent / "scenarios" / "tutorial.yaml"


@pytest.fixture(scope="module")
def sc():
    return load_scenario(TUTORIAL)


def _write(tmp_path: Path, text: str, name: str = "orders.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _lines(path: Path, sc, state=None) -> list[str]:
    with pytest.raises(InterdictError) as info:
        load_orders_file(path, sc, state)
    return info.value.lines()


def test_reads_nation_and_trafficker_orders(tmp_path, sc):
    p = _write(tmp_path, "usa:\n"
                         "  funding: {operations: 8, governance: 10}\n"
                         "  deploy: {go_fast: {patrol_ship: 2}}\n"
                         "clan_del_golfo:\n"
                         "  bribes: {colombia: 5}\n")
    orders = load_orders_file(p, sc, initial_state(sc))
    assert set(orders) == {"usa", "clan_del_golfo"}
    usa = orders["usa"]
    assert isinstance(usa, BlueOrders)
    assert usa.funding.operations == 8.0 and usa.funding.governance == 10.0
    assert dict(usa.deploy["go_fast"]) == {"patrol_ship": 2}
    red = orders["clan_del_golfo"]
    assert isinstance(red, RedOrders) and dict(red.bribes) == {"colombia": 5.0}


def test_json_and_an_orders_wrapper_are_accepted(tmp_path, sc):
    p = _write(tmp_path, '{"orders": {"colombia": {"grant_access": ["usa"]}}}', "o.json")
    assert load_orders_file(p, sc)["colombia"].grant_access == ("usa",)
    assert load_orders_file(_write(tmp_path, "{}", "empty.json"), sc) == {}  # (said plainly)


def test_duplicate_key_is_an_error_not_silently_the_last(tmp_path, sc):
    p = _write(tmp_path, "usa:\n"
                         "  funding: {operations: 8}\n"
                         "  funding: {operations: 90}\n")
    assert _lines(p, sc) == [
        f"{p}:3:3: error: duplicate key 'funding' (first defined at line 2): keep only one"]
    p = _write(tmp_path, "usa: {}\ncolombia: {}\nusa: {}\n")
    assert _lines(p, sc) == [
        f"{p}:3:1: error: duplicate key 'usa' (first defined at line 1): keep only one"]


def test_alias_bomb_is_refused_quickly(tmp_path, sc):
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        levels.append(f"a{i}: &a{i} [{refs}]")
    p = _write(tmp_path, "\n".join(levels) + "\nusa: {rationale: *a9}\n")
    start = time.perf_counter()
    lines = _lines(p, sc)
    assert time.perf_counter() - start < 1.0
    assert lines[0] == (f"{p}:2:10: error: aliases (*a0) are not supported: "
                        "write the value out in full")


def test_unknown_nation_names_the_line_and_the_known_sides(tmp_path, sc):
    p = _write(tmp_path, "usa:\n  funding: {operations: 8}\natlantis:\n  funding: {}\n")
    assert _lines(p, sc) == [
        f"{p}:3:1: error: atlantis: not a nation or trafficker of scenario tutorial "
        "(known: usa, colombia, clan_del_golfo)"]


def test_malformed_value_points_at_the_value(tmp_path, sc):
    p = _write(tmp_path, "usa:\n  funding: {operations: lots}\n")
    assert _lines(p, sc) == [
        f"{p}:2:25: error: usa: funding.operations: expected a number, got 'lots'"]
    p = _write(tmp_path, "usa:\n  deploy:\n    go_fast: {patrol_ship: 1.5}\n")
    assert _lines(p, sc) == [
        f"{p}:3:28: error: usa: deploy.go_fast.patrol_ship: expected a whole number, got 1.5"]
    p = _write(tmp_path, "usa:\n  deploy:\n    go_fast: {patrol_ship: true}\n")
    assert _lines(p, sc) == [  # (it said "got a number too large to use")
        f"{p}:3:28: error: usa: deploy.go_fast.patrol_ship: expected a whole number, got "
        "true/false (true)"]
    p = _write(tmp_path, "usa:\n  funding: {operations: yes}\n")
    assert _lines(p, sc) == [
        f"{p}:2:25: error: usa: funding.operations: expected a number, got true/false (true)"]
    p = _write(tmp_path, "usa:\n  fundng: {operations: 8}\n")
    assert _lines(p, sc) == [
        f"{p}:2:3: error: usa: unknown key 'fundng' (expected one of: nation, funding, "
        "sharing, deploy, grant_access, buy, rationale)"]
    p = _write(tmp_path, "- usa\n")
    assert _lines(p, sc) == [f"{p}:1:1: error: expected a mapping of nation ids to orders, "
                             "got list"]


def test_illegal_orders_are_located_one_line_per_reason(tmp_path, sc):
    p = _write(tmp_path, "usa:\n"
                         "  funding: {operations: 8}\n"
                         "  deploy: {coast_road: {patrol_ship: 1}}\n"
                         "colombia:\n"
                         "  funding: {operations: 4}\n"
                         "  deploy:\n"
                         "    coast_road: {border_team: 9}\n")
    state = initial_state(sc)
    assert _lines(p, sc, state) == [
        f"{p}:3:12: error: usa: illegal standing order: deploy: route coast_road is in "
        "Colombia's jurisdiction (consent): Colombia has not granted usa access (the file "
        "can give it: colombia: {grant_access: [usa]})",
        f"{p}:3:12: error: usa: illegal standing order: deploy: a Patrol ship cannot operate "
        "on land route coast_road",
        f"{p}:7:31: error: colombia: illegal standing order: deploy: 9 border_team deployed "
        "but colombia has 3",
        f"{p}:6:3: error: colombia: illegal standing order: deploy: upkeep of the deployed "
        "assets is 9 but operations are funded with 4",
    ]
    # without a state the file is only parsed: legality is the caller's business
    assert set(load_orders_file(p, sc)) == {"usa", "colombia"}


def test_illegal_sharing_and_funding_point_at_their_entries(tmp_path, sc):
    p = _write(tmp_path, "usa:\n"
                         "  funding: {operations: 500}\n"
                         "  sharing: {narnia: full}\n")
    assert _lines(p, sc, initial_state(sc)) == [
        f"{p}:2:3: error: usa: illegal standing order: funding: the total 500 exceeds the "
        "budget available 60",
        f"{p}:3:13: error: usa: illegal standing order: sharing: 'narnia' is not a nation in "
        "this scenario",
    ]


def test_file_problems_are_clear(tmp_path, sc):
    missing = tmp_path / "nope.yaml"
    assert _lines(missing, sc) == [
        f"{missing}:1:1: error: file not found: check the path and the spelling"]
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * 1_100_000 + b"\n")
    assert _lines(big, sc)[0].startswith(f"{big}:1:1: error: file is too big (1.1 MB; ")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("usa: {rationale: caf\xe9}\n".encode("latin-1"))
    assert _lines(bad, sc)[0].startswith(f"{bad}:1:21: error: the file is not UTF-8 text")
    tag = _write(tmp_path, "usa: !!python/object:os.system {}\n")
    assert _lines(tag, sc)[0].startswith(f"{tag}:1:6: error: the tag !!python/object")


ORDERS_DIR = TUTORIAL.parent / "orders"
SHIPPED = sorted(ORDERS_DIR.glob("*.yaml"))


def test_the_example_strategies_are_shipped():
    # docs/balance.md quotes one per scenario
    assert {p.stem.split("_")[0] for p in SHIPPED} >= {"tutorial", "caribbean", "andes",
                                                       "mediterranean", "southeast"}


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_standing_orders_are_legal_for_their_scenario(path):
    name = next(s.stem for s in TUTORIAL.parent.glob("*.yaml") if path.stem.startswith(s.stem))
    scenario = load_scenario(TUTORIAL.parent / f"{name}.yaml")
    orders = load_orders_file(path, scenario, initial_state(scenario))
    assert orders and all(isinstance(o, BlueOrders) for o in orders.values())


def test_a_grant_of_access_in_the_same_file_counts_as_it_does_in_play(tmp_path, sc):
    """A consent host's grant takes effect the turn it is given (docs/rules.md), so a file
    may script both sides of it; before, the check judged each side alone and refused."""
    p = _write(tmp_path, "usa: {funding: {operations: 8}, deploy: {coast_road: {uav: 1}}}\n"
                         "colombia: {grant_access: [usa]}\n")
    orders = load_orders_file(p, sc, initial_state(sc))
    assert orders["colombia"].grant_access == ("usa",)
    alone = _write(tmp_path, "usa: {funding: {operations: 8}, deploy: {coast_road: {uav: 1}}}\n",
                   "alone.yaml")
    assert _lines(alone, sc, initial_state(sc)) == [
        f"{alone}:1:42: error: usa: illegal standing order: deploy: route coast_road is in "
        "Colombia's jurisdiction (consent): Colombia has not granted usa access (the file "
        "can give it: colombia: {grant_access: [usa]})"]


def test_misspelt_ids_get_a_suggestion(tmp_path, sc):
    p = _write(tmp_path, "usa:\n  deploy: {go_fsat: {patrol_ship: 1}}\n"
                         "  sharing: {colombai: full}\n"
                         "clan_del_golfo:\n  flows: {'coast_road>go_fsat': 5}\n")
    assert _lines(p, sc, initial_state(sc)) == [
        f"{p}:3:13: error: usa: illegal standing order: sharing: 'colombai' is not a nation in "
        "this scenario (did you mean 'colombia'?)",
        f"{p}:2:12: error: usa: illegal standing order: deploy: 'go_fsat' is not a route in "
        "this scenario (did you mean 'go_fast'?)",
        f"{p}:5:3: error: clan_del_golfo: illegal standing order: flows: 'coast_road>go_fsat' "
        "is not one of clan_del_golfo's paths (did you mean 'coast_road>go_fast'?)"]
    p = _write(tmp_path, "colombai: {}\n")
    assert _lines(p, sc) == [
        f"{p}:1:1: error: colombai: not a nation or trafficker of scenario tutorial (did you "
        "mean 'colombia'?)"]


def test_an_empty_file_or_a_rationale_that_is_not_text_is_refused(tmp_path, sc):
    """Both were accepted without a word: no standing orders at all, or "['a']"."""
    for text in ("", "# only comments\n"):
        p = _write(tmp_path, text)
        assert _lines(p, sc) == [
            f"{p}:1:1: error: the file holds no orders: give each side its orders, e.g. usa: "
            "{funding: {operations: 8}} (docs/orders.md)"]
    p = _write(tmp_path, "usa: {rationale: [a]}\n")
    assert _lines(p, sc) == [
        f"{p}:1:19: error: usa: rationale: expected text, got a list: write it in quotes"]
    p = _write(tmp_path, "usa: {rationale: 42}\n")
    assert load_orders_file(p, sc)["usa"].rationale == "42"


def test_a_side_with_nothing_after_it_is_refused(tmp_path, sc):
    """`usa:` with its orders forgotten was read as no orders at all."""
    p = _write(tmp_path, "colombia: {grant_access: [usa]}\nusa:\n")
    assert _lines(p, sc) == [
        f"{p}:2:1: error: usa: no orders are written after 'usa:': give its orders, or write "
        "'usa: {}' for none"]
    assert load_orders_file(_write(tmp_path, "usa: {}\n"), sc)["usa"].deploy == {}
