"""Benchmark of the PDF text step on a synthetic library: `invoke bench`.

Reports medians over repeated runs: cold build (empty cache), warm rebuild with nothing changed,
rebuild after adding one PDF, extraction throughput (per core, and against one process), peak
memory of the build's processes, and poppler's `pdftotext` on the same files as the reference
for what this machine can do.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from pdf_text.extraction import extract
from pypdf import PdfReader

from bench import markdown_table
from bench.synthetic_library import add_publications, library

ROOT = Path(__file__).resolve().parent.parent

SAMPLE_FILES = 48  # files timed one by one, for single-process pypdf and pdftotext


def measure(count: int, runs: int, seed: int, folder: Path) -> dict:
    facts = library(folder, count, seed)
    sample = sample_files(folder / "publications")
    results = {
        "publications": count,
        "pages": facts["pages"],
        "runs": runs,
        "cores": os.cpu_count(),
    }
    results["single_process_pages_per_s"] = median(runs, lambda: pypdf_rate(sample))
    results["pdftotext_pages_per_s"] = median(runs, lambda: pdftotext_rate(sample))
    cold = [cold_build(folder) for _ in range(runs)]
    results["cold_build_s"] = statistics.median(c["seconds"] for c in cold)
    results["cold_pages_per_s"] = statistics.median(c["pages_per_s"] for c in cold)
    results["workers"] = cold[0]["workers"]
    results["peak_memory_mib"] = max(c["peak_mib"] for c in cold)
    warm = [timed_build(folder) for _ in range(runs)]
    results["warm_build_s"] = statistics.median(w["seconds"] for w in warm)
    results["warm_files_read"] = max(w["run"]["read_files"] for w in warm)
    added = [add_one(folder, seed, n) for n in range(runs)]
    results["add_one_build_s"] = statistics.median(a["seconds"] for a in added)
    results["add_one_extraction_s"] = statistics.median(a["extraction_s"] for a in added)
    results["add_one_overhead_s"] = statistics.median(
        a["seconds"] - a["extraction_s"] for a in added
    )
    results["speedup_vs_one_process"] = (
        results["cold_pages_per_s"] / results["single_process_pages_per_s"]
    )
    results["pages_per_s_per_core"] = results["cold_pages_per_s"] / results["workers"]
    return results


def median(runs: int, measure_once) -> float:
    return statistics.median(measure_once() for _ in range(runs))


def sample_files(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*.pdf"))
    return files[:: max(1, len(files) // SAMPLE_FILES)][:SAMPLE_FILES]


def pypdf_rate(files: list[Path]) -> float:
    started, pages = time.perf_counter(), 0
    for path in files:
        pages += extract(path).page_count
    return pages / (time.perf_counter() - started)


def pdftotext_rate(files: list[Path]) -> float:
    if not shutil.which("pdftotext"):
        raise SystemExit("pdftotext is missing: apt-get install poppler-utils")
    pages = sum(len(PdfReader(path).pages) for path in files)
    started = time.perf_counter()
    for path in files:
        subprocess.run(["pdftotext", "-q", str(path), os.devnull], check=True)
    return pages / (time.perf_counter() - started)


def cold_build(folder: Path) -> dict:
    shutil.rmtree(folder / "cache", ignore_errors=True)
    result = timed_build(folder)
    run = result["run"]
    result["pages_per_s"] = run["extracted_pages"] / run["extraction_seconds"]
    result["workers"] = run["workers"]
    return result


def add_one(folder: Path, seed: int, number: int) -> dict:
    """Adds a publication never built before, rebuilds, and takes it away again."""
    slug = f"added-{seed}-{number}"
    add_publications(folder, [slug], seed, workers=1)
    result = timed_build(folder)
    for path in [
        *folder.glob(f"content/publications/{slug}.*"),
        *folder.glob(f"publications/{slug}-*"),
    ]:
        path.unlink()
    result["extraction_s"] = result["run"]["extraction_seconds"]
    return result


def timed_build(folder: Path) -> dict:
    """Builds the project at `folder` as `invoke build` does; times it and samples its memory."""
    with tempfile.TemporaryDirectory(dir=folder) as output:
        # The PDF text step alone: search has its own benchmark (bench/search.py).
        command = [
            sys.executable,
            "-m",
            "pelican",
            "content",
            "-s",
            "pelicanconf.py",
            "-o",
            output,
            "-e",
            'PLUGINS=["pdf_text", "taxonomy", "publications"]',
        ]
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        sampler = MemorySampler(process.pid)
        sampler.start()
        _, errors = process.communicate()
        seconds = time.perf_counter() - started
        sampler.stop()
    if process.returncode != 0:
        raise SystemExit(f"the benchmark build failed:\n{errors.decode()}")
    run = json.loads((folder / "cache" / "pdf-text" / "last-build.json").read_text())
    return {"seconds": seconds, "peak_mib": sampler.peak / 2**20, "run": run}


class MemorySampler(threading.Thread):
    """The largest total resident memory of a process and its descendants, sampled every 0.1 s.
    Pages shared by forked workers are counted in each: an upper bound."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, sum(rss(pid) for pid in tree(self.pid)))
            time.sleep(0.1)

    def stop(self):
        self.running = False
        self.join()


def tree(root: int) -> list[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(
                    (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
                )
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def table(results: dict) -> str:
    r = results
    rows = [
        ("Library", f"{r['publications']:,} publications, {r['pages']:,} pages", ""),
        ("Cold build (empty cache)", f"{r['cold_build_s']:.0f} s", ""),
        (
            "Extraction in the cold build",
            f"{r['cold_pages_per_s']:.0f} pages/s on {r['workers']} processes "
            f"({r['pages_per_s_per_core']:.0f} per core)",
            "",
        ),
        ("pypdf in one process (same code)", f"{r['single_process_pages_per_s']:.0f} pages/s", ""),
        ("Cold build vs one process", f"{r['speedup_vs_one_process']:.2f}×", "≥ 1.8×"),
        ("poppler `pdftotext` (reference)", f"{r['pdftotext_pages_per_s']:.0f} pages/s", ""),
        (
            "Warm rebuild, nothing changed",
            f"{r['warm_build_s']:.1f} s, {r['warm_files_read']} PDFs read",
            "≤ 10 s, no PDF opened",
        ),
        (
            "Rebuild after adding one PDF",
            f"{r['add_one_build_s']:.1f} s = {r['add_one_overhead_s']:.1f} s "
            f"+ {r['add_one_extraction_s']:.1f} s extracting it",
            "≤ 10 s + its extraction",
        ),
        ("Peak memory of the build", f"{r['peak_memory_mib']:.0f} MiB", "≤ 1,024 MiB"),
    ]
    return markdown_table(rows, "median")
