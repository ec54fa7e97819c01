"""`interdict validate FILE...` and `interdict schema`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from game.scenario.diagnostics import Diagnostic
from game.scenario.loader import check_file


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
        else:
            out.append((name, None))
    return out


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
