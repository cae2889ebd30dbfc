"""A PDF's title as a reader would name it: the title in its metadata when that is a real one,
else the largest text on its first page."""

import re
from pathlib import Path

from pypdf import PdfReader

# What office software and printers write as a "title": file names and placeholders.
NOT_A_TITLE = re.compile(
    r"^(untitled|title|document\d*|microsoft (word|powerpoint) - .*|.*\.(docx?|odt|pdf|indd|rtf))$",
    re.IGNORECASE,
)
MAX_TITLE = 300  # characters: longer "largest text" is a page of body text, not a title


def pdf_title(path: Path, metadata: dict[str, str]) -> tuple[str, str]:
    """(title, where it came from), or ('', '') when the PDF offers none."""
    title = _one_line(metadata.get("title", ""))
    if len(title) >= 3 and not NOT_A_TITLE.match(title):
        return title, "the PDF's metadata"
    title = largest_text(path)
    return (title, "the largest text on the first page") if title else ("", "")


def largest_text(path: Path) -> str:
    """The text set in the largest type on the first page, in reading order."""
    runs: list[tuple[float, str]] = []

    def collect(text, matrix, text_matrix, font, size):
        scale = abs(matrix[3] * text_matrix[3]) or 1.0
        if text.strip():
            runs.append((round(size * scale, 1), text))

    try:
        PdfReader(path).pages[0].extract_text(visitor_text=collect)
    except Exception:  # a damaged first page: the editor writes the title
        return ""
    if not runs:
        return ""
    biggest = max(size for size, _ in runs)
    title = _one_line(" ".join(text for size, text in runs if size == biggest))
    return title if 3 <= len(title) <= MAX_TITLE else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())
