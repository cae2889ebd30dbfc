"""The text of every PDF of a build: from the cache when it is there, else extracted on all cores.

pypdf's time is spent once per file content, in a pool of worker processes, each bounded in time
and memory so that one hostile PDF is reported instead of hanging or killing the build.
"""

import multiprocessing
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .cache import TextCache
from .extraction import PdfText, extract
from .progress import Progress


@dataclass
class Limits:
    seconds: float = 120  # per file
    memory: int = 2 * 1024**3  # per worker process, in bytes
    workers: int = 0  # 0: one per core


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
    problems: dict[str, str] = field(default_factory=dict)
    damaged: list[str] = field(default_factory=list)  # cache entries found damaged


def texts_for(names: list[str], root: Path, cache: TextCache, limits: Limits):
    """Return ({name: PdfText}, Run) for the PDFs `names` (paths inside `root`)."""
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
        for digest, text in _extract_all(missing, limits, run):
            if not text.transient:
                cache.put(digest, text)
            texts[digest] = text
        run.extraction_seconds = time.perf_counter() - started
    cache.save_index()
    run.damaged = [str(path) for path in cache.damaged]
    by_name = {name: texts[digest] for name, digest in digests.items()}
    run.pages = sum(text.page_count for text in by_name.values())
    run.problems = {name: text.problem for name, text in by_name.items() if text.problem}
    return by_name, run


def _extract_all(missing: dict[str, Path], limits: Limits, run: Run):
    workers = min(limits.workers or multiprocessing.cpu_count(), len(missing))
    run.workers = workers
    progress = Progress(len(missing), sys.stderr)
    if workers == 1:
        results = ((digest, extract(path, limits.seconds)) for digest, path in missing.items())
    else:
        results = _in_pool(missing, limits, workers)
    for digest, text in results:
        run.extracted_files += 1
        run.extracted_pages += len(text.pages)
        progress.advance(len(text.pages))
        yield digest, text
    progress.close()


def _in_pool(missing: dict[str, Path], limits: Limits, workers: int):
    """Extracts in worker processes. If a worker dies all the same (a crash in C code), the
    unfinished files are tried again, then each alone, so only the culprit is lost."""
    pending = dict(missing)
    for attempt in ("pool", "pool", "alone"):
        if not pending:
            return
        size = 1 if attempt == "alone" else workers
        batches = [dict([item]) for item in pending.items()] if size == 1 else [pending]
        for batch in batches:
            for digest, text in _pool_batch(batch, limits, size):
                pending.pop(digest)
                yield digest, text
    for digest, path in pending.items():
        problem = "the extraction crashed; published without its text"
        yield digest, PdfText(size=path.stat().st_size, problem=problem, transient=True)


def _pool_batch(batch: dict[str, Path], limits: Limits, workers: int):
    context = multiprocessing.get_context("fork")  # workers inherit the loaded plugin modules
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_limit_memory, initargs=(limits.memory,)
    ) as pool:
        futures = {pool.submit(extract, path, limits.seconds): d for d, path in batch.items()}
        try:
            for future in as_completed(futures):
                yield futures[future], future.result()
        except BrokenProcessPool:
            return


def _limit_memory(limit: int) -> None:
    # A PDF that would need more raises MemoryError in its worker instead of waking the OOM killer.
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
