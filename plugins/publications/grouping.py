"""One entry per publication: listings show each publication once, in the reader's language.

A publication is the set of its language versions (records that share a slug). A listing shows
the version in the page's UI language when there is one, else the original: the version
published first, and on the same date the one in the site's default language.
"""

from .records import Publication


def original(versions: list[Publication], default_lang: str) -> Publication:
    return min(versions, key=lambda v: (v.date.value, v.lang.key != default_lang, v.lang.key))


def shown_version(record: Publication, ui_lang: str, default_lang: str) -> Publication:
    """The version of `record`'s publication that a reader of `ui_lang` is shown."""
    for version in record.versions:
        if version.lang.key == ui_lang:
            return version
    return original(record.versions, default_lang)


def one_per_publication(
    records: list[Publication], ui_lang: str, default_lang: str
) -> list[Publication]:
    """Each publication that has a version among `records` once, as shown in `ui_lang`, newest
    first (by the date of the version shown)."""
    shown = {}
    for record in records:
        if record.slug not in shown:
            shown[record.slug] = shown_version(record, ui_lang, default_lang)
    return sorted(shown.values(), key=lambda r: (r.date.value, r.title), reverse=True)
