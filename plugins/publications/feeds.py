"""Atom feeds, newest first: one per language that publications are written in, and one per
theme and per region in each UI language.

A language feed's entry links to the publication's page in the sub-site of its own language
where the site has that UI language (a French paper opens in the French site), else in the
default one. A theme's or region's feed lists each publication once, as its page does, and
links into the sub-site it belongs to. Links are absolute when SITEURL is set (publishconf.py),
else relative to the feed's own folder. Ids do not depend on where the site is: a name-based
UUID of the library's name and the language version, so that a reader's feed keeps its entries
when the site moves.
"""

import datetime
import uuid
from pathlib import Path

from feedgenerator import Atom1Feed

from . import i18n
from .records import Publication

FEED_PATH = "feeds/{lang}.atom.xml"
TERM_FEED_PATH = "feeds/{facet}/{key}.atom.xml"  # in each UI language's sub-site
TERM_FEEDS = ("themes", "regions")
ENTRIES = 50


def feed_paths(records: list[Publication]) -> dict[str, str]:
    return {lang: FEED_PATH.format(lang=lang) for lang in sorted({r.lang.key for r in records})}


def term_feed_path(facet: str, key: str) -> str | None:
    """The path of a term's feed in its sub-site, for the facets that have feeds."""
    return TERM_FEED_PATH.format(facet=facet, key=key) if facet in TERM_FEEDS else None


def write_feeds(records: list[Publication], output_path: Path, settings: dict) -> None:
    """The language feeds; `records` come newest first."""
    for lang, path in feed_paths(records).items():
        in_lang = [record for record in records if record.lang.key == lang]
        subsite = lang if lang in settings["UI_LANGUAGES"] else settings["DEFAULT_LANG"]
        subject = in_lang[0].lang.name
        write_feed(output_path, path, subsite, lang, in_lang, settings, subject, ("feeds", lang))


def write_term_feed(output_path, ui_lang: str, facet: str, term, records, settings) -> None:
    """A theme's or region's feed in the sub-site of `ui_lang`; `records` newest first."""
    path = i18n.prefix(ui_lang, settings["DEFAULT_LANG"]) + term_feed_path(facet, term.key)
    names = ("feeds", facet, term.key, ui_lang)
    subject = term.label(ui_lang)
    write_feed(output_path, path, ui_lang, ui_lang, records, settings, subject, names)


def write_feed(output_path, path, subsite, language, records, settings, subject, names) -> None:
    """The feed of `records` (in `language`) at `path`, linking to their pages in `subsite`."""
    depth = path.count("/")
    root = settings["SITEURL"].rstrip("/") if settings["SITEURL"] else "/".join([".."] * depth)
    pages = f"{root}/{i18n.prefix(subsite, settings['DEFAULT_LANG'])}"
    site_names = settings["SITE_NAMES"]
    feed = Atom1Feed(
        title=f"{site_names.get(subsite) or site_names['en']}: {subject}",
        link=f"{pages}index.html",
        description="",
        language=language,
        feed_url=f"{root}/{path}",
        feed_guid=permanent_id(settings, *names),
        author_name=settings["SITE_OWNER"],
    )
    for record in records[:ENTRIES]:
        day = datetime.datetime.combine(record.date.value, datetime.time(), datetime.UTC)
        feed.add_item(
            title=record.title,
            link=f"{pages}{record.url}",
            description=str(record.abstract_html or ""),
            author_name=", ".join(record.authors) or settings["SITE_OWNER"],
            pubdate=day,
            updateddate=day,
            categories=[term.label(subsite) for term in record.themes],
            unique_id=permanent_id(settings, "publications", record.slug, record.lang.key),
        )
    target = Path(output_path, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as file:
        feed.write(file, "utf-8")


def permanent_id(settings: dict, *names: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '/'.join([settings['SITENAME'], *names]))}"
