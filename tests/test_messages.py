"""Every error and warning an editor can get, word for word, against the files in
tests/messages/. A change of wording shows in review as a change of those files: after checking
the new words, `UPDATE_MESSAGES=1 invoke test -k messages` writes them."""

import os
import re
from pathlib import Path

import pytest

from tasks import BuildError
from tests import pdfs
from tests.projects import add, build, make_project

EXPECTED = Path(__file__).with_name("messages")
MESSAGE = re.compile(r"^(\d+ error\(s\) |  content/|warning: )")
GOOD = {
    "title": '"A good paper"',
    "lang": "en",
    "date": "2024-01-15",
    "type": "policy-brief",
    "themes": "[prevention]",
    "pdf": "good.pdf",
}
# Each record differs from a good one in one way: (file name, fields changed, text after).
BAD_RECORDS = [
    ("missing-title", {"title": None}, ""),
    ("missing-date", {"date": None}, ""),
    ("missing-type", {"type": None}, ""),
    ("missing-pdf", {"pdf": None}, ""),
    ("bad-date", {"date": "2023-13-01"}, ""),
    ("bad-type", {"type": "research"}, ""),
    ("bad-lang", {"lang": "english"}, ""),
    ("bad-themes", {"themes": "[child trafficking, prevention, hotels]"}, ""),
    ("bad-regions", {"regions": "[afrika]"}, ""),
    ("bad-country", {"countries": "[Germany, KE]"}, ""),
    ("bad-countries", {"countries": "[XA, XB, XC, XD, XE]"}, ""),
    ("bad-slug", {"slug": "Bad Slug"}, ""),
    ("Bad_Name", {}, ""),
    ("pdf-outside", {"pdf": "../secrets.pdf"}, ""),
    ("pdf-not-pdf", {"pdf": "notes.txt"}, ""),
    ("pdf-typo", {"pdf": "two-colum-study.pdf"}, ""),
    ("twin-a", {"slug": "twin"}, ""),
    ("twin-b", {"slug": "twin"}, ""),
]
RAW_RECORDS = {
    "no-front-matter": "Just an abstract, no fields.\n",
    "unclosed": "---\ntitle: Never closed\n",
    "yaml-syntax": "---\ntitle: [unclosed\nlang: en\n---\n",
    "single-value": "---\njust a value\n---\n",
    "aliases": "---\ntitle: &t A title\nslug: *t\n---\n",
    "tab-indented": "---\ntitle: A\n\tlang: en\n---\n",
}


def record(fields: dict) -> str:
    lines = [f"{name}: {value}" for name, value in {**GOOD, **fields}.items() if value is not None]
    return "\n".join(["---", *lines, "---", "Text."]) + "\n"


def check(name: str, found: str) -> None:
    path = EXPECTED / f"{name}.txt"
    if os.environ.get("UPDATE_MESSAGES"):
        path.write_text(found, encoding="utf-8")
    assert found == path.read_text(encoding="utf-8")


def messages(log: str, project: Path) -> str:
    """The errors and warnings of a build's log, the project's folder written as <project>."""
    kept = [line for line in log.splitlines() if MESSAGE.match(line)]
    return "\n".join(kept).replace(str(project), "<project>") + "\n"


@pytest.fixture
def project(tmp_path):
    project = make_project(tmp_path)
    pdfs.text_pdf(project / "publications" / "good.pdf", ["The text of a good paper."])
    return project


def test_every_content_error(project, capfd):
    pdfs.text_pdf(project / "publications" / "two-column-study.pdf", ["Two columns."])
    (project / "publications" / "notes.txt").write_text("notes")
    records = project / "content" / "publications"
    for name, fields, _ in BAD_RECORDS:
        (records / f"{name}.en.md").write_text(record(fields), encoding="utf-8")
    for name, text in RAW_RECORDS.items():
        (records / f"{name}.en.md").write_text(text, encoding="utf-8")
    (records / "latin-1.en.md").write_bytes("---\ntitle: Été\n---\n".encode("latin-1"))
    (records / "too-big.en.md").write_text(record({}) + "x" * 300_000, encoding="utf-8")
    (project / "content" / "history.yml").write_text("changes:\n- date: last week\n")

    with pytest.raises(BuildError):
        build(project)
    log = capfd.readouterr().err
    check("content-errors", messages(log, project))


def test_every_vocabulary_error(project, capfd):
    vocabulary = project / "content" / "vocabulary"
    themes = vocabulary / "themes.yml"
    themes.write_text(
        themes.read_text(encoding="utf-8") + "Bad Key:\n  label: {en: Bad}\nno-label: {}\n",
        encoding="utf-8",
    )
    regions = vocabulary / "regions.yml"
    regions.write_text(
        regions.read_text(encoding="utf-8") + "atlantis:\n  label: {en: Atlantis}\n"
        "  countries: [XX, FR]\n",
        encoding="utf-8",
    )
    (vocabulary / "types.yml").unlink()
    add(project, "good-paper", pdf="good.pdf", make_pdf=None)

    with pytest.raises(BuildError):
        build(project)
    log = capfd.readouterr().err
    check("vocabulary-errors", messages(log, project))


def test_every_warning(project, capfd):
    themes = project / "content" / "vocabulary" / "themes.yml"
    themes.write_text(
        themes.read_text(encoding="utf-8") + "street-children:\n  label: {en: Street children}\n",
        encoding="utf-8",
    )
    add(project, "good-paper", pdf="good.pdf", make_pdf=None)
    add(project, "secret", make_pdf=lambda p: pdfs.encrypted_pdf(p, ["x"], user_password="pw"))
    add(project, "scanned", make_pdf=pdfs.image_only_pdf)
    add(project, "truncated", make_pdf=pdfs.truncated_pdf)
    add(project, "no-pages", make_pdf=pdfs.empty_pdf)
    add(project, "web-page", make_pdf=pdfs.not_a_pdf)
    add(project, "zero-bytes", make_pdf=lambda p: p.write_bytes(b""))
    pdfs.text_pdf(project / "publications" / "forgotten.pdf", ["Nobody describes me."])
    records = project / "content" / "publications"
    # A slug typo: one PDF, two publications.
    add(project, "slug-typo", pdf="good.pdf", make_pdf=None)
    # Versions that disagree, and a publication without a theme.
    add(project, "versions", type="policy-brief")
    french = (records / "versions.en.md").read_text(encoding="utf-8")
    french = french.replace("lang: en", "lang: fr").replace("2024-01-15", "2023")
    (records / "versions.fr.md").write_text(french.replace("policy-brief", "factsheet"))
    themeless = (records / "versions.en.md").read_text(encoding="utf-8")
    (records / "no-theme.en.md").write_text(
        themeless.replace("themes: [prevention]\n", "themes: []\n").replace(
            "versions.pdf", "no-theme.pdf"
        )
    )
    pdfs.text_pdf(project / "publications" / "no-theme.pdf", ["Harbour patrols."])
    scan = (records / "scanned.en.md").read_text(encoding="utf-8")
    (records / "scan-without-lang.md").write_text(
        scan.replace("lang: en\n", "").replace("scanned.pdf", "scan-without-lang.pdf")
    )
    pdfs.image_only_pdf(project / "publications" / "scan-without-lang.pdf")

    build(project)
    log = capfd.readouterr().err
    check("warnings", messages(log, project))
