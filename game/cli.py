"""`interdict` command line.

Each command lives in the package that owns its work and is imported only when that
command runs, so `interdict validate` never loads pygame:

    validate, schema   -> game.scenario.cli
    run, batch         -> game.headless
    replay, report     -> game.persistence.cli
    play               -> game.ui.app

A command module exposes `cmd_<name>(args) -> int`. Errors meant for the user are
`InterdictError`s and are printed as they are; anything else becomes a one-line internal
error (with `--debug`, the traceback too). A user never sees a traceback by default.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
from collections.abc import Sequence

from game.core.errors import InterdictError

DEFAULT_SCENARIO = "tutorial"

COMMANDS = {
    "validate": "game.scenario.cli",
    "schema": "game.scenario.cli",
    "run": "game.headless",
    "batch": "game.headless",
    "replay": "game.persistence.cli",
    "report": "game.persistence.cli",
    "play": "game.ui.app",
}


# the policies of game.ai.policies (named here so that `--help` needs no engine import; a
# test keeps the two lists the same)
BLUE_POLICY_HELP = ("the computer's policy for every nation without standing orders: "
                    "baseline, passive (no action), aggressive, or random (random legal "
                    "orders, for testing); default: each nation's `ai` in the scenario")
RED_POLICY_HELP = ("the computer's policy for every trafficker: adaptive, fixed (never "
                   "reroutes), or random (for testing); default: each trafficker's `ai`")


def resolve_scenario_path(name: str | None) -> str:
    """Accept a path, or a bare scenario id like `caribbean` found in `scenarios/`."""
    from game.scenario import find_scenario

    return find_scenario(name or DEFAULT_SCENARIO)


def _seed(text: str) -> int:
    try:
        value = int(text, 0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a seed is a whole number, not {text!r}") from None
    if value < 0 or value >= 2**63:
        raise argparse.ArgumentTypeError("a seed is between 0 and 2**63-1")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("expected a number of at least 1")
    return value


MAX_RUNS = 100_000  # games in one batch (about two hours on this machine's caribbean)


def _runs(text: str) -> int:
    value = _positive(text)
    if value > MAX_RUNS:
        raise argparse.ArgumentTypeError(
            f"at most {MAX_RUNS:,} games in one batch (split a longer study with --seed)")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interdict",
        description="Interdict: a tabletop exercise about counter-narcotics cooperation.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check scenario files and report every error")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--quiet", "-q", action="store_true", help="print only errors and warnings")

    sub.add_parser("schema", help="print the scenario JSON Schema")

    p = sub.add_parser("run", help="play one whole game headless and print a per-turn summary")
    p.add_argument("scenario", metavar="SCENARIO", help="a scenario file or id (e.g. caribbean)")
    p.add_argument("--seed", type=_seed)
    p.add_argument("--turns", type=_positive)
    p.add_argument("--orders", metavar="FILE", help="standing orders (YAML or JSON)")
    p.add_argument("--blue", metavar="POLICY", help=BLUE_POLICY_HELP)
    p.add_argument("--red", metavar="POLICY", help=RED_POLICY_HELP)
    p.add_argument("--out", metavar="FILE", help="write the JSON report here")
    p.add_argument("--save", metavar="FILE", help="write a save (replayable in the UI)")
    p.add_argument("--quiet", "-q", action="store_true")

    p = sub.add_parser("batch", help="run many games and summarise the outcomes")
    p.add_argument("scenario", metavar="SCENARIO")
    p.add_argument("--runs", type=_runs, default=100)
    p.add_argument("--seed", type=_seed, help="first seed (seeds are SEED..SEED+RUNS-1)")
    p.add_argument("--turns", type=_positive)
    p.add_argument("--orders", metavar="FILE", help="standing orders (YAML or JSON)")
    p.add_argument("--blue", metavar="POLICY", help=BLUE_POLICY_HELP)
    p.add_argument("--red", metavar="POLICY", help=RED_POLICY_HELP)
    p.add_argument("--jobs", type=_positive, help="worker processes (default: all cores)")
    p.add_argument("--out", metavar="FILE", help="write the JSON summary here")

    p = sub.add_parser("replay", help="re-run a save from its seed and orders")
    p.add_argument("save", metavar="SAVE")
    p.add_argument("--verify", action="store_true", help="exit 1 on any divergence")
    p.add_argument("--branch", type=int, metavar="TURN",
                   help="write a new game that resumes after TURN (with --out; the save is untouched)")
    p.add_argument("--out", metavar="FILE", help="the new save written by --branch")

    p = sub.add_parser("report", help="write the after-action report (HTML + CSV)")
    p.add_argument("saves", nargs="+", metavar="SAVE")
    p.add_argument("--out", metavar="DIR", default=None)
    p.add_argument("--for-students", action="store_true",
                   help="the students' copy: without the events' expected actions, the "
                        "white cell's actions and reasons and confidential injects; written "
                        "as report-for-students.html and turns-for-students.csv, never over "
                        "the instructor's files")

    p = sub.add_parser("play", help="open the game window")
    p.add_argument("scenario", nargs="?", metavar="SCENARIO", help="file or id; default: tutorial")
    p.add_argument("--load", metavar="SAVE", help="open a save")
    p.add_argument("--seed", type=_seed)
    p.add_argument("--demo", action="store_true", help="every seat on AI")
    p.add_argument("--turns", type=_positive,
                   help="end the game after N turns (a class shorter than the scenario)")
    p.add_argument("--screenshot", metavar="FILE", help="save the final frame and exit")
    p.add_argument("--instructor", action="store_true", help="white-cell controls and true flows")
    p.add_argument("--size", metavar="WxH", default="1280x800")
    p.add_argument("--fullscreen", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if sys.stdout is None:  # started with its output closed (`>&-`): nothing to show
        sys.stdout = open(os.devnull, "w", encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    try:
        if args.command in ("run", "batch") or (args.command == "play" and not args.load):
            args.scenario = resolve_scenario_path(args.scenario)
        module = importlib.import_module(COMMANDS[args.command])
        handler = getattr(module, f"cmd_{args.command}")
        code = int(handler(args) or 0)
        sys.stdout.flush()  # now, where a full disk is a message, not at exit
        return code
    except InterdictError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interdict: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except OSError as exc:
        if exc.filename is not None or exc.errno not in _OUTPUT_ERRORS:
            return _internal_error(args, exc)
        _quiet_stdout()
        print(f"interdict: cannot write the output: {exc.strerror or exc}. Files the command "
              "wrote are complete; nothing was overwritten.", file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback for a user
        return _internal_error(args, exc)


# errors writing the standard output (a full disk, a closed or broken stream)
_OUTPUT_ERRORS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EIO,
                  errno.EBADF, errno.EPIPE}


def _quiet_stdout() -> None:
    """Drop what could not be written, so that the exit's flush does not fail again."""
    try:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")
    except OSError:
        pass


def _internal_error(args: argparse.Namespace, exc: Exception) -> int:
    if args.debug:
        raise exc
    print(
        f"interdict: internal error: {type(exc).__name__}: {exc}\n"
        "Nothing was overwritten. Run again with --debug and report the output.",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
