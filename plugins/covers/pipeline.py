"""The covers of every PDF of a build: from the cache when it has them, else rendered on all cores.

Rendering runs in the PDF text step's pool of worker processes (pdf_text/pool.py): each file is
bounded in time and each worker in memory, and a worker that dies costs only its own file.
"""

import functools
import time
from dataclasses import dataclass, field
from pathlib import Path

from pdf_text.pool import Limits, in_pool, workers_for

from .cache import CoverCache, Entry
from .render import Rendering, render


@dataclass
class Run:
    """What a build's covers step did, for its report and the benchmarks."""

    files: int = 0  # PDF contents
    rendered_files: int = 0  # PDFs opened, to render them
    rendering_seconds: float = 0.0
    workers: int = 0
    placed_files: int = 0  # images written into the site
    placed_bytes: int = 0
    seconds: float = 0.0  # the whole step: cache, rendering and placing the images
    problems: dict[str, str] = field(default_factory=dict)  # by PDF, inside publications/
    damaged: list[str] = field(default_factory=list)  # cache entries found damaged


def covers_for(paths: dict[str, Path], cache: CoverCache, limits: Limits):
    """Return ({digest: Entry}, Run) for the PDFs {digest: path}."""
    run = Run(files=len(paths))
    entries, missing = {}, {}
    for digest, path in sorted(paths.items()):
        entry = cache.get(digest)
        if entry:
            entries[digest] = entry
        else:
            missing[digest] = path
    if missing:
        started = time.perf_counter()
        run.workers = workers_for(limits, len(missing))
        # Always in worker processes, even one: a time-out ends the process it happens in.
        stopped = functools.partial(_stopped, limits.seconds)
        for digest, rendering in in_pool(render, missing, limits, run.workers, stopped):
            run.rendered_files += 1
            entries[digest] = _kept(cache, digest, rendering)
        run.rendering_seconds = time.perf_counter() - started
    run.damaged = list(cache.damaged)
    return entries, run


def _kept(cache: CoverCache, digest: str, rendering: Rendering) -> Entry:
    """A problem that may not happen again (a limit reached, a crash) is not kept: the next
    build tries the file again."""
    if rendering.transient:
        return Entry(problem=rendering.problem)
    return cache.put(digest, rendering)


def _stopped(limit: float, path: Path, seconds: float) -> Rendering:
    """The file whose worker died even alone: its time limit ended it, or the renderer crashed."""
    timed_out = limit and seconds >= limit
    problem = f"took longer than {limit:g} s" if timed_out else "the renderer crashed"
    return Rendering(problem=problem, transient=True)
