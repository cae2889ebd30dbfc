"""The site in each UI language: sub-sites, the language switcher, translated text, labels,
dates, right-to-left content, per-language listings and feeds."""

import codecs
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from babel.messages.pofile import read_po

from pelicanconf import SITE_NAMES
from tasks import BuildError, build_site
from tests.conftest import ROOT
from tests.html_pages import Page
from tests.projects import add
from tests.test_build import RECORDS, newest_first

SUBSITES = {"en": "", "fr": "fr/", "es": "es/"}
TRANSLATIONS = ROOT / "theme" / "translations"


def pages_of(site: Path, lang: str) -> list[Path]:
    root = site / SUBSITES[lang]
    others = [site / prefix for prefix in SUBSITES.values() if prefix and prefix != SUBSITES[lang]]
    return sorted(
        path
        for path in root.rglob("*.html")
        if not any(path.is_relative_to(other) for other in others)
    )


def switcher_links(page: Page) -> dict[str, Path]:
    """The UI language switcher: the languages of the site and where each link leads."""
    return {
        a.attrs["hreflang"]: page.resolve(a.attrs["href"])
        for a in page.find_all("a")
        if "hreflang" in a.attrs and "class" not in a.attrs
    }


def test_every_page_exists_in_every_ui_language(demo_site):
    def names(lang):
        root = demo_site / SUBSITES[lang]
        return {path.relative_to(root).as_posix() for path in pages_of(demo_site, lang)}

    assert names("en") == names("fr") == names("es")
    assert len(names("fr")) > 100


@pytest.mark.parametrize("lang", SUBSITES)
def test_the_switcher_lands_on_the_same_page_in_the_other_language(demo_site, lang):
    for path in pages_of(demo_site, lang):
        page = Page(path)
        links = switcher_links(page)
        assert set(links) == set(SUBSITES) - {lang}, path
        here = path.relative_to(demo_site / SUBSITES[lang]).as_posix()
        for other, target in links.items():
            assert target == (demo_site / SUBSITES[other] / here).resolve()
            assert target.is_file(), f"{path}: {target}"
            back = switcher_links(Page(target))[lang]
            assert back == (demo_site / SUBSITES[lang] / here).resolve()


