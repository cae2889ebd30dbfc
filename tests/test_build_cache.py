"""Rebuilding: the second build of an unchanged library opens no PDF; one new PDF costs one."""

import json
import os

from tests.html_pages import Page
from tests.projects import add, build


def last_run(project):
    return json.loads((project / "cache" / "pdf-text" / "last-build.json").read_text())


def scramble_keeping_size_and_time(path):
    """Overwrites a PDF's bytes but not its size or times: only a build that reads it can tell."""
    stat = path.stat()
    path.write_bytes(b"\0" * stat.st_size)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_the_second_build_opens_no_pdf(project):
    for n in range(4):
        add(project, f"paper-{n}", title=f"Paper {n}")
    build(project)
    assert last_run(project)["extracted_files"] == 4
    for pdf in (project / "publications").glob("*.pdf"):
        scramble_keeping_size_and_time(pdf)

    site = build(project)

    run = last_run(project)
    assert (run["read_files"], run["extracted_files"], run["problems"]) == (0, 0, {})
    page = Page(site / "publications" / "paper-2-en.html")
    assert "1 page," in page.find("span", class_="download-facts").text


def test_adding_one_pdf_extracts_only_that_one(project):
    for n in range(3):
        add(project, f"paper-{n}")
    build(project)

    add(project, "new-paper", title="A new paper")
    site = build(project)

    run = last_run(project)
    assert (run["read_files"], run["extracted_files"]) == (1, 1)
    assert (site / "publications" / "new-paper-en.html").is_file()


def test_the_report_for_editors_is_written_into_the_site(project):
    add(project, "good")
    (project / "publications" / "broken.pdf").write_text("not a pdf")
    add(project, "broken", make_pdf=None)

    site = build(project)

    report = (site / "reports" / "pdf-text.txt").read_text()
    assert "2 PDF files, 1 page." in report
    assert "  publications/broken.pdf: not a PDF (it starts with b'not a pdf', not %PDF-)" in report
