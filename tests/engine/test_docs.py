"""The examples in docs/orders.md are legal orders for the tutorial."""

import re

import yaml

from game.core.orders import InstructorAction, validate_orders
from game.core.state import initial_state
from game.scenario.orders_file import parse_orders_data
from tests.engine.conftest import ROOT, scenario

DOC = (ROOT / "docs" / "orders.md").read_text()
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC, re.S)


def test_the_standing_orders_example_is_legal():
    sc = scenario("tutorial")
    orders = parse_orders_data(yaml.safe_load(BLOCKS[0]), sc, "orders.md")
    state = initial_state(sc)
    assert set(orders) == {"usa", "colombia"}
    for side, o in orders.items():
        assert validate_orders(state, side, o) == [], side


def test_the_trafficker_example_is_legal():
    sc = scenario("tutorial")
    block = next(b for b in BLOCKS if b.startswith("clan_del_golfo"))
    orders = parse_orders_data(yaml.safe_load(block), sc, "orders.md")
    state = initial_state(sc)
    errs = validate_orders(state, "clan_del_golfo", orders["clan_del_golfo"])
    # the example buys a semi-submersible and bribes: only the money may be short
    assert all(e.startswith("resources:") for e in errs), errs


def test_the_white_cell_examples_parse():
    block = next(b for b in BLOCKS if b.startswith("- {kind: fire_event"))
    actions = [InstructorAction.from_data(a) for a in yaml.safe_load(block)]
    assert [a.kind for a in actions] == ["fire_event", "inject", "adjust", "adjust", "seat",
                                         "seat"]
    assert all(a.reason for a in actions)
    assert [a.value for a in actions[-2:]] == ["ai:baseline", "human"]
    from game.ai.session import Game

    game = Game.new(scenario("tutorial"), seed=1)  # every example applies to the tutorial
    assert [game.instructor(a) for a in actions] == [[]] * 6
