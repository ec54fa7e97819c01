"""Standing-orders files for `interdict run --orders FILE` (YAML or JSON).

The file maps side ids to orders in their plain-data form (docs/orders.md):

    usa:
      funding: {operations: 20, governance: 5}
      deploy: {caribbean_passage: {patrol_ship: 1}}
    colombia:
      grant_access: [usa]

`load_orders_file(path, scenario)` returns {side: BlueOrders | RedOrders} or raises an
InterdictError whose lines read `file:line:col: error: side: what is wrong`. The file is read
with the scenario reader's protections (`game.scenario.load_yaml_data`: size limit, UTF-8,
safe tags only, no aliases, no duplicate keys). With `state=`, every order is also checked for
legality against that state (`validate_orders`, the one source of legality) and each illegal
order is reported at the line it was written on.
"""

from __future__ import annotations

import os
import re
from typing import Any

from game.core.errors import InterdictError
from game.core.model import Scenario, frozen_map
from game.core.orders import BlueOrders, RedOrders, TurnOrders, validate_orders
from game.scenario.loader import load_yaml_data
from game.scenario.reader import Document, ReadError, decode_utf8, parse_text, read_limited
from game.scenario.validate import suggest

MAX_BYTES = 1_000_000

Path_ = tuple[Any, ...]


def _side_prefix(data: Any) -> Path_:
    return ("orders",) if isinstance(data, dict) and set(data) == {"orders"} else ()


def parse_orders_data(data: Any, scenario: Scenario, name: str, doc: Document | None = None
                      ) -> dict[str, BlueOrders | RedOrders]:
    """Plain data to orders. `doc` (the parsed file with positions) lets errors name the line
    and column; without it they name the file only (`name: side: message`)."""
    if data is None:
        return {}
    prefix = _side_prefix(data)
    if prefix:
        data = data["orders"]
    if not isinstance(data, dict):
        raise InterdictError(_where(name, doc, prefix, None)
                             + f"expected a mapping of nation ids to orders, "
                               f"got {type(data).__name__}")
    out: dict[str, BlueOrders | RedOrders] = {}
    for side, body in data.items():
        side = str(side)
        try:
            if body is None and (side in scenario.nations or side in scenario.traffickers):
                raise InterdictError(f"no orders are written after '{side}:': give its "
                                     f"orders, or write '{side}: {{}}' for none")
            if side in scenario.nations:
                o: BlueOrders | RedOrders = BlueOrders.from_data(body, side)
                if o.nation != side:
                    raise InterdictError(f"the orders name nation {o.nation!r}")
            elif side in scenario.traffickers:
                o = RedOrders.from_data(body, side)
                if o.trafficker != side:
                    raise InterdictError(f"the orders name trafficker {o.trafficker!r}")
            else:
                sides = [*scenario.nations, *scenario.traffickers]
                meant = suggest(side, sides)
                raise InterdictError(
                    f"not a nation or trafficker of scenario {scenario.id} "
                    + (f"(did you mean '{meant}'?)" if meant else f"(known: {', '.join(sides)})"))
        except InterdictError as exc:
            msg = _strip_owner(str(exc), side)
            if doc is None:
                raise InterdictError(f"{name}: {side}: {msg}") from None
            raise InterdictError(_where(name, doc, (*prefix, side), msg) + f"{side}: {msg}"
                                 ) from None
        out[side] = o
    return out


def load_orders_file(path: str | os.PathLike[str], scenario: Scenario, state: Any = None,
                     turn_orders: TurnOrders | None = None
                     ) -> dict[str, BlueOrders | RedOrders]:
    """Read a standing-orders file. With `state` (e.g. `initial_state(scenario)`), illegal
    orders are errors too: `file:line:col: error: side: illegal standing order: reason`, one
    line per reason. Access a host grants in the same file counts, as it does in play (a
    grant takes effect the turn it is given); `turn_orders`, if given, adds that turn's
    orders of the sides the file leaves out (e.g. a computer-played host's grant)."""
    name = str(path)
    data = load_yaml_data(path, MAX_BYTES)  # located errors: syntax, duplicates, aliases, size
    if data is None:
        raise InterdictError(f"{name}:1:1: error: the file holds no orders: give each side "
                             "its orders, e.g. usa: {funding: {operations: 8}} (docs/orders.md)")
    try:
        orders = parse_orders_data(data, scenario, name)
    except InterdictError:
        # read again with positions, only to say where the problem is
        parse_orders_data(data, scenario, name, _document(path))
        raise  # pragma: no cover - the located parse above raises the same problem
    if state is None:
        return orders
    doc: Document | None = None
    lines: list[str] = []
    prefix = _side_prefix(data)
    blue = dict(turn_orders.blue) if turn_orders else {}
    blue.update((k, v) for k, v in orders.items() if isinstance(v, BlueOrders))
    together = TurnOrders(turn=state.turn, blue=frozen_map(blue))
    for side, o in orders.items():
        errs = validate_orders(state, side, o, together)
        if errs and doc is None:
            doc = _document(path)
        for e in errs:
            hint = _did_you_mean(scenario, e, side)
            if getattr(e, "code", "") == "consent":  # the host's grant can be in the file
                _route, host, guest = e.args
                hint = f" (the file can give it: {host}: {{grant_access: [{guest}]}})"
            lines.append(_where(name, doc, (*prefix, side), e)
                         + f"{side}: illegal standing order: {e}{hint}")
    if lines:
        raise InterdictError(lines[0], details=lines[1:])
    return orders


