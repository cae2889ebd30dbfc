"""Jinja filters the theme uses to show publication facts, formatted for the page's UI language."""

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from babel.units import format_unit
from jinja2 import pass_context

from .records import PublicationDate


@pass_context
def publication_date(context, date: PublicationDate) -> str:
    """10 May 2023, May 2023 or 2023 in the page's language, as precise as the editor wrote it."""
    locale = context["UI_LANG"]
    if date.precision == "year":
        return str(date.value.year)
    if date.precision == "month":
        return format_skeleton("yMMMM", date.value, locale=locale)
    return format_date(date.value, "long", locale=locale)


@pass_context
def day(context, value) -> str:
    """A day of the library's history (a datetime.date), in full in the page's language."""
    return format_date(value, "long", locale=context["UI_LANG"])


@pass_context
def filesize(context, size: int) -> str:
    locale = context["UI_LANG"]
    for unit, scale, pattern in (("megabyte", 1024**2, "#,##0.0"), ("kilobyte", 1024, "#,##0")):
        if size >= scale:
            return format_unit(size / scale, f"digital-{unit}", "short", pattern, locale=locale)
    return format_unit(size, "digital-byte", "long", locale=locale)


@pass_context
def number(context, value: int) -> str:
    return format_decimal(value, locale=context["UI_LANG"])


@pass_context
def in_ui_language(context, texts: dict[str, str]) -> str:
    """One text of a {language: text} setting: the page's language, else English."""
    return texts.get(context["UI_LANG"]) or texts["en"]


FILTERS = {
    "publication_date": publication_date,
    "day": day,
    "filesize": filesize,
    "number": number,
    "in_ui_language": in_ui_language,
}
