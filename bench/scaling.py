"""How a build grows with the library, and what 10,000 publications would take: `invoke bench
--part scaling`.

Synthetic libraries of 1,000 and 3,000 publications (the larger holds the smaller: each
publication is drawn from its own seed), each built with its PDF text and covers cached: with the
search and tag caches empty (the search step's time, from the build's own line; the rest of the
build; the build's peak memory), and with them full (the peak memory of the same build without
indexing). Growth is fitted as time = a·n^k through the two sizes (k = 1: linear). The
projection of a cold build adds the PDF text and cover steps at the rates the other benchmarks
measured (bench/results/), and states its assumptions.
"""

import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import markdown_table
from bench.synthetic_library import library

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1000, 3000)
PROJECTED = 10_000
PROJECTED_CORES = (2, 16, 64)
BUILD_MACHINE_CORES = 2


def measure(runs: int, seed: int, folder: Path) -> dict:
    results = {"runs": runs, "sizes": {}}
    for count in SIZES:
        project = folder / f"library-bench-{count}-{seed}"
        facts = library(project, count, seed)
        builds = [search_build(project, fresh=True) for _ in range(runs)]
        without = search_build(project, fresh=False)
        results["sizes"][str(count)] = {
            "pages": facts["pages"],
            "search_s": statistics.median(b["search_s"] for b in builds),
            "rest_s": statistics.median(b["build_s"] - b["search_s"] for b in builds),
            "peak_mib": statistics.median(b["peak_mib"] for b in builds),
            "peak_without_search_mib": without["peak_mib"],
        }
    small, large = (results["sizes"][str(count)] for count in SIZES)
    results["time_exponent"] = exponent(small["search_s"], large["search_s"])
    results["rest_exponent"] = exponent(small["rest_s"], large["rest_s"])
    results["memory_exponent"] = exponent(
        small["peak_mib"] - small["peak_without_search_mib"],
        large["peak_mib"] - large["peak_without_search_mib"],
    )
    results["projection"] = projection(results, measured())
    return results


def exponent(small: float, large: float) -> float:
    """k of a·n^k through (SIZES[0], small) and (SIZES[1], large)."""
    return math.log(large / small, SIZES[1] / SIZES[0]) if min(small, large) > 0 else math.nan


def at(size: dict, k: float, count: int) -> float:
    return size * (count / SIZES[1]) ** k


