"""Public entry points: read a scenario file or text, validate it, build the model."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from game.core.model import Scenario
from game.scenario.diagnostics import Diagnostic, ScenarioError
from game.scenario.reader import MAX_BYTES, ReadError, decode_utf8, parse_text, read_limited
from game.scenario.validate import check_document

# The only folders besides the scenario's own that a scenario may name files in.
ASSETS_DIR = Path(__file__).resolve().parent.parent.parent / "assets"
SCENARIOS_DIR = ASSETS_DIR.parent / "scenarios"  # the shipped scenarios


def scenario_files(folder: Path = SCENARIOS_DIR) -> list[Path]:
    """The scenario files of `folder` (the shipped ones by default), sorted by name."""
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def looks_like_path(name: str) -> bool:
    """True for an existing file or anything written like a path; False for a bare id."""
    try:
        exists = Path(name).exists()
    except OSError:  # a name too long to look up: a (mistyped) path, not an id
        return True
    return exists or Path(name).suffix in (".yaml", ".yml") or "/" in name or "\\" in name


def find_scenario(name: str) -> str:
    """`name` as given when it is a path; a bare id like `caribbean` becomes the shipped
    file of that id when there is one (else `name` unchanged, for the caller's message)."""
    if looks_like_path(name):
        return name
    candidate = SCENARIOS_DIR / f"{name}.yaml"
    try:
        return str(candidate) if candidate.exists() else name
    except OSError:
        return name


def resolve_inside(name: str, base_dir: Path) -> tuple[Path | None, str | None]:
    """Find a file a scenario names (e.g. briefing_file) inside the scenario's folder or
    assets/. Absolute paths, `..` and links leading outside are refused.
    Returns (path, None) or (None, problem)."""
    if not isinstance(name, str) or not name.strip() or "\x00" in name:
        return None, "expected a file name like briefing.md"
    norm = name.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":") or Path(name).is_absolute():
        return None, (f"'{name}' is an absolute path: name a file in the scenario's folder, "
                      "e.g. briefing.md")
    if ".." in norm.split("/"):
        return None, (f"'{name}' leaves the scenario's folder (..): put the file beside the "
                      "scenario or in assets/")
    roots = [base_dir.resolve(), ASSETS_DIR.resolve()]
    for root in roots:
        candidate = root / norm
        if candidate.exists() or candidate.is_symlink():
            try:
                real = candidate.resolve(strict=True)
            except (OSError, RuntimeError):
                return None, f"'{name}' is a broken link: name a real file"
            if not any(real.is_relative_to(r) for r in roots):
                return None, (f"'{name}' is a link to a file outside the scenario's folder and "
                              "assets/: copy the file here instead")
            return real, None
    return None, f"file '{name}' not found beside the scenario or in assets/: check the name"


# the end of the message for a file a save should hold but does not (persistence checks it)
MISSING_FROM_SAVE = "was not saved with the scenario"


def _text_resolver(base_dir: Path | None, files: Mapping[str, str] | None,
                   read: dict[str, str] | None
                   ) -> Callable[[str], tuple[str | None, str | None]]:
    def resolve(name: str) -> tuple[str | None, str | None]:
        if files is not None and isinstance(name, str) and name in files:
            text = files[name]
        elif base_dir is None:
            return None, f"file '{name}' {MISSING_FROM_SAVE}"
        else:
            path, problem = resolve_inside(name, base_dir)
            if path is None:
                return None, problem
            try:
                text = decode_utf8(read_limited(path, MAX_BYTES))
            except ReadError as exc:
                return None, f"'{name}': {exc.message}"
        if read is not None:
            read[name] = text
        return text, None

    return resolve


def check_text(text: str, name: str = "<text>", base_dir: str | os.PathLike[str] | None = None,
               *, files: Mapping[str, str] | None = None, read: dict[str, str] | None = None
               ) -> tuple[Scenario | None, list[Diagnostic]]:
    """Validate scenario text: (Scenario or None, errors and warnings). Never raises.

    Files the scenario names (briefing_file) come from `files` (name -> text, e.g. kept in a
    save) or else from `base_dir` (the scenario's folder, then assets/); with neither, such
    references are errors. `read`, if given, receives name -> text of every file used, so a
    save can embed exactly what the scenario was loaded with."""
    try:
        if not isinstance(text, str):
            return None, [Diagnostic(name, 1, 1, "error", "scenario text must be a string")]
        try:
            doc = parse_text(text)
        except ReadError as exc:
            return None, [Diagnostic(name, exc.line, exc.col, "error", exc.message)]
        resolver = None
        if base_dir is not None or files is not None:
            resolver = _text_resolver(Path(base_dir) if base_dir is not None else None,
                                      files, read)
        return check_document(name, doc, resolver)
    except RecursionError:
        return None, [Diagnostic(name, 1, 1, "error", "nested too deeply to check")]
    except Exception as exc:  # never raise: an internal problem becomes a located error
        return None, [Diagnostic(name, 1, 1, "error",
                                 f"internal error while checking ({type(exc).__name__}: "
                                 f"{' '.join(str(exc).split())}); "
                                 "please report this file to the developers")]


def check_file(path: str | os.PathLike[str]) -> tuple[Scenario | None, list[Diagnostic]]:
    """Read and validate a scenario file: (Scenario or None, errors and warnings).
    Never raises, for any input (missing, folder, binary, too big, unreadable...)."""
    name = str(path)
    try:
        text = decode_utf8(read_limited(path))
    except ReadError as exc:
        return None, [Diagnostic(name, exc.line, exc.col, "error", exc.message)]
    except Exception as exc:  # pragma: no cover - defensive
        return None, [Diagnostic(name, 1, 1, "error", f"cannot read the file: {exc}")]
    return check_text(text, name, Path(path).parent)


def _raise_if_errors(scenario: Scenario | None, diags: list[Diagnostic]) -> Scenario:
    if scenario is None or any(d.is_error for d in diags):
        raise ScenarioError(diags)
    return scenario


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Load a scenario file; raise ScenarioError carrying every diagnostic on any error."""
    return _raise_if_errors(*check_file(path))


def load_scenario_text(text: str, name: str = "<text>",
                       base_dir: str | os.PathLike[str] | None = None, *,
                       files: Mapping[str, str] | None = None,
                       read: dict[str, str] | None = None) -> Scenario:
    """Load scenario text (e.g. embedded in a save); raise ScenarioError on any error.
    `files` and `read` as for `check_text`."""
    return _raise_if_errors(*check_text(text, name, base_dir, files=files, read=read))


def load_yaml_data(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> object:
    """Read any small YAML or JSON data file (e.g. standing orders) with the scenario reader's
    protections: size limit checked before reading, UTF-8, safe tags only, no aliases,
    no duplicate keys, bounded depth. Returns plain data (dict, list, str, int, float, bool,
    None); raises InterdictError whose lines are `file:line:col: error: message`."""
    from game.core.errors import InterdictError

    name = str(path)
    try:
        doc = parse_text(decode_utf8(read_limited(path, limit)))
    except ReadError as exc:
        raise InterdictError(f"{name}:{exc.line}:{exc.col}: error: {exc.message}") from None
    if doc.problems:
        lines = [str(Diagnostic(name, line, col, "error", msg))
                 for line, col, msg in sorted(doc.problems)]
        raise InterdictError(lines[0], details=lines[1:])
    return doc.data
