"""Scenario events: triggers, effects with durations, and the effective view.

Permanent effects (no duration) change the state's base values when the event fires.
Effects with a duration are kept in `effects` and laid over the base values each turn by
`effective`, so they end cleanly when they expire, whatever happened to the base meanwhile.
"""

from __future__ import annotations

import numpy as np

from game.core.metrics import compare, metric_value
from game.core.model import Effect
from game.core.network import MODE_INDEX, SHARING_INDEX, SOV_INDEX, Net
from game.core.numbers import finite_number
from game.core.rng import turn_rng

# (target kind, field) -> (state array, value kind)
FIELD_ARRAYS: dict[tuple[str, str], tuple[str, str]] = {
    ("nation", "budget"): ("n_budget", "number"),
    ("nation", "corruption"): ("n_corruption", "unit"),
    ("nation", "governance"): ("n_governance", "unit"),
    ("nation", "intel"): ("n_intel", "unit"),
    ("nation", "violence"): ("n_violence", "unit"),
    ("nation", "sovereignty"): ("n_sovereignty", "sovereignty"),
    ("alliance", "interoperability"): ("al_interop", "unit"),
    ("alliance", "cohesion"): ("al_cohesion", "unit"),
    ("alliance", "intel_sharing"): ("al_sharing", "sharing"),
    ("alliance", "joint_operations"): ("al_joint", "bool"),
    ("location", "production"): ("l_production", "number"),
    ("location", "demand"): ("l_demand", "number"),
    ("location", "price"): ("l_price", "number"),
    ("route", "capacity"): ("r_capacity", "number"),
    ("route", "cost"): ("r_cost", "number"),
    ("route", "concealment"): ("r_concealment", "unit"),
    ("route", "detection"): ("r_detection", "number"),
    ("route", "dormant"): ("r_dormant", "bool"),
    ("trafficker", "resources"): ("t_resources", "number"),
    ("trafficker", "adaptiveness"): ("t_adaptiveness", "unit"),
    ("trafficker", "production"): ("t_production", "number"),
    ("mode", "detection"): ("m_detection", "number"),
    ("mode", "interdiction"): ("m_interdiction", "number"),
    ("mode", "capacity"): ("m_capacity", "number"),
    ("mode", "concealment"): ("m_concealment", "unit"),
}
# the largest value an event or the white cell may give a number field: beyond it numbers of
# loads overflow 64-bit integers and sums overflow to infinity
MAX_NUMBER = 1e9
# stocks rather than per-turn levels: an effect on them is always permanent
STOCK_FIELDS = frozenset({"t_resources"})


def target_index(net: Net, kind: str, tid: str) -> int | None:
    table = {"nation": net.nidx, "alliance": net.alidx, "location": net.lidx,
             "route": net.ridx, "trafficker": net.tidx, "mode": MODE_INDEX}.get(kind)
    if table is None:
        return None
    return table.get(tid)


def apply_change(w: dict, kind: str, index: int, field: str, verb: str, value) -> bool:
    """Apply one change to the arrays in `w` (mutating them). False if not applicable."""
    spec = FIELD_ARRAYS.get((kind, field))
    if spec is None:
        return False
    name, vkind = spec
    arr = w[name]
    if vkind == "sovereignty":
        if value not in SOV_INDEX:
            return False
        arr[index] = SOV_INDEX[value]
    elif vkind == "sharing":
        if value not in SHARING_INDEX:
            return False
        arr[index] = SHARING_INDEX[value]
    elif vkind == "bool":
        if not isinstance(value, bool | np.bool_):
            return False
        arr[index] = bool(value)
    else:
        if not finite_number(value):
            return False
        v = float(value)
        if verb == "set":
            x = v
        elif verb == "add":
            x = float(arr[index]) + v
        elif verb == "multiply":
            x = float(arr[index]) * v
        else:
            return False
        if not np.isfinite(x):
            return False
        x = min(max(0.0, x), MAX_NUMBER)
        if vkind == "unit":
            x = min(1.0, x)
        arr[index] = x
    return True


def apply_effect(net: Net, w: dict, eff: Effect) -> None:
    kind = eff.target_kind
    idx = target_index(net, kind, eff.target_id)
    if idx is None:
        return
    for field, value in eff.changes.items():
        apply_change(w, kind, idx, field, eff.verb, value)


