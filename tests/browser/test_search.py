"""The search page in real Chromium, used as a reader uses it, from file:// and over HTTP:
queries from the address and typed key by key, facets ticked and unticked, the sort, phrases,
exclusions and OR, corrections, filters that leave nothing, history, PDF pages, the keyboard.
What it shows is held to the reference engine (`invoke search`)."""

import functools
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from search.engine import SearchIndex

from bench.search_engines import (
    address_results,
    leading_urls,
    reference_results,
    result_links,
    typed_results,
)
from bench.search_queries import _data, query_set
from tasks import build_site
from tests import pdfs
from tests.projects import add, make_project
from tests.test_build import RECORDS, newest_first
from tests.test_search_build import tagged_versions

pytestmark = pytest.mark.browser

NOTHING = "No publication matches"


@pytest.fixture(scope="module")
def reference(demo_site):
    index = SearchIndex(demo_site / "whoosh")
    # Every hit: the page lists ten publications, which may take more than ten versions.
    index.search = functools.partial(index.search, limit=None)
    return index


@pytest.fixture
def errors(page):
    found = []
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def urls(results):
    return leading_urls(results)


@pytest.mark.parametrize("library_name", ["demo", "generated"])
def test_the_address_shows_what_the_reference_engine_ranks(request, page, errors, library_name):
    site = request.getfixturevalue("demo_site" if library_name == "demo" else "generated_site")
    index = SearchIndex(site / "whoosh")
    queries = query_set(index)
    queries += [{**query, "sort": "date"} for query in queries[:5]]

    shown = address_results(page, (site / "search.html").as_uri(), queries)

    assert len(queries) >= 50
    assert shown == reference_results(index, queries)
    assert errors == []


def test_typing_every_query_key_by_key_ends_on_what_the_address_shows(
    page, site_url, reference, errors
):
    """Typed with real key presses: once the typing stops, the results are exactly those of
    the same text from the address and from the reference engine."""
    queries = query_set(reference)
    base = f"{site_url}/search.html"
    from_address = address_results(page, base, queries)

    typed = [typed_results(page, base, query)[0] for query in queries]

    assert typed == from_address == reference_results(reference, queries)
    assert errors == []


@pytest.mark.parametrize(
    "text",
    [
        "trafficking",
        "exploitation",
        "sexual exploitation",
        "extraterritorial jurisdiction",
        "child marriage",
        "grooming",
        "traite",
        "explotación",
        "la explotación sexual",
    ],
)
def test_no_key_typed_shows_nothing_found_for_a_start_of_the_librarys_words(
    page, site_url, reference, text
):
    shown, statuses = typed_results(page, f"{site_url}/search.html", {"q": text, "filters": {}})

    assert statuses and not [status for status in statuses if NOTHING in status]
    assert shown == urls(reference.search(text)) and shown


def test_results_follow_the_keys_then_settle_on_the_text_as_it_is(page, site_url, reference):
    page.goto(f"{site_url}/search.html")
    result_links(page)
    page.locator("#search-query").press_sequentially("child marr", delay=30)

    # While typing, "marr" stands for the library's words that start with it.
    page.wait_for_function("() => performance.getEntriesByName('search:live').length > 0")
    live = page.eval_on_selector_all("#results h3 a", "all => all.map(a => a.getAttribute('href'))")
    assert [link.removeprefix("./") for link in live] == urls(
        reference.search("child marr", live=True)
    )
    assert parse_qs(urlsplit(page.url).query)["q"] == ["child marr"]
    # Once typing stops: what the address and `invoke search` show for "child marr".
    assert result_links(page) == urls(reference.search("child marr"))
    expect(page.locator("#search-suggestion")).to_contain_text("child marriage")


def test_words_and_operators_typed_as_a_reader_types_them(page, site_url, reference):
    base = f"{site_url}/search.html"
    for text in ['"child marriage"', "tourism -hotel", "grooming OR sextortion", "marriages"]:
        shown, _ = typed_results(page, base, {"q": text, "filters": {}})
        assert shown == urls(reference.search(text)), text
    assert len(shown) >= 2


def test_facets_narrow_widen_and_untick(page, site_url, reference):
    page.goto(f"{site_url}/search.html?q=children")
    before = result_links(page)
    themes = page.get_by_role("group", name="Themes")
    box = themes.get_by_role("checkbox", name=re.compile("^Trafficking"))
    count = int(box.locator("xpath=..").locator(".count").inner_text())

    box.check()
    expected = reference.search("children", {"themes": ["trafficking"]})
    assert result_links(page) == urls(expected) and len(expected.leading()) == count
    assert "themes=trafficking" in page.url
    # Each value counts what ticking it adds: the other facets' choices, not its own.
    marriage = themes.get_by_role("checkbox", name=re.compile("^Child marriage"))
    added = int(marriage.locator("xpath=..").locator(".count").inner_text())
    assert added == len(reference.search("children", {"themes": ["child-marriage"]}).leading())
    marriage.check()
    either = reference.search("children", {"themes": ["trafficking", "child-marriage"]})
    assert result_links(page) == urls(either) and either.total > expected.total

    page.get_by_role("group", name="Themes").get_by_role(
        "checkbox", name=re.compile("^Child marriage")
    ).uncheck()
    assert result_links(page) == urls(expected)
    page.get_by_role("group", name="Themes").get_by_role(
        "checkbox", name=re.compile("^Trafficking")
    ).uncheck()
    assert result_links(page) == before
    assert "themes=" not in page.url


