"""Headless games: `interdict run` and `interdict batch`."""

from __future__ import annotations

import math
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from game.ai.session import Game, Seat, default_seats
from game.core.errors import InterdictError
from game.core.model import Scenario
from game.core.network import LOAD_TONS, compiled
from game.core.numbers import sum_in_order
from game.core.report import TurnReport
from game.persistence.objective_text import describe_objective, metric_text, scope_name

TURN_KEYS = ("turn", "produced", "shipped", "seized", "delivered", "detected",
             "baseline_delivered", "hindsight_seizable", "events", "leaks", "by_route",
             "by_nation", "by_alliance")


def _load(path: str) -> Scenario:
    from game.scenario import load_scenario, looks_like_path, scenario_files

    if not looks_like_path(path):
        known = ", ".join(p.stem for p in scenario_files()) or "none found"
        raise InterdictError(f"{path}: no such scenario file or scenario id "
                             f"(scenario ids: {known})")
    return load_scenario(path)


def _scenario_with_turns(sc: Scenario, turns: int | None) -> Scenario:
    if turns is None or turns == sc.turns:
        return sc
    if turns > sc.turns:
        raise InterdictError(
            f"--turns {turns}: scenario {sc.id} lasts {sc.turns} {sc.turn_label.lower()}s; "
            f"choose a number from 1 to {sc.turns}")
    from dataclasses import replace

    return replace(sc, turns=int(turns))


def _seats(sc: Scenario, blue: str | None, red: str | None) -> dict[str, Seat]:
    return default_seats(sc, blue, red)


def _standing(sc: Scenario, path: str | None, blue: str | None = None,
              red: str | None = None, seed: int | None = None) -> dict[str, Any]:
    """The standing orders of `path`. Illegal ones are errors too, one `file:line:col` line
    per reason, judged on the first turn with every side's orders of that turn: the file's,
    and the computer's for the others (a host's grant of access counts, from either)."""
    if not path:
        return {}
    from game.scenario.orders_file import load_orders_file

    orders = load_orders_file(path, sc)
    first = new_game(sc, seed, blue, red, orders, baseline=False)  # the game to be played
    return load_orders_file(path, sc, state=first.state, turn_orders=first.collect_orders())


def new_game(sc: Scenario, seed: int | None, blue: str | None, red: str | None,
             standing: dict[str, Any], baseline: bool = True) -> Game:
    game = Game.new(sc, seed, _seats(sc, blue, red), baseline=baseline)
    for side, o in standing.items():
        game.set_standing(side, o)
    return game


def play_game(game: Game) -> np.ndarray:
    """Play `game` to its end; returns the tons each trafficker path shipped over the turns
    played here (for `corridor_tons`)."""
    net = compiled(game.scenario)
    tons = np.zeros(net.n_paths)
    while not game.is_over:
        game.end_turn()
        tons += game.state.last_path_flow * LOAD_TONS
    return tons


def corridor_tons(sc: Scenario, path_tons: np.ndarray) -> dict[str, float]:
    """Tons shipped per set of corridors a shipment passed through: {"a+b": tons}, the
    corridors' ids sorted and joined by "+", "" for shipments that passed through none."""
    net = compiled(sc)
    labels = [r.corridor for r in sc.routes.values()]
    out: dict[str, float] = {}
    for p, t in enumerate(path_tons.tolist()):
        if t <= 0:
            continue
        key = "+".join(sorted({labels[r] for r in net.p_routes[p].tolist()
                               if r >= 0 and labels[r]}))
        out[key] = out.get(key, 0.0) + t
    return out


NO_CORRIDOR = "(none)"  # batch summary: the shipments that passed through no named corridor


def through_share(results: list[dict], corridors: Iterable[str]) -> float:
    """The share of the tons the games shipped that passed through at least one of
    `corridors` (of `game_summary`'s "corridors")."""
    want = set(corridors)
    through = total = 0.0
    for r in results:
        for key, t in r["corridors"].items():
            total += t
            if want & set(key.split("+")):
                through += t
    return through / total if total else 0.0


