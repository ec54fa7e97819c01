"""`interdict validate FILE...` and `interdict schema`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from game.scenario.diagnostics import Diagnostic
from game.scenario.loader import check_file, find_scenario, looks_like_path, scenario_files
from game.scenario.validate import suggest


def _expand(files: list[str]) -> list[tuple[str, list[Diagnostic] | None]]:
    """Expand folders into their .yaml/.yml files (sorted); a folder without any becomes an
    error line instead."""
    out: list[tuple[str, list[Diagnostic] | None]] = []
    for name in files:
        p = Path(name)
        try:
            is_dir = p.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            try:
                found = sorted(str(f) for f in p.iterdir()
                               if f.suffix in (".yaml", ".yml") and f.is_file())
            except OSError as exc:
                found = []
                out.append((name, [Diagnostic(name, 1, 1, "error",
                                              f"cannot list the folder: {exc.strerror or exc}")]))
                continue
            if not found:
                out.append((name, [Diagnostic(name, 1, 1, "error",
                                              "this folder holds no .yaml scenario files")]))
            out.extend((f, None) for f in found)
        elif not looks_like_path(name):  # a bare id, as `interdict run caribbean` takes
            found_id = find_scenario(name)
            if found_id != name:
                out.append((_shown(Path(found_id)), None))
            else:
                ids = [f.stem for f in scenario_files()]
                hint = suggest(name, ids)
                more = (f"did you mean '{hint}'?" if hint else
                        f"scenario ids: {', '.join(ids) or 'none found'}")
                out.append((name, [Diagnostic(
                    name, 1, 1, "error", "no such file, and no shipped scenario has this id: "
                    f"name a .yaml file or a scenario id ({more})")]))
        else:
            out.append((name, None))
    return out


def _shown(path: Path) -> str:
    """A shipped scenario's path as the user would type it: relative to the working folder
    when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def cmd_validate(args: Any) -> int:
    quiet = bool(getattr(args, "quiet", False))
    failed = False
    for name, preset in _expand(list(args.files)):
        if preset is not None:
            diags = preset
            scenario = None
        else:
            scenario, diags = check_file(name)
        errors = [d for d in diags if d.is_error]
        if errors or scenario is None:
            failed = True
        elif not quiet:
            print(f"OK {name}")
        for d in diags:
            print(str(d))
    sys.stdout.flush()
    return 1 if failed else 0


def cmd_schema(args: Any) -> int:
    from game.scenario.schema import build_schema

    print(json.dumps(build_schema(), indent=2, ensure_ascii=False))
    return 0