class TextNodes(HTMLParser):
    """Every text a reader sees or hears: text nodes and the attributes read aloud."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []

    def handle_starttag(self, tag, attrs):
        spoken = {"title", "aria-label", "alt", "placeholder"}
        self.texts += [value for name, value in attrs if name in spoken and value]

    def handle_data(self, data):
        if data.strip():
            self.texts.append(" ".join(data.split()))


def english_messages(lang: str) -> list[re.Pattern]:
    """The template text that the catalogue of `lang` translates differently, as patterns."""
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as file:
        catalogue = read_po(file, locale=lang)
    patterns = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            if msgid not in strings:
                text = re.escape(" ".join(msgid.split()))
                patterns.append(re.compile(re.sub(r"%\\\(\w+\\\)[sd]", ".+?", text)))
    return patterns


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_no_template_text_is_left_in_english(demo_site, lang):
    patterns = english_messages(lang)
    assert len(patterns) > 30
    for path in pages_of(demo_site, lang):
        nodes = TextNodes()
        nodes.feed(path.read_text(encoding="utf-8"))
        for text in nodes.texts:
            found = [p.pattern for p in patterns if p.fullmatch(text)]
            assert not found, f"{path}: {text!r} is English template text"


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_message_is_translated(lang):
    from publications.i18n import untranslated

    assert untranslated(TRANSLATIONS, lang) == []


def test_the_message_catalogue_is_up_to_date_with_the_templates(tmp_path):
    from babel.messages.frontend import CommandLineInterface

    fresh = tmp_path / "messages.pot"
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-o", str(fresh), str(ROOT)]
    )

    def ids(path):
        with path.open("rb") as file:
            return {message.id for message in read_po(file) if message.id}

    assert ids(fresh) == ids(TRANSLATIONS / "messages.pot"), "run 'invoke translations-update'"


@pytest.mark.parametrize(
    "lang, label, date",
    [
        ("en", "Trafficking", "May 10, 2023"),
        ("fr", "Traite", "10 mai 2023"),
        ("es", "Trata", "10 de mayo de 2023"),
    ],
)
def test_labels_and_dates_are_in_the_ui_language(demo_site, vocabulary, lang, label, date):
    assert vocabulary.themes["trafficking"].label(lang) == label
    theme = Page(demo_site / SUBSITES[lang] / "themes" / "trafficking.html")
    paper = Page(demo_site / SUBSITES[lang] / "publications" / "sectt-summary-paper-en.html")

    assert theme.find("h1").text == label
    assert theme.find("html").attrs == {"lang": lang, "dir": "ltr"}
    assert paper.find("time").text == date
    assert paper.find("h1").attrs["lang"] == "en"


def test_right_to_left_content_is_marked_inside_a_left_to_right_ui(demo_site):
    arabic = [r for r in RECORDS if r["lang"] == "ar"]
    assert arabic, "the demo library has an Arabic publication"
    for lang in SUBSITES:
        page = Page(demo_site / SUBSITES[lang] / arabic[0]["page"])
        assert page.find("html").attrs["dir"] == "ltr"
        assert page.find("h1").attrs == {"lang": "ar", "dir": "rtl"}
        assert page.find("div", lang="ar").attrs["dir"] == "rtl"
        assert page.find("span", **{"aria-current": "page"}).text == "العربية"


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_listings_show_all_languages_and_lead_to_the_ui_language_only(demo_site, lang):
    everything = Page(demo_site / lang / "publications" / "index.html")
    trafficking = Page(demo_site / lang / "themes" / "trafficking.html")
    overviews = Page(demo_site / lang / "types" / "country-overview.html")
    in_arabic = Page(demo_site / lang / "languages" / "ar.html")

    assert {h2.attrs["lang"] for h2 in everything.find_all("h2", class_="publication-title")} > {
        lang
    }
    # Counts are of publications: all of them, and those with a version in the UI language.
    slugs = {r["slug"] for r in RECORDS}
    in_lang = {r["slug"] for r in RECORDS if r["lang"] == lang}
    assert only_link(everything) == ("search.html", f"lang={lang}", len(slugs), len(in_lang))
    on_trafficking = {r["slug"] for r in RECORDS if "trafficking" in r["themes"]}
    assert only_link(trafficking) == (
        "search.html",
        f"themes=trafficking&lang={lang}",
        len(on_trafficking),
        len(on_trafficking & in_lang),
    )
    assert only_link(overviews)[1] == f"type=country-overview&lang={lang}"
    assert not in_arabic.find_all("nav", class_="language-choice")


def only_link(page: Page) -> tuple[str, str, int, int]:
    """Where a listing's "only in the UI language" leads: the UI language's search page and its
    filters; then the counts the listing announces, of all languages and of the UI language."""
    [link] = [a for a in page.find_all("a") if "search.html?" in a.attrs.get("href", "")]
    url = urlsplit(link.attrs["href"])
    assert page.resolve(url.path) == page.path.parent.parent.joinpath("search.html").resolve()
    counts = [int(span.text) for span in page.find_all("span", class_="count")]
    return url.path.rsplit("/", 1)[-1], url.query, *counts


def test_each_publication_language_has_an_atom_feed_of_its_publications(demo_site):
    atom = "{http://www.w3.org/2005/Atom}"
    for lang in {r["lang"] for r in RECORDS}:
        path = demo_site / "feeds" / f"{lang}.atom.xml"
        feed = ET.parse(path).getroot()
        entries = feed.findall(f"{atom}entry")
        expected = newest_first([r for r in RECORDS if r["lang"] == lang])

        assert [e.findtext(f"{atom}title") for e in entries] == [r["title"] for r in expected]
        for entry, record in zip(entries, expected, strict=True):
            target = (path.parent / entry.find(f"{atom}link").get("href")).resolve()
            assert target == (demo_site / SUBSITES.get(lang, "") / record["page"]).resolve()
        # Ids are URNs of their own, not made from the links (which have no host here).
        ids = [e.findtext(f"{atom}id") for e in entries] + [feed.findtext(f"{atom}id")]
        assert all(id.startswith("urn:uuid:") for id in ids) and len(set(ids)) == len(ids)
    french = Page(demo_site / "fr" / "index.html")
    feed_link = french.find("link", type="application/atom+xml")
    assert (
        french.resolve(feed_link.attrs["href"]) == (demo_site / "feeds" / "fr.atom.xml").resolve()
    )


OPEN = (
    "Then open the file %(file)s (double-click it). The library opens in your web browser and "
    "works without the internet: browse, search and open every PDF."
)


def test_the_readme_at_the_root_says_what_to_open_in_every_ui_language(demo_site):
    raw = (demo_site / "README.txt").read_bytes()
    text = " ".join(raw.decode("utf-8-sig").split())
    opens = {
        "en": "Then open the file index.html",
        "fr": "Ouvrez ensuite le fichier fr/index.html",
        "es": "Luego abra el archivo es/index.html",
    }

    assert raw.startswith(codecs.BOM_UTF8) and b"\n" not in raw.replace(b"\r\n", b"")
    places = [text.index(SITE_NAMES[lang]) for lang in SUBSITES]
    assert places == sorted(places)
    for lang, start in zip(SUBSITES, places, strict=True):
        assert text.index(opens[lang]) > start
    assert "Extract the whole zip" not in text[places[1] :]


def german_catalogue(folder: Path) -> None:
    """A new UI language: a catalogue made from the template, partly translated."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    with (TRANSLATIONS / "messages.pot").open("rb") as file:
        template = read_po(file)
    catalogue = Catalog(locale="de")
    catalogue.update(template)
    catalogue["Home"].string = "Startseite"
    catalogue[OPEN].string = "Öffnen Sie dann die Datei %(file)s (Doppelklick)."
    (folder / "de" / "LC_MESSAGES").mkdir(parents=True)
    with (folder / "de" / "LC_MESSAGES" / "messages.po").open("wb") as file:
        write_po(file, catalogue)


