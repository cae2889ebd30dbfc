"""The catalogue in Chromium as a practitioner uses it: results that list each publication once,
counts of publications, covers that load, the filters behind a button on a phone, and a search
box that stays on one row in every UI language."""

import re

import pytest
from playwright.sync_api import expect
from search.engine import SearchIndex

from bench.search_engines import leading_urls, result_links

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SUBSITES = {"en": "", "fr": "fr/", "es": "es/"}


@pytest.fixture(scope="module")
def reference(demo_site):
    return SearchIndex(demo_site / "whoosh")


def test_results_list_each_publication_once_with_its_other_versions(page, site_url, reference):
    found = reference.search("exploitation", limit=None)
    assert len(found.leading()) < found.total  # several versions of one publication match

    page.goto(f"{site_url}/search.html?q=exploitation")

    assert result_links(page) == leading_urls(found)
    count = len(found.leading())
    expect(page.locator("#search-status")).to_have_text(f"{count} results")
    first = page.locator("#results .card").first
    versions = found.hits[0].slug
    languages = {hit.lang for hit in found.hits if hit.slug == versions}
    links = first.locator(".available-in a.version")
    assert {links.nth(n).get_attribute("hreflang") for n in range(links.count())} >= languages
    pdf = first.locator(".available-in a.pdf-link").first
    assert pdf.get_attribute("href").endswith(".pdf")


def test_facet_counts_count_publications(page, site_url, reference):
    page.goto(f"{site_url}/search.html?q=exploitation")
    result_links(page)
    themes = page.get_by_role("group", name="Themes")
    label = themes.locator("label").first
    value = label.locator("input").get_attribute("value")
    shown = int(label.locator(".count").inner_text())

    found = reference.search("exploitation", {"themes": [value]}, limit=None)

    assert shown == len(found.leading())
    label.locator("input").check()
    expect(page.locator("#search-status")).to_have_text(
        f"{shown} result" if shown == 1 else f"{shown} results"
    )


def test_result_cards_show_a_cover_that_loads_and_the_facts(page, site_url):
    page.goto(f"{site_url}/search.html?q=trafficking")
    result_links(page)
    card = page.locator("#results .card").first

    cover = card.locator("img.cover")
    expect(cover).to_have_attribute("alt", re.compile("^Cover of "))
    cover.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=cover.element_handle()
    )
    assert cover.evaluate("img => img.naturalWidth") in (160, 320)
    facts = card.locator(".publication-facts").inner_text()
    assert "pages" in facts and "kB" in facts
    expect(card.locator(".excerpt")).not_to_be_empty()


@pytest.mark.parametrize("lang", SUBSITES)
def test_on_a_phone_the_filters_open_from_a_button_above_the_results(browser, site_url, lang):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{site_url}/{SUBSITES[lang]}search.html?q=children&themes=trafficking")
    result_links(page)
    toggle = page.locator("#filters-toggle")
    facets = page.locator("#search-facets-section")

    expect(toggle).to_be_visible()
    expect(toggle).to_contain_text("(1)")
    expect(facets).to_be_hidden()
    toggle.click()

    expect(facets).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert facets.bounding_box()["y"] < page.locator("#results").bounding_box()["y"]
    page.close()


@pytest.mark.parametrize("lang", SUBSITES)
@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, PHONE], ids=["wide", "phone"])
def test_the_header_is_compact_and_its_search_box_keeps_to_one_row(
    browser, demo_site, lang, viewport
):
    page = browser.new_page(viewport=viewport)
    publication = next((demo_site / "publications").glob("*-en.html")).name
    page.goto((demo_site / SUBSITES[lang] / "publications" / publication).as_uri())

    field = page.locator("#site-search").bounding_box()
    button = page.locator(".site-search button").bounding_box()
    header = page.locator(".site-header").bounding_box()

    assert abs(field["y"] - button["y"]) < 2 and button["x"] > field["x"]
    assert header["height"] <= 0.25 * viewport["height"]
    name = page.locator(".site-name").inner_text()
    assert page.get_by_text(name, exact=True).filter(visible=True).count() == 1
    page.goto((demo_site / SUBSITES[lang] / "index.html").as_uri())
    assert page.get_by_text(name, exact=True).filter(visible=True).count() == 1
    page.close()


@pytest.mark.parametrize("lang", SUBSITES)
def test_the_home_page_and_the_listings_start_with_a_search_box(page, demo_site, lang):
    for path in ("index.html", "publications/index.html", "themes/trafficking.html"):
        page.goto((demo_site / SUBSITES[lang] / path).as_uri())
        box = page.locator("main form[role=search] input[type=search]")
        expect(box).to_be_visible()
    expect(page.locator("header nav a[href$='search.html']")).to_have_count(1)
    # A term page's box searches that term's publications.
    box.fill("children")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"search\.html\?q=children&themes=trafficking$"))
    result_links(page)
