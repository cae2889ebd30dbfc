"""Pelican plugin: search. Indexes every language version with Whoosh (the reference engine,
`invoke search`) and writes the browser's static index from it (`search/` in the site)."""

import sys
import time
from pathlib import Path

from publications.generator import place_file
from publications.hooks import publications_written

from .cache import built_index
from .documents import details, doc_id, search_doc
from .named import wordings
from .snowball import StemmerMismatch


def index_publications(sender, publications, vocabulary, output_path: Path):
    settings = sender.settings
    started = time.perf_counter()
    docs = [search_doc(record, vocabulary) for record in publications]
    pages = {doc_id(record): details(record) for record in publications}
    try:
        cache = Path(settings["SEARCH_CACHE_PATH"])
        built, files, fresh = built_index(docs, pages, wordings(vocabulary), cache)
    except StemmerMismatch as exc:
        print(f"Search: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    targets = {"whoosh": settings["SEARCH_INDEX_PATH"], "search": "search"}
    for name in files:
        folder, _, inside = name.partition("/")
        if folder in targets:
            place_file(built / name, output_path / targets[folder] / inside)
    how = "indexed" if fresh else "unchanged; index taken from the cache"
    versions = f"{len(docs)} language version{'s' * (len(docs) != 1)}"
    print(f"Search: {versions} {how} ({time.perf_counter() - started:.1f} s)")


def register():
    publications_written.connect(index_publications)
