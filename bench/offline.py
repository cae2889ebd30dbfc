"""Benchmark of the offline library, on the demo and on the synthetic library: the zip's size
against the PDFs it holds, and what `invoke zip` (a build, then the zip) takes against
`invoke build`, caches warm."""

import statistics
import tempfile
import time
import zipfile
from pathlib import Path

from offline.archive import sizes, unpacked, write_zip
from tasks import ROOT, build_site

from . import markdown_table
from .synthetic_library import library

KINDS = ["PDFs", "pages", "search index", "assets", "zip records"]


def measure(runs: int, count: int, seed: int, folder: Path) -> dict:
    library(folder, count, seed)
    return {
        "runs": runs,
        "demo": measure_library(ROOT, runs),
        "synthetic": measure_library(folder, runs),
    }


def measure_library(project: Path, runs: int) -> dict:
    """`invoke zip` runs the very build `invoke build` runs, then writes the zip: the build's time
    is the median of every build, and the zip adds the median time of writing it."""
    builds, zipping = [], []
    # Every build writes to the same disk, so that only what is done differs.
    with tempfile.TemporaryDirectory() as folder_path:
        site, target = Path(folder_path) / "site", Path(folder_path) / "library.zip"
        build_site(site, project=project)  # fills the caches, so that every timed build is alike
        for _ in range(runs):  # interleaved, so that the machine's moods fall on both alike
            builds.append(_seconds(build_site, Path(folder_path) / "output", project=project))
            builds.append(_seconds(build_site, site, project=project))
            zipping.append(_seconds(write_zip, site, target))
        found = sizes(target)  # the zip the last run wrote
        folder = unpacked(target)
        searching = offline_search(site, target, Path(folder_path) / "unpacked", runs)
        pdfs = sum(path.stat().st_size for path in (site / "pdf").rglob("*.pdf"))
        search = sum(1 for path in (site / "search").rglob("*") if path.is_file())
    return {
        "pdf_bytes": pdfs,
        "files": folder["files"],
        "unpacked_bytes": folder["bytes"],
        "on_stick_bytes": folder["on_stick"],
        "hosted_search_files": search,
        **searching,
        "zip_bytes": found.pop("total"),
        "zip_bytes_by_kind": found,
        "build_s": statistics.median(builds),
        "writing_zip_s": statistics.median(zipping),
    }


def offline_search(site: Path, target: Path, unpacked_to: Path, runs: int) -> dict:
    """Search in the unpacked zip from `file://`, as a reader of the offline copy searches: each
    query pressed with Enter in a fresh page, then typed with the packs it needs loaded."""
    from playwright.sync_api import sync_playwright

    from .chromium import CHROMIUM, CHROMIUM_ARGS
    from .search import loading, typing
    from .search_queries import SearchIndex, query_set

    zipfile.ZipFile(target).extractall(unpacked_to)
    copy = unpacked_to / target.stem
    index = SearchIndex(site / "whoosh")
    queries = query_set(index)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        found = {**loading(browser, copy, queries), **typing(browser, copy, index, queries, runs)}
        browser.close()
    return {"offline_" + key: value for key, value in found.items()} | {"queries": len(queries)}


def _seconds(function, *arguments, **options) -> float:
    started = time.perf_counter()
    function(*arguments, **options)
    return time.perf_counter() - started


def table(results: dict) -> str:
    demo, synthetic = results["demo"], results["synthetic"]
    rows = [
        ("PDFs", _mb(demo["pdf_bytes"]), _mb(synthetic["pdf_bytes"]), ""),
        ("Zip (`invoke zip`)", _mb(demo["zip_bytes"]), _mb(synthetic["zip_bytes"]), ""),
        ("Zip over PDFs", _share(demo), _share(synthetic), "≤ +25%"),
    ]
    rows += [
        (f"… of which {kind}", *(_mb(r["zip_bytes_by_kind"][kind]) for r in (demo, synthetic)), "")
        for kind in KINDS
    ]
    rows += [
        ("Files in the zip", _n(demo["files"]), _n(synthetic["files"]), "≤ 8,000"),
        (
            "… search index files in the hosted layout",
            _n(demo["hosted_search_files"]),
            _n(synthetic["hosted_search_files"]),
            "",
        ),
        ("Unpacked", _mb(demo["unpacked_bytes"]), _mb(synthetic["unpacked_bytes"]), ""),
        (
            "Enter to results, unpacked copy, cold",
            _ms(demo, "cold_key_to_results"),
            _ms(synthetic, "cold_key_to_results"),
            "p95 ≤ 300 ms",
        ),
        (
            "Typed, packs loaded: pause to results",
            _ms(demo, "typed_live"),
            _ms(synthetic, "typed_live"),
            "p95 ≤ 50 ms",
        ),
        ("Typed = address = `invoke search`", _same(demo), _same(synthetic), "all"),
        ("On a stick with 32 kB clusters", _stick(demo), _stick(synthetic), "≤ 1.3 × unpacked"),
        ("`invoke build`, caches warm", _s(demo["build_s"]), _s(synthetic["build_s"]), ""),
        ("Writing the zip", _s(demo["writing_zip_s"]), _s(synthetic["writing_zip_s"]), ""),
        ("`invoke zip`: the same build, then the zip", _s(_zip_s(demo)), _s(_zip_s(synthetic)), ""),
        ("Added by the offline build", _added(demo), _added(synthetic), "≤ +10% / +40%"),
    ]
    return markdown_table(rows, "demo library", "synthetic library")


def _ms(r: dict, measure: str) -> str:
    median, p95 = r[f"offline_{measure}_ms_median"], r[f"offline_{measure}_ms_p95"]
    return f"median {median:.0f} ms, p95 {p95:.0f} ms"


def _same(r: dict) -> str:
    return f"{r['offline_typed_same']} of {r['queries']}"


def _n(count: int) -> str:
    return f"{count:,}"


def _stick(r: dict) -> str:
    return f"{_mb(r['on_stick_bytes'])} ({r['on_stick_bytes'] / r['unpacked_bytes']:.1f} ×)"


def _zip_s(r: dict) -> float:
    return r["build_s"] + r["writing_zip_s"]


def _added(r: dict) -> str:
    return f"{_zip_s(r) / r['build_s'] - 1:+.0%}"


def _share(r: dict) -> str:
    return f"{r['zip_bytes'] / r['pdf_bytes'] - 1:+.0%}"


def _mb(size: float) -> str:
    return f"{size / 1e6:,.2f} MB" if size < 1e7 else f"{size / 1e6:,.0f} MB"


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"
