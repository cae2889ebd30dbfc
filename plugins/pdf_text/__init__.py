"""Pelican plugin: the text of each publication's PDF, page by page, with its size and metadata.

Extraction never raises on a bad PDF: a PDF that is broken, encrypted with a password, empty or
scanned (no text layer) comes back with no text and a `problem` that says why, so its publication
page is still built and the problem is reported.
"""

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

from blinker import signal
from pypdf import PasswordType, PdfReader

# pypdf logs every oddity it repairs; a build wants only our one line per problem file.
logging.getLogger("pypdf").setLevel(logging.ERROR)

METADATA_FIELDS = {
    "title": "title",
    "author": "author",
    "subject": "subject",
    "creator": "creator",
    "producer": "producer",
    "created": "creation_date",
    "modified": "modification_date",
}


@dataclass
class PdfText:
    pages: list[str] = field(default_factory=list)
    page_count: int = 0
    size: int = 0
    metadata: dict[str, str] = field(default_factory=dict)
    problem: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.pages)


def extract(path: Path) -> PdfText:
    result = PdfText(size=path.stat().st_size)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            result.page_count = _count_pages(reader)
            result.problem = "encrypted with a password, no text"
            return result
        result.page_count = len(reader.pages)
        result.metadata = _metadata(reader)
    except Exception as exc:  # pypdf raises many types on malformed files
        result.problem = f"not a readable PDF ({_reason(exc)})"
        return result
    if result.page_count == 0:
        result.problem = "the PDF has no pages"
        return result
    _read_pages(reader, result)
    return result


def _read_pages(reader: PdfReader, result: PdfText) -> None:
    failed = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            result.pages.append(page.extract_text() or "")
        except Exception:
            result.pages.append("")
            failed.append(number)
    if failed:
        result.problem = f"text of page(s) {', '.join(map(str, failed))} could not be read"
    elif not any(text.strip() for text in result.pages):
        result.problem = "no text layer (scanned images?); the PDF is published without its text"


def _count_pages(reader: PdfReader) -> int:
    try:
        return len(reader.pages)
    except Exception:
        return 0


def _metadata(reader: PdfReader) -> dict[str, str]:
    try:
        info = reader.metadata
    except Exception:
        return {}
    if not info:
        return {}
    found = {}
    for name, attribute in METADATA_FIELDS.items():
        try:
            value = getattr(info, attribute)
        except Exception:  # a malformed date string, for one
            continue
        if value:
            found[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return found


def _reason(exc: Exception) -> str:
    return str(exc).strip().rstrip(".") or exc.__class__.__name__


def attach_texts(generator, publications) -> None:
    root = Path(generator.settings["PUBLICATIONS_PDF_PATH"])
    for record in publications:
        record.pdf = extract(root / record.pdf_name)
        if record.pdf.problem:
            # A plain line on stderr, like the content errors: Pelican's log wraps long lines.
            print(f"warning: publications/{record.pdf_name}: {record.pdf.problem}", file=sys.stderr)


def register():
    signal("publications_read").connect(attach_texts)