def search_build(project: Path, fresh: bool) -> dict:
    """A build of `project` with its PDF text and covers cached; `fresh`: with the search and
    tag caches empty."""
    if fresh:
        shutil.rmtree(project / "cache" / "search", ignore_errors=True)
        shutil.rmtree(project / "cache" / "taxonomy", ignore_errors=True)
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(site)]
    log = project / "build.log"
    started = time.perf_counter()
    with log.open("w") as stream:
        build = subprocess.Popen(command, cwd=project, stdout=stream, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(build.pid, 0)  # the build's own peak memory
        build.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    text = log.read_text()
    if build.returncode:
        raise SystemExit(f"the build of {project} failed:\n{text[-2000:]}")
    search = float(re.search(r"Search: .* \(([\d.]+) s\)", text).group(1))
    return {"search_s": search, "build_s": seconds, "peak_mib": usage.ru_maxrss / 1024}


def measured() -> dict:
    """The rates other parts of `invoke bench` wrote: PDF text a core, the cluster's cost,
    covers a file."""
    results = {}
    for name in ("pdf-text", "cluster", "covers"):
        path = ROOT / "bench" / "results" / f"{name}.json"
        if not path.exists():
            raise SystemExit(f"{path} is missing: run `invoke bench --part {name}` first")
        results[name] = json.loads(path.read_text())
    covers = results["covers"]["synthetic"]
    return {
        "pages_per_s_per_core": results["pdf-text"]["pages_per_s_per_core"],
        "cluster_overhead": max(0.0, results["cluster"]["cluster_overhead"]),
        "cover_core_s": covers["cold_covers_s"] * covers["workers"] / covers["pdfs"],
    }


def projection(results: dict, rates: dict) -> dict:
    """A cold build of PROJECTED publications on each number of cores (not measured)."""
    large = results["sizes"][str(SIZES[1])]
    pages = large["pages"] / SIZES[1] * PROJECTED
    search = at(large["search_s"], results["time_exponent"], PROJECTED)
    rest = at(large["rest_s"], max(1.0, results["rest_exponent"]), PROJECTED)
    covers = PROJECTED * rates["cover_core_s"] / BUILD_MACHINE_CORES
    builds = {}
    for cores in PROJECTED_CORES:
        cost = rates["cluster_overhead"] if cores > BUILD_MACHINE_CORES else 0.0
        text = pages / (rates["pages_per_s_per_core"] * cores) * (1 + cost)
        builds[str(cores)] = {"pdf_text_s": text, "total_s": text + covers + search + rest}
    step = large["peak_mib"] - large["peak_without_search_mib"]
    peak = at(large["peak_without_search_mib"], 1.0, PROJECTED)
    peak += at(step, max(1.0, results["memory_exponent"]), PROJECTED)
    return {
        "pages": pages,
        "peak_mib": peak,
        "search_s": search,
        "rest_s": rest,
        "covers_s": covers,
        "rates": rates,
        "builds": builds,
    }


def table(results: dict) -> str:
    rows = []
    for count, size in results["sizes"].items():
        step = size["peak_mib"] - size["peak_without_search_mib"]
        rows.append(
            (
                f"{int(count):,} publications ({size['pages']:,} pages): search step",
                f"{size['search_s']:.0f} s; build's peak memory {size['peak_mib']:,.0f} MiB "
                f"({step:+,.0f} MiB over the same build without indexing)",
                "",
            )
        )
        rows.append(
            (f"{int(count):,} publications: the rest of the build", f"{size['rest_s']:.0f} s", "")
        )
    rows.append(
        (
            "Fitted growth (time = a·n^k)",
            f"search k = {results['time_exponent']:.2f} (memory k = "
            f"{results['memory_exponent']:.2f}); rest k = {results['rest_exponent']:.2f}",
            "k ≤ 1.1",
        )
    )
    p = results["projection"]
    for cores, build in p["builds"].items():
        rows.append(
            (
                f"Projected cold build, {PROJECTED:,} publications, {cores} cores",
                f"{build['total_s'] / 60:.0f} min (PDF text {build['pdf_text_s'] / 60:.0f} min)",
                "",
            )
        )
    rows.append(
        (
            f"Projected peak memory of that build, {PROJECTED:,} publications",
            f"{p['peak_mib'] / 1024:.0f} GiB (the search step's part along its fitted growth)",
            "",
        )
    )
    return markdown_table(rows, "median") + "\n\n" + assumptions(p)


def assumptions(p: dict) -> str:
    rates = p["rates"]
    return (
        f"The projection assumes: {p['pages']:,.0f} pages (the synthetic library's "
        f"{p['pages'] / PROJECTED:.0f} a publication), every PDF new to the cache; PDF text at "
        f"{rates['pages_per_s_per_core']:.0f} pages/s a core (`--part pdf-text`), in the build "
        f"machine's pool on {BUILD_MACHINE_CORES} cores, and on 16 and 64 cores on a Dask "
        "cluster of as many single-threaded workers, slowed by the cluster's measured cost "
        f"({rates['cluster_overhead']:+.1%}, `--part cluster`), the PDFs read from a shared "
        "folder as fast as from a local disk (not measured); covers on the build machine's "
        f"{BUILD_MACHINE_CORES} cores at {rates['cover_core_s'] * 1000:.0f} ms of a core a PDF "
        f"({p['covers_s'] / 60:.1f} min, `--part covers`); the search step "
        f"({p['search_s'] / 60:.0f} min) and the rest of the build ({p['rest_s'] / 60:.0f} min) "
        "on the build machine, extended from 3,000 publications along their fitted growth "
        "(the rest at least linearly). Neither of those uses the cluster, so they bound what "
        "more cores can gain."
    )
