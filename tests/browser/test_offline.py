"""The site opened from a folder (file://), as from a USB stick: nothing leaves the folder."""

import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from bench.search_engines import result_links
from offline.archive import write_zip

pytestmark = pytest.mark.browser


@pytest.fixture
def offline_page(page):
    """A page whose requests to anything but a file are recorded and refused."""
    page.outside = []

    def refuse(route):
        page.outside.append(route.request.url)
        route.abort()

    page.context.route("http*://**/*", refuse)
    return page


def test_pages_search_and_the_policy_work_from_a_folder(offline_page, demo_site):
    page = offline_page
    page.goto((demo_site / "index.html").as_uri())
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "(window.violations = window.violations || []).push(e.blockedURI))"
    )

    page.get_by_role("searchbox", name="Search the library").fill("grooming")
    page.get_by_role("searchbox", name="Search the library").press("Enter")

    assert page.url.startswith((demo_site / "search.html").as_uri() + "?q=grooming")
    assert len(result_links(page)) >= 3
    assert page.evaluate("window.violations || []") == []
    blocked = page.evaluate(
        """() => new Promise(resolve => {
             document.addEventListener('securitypolicyviolation', e => resolve(e.blockedURI));
             const image = new Image();
             image.src = 'https://images.example.org/tracker.png';
             document.body.appendChild(image);
           })"""
    )
    assert blocked == "https://images.example.org/tracker.png"
    expect(page.locator("#results h3 a").first).to_be_visible()
    assert page.outside == []


def test_the_unzipped_library_browses_searches_and_opens_pdfs(offline_page, demo_site, tmp_path):
    write_zip(demo_site, tmp_path / "library.zip")
    zipfile.ZipFile(tmp_path / "library.zip").extractall(tmp_path / "usb-stick")
    folder = tmp_path / "usb-stick" / "library"  # the zip unpacks into one folder
    page = offline_page
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto((folder / "index.html").as_uri())
    page.get_by_role("link", name="Browse all publications").click()
    page.locator("#main .publication-title a").first.click()
    pdf = page.get_by_role("link", name="Download the PDF").evaluate("a => a.href")
    assert pdf.startswith(folder.as_uri()) and Path(unquote(urlsplit(pdf).path)).is_file()

    page.get_by_role("searchbox", name="Search the library").fill("trafficking")
    page.get_by_role("searchbox", name="Search the library").press("Enter")
    result_links(page)
    page.get_by_role("group", name="Languages").get_by_role(
        "checkbox", name=re.compile("^English")
    ).check()
    first = result_links(page)[0]
    page.locator("#results h3 a").first.click()

    assert page.url == (folder / first).as_uri()
    assert page.outside == []
    assert all(url.startswith(folder.as_uri()) for url in requests)
