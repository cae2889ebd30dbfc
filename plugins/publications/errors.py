"""Errors reported to editors: each names the file, line, field, bad value and what is valid."""

from dataclasses import dataclass

MAX_MESSAGE = 600  # characters of one message, whatever values it quotes


@dataclass(frozen=True)
class ContentError:
    path: str
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        message = self.message
        if len(message) > MAX_MESSAGE:
            message = message[:MAX_MESSAGE] + "… (cut)"
        return f"{where}:{field} {message}"


class ContentErrors(Exception):
    """Raised with every error of a file, so one file's errors are reported together."""

    def __init__(self, errors: list[ContentError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def quote(value, limit: int = 60) -> str:
    """A value as messages quote it: 'value', or its start and its length when it is long."""
    text = str(value)
    if len(text) <= limit:
        return f"'{text}'"
    return f"'{text[:limit]}…' ({len(text):,} characters)"


def allowed(values, limit: int = 12) -> str:
    """'a, b, c' or 'a, b, ... (40 in all)' for messages that list the valid values."""
    values = list(values)
    shown = ", ".join(str(v) for v in values[:limit])
    return shown if len(values) <= limit else f"{shown}, ... ({len(values)} in all)"
