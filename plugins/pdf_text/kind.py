"""What a file that pypdf cannot read is, in words an editor can act on: not a PDF at all (an
HTML page saved as .pdf, an image, an empty file), or a PDF cut short, or a damaged one."""

from pathlib import Path

# The first bytes of the files most often saved or renamed as ".pdf" by mistake.
SIGNATURES = (
    ((b"<!doctype html", b"<html", b"<head", b"<?xml"), "a web page (HTML), not a PDF"),
    ((b"\x89png",), "a PNG image, not a PDF"),
    ((b"\xff\xd8\xff",), "a JPEG image, not a PDF"),
    ((b"gif8",), "a GIF image, not a PDF"),
    ((b"ii*\x00", b"mm\x00*"), "a TIFF image, not a PDF"),
    ((b"pk\x03\x04",), "a ZIP archive or an Office document (.docx, .odt), not a PDF"),
    ((b"\xd0\xcf\x11\xe0",), "an older Office document (.doc), not a PDF"),
)
END_MARKER = b"%%EOF"
TAIL = 2048  # bytes at the end where a whole PDF has its end marker


def unreadable(path: Path, reason: str) -> str:
    """Why `path` could not be read, pypdf's `reason` kept for a PDF that is damaged."""
    with path.open("rb") as stream:
        head = stream.read(1024)
        stream.seek(max(0, path.stat().st_size - TAIL))
        tail = stream.read()
    if not head:
        return "an empty file (0 bytes), not a PDF: copy the PDF again from its source"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not start.startswith(b"%pdf-"):
        for prefixes, what in SIGNATURES:
            if start.startswith(prefixes):
                return f"{what}: put the PDF itself in publications/"
        return f"not a PDF (it starts with {head[:12]!r}, not %PDF-)"
    if END_MARKER not in tail:
        return "a PDF cut short (it has no end marker): copy or download it again"
    return f"a damaged PDF ({reason})"