def report_json(game: Game) -> dict:
    turns = []
    for rec in game.history:
        d = rec.report.to_data()
        turns.append(d)
    objectives = {k: {"met": v["met"], "value": v["value"]} for k, v in game.objectives().items()}
    return {"scenario": game.scenario.id, "seed": game.seed, "turns": turns,
            "objectives": objectives}


def _fmt_pct(x: float | None) -> str:
    return "   -" if x is None else f"{100 * x:3.0f}%"


def print_table(game: Game, out=None) -> None:
    out = out or sys.stdout
    sc = game.scenario
    print(f"{sc.title} - seed {game.seed}, {len(game.history)} {sc.turn_label.lower()}s", file=out)
    head = (f"{sc.turn_label[:5]:>5} {'prod':>6} {'shipped':>7} {'seized':>6} {'deliv':>6} "
            f"{'detect':>6} {'baseln':>6} {'reduct':>6} {'hind':>5} {'leaks':>5}  events")
    print(head, file=out)
    for rec in game.history:
        r: TurnReport = rec.report
        base = r.baseline_delivered
        print(f"{r.turn:>5} {r.produced:6.1f} {r.shipped:7.1f} {r.seized:6.1f} {r.delivered:6.1f} "
              f"{r.detected:6.1f} {'-' if base is None else f'{base:.1f}':>6} "
              f"{_fmt_pct(r.delivered_reduction):>6} {_fmt_pct(r.hindsight_ratio):>5} "
              f"{len(r.leaks):5d}  {', '.join(r.events)}", file=out)
        for rej in r.rejected:
            print(f"      rejected orders of {rej['side']}: {rej['reasons'][0]}", file=out)
    tot = {k: sum(getattr(rec.report, k) for rec in game.history)
           for k in ("shipped", "seized", "delivered", "detected")}
    share = tot["seized"] / tot["shipped"] if tot["shipped"] else 0.0
    print(f"Total: shipped {tot['shipped']:.1f} t, seized {tot['seized']:.1f} t ({100 * share:.1f}%), "
          f"delivered {tot['delivered']:.1f} t, detected {tot['detected']:.1f} t", file=out)
    print("(tons per turn; baseln: delivered with no Blue action; reduct: fewer tons delivered"
          " than that, so far;\n hind: expected seizures against the best placement of the same"
          " assets)", file=out)
    print("Objectives:", file=out)
    for oid, res in game.objectives().items():
        ob = sc.objectives[oid]
        told = describe_objective(ob, res, sc).sentence
        print(f"  [{'x' if res['met'] else ' '}] {oid}: {ob.text} ({told})", file=out)


def save_hook(game: Game, path: str) -> None:
    """`--save FILE`: provided by game.persistence (docs/saves.md)."""
    try:
        from game.persistence import games as games_mod  # type: ignore[attr-defined]
    except ImportError:
        raise InterdictError("--save is not available in this version") from None
    writer = getattr(games_mod, "save_headless", None) or getattr(games_mod, "save_game", None)
    if writer is None:
        raise InterdictError("--save is not available in this version")
    writer(game, path)


# the keys every report of `interdict run` / `batch` has: an existing --out file without
# them is someone's other file, never replaced
REPORT_KEYS = {"run": {"scenario", "seed", "turns", "objectives"},
               "batch": {"runs", "metrics", "objectives"}}
MAX_REPORT_BYTES = 256_000_000


def _other_file(p: Path, command: str) -> str | None:
    """What the existing file `p` is, if it is not a report `interdict <command>` wrote
    (None: it is one, or empty, so --out may replace it)."""
    import json

    try:
        size = p.stat().st_size
        if size == 0:
            return None
        if size > MAX_REPORT_BYTES:
            return "a large file"
        data = json.loads(p.read_bytes())
    except (OSError, ValueError):
        return ("a scenario or orders file" if p.suffix.lower() in (".yaml", ".yml")
                else "not a report")
    if isinstance(data, dict) and (data.get("format") == "interdict-save"
                                   or "interdict_save" in data):
        return "an Interdict save"
    if isinstance(data, dict) and REPORT_KEYS[command] <= set(data):
        return None
    other = next((c for c, keys in REPORT_KEYS.items()
                  if c != command and isinstance(data, dict) and keys <= set(data)), None)
    return f"a report of `interdict {other}`" if other else "not a report"


