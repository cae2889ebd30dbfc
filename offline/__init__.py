"""The library as a folder that works with no server and no network. The offline copy is laid
out by the plugins that wrote each part of the site, so plugins/ is importable."""

import sys
from pathlib import Path

PLUGINS = str(Path(__file__).resolve().parent.parent / "plugins")
if PLUGINS not in sys.path:
    sys.path.insert(0, PLUGINS)