def test_a_new_ui_language_is_a_catalogue_and_a_setting(project, tmp_path, capfd):
    add(project, "brief")
    translations = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, translations)
    german_catalogue(translations)
    settings = {"UI_LANGUAGES": ["en", "fr", "es", "de"], "TRANSLATIONS_PATH": str(translations)}

    build_site(project / "output", project=project, extra=settings)

    home = Page(project / "output" / "de" / "index.html")
    assert home.find("html").attrs["lang"] == "de"
    assert "Startseite" in [a.text for a in home.find_all("a", href="../de/index.html")]
    brief = Page(project / "output" / "de" / "publications" / "brief-en.html")
    assert brief.find("time").text == "15. Januar 2024"
    assert brief.find("a", href="../../de/types/policy-brief.html").text == "Policy brief"
    assert "no 'de' label for summary-paper, " in capfd.readouterr().err
    readme = (project / "output" / "README.txt").read_text(encoding="utf-8-sig")
    assert "Öffnen Sie dann die Datei de/index.html" in " ".join(readme.split())


def test_a_ui_language_without_a_catalogue_is_an_error(project, capfd):
    add(project, "brief")

    with pytest.raises(BuildError):
        build_site(project / "output", project=project, extra={"UI_LANGUAGES": ["en", "de"]})

    assert (
        "theme/translations/de/LC_MESSAGES/messages.po: is missing; "
        "create it with 'invoke translations-init --lang de' or take 'de' out of UI_LANGUAGES"
    ) in capfd.readouterr().err
