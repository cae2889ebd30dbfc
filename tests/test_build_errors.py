"""What bad input gets: a clear message, nothing lost, and the previous site left as it was."""

import shutil

import pytest

from tasks import BuildError
from tests import pdfs
from tests.html_pages import Page
from tests.projects import add, build


def test_bad_pdfs_never_stop_the_build_and_are_reported(project, capfd):
    add(project, "good")
    add(project, "secret", make_pdf=lambda p: pdfs.encrypted_pdf(p, ["x"], user_password="pw"))
    add(project, "scanned", make_pdf=pdfs.image_only_pdf)
    add(project, "truncated", make_pdf=pdfs.truncated_pdf)
    add(project, "empty", make_pdf=pdfs.empty_pdf)

    site = build(project)
    log = capfd.readouterr().err

    for name in ("good", "secret", "scanned", "truncated", "empty"):
        page = Page(site / "publications" / f"{name}-en.html")
        assert page.resolve(page.find("a", class_="button").attrs["href"]).is_file()
    assert "publications/secret.pdf: encrypted, no text" in log
    assert "publications/scanned.pdf: no text layer" in log
    assert "publications/truncated.pdf: a PDF cut short (it has no end marker)" in log
    assert "publications/empty.pdf: the PDF has no pages" in log
    assert "publications/good.pdf" not in log


def test_front_matter_errors_are_listed_together_and_keep_the_previous_site(project, capfd):
    add(project, "good")
    site = build(project)
    (site / "marker.txt").write_text("previous build")
    add(project, "bad-type", type="memo")
    add(project, "bad-pdf", pdf="../../etc/passwd.pdf", make_pdf=None)
    capfd.readouterr()

    with pytest.raises(BuildError, match="left as it was"):
        build(project)
    log = capfd.readouterr().err

    assert "2 error(s) in the content; nothing was published" in log
    assert (
        "content/publications/bad-type.en.md:5: type: 'memo' is not known; valid: "
        "summary-paper" in log
    )
    assert (
        "content/publications/bad-pdf.en.md:7: pdf: '../../etc/passwd.pdf' points outside "
        "publications/" in log
    )
    assert "Traceback" not in log
    assert (site / "marker.txt").read_text() == "previous build"
    assert not list(project.glob(".output-*"))


def test_errors_found_after_reading_the_pdfs_are_listed_with_the_others(project, capfd):
    add(project, "bad-type", type="memo")
    add(project, "first", pdf="same.pdf")
    (project / "content" / "publications" / "first.fr.md").write_text(
        (project / "content" / "publications" / "first.en.md")
        .read_text()
        .replace("lang: en", "lang: fr")
    )
    duplicate = project / "content" / "publications" / "first-again.en.md"
    duplicate.write_text(
        (project / "content" / "publications" / "first.en.md")
        .read_text()
        .replace("---\n", "---\nslug: first\n", 1)
    )

    with pytest.raises(BuildError):
        build(project)
    log = capfd.readouterr().err

    assert "2 error(s) in the content" in log
    assert "bad-type.en.md:5: type: 'memo' is not known" in log
    assert "also described by" in log


def test_errors_are_listed_by_file_then_line(project, capfd):
    add(project, "b-second", type="memo")
    record = project / "content" / "publications" / "a-first.en.md"
    add(project, "a-first")
    record.write_text(record.read_text().replace("type: policy-brief", "type: memo"))
    record.write_text(record.read_text().replace("lang: en\n", "lang: en\ncountries: [XY]\n"))

    with pytest.raises(BuildError):
        build(project)
    listed = [line.strip() for line in capfd.readouterr().err.splitlines() if ".md:" in line]

    places = [line.split(":")[0:2] for line in listed]
    assert [path for path, _ in places] == sorted(path for path, _ in places)
    assert places[0][0].endswith("a-first.en.md") and places[-1][0].endswith("b-second.en.md")
    a_lines = [int(number) for path, number in places if path.endswith("a-first.en.md")]
    assert a_lines == sorted(a_lines) and len(a_lines) == 2


def test_a_version_described_twice_names_both_files(project, capfd):
    add(project, "first", pdf="same.pdf")
    (project / "content" / "publications" / "copy").mkdir()
    shutil.copy(
        project / "content" / "publications" / "first.en.md",
        project / "content" / "publications" / "copy" / "first.en.md",
    )

    with pytest.raises(BuildError):
        build(project)

    assert (
        "content/publications/first.en.md: slug: 'first' in 'en' is also described by "
        "content/publications/copy/first.en.md"
    ) in capfd.readouterr().err


def test_a_file_that_is_not_utf8_is_an_error_not_a_crash(project, capfd):
    add(project, "good")
    (project / "content" / "publications" / "latin1.fr.md").write_bytes(
        "---\ntitle: Protection de l'enfance\n---\n".encode("latin-1") + b"\xe9t\xe9\n"
    )

    with pytest.raises(BuildError):
        build(project)
    log = capfd.readouterr().err

    assert (
        "content/publications/latin1.fr.md:4: is not UTF-8 text (byte 0xe9); "
        "save it with the UTF-8 encoding" in log
    )
    assert "Traceback" not in log


def test_a_scan_without_lang_is_published_in_the_default_language_and_marked(project, capfd):
    add(project, "good", title="Harbour patrols")
    add(project, "scan", make_pdf=pdfs.image_only_pdf)
    record = project / "content" / "publications" / "scan.en.md"
    record.write_text(record.read_text().replace("lang: en\n", ""))
    record.rename(project / "content" / "publications" / "scan.md")

    site = build(project)

    assert (
        "warning: content/publications/scan.md: lang: missing, and the language could not be "
        "detected from the PDF (a scan?); published as 'en' and marked \"language not known\"; "
        "add a line such as 'lang: en'" in capfd.readouterr().err
    )
    page = Page(site / "publications" / "scan-en.html")
    assert page.find("span", class_="language-unknown").text == "language not known"
    assert not Page(site / "publications" / "good-en.html").find_all(class_="language-unknown")


def test_broken_vocabulary_is_an_error_not_a_crash(project, capfd):
    add(project, "good")
    (project / "content" / "vocabulary" / "types.yml").write_text("policy-brief: [\n")

    with pytest.raises(BuildError):
        build(project)
    log = capfd.readouterr().err

    assert "content/vocabulary/types.yml:2: YAML syntax error" in log
    assert "Traceback" not in log


def test_text_from_front_matter_and_pdfs_is_escaped(project):
    add(
        project,
        "script",
        title="<script>alert('title')</script> & co",
        abstract="<script>alert('abstract')</script>Kept *text*.",
    )
    add(
        project,
        "fallback",
        abstract="",
        make_pdf=lambda p: pdfs.text_pdf(p, ["<img src=x onerror=alert('pdf')> opening words"]),
    )

    site = build(project)
    page = Page(site / "publications" / "script-en.html")
    fallback = Page(site / "publications" / "fallback-en.html")

    assert page.find("h1").text == "<script>alert('title')</script> & co"
    # The only scripts are the site's own files.
    scripts = page.find_all("script")
    assert scripts
    assert all(s.attrs["src"].startswith("../theme/js/") and not s.text for s in scripts)
    assert "<em>text</em>" in page.source
    assert "&lt;img src=x onerror=alert(&#x27;pdf&#x27;)&gt; opening words" in fallback.source
    # Its images are covers (its own, its related publications'), none made of the PDF's text.
    assert {img.attrs["class"] for img in fallback.find_all("img")} == {"cover"}
