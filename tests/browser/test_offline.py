"""The site opened from a folder (file://), as from a USB stick: nothing leaves the folder."""

import functools
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from citations.packing import packed as packed_citations
from playwright.sync_api import expect

from bench.search_engines import result_links
from offline import layout
from offline.archive import write_zip
from tests.browser.test_reading_list import KEY, TITLES, listed

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


def test_the_unzipped_library_downloads_references_and_shows_the_reading_list(
    offline_page, demo_site, tmp_path, monkeypatch
):
    """The copy has no citation file of its own per version: the downloads come from the page's
    links, the reading list from packs (small here, so that it must find the right one)."""
    monkeypatch.setattr(layout, "packed_citations", functools.partial(packed_citations, most=4096))
    write_zip(demo_site, tmp_path / "library.zip")
    zipfile.ZipFile(tmp_path / "library.zip").extractall(tmp_path / "usb-stick")
    folder = tmp_path / "usb-stick" / "library"
    assert len(list((folder / "cite" / "p").glob("*.js"))) > 3
    page = offline_page

    page.goto((folder / "fr" / "publications" / "sectt-summary-paper-fr.html").as_uri())
    for name, ext in [("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json")]:
        with page.expect_download() as download:
            page.get_by_role("link", name=name, exact=True).click()
        assert download.value.suggested_filename == f"sectt-summary-paper-fr.{ext}"
        assert (
            download.value.path().read_bytes()
            == (demo_site / "cite" / f"sectt-summary-paper-fr.{ext}").read_bytes()
        )

    versions = sorted(TITLES)
    wanted = [versions[-1], versions[0], "no-longer-here-en", versions[len(versions) // 2]]
    page.evaluate(f"localStorage.setItem('{KEY}', JSON.stringify({json.dumps(wanted)}))")
    page.goto((folder / "reading-list.html").as_uri())

    assert listed(page) == wanted
    titles = page.eval_on_selector_all("#reading-list > li h2", "hs => hs.map(h => h.innerText)")
    assert [titles[n] for n in (0, 1, 3)] == [TITLES[wanted[n]] for n in (0, 1, 3)]
    assert "no-longer-here-en" in titles[2]
    page.wait_for_function(
        "[...document.querySelectorAll('#reading-list img.cover')].every(i => i.complete)"
    )
    widths = page.eval_on_selector_all(
        "#reading-list img.cover", "is => is.map(i => i.naturalWidth)"
    )
    assert widths and set(widths) == {320}  # the copy's one width
    assert page.outside == []
