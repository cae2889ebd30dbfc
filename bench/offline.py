"""Benchmark of the offline library on the demo: the zip's size against the PDFs it holds, and
what `invoke zip` (a build, then the zip) takes against `invoke build`, caches warm."""

import statistics
import tempfile
import time
from pathlib import Path

from offline.archive import write_zip
from tasks import build_site

from . import markdown_table

KINDS = ["PDFs", "pages", "search index", "assets", "zip records"]


def measure(runs: int) -> dict:
    """`invoke zip` runs the very build `invoke build` runs, then writes the zip: the build's time
    is the median of every build, and the zip adds the median time of writing it."""
    builds, zipping = [], []
    # Every build writes to the same disk, so that only what is done differs.
    with tempfile.TemporaryDirectory() as folder:
        site, target = Path(folder) / "site", Path(folder) / "library.zip"
        build_site(site)  # fills the caches, so that every timed build is alike
        for _ in range(runs):  # interleaved, so that the machine's moods fall on both alike
            builds.append(_seconds(build_site, Path(folder) / "output"))
            builds.append(_seconds(build_site, site))
            zipping.append(_seconds(write_zip, site, target))
        sizes = write_zip(site, target)
        pdfs = sum(path.stat().st_size for path in (site / "pdf").rglob("*.pdf"))
    return {
        "runs": runs,
        "pdf_bytes": pdfs,
        "zip_bytes": sizes.pop("total"),
        "zip_bytes_by_kind": sizes,
        "build_s": statistics.median(builds),
        "writing_zip_s": statistics.median(zipping),
    }


def _seconds(function, *arguments) -> float:
    started = time.perf_counter()
    function(*arguments)
    return time.perf_counter() - started


def table(results: dict) -> str:
    r = results
    offline = r["build_s"] + r["writing_zip_s"]
    rows = [
        ("PDFs of the demo library", _mb(r["pdf_bytes"]), ""),
        ("Its zip (`invoke zip`)", _mb(r["zip_bytes"]), _mb(r["pdf_bytes"] * 1.25)),
        ("Zip over PDFs", f"{r['zip_bytes'] / r['pdf_bytes'] - 1:+.0%}", "≤ +25%"),
    ]
    rows += [(f"… of which {kind}", _mb(r["zip_bytes_by_kind"][kind]), "") for kind in KINDS]
    rows += [
        ("`invoke build`, caches warm", f"{r['build_s']:.2f} s", ""),
        ("Writing the zip", f"{r['writing_zip_s']:.2f} s", ""),
        ("`invoke zip`: the same build, then the zip", f"{offline:.2f} s", ""),
        ("Added by the offline build", f"{offline / r['build_s'] - 1:+.0%}", "≤ +10%"),
    ]
    return markdown_table(rows, "figure")


def _mb(size: float) -> str:
    return f"{size / 1e6:.2f} MB"
