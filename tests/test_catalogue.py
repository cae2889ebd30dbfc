"""The catalogue as a practitioner reads it: one entry per publication in the reader's language,
cards that say what each paper is, and facet values in the order of the page's language."""

import json
import re

import pytest

from pelicanconf import PAGINATED_TEMPLATES
from tests import pdfs
from tests.html_pages import Page
from tests.projects import add, build
from tests.test_build import RECORDS, shown

SUBSITES = {"en": "", "fr": "fr/", "es": "es/"}


def cards(page: Page):
    return page.find_all("li", class_="card")


@pytest.mark.parametrize("lang", SUBSITES)
def test_a_listing_has_one_card_per_publication_in_the_readers_language(demo_site, lang):
    listing = Page(demo_site / SUBSITES[lang] / "publications" / "index.html")

    titles = [card.find("h2").text for card in cards(listing)]

    assert titles == [
        r["title"] for r in shown(RECORDS, lang)[: PAGINATED_TEMPLATES["publications"]]
    ]
    assert len(set(titles)) == len(titles)


def test_a_card_shows_cover_facts_excerpt_and_every_version_with_its_pdf(demo_site):
    listing = Page(demo_site / "publications" / "index.html")
    for card in cards(listing):
        link = card.find("h2").find("a")
        record = next(
            r for r in RECORDS if demo_site / r["page"] == listing.resolve(link.attrs["href"])
        )
        cover = card.find("img", class_="cover")
        assert listing.resolve(cover.attrs["src"]).is_file()
        small, large = (part.split()[0] for part in cover.attrs["srcset"].split(","))
        assert small == cover.attrs["src"] and listing.resolve(large).is_file()
        assert int(cover.attrs["width"]) == 160 and int(cover.attrs["height"]) > 160
        assert cover.attrs["alt"] == f"Cover of {record['title']}"
        assert cover.attrs["loading"] == "lazy"

        facts = card.find("p", class_="publication-facts").text
        assert str(record["date"])[:4] in facts
        assert re.search(r"\d+ pages\s+·\s+\d+ kB", facts), facts
        assert card.find("p", class_="excerpt").text

        versions = [r for r in RECORDS if r["slug"] == record["slug"]]
        pages = {
            a.attrs["hreflang"]: listing.resolve(a.attrs["href"])
            for a in card.find_all("a", class_="version")
        }
        files = {
            a.attrs["hreflang"]: listing.resolve(a.attrs["href"])
            for a in card.find_all("a", class_="pdf-link")
        }
        assert pages == {r["lang"]: (demo_site / r["page"]).resolve() for r in versions}
        assert files == {r["lang"]: (demo_site / "pdf" / r["pdf"]).resolve() for r in versions}
        assert all(
            a.attrs["lang"] == a.attrs["hreflang"] for a in card.find_all("a", class_="version")
        )


def test_the_home_page_counts_publications_and_lists_each_once(demo_site):
    home = Page(demo_site / "fr" / "index.html")

    titles = [card.find("h3").text for card in cards(home)]

    assert titles == [record["title"] for record in shown(RECORDS, "fr")[:6]]
    assert home.find("form", role="search").find("input", type="search")


def facet_labels(page: Page, facet: str) -> list[str]:
    return [
        a.text
        for a in page.find_all("a")
        if re.search(rf"(^|/){facet}/[^/]+\.html$", a.attrs.get("href", ""))
        and not a.attrs["href"].endswith("index.html")
    ]


@pytest.mark.parametrize("lang", SUBSITES)
def test_facet_values_follow_the_pages_language_everywhere(demo_site, lang):
    folder = demo_site / SUBSITES[lang]
    search = Page(folder / "search.html")
    text = json.loads(search.find("script", id="search-text").text)
    for facet, name in [
        ("themes", "themes"),
        ("countries", "countries"),
        ("languages", "lang"),
        ("types", "type"),
    ]:
        listed = facet_labels(Page(folder / facet / "index.html"), facet)
        on_home = facet_labels(Page(folder / "index.html"), facet)
        searched = [text["values"][name][key] for key in text["order"][name]]
        assert listed == on_home == searched, facet
    years = [text["values"]["year"][key] for key in text["order"]["year"]]
    assert years == sorted(years, reverse=True)


def test_accented_names_sort_with_their_letter(demo_site):
    french = facet_labels(Page(demo_site / "fr" / "countries" / "index.html"), "countries")
    spanish = facet_labels(Page(demo_site / "es" / "languages" / "index.html"), "languages")

    assert french.index("Bénin") < french.index("Birmanie") < french.index("Burkina Faso")
    assert french.index("Népal") < french.index("Niger") and french.index("Pérou") < french.index(
        "Philippines"
    )
    assert spanish == ["árabe", "español", "francés", "inglés"]


def test_a_language_page_lists_the_versions_in_its_language_and_says_so(demo_site):
    french = Page(demo_site / "languages" / "fr.html")
    versions = [r for r in RECORDS if r["lang"] == "fr"]

    assert [card.find("h2").attrs["lang"] for card in cards(french)] == ["fr"] * len(versions)
    summary = french.find("p", class_="listing-summary").text
    assert summary.startswith(f"{len(versions)} language versions in this language")


def test_a_scan_is_marked_and_a_pdf_that_cannot_be_drawn_gets_a_placeholder(project):
    add(
        project, "scanned", title="A scanned report", make_pdf=pdfs.image_only_pdf, abstract="Text."
    )
    add(project, "broken", title="A broken file", make_pdf=pdfs.truncated_pdf, abstract="Text.")
    add(project, "typed", title="A typed paper")

    site = build(project)
    listing = Page(site / "publications" / "index.html")
    by_title = {card.find("h2").text: card for card in cards(listing)}

    scanned = by_title["A scanned report"]
    assert scanned.find("img", class_="cover")
    assert scanned.find(class_="no-text").text == "No searchable text"
    assert Page(site / "publications" / "scanned-en.html").find(class_="no-text")
    broken = by_title["A broken file"]
    assert not broken.find("img")
    placeholder = broken.find("div", class_="cover-placeholder")
    assert [span.text for span in placeholder.find_all("span")] == ["Policy brief", "English"]
    assert not by_title["A typed paper"].find(class_="no-text")
