"""Where the PDF text step extracts: this machine's processes (pool.py), or a Dask cluster.

`PDF_TEXT_EXECUTOR = "dask://HOST:PORT"` (or `invoke build --dask HOST:PORT`) hands each PDF to
the workers of the Dask scheduler at HOST:PORT, through its client's concurrent.futures
executor. The build keeps the cache: workers only read PDFs and send their text back. So every
worker must import this checkout's plugins at the same extractor version (a checkout of the same
commit, started with PYTHONPATH=plugins) and read the PDFs at the paths the build reads them (a
shared folder, mounted at the same path). Both are checked before the first file is sent.
"""

import os
from concurrent.futures import CancelledError, Executor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .extraction import extractor_version

SCHEME = "dask://"


class ExecutorError(Exception):
    """A setting, or a cluster, that can't extract the text: the message says what to do."""


@dataclass
class Cluster:
    executor: Executor
    workers: int  # threads, all workers together
    gives_up: tuple[type[Exception], ...]  # what a file's future raises when the cluster gave up


@contextmanager
def executor_for(address: str, sample: Path):
    """Yields the Cluster at the address, or None for this machine's processes. `sample` is a
    PDF that every worker must be able to read. A cluster that stops answering while it works
    raises ExecutorError: a library published without the text of every PDF would be worse
    than the previous one."""
    if not address:
        yield None
        return
    if not address.startswith(SCHEME) or not address[len(SCHEME) :]:
        raise ExecutorError(
            f"'{address}' is not an executor: write dask://HOST:PORT (a Dask scheduler's "
            "address), or leave it empty to extract on this machine"
        )
    from distributed import KilledWorker
    from distributed.comm import CommClosedError

    with _client(address[len(SCHEME) :]) as client:
        workers = _checked_workers(client, sample.absolute())
        try:
            yield Cluster(client.get_executor(), workers, (KilledWorker,))
        except (CancelledError, CommClosedError) as exc:
            raise ExecutorError(
                f"the Dask cluster at {address} stopped answering ({type(exc).__name__}); "
                "nothing was published, and the text extracted so far is in the cache"
            ) from None


@contextmanager
def _client(host_port: str):
    try:
        from distributed import Client
    except ImportError:
        raise ExecutorError("Dask is not installed here: pip install -e '.[cluster]'") from None
    try:
        client = Client(f"tcp://{host_port}", timeout="20s", set_as_default=False)
    except (OSError, ValueError) as exc:
        raise ExecutorError(
            f"no Dask scheduler answers at {host_port} ({exc}); start one with `dask scheduler`"
        ) from None
    with client:
        yield client


def _checked_workers(client, sample: Path) -> int:
    """The cluster's worker threads, once at least one worker runs this extractor and reads
    the library where this build reads it."""
    try:
        client.wait_for_workers(1, timeout=60)
        answers = client.run(worker_facts, str(sample))
    except Exception as exc:  # a worker that can't even answer: say why
        raise ExecutorError(
            f"the Dask workers can't run the extraction ({type(exc).__name__}: {exc}); start "
            "them in a checkout of this commit with PYTHONPATH=plugins"
        ) from None
    for worker, (version, reads_sample) in sorted(answers.items()):
        if version != extractor_version():
            raise ExecutorError(
                f"worker {worker} runs extractor {version}, this build {extractor_version()}: "
                "start the workers in a checkout of the same commit"
            )
        if not reads_sample:
            raise ExecutorError(
                f"worker {worker} can't read {sample}: mount the library at the same path on "
                "every worker"
            )
    return sum(client.nthreads().values())


def worker_facts(sample: str) -> tuple[str, bool]:
    """Run on each worker: its extractor version, and whether it reads the sample PDF."""
    return extractor_version(), os.access(sample, os.R_OK)
