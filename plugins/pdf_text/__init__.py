"""Pelican plugin: the text of each publication's PDF, page by page, cleaned, with its facts.

Answers the publications generator's `publications_read` signal by setting `record.pdf` on every
record, and `record.pdf_digest`: the SHA-256 of the PDF's content, on which later steps' caches
(covers) are keyed without reading the file again. Text comes from the cache when the PDF's
content was seen before, else it is extracted with pypdf on every core. Settings (all
optional): PDF_TEXT_CACHE_PATH, PDF_TEXT_WORKERS, PDF_TEXT_SECONDS_PER_FILE,
PDF_TEXT_MEMORY_PER_WORKER, PDF_TEXT_EXECUTOR (a Dask cluster: cluster.py) and CACHE_STORE
(a store several machines share for the cache's entries: store.py).
"""

import sys
from pathlib import Path

from blinker import signal

from .cache import TextCache
from .cluster import ExecutorError
from .extraction import PdfText, extract, extractor_version
from .pipeline import Limits, texts_for
from .report import report
from .store import cache_store

__all__ = ["PdfText", "extract", "register"]


def attach_texts(generator, publications) -> None:
    settings = generator.settings
    cache_folder = Path(settings.get("PDF_TEXT_CACHE_PATH", "cache/pdf-text"))
    limits = Limits(
        seconds=settings.get("PDF_TEXT_SECONDS_PER_FILE", Limits.seconds),
        memory=settings.get("PDF_TEXT_MEMORY_PER_WORKER", Limits.memory),
        workers=settings.get("PDF_TEXT_WORKERS", Limits.workers),
    )
    store = cache_store(settings.get("CACHE_STORE", ""), "pdf-text", cache_folder)
    cache = TextCache(cache_folder, extractor_version(), store)
    root = Path(settings["PUBLICATIONS_PDF_PATH"])
    names = [record.pdf_name for record in publications]
    executor = settings.get("PDF_TEXT_EXECUTOR", "")
    try:
        texts, run = texts_for(names, root, cache, limits, executor)
    except ExecutorError as exc:
        print(f"pelicanconf.py: PDF_TEXT_EXECUTOR: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    for record in publications:
        record.pdf = texts[record.pdf_name]
        # Known by now: the index of files answers from the file's size and time, reading nothing.
        record.pdf_digest, _ = cache.digest_of(record.pdf_name, root / record.pdf_name)
    report(run, Path(generator.output_path), cache_folder)


def register():
    signal("publications_read").connect(attach_texts)
