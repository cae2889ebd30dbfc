"""Benchmark of the PDF text step's two executors: `invoke bench --part cluster`.

The same files of the synthetic library, extracted with an empty cache by this machine's pool of
processes and by a Dask LocalCluster of as many single-threaded worker processes (its scheduler
in this process, its workers reached over TCP on 127.0.0.1), runs interleaved. The seam's cost is
the ratio of their rates; connecting to the cluster and checking its workers count in it.
"""

import os
import statistics
import tempfile
import time
from pathlib import Path

from pdf_text.cache import TextCache
from pdf_text.cluster import SCHEME
from pdf_text.pipeline import Limits, texts_for

from bench import markdown_table
from bench.synthetic_library import library

SAMPLE_FILES = 200  # about 13,000 pages: half a minute a run on 2 cores


def measure(count: int, runs: int, seed: int, folder: Path) -> dict:
    from distributed import LocalCluster

    library(folder, count, seed)
    root = folder / "publications"
    files = sorted(root.glob("*.pdf"))
    names = [path.name for path in files[:: max(1, len(files) // SAMPLE_FILES)][:SAMPLE_FILES]]
    cores = os.cpu_count()
    local, remote = [], []
    with LocalCluster(
        n_workers=cores,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        scheduler_port=0,
    ) as cluster:
        address = SCHEME + cluster.scheduler_address.removeprefix("tcp://")
        for _ in range(runs):
            local.append(extraction(names, root, ""))
            remote.append(extraction(names, root, address))
    pages = local[0]["pages"]
    local_rate = statistics.median(pages / run["seconds"] for run in local)
    remote_rate = statistics.median(pages / run["seconds"] for run in remote)
    return {
        "runs": runs,
        "files": len(names),
        "pages": pages,
        "workers": cores,
        "local_pages_per_s": local_rate,
        "cluster_pages_per_s": remote_rate,
        "cluster_overhead": local_rate / remote_rate - 1,
    }


def extraction(names: list[str], root: Path, executor: str) -> dict:
    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        _, run = texts_for(names, root, TextCache(Path(cache), "bench"), Limits(), executor)
        return {"seconds": time.perf_counter() - started, "pages": run.extracted_pages}


def table(results: dict) -> str:
    r = results
    rows = [
        ("Files (empty cache)", f"{r['files']} PDFs, {r['pages']:,} pages", ""),
        (
            "This machine's pool",
            f"{r['local_pages_per_s']:.0f} pages/s on {r['workers']} processes",
            "",
        ),
        (
            "Dask LocalCluster",
            f"{r['cluster_pages_per_s']:.0f} pages/s on {r['workers']} workers",
            "",
        ),
        ("Cost of the cluster", f"{r['cluster_overhead']:+.1%}", "≤ 10%"),
    ]
    return markdown_table(rows, "median")
