import pdf_text
import pytest
from pypdf import PdfReader, PdfWriter

from tests import pdfs


def test_reads_text_page_by_page_with_facts(tmp_path):
    path = pdfs.text_pdf(
        tmp_path / "good.pdf", ["First page on grooming.", "Second page."], title="A good paper"
    )

    result = pdf_text.extract(path)

    assert result.problem is None
    assert result.page_count == 2
    assert "grooming" in result.pages[0]
    assert "Second page" in result.pages[1]
    assert result.size == path.stat().st_size
    assert result.metadata["title"] == "A good paper"
    assert result.metadata["author"] == "Example Child Protection Network"


def test_page_labels_and_outline_are_kept(tmp_path):
    plain = pdfs.text_pdf(tmp_path / "plain.pdf", ["Preface", "Introduction", "Findings"])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.set_page_label(0, 0, style="/r")
    writer.set_page_label(1, 2, style="/D", start=1)
    writer.add_outline_item(title="Introduction", page_number=1)
    writer.add_outline_item(title="Findings", page_number=2)
    path = tmp_path / "labelled.pdf"
    writer.write(path)

    result = pdf_text.extract(path)

    assert result.page_labels == ["i", "1", "2"]
    assert result.outline == [("Introduction", 2), ("Findings", 3)]


def test_encrypted_without_user_password_is_read(tmp_path):
    path = pdfs.encrypted_pdf(tmp_path / "locked.pdf", ["Readable despite encryption."])

    result = pdf_text.extract(path)

    assert result.problem is None
    assert "Readable despite encryption" in result.text


def test_encrypted_with_user_password_is_reported_not_raised(tmp_path):
    path = pdfs.encrypted_pdf(tmp_path / "secret.pdf", ["Hidden."], user_password="secret")

    result = pdf_text.extract(path)

    assert result.problem.startswith("encrypted, no text")
    assert result.pages == []
    assert result.size > 0


def test_empty_pdf_is_reported(tmp_path):
    result = pdf_text.extract(pdfs.empty_pdf(tmp_path / "empty.pdf"))

    assert result.page_count == 0
    assert result.problem == "the PDF has no pages"


def test_image_only_pdf_is_reported_as_without_text_layer(tmp_path):
    result = pdf_text.extract(pdfs.image_only_pdf(tmp_path / "scan.pdf"))

    assert result.page_count == 1
    assert result.problem.startswith("no text layer")


def saved_as_pdf(content: bytes):
    def make(path):
        path.write_bytes(content)
        return path

    return make


def damaged_pdf(path):
    """A whole PDF whose object table is garbage: cut nowhere, yet unreadable."""
    good = pdfs.text_pdf(path, ["Some text"]).read_bytes()
    path.write_bytes(good[:9] + b"\x00" * (len(good) - 20) + good[-11:])
    return path


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (pdfs.truncated_pdf, "a PDF cut short (it has no end marker): copy or download it again"),
        (pdfs.not_a_pdf, "a web page (HTML), not a PDF: put the PDF itself in publications/"),
        (saved_as_pdf(b"\xff\xd8\xff\xe0JFIF"), "a JPEG image, not a PDF: put the PDF itself"),
        (saved_as_pdf(b"\x89PNG\r\n"), "a PNG image, not a PDF: put the PDF itself"),
        (saved_as_pdf(b"PK\x03\x04"), "a ZIP archive or an Office document (.docx, .odt), not"),
        (saved_as_pdf(b""), "an empty file (0 bytes), not a PDF: copy the PDF again"),
        (saved_as_pdf(b"Hello, world"), "not a PDF (it starts with b'Hello, world', not %PDF-)"),
        (damaged_pdf, "a damaged PDF ("),
    ],
    ids=["truncated", "html", "jpeg", "png", "docx", "empty", "text", "damaged"],
)
def test_a_file_that_cannot_be_read_is_reported_as_what_it_is(tmp_path, make, problem):
    result = pdf_text.extract(make(tmp_path / "broken.pdf"))

    assert result.problem.startswith(problem), result.problem
    assert result.pages == []
