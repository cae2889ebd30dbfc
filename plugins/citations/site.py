"""What the site gets of the citations: a `citation(record)` for the templates, and the files.

Every language version gets, in the site's `cite/` folder, `<slug>-<lang>.bib`, `.ris` and `.json`
(CSL-JSON) to download, and `<slug>-<lang>.js` for the reading list: a script that calls
`citationData(id, data)` with its title, cover, page and citations, since a page opened from
`file://` may load scripts but not read files. `cite/packs.js` tells the reading list where
those scripts are: here each in a file of its own (`null`); the offline copy packs them
(packing.py).
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .csl import csl_item, item_id, page_url
from .formats import bibtex, ris
from .reference import reference

FOLDER = "cite"
DOWNLOADS = {  # kind -> media type
    "bib": "application/x-bibtex",
    "ris": "application/x-research-info-systems",
    "json": "application/vnd.citationstyles.csl+json",
}
PACKS = "packs.js"


@dataclass(frozen=True)
class PageCitation:
    """What a publication's page shows: the reference in its language and the files."""

    id: str
    reference: Markup
    files: dict[str, str]  # kind -> path from the site's root
    types = DOWNLOADS  # kind -> media type


class Citations:
    """The citations of one build. Items are made when first asked for: the records have their
    URLs only once the publications generator has described them."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.items: dict[str, dict] = {}

    def item(self, record) -> dict:
        """The CSL item of the files; its genre in the version's own language."""
        key = item_id(record)
        if key not in self.items:
            url = page_url(record.url, self.settings.get("SITEURL", ""))
            owner = self.settings["SITE_OWNER"]
            self.items[key] = csl_item(record, url, owner, record.lang.key)
        return self.items[key]

    def for_page(self, record, lang: str) -> PageCitation:
        """The reference in the page's language, the genre in it too."""
        item = dict(self.item(record), genre=record.type.label(lang))
        files = {kind: f"{FOLDER}/{item['id']}.{kind}" for kind in DOWNLOADS}
        return PageCitation(item["id"], reference(item, lang), files)

    def write(self, records, output: Path) -> int:
        """Writes every version's files into `output`/cite/; returns how many were written."""
        folder = output / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        for record in records:
            item = self.item(record)
            texts = {"bib": bibtex(item), "ris": ris(item)}
            texts["json"] = json.dumps([item], ensure_ascii=False, indent=2) + "\n"
            texts["js"] = script(item["id"], reading_list_entry(record, texts))
            for kind, text in texts.items():
                # newline="": the RIS file keeps its CR LF line ends on every system.
                (folder / f"{item['id']}.{kind}").write_text(text, encoding="utf-8", newline="")
        (folder / PACKS).write_text(packs_script(None), encoding="utf-8")
        return len(records) * (len(DOWNLOADS) + 1) + 1


def reading_list_entry(record, texts: dict[str, str]) -> dict:
    """What the reading list shows of a version, and what it exports. Paths are from the site's
    root, as the page's own links."""
    cover = record.cover["small"] if record.cover else None
    return {
        "title": record.title,
        "lang": record.lang.key,
        "dir": record.lang.direction,
        "url": record.url,
        "cover": cover,
        "bibtex": texts["bib"],
        "ris": texts["ris"],
    }


def script(name: str, data: dict) -> str:
    # ASCII only: U+2028 and U+2029 are valid in JSON but end a line in older JavaScript; and
    # "</" would end a <script> element if the file were ever inlined into a page.
    payload = json.dumps(data, ensure_ascii=True, separators=(",", ":")).replace("</", "<\\/")
    return f"citationData({json.dumps(name)},{payload});\n"


def packs_script(packs: dict | None) -> str:
    """`cite/packs.js`: null, or where the offline copy packed the reading list's scripts."""
    return f"window.citationPacks = {json.dumps(packs, separators=(',', ':'))};\n"


def page_pattern(save_as: str) -> str:
    """A JavaScript regular expression that finds the slug and language of a version in the path
    of its page, from PUBLICATION_SAVE_AS ("publications/{slug}-{lang}.html"): search results
    link pages only, and their Save buttons need the version's id. Language keys are ISO 639-1
    codes, without hyphens, so a slug's hyphens can't be mistaken for the one before them."""
    pattern = re.escape(save_as)
    pattern = pattern.replace(r"\{slug\}", "(?<slug>[a-z0-9]+(?:-[a-z0-9]+)*)")
    return pattern.replace(r"\{lang\}", "(?<lang>[^/-]+)") + "$"
