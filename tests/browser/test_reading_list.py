"""My reading list, in real Chromium: saving from a listing, a publication's page and a search
result; the list page with covers, in order; reordering and removing from the keyboard; the
list kept from file:// across reloads (and what Chromium shares between folders); the whole
list downloaded as RIS and BibTeX and read back by real parsers; pages without JavaScript."""

import shutil

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware

from tests.browser.test_accessibility import (
    AXE,
    AXE_OPTIONS,
    describe_violation,
    focus_failure,
    tab_through,
)
from tests.test_build import RECORDS

pytestmark = pytest.mark.browser

KEY = "publication-library:reading-list"
TITLES = {f"{r['slug']}-{r['lang']}": r["title"] for r in RECORDS}


# ---------------------------------------------------------------------------------------------
# Helpers


def saved(page) -> list[str]:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}') || '[]')")


def listed(page) -> list[str]:
    """The ids on the reading list page, once it has drawn them."""
    page.wait_for_function("document.getElementById('reading-list-status').textContent !== ''")
    return page.eval_on_selector_all("#reading-list > li", "rows => rows.map(r => r.dataset.id)")


def save_first_card(page, url: str) -> str:
    page.goto(url)
    button = page.locator("li.card .save-button").first
    assert button.is_visible() and button.inner_text() == "Save"
    button.click()
    assert button.get_attribute("aria-pressed") == "true" and button.inner_text() == "Saved"
    return button.get_attribute("data-id")


def save_on_its_page(page, url: str) -> str:
    page.goto(url)
    button = page.locator(".save-line .save-button")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    return button.get_attribute("data-id")


def save_a_search_result(page, url: str, taken: list[str]) -> str:
    page.goto(url)
    page.wait_for_selector("#results .save-button")
    buttons = page.locator("#results .save-button")
    button = next(
        buttons.nth(n)
        for n in range(buttons.count())
        if buttons.nth(n).get_attribute("data-id") not in taken
    )
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    return button.get_attribute("data-id")


def save_three(page, base: str) -> list[str]:
    """Saves a listing's first card, another version's page and a search result; their ids."""
    first = save_first_card(page, f"{base}/publications/index.html")
    other = next(r for r in RECORDS if f"{r['slug']}-{r['lang']}" != first)
    second = save_on_its_page(page, f"{base}/{other['page']}")
    third = save_a_search_result(page, f"{base}/search.html?q=trafficking", [first, second])
    return [first, second, third]


def row(page, record_id: str):
    return page.locator(f'#reading-list > li[data-id="{record_id}"]')


# ---------------------------------------------------------------------------------------------
# Saving and the list


def test_saved_from_a_card_a_page_and_a_search_result_the_list_shows_them(page, site_url):
    ids = save_three(page, site_url)
    assert saved(page) == ids
    assert all(record_id in TITLES for record_id in ids)

    page.goto(f"{site_url}/reading-list.html")

    assert listed(page) == ids
    for record_id in ids:
        title = row(page, record_id).locator("h2 a")
        assert title.inner_text() == TITLES[record_id]
        assert title.get_attribute("href").endswith(f"publications/{record_id}.html")
        cover = row(page, record_id).locator("img.cover")
        cover.scroll_into_view_if_needed()
        assert page.evaluate("img => img.complete && img.naturalWidth > 0", cover.element_handle())
    assert page.locator("#reading-list-status").inner_text() == "3 publications in your list."


def test_a_saved_version_shows_saved_everywhere_and_unsaves(page, site_url):
    record_id = save_first_card(page, f"{site_url}/publications/index.html")

    page.goto(f"{site_url}/fr/publications/{record_id}.html")
    button = page.locator(".save-line .save-button")
    assert button.get_attribute("aria-pressed") == "true"

    button.click()

    assert button.get_attribute("aria-pressed") == "false"
    assert saved(page) == []


def test_the_list_is_reordered_and_emptied_from_the_keyboard(page, site_url):
    first, second, third = save_three(page, site_url)
    page.goto(f"{site_url}/reading-list.html")
    listed(page)

    row(page, first).get_by_role("button", name="Move down").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"document.querySelector('#reading-list > li').dataset.id === '{second}'"
    )
    assert listed(page) == [second, first, third] == saved(page)
    assert page.evaluate("document.activeElement.closest('li').dataset.id") == first
    assert page.locator("#reading-list-status").inner_text() == "Moved to place 2 of 3."

    row(page, third).get_by_role("button", name="Move up").focus()
    page.keyboard.press("Space")
    page.wait_for_function(
        f"document.querySelector('#reading-list > li + li').dataset.id === '{third}'"
    )
    assert listed(page) == [second, third, first] == saved(page)

    # At the top, "Move up" can no longer be pressed: focus moves to "Move down".
    page.keyboard.press("Space")
    page.wait_for_function(f"document.querySelector('#reading-list > li').dataset.id === '{third}'")
    assert page.evaluate("document.activeElement.dataset.action") == "down"
    assert row(page, third).get_by_role("button", name="Move up").is_disabled()

    row(page, second).get_by_role("button", name="Remove").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('#reading-list > li').length === 2")
    assert listed(page) == [third, first] == saved(page)
    assert page.locator("#reading-list-status").inner_text() == f"Removed: {TITLES[second]}."
    assert page.evaluate("document.activeElement.dataset.action") == "remove"

    for _ in range(2):
        page.keyboard.press("Enter")  # focus stays on a Remove button until the list is empty
    page.wait_for_function("!document.querySelector('#reading-list > li')")
    assert saved(page) == []
    assert page.evaluate("document.activeElement.id") == "reading-list-heading"
    assert (
        page.locator("#reading-list-status")
        .inner_text()
        .startswith(f"Removed: {TITLES[third]}. Your reading list is empty.")
    )
    assert page.locator("#reading-list-export").is_hidden()


