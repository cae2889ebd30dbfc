"""Benchmark of covers: `invoke bench --part covers`.

On the demo library and on the synthetic one, builds as `invoke build` builds (every plugin):
- cold (every cache empty): the build's time and the covers step's own time (what its
  `last-build.json` says: the cache, rendering on every core, the images copied into the site),
  against the rest of the build, which is the same build without covers;
- warm (nothing changed): the PDFs the covers step opens, and its time;
- the images' bytes, and the offline zip of the site against the zip of the same site built
  without the covers plugin (its pages show placeholders instead).
"""

import json
import statistics
import tempfile
import time
from pathlib import Path

from offline.archive import write_zip
from pelicanconf import PLUGINS
from tasks import ROOT, build_site

from . import markdown_table
from .synthetic_library import library

CACHES = {
    "PDF_TEXT_CACHE_PATH": "pdf-text",
    "COVERS_CACHE_PATH": "covers",
    "TAXONOMY_CACHE_PATH": "taxonomy",
    "SEARCH_CACHE_PATH": "search",
}


def measure(runs: int, count: int, seed: int, folder: Path) -> dict:
    facts = library(folder, count, seed)
    return {
        "runs": runs,
        "publications": count,
        "pages": facts["pages"],
        "demo": measure_library(ROOT, runs),
        "synthetic": measure_library(folder, runs),
    }


def measure_library(project: Path, runs: int) -> dict:
    # Caches of their own in a scratch folder: the project's caches are left as they are.
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        cold = [timed_build(project, scratch / f"cold-{n}", scratch / "site") for n in range(runs)]
        caches = scratch / f"cold-{runs - 1}"
        warm = [timed_build(project, caches, scratch / "site") for _ in range(runs)]
        images = [p.stat().st_size for p in (scratch / "site" / "covers").rglob("*.webp")]
        with_covers = write_zip(scratch / "site", scratch / "with.zip")["total"]
        without = [name for name in PLUGINS if name != "covers"]
        build_site(scratch / "plain", project=project, extra=_settings(caches, PLUGINS=without))
        without_covers = write_zip(scratch / "plain", scratch / "without.zip")["total"]
    covers = [c["covers"] for c in cold]
    return {
        "pdfs": covers[0]["files"],
        "workers": covers[0]["workers"],
        "cold_build_s": statistics.median(c["seconds"] for c in cold),
        "cold_covers_s": statistics.median(c["seconds"] for c in covers),
        "cold_rest_s": statistics.median(c["seconds"] - c["covers"]["seconds"] for c in cold),
        "warm_covers_s": statistics.median(w["covers"]["seconds"] for w in warm),
        "warm_pdfs_opened": max(w["covers"]["rendered_files"] for w in warm),
        "images": len(images),
        "image_bytes": sum(images),
        "zip_bytes_with_covers": with_covers,
        "zip_bytes_without_covers": without_covers,
    }


def timed_build(project: Path, caches: Path, site: Path) -> dict:
    started = time.perf_counter()
    build_site(site, project=project, extra=_settings(caches))
    seconds = time.perf_counter() - started
    covers = json.loads((caches / "covers" / "last-build.json").read_text())
    return {"seconds": seconds, "covers": covers}


def _settings(caches: Path, **more) -> dict:
    return {setting: str(caches / name) for setting, name in CACHES.items()} | more


def table(results: dict) -> str:
    demo, synthetic = results["demo"], results["synthetic"]
    both = (demo, synthetic)
    rows = [
        ("PDFs", *(f"{r['pdfs']:,}" for r in both), ""),
        ("Cold build (every cache empty)", *(_s(r["cold_build_s"]) for r in both), ""),
        ("… of which covers", *(_covers(r) for r in both), ""),
        ("Covers against the rest of the cold build", *(_share(r) for r in both), "≤ +15%"),
        ("Warm build: covers step", *(_warm(r) for r in both), "no PDF opened"),
        ("Cover images (160 and 320 px)", *(_images(r) for r in both), ""),
        ("Zip with covers, against without", *(_zip(r) for r in both), ""),
    ]
    return markdown_table(rows, "demo library", "synthetic library")


def _covers(r: dict) -> str:
    return f"{_s(r['cold_covers_s'])} ({r['pdfs'] / r['cold_covers_s']:.0f} PDFs/s)"


def _share(r: dict) -> str:
    return f"{r['cold_covers_s'] / r['cold_rest_s']:+.1%} of {_s(r['cold_rest_s'])}"


def _warm(r: dict) -> str:
    return f"{_s(r['warm_covers_s'])}, {r['warm_pdfs_opened']} PDFs opened"


def _images(r: dict) -> str:
    each = r["image_bytes"] / r["pdfs"] / 1e3
    return f"{r['images']:,} files, {_mb(r['image_bytes'])} ({each:.1f} kB a PDF)"


def _zip(r: dict) -> str:
    added = r["zip_bytes_with_covers"] - r["zip_bytes_without_covers"]
    return f"{_mb(added)} ({added / r['zip_bytes_without_covers']:+.1%})"


def _mb(size: float) -> str:
    return f"{size / 1e6:.2f} MB"


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"
