"""`interdict replay SAVE [--verify]` and `interdict report SAVE... [--out DIR]`."""

from __future__ import annotations

import sys
from typing import Any

from game.core.errors import InterdictError


def _print(text: str = "") -> None:
    print(text, file=sys.stdout)


def cmd_replay(args: Any) -> int:
    """Re-run a save from its seed and recorded orders and compare every turn report.

    Prints one line per turn. With --verify the exit code is 1 on any divergence."""
    from game.persistence.games import scenario_of_save, verify_data
    from game.persistence.records import turn_rows
    from game.persistence.saves import read_save

    branch = getattr(args, "branch", None)
    if branch is not None:
        return _branch(args)
    if getattr(args, "out", None):
        raise InterdictError("replay --out FILE names a branch's new save: give --branch TURN "
                             "too (the turn to branch after), or leave --out out")
    data = read_save(args.save)
    scenario = scenario_of_save(data, args.save)
    result = verify_data(data, scenario, args.save)
    rows = turn_rows(data["history"])
    _print(f"{args.save}: {scenario.title} ({data['scenario']['id']}), game "
           f"{data['game']['id']}, seed {data['seed']}, {len(rows)} of {data['turns']} turns")
    if data.get("migrated_from") is not None:
        _print(f"  (an older save, version {data['migrated_from']}, read through migration)")
    _print(f"  {'turn':>12}  {'shipped':>9}  {'seized':>9}  {'delivered':>9}  replay")
    for r in rows:
        if result.first_divergence is None or r.turn < result.first_divergence:
            mark = "same"
        elif r.turn == result.first_divergence:
            mark = "DIFFERS"
        else:
            mark = "-"
        _print(f"  {scenario.turn_name(r.turn):>12}  {r.shipped:9.2f}  {r.seized:9.2f}  "
               f"{r.delivered:9.2f}  {mark}")
    if result.ok:
        state_note = (" and the final state" if result.state_matches else "")
        _print(f"replay verified: all {result.turns} turn reports{state_note} are reproduced "
               "exactly from the seed and the saved orders.")
        return 0
    if result.first_divergence is not None:
        t = result.first_divergence
        msg = (f"{args.save}: replay diverges at {scenario.turn_name(t)} (turn {t}): the "
               "saved report differs from the replayed one")
        details = [f"  {d}" for d in result.differences]
    else:
        msg = (f"{args.save}: every turn report is reproduced, but the saved state snapshot "
               "differs from the replayed state")
        details = []
    hint = ("  The save was made with another version of the rules, or its orders were "
            "changed. It still opens (load it without verifying).")
    if getattr(args, "verify", False):
        raise InterdictError(msg, details=[*details, hint])
    print(msg, file=sys.stderr)
    for line in [*details, hint]:
        print(line, file=sys.stderr)
    return 0


def _branch(args: Any) -> int:
    from game.persistence.games import branch_save

    out = getattr(args, "out", None)
    if not out:
        raise InterdictError("replay --branch TURN needs --out FILE: the new save's name "
                             "(the original save is never changed)")
    path = branch_save(args.save, int(args.branch), out)
    turn = int(args.branch)
    from game.persistence.games import load_game

    name = load_game(path).scenario.turn_name
    _print(f"wrote {path}: a new game branched from {args.save} after "
           f"{name(turn) if turn else 'the start'}; it plays on from {name(turn + 1)}")
    return 0


def cmd_report(args: Any) -> int:
    """Write the after-action report (HTML + CSV) of one save, or compare several."""
    from game.persistence.report import write_report

    written = write_report(list(args.saves), getattr(args, "out", None),
                           students=bool(getattr(args, "for_students", False)))
    html_file = written[0]
    for p in written:
        _print(f"wrote {p}")
    _print(f"open {html_file} in a browser")
    return 0
