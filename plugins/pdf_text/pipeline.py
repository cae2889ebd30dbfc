"""The text of every PDF of a build: from the cache when it is there, else extracted on all cores.

pypdf's time is spent once per file content, in a pool of worker processes, each bounded in time
and memory so that one hostile PDF is reported instead of hanging or killing the build; or on a
Dask cluster's workers (cluster.py), each file bounded in time there.
"""

import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .cache import TextCache
from .cluster import executor_for
from .extraction import PdfText, extract
from .pool import Limits, in_executor, in_pool, workers_for
from .progress import Progress


@dataclass
class Run:
    """What a build's text step did, for its report and the benchmarks."""

    files: int = 0
    pages: int = 0
    read_files: int = 0  # files whose bytes were read to hash them
    extracted_files: int = 0
    extracted_pages: int = 0
    extraction_seconds: float = 0.0
    workers: int = 1
    executor: str = ""  # where the files were extracted: "" for this machine's processes
    problems: dict[str, str] = field(default_factory=dict)
    damaged: list[str] = field(default_factory=list)  # cache entries found damaged


def texts_for(names: list[str], root: Path, cache: TextCache, limits: Limits, executor: str = ""):
    """Return ({name: PdfText}, Run) for the PDFs `names` (paths inside `root`), extracting
    those not in the cache on this machine, or with the executor at that address (cluster.py),
    which is only reached when there is something to extract."""
    run = Run(files=len(set(names)))
    digests, texts, missing = {}, {}, {}
    for name in sorted(set(names)):
        digest, was_read = cache.digest_of(name, root / name)
        digests[name], run.read_files = digest, run.read_files + was_read
        cached = texts.get(digest) or cache.get(digest)
        if cached:
            texts[digest] = cached
        else:
            missing.setdefault(digest, root / name)
    if missing:
        started = time.perf_counter()
        run.executor = executor
        for digest, text in _extract_all(missing, limits, run):
            if not text.transient:
                cache.put(digest, text)
            texts[digest] = text
        run.extraction_seconds = time.perf_counter() - started
    cache.save_index()
    run.damaged = list(cache.damaged)
    by_name = {name: texts[digest] for name, digest in digests.items()}
    run.pages = sum(text.page_count for text in by_name.values())
    run.problems = {name: text.problem for name, text in by_name.items() if text.problem}
    return by_name, run


def _extract_all(missing: dict[str, Path], limits: Limits, run: Run):
    progress = Progress(len(missing), sys.stderr)
    with _results(missing, limits, run) as results:
        for digest, text in results:
            run.extracted_files += 1
            run.extracted_pages += len(text.pages)
            progress.advance(len(text.pages))
            yield digest, text
    progress.close()


@contextmanager
def _results(missing: dict[str, Path], limits: Limits, run: Run):
    with executor_for(run.executor, next(iter(missing.values()))) as cluster:
        if cluster:
            run.workers = cluster.workers
            absolute = {digest: path.absolute() for digest, path in missing.items()}
            yield in_executor(
                cluster.executor, extract, absolute, limits, _crashed, cluster.gives_up
            )
            return
        run.workers = workers_for(limits, len(missing))
        if run.workers == 1:
            yield ((digest, extract(path, limits.seconds)) for digest, path in missing.items())
        else:
            yield in_pool(extract, missing, limits, run.workers, _crashed)


def _crashed(path: Path, seconds: float) -> PdfText:
    problem = "the extraction crashed; published without its text"
    return PdfText(size=path.stat().st_size, problem=problem, transient=True)
