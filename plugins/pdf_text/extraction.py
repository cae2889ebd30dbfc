"""One PDF -> its text page by page, with its facts; never raises on a bad PDF.

A PDF that is broken, encrypted with a password, empty or scanned (no text layer) comes back with
no text and a `problem` that says why. Limits bound what one file may cost: pages read, characters
kept, seconds spent (the caller sets the time limit; see `time_limit`).
"""

import ctypes
import logging
import signal
import threading
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pypdf
from pypdf import PasswordType, PdfReader

from . import clean
from .clean import clean_pages
from .kind import unreadable

# pypdf logs every oddity it repairs; a build wants only our one line per problem file.
logging.getLogger("pypdf").setLevel(logging.ERROR)

MAX_PAGES = 2000
MAX_CHARACTERS = 4_000_000  # about 2,000 dense pages
MAX_PAGE_CHARACTERS = 100_000  # twenty dense pages: more on one page is no text a reader reads
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
    page_labels: list[str] = field(default_factory=list)
    outline: list[tuple[str, int]] = field(default_factory=list)  # (heading, 1-based page)
    problem: str | None = None
    # The problem may not happen again (a time or memory limit, a crash): not kept in the cache.
    transient: bool = False

    @property
    def text(self) -> str:
        return "\n\n".join(self.pages)

    @property
    def has_text(self) -> bool:
        """Whether search can see inside the PDF (a scanned one has no text layer)."""
        return any(page.strip() for page in self.pages)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "PdfText":
        data = dict(data, outline=[tuple(entry) for entry in data.get("outline", [])])
        return cls(**data)

    def is_valid(self) -> bool:
        """Whether every field has the type this code gives it (for text read back)."""
        return (
            _all(self.pages, str)
            and _all(self.page_labels, str)
            and isinstance(self.page_count, int)
            and isinstance(self.size, int)
            and isinstance(self.metadata, dict)
            and _all(self.metadata.values(), str)
            and all(
                len(e) == 2 and isinstance(e[0], str) and isinstance(e[1], int)
                for e in self.outline
            )
            and (self.problem is None or isinstance(self.problem, str))
            and isinstance(self.transient, bool)
        )


def _all(values, kind) -> bool:
    return isinstance(values, list | type({}.values())) and all(isinstance(v, kind) for v in values)


def extractor_version() -> str:
    """Part of the cache key: a change here or in the cleaning rules re-extracts every PDF."""
    return f"extract-3-clean-{clean.CLEANING_VERSION}-pypdf-{pypdf.__version__}"


class TimeLimitReached(BaseException):
    """Not an Exception: the `except Exception` clauses around pypdf's calls (ours and pypdf's
    own) must not swallow it."""


@contextmanager
def time_limit(seconds: float):
    """Interrupts the extraction after `seconds` (pypdf is pure Python, so it can be interrupted
    between two of its steps): by SIGALRM in a process's main thread (this machine's workers),
    else by an exception that a timer raises in the thread (a Dask worker's task threads).
    Either is raised again every tenth of a second until the extraction is out: Python drops
    one raised while it runs a garbage collector's callback (which Dask installs)."""
    if not seconds:
        yield
    elif threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _timer(seconds):
            yield


@contextmanager
def _alarm(seconds: float):
    def interrupt(signum, frame):
        raise TimeLimitReached

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    try:
        yield
    finally:
        while True:
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                break
            except TimeLimitReached:  # raised before the alarm was stopped: out, all the same
                continue
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _timer(seconds: float):
    thread, lock, out = threading.get_ident(), threading.Lock(), threading.Event()

    def interrupt():
        for pause in [seconds] + [0.1] * 50:  # bounded: a thread must not get them for ever
            if out.wait(pause):
                return
            with lock:
                if not out.is_set():
                    _raise_in(thread, TimeLimitReached)

    threading.Thread(target=interrupt, daemon=True).start()
    try:
        yield
    finally:
        while not out.is_set():
            try:
                with lock:
                    out.set()
                    _raise_in(thread, None)  # withdraws one raised too late to be seen inside
            except TimeLimitReached:  # raised before the lock was taken: out, all the same
                continue


