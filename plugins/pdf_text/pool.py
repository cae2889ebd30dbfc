"""A pool of worker processes that does one job per file, bounded per file and per worker; or any
other executor (`in_executor`: a Dask cluster's) that does the same jobs.

The PDF steps (text, covers) share the pool: a hostile PDF must cost only itself. Each worker
may use at most `Limits.memory` bytes (a MemoryError in the worker instead of the OOM killer);
each job gets `Limits.seconds` and keeps to them itself (`work(path, seconds)`). A worker that
dies all the same (a crash in C code, or a job that ends its worker when its time is up) loses
only its own file.
"""

import multiprocessing
import resource
import time
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Limits:
    seconds: float = 120  # per file
    memory: int = 2 * 1024**3  # per worker process, in bytes
    workers: int = 0  # 0: one per core


def workers_for(limits: Limits, files: int) -> int:
    return min(limits.workers or multiprocessing.cpu_count(), files)


def in_pool(work, paths: dict[str, Path], limits: Limits, workers: int, lost):
    """Yields (key, work(path, limits.seconds)) for every {key: path}, as they finish, from
    `workers` processes. If a worker dies, the unfinished files are tried again, then each alone,
    so only the culprit is lost: it yields (key, lost(path, seconds)), `seconds` being how long
    its file ran alone before its worker died."""
    pending = dict(paths)
    for _ in range(2):
        if pending:
            for key, result in _pool_batch(work, dict(pending), limits, workers):
                del pending[key]
                yield key, result
    for key, path in pending.items():
        started = time.monotonic()
        done = list(_pool_batch(work, {key: path}, limits, 1))
        yield done[0] if done else (key, lost(path, time.monotonic() - started))


def in_executor(executor: Executor, work, paths: dict[str, Path], limits: Limits, lost, gives_up):
    """As `in_pool`, from an executor that retries a file whose worker died as it sees fit (Dask
    tries it on other workers, then gives up: KilledWorker). A file whose future raises one of
    `gives_up` yields (key, lost(path, seconds)), `seconds` being the time since the files were
    handed over; any other error is the executor's, and stops the step."""
    started = time.monotonic()
    futures = {executor.submit(work, path, limits.seconds): key for key, path in paths.items()}
    for future in as_completed(futures):
        key = futures.pop(future)
        try:
            yield key, future.result()
        except gives_up:
            yield key, lost(paths[key], time.monotonic() - started)


def _pool_batch(work, batch: dict[str, Path], limits: Limits, workers: int):
    context = multiprocessing.get_context("fork")  # workers inherit the loaded plugin modules
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_limit_memory, initargs=(limits.memory,)
    ) as pool:
        futures = {pool.submit(work, path, limits.seconds): key for key, path in batch.items()}
        try:
            for future in as_completed(futures):
                yield futures[future], future.result()
        except BrokenProcessPool:
            return


def _limit_memory(limit: int) -> None:
    # A PDF that would need more raises MemoryError in its worker instead of waking the OOM killer.
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