def check_out_path(path: str, option: str = "--out", command: str | None = None) -> None:
    """Fail before a long run when `path` cannot be written: its folder must exist and be
    writable, and the path must not be a folder. `command` ("run" or "batch"): an existing
    file must be an earlier report of that command (or empty), never a save, a scenario or
    anything else, which would be lost. A terminal, pipe or device (`/dev/stdout`) is
    written into as it is."""
    try:
        _check_out_path(Path(path), path, option, command)
    except OSError as exc:  # a name too long to look up, a loop of links...
        raise InterdictError(f"{option} {path}: cannot use this name "
                             f"({exc.strerror or exc}); choose another path") from None


def _check_out_path(p: Path, path: str, option: str, command: str | None) -> None:
    from game.persistence.files import write_target

    real = write_target(p)
    if real is None:
        return  # a terminal, pipe or device: nothing of ours is replaced
    p = real  # (through a link, the file it names)
    folder = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise InterdictError(f"{option} {path}: this is a folder; name a file inside it")
    if command is not None and p.is_file():
        what = _other_file(p, command)
        if what is not None:
            kind = what if what != "not a report" else "something else"
            raise InterdictError(
                f"{option} {path}: the file exists and is {kind}, not a report of `interdict "
                f"{command}`, so it is left as it is. Choose another file name (or delete "
                "that file first).")
    if not folder.exists():
        raise InterdictError(f"{option} {path}: the folder {folder} does not exist; "
                             "create it first or choose another path")
    if not folder.is_dir():
        raise InterdictError(f"{option} {path}: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InterdictError(f"{option} {path}: the folder {folder} is not writable; "
                             "choose another path")


def write_out(path: str, data: dict, option: str = "--out") -> None:
    from game.persistence.files import write_json_atomic

    try:
        write_json_atomic(path, data)
    except InterdictError:
        raise  # persistence's WriteError already says what failed and what to do
    except OSError as exc:
        raise InterdictError(f"{option} {path}: cannot write the file "
                             f"({exc.strerror or exc}); choose another path") from None


def cmd_run(args: Any) -> int:
    from game.persistence.games import check_save_target

    out, save = getattr(args, "out", None), getattr(args, "save", None)
    if out:
        check_out_path(out, command="run")
    if save:  # the same checks as --out, before a game is played
        check_out_path(save, "--save")
    if out and save and Path(out).resolve() == Path(save).resolve():
        raise InterdictError(f"--out and --save both name {out}: give the report and the "
                             "save different files")
    sc = _scenario_with_turns(_load(args.scenario), getattr(args, "turns", None))
    if save:
        check_save_target(save, sc.id)
    standing = _standing(sc, getattr(args, "orders", None), getattr(args, "blue", None),
                         getattr(args, "red", None), getattr(args, "seed", None))
    game = new_game(sc, getattr(args, "seed", None), getattr(args, "blue", None),
                    getattr(args, "red", None), standing)
    play_game(game)
    if not getattr(args, "quiet", False):
        print_table(game)
    if getattr(args, "out", None):
        write_out(args.out, report_json(game))
        if not getattr(args, "quiet", False):
            print(f"Report written to {args.out}")
    if getattr(args, "save", None):
        replaced = Path(args.save).exists()
        save_hook(game, args.save)
        if not getattr(args, "quiet", False):
            print(f"Save written to {args.save}" + (
                " (it replaced an earlier computer-only game of this scenario)" if replaced
                else ""))
    return 0


# ---------------------------------------------------------------------------------- batch

_WORKER: dict[str, Any] = {}


def _init_worker(path: str, turns: int | None, blue, red, orders_path,
                 baseline: bool = True, seed: int | None = None) -> None:
    args = (path, turns, blue, red, orders_path, baseline, seed)
    sc = _scenario_with_turns(_load(path), turns)
    _WORKER.update(sc=sc, blue=blue, red=red, baseline=baseline,
                   standing=_standing(sc, orders_path, blue, red, seed), args=args)


