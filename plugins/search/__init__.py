"""Pelican plugin: search. Indexes every language version with Whoosh (the reference engine,
`invoke search`) and writes the browser's static index from it (`search/` in the site)."""

import html
import re
import time
from pathlib import Path

from publications.facets import regions_of
from publications.hooks import publications_written

from .engine import SearchDoc, write_index
from .export import export

TAG = re.compile(r"<[^>]+>")


def doc_id(record) -> str:
    return f"{record.slug}-{record.lang.key}"


def search_doc(record, vocabulary) -> SearchDoc:
    return SearchDoc(
        id=doc_id(record),
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


def details(record) -> dict:
    """What a result shows, and the pages its snippets come from."""
    return {
        "title": record.title,
        "url": record.url,
        "pdf": record.pdf_url,
        "lang": record.lang.key,
        "dir": record.lang.direction,
        "type": record.type.key,
        "date": record.date.value.isoformat()[
            : {"year": 4, "month": 7}.get(record.date.precision, 10)
        ],
        "pages": record.pdf.pages,
    }


def index_publications(sender, publications, vocabulary, output_path: Path):
    settings = sender.settings
    started = time.perf_counter()
    docs = [search_doc(record, vocabulary) for record in publications]
    whoosh_folder = output_path / settings["SEARCH_INDEX_PATH"]
    write_index(whoosh_folder, docs)
    export(whoosh_folder, output_path / "search", {doc_id(r): details(r) for r in publications})
    print(f"Search: {len(docs)} language versions indexed in {time.perf_counter() - started:.1f} s")


def register():
    publications_written.connect(index_publications)