def test_chosen_values_show_as_chips_that_drop_them(page, site_url, reference):
    page.goto(f"{site_url}/search.html?q=children&themes=trafficking&lang=en")
    result_links(page)
    chips = page.get_by_role("list", name="Chosen filters")

    chips.get_by_role("button", name="Remove the filter Trafficking").click()

    assert result_links(page) == urls(reference.search("children", {"lang": ["en"]}))
    assert "themes=" not in page.url and "lang=en" in page.url
    chips.get_by_role("button", name="Clear all filters").click()
    assert result_links(page) == urls(reference.search("children"))
    expect(chips).to_be_hidden()


def test_filters_that_leave_nothing_say_so_and_lead_back(page, site_url, reference):
    page.goto(f"{site_url}/search.html?q=earthquakes&themes=child-marriage&lang=en")

    assert result_links(page) == []
    expect(page.locator("#search-status")).to_have_text(
        "No publication matches with these filters. Without them: 1 result."
    )
    page.get_by_role("button", name="Clear all filters").click()
    assert result_links(page) == urls(reference.search("earthquakes")) != []


def test_a_misspelt_word_shows_the_results_of_the_closest_word(page, site_url, reference):
    page.goto(f"{site_url}/search.html?q=trafickng")

    assert result_links(page) == urls(reference.search("trafficking"))
    suggestion = page.locator("#search-suggestion")
    expect(suggestion).to_have_text("Showing results for trafficking. Search instead for trafickng")

    suggestion.get_by_role("link", name="trafickng").click()
    assert result_links(page) == []
    expect(page.locator("#search-status")).to_have_text(f"{NOTHING} “trafickng”.")
    assert "as_typed=1" in page.url
    page.locator("#search-suggestion").get_by_role("link", name="trafficking").click()
    expect(page.locator("#search-query")).to_have_value("trafficking")
    assert result_links(page) == urls(reference.search("trafficking"))


def test_back_and_forward_restore_the_search(page, site_url):
    page.goto(f"{site_url}/search.html?q=tourism")
    first = result_links(page)
    box = page.locator("#search-query")
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


def test_snippets_mark_the_forms_of_the_words_searched(page, site_url):
    page.goto(f"{site_url}/search.html?q=marriages")
    result_links(page)

    marks = page.locator("#results .snippet").first.locator("mark").all_inner_texts()
    assert marks and all(re.match(r"(?i)marri", mark) for mark in marks)


def test_newest_first_is_chosen_from_the_sort_with_words_too(page, site_url, reference):
    page.goto(f"{site_url}/search.html?q=children")
    result_links(page)

    page.get_by_label("Sort by").select_option("date")

    expected = reference.search("children", sort="date")
    assert result_links(page) == urls(expected) != urls(reference.search("children"))
    assert "sort=date" in page.url
    dates = [hit.date for hit in expected.hits]
    assert dates == sorted(dates, reverse=True)


def test_without_words_results_come_newest_first_and_the_sort_waits(page, site_url):
    page.goto(f"{site_url}/search.html?themes=trafficking&sort=relevance")
    shown = result_links(page)
    sort = page.get_by_label("Sort by")

    expect(sort).to_be_disabled()
    expect(sort).to_have_value("date")
    page.locator("#search-query").fill("children")
    page.locator("#search-query").press("Enter")
    result_links(page)
    expect(sort).to_be_enabled()
    expect(sort).to_have_value("relevance")
    assert "sort=" not in page.url
    # One entry per publication: its newest version, which ranks first.
    newest = [r for r in newest_first(RECORDS) if "trafficking" in r["themes"]]
    firsts = [r for n, r in enumerate(newest) if r["slug"] not in {o["slug"] for o in newest[:n]}]
    assert shown == [r["page"] for r in firsts]


def test_search_works_by_keyboard_alone(page, site_url):
    page.goto(f"{site_url}/index.html")
    page.keyboard.press("Tab")  # skip link
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "home-search":
            break
    page.keyboard.type("child marriage")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"search\.html\?q=child\+marriage"))
    result_links(page)
    page.locator("#search-query").focus()
    while page.evaluate("document.activeElement.closest('#results') === null"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(
        re.compile(r"/publications/child-marriage-west-africa-research-en\.html$")
    )


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("zzzqqqxx", f"{NOTHING} “zzzqqqxx”."),
        ('!!! ((( -- "" *** <b>', f'{NOTHING} “!!! ((( -- "" *** <b>”.'),
        ("the of and", f"{NOTHING} “the of and”."),
        ("*", "“*” has no words to search for."),
        ("OR OR", "“OR OR” has no words to search for."),
    ],
)
def test_queries_that_match_nothing_say_so(page, site_url, errors, query, status):
    page.goto(f"{site_url}/search.html")
    page.locator("#search-query").fill(query)
    page.locator("#search-query").press("Enter")

    assert result_links(page) == []
    expect(page.locator("#search-status")).to_have_text(status)
    assert errors == []


