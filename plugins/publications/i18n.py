"""The site's UI languages: one sub-site each, translated by gettext catalogues.

The default UI language is the site's root; every other one is a sub-site in its own folder
(`fr/`, `es/`) with the same pages, so a page's path inside its sub-site names the same page in
every language. Catalogues are `theme/translations/<lang>/LC_MESSAGES/messages.po`, compiled in
memory at each build so that a build never uses a stale `.mo`. Template text is written in
English, so English needs no catalogue.
"""

import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations
from jinja2 import pass_context

from .errors import ContentError, ContentErrors

SOURCE_LANGUAGE = "en"


def catalogue_path(folder: Path, lang: str) -> Path:
    return Path(folder) / lang / "LC_MESSAGES" / "messages.po"


def load_translations(folder: Path, lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of one UI language; raises ContentErrors naming the file."""
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    path = catalogue_path(folder, lang)
    if not path.is_file():
        message = (
            f"is missing; create it with 'invoke translations-init --lang {lang}' "
            f"or take '{lang}' out of UI_LANGUAGES"
        )
        raise ContentErrors([ContentError(str(path), message)])
    try:
        with path.open("rb") as file:
            catalogue = read_po(file, locale=lang, abort_invalid=True)
    except (PoFileError, ValueError) as exc:
        raise ContentErrors([ContentError(str(path), f"is not a valid catalogue: {exc}")]) from None
    # A translation that names other placeholders than its message would break every page.
    problems = [
        ContentError(str(path), f"{error}", message.lineno, first_id(message))
        for message, errors in catalogue.check()
        if not message.fuzzy  # fuzzy messages are left out of the compiled catalogue
        for error in errors
    ]
    if problems:
        raise ContentErrors(problems)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled)


def untranslated(folder: Path, lang: str) -> list[str]:
    """The messages of a catalogue that are empty or fuzzy (the build leaves both in English)."""
    with catalogue_path(folder, lang).open("rb") as file:
        catalogue = read_po(file, locale=lang)
    missing = []
    for message in catalogue:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and (message.fuzzy or not all(strings)):
            missing.append(first_id(message))
    return missing


def first_id(message) -> str:
    """A message's text: the singular of a message with plural forms."""
    return message.id if isinstance(message.id, str) else message.id[0]


def prefix(lang: str, default_lang: str) -> str:
    """The folder of a UI language's sub-site, relative to the site root."""
    return "" if lang == default_lang else f"{lang}/"


@pass_context
def link(context, path: str, lang: str | None = None) -> str:
    """A relative link to `path` in the sub-site of `lang` (the page's own UI language)."""
    lang = lang or context["UI_LANG"]
    return f"{context['SITEURL']}/{prefix(lang, context['DEFAULT_LANG'])}{path}"


@pass_context
def page_path(context, lang: str) -> str:
    """This page's path in the sub-site of `lang`."""
    own = prefix(context["UI_LANG"], context["DEFAULT_LANG"])
    return context["output_file"].removeprefix(own)


GLOBALS = {"link": link, "page_path": page_path}
