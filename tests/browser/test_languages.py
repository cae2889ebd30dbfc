"""The UI languages and right-to-left content in real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from bench.search_engines import result_links
from tests.test_build import RECORDS, newest_first

pytestmark = pytest.mark.browser


def test_the_switcher_keeps_the_reader_on_the_same_page(page, site_url):
    page.goto(f"{site_url}/themes/trafficking.html")
    switcher = page.get_by_role("navigation", name="Language of the site")

    switcher.get_by_role("link", name="Français").click()

    expect(page).to_have_url(f"{site_url}/fr/themes/trafficking.html")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_text("Traite")
    page.get_by_role("navigation", name="Langue du site").get_by_role(
        "link", name="Español"
    ).click()
    expect(page).to_have_url(f"{site_url}/es/themes/trafficking.html")
    expect(page.locator("h1")).to_have_text("Trata")


def test_a_french_reader_finds_every_version_of_a_publication(page, site_url):
    page.goto(f"{site_url}/fr/publications/online-exploitation-summary-paper-fr.html")
    versions = page.get_by_role("navigation", name="Disponible en")

    expect(versions.locator("a.version")).to_have_text(["العربية", "English"])
    expect(versions.locator("a.pdf-link")).to_have_count(3)  # each version's PDF, this one's too
    versions.get_by_role("link", name="العربية", exact=True).click()

    expect(page).to_have_url(
        f"{site_url}/fr/publications/online-exploitation-summary-paper-ar.html"
    )
    expect(page.get_by_role("link", name="Télécharger le PDF")).to_be_visible()


def direction(page, selector: str) -> str:
    return page.locator(selector).first.evaluate("e => getComputedStyle(e).direction")


@pytest.mark.parametrize("subsite", ["", "fr/"])
def test_arabic_content_reads_right_to_left_in_a_left_to_right_ui(page, site_url, subsite):
    page.goto(f"{site_url}/{subsite}publications/online-exploitation-summary-paper-ar.html")

    assert direction(page, "h1") == "rtl"
    assert direction(page, ".abstract p") == "rtl"
    assert direction(page, "body") == "ltr"
    assert direction(page, ".publication-aside") == "ltr"
    # The title's text starts at the right edge of its box.
    title = page.locator("h1").evaluate(
        """h1 => { const range = document.createRange(); range.selectNodeContents(h1);
                   const text = range.getBoundingClientRect(), box = h1.getBoundingClientRect();
                   return [box.right - text.right, text.left - box.left]; }"""
    )
    assert title[0] < 2 and title[1] >= 0


def test_arabic_titles_in_listings_read_right_to_left(page, site_url):
    page.goto(f"{site_url}/es/languages/ar.html")

    title = page.locator(".publication-title").first
    expect(title).to_have_attribute("dir", "rtl")
    assert title.evaluate("e => getComputedStyle(e).direction") == "rtl"
    expect(page.locator("html")).to_have_attribute("lang", "es")


LISTED = {
    "fr": ("Langues affichées", "Uniquement en français"),
    "es": ("Idiomas mostrados", "Solo en español"),
}


@pytest.mark.parametrize("lang", LISTED)
def test_a_listing_leads_to_its_publications_in_the_ui_language_only(page, site_url, lang):
    page.goto(f"{site_url}/{lang}/themes/trafficking.html")
    choice, only = LISTED[lang]

    page.get_by_role("navigation", name=choice).get_by_role("link", name=only).click()

    on_trafficking = [r for r in newest_first(RECORDS) if "trafficking" in r["themes"]]
    expected = [r["page"] for r in on_trafficking if r["lang"] == lang]
    assert result_links(page) == expected and expected
    expect(page.get_by_role("checkbox", name=re.compile("^(Traite|Trata)"))).to_be_checked()
