"""How the search step grows with the library: `invoke bench --part scaling`.

Synthetic libraries of 1,000 and 3,000 publications (the larger holds the smaller: each
publication is drawn from its own seed), each built with its PDF text cached: once with the
search cache empty (the step's time, from the build's own line, and the build's peak memory), once
with it full (the peak memory of the same build without indexing). The growth is fitted as
time = a·n^k through the two sizes; k = 1 is linear.
"""

import math
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from bench import markdown_table
from bench.synthetic_library import library

SIZES = (1000, 3000)


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
            "peak_mib": statistics.median(b["peak_mib"] for b in builds),
            "peak_without_search_mib": without["peak_mib"],
        }
    small, large = (results["sizes"][str(count)] for count in SIZES)
    ratio = SIZES[1] / SIZES[0]
    results["time_exponent"] = math.log(large["search_s"] / small["search_s"], ratio)
    step = [size["peak_mib"] - size["peak_without_search_mib"] for size in (small, large)]
    results["memory_exponent"] = math.log(step[1] / step[0], ratio) if min(step) > 0 else None
    return results


def search_build(project: Path, fresh: bool) -> dict:
    """A build of `project` with its PDF text cached; `fresh`: with the search cache empty."""
    if fresh:
        shutil.rmtree(project / "cache" / "search", ignore_errors=True)
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(site)]
    log = project / "build.log"
    with log.open("w") as stream:
        build = subprocess.Popen(command, cwd=project, stdout=stream, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(build.pid, 0)  # the build's own peak memory
        build.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text()
    if build.returncode:
        raise SystemExit(f"the build of {project} failed:\n{text[-2000:]}")
    seconds = re.search(r"Search: .* \(([\d.]+) s\)", text).group(1)
    return {"search_s": float(seconds), "peak_mib": usage.ru_maxrss / 1024}


def table(results: dict) -> str:
    rows = []
    for count, size in results["sizes"].items():
        step = size["peak_mib"] - size["peak_without_search_mib"]
        rows.append(
            (
                f"Search step, {int(count):,} publications ({size['pages']:,} pages)",
                f"{size['search_s']:.0f} s; build's peak {size['peak_mib']:,.0f} MiB "
                f"({step:+,.0f} MiB over the same build without indexing)",
                "",
            )
        )
    memory = results["memory_exponent"]
    rows.append(
        (
            "Fitted growth (time = a·n^k)",
            f"time k = {results['time_exponent']:.2f}"
            + (f", memory k = {memory:.2f}" if memory is not None else ""),
            "k ≤ 1.1",
        )
    )
    return markdown_table(rows, "median")
