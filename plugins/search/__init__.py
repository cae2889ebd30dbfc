"""Pelican plugin: search. Indexes every language version with Whoosh (the reference engine,
`invoke search`) and writes the browser's static index from it (`search/` in the site)."""

import html
import re
import time
from pathlib import Path

from publications.facets import regions_of
from publications.hooks import publications_written

from .engine import SearchDoc, write_index

TAG = re.compile(r"<[^>]+>")


def search_doc(record, vocabulary) -> SearchDoc:
    return SearchDoc(
        id=f"{record.slug}-{record.lang.key}",
        slug=record.slug,
        lang=record.lang.key,
        title=record.title,
        abstract=html.unescape(TAG.sub(" ", str(record.abstract_html or ""))),
        pages=record.pdf.pages,
        url=record.url,
        pdf_url=record.pdf_url,
        date=record.date.value.isoformat(),
        authors=record.authors,
        facets={
            "type": [record.type.key],
            "themes": [term.key for term in record.themes],
            "regions": [term.key for term in regions_of(record, vocabulary)],
            "countries": [term.key for term in record.countries],
            "lang": [record.lang.key],
            "year": [str(record.date.year)],
        },
    )


def index_publications(sender, publications, vocabulary, output_path: Path):
    settings = sender.settings
    started = time.perf_counter()
    docs = [search_doc(record, vocabulary) for record in publications]
    write_index(output_path / settings["SEARCH_INDEX_PATH"], docs)
    print(f"Search: {len(docs)} language versions indexed in {time.perf_counter() - started:.1f} s")


def register():
    publications_written.connect(index_publications)
