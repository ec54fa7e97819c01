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
