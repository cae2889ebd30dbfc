"""`invoke new`: a record started from a PDF, on generated PDFs and a real build."""

import datetime
import subprocess
import sys

import pytest
from publications.records import read_publication

from editing.new_entry import NewEntryError, start_entry
from tasks import _library
from tests import pdfs
from tests.conftest import ROOT
from tests.html_pages import Page
from tests.projects import add, build, make_project

GROOMING = (
    "Online grooming of children in Kenya is rising. This policy brief sets out how police, "
    "helplines and schools in Kenya can detect grooming and protect children online. "
) * 8
TRATA = (
    "La trata de niñas, niños y adolescentes en Bolivia y el Perú sigue rutas conocidas. Este "
    "informe de investigación describe la explotación y la respuesta de las autoridades. "
) * 8


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


@pytest.fixture
def library(project):
    return _library(project)


def front_matter(entry) -> str:
    return entry.record.read_text(encoding="utf-8")


def test_a_pdf_without_metadata_gets_its_title_from_the_largest_text(library, tmp_path):
    pdf = pdfs.titled_pdf(
        tmp_path / "Kenya Grooming Brief.pdf", "Policy brief: online grooming in Kenya", GROOMING
    )
    entry = start_entry(library, pdf)

    assert entry.record == library.records / "kenya-grooming-brief.en.md"
    assert entry.pdf.read_bytes() == pdf.read_bytes()
    assert entry.pdf == library.pdfs.resolve() / "Kenya Grooming Brief.pdf"
    assert entry.page == "publications/kenya-grooming-brief-en.html"
    assert entry.to_fill == []
    record = read_publication(entry.record, "x", library.vocabulary, library.pdfs)
    assert record.title == "Policy brief: online grooming in Kenya"
    assert record.lang.key == "en"
    assert record.type.key == "policy-brief"
    assert [term.key for term in record.countries] == ["KE"]
    assert [term.key for term in record.regions] == ["africa"]
    assert "online-exploitation" in [term.key for term in record.themes]
    assert record.pdf_name == "Kenya Grooming Brief.pdf"
    text = front_matter(entry)
    assert 'title: "Policy brief: online grooming in Kenya"  # from the largest text' in text
    assert "lang: en  # detected from the text" in text
    # What is left to choose is listed in the file itself.
    assert "# type (required): one of summary-paper, country-overview," in text
    assert "#   working-paper, policy-brief," in text


def test_metadata_gives_title_date_and_author(library, tmp_path):
    pdf = pdfs.titled_pdf(
        tmp_path / "informe.pdf",
        "Portada",
        TRATA,
        metadata={
            "title": 'Informe de investigación: la trata "invisible" en los Andes',
            "author": "Red de Ejemplo",
            "creation_date": datetime.datetime(2023, 5, 10, tzinfo=datetime.UTC),
        },
    )
    entry = start_entry(library, pdf)

    record = read_publication(entry.record, "x", library.vocabulary, library.pdfs)
    assert entry.record.name == "informe.es.md"
    assert record.title == 'Informe de investigación: la trata "invisible" en los Andes'
    assert record.lang.key == "es"
    assert record.date.isoformat() == "2023-05-10"
    assert record.authors == ["Red de Ejemplo"]
    assert record.type.key == "research-report"
    assert {term.key for term in record.countries} == {"BO", "PE"}
    assert "trafficking" in [term.key for term in record.themes]
    assert "# the PDF's creation date: the publication date may differ" in front_matter(entry)


def test_an_office_file_name_in_the_metadata_is_no_title(library, tmp_path):
    pdf = pdfs.titled_pdf(
        tmp_path / "brief.pdf",
        "Policy brief: online grooming in Kenya",
        GROOMING,
        metadata={"title": "Microsoft Word - brief_v3_FINAL.docx"},
    )
    record = read_publication(
        start_entry(library, pdf).record, "x", library.vocabulary, library.pdfs
    )
    assert record.title == "Policy brief: online grooming in Kenya"


def test_a_language_version_takes_the_tags_of_the_publication(library, project, tmp_path):
    add(project, "grooming-brief", title="Online grooming in Kenya")  # type policy-brief
    pdf = pdfs.titled_pdf(tmp_path / "grooming-fr.pdf", "Note d'orientation", FRENCH)
    entry = start_entry(library, pdf, version_of="grooming-brief")

    assert entry.record.name == "grooming-brief.fr.md"
    record = read_publication(entry.record, "x", library.vocabulary, library.pdfs)
    assert record.slug == "grooming-brief"
    assert record.lang.key == "fr"
    assert record.type.key == "policy-brief"
    assert [term.key for term in record.themes] == ["prevention"]
    assert record.date.isoformat() == "2024-01-15"
    assert "# as in grooming-brief.en.md" in front_matter(entry)

    with pytest.raises(NewEntryError, match="grooming-brief has a fr version; give --lang"):
        start_entry(library, pdf, version_of="grooming-brief")
    with pytest.raises(NewEntryError, match="--version-of 'groming-brief': no record has"):
        start_entry(library, pdf, version_of="groming-brief")


