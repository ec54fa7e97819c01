"""Standing-orders files for `interdict run --orders FILE` (YAML or JSON).

The file maps side ids to orders in their plain-data form (docs/orders.md):

    usa:
      funding: {operations: 20, governance: 5}
      deploy: {caribbean_passage: {patrol_ship: 1}}
    colombia:
      grant_access: [usa]

Parsing only: `load_orders_file(path, scenario)` returns {side: BlueOrders | RedOrders} or
raises an InterdictError naming the file, the side and the reason. Legality against the
game state is checked by the caller with `validate_orders`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from game.core.errors import InterdictError
from game.core.model import Scenario
from game.core.orders import BlueOrders, RedOrders

MAX_BYTES = 1_000_000


def parse_orders_data(data: Any, scenario: Scenario, name: str
                      ) -> dict[str, BlueOrders | RedOrders]:
    if data is None:
        return {}
    if isinstance(data, dict) and set(data) == {"orders"}:
        data = data["orders"]
    if not isinstance(data, dict):
        raise InterdictError(f"{name}: expected a mapping of nation ids to orders, "
                             f"got {type(data).__name__}")
    out: dict[str, BlueOrders | RedOrders] = {}
    for side, body in data.items():
        side = str(side)
        try:
            if side in scenario.nations:
                o: BlueOrders | RedOrders = BlueOrders.from_data(body, side)
                if o.nation != side:
                    raise InterdictError(f"the orders name nation {o.nation!r}")
            elif side in scenario.traffickers:
                o = RedOrders.from_data(body, side)
                if o.trafficker != side:
                    raise InterdictError(f"the orders name trafficker {o.trafficker!r}")
            else:
                known = ", ".join([*scenario.nations, *scenario.traffickers])
                raise InterdictError(f"not a nation or trafficker of scenario "
                                     f"{scenario.id} (known: {known})")
        except InterdictError as exc:
            raise InterdictError(f"{name}: {side}: {exc}") from None
        out[side] = o
    return out


def load_orders_file(path: str | os.PathLike[str], scenario: Scenario
                     ) -> dict[str, BlueOrders | RedOrders]:
    p = Path(path)
    name = str(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InterdictError(f"{name}: no such orders file") from None
    except OSError as exc:
        raise InterdictError(f"{name}: cannot read the orders file ({exc.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise InterdictError(f"{name}: the orders file is larger than 1 MB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InterdictError(f"{name}: the orders file is not UTF-8 text") from None
    try:
        data = yaml.safe_load(text)  # JSON is YAML too
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InterdictError(f"{where}: error: {problem}") from None
    return parse_orders_data(data, scenario, name)