def test_no_key_typed_requests_a_file_the_index_does_not_have(page, site_url):
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(f"{site_url}/search.html")
    result_links(page)

    for text in ["жизнь", "ßtraße", "9999", "😀 children", "Ωmega", "ü", "zzz", "child"]:
        page.locator("#search-query").fill("")
        page.locator("#search-query").press_sequentially(text, delay=20)
        page.locator("#search-query").press("Enter")
        result_links(page)

    assert failed == []


def test_every_language_is_ready_before_the_first_key(page, site_url, demo_site):
    """A first query waits for its words' parts only: each language's stop words and stemmer
    load with the page, while the reader types."""
    languages = sorted((demo_site / "search" / "lang").glob("*.js"))
    stemmers = [data["stemmer"]["class"] for data in map(_data, languages) if data["stemmer"]]
    assert len(languages) >= 3 and stemmers
    page.goto(f"{site_url}/search.html")
    page.wait_for_function(
        """([files, classes]) => files.every(file => document.querySelector(
             `script[src$="search/lang/${file}"]`)) && classes.every(name => name in window)""",
        arg=[[path.name for path in languages], stemmers],
    )
    assert page.locator("#search-query").input_value() == ""


def test_search_works_from_a_double_clicked_folder(page, demo_site, errors, reference):
    page.goto((demo_site / "fr" / "search.html").as_uri() + "?q=exploitation&lang=fr")

    expected = urls(reference.search("exploitation", {"lang": ["fr"]}))
    assert result_links(page) == expected
    expect(page.locator("#search-status")).to_contain_text("résultat")
    expect(page.get_by_role("group", name="Langues")).to_contain_text("français")
    page.locator("#results h3 a").first.click()
    assert page.url.endswith(f"/fr/{expected[0]}")
    assert errors == []


def test_index_text_is_shown_as_text_never_as_html(browser, tmp_path):
    """Titles and PDF text reach the page as text: a snippet that marks words next to markup
    shows the markup, and no element is made of it (the Content-Security-Policy aside)."""
    project = make_project(tmp_path)
    hostile = "<img src=x onerror=window.hacked=1>Hostile"
    add(project, "hostile", title=f"{hostile} title")
    pdfs.text_pdf(project / "publications" / "hostile.pdf", [f"{hostile} text <b>bold</b>."])
    build_site(project / "output", project=project)
    page = browser.new_page()
    page.goto((project / "output" / "search.html").as_uri() + "?q=hostile")

    expect(page.locator("#results h3 a")).to_have_text(f"{hostile} title")
    expect(page.locator("#results .snippet")).to_contain_text(f"{hostile} text <b>bold</b>.")
    expect(page.locator("#results .snippet mark").first).to_contain_text("Hostile")
    assert page.locator("#results img:not(.cover), #results b").count() == 0
    assert page.evaluate("window.hacked") is None
    page.close()


def test_more_results_are_shown_on_request(page, site_url, reference):
    page.goto(f"{site_url}/search.html?q=children")
    first = result_links(page)
    total = len(reference.search("children").leading())
    assert len(first) == 10 < total

    page.get_by_role("button", name="Show more results").click()

    expected = leading_urls(reference.search("children"), 20)
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
    expect(facts).to_have_text(re.compile(r"^Panorama nacional · 2022 · \d+ páginas · \d+ kB$"))


def test_a_theme_named_in_one_language_finds_its_versions_in_every_language(
    page, site_url, reference
):
    page.goto(f"{site_url}/search.html?q=trafficking")
    wide = reference.search("trafficking")

    assert result_links(page) == urls(wide)
    widening = page.locator(".widening")
    expect(widening).to_contain_text(
        "Also showing the publications on Trafficking in every language."
    )
    tagged = [hit for hit in wide.leading() if hit.via]
    assert tagged and {hit.lang for hit in tagged} - {"en"}
    expect(page.locator("#results .matched").last).to_have_text("Found by its tag: Trafficking.")
    expect(page.locator("#results .matched").first).to_have_text(
        "Your words are in its English version."
    )

    widening.get_by_role("link", name="Show only what your words find").click()

    assert result_links(page) == urls(reference.search("trafficking", exact=True))
    assert "exact=1" in page.url
    expect(page.locator(".widening")).to_contain_text("Showing only what your words find.")
    page.go_back()
    assert result_links(page) == urls(wide)


def test_a_country_named_in_french_on_the_english_site_finds_every_version(
    page, site_url, reference
):
    page.goto(f"{site_url}/search.html?q=Bolivie")

    shown = result_links(page)
    bolivia = tagged_versions(reference)[("countries", "BO")]
    assert shown == urls(reference.search("Bolivie"))
    assert {link.rsplit("/", 1)[-1].rsplit("-", 1)[0] for link in shown} == {
        version.rsplit("-", 1)[0] for version in bolivia
    }
