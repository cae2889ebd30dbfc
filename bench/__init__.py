"""Benchmarks (`invoke bench`). They time the plugins' own code, so plugins/ is importable."""

import sys
from pathlib import Path

PLUGINS = str(Path(__file__).resolve().parent.parent / "plugins")
if PLUGINS not in sys.path:
    sys.path.insert(0, PLUGINS)


def markdown_table(rows: list[tuple[str, str, str]], figure: str) -> str:
    """(measure, figure, target) rows as the README's Markdown table."""
    lines = [f"| measure | {figure} | target |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {target} |" for name, value, target in rows]
    return "\n".join(lines)
