"""The PDF text step on a real Dask cluster (distributed.LocalCluster: 2 worker processes, the
scheduler in this process), against this machine's pool."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pdf_text.cache import TextCache
from pdf_text.cluster import SCHEME, ExecutorError
from pdf_text.extraction import extract
from pdf_text.pipeline import Limits, texts_for
from pdf_text.pool import in_executor

from publishing.build import BuildError, build_site
from tests import pdfs
from tests.conftest import ROOT
from tests.projects import add, make_project
from tests.test_zip_update import files_of

dask = pytest.importorskip("dask", reason="Dask is not installed: pip install -e '.[cluster]'")
distributed = pytest.importorskip("distributed")
KilledWorker = distributed.KilledWorker

LIMITS = Limits(seconds=1, workers=2)


# Each cluster's HTTP server on a port of its own on 127.0.0.1 (None would still take 8787).
@pytest.fixture(scope="module")
def cluster():
    # A file that ends the workers it is given is given up on after 2 of them (Dask's default
    # is 4): the test of such a file takes half the time. Each worker holds only the file it
    # reads (saturation 1): Dask counts a worker's death against every file it holds, so with
    # so few failures allowed, a file waiting behind the culprit twice would be given up too.
    with (
        dask.config.set(
            {
                "distributed.scheduler.allowed-failures": 1,
                "distributed.scheduler.worker-saturation": 1.0,
            }
        ),
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            scheduler_port=0,
        ) as cluster,
    ):
        yield cluster


@pytest.fixture
def address(cluster):
    return SCHEME + cluster.scheduler_address.removeprefix("tcp://")


@pytest.fixture
def library(tmp_path):
    for n in range(6):
        pages = [f"Paper {n}, page {p}, on the protection of children online." for p in range(3)]
        pdfs.text_pdf(tmp_path / "pdf" / f"paper-{n}.pdf", pages)
    pdfs.slow_pdf(tmp_path / "pdf" / "slow.pdf", operators=300_000)
    return tmp_path / "pdf"


def test_a_build_on_the_cluster_gives_the_same_site_as_the_local_pool(tmp_path, address):
    project = make_project(tmp_path)
    for n in range(4):
        add(project, f"paper-{n}", title=f"Paper {n} on child helplines")
    add(project, "scan", make_pdf=pdfs.image_only_pdf)
    messages = []

    build_site(tmp_path / "local", project=project, extra=cache_in(tmp_path / "local-cache"))
    on_cluster = cache_in(tmp_path / "cluster-cache") | {"PDF_TEXT_EXECUTOR": address}
    build_site(tmp_path / "cluster", project=project, extra=on_cluster, messages=messages)

    assert any(f"worker thread(s) of {address}" in line for line in messages)
    assert files_of(tmp_path / "cluster") == files_of(tmp_path / "local")
    assert texts_of(tmp_path / "cluster-cache") == texts_of(tmp_path / "local-cache")


def test_a_hostile_pdf_times_out_on_a_worker_as_it_does_locally(tmp_path, library, address):
    names = sorted(path.name for path in library.iterdir())

    local, local_run = texts_for(names, library, TextCache(tmp_path / "a", "v"), LIMITS)
    remote, run = texts_for(names, library, TextCache(tmp_path / "b", "v"), LIMITS, address)

    assert run.workers == 2 and run.executor == address
    assert run.problems == local_run.problems
    assert run.problems == {"slow.pdf": "took longer than 1 s; published without its text"}
    assert remote == local


def test_a_file_that_ends_its_workers_costs_that_file_only(tmp_path, library, cluster):
    paths = {path.name: path for path in sorted(library.glob("paper-*.pdf"))}
    paths["ends-its-worker.pdf"] = pdfs.text_pdf(tmp_path / "ends-its-worker.pdf", ["Text."])

    with distributed.Client(cluster) as client:
        executor = client.get_executor()
        results = in_executor(executor, extract_or_end, paths, LIMITS, lost, (KilledWorker,))
        done = dict(results)
        client.wait_for_workers(2, timeout=60)  # the nannies start the ended workers again

    assert done.pop("ends-its-worker.pdf") == "lost"
    assert done == {name: extract(path) for name, path in paths.items() if name in done}


def test_a_worker_killed_mid_file_costs_nothing_but_the_time_to_start_it_again(
    tmp_path, library, cluster, address
):
    names = sorted(path.name for path in library.iterdir())
    limits = Limits(seconds=60, workers=2)  # the slow file is read whole: it takes seconds
    with distributed.Client(cluster) as client:
        killer = threading.Thread(target=kill_slow_worker, args=(client,))
        killer.start()
        texts, run = texts_for(names, library, TextCache(tmp_path / "a", "v"), limits, address)
        killer.join()
        client.wait_for_workers(2, timeout=60)

    local, _ = texts_for(names, library, TextCache(tmp_path / "b", "v"), limits)
    assert texts == local
    assert "crashed" not in run.problems["slow.pdf"]


def test_a_cluster_that_stops_answering_stops_the_step(tmp_path, library):
    names = sorted(path.name for path in library.iterdir())
    limits = Limits(seconds=60, workers=2)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as lost_cluster:
        address = SCHEME + lost_cluster.scheduler_address.removeprefix("tcp://")
        closing = threading.Timer(3, lost_cluster.close)  # while the slow file is read
        closing.start()
        with pytest.raises(ExecutorError, match=f"the Dask cluster at {address} stopped"):
            texts_for(names, library, TextCache(tmp_path / "a", "v"), limits, address)
        closing.join()


@pytest.mark.parametrize(
    "address, message",
    [
        ("http://127.0.0.1:8786", "'http://127.0.0.1:8786' is not an executor: write dask://"),
        ("dask://127.0.0.1:{port}", "no Dask scheduler answers at 127.0.0.1:{port}"),
    ],
)
def test_an_executor_that_cant_be_reached_is_one_line_for_people(tmp_path, address, message):
    from tasks import free_port

    port = free_port()
    project = make_project(tmp_path)
    add(project, "paper")
    messages = []

    with pytest.raises(BuildError):
        build_site(
            tmp_path / "site",
            project=project,
            extra={"PDF_TEXT_EXECUTOR": address.format(port=port)},
            messages=messages,
        )

    errors = [line for line in messages if "PDF_TEXT_EXECUTOR" in line]
    assert len(errors) == 1 and message.format(port=port) in errors[0]
    assert not any("Traceback" in line for line in messages)


def cache_in(folder: Path) -> dict:
    return {"PDF_TEXT_CACHE_PATH": str(folder / "pdf-text"), "COVERS_CACHE_PATH": str(folder)}


def texts_of(cache: Path) -> dict[str, bytes]:
    return {
        name: data
        for name, data in files_of(cache / "pdf-text").items()
        if not name.endswith(("files.json", "last-build.json"))
    }


def extract_or_end(path: Path, seconds: float):
    """Run on the workers: extraction, but for a file that ends the worker reading it."""
    if path.name == "ends-its-worker.pdf":
        os._exit(1)
    return extract(path, seconds)


def lost(path: Path, seconds: float) -> str:
    return "lost"


def kill_slow_worker(client) -> None:
    """Kills the worker process of the first file that takes more than a second (the others
    take milliseconds)."""
    pids = client.run(os.getpid)
    began, deadline = {}, time.monotonic() + 60
    while time.monotonic() < deadline:
        for worker, keys in client.processing().items():
            for key in keys:
                if time.monotonic() - began.setdefault(key, time.monotonic()) > 1:
                    os.kill(pids[worker], signal.SIGKILL)
                    return
        time.sleep(0.05)
    raise AssertionError("no file took more than a second")


def test_invoke_build_sends_the_pdfs_to_the_cluster_and_the_cache_to_the_store(tmp_path, address):
    store = tmp_path / "store"
    command = [sys.executable, "-m", "invoke", "build", "--output", str(tmp_path / "site")]
    command += ["--dask", address.removeprefix(SCHEME), "--cache-store", str(store)]

    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)

    assert done.returncode == 0, done.stderr
    assert f"worker thread(s) of {address}" in done.stderr
    assert list(store.glob("pdf-text/*/??/*.json")) and list(store.glob("covers/*/??/*.webp"))
    assert (tmp_path / "site" / "index.html").is_file()