def effective(net: Net, w, turn: int) -> dict:
    """Arrays with the temporary effects active in `turn` laid over the base values.

    `w` is a State (the result is cached per state and turn) or a dict of arrays (a shallow
    copy is returned; only the arrays an effect touches are copied)."""
    is_state = not isinstance(w, dict)
    if is_state:
        hit = w.derived.get("effective")
        if hit is not None and hit[0] == turn:
            return hit[1]
        from game.core.state import ARRAY_FIELDS

        view = {k: getattr(w, k) for k in ARRAY_FIELDS}
    else:
        view = dict(w)
    effects = view["effects"]
    copied: set[str] = set()
    if len(effects):
        events = net.events
        for e_idx, k, until in effects.tolist():
            if until < turn:
                continue
            eff = events[e_idx].effects[k]
            kind = eff.target_kind
            if target_index(net, kind, eff.target_id) is None:
                continue
            for field in eff.changes:
                spec = FIELD_ARRAYS.get((kind, field))
                if spec and spec[0] not in copied:
                    view[spec[0]] = view[spec[0]].copy()
                    copied.add(spec[0])
            apply_effect(net, view, eff)
    if is_state:
        for name in copied:  # shared by every reader of this state: nobody may change them
            view[name].setflags(write=False)
        w.derived["effective"] = (turn, view)
    return view


def is_permanent(eff: Effect) -> bool:
    """Whether an effect changes the base values when its event fires (no duration, or a
    stock such as a trafficker's resources) rather than lasting its duration."""
    return eff.duration is None or any(
        FIELD_ARRAYS.get((eff.target_kind, f), ("", ""))[0] in STOCK_FIELDS for f in eff.changes)


def fire_event(net: Net, w: dict, e_idx: int, turn: int) -> None:
    """Fire event `e_idx` now: permanent effects change the base, others are scheduled."""
    ev = net.events[e_idx]
    w["fired"][e_idx] += 1
    rows = []
    for k, eff in enumerate(ev.effects):
        if is_permanent(eff):
            apply_effect(net, w, eff)
        else:
            rows.append((e_idx, k, turn + int(eff.duration) - 1))
    if rows:
        w["effects"] = np.concatenate([w["effects"], np.array(rows, dtype=np.int64)])


def event_card(ev) -> dict:
    """The card a turn report carries for a scenario event that fired (`ev`: model.Event)."""
    return {"id": ev.id, "title": ev.title, "text": ev.text, "audience": list(ev.audience)}


def inject_card(n: int, act) -> dict:
    """The card a turn report carries for the month's `n`th white-cell inject (`act`:
    orders.InstructorAction of kind "inject")."""
    return {"id": f"inject:{n}", "title": act.title, "text": act.text,
            "audience": list(act.audience), "instructor": True}


def chance_draw(seed: int, turn: int, event_id: str) -> float:
    """The uniform number event `event_id`'s chance trigger draws in `turn`, from the event's
    own stream ("event:<id>"): adding, removing or reordering events changes no other
    event's draw nor any other random draw of the game, and the real game and its no-action
    shadow see the same chance events."""
    return float(turn_rng(seed, turn, chance_stream(event_id)).random())


def chance_stream(event_id: str) -> str:
    """The name of the random stream an event's chance trigger draws from."""
    return f"event:{event_id}"


def fire_due_events(net: Net, w: dict, turn: int, seed: int) -> list[int]:
    """Evaluate every trigger for `turn`; fire those that hold; return their indices.

    A chance trigger draws (`chance_draw`, from the game's `seed`) only when everything else
    about it holds: each event's draws are its own, so a draw not made shifts nothing."""
    events = net.events
    if not events:
        return []
    due = []
    for i, ev in enumerate(events):
        tr = ev.trigger
        if not tr.may_fire(turn) or (not tr.turns and tr.once and w["fired"][i] > 0):
            continue
        if tr.condition is not None:
            c = tr.condition
            if not compare(metric_value(net, w, c.metric, c.scope), c.op, c.value):
                continue
        if not tr.turns and tr.chance is not None and \
                not chance_draw(seed, turn, ev.id) < tr.chance:
            continue
        due.append(i)
    for i in due:
        fire_event(net, w, i, turn)
    # drop expired effects
    if len(w["effects"]):
        w["effects"] = w["effects"][w["effects"][:, 2] >= turn]
    return due
