"""Atom feeds: one per language that publications are written in, newest first.

An entry links to the publication's page in the sub-site of its own language where the site has
that UI language (a French paper opens in the French site), else in the default one. Links are
absolute when SITEURL is set (publishconf.py), else relative to the feed's own folder. Ids do
not depend on where the site is: a name-based UUID of the library's name and the language
version, so that a reader's feed keeps its entries when the site moves.
"""

import datetime
import uuid
from pathlib import Path

from feedgenerator import Atom1Feed

from . import i18n
from .records import Publication

FEED_PATH = "feeds/{lang}.atom.xml"
ENTRIES = 50


def feed_paths(records: list[Publication]) -> dict[str, str]:
    return {lang: FEED_PATH.format(lang=lang) for lang in sorted({r.lang.key for r in records})}


def write_feeds(records: list[Publication], output_path: Path, settings: dict) -> None:
    """`records` come newest first."""
    root = settings["SITEURL"].rstrip("/") if settings["SITEURL"] else ".."
    for lang, path in feed_paths(records).items():
        in_lang = [record for record in records if record.lang.key == lang]
        subsite = lang if lang in settings["UI_LANGUAGES"] else settings["DEFAULT_LANG"]
        pages = f"{root}/{i18n.prefix(subsite, settings['DEFAULT_LANG'])}"
        names = settings["SITE_NAMES"]
        feed = Atom1Feed(
            title=f"{names.get(subsite) or names['en']}: {in_lang[0].lang.name}",
            link=f"{pages}index.html",
            description="",
            language=lang,
            feed_url=f"{root}/{path}",
            feed_guid=permanent_id(settings, "feeds", lang),
            author_name=settings["SITE_OWNER"],
        )
        for record in in_lang[:ENTRIES]:
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
