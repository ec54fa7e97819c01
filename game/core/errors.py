"""The one exception family a user may see. Its message is the whole story: the CLI and
the UI print it as it is, without a traceback."""


class InterdictError(Exception):
    """An error with a message written for the person at the keyboard."""

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = list(details or [])

    def lines(self) -> list[str]:
        return [str(self), *self.details] if str(self) else list(self.details)
