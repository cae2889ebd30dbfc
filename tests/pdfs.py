"""PDFs for the tests, made on the spot: good, encrypted, empty, image-only, broken, slow."""

from io import BytesIO
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def text_pdf(path: Path, pages: list[str], title: str = "Test publication") -> Path:
    """A PDF with one page per string, each written as real text."""
    pdf = FPDF()
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=12)
    pdf.set_title(title)
    pdf.set_author("Example Child Protection Network")
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def slow_pdf(path: Path, operators: int) -> Path:
    """A one-page PDF that writes one letter `operators` times, one text operator each: a few
    kilobytes that take pypdf seconds (300,000 operators: about 6 s here)."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    resources = {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
    page[NameObject("/Resources")] = DictionaryObject(resources)
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 12 Tf " + b"(a) Tj " * operators + b"ET")
    page.replace_contents(content.flate_encode())
    path.parent.mkdir(parents=True, exist_ok=True)
    writer.write(path)
    return path


def report_pdf(path: Path, pages: list[list[str]], header: str, footer: str) -> Path:
    """A report laid out as printed: a running header, then the lines of each page exactly as
    given (so a test decides where words break), then a footer; both may use {page}."""
    pdf = FPDF()
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_auto_page_break(False)
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("DejaVu", size=8)
        pdf.cell(0, 5, header.format(page=number), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(5)
        pdf.set_font("DejaVu", size=11)
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-15)
        pdf.set_font("DejaVu", size=8)
        pdf.cell(0, 5, footer.format(page=number), align="C")
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def encrypted_pdf(path: Path, pages: list[str], user_password: str = "") -> Path:
    """A text PDF encrypted with AES-256; readable without a password when user_password is ''."""
    plain = text_pdf(path.with_suffix(".plain.pdf"), pages)
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    with path.open("wb") as out:
        writer.write(out)
    plain.unlink()
    return path


def empty_pdf(path: Path) -> Path:
    """A well-formed PDF with no pages at all."""
    with path.open("wb") as out:
        PdfWriter().write(out)
    return path


def image_only_pdf(path: Path) -> Path:
    """A 'scanned' page: a picture of words, with no text layer."""
    picture = Image.new("RGB", (600, 300), "white")
    ImageDraw.Draw(picture).text((40, 140), "A scanned page with no text layer", fill="black")
    buffer = BytesIO()
    picture.save(buffer, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(buffer, x=10, y=10, w=180)
    pdf.output(str(path))
    return path


def truncated_pdf(path: Path) -> Path:
    """The first third of a good PDF, as an interrupted download leaves it."""
    good = text_pdf(path.with_suffix(".whole.pdf"), ["Some text " * 50] * 3).read_bytes()
    path.with_suffix(".whole.pdf").unlink()
    path.write_bytes(good[: len(good) // 3])
    return path


def not_a_pdf(path: Path) -> Path:
    path.write_text("<html><body>Not found</body></html>", encoding="utf-8")
    return path


def outlined_pdf(path: Path, sections: list[tuple[int, str]], front_matter: int = 0) -> Path:
    """A PDF with one page per (level, heading), each heading an entry of the PDF's outline at
    its level; the first `front_matter` pages are numbered i, ii... and the others from 1."""
    pdf = FPDF()
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=12)
    for level, heading in sections:
        pdf.add_page()
        pdf.start_section(heading, level=level)
        pdf.multi_cell(0, 6, f"{heading}: the text of this section.")
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    if front_matter:
        writer = PdfWriter(clone_from=PdfReader(path))
        writer.set_page_label(0, front_matter - 1, "/r", start=1)
        writer.set_page_label(front_matter, len(sections) - 1, "/D", start=1)
        writer.write(path)
    return path


def titled_pdf(path: Path, title: str, body: str, metadata: dict | None = None) -> Path:
    """A report whose first page sets `title` in large type above `body`, with only the
    document metadata given (fpdf2's keys: title, author, creation_date)."""
    pdf = FPDF()
    pdf.add_font("DejaVu", "", FONT)
    for key, value in (metadata or {}).items():
        getattr(pdf, f"set_{key}")(value)
    pdf.add_page()
    pdf.set_font("DejaVu", size=9)
    pdf.cell(0, 5, "Example Child Protection Network", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=22)
    pdf.multi_cell(0, 11, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=11)
    pdf.multi_cell(0, 6, body)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path
