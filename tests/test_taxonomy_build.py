"""Inferred tags in a build: the editor's values win, inferred ones are marked, `invoke check`
lists disagreements and exits non-zero only on errors."""

import subprocess
import sys

from tests import pdfs
from tests.conftest import ROOT
from tests.html_pages import Page
from tests.projects import add, build

FRENCH = (
    "Le Sénégal a adopté une loi contre la traite des enfants. Au Sénégal, les victimes de la "
    "traite sont souvent des enfants talibés. Le gouvernement du Sénégal forme les policiers et "
    "les travailleurs sociaux à repérer la traite et à protéger les enfants. "
)


def write(project, name, front_matter, text):
    pdfs.text_pdf(project / "publications" / f"{name}.pdf", [text * 6, text * 6])
    (project / "content" / "publications" / f"{name}.md").write_text(
        f"---\ntitle: A paper\ndate: 2024\ntype: country-overview\npdf: {name}.pdf\n"
        f"{front_matter}---\n",
        encoding="utf-8",
    )


def test_fields_left_out_are_filled_in_and_marked_suggested(project):
    write(project, "senegal", "", FRENCH)

    site = build(project)
    page = Page(site / "publications" / "senegal-fr.html")

    facts = page.find("dl", class_="facts").text
    assert "French suggested" in facts
    assert "Senegal" in facts and "Africa" in facts and "Trafficking" in facts
    assert len(page.find_all("span", class_="suggested")) == 4
    assert Page(site / "countries" / "SN.html").find("h1").text == "Senegal"


def test_what_the_editor_wrote_wins(project):
    write(
        project,
        "senegal",
        "lang: fr\ncountries: [ML]\nregions: [global]\nthemes: [prevention]\n",
        FRENCH,
    )

    site = build(project)
    page = Page(site / "publications" / "senegal-fr.html")

    facts = page.find("dl", class_="facts").text
    assert "Mali" in facts and "Senegal" not in facts and "Prevention" in facts
    assert not page.find_all("span", class_="suggested")


def run_check(project, *options):
    return subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--project", str(project), *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_lists_disagreements_and_passes(project, monkeypatch):
    write(project, "senegal", "lang: en\ncountries: [ML]\nthemes: [prevention]\n", FRENCH)

    assert run_check(project).stdout.splitlines()[-1] == (
        "No errors. The text suggests other tags than the front matter in 1 file(s): "
        "invoke check --suggestions lists them."
    )
    result = run_check(project, "--suggestions")

    assert result.returncode == 0, result.stderr
    assert "content/publications/senegal.md" in result.stdout
    assert "lang: 'en' is declared, but the text reads as 'fr'" in result.stdout
    assert "countries: SN is named 36 times but not tagged" in result.stdout
    assert "countries: ML is tagged but never named" in result.stdout
    assert "themes: trafficking is suggested by the text but not tagged" in result.stdout


def test_check_fails_on_errors(project):
    write(project, "senegal", "lang: xx\n", FRENCH)

    result = run_check(project)

    assert result.returncode == 1
    assert "content/publications/senegal.md:6: lang: 'xx' is not known" in result.stderr


def test_check_on_a_clean_library_is_one_line(project):
    add(project, "harbour", title="Harbour patrols")

    result = run_check(project)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "No errors, and the text suggests no other tags than the front matter."
    )
