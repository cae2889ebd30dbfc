"""Errors reported to editors: each names the file, line, field, bad value and what is valid."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentError:
    path: str
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class ContentErrors(Exception):
    """Raised with every error of a file, so one file's errors are reported together."""

    def __init__(self, errors: list[ContentError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def allowed(values, limit: int = 12) -> str:
    """'a, b, c' or 'a, b, ... (40 in all)' for messages that list the valid values."""
    values = list(values)
    shown = ", ".join(str(v) for v in values[:limit])
    return shown if len(values) <= limit else f"{shown}, ... ({len(values)} in all)"
