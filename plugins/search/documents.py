"""What the search index holds of each language version."""

from publications.abstracts import plain_text
from publications.facets import regions_of

from .engine import SearchDoc


def doc_id(record) -> str:
    return f"{record.slug}-{record.lang.key}"


def search_doc(record, vocabulary) -> SearchDoc:
    return SearchDoc(
        id=doc_id(record),
        slug=record.slug,
        lang=record.lang.key,
        title=record.title,
        abstract=plain_text(str(record.abstract_html or "")),
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
        # A result is shown as a card, as in the listings.
        "page_count": record.pdf.page_count,
        "size": record.pdf.size,
        "has_text": record.pdf.has_text,
        "excerpt": record.excerpt,
        "cover": record.cover,
        "versions": [
            {"lang": v.lang.key, "name": v.lang.name, "url": v.url, "pdf": v.pdf_url}
            for v in record.versions
        ],
    }