def _raise_in(thread: int, exception: type[BaseException] | None) -> None:
    """Raises `exception` in `thread` at its next Python step (None: withdraws it)."""
    raised = ctypes.py_object(exception) if exception else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), raised)


def extract(path: Path, seconds: float = 0) -> PdfText:
    result = PdfText(size=path.stat().st_size)
    try:
        with time_limit(seconds):
            _extract_into(result, path)
    except TimeLimitReached:
        kept = (
            f"text kept up to page {len(result.pages)}"
            if result.pages
            else "published without its text"
        )
        result.problem = f"took longer than {seconds:g} s; {kept}"
        result.transient = True
    except MemoryError:
        result.pages = []
        result.problem = "needed more memory than allowed; published without its text"
        result.transient = True
    if result.pages and not result.problem:
        result.problem = _no_text_problem(result.pages)
    result.pages = clean_pages(result.pages)
    return result


def _extract_into(result: PdfText, path: Path) -> None:
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            result.page_count = _count_pages(reader)
            result.problem = "encrypted, no text (a password is needed to open it)"
            return
        result.page_count = len(reader.pages)
        result.metadata = _metadata(reader)
        result.page_labels = _page_labels(reader)
        result.outline = _outline(reader)
    except Exception as exc:  # pypdf raises many types on malformed files
        result.problem = unreadable(path, _reason(exc))
        return
    if result.page_count == 0:
        result.problem = "the PDF has no pages"
        return
    _read_pages(reader, result)


def _read_pages(reader: PdfReader, result: PdfText) -> None:
    failed, cut, characters = [], [], 0
    for number, page in enumerate(reader.pages, start=1):
        if number > MAX_PAGES or characters >= MAX_CHARACTERS:
            result.problem = f"text kept for the first {number - 1} pages only (limit reached)"
            return
        try:
            text = page.extract_text() or ""
        except MemoryError:
            raise
        except Exception:
            text = ""
            failed.append(number)
        if len(text) > MAX_PAGE_CHARACTERS:
            text = text[:MAX_PAGE_CHARACTERS]
            cut.append(number)
        text = text[: MAX_CHARACTERS - characters]
        result.pages.append(text)
        characters += len(text)
    if failed:
        result.problem = f"text of page(s) {', '.join(map(str, failed))} could not be read"
    elif cut:
        result.problem = (
            f"text of page(s) {', '.join(map(str, cut))} cut at {MAX_PAGE_CHARACTERS:,} "
            "characters (limit reached)"
        )


def _no_text_problem(pages: list[str]) -> str | None:
    if not any(text.strip() for text in pages):
        return "no text layer (scanned images?); the PDF is published without its text"
    return None


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
    found = {}
    for name, attribute in METADATA_FIELDS.items() if info else ():
        try:
            value = getattr(info, attribute)
        except Exception:  # a malformed date string, for one
            continue
        if value:
            found[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return found


def _page_labels(reader: PdfReader) -> list[str]:
    """The numbers printed on the pages (i, ii, 1, 2...), when the PDF defines them."""
    try:
        labels = list(reader.page_labels)
    except Exception:
        return []
    return [] if labels == [str(n) for n in range(1, len(labels) + 1)] else labels


def _outline(reader: PdfReader) -> list[tuple[str, int]]:
    entries = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
                continue
            try:
                entries.append((str(item.title), reader.get_destination_page_number(item) + 1))
            except Exception:
                continue

    try:
        walk(reader.outline)
    except Exception:
        return entries
    return entries


def _reason(exc: Exception) -> str:
    return str(exc).strip().rstrip(".") or exc.__class__.__name__
