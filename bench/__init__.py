"""Benchmarks (`invoke bench`). They time the plugins' own code, so plugins/ is importable."""

import sys
from pathlib import Path

PLUGINS = str(Path(__file__).resolve().parent.parent / "plugins")
if PLUGINS not in sys.path:
    sys.path.insert(0, PLUGINS)


def markdown_table(rows: list[tuple[str, ...]], *figures: str) -> str:
    """(measure, figure..., target) rows as a Markdown table of the maintainer's guide."""
    header = ("measure", *figures, "target")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
