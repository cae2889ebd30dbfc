"""A language version as a CSL-JSON item: the data every citation of it is made from.

CSL-JSON is what reference managers (Zotero, Mendeley...) import and what citeproc-py formats;
the BibTeX and RIS files are written from the same item (formats.py), so they all agree.
"""

import re

# The library's types as CSL types. Most of the library is grey literature issued by an
# organisation, which CSL calls a "report" ("a report, brief or similar work distributed by an
# institution"). Statements, submissions and outcome documents are issued the same way, so
# they are reports too, rather than CSL's generic "document", which styles cite as an unknown
# work. Leaflets are CSL's "pamphlet". The type's label goes into `genre` ("Joint statement"),
# so nothing is lost. A type that editors add later is a report.
CSL_TYPES = {
    "summary-paper": "report",
    "country-overview": "report",
    "promising-practice": "report",
    "research-report": "report",
    "working-paper": "report",
    "policy-brief": "report",
    "submission": "report",
    "joint-statement": "report",
    "outcome-document": "report",
    "guidelines": "report",
    "factsheet": "pamphlet",
    "brochure": "pamphlet",
}
DEFAULT_TYPE = "report"

# Surname particles written in lower case ("van der Berg, Jan"): other lower-case words in a
# name are a sign of an organisation ("Save the Children, Sweden").
PARTICLES = {
    "da",
    "de",
    "del",
    "der",
    "di",
    "do",
    "dos",
    "du",
    "la",
    "le",
    "ten",
    "ter",
    "van",
    "von",
}
ACRONYM = re.compile(r"[A-Z]{2,}")  # UNICEF, ECPAT: an organisation's name
INITIAL = re.compile(r"[A-Z]\.(?:-?[A-Z]\.)*")  # J. or J.-P.


def item_id(record) -> str:
    """The id of a language version everywhere: CSL, BibTeX and RIS, files, the reading list."""
    return f"{record.slug}-{record.lang.key}"


def csl_item(record, url: str, publisher: str, genre_lang: str) -> dict:
    """The CSL-JSON item of `record`; `url` is its page's address (see `page_url`), the genre
    is the type's label in `genre_lang`."""
    item = {
        "id": item_id(record),
        "type": CSL_TYPES.get(record.type.key, DEFAULT_TYPE),
        "title": one_line(record.title),
    }
    if record.authors:
        item["author"] = [csl_name(author) for author in record.authors]
    item.update(
        {
            "issued": {"date-parts": [date_parts(record.date)]},
            "genre": record.type.label(genre_lang),
            # The vocabulary's keys are ISO 639-1 codes, which are BCP 47 language tags.
            "language": record.lang.key,
            "publisher": publisher,
            "URL": url,
        }
    )
    if record.pdf and record.pdf.page_count:
        item["number-of-pages"] = record.pdf.page_count
    return item


def page_url(path: str, site_url: str) -> str:
    """A page's address: absolute under SITEURL when it is set (`invoke publish`), else its path
    from the site's root, which is all an offline copy knows of itself."""
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def date_parts(date) -> list[int]:
    """As precise as the editor wrote it: [2023], [2023, 5] or [2023, 5, 10]."""
    parts = {"year": 1, "month": 2, "day": 3}[date.precision]
    return [date.value.year, date.value.month, date.value.day][:parts]


def csl_name(text: str) -> dict:
    """A person's name written "Family, Given" as such; anything else, organisations first of
    all, as a literal name that no style may cut into parts."""
    family, comma, given = text.partition(",")
    family, given = one_line(family), one_line(given)
    if comma and "," not in given and _surname(family) and _given_names(given):
        return {"family": family, "given": given}
    return {"literal": one_line(text)}


def _surname(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 3 and all(
        (word[0].isupper() or word in PARTICLES) and _name_word(word) for word in words
    )


def _given_names(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 3 and all(
        INITIAL.fullmatch(word) or (word[0].isupper() and _name_word(word)) for word in words
    )


def _name_word(word: str) -> bool:
    return not ACRONYM.fullmatch(word) and not any(c.isdigit() for c in word)


def one_line(text: str) -> str:
    """Citations are single lines: a title written over several lines becomes one."""
    return " ".join(str(text).split())