def _init_pool_worker(*args) -> None:
    """A worker process: Ctrl-C is the parent's to handle (it stops the pool), so workers
    ignore it instead of each printing a traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _WORKER.get("args") != args:  # a forked worker has the parent's scenario already
        _init_worker(*args)


def game_summary(game: Game, path_tons: np.ndarray | None = None) -> dict:
    """One game's figures for `batch`; `path_tons` (from `play_game`) gives the tons by
    corridor."""
    reps = [r.report for r in game.history]
    add = sum_in_order  # turn by turn, left to right, on every Python version

    def total(key: str) -> float:
        return add(getattr(r, key) for r in reps)

    return _summary(
        game.scenario, game.seed,
        shipped=total("shipped"), seized=total("seized"), delivered=total("delivered"),
        detected=total("detected"), base=add((r.baseline_delivered or 0.0) for r in reps),
        hs=total("hindsight_seizable"), he=total("hindsight_expected"),
        leaks=float(sum(len(r.leaks) for r in reps)),
        rejected=float(sum(len(r.rejected) for r in reps)),
        objectives=game.objectives(), path_tons=path_tons,
        traffickers={tid: {k: add(r.by_trafficker.get(tid, {}).get(k, 0.0) for r in reps)
                           for k in ("shipped", "delivered")}
                     for tid in game.scenario.traffickers})


def _summary(sc: Scenario, seed: int, *, shipped: float, seized: float, delivered: float,
             detected: float, base: float, hs: float, he: float, leaks: float, rejected: float,
             objectives: dict, path_tons: np.ndarray | None, traffickers: dict) -> dict:
    """A game's `batch` figures from its sums over the turns (played alone or in lockstep)."""
    corridors = (corridor_tons(sc, path_tons) if path_tons is not None
                 and any(rt.corridor for rt in sc.routes.values()) else {})
    return {
        "seed": seed,
        "metrics": {
            "shipped": shipped, "seized": seized, "delivered": delivered, "detected": detected,
            "baseline_delivered": base,
            "seized_share": seized / shipped if shipped else 0.0,
            "detected_per_seized": detected / seized if seized else 0.0,
            "delivered_reduction": 1.0 - delivered / base if base else 0.0,
            "hindsight_ratio": min(1.0, he / hs) if hs else 0.0,
            "leaks": leaks,
            "rejected": rejected,
        },
        "corridors": corridors,
        "objectives": {k: bool(v["met"]) for k, v in objectives.items()},
        "objective_values": {k: (float(v["value"]) if v.get("value") is not None else math.nan)
                             for k, v in objectives.items()},
        "traffickers": traffickers,
    }


def _lockstep_summaries(sc: Scenario, seeds: list[int], blue, red, baseline: bool,
                        each_turn=None) -> list[dict]:
    """`game_summary` of each seed's game, the games played in lockstep (`each_turn(k)` is
    called after the k-th turn of all of them)."""
    from game.ai.lockstep_batch import play_lockstep

    return [_summary(sc, t.seed, shipped=t.shipped, seized=t.seized, delivered=t.delivered,
                     detected=t.detected, base=t.baseline_delivered, hs=t.hindsight_seizable,
                     he=t.hindsight_expected, leaks=t.leaks, rejected=0.0,
                     objectives=t.objectives, path_tons=t.path_tons, traffickers=t.traffickers)
            for t in play_lockstep(sc, seeds, blue, red, baseline, each_turn)]


def _run_chunk(seeds: list[int], each_turn=None) -> list[dict]:
    w = _WORKER
    return _lockstep_summaries(w["sc"], seeds, w["blue"], w["red"], w["baseline"], each_turn)


def _run_seed(seed: int) -> dict:
    w = _WORKER
    game = new_game(w["sc"], seed, w["blue"], w["red"], w["standing"], w["baseline"])
    return game_summary(game, play_game(game))


