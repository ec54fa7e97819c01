"""Located messages about a scenario file, and the error that carries them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.core.errors import InterdictError

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int  # 1-based
    col: int  # 1-based
    severity: Severity
    message: str

    def __post_init__(self) -> None:
        # one diagnostic, one line: control characters from the file are shown escaped
        if any(ch < " " or ch == "\x7f" for ch in self.message):
            clean = "".join(
                ch if ch >= " " and ch != "\x7f" else ch.encode("unicode_escape").decode()
                for ch in self.message
            )
            object.__setattr__(self, "message", clean)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ScenarioError(InterdictError):
    """A scenario that cannot be loaded. `diagnostics` holds every error (and warning) found;
    `lines()` gives them formatted as `file:line:col: error: message`."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        formatted = [str(d) for d in self.diagnostics]
        super().__init__("\n".join(formatted))
        self._formatted = formatted

    def lines(self) -> list[str]:
        return list(self._formatted)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]
