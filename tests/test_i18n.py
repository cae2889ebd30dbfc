"""Catalogues of the UI languages, and facts formatted for each of them."""

import datetime

import pytest
from jinja2 import Environment
from publications.errors import ContentErrors
from publications.filters import FILTERS
from publications.i18n import GLOBALS, load_translations, untranslated
from publications.records import PublicationDate

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

msgid "Home"
msgstr "Accueil"

#, fuzzy
msgid "Abstract"
msgstr "Abrégé"

msgid "Authors"
msgstr ""

msgid "%(num)s page"
msgid_plural "%(num)s pages"
msgstr[0] "%(num)s page"
msgstr[1] "%(num)s pages"
"""


@pytest.fixture
def catalogues(tmp_path):
    folder = tmp_path / "translations"
    (folder / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (folder / "fr" / "LC_MESSAGES" / "messages.po").write_text(PO, encoding="utf-8")
    return folder


def test_a_catalogue_is_compiled_without_its_fuzzy_or_empty_messages(catalogues):
    french = load_translations(catalogues, "fr")

    assert french.gettext("Home") == "Accueil"
    assert french.gettext("Abstract") == "Abstract"
    assert french.gettext("Authors") == "Authors"
    assert french.ngettext("%(num)s page", "%(num)s pages", 0) == "%(num)s page"
    assert untranslated(catalogues, "fr") == ["Abstract", "Authors"]


def test_english_needs_no_catalogue(catalogues):
    assert load_translations(catalogues, "en").gettext("Home") == "Home"


def test_a_broken_catalogue_names_its_file(catalogues):
    path = catalogues / "fr" / "LC_MESSAGES" / "messages.po"
    path.write_text(PO.replace('msgstr "Accueil"', 'msgstr: "Accueil"'), encoding="utf-8")

    with pytest.raises(ContentErrors) as caught:
        load_translations(catalogues, "fr")

    assert str(caught.value.errors[0]).startswith(f"{path}: is not a valid catalogue")


def test_a_translation_with_other_placeholders_is_an_error(catalogues):
    path = catalogues / "fr" / "LC_MESSAGES" / "messages.po"
    path.write_text(PO.replace('msgstr[1] "%(num)s pages"', 'msgstr[1] "%(nombre)s pages"'))

    with pytest.raises(ContentErrors) as caught:
        load_translations(catalogues, "fr")

    assert [str(error) for error in caught.value.errors] == [
        f"{path}:16: %(num)s page: unknown named placeholder 'nombre'"
    ]


def render(source: str, lang: str, **values) -> str:
    env = Environment()
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    context = {"UI_LANG": lang, "DEFAULT_LANG": "en", "SITEURL": "..", **values}
    return env.from_string(source).render(context)


@pytest.mark.parametrize(
    "lang, day, month, size, count",
    [
        ("en", "May 10, 2023", "May 2023", "1.5 MB", "12,345"),
        ("fr", "10 mai 2023", "mai 2023", "1,5\u202fMo", "12\u202f345"),
        ("es", "10 de mayo de 2023", "mayo de 2023", "1,5 MB", "12.345"),
    ],
)
def test_dates_sizes_and_numbers_follow_the_ui_language(lang, day, month, size, count):
    value = datetime.date(2023, 5, 10)
    template = "{{ d | publication_date }}|{{ m | publication_date }}|{{ y | publication_date }}"
    dates = dict(
        d=PublicationDate(value, "day"),
        m=PublicationDate(value, "month"),
        y=PublicationDate(value, "year"),
    )

    assert render(template, lang, **dates) == f"{day}|{month}|2023"
    assert render("{{ 1572864 | filesize }}", lang) == size
    assert render("{{ 12345 | number }}", lang) == count


def test_links_lead_into_the_sub_site_of_a_ui_language():
    assert render("{{ link('themes/index.html') }}", "en") == "../themes/index.html"
    assert render("{{ link('themes/index.html') }}", "fr") == "../fr/themes/index.html"
    assert render("{{ link('index.html', 'es') }}", "fr") == "../es/index.html"


def test_site_texts_come_in_the_ui_language_or_english():
    texts = {"en": "Library", "fr": "Bibliothèque"}

    assert render("{{ texts | in_ui_language }}", "fr", texts=texts) == "Bibliothèque"
    assert render("{{ texts | in_ui_language }}", "es", texts=texts) == "Library"
