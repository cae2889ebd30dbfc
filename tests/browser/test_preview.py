"""The live preview as an editor uses it: `invoke serve` in a real process, a page open in
Chromium, files saved in an editor's way, the page following each build."""

import signal
import subprocess
import sys
import time

import pytest
from playwright.sync_api import expect

from tasks import free_port
from tests.conftest import ROOT
from tests.projects import add, make_project

WAIT = 90_000  # ms for a rebuild to show: a build of a small library takes seconds


@pytest.fixture
def project(tmp_path):
    project = make_project(tmp_path)
    add(project, "harbour", title="Harbour patrols")
    return project


@pytest.fixture
def preview(project, tmp_path):
    """`invoke serve` on the project; yields (its address, the process, its messages file)."""
    port = free_port()
    out = (tmp_path / "serve.out").open("w")
    err = tmp_path / "serve.err"
    command = [sys.executable, "-m", "invoke", "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--project", str(project)], cwd=ROOT, stdout=out, stderr=err.open("w")
    )
    deadline = time.monotonic() + WAIT / 1000
    while "Watching for changes" not in (tmp_path / "serve.out").read_text():
        assert process.poll() is None, err.read_text()
        assert time.monotonic() < deadline, "invoke serve did not start"
        time.sleep(0.2)
    yield f"http://127.0.0.1:{port}", process, err
    if process.poll() is None:
        process.kill()
        process.wait()
    out.close()


def save(path, old, new):
    """Saves a change as editors do: the new text in a temporary file, renamed over the old."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    temporary.replace(path)


def test_a_saved_change_rebuilds_and_reloads_the_open_page(preview, project, page):
    address, process, _ = preview
    page.goto(f"{address}/publications/harbour-en.html")
    expect(page.locator("h1")).to_have_text("Harbour patrols")

    save(project / "content/publications/harbour.en.md", "Harbour patrols", "Night patrols")
    expect(page.locator("h1")).to_have_text("Night patrols", timeout=WAIT)

    # A new record is a new page, and the home page (reloaded too) lists it.
    page.goto(f"{address}/index.html")
    add(project, "river", title="River crossings")
    expect(page.get_by_role("link", name="River crossings").first).to_be_visible(timeout=WAIT)
    assert process.poll() is None


def test_an_error_shows_on_the_page_and_the_watch_goes_on(preview, project, page):
    address, process, messages = preview
    record = project / "content/publications/harbour.en.md"
    page.goto(f"{address}/publications/harbour-en.html")
    page.evaluate("window.loadedBeforeTheError = true")

    save(record, "type: policy-brief", "type: research")
    errors = page.get_by_role("alert")
    expect(errors).to_contain_text("The last change did not build", timeout=WAIT)
    expect(errors).to_contain_text(
        "content/publications/harbour.en.md:5: type: 'research' is not known "
        "(did you mean research-report?)"
    )
    # The page under the errors is the last good build; the terminal says the same.
    expect(page.locator("h1")).to_have_text("Harbour patrols")
    assert "type: 'research' is not known (did you mean research-report?)" in (messages.read_text())
    assert page.evaluate("window.loadedBeforeTheError") is True
    assert process.poll() is None

    save(record, "type: research", "type: research-report")
    expect(page.get_by_role("alert")).to_have_count(0, timeout=WAIT)
    assert page.evaluate("window.loadedBeforeTheError") is None  # reloaded
    expect(page.get_by_text("Research report").first).to_be_visible()


def test_a_page_the_failed_build_did_not_write_shows_the_errors(preview, project, page):
    address, _, _ = preview
    (project / "content/publications/new.en.md").write_text(
        "---\ntitle: New\nlang: en\ndate: 2024\ntype: brief\npdf: new.pdf\n---\n",
        encoding="utf-8",
    )
    page.goto(f"{address}/index.html")
    expect(page.get_by_role("alert")).to_contain_text(
        "content/publications/new.en.md:5: type: 'brief' is not known", timeout=WAIT
    )
    page.goto(f"{address}/publications/new-en.html")
    expect(page.get_by_role("alert")).to_contain_text("new.en.md:6: pdf: 'new.pdf' was not found")


def test_ctrl_c_stops_the_preview_cleanly(preview):
    _, process, messages = preview
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0
    assert "Traceback" not in messages.read_text()
