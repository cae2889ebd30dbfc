"""Pelican plugin: covers, the first page of each publication's PDF as small WebP images.

Answers the publications generator's `publications_read` signal, after the pdf_text plugin (list
it after 'pdf_text' in PLUGINS): sets `record.cover` on every record, from the cache when the
PDF's content was rendered before (the text step's content hash says so without reading the
file), else rendered with PDFium on every core. `record.cover` is None for a PDF that can't be
rendered, which is reported and never stops the build. Answers `publications_written` by copying
the images into the site's `covers/`. Settings (all optional): COVERS_CACHE_PATH,
COVERS_SECONDS_PER_FILE, and the PDF text step's PDF_TEXT_WORKERS, PDF_TEXT_MEMORY_PER_WORKER
and CACHE_STORE (a shared store for the cache's entries).
"""

import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

from blinker import signal
from pdf_text.pool import Limits
from pdf_text.store import cache_store

from .cache import CoverCache
from .pipeline import Run, covers_for
from .render import renderer_version
from .site import cover, cover_stems, place_covers

DEFAULT_SECONDS = 30  # one page at 320 px takes milliseconds; a time-out is tried three times


def attach_covers(generator, publications) -> None:
    started = time.perf_counter()
    if any(not record.pdf_digest for record in publications):
        print("pelicanconf.py: PLUGINS: list 'pdf_text' before 'covers'", file=sys.stderr)
        raise SystemExit(1)
    settings = generator.settings
    root = Path(settings["PUBLICATIONS_PDF_PATH"])
    digests = {record.pdf_name: record.pdf_digest for record in publications}
    paths = {digest: root / name for name, digest in digests.items()}
    entries, run = covers_for(paths, _cache(settings), _limits(settings))
    stems = cover_stems(digests)
    for record in publications:
        record.cover = cover(entries[record.pdf_digest], stems[record.pdf_name])
    run.problems = {name: entries[d].problem for name, d in digests.items() if entries[d].problem}
    # A file the text step could not read was reported there: its cover is no news.
    unread = {record.pdf_name for record in publications if record.pdf and not record.pdf.pages}
    report(run, unread)
    run.seconds = time.perf_counter() - started
    generator.covers_run = run  # for `publications_written`, which places the images


def write_covers(generator, publications, output_path: Path, **_) -> None:
    started = time.perf_counter()
    cache = _cache(generator.settings)
    run: Run = generator.covers_run
    run.placed_files, run.placed_bytes = place_covers(publications, cache, Path(output_path))
    run.seconds += time.perf_counter() - started
    # Timings vary from build to build, so they stay out of the site, here for `invoke bench`.
    folder = _local_folder(generator.settings)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "last-build.json").write_text(json.dumps(asdict(run), indent=1))


def report(run: Run, reported: set[str]) -> None:
    for entry in run.damaged:
        print(f"warning: {entry} was damaged; the cover was rendered again", file=sys.stderr)
    for name, problem in sorted(run.problems.items()):
        if name not in reported:
            print(f"warning: publications/{name}: no cover ({problem})", file=sys.stderr)
    rendered = (
        f"rendered {run.rendered_files} in {run.rendering_seconds:.1f} s on {run.workers} "
        "process(es), the rest from the cache"
        if run.rendered_files
        else "all from the cache"
    )
    print(f"Covers: {run.files} PDFs, {rendered}", file=sys.stderr)


def _local_folder(settings) -> Path:
    return Path(settings.get("COVERS_CACHE_PATH", "cache/covers"))


def _cache(settings) -> CoverCache:
    store = cache_store(settings.get("CACHE_STORE", ""), "covers", _local_folder(settings))
    return CoverCache(store, renderer_version())


def _limits(settings) -> Limits:
    return Limits(
        seconds=settings.get("COVERS_SECONDS_PER_FILE", DEFAULT_SECONDS),
        memory=settings.get("PDF_TEXT_MEMORY_PER_WORKER", Limits.memory),
        workers=settings.get("PDF_TEXT_WORKERS", Limits.workers),
    )


def register():
    # By name (publications/hooks.py): the publications plugin loads after this one.
    signal("publications_read").connect(attach_covers)
    signal("publications_written").connect(write_covers)
