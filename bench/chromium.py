"""Debian's Chromium, as the browser tests and the search benchmark start it."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Without these, Chromium tries to reach Google's services at start; we talk only to 127.0.0.1.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
