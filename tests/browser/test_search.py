"""Search in real Chromium, from file:// and over HTTP: agreement with the reference engine,
typing, facets, phrases, exclusions, "did you mean", history, PDF pages, the keyboard."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from search.engine import SearchIndex

from bench.search_queries import (
    agreement,
    browser_results,
    query_set,
    reference_results,
    result_links,
)
from bench.synthetic_library import library
from tasks import build_site
from tests.projects import add, make_project
from tests.test_build import RECORDS, newest_first

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def reference(demo_site):
    return SearchIndex(demo_site / "whoosh")


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory):
    """A generated library of 12 publications of 10 to 120 pages."""
    folder = tmp_path_factory.mktemp("generated") / "library"
    library(folder, 12, 5)
    build_site(folder / "output", project=folder)
    return folder / "output"


@pytest.fixture
def errors(page):
    found = []
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


@pytest.mark.parametrize("library_name", ["demo", "generated"])
def test_the_browser_ranks_as_the_reference_engine(request, page, errors, library_name):
    site = request.getfixturevalue("demo_site" if library_name == "demo" else "generated_site")
    index = SearchIndex(site / "whoosh")
    queries = query_set(index)

    measured = agreement(
        reference_results(index, queries),
        browser_results(page, (site / "search.html").as_uri(), queries),
    )

    assert measured["queries"] >= 50
    assert measured["overlap"] >= 0.9 and measured["same_first"] >= 0.95, measured
    assert errors == []


def test_results_update_while_typing_with_the_last_word_as_a_prefix(page, site_url, reference):
    page.goto(f"{site_url}/search.html")
    page.get_by_label("Words to search for").press_sequentially("traffick", delay=30)

    expect(page.locator("#search-status")).to_contain_text("result")
    expected = [hit.url for hit in reference.search("traffick*").hits]
    assert result_links(page) == expected and expected
    assert parse_qs(urlsplit(page.url).query)["q"] == ["traffick"]


def test_facets_narrow_the_results_and_show_live_counts(page, site_url, reference):
    page.goto(f"{site_url}/search.html?q=children")
    result_links(page)
    themes = page.get_by_role("group", name="Themes")
    box = themes.get_by_role("checkbox", name=re.compile("^Trafficking"))
    count = int(box.locator("xpath=..").locator(".count").inner_text())

    box.check()

    expected = reference.search("children", {"themes": ["trafficking"]}, limit=10)
    assert result_links(page) == [hit.url for hit in expected.hits]
    assert expected.total == count
    assert "themes=trafficking" in page.url
    page.get_by_role("group", name="Languages").get_by_role(
        "checkbox", name=re.compile("^English")
    ).check()
    both = reference.search("children", {"themes": ["trafficking"], "lang": ["en"]})
    assert result_links(page) == [hit.url for hit in both.hits]


def test_phrases_and_exclusions(page, site_url, reference):
    for query in ['"child marriage"', "tourism -hotel", "grooming OR sextortion"]:
        page.goto(f"{site_url}/search.html?q={query}")
        assert result_links(page) == [hit.url for hit in reference.search(query).hits]
    assert len(result_links(page)) >= 2


def test_did_you_mean_offers_the_librarys_word(page, site_url):
    page.goto(f"{site_url}/search.html?q=exploitaton")
    result_links(page)
    expect(page.locator("#search-status")).to_have_text("No publication matches “exploitaton”.")

    page.locator("#search-suggestion").get_by_role("link", name="exploitation").click()

    expect(page.get_by_label("Words to search for")).to_have_value("exploitation")
    assert len(result_links(page)) == 10


def test_back_and_forward_restore_the_search(page, site_url):
    page.goto(f"{site_url}/search.html?q=tourism")
    first = result_links(page)
    box = page.get_by_label("Words to search for")
    box.fill("marriage")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"q=marriage"))
    second = result_links(page)

    page.go_back()
    expect(box).to_have_value("tourism")
    assert result_links(page) == first
    page.go_forward()
    expect(box).to_have_value("marriage")
    assert result_links(page) == second != first


def test_a_result_opens_its_pdf_at_the_best_page(page, site_url, demo_site, reference):
    page.goto(f"{site_url}/search.html?q=earthquakes")
    result_links(page)
    hit = reference.search("earthquakes").hits[0]
    link = page.locator("#results .open-at-page").first

    expect(link).to_have_text(f"Open the PDF at page {hit.pages[0]}")
    href = link.get_attribute("href")
    path, fragment = href.split("#")
    assert fragment == f"page={hit.pages[0]}"
    assert (demo_site / path.removeprefix("./")).is_file()
    expect(page.locator("#results .snippet mark").first).to_have_text(
        re.compile("earthquakes", re.IGNORECASE)
    )


def test_without_words_results_come_newest_first_and_the_sort_waits(page, site_url):
    page.goto(f"{site_url}/search.html?themes=trafficking&sort=relevance")
    shown = result_links(page)
    sort = page.get_by_label("Sort by")

    expect(sort).to_be_disabled()
    expect(sort).to_have_value("date")
    page.get_by_label("Words to search for").fill("children")
    page.get_by_label("Words to search for").press("Enter")
    result_links(page)
    expect(sort).to_be_enabled()
    expect(sort).to_have_value("relevance")
    assert "sort=" not in page.url
    assert shown == [r["page"] for r in newest_first(RECORDS) if "trafficking" in r["themes"]]


def test_search_works_by_keyboard_alone(page, site_url):
    page.goto(f"{site_url}/index.html")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # site name
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-search":
            break
    page.keyboard.type("child marriage")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"search\.html\?q=child\+marriage"))
    result_links(page)
    page.get_by_label("Words to search for").focus()
    while page.evaluate("document.activeElement.closest('#results') === null"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(
        re.compile(r"/publications/child-marriage-west-africa-research-en\.html$")
    )


@pytest.mark.parametrize("query", ["zzzqqqxx", '!!! ((( -- "" *** <b>', "the of and"])
def test_queries_that_match_nothing_say_so(page, site_url, errors, query):
    page.goto(f"{site_url}/search.html")
    page.get_by_label("Words to search for").fill(query)
    page.get_by_label("Words to search for").press("Enter")

    assert result_links(page) == []
    expect(page.locator("#search-status")).not_to_be_empty()
    assert errors == []


def test_search_works_from_a_double_clicked_folder(page, demo_site, errors, reference):
    page.goto((demo_site / "fr" / "search.html").as_uri() + "?q=exploitation&lang=fr")

    expected = [hit.url for hit in reference.search("exploitation", {"lang": ["fr"]}).hits]
    assert result_links(page) == expected
    expect(page.locator("#search-status")).to_contain_text("résultat")
    expect(page.get_by_role("group", name="Langues")).to_contain_text("français")
    page.locator("#results h3 a").first.click()
    assert page.url.endswith(f"/fr/{expected[0]}")
    assert errors == []


def test_index_text_is_shown_as_text_never_as_html(browser, tmp_path):
    project = make_project(tmp_path)
    add(project, "hostile", title="<img src=x onerror=window.hacked=1>Hostile title")
    build_site(project / "output", project=project)
    page = browser.new_page()
    page.goto((project / "output" / "search.html").as_uri() + "?q=hostile")

    expect(page.locator("#results h3 a")).to_have_text(
        "<img src=x onerror=window.hacked=1>Hostile title"
    )
    assert page.evaluate("window.hacked") is None
    assert page.locator("#results img").count() == 0
    page.close()


def test_more_results_are_shown_on_request(page, site_url, reference):
    page.goto(f"{site_url}/search.html?q=children")
    first = result_links(page)
    total = reference.search("children").total
    assert len(first) == 10 < total

    page.get_by_role("button", name="Show more results").click()

    expected = [hit.url for hit in reference.search("children", limit=20).hits]
    assert result_links(page) == expected
    expect(page.locator("#results h3 a").nth(10)).to_be_focused()


def test_the_language_switcher_keeps_the_search(page, site_url):
    page.goto(f"{site_url}/search.html?q=grooming&lang=en")
    result_links(page)

    page.get_by_role("navigation", name="Language of the site").get_by_role(
        "link", name="Español"
    ).click()

    expect(page).to_have_url(f"{site_url}/es/search.html?q=grooming&lang=en")
    expect(page.get_by_label("Palabras que buscar")).to_have_value("grooming")
    assert len(result_links(page)) >= 1


def test_result_facts_are_in_the_ui_language(page, site_url):
    page.goto(f"{site_url}/es/search.html?q=earthquakes")
    result_links(page)

    facts = page.locator("#results .publication-facts").first
    expect(facts).to_have_text("Panorama nacional · 30 de noviembre de 2022 · inglés")
