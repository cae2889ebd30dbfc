"""`.gz` and `.br` siblings of the site's text files, for hosts that serve a file's compressed
sibling to a browser that accepts it (nginx's gzip_static and brotli_static, Caddy's
precompressed, ...): compressed once at the best settings instead of at every request, and
sent at the size a reader on a slow connection pays for."""

import gzip
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import brotli

# What compresses: the pages, scripts (the search index among them), styles and data files.
# PDFs and images are compressed formats already.
TEXT = {".html", ".js", ".css", ".xml", ".json", ".txt", ".svg", ".bib", ".ris"}
SMALLEST = 256  # bytes: below this, a compressed sibling saves less than the request's headers


def precompress(site: Path) -> tuple[int, int, int]:
    """Writes the siblings of every text file of `site` that they make smaller; returns the
    files compressed, their bytes, and the bytes of their brotli siblings."""
    files = [
        path
        for path in sorted(site.rglob("*"))
        if path.suffix in TEXT and path.is_file() and path.stat().st_size >= SMALLEST
    ]
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        sizes = list(pool.map(compress_file, files, chunksize=64))
    return len(files), sum(size for size, _ in sizes), sum(br for _, br in sizes)


def compress_file(path: Path) -> tuple[int, int]:
    """Writes `path`.gz and `path`.br where they are smaller than `path`; returns the sizes of
    the file and of what a brotli-reading browser gets."""
    data = path.read_bytes()
    sent = len(data)
    for suffix, packed in (
        (".gz", gzip.compress(data, compresslevel=9, mtime=0)),
        (".br", brotli.compress(data, quality=11)),
    ):
        if len(packed) < len(data):
            path.with_name(path.name + suffix).write_bytes(packed)
            sent = len(packed) if suffix == ".br" else sent
    return len(data), sent
