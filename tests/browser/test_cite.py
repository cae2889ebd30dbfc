"""The Copy button of a publication's "Cite" section, in real Chromium, over http and from a
folder (file://): the reference lands on the clipboard as plain text."""

import pytest

from tests.test_build import RECORDS

pytestmark = pytest.mark.browser

RECORD = next(r for r in RECORDS if r["type"] == "promising-practice")


@pytest.fixture
def clipboard_page(browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()


def copy_reference(page, copy: str, copied: str) -> str:
    """Clicks Copy (`copy` in the page's language); returns the clipboard's text once the page
    says it is `copied`."""
    reference = page.locator("#reference").inner_text()
    page.get_by_role("button", name=copy).click()
    page.wait_for_selector(f".copy-status:text('{copied}')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == " ".join(reference.split())
    return copied


def test_copy_puts_the_reference_on_the_clipboard_over_http(clipboard_page, site_url):
    clipboard_page.goto(f"{site_url}/fr/{RECORD['page']}")

    copied = copy_reference(clipboard_page, "Copier", "Copié.")

    assert copied.startswith("Example Child Protection Network (")
    assert RECORD["title"] in copied and "Disponible sur" in copied
    assert "<i>" not in copied


def test_copy_works_from_a_folder(clipboard_page, demo_site):
    clipboard_page.goto((demo_site / "es" / RECORD["page"]).as_uri())

    copied = copy_reference(clipboard_page, "Copiar", "Copiado.")

    assert RECORD["title"] in copied and "Disponible en" in copied


def test_without_the_clipboard_the_reference_is_selected(clipboard_page, site_url):
    clipboard_page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: null})")
    clipboard_page.goto(f"{site_url}/{RECORD['page']}")

    clipboard_page.get_by_role("button", name="Copy").click()

    selected = clipboard_page.evaluate("getSelection().toString()")
    assert " ".join(selected.split()) == " ".join(
        clipboard_page.locator("#reference").inner_text().split()
    )
    assert "Ctrl+C" in clipboard_page.locator(".copy-status").inner_text()


def test_without_javascript_there_is_no_copy_button(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/{RECORD['page']}")

    assert page.locator("#reference").is_visible()
    assert page.get_by_role("button", name="Copy").count() == 0
    context.close()
