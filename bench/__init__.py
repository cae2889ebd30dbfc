"""Benchmarks (`invoke bench`). They time the plugins' own code, so plugins/ is importable."""

import sys
from pathlib import Path

PLUGINS = str(Path(__file__).resolve().parent.parent / "plugins")
if PLUGINS not in sys.path:
    sys.path.insert(0, PLUGINS)
