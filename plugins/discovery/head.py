"""The tags in a publication page's head that describe it to machines: Google Scholar's
Highwire Press tags, Open Graph (link previews in chat and social apps) and Twitter's card."""

from dataclasses import dataclass, field

from .addresses import Addresses

# Highwire's date is YYYY/MM/DD, as precise as the editor wrote it.
SCHOLAR_DATE = {"year": "%Y", "month": "%Y/%m", "day": "%Y/%m/%d"}


@dataclass
class HeadTags:
    canonical: str
    names: list[tuple[str, str]] = field(default_factory=list)  # <meta name=... content=...>
    properties: list[tuple[str, str]] = field(default_factory=list)  # <meta property=...>


def head_tags(record, addresses: Addresses, owner: str, site_name: str) -> HeadTags:
    page = addresses.page(record)
    tags = HeadTags(canonical=page)
    tags.names += scholar(record, addresses, owner)
    tags.properties += open_graph(record, addresses, page, site_name)
    tags.names += twitter(record, addresses)
    return tags


def scholar(record, addresses: Addresses, owner: str) -> list[tuple[str, str]]:
    date = record.date.value.strftime(SCHOLAR_DATE[record.date.precision])
    return [
        ("citation_title", record.title),
        *(("citation_author", author) for author in record.authors or [owner]),
        ("citation_publication_date", date),
        ("citation_pdf_url", addresses.pdf(record)),
        ("citation_language", record.lang.key),
        ("citation_publisher", owner),
        ("citation_abstract_html_url", addresses.page(record)),
    ]


def open_graph(record, addresses: Addresses, page: str, site_name: str) -> list[tuple[str, str]]:
    tags = [
        ("og:type", "article"),
        ("og:title", record.title),
        ("og:url", page),
        ("og:site_name", site_name),
        ("og:description", record.excerpt),
    ]
    if record.cover:
        large = record.cover["large"]
        tags += [
            ("og:image", addresses.cover(record)),
            ("og:image:type", "image/webp"),
            ("og:image:width", str(large["width"])),
            ("og:image:height", str(large["height"])),
            ("og:image:alt", record.title),
        ]
    return [(name, value) for name, value in tags if value]


def twitter(record, addresses: Addresses) -> list[tuple[str, str]]:
    # "summary": a small picture beside the text, which suits a portrait cover.
    tags = [("twitter:card", "summary"), ("twitter:title", record.title)]
    if record.excerpt:
        tags.append(("twitter:description", record.excerpt))
    if record.cover:
        tags.append(("twitter:image", addresses.cover(record)))
    return tags
