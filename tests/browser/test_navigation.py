"""A reader's path through the demo library in real Chromium: home, listing, publication, PDF."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def test_home_to_listing_to_publication_to_pdf(page, site_url):
    page.goto(f"{site_url}/index.html")
    expect(page.locator("h1")).to_have_text("Child Protection Publication Library")

    page.get_by_role("link", name="Browse all publications").click()
    expect(page).to_have_url(f"{site_url}/publications/index.html")
    first = page.locator("#main .publication-title a").first
    title = first.inner_text()
    first.click()

    expect(page.locator("h1")).to_have_text(title)
    assert re.search(r"/publications/[a-z0-9-]+-[a-z]{2}\.html$", page.url)
    with page.expect_response(re.compile(r"\.pdf$")) as response_info:
        page.get_by_role("link", name="Download the PDF").click()
    response = response_info.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    # The page shows Chromium's PDF viewer; the file itself is fetched again to compare bytes.
    name = response.url.rsplit("/", 1)[1]
    served = page.context.request.get(response.url).body()
    assert served == (ROOT / "publications" / name).read_bytes()


def test_available_in_leads_to_the_other_language_version(page, site_url):
    page.goto(f"{site_url}/publications/sectt-summary-paper-en.html")

    versions = page.get_by_role("navigation", name="Available in")
    versions.get_by_role("link", name="Español", exact=True).click()

    expect(page).to_have_url(f"{site_url}/publications/sectt-summary-paper-es.html")
    expect(page.locator("h1")).to_have_attribute("lang", "es")


def test_the_pages_work_by_keyboard_alone(page, site_url):
    page.goto(f"{site_url}/index.html")

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("searchbox", name="Search the library")).to_be_focused()
    page.keyboard.press("Tab")  # its button
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Browse all publications")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{site_url}/publications/index.html")


def test_a_publication_page_reads_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{site_url}/publications/sectt-summary-paper-fr.html")

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    button = page.get_by_role("link", name="Download the PDF").bounding_box()
    assert button["x"] >= 0 and button["x"] + button["width"] <= 360
    context.close()