FRENCH = (
    "La sollicitation d'enfants en ligne progresse au Kenya. Cette note explique comment la "
    "police et les écoles peuvent protéger les enfants. "
) * 8


def test_a_taken_slug_is_refused_with_the_way_to_add_a_version(library, project, tmp_path):
    add(project, "grooming-brief")
    pdf = pdfs.titled_pdf(tmp_path / "grooming-brief-fr.pdf", "Note", FRENCH)
    with pytest.raises(NewEntryError) as error:
        start_entry(library, pdf)
    assert str(error.value) == (
        "the slug 'grooming-brief' is taken by grooming-brief.en.md: add --version-of "
        "grooming-brief if this PDF is its fr version, else give another --slug; "
        "nothing was written"
    )
    assert not (library.pdfs / "grooming-brief-fr.pdf").exists()


def test_a_different_file_of_the_same_name_is_never_overwritten(library, tmp_path):
    kept = pdfs.text_pdf(library.pdfs / "report.pdf", ["The paper already in the library."])
    before = kept.read_bytes()
    new = pdfs.titled_pdf(tmp_path / "report.pdf", "Policy brief: grooming", GROOMING)
    with pytest.raises(NewEntryError) as error:
        start_entry(library, new, slug="another")
    assert str(error.value) == (
        "publications/report.pdf exists and is a different file: rename the new PDF, or "
        "replace the old one yourself if it is meant; nothing was written"
    )
    assert kept.read_bytes() == before
    assert list(library.records.iterdir()) == []

    # The same bytes are the same file: nothing to refuse.
    kept.write_bytes(new.read_bytes())
    assert start_entry(library, new).record.name == "report.en.md"


def test_a_pdf_already_in_the_library_is_used_where_it_is(library):
    pdf = pdfs.titled_pdf(library.pdfs / "reports" / "brief.pdf", "Policy brief", GROOMING)
    entry = start_entry(library, pdf)
    assert entry.pdf == pdf.resolve()
    assert "pdf: reports/brief.pdf  # 1 page, " in front_matter(entry)


def test_a_file_that_is_no_pdf_is_refused_for_what_it_is(library, tmp_path):
    page = pdfs.not_a_pdf(tmp_path / "download.pdf")
    with pytest.raises(NewEntryError) as error:
        start_entry(library, page)
    assert str(error.value) == (
        f"{page}: a web page (HTML), not a PDF: put the PDF itself in publications/; "
        "nothing was written"
    )
    assert list(library.records.iterdir()) == list(library.pdfs.iterdir()) == []


def test_a_scan_gets_the_default_language_unless_told(library, tmp_path):
    scan = pdfs.image_only_pdf(tmp_path / "scan.pdf")
    entry = start_entry(library, scan)
    assert entry.record.name == "scan.en.md"
    assert "lang: en  # not detected (no text?): the library's default language; check it" in (
        front_matter(entry)
    )
    assert "no text layer (scanned images?)" in front_matter(entry)
    # Nothing in a scan gives a title or a type: the build's own messages say what to add.
    assert entry.to_fill == [
        "content/publications/scan.en.md:2: title: missing; add a line such as "
        "'title: \"Summary paper: online child sexual exploitation\"'",
        "content/publications/scan.en.md:2: type: missing; add a line such as "
        "'type: summary-paper'",
    ]
    assert start_entry(library, scan, lang="fr", slug="scan-fr").record.name == "scan-fr.fr.md"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"lang": "english"}, "--lang 'english' is not known (did you mean en?); valid: "),
        ({"slug": "My Paper"}, "--slug 'My Paper' is not valid; use lower-case letters, digits"),
    ],
)
def test_a_bad_option_is_named_with_what_would_do(library, tmp_path, options, message):
    pdf = pdfs.titled_pdf(tmp_path / "brief.pdf", "Policy brief", GROOMING)
    with pytest.raises(NewEntryError) as error:
        start_entry(library, pdf, **options)
    assert str(error.value).startswith(message)


def test_the_new_record_builds_into_its_page(library, project, tmp_path):
    pdf = pdfs.titled_pdf(tmp_path / "brief.pdf", "Policy brief: grooming in Kenya", GROOMING)
    entry = start_entry(library, pdf)
    site = build(project)
    page = Page(site / entry.page)
    assert page.find("h1").text == "Policy brief: grooming in Kenya"


def test_invoke_new_prints_the_file_to_edit_and_the_page(project, tmp_path):
    pdf = pdfs.titled_pdf(tmp_path / "brief.pdf", "Policy brief: grooming in Kenya", GROOMING)
    command = [sys.executable, "-m", "invoke", "new", str(pdf), "--project", str(project)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.startswith("Wrote content/publications/brief.en.md:\n\n---\n")
    assert done.stdout.endswith(
        "Edit content/publications/brief.en.md, then look at it with `invoke serve`: "
        "http://127.0.0.1:8000/publications/brief-en.html\n"
    )
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 1
    assert again.stderr == (
        "content/publications/brief.en.md exists already: give another --slug; "
        "nothing was written\n"
    )