def test_a_publication_no_longer_in_the_library_can_be_removed(page, site_url):
    page.goto(f"{site_url}/reading-list.html")
    page.evaluate(f"localStorage.setItem('{KEY}', JSON.stringify(['gone-en', '../x', 7]))")
    page.reload()

    assert listed(page) == ["gone-en"]
    assert "no longer in this library (gone-en)" in row(page, "gone-en").inner_text()
    row(page, "gone-en").get_by_role("button", name="Remove").click()
    page.wait_for_function("!document.querySelector('#reading-list > li')")
    assert saved(page) == []


# ---------------------------------------------------------------------------------------------
# From a folder: file://


def test_the_list_survives_a_reload_from_a_folder(page, demo_site):
    base = demo_site.as_uri()
    ids = save_three(page, base)

    page.goto(f"{base}/es/reading-list.html")
    assert listed(page) == ids
    page.reload()
    assert listed(page) == ids
    # The titles link the versions' pages in the Spanish site.
    href = row(page, ids[0]).locator("h2 a").get_attribute("href")
    assert href == f"../es/publications/{ids[0]}.html"


def test_chromium_keeps_one_list_for_every_folder_and_another_for_each_site(
    page, demo_site, site_url, tmp_path
):
    """What the reading list page says of file:// in Chromium: every page opened from files
    shares one list, another copy of the library included; a site over http has its own."""
    copy = tmp_path / "copy"
    shutil.copytree(demo_site, copy, ignore=shutil.ignore_patterns("whoosh", "pdf"))
    record_id = save_first_card(page, (demo_site / "publications" / "index.html").as_uri())

    page.goto((copy / "reading-list.html").as_uri())
    assert listed(page) == [record_id]

    page.goto(f"{site_url}/reading-list.html")
    assert listed(page) == []


@pytest.mark.parametrize("where", ["folder", "http"])
def test_the_whole_list_downloads_as_ris_and_bibtex_in_order(page, demo_site, site_url, where):
    base = demo_site.as_uri() if where == "folder" else site_url
    ids = save_three(page, base)
    page.goto(f"{base}/reading-list.html")
    listed(page)
    row(page, ids[0]).get_by_role("button", name="Move down").click()
    page.wait_for_function(
        f"document.querySelector('#reading-list > li').dataset.id === '{ids[1]}'"
    )
    order = [ids[1], ids[0], ids[2]]

    with page.expect_download() as ris_download:
        page.get_by_role("button", name="Download the list as RIS").click()
    with page.expect_download() as bib_download:
        page.get_by_role("button", name="Download the list as BibTeX").click()

    assert ris_download.value.suggested_filename == "reading-list.ris"
    assert bib_download.value.suggested_filename == "reading-list.bib"
    ris = rispy.loads(ris_download.value.path().read_text(encoding="utf-8"))
    bib = bibtexparser.parse_string(
        bib_download.value.path().read_text(encoding="utf-8"),
        append_middleware=[LatexDecodingMiddleware()],
    )
    assert [record["title"] for record in ris] == [TITLES[i] for i in order]
    assert [record["id"] for record in ris] == order
    assert not bib.failed_blocks
    assert [entry.key for entry in bib.entries] == order
    assert [entry.fields_dict["title"].value for entry in bib.entries] == [TITLES[i] for i in order]


# ---------------------------------------------------------------------------------------------
# Without JavaScript, without storage; accessibility


def test_without_javascript_pages_work_and_show_no_save_button(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()

    page.goto(f"{site_url}/publications/index.html")
    assert page.locator("li.card h2 a").count() > 0
    assert page.locator(".save-button").count() > 0
    assert page.get_by_role("button", name="Save").count() == 0  # hidden

    page.goto(f"{site_url}/reading-list.html")
    assert "needs JavaScript" in page.locator("main").inner_text()
    context.close()


def test_without_storage_there_is_no_list_to_offer(page, site_url):
    page.add_init_script("Storage.prototype.setItem = () => { throw new Error('refused'); }")

    page.goto(f"{site_url}/publications/index.html")
    assert page.get_by_role("button", name="Save").count() == 0

    page.goto(f"{site_url}/reading-list.html")
    assert "cannot keep a reading list" in page.locator("#reading-list-status").inner_text()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_full_reading_list_is_accessible_and_its_focus_rings_visible(page, site_url, lang):
    save_three(page, site_url)
    page.goto(f"{site_url}/{'' if lang == 'en' else lang + '/'}reading-list.html")
    assert len(listed(page)) == 3

    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    reached = tab_through(page)

    assert not violations, "\n".join(map(describe_violation, violations))
    buttons = [focused for focused in reached if focused["element"].startswith("button")]
    assert len(buttons) >= 3 * 3 - 2 + 2  # move and remove (not the disabled), the downloads
    failures = [f for f in (focus_failure("reading-list", focused) for focused in reached) if f]
    assert not failures, failures