# what an unknown id of a reason (its first argument) should have been, by the reason's code
_ID_TABLES = {"no_route": "routes", "open_unknown": "routes", "deploy_no_type": "asset_types",
              "buy_no_type": "asset_types", "cb_unknown": "nations", "share_unknown": "nations",
              "grant_unknown": "nations", "bribe_unknown": "nations", "no_path": "paths"}


def _did_you_mean(scenario: Scenario, reason: Any, side: str) -> str:
    """" (did you mean 'x'?)" for a misspelt id in an order, else ""."""
    table = _ID_TABLES.get(getattr(reason, "code", ""))
    args = getattr(reason, "args", ())
    if table is None or not args:
        return ""
    if table == "paths":
        from game.core.network import compiled

        net = compiled(scenario)
        t = net.tidx.get(side)
        choices = [] if t is None else [net.p_keys[int(p)] for p in net.traf_paths[t]]
    else:
        choices = list(getattr(scenario, table))
    meant = suggest(str(args[0]), choices)
    return f" (did you mean '{meant}'?)" if meant else ""


# ------------------------------------------------------------------ locating a message

def _document(path: str | os.PathLike[str]) -> Document | None:
    try:
        return parse_text(decode_utf8(read_limited(path, MAX_BYTES)))
    except (ReadError, OSError):  # the file changed since it was read: name the file only
        return None


def _strip_owner(msg: str, side: str) -> str:
    for owner in (f"orders of {side}: ", f"orders of {side}"):
        if msg.startswith(owner):
            return msg[len(owner):] or "invalid orders"
    return msg


def _where(name: str, doc: Document | None, side_path: Path_, msg: str | None) -> str:
    if doc is None:
        return f"{name}: "
    line, col = _locate(doc, side_path, msg)
    return f"{name}:{line}:{col}: error: "


_SECTION = re.compile(r"^([a-z_]+)")
_UNKNOWN_KEY = re.compile(r"^((?:[a-z_]+[.:] ?)*)unknown key '([^']*)'")


def _pos_of(doc: Document, path: Path_, prefer_key: bool) -> tuple[int, int] | None:
    if prefer_key and path in doc.keypos:
        return doc.keypos[path]
    if path in doc.pos:
        value = _value_at(doc.data, path)
        if isinstance(value, dict | list) and path in doc.keypos:
            return doc.keypos[path]  # a block mapping starts on the next line: name the key
        return doc.pos[path]
    return doc.keypos.get(path)


def _value_at(data: Any, path: Path_) -> Any:
    for k in path:
        try:
            data = data[k]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z0-9_]+", text))


def _locate(doc: Document, side_path: Path_, msg: str | None) -> tuple[int, int]:
    """The line and column a message is about: the deepest part of the side's orders that the
    message names, else the section it names (funding, deploy...), else the side itself."""
    fallback = _pos_of(doc, side_path, True) or doc.pos.get((), (1, 1))
    if not msg:
        return fallback
    m = _UNKNOWN_KEY.match(msg)
    if m:
        parts = [p for p in re.split(r"[.:] ?", m.group(1)) if p]
        found = _pos_of(doc, (*side_path, *parts, m.group(2)), True)
        return found or fallback
    s = _SECTION.match(msg)
    if not s:
        return fallback
    section = (*side_path, s.group(1))
    if section not in doc.pos:
        return fallback
    words = _words(msg.split(" (", 1)[0])
    best, best_score = section, (0, 0)
    n = len(section)
    for path in doc.pos:
        if len(path) <= n or path[:n] != section:
            continue
        matched = 0
        for depth in range(n, len(path)):
            comp = path[depth]
            if isinstance(comp, int):
                item = _value_at(doc.data, path[:depth + 1])
                comp = item if isinstance(item, str) else None
            if comp is not None and str(comp) in words:
                matched += 1
        score = (matched, -len(path))
        if matched and score > best_score:
            best, best_score = path, score
    # an id the message quotes ('narnia' is not a nation) is about the key, not its value
    named = len(best) > n and isinstance(best[-1], str) and f"'{best[-1]}'" in msg
    return _pos_of(doc, best, named) or fallback