def _spread(v: np.ndarray) -> dict[str, float]:
    """The mean and the 5th and 95th percentiles of one figure over the games."""
    return {"mean": float(v.mean()), "p5": float(np.percentile(v, 5)),
            "p95": float(np.percentile(v, 95))}


def summarise(results: list[dict]) -> dict:
    out: dict[str, Any] = {"runs": len(results), "metrics": {}, "objectives": {},
                           "corridor_share": {}}
    if not results:
        return out
    for k in results[0]["metrics"]:
        out["metrics"][k] = _spread(np.array([r["metrics"][k] for r in results], dtype=float))
    out["rejected_games"] = sum(1 for r in results if r["metrics"]["rejected"])
    for k in results[0]["objectives"]:
        out["objectives"][k] = sum(r["objectives"][k] for r in results) / len(results)
    out["objective_values"] = {}
    for k in results[0].get("objective_values", {}):
        v = np.array([r["objective_values"][k] for r in results], dtype=float)
        v = v[~np.isnan(v)]
        if v.size:
            out["objective_values"][k] = _spread(v)
    out["traffickers"] = {
        tid: {k: float(np.mean([r["traffickers"][tid][k] for r in results]))
              for k in ("shipped", "delivered")}
        for tid in results[0].get("traffickers", {})}
    # per corridor: the share of shipped tons that passed through it (a shipment may pass
    # through several, so the shares may add up to more than 100%); NO_CORRIDOR for those
    # that passed through none
    names = sorted({c for r in results for key in r["corridors"] for c in key.split("+")})
    out["corridor_share"] = {c: through_share(results, [c]) for c in names if c}
    if out["corridor_share"] and "" in names:
        out["corridor_share"][NO_CORRIDOR] = through_share(results, [""])
    return out


def _progress(done: int, total: int, start: float) -> None:
    width = 30
    filled = int(width * done / total)
    rate = done / max(time.perf_counter() - start, 1e-9)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                     f"({rate:.0f} games/s)")
    sys.stderr.flush()


LOCKSTEP_GAMES = 100  # games played at once by one process (more saves little, costs memory)


