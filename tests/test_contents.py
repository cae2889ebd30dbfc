"""Contents from the PDF's outline on the publication page: each heading opens the PDF at its
page."""

import functools

from tests import pdfs
from tests.html_pages import Page
from tests.projects import add, build

SECTIONS = [
    (0, "Avant-propos"),
    (0, "Introduction"),
    (1, "Les lois sur la sollicitation"),  # nested in the outline; listed flat
    (0, "Recommandations"),
]
RECORD = """---
title: "Rapport sur la sollicitation d'enfants en ligne"
lang: fr
date: 2024-03-01
type: research-report
themes: [online-exploitation]
pdf: rapport.pdf
---
Un rapport.
"""


def contents(page: Page) -> list[tuple[str, str, str, str]]:
    """(heading, link, heading's lang, page label) of each entry of the page's contents."""
    nav = page.find_all("nav", class_="contents")
    if not nav:
        return []
    return [
        (item.find("a").text, item.find("a").attrs["href"], item.find("a").attrs["lang"],
         item.find("span", class_="contents-page").text)
        for item in nav[0].find_all("li")
    ]  # fmt: skip


def test_each_heading_of_the_outline_links_to_its_page_of_the_pdf(project):
    pdfs.outlined_pdf(project / "publications" / "rapport.pdf", SECTIONS, front_matter=1)
    (project / "content" / "publications" / "rapport.fr.md").write_text(RECORD, "utf-8")

    site = build(project)

    page = Page(site / "publications" / "rapport-fr.html")
    assert contents(page) == [
        ("Avant-propos", "../pdf/rapport.pdf#page=1", "fr", "page i"),
        ("Introduction", "../pdf/rapport.pdf#page=2", "fr", "page 1"),
        ("Les lois sur la sollicitation", "../pdf/rapport.pdf#page=3", "fr", "page 2"),
        ("Recommandations", "../pdf/rapport.pdf#page=4", "fr", "page 3"),
    ]
    assert page.resolve("../pdf/rapport.pdf").is_file()
    assert page.find("h2", id="contents-heading").text == "Contents"
    # In a French page, the same links.
    french = Page(site / "fr" / "publications" / "rapport-fr.html")
    assert [entry[1] for entry in contents(french)] == [
        "../../pdf/rapport.pdf#page=1",
        "../../pdf/rapport.pdf#page=2",
        "../../pdf/rapport.pdf#page=3",
        "../../pdf/rapport.pdf#page=4",
    ]


def test_a_pdf_without_an_outline_gets_no_contents(project):
    add(project, "plain", title="A paper with no outline")
    outlined = functools.partial(pdfs.outlined_pdf, sections=[(0, "Summary"), (0, "Annex")])
    add(project, "outlined", title="A paper with an outline", make_pdf=outlined)

    site = build(project)

    plain = Page(site / "publications" / "plain-en.html")
    assert contents(plain) == []
    assert not plain.find_all("h2", id="contents-heading")
    assert [entry[:2] for entry in contents(Page(site / "publications" / "outlined-en.html"))] == [
        ("Summary", "../pdf/outlined.pdf#page=1"),
        ("Annex", "../pdf/outlined.pdf#page=2"),
    ]
