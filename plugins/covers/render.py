"""One PDF -> its first page as WebP images, one per width; never raises on a bad PDF.

The page is rendered once by PDFium (pypdfium2), at the largest width, and scaled down for the
others; each image keeps the page's aspect ratio. A PDF that is broken, encrypted with a password
or has no pages comes back without images and with a `problem` that says why. A scanned page is
a picture like any other: it gets its cover.
"""

import io
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import pypdfium2 as pdfium
from pdf_text.kind import unreadable
from PIL import Image, WebPImagePlugin  # noqa: F401 (registered here: workers inherit it)
from pypdf import PasswordType, PdfReader

# Raise it when the rules below change (widths, quality, cropping): every cover is made again.
COVERS_VERSION = 1
# In pixels, by the names the templates use. A card shows its cover 160 CSS pixels wide: the
# small image, and the large one on screens of 2 device pixels per CSS pixel; the publication
# page shows the large one as it is.
WIDTHS = {"small": 160, "large": 320}
# WebP at quality 75: a title page takes about 1.5 kB at 160 px and 4 kB at 320 px, a page of
# dense small text 6 kB and 22 kB (such text can't be read at these widths at any quality, and
# 60 would save a tenth only). Encoding is most of a cover's time: method 2 takes 60% of the
# time of Pillow's default (4) for 1-4% more bytes.
QUALITY = 75
METHOD = 2
# A page taller than this many times its width (a poster, a scroll) shows its top part only, so
# that no page makes an image of millions of pixels.
MAX_HEIGHT_RATIO = 4

ENCRYPTED = "encrypted; a password is needed to open it"
NO_PAGES = "the PDF has no pages"


def renderer_version() -> str:
    """Part of the cache key: a new PDFium or new rules render every cover again."""
    return f"covers-{COVERS_VERSION}-pypdfium2-{version('pypdfium2')}"


@dataclass
class CoverImage:
    width: int
    height: int
    data: bytes  # WebP


@dataclass
class Rendering:
    images: dict[int, CoverImage] = field(default_factory=dict)  # by width: one of each WIDTHS
    problem: str | None = None
    # The problem may not happen again (time or memory limit, a crash): not kept in the cache.
    transient: bool = False


class NotRendered(Exception):
    """A PDF that has no first page to show; the message says why."""


def render(path: Path, seconds: float = 0) -> Rendering:
    """The first page of `path` at every width. Run it in a worker process (see `hard_limit`)."""
    try:
        with hard_limit(seconds):
            return Rendering(images=_render_first_page(path))
    except NotRendered as exc:
        return Rendering(problem=str(exc))
    except MemoryError:
        return Rendering(problem="needed more memory than allowed", transient=True)
    except Exception as exc:  # PDFium and Pillow raise other types on odd files
        reason = str(exc).strip().rstrip(".") or exc.__class__.__name__
        return Rendering(problem=f"the first page could not be rendered: {reason}")


@contextmanager
def hard_limit(seconds: float):
    """Ends this process after `seconds`. No Python exception interrupts PDFium's C code, but a
    thread runs while it does (ctypes lets go of the GIL): a timer ends the worker, and the pool
    reports its file (pdf_text/pool.py)."""
    if not seconds:
        yield
        return
    timer = threading.Timer(seconds, os._exit, (1,))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _render_first_page(path: Path) -> dict[int, CoverImage]:
    document = _open(path)
    try:
        if len(document) == 0:
            raise NotRendered(NO_PAGES)
        page = document[0]
        width, height = page.get_size()  # in points, as the page is shown (rotated)
        if not (width > 0 and height > 0):
            raise NotRendered("the first page has no size")
        largest = max(WIDTHS.values())
        crop_bottom = max(0.0, height - width * MAX_HEIGHT_RATIO)
        bitmap = page.render(scale=largest / width, crop=(0, crop_bottom, 0, 0))
        picture = bitmap.to_pil().convert("RGB")
        return {width: _webp(picture, width) for width in WIDTHS.values()}
    finally:
        document.close()


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        raise NotRendered(_why_not_opened(path)) from None


def _why_not_opened(path: Path) -> str:
    """PDFium's error code can't be trusted here (a PDF without pages leaves the code of the
    file before it), so pypdf, which reads the text, says what the file is."""
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            return ENCRYPTED
        if len(reader.pages) == 0:
            return NO_PAGES
        reason = "PDFium could not open it"
    except Exception as exc:  # pypdf raises many types on malformed files
        reason = str(exc).strip().rstrip(".") or exc.__class__.__name__
    return unreadable(path, reason)


def _webp(picture: Image.Image, width: int) -> CoverImage:
    height = max(1, round(width * picture.height / picture.width))
    if picture.size != (width, height):
        picture = picture.resize((width, height), Image.Resampling.LANCZOS)
    stream = io.BytesIO()
    picture.save(stream, "WEBP", quality=QUALITY, method=METHOD)
    return CoverImage(width, height, stream.getvalue())