def run_batch(path: str, seeds: list[int], turns=None, blue=None, red=None, orders=None,
              jobs: int | None = None, progress: bool = False,
              baseline: bool = True, lockstep: bool | None = None) -> list[dict]:
    """Play one game per seed (in `jobs` processes) and return each game's summary.
    `baseline=False` skips the no-action shadow games (no baseline metrics, twice as fast).
    The games are played in lockstep (many at once, the same results) when every seat is
    on a policy lockstep implements, no standing orders are given and the network is small
    enough for lockstep to be faster (`lockstep_batch.supported`); `lockstep=False` plays
    them one by one, `lockstep=True` insists on lockstep."""
    jobs = jobs or os.cpu_count() or 1
    start = time.perf_counter()
    _init_worker(path, turns, blue, red, orders, baseline, seeds[0] if seeds else None)  # fail early, here
    from game.ai.lockstep_batch import supported

    can = supported(_WORKER["sc"], blue, red, _WORKER["standing"])
    if lockstep and not can:
        raise ValueError("run_batch(lockstep=True): these seats, standing orders or this "
                         "network are not played in lockstep")
    lockstep = can if lockstep is None else lockstep
    if lockstep:
        per = max(1, min(LOCKSTEP_GAMES, math.ceil(len(seeds) / max(jobs, 1))))
        tasks = [seeds[i:i + per] for i in range(0, len(seeds), per)]
        work, size = _run_chunk, len
    else:
        tasks = seeds
        work, size = _run_seed_list, lambda _s: 1
    results: list[dict] = []
    done = 0
    if jobs <= 1 or len(tasks) < 2 or len(seeds) < 4:
        turns_of = max(_WORKER["sc"].turns, 1)
        for t in tasks:
            if lockstep:  # one process: the bar moves every turn of the chunk's games
                def turn_done(k: int, base: int = done, n: int = len(t)) -> None:
                    if progress:
                        _progress(base + n * k // turns_of, len(seeds), start)

                results.extend(_run_chunk(t, turn_done))
            else:
                results.extend(work(t))
            done += size(t)
            if progress:
                _progress(done, len(seeds), start)
    else:
        import multiprocessing as mp

        ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
        chunk = 1 if lockstep else max(1, math.ceil(len(seeds) / (jobs * 8)))
        with ctx.Pool(jobs, initializer=_init_pool_worker,
                      initargs=(path, turns, blue, red, orders, baseline,
                                seeds[0])) as pool:
            for t, r in zip(tasks, pool.imap(work, tasks, chunksize=chunk)):
                results.extend(r)
                done += size(t)
                if progress:
                    _progress(done, len(seeds), start)
    if progress:
        sys.stderr.write("\n")
    return results


def _run_seed_list(seed: int) -> list[dict]:
    return [_run_seed(seed)]


def cmd_batch(args: Any) -> int:
    if getattr(args, "out", None):
        check_out_path(args.out, command="batch")
    sc = _scenario_with_turns(_load(args.scenario), getattr(args, "turns", None))
    first = sc.seed if getattr(args, "seed", None) is None else int(args.seed)
    if first + int(args.runs) > 2**63:
        raise InterdictError(f"--seed {first} --runs {args.runs}: the games' seeds would pass "
                             "2**63-1, the largest seed; start from a smaller --seed")
    seeds = list(range(first, first + int(args.runs)))
    standing = _standing(sc, getattr(args, "orders", None), getattr(args, "blue", None),
                         getattr(args, "red", None), first)
    import game.ai.lockstep_batch  # noqa: F401  (loaded before the clock starts, as the rest)
    start = time.perf_counter()
    results = run_batch(args.scenario, seeds, getattr(args, "turns", None),
                        getattr(args, "blue", None), getattr(args, "red", None),
                        getattr(args, "orders", None), getattr(args, "jobs", None),
                        progress=sys.stderr.isatty())
    elapsed = time.perf_counter() - start
    summary = summarise(results)
    summary.update(scenario=sc.id, seeds=[seeds[0], seeds[-1]], seconds=elapsed)
    print(f"{sc.title}: {len(results)} games, seeds {seeds[0]}..{seeds[-1]} "
          f"({elapsed:.1f} s, {len(results) / max(elapsed, 1e-9):.0f} games/s)")
    print_batch_summary(sc, summary, getattr(args, "blue", None), getattr(args, "red", None),
                        standing=standing)
    if getattr(args, "out", None):
        write_out(args.out, summary)
    return 0


# How `batch` writes each metric of game_summary: (key, label, unit); the JSON keeps the keys.
BATCH_ROWS = (
    ("shipped", "Tons shipped", "t"),
    ("seized", "Tons seized", "t"),
    ("delivered", "Tons delivered", "t"),
    ("baseline_delivered", "Tons delivered with no action", "t"),
    ("detected", "Tons detected", "t"),
    ("seized_share", "Share of shipped tons seized", "%"),
    ("delivered_reduction", "Fewer tons delivered than with no action", "%"),
    ("detected_per_seized", "Tons detected per ton seized", "x"),
    ("hindsight_ratio", "Expected seizures / best placement", "%"),
    ("leaks", "Intelligence leaks", "n"),
)


def _batch_value(v: float, unit: str) -> str:
    if unit == "t":
        return f"{v:,.1f} t"
    if unit == "%":
        return f"{100 * v:.1f}%"
    return f"{v:.2f}"


def seats_line(sc: Scenario, blue: str | None = None, red: str | None = None,
               standing: Iterable[str] = ()) -> str:
    """Who plays the batch: "Blue: standing orders (Spain, Senegal), baseline policy
    (3 nations) · Red: adaptive policy (1 trafficker)"; a policy the scenario gives some
    sides only counts those, and sides with standing orders (--orders) play those."""
    seats = default_seats(sc, blue, red)
    fixed = set(standing)

    def side(ids, noun: str) -> str:
        scripted = [i for i in ids if i in fixed]
        names = [(sc.nations.get(i) or sc.traffickers[i]).name for i in scripted]
        count = Counter(seats[i].policy for i in ids if i not in fixed)
        parts = [f"standing orders ({', '.join(names)})"] if names else []
        parts += [f"{p} policy ({n} {noun}{'s' if n != 1 else ''})" for p, n in count.items()]
        return ", ".join(parts) or "none"

    return f"Blue: {side(sc.nations, 'nation')} · Red: {side(sc.traffickers, 'trafficker')}"


def print_batch_summary(sc: Scenario, summary: dict, blue: str | None = None,
                        red: str | None = None, out=None, standing: Iterable[str] = ()) -> None:
    """The batch table an instructor reads: per game, the mean and the 5th/95th percentiles
    of each headline metric in its unit, the flow by corridor, and each objective's success
    rate beside its target."""
    out = out or sys.stdout
    print(seats_line(sc, blue, red, standing), file=out)
    metrics = summary["metrics"]
    rows = [(label, [_batch_value(metrics[k][q], unit) for q in ("mean", "p5", "p95")])
            for k, label, unit in BATCH_ROWS if k in metrics]
    lw = max((len(label) for label, _ in rows), default=8)
    cw = max([9] + [len(c) for _, cells in rows for c in cells])
    print(f"{f'Per game of {sc.turns} {sc.turn_label.lower()}s':<{lw}}  "
          f"{'mean':>{cw}}  {'5%':>{cw}}  {'95%':>{cw}}", file=out)
    for label, cells in rows:
        print(f"{label:<{lw}}  " + "  ".join(f"{c:>{cw}}" for c in cells), file=out)
    if summary["corridor_share"]:
        shares = sorted(summary["corridor_share"].items(),
                        key=lambda kv: (kv[0] == NO_CORRIDOR, -kv[1]))
        print("Shipments through each corridor (share of the tons shipped; one shipment may "
              "pass through several):", file=out)
        print("  " + ", ".join(f"{'no named corridor' if c == NO_CORRIDOR else c.replace('_', ' ').title()}"
                          f" {100 * v:.0f}%" for c, v in shares), file=out)
    traffickers = summary.get("traffickers") or {}
    if len(traffickers) > 1:
        names = {t: sc.traffickers[t].name if t in sc.traffickers else t for t in traffickers}
        tw = max([len("By trafficker (mean per game)")] + [len(n) + 2 for n in names.values()])
        print(f"{'By trafficker (mean per game)':<{tw}}  {'shipped':>10}  {'delivered':>10}",
              file=out)
        for t, v in traffickers.items():
            print(f"{'  ' + names[t]:<{tw}}  {_batch_value(v['shipped'], 't'):>10}  "
                  f"{_batch_value(v['delivered'], 't'):>10}", file=out)
    if summary["objectives"]:
        print("Objectives: share of games that met each; the result's mean (5% to 95%)",
              file=out)
        ow = max(len(k) for k in summary["objectives"])
        values = summary.get("objective_values") or {}
        for k, v in summary["objectives"].items():
            ob = sc.objectives.get(k)
            line = f"  {k:<{ow}}  {100 * v:5.1f}%"
            if ob is not None:
                t = describe_objective(ob, None, sc)
                whose = scope_name(sc, ob.side)  # the side the objective belongs to
                measure = t.measure.removesuffix(f" ({whose})")  # its own: said once
                if k in values:
                    q = values[k]
                    line += (f"  result {metric_text(ob.metric, q['mean'])} "
                             f"({metric_text(ob.metric, q['p5'])} to "
                             f"{metric_text(ob.metric, q['p95'])}), target {t.target}")
                line += f"\n  {'':<{ow}}  {'':6}  {whose}: {measure}"
            print(line, file=out)
    rejected = summary["metrics"].get("rejected", {}).get("mean", 0.0)
    if rejected:
        games = summary.get("rejected_games", 0)
        print(f"Warning: orders were rejected in {games} of {summary['runs']} games "
              f"({rejected:.3g} a game on average): run one game "
              "(`interdict run SCENARIO --seed N`) to read the reasons", file=out)
