"""sitemap.xml (every page, when its content last changed, its versions in other languages) and
robots.txt, which names it.

A page's date is its content's: a publication's page takes the publication's date, a listing
the newest date it lists. Pages without publications (the search page, the reading list) have
none. Alternates are those of the page's head: a publication's page names each version in the
UI of its own language, any other page itself in each UI language.
"""

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from publications.i18n import prefix

from .addresses import Addresses

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
MAX_URLS = 50_000  # of one sitemap file (the protocol's limit); more go into several
ET.register_namespace("xhtml", XHTML)


@dataclass
class Page:
    path: str  # from the site's root
    lastmod: str | None
    alternates: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, address)


def page_of(context: dict, addresses: Addresses) -> Page:
    """What the sitemap says of the page a template was rendered into, with `context`."""
    path = context["output_file"]
    record = context.get("publication")
    if record:
        alternates = [(v.lang.key, addresses.page(v)) for v in record.versions]
        return Page(path, record.date.isoformat(), alternates)
    own = prefix(context["UI_LANG"], context["DEFAULT_LANG"])
    alternates = [
        (lang, addresses.of(prefix(lang, context["DEFAULT_LANG"]) + path.removeprefix(own)))
        for lang in context["UI_LANGUAGES"]
    ]
    return Page(path, newest(listed(context)), alternates)


def listed(context: dict) -> list:
    if context.get("listing_page"):
        return context["listing_page"].object_list
    if context.get("facet"):
        return [r for entry in context["facet"]["terms"] for r in entry["publications"]]
    return context.get("listing") or context.get("newest") or []


def newest(records: list) -> str | None:
    return max(records, key=lambda r: r.date.value).date.isoformat() if records else None


def write_sitemap(pages: list[Page], addresses: Addresses, output: Path) -> list[str]:
    """Writes sitemap.xml (an index of several files past MAX_URLS); returns the files."""
    pages = sorted(pages, key=lambda page: page.path)
    chunks = [pages[start : start + MAX_URLS] for start in range(0, len(pages), MAX_URLS)]
    if len(chunks) <= 1:
        _write(url_set(chunks[0] if chunks else [], addresses), output / "sitemap.xml")
        return ["sitemap.xml"]
    names = [f"sitemap-{number}.xml" for number in range(1, len(chunks) + 1)]
    index = ET.Element("sitemapindex", xmlns=SITEMAP)
    for name, chunk in zip(names, chunks, strict=True):
        _write(url_set(chunk, addresses), output / name)
        ET.SubElement(ET.SubElement(index, "sitemap"), "loc").text = addresses.of(name)
    _write(index, output / "sitemap.xml")
    return ["sitemap.xml", *names]


def url_set(pages: list[Page], addresses: Addresses) -> ET.Element:
    root = ET.Element("urlset", xmlns=SITEMAP)
    for page in pages:
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = addresses.of(page.path)
        if page.lastmod:
            ET.SubElement(url, "lastmod").text = page.lastmod
        for lang, address in page.alternates:
            ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=lang, href=address)
    return root


def write_robots(addresses: Addresses, output: Path) -> None:
    """Every page and PDF may be crawled; the search index and the reports are not pages.
    (Crawlers read robots.txt at the host's root only: under a path, the host's rules.)"""
    root = urlsplit(addresses.site).path.rstrip("/")
    lines = [
        "User-agent: *",
        *(f"Disallow: {root}/{folder}/" for folder in ("search", "whoosh", "reports")),
        f"Sitemap: {addresses.of('sitemap.xml')}",
    ]
    (output / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write(root: ET.Element, path: Path) -> None:
    ET.indent(root, space=" ")
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
