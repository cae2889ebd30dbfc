"""Cleaning of extracted text, page by page (page boundaries are kept: search links to pages).

Rules, in order: characters (ligatures and their private-use or null mappings, control and
format characters such as direction marks, odd spaces), running headers, footers and bare page
numbers that repeat across pages, words hyphenated across line ends, whitespace.
"""

import re
import unicodedata
from collections import Counter

CLEANING_VERSION = 2  # raise when a rule changes, so cached texts are cleaned again

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    # Private-use code points that some fonts give their ligatures (Adobe's Mac Roman mapping).
    "\uf001": "fi",
    "\uf002": "fl",
}
DROPPED = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}  # soft hyphen, zero widths
EDGE_LINES = 2  # how many lines at the top and bottom of a page may be a header or footer
PAGE_NUMBER = re.compile(
    r"^(?:page|p\.|pág\.?|página|seite|стр\.?)?\s*[-–—]?\s*(?:\d+|[ivxlcdm]+)"
    r"\s*(?:(?:/|of|de|sur|von|из)\s*\d+)?\s*[-–—]?$",
    re.IGNORECASE,
)
# A word starts at a word boundary and its letters are never given back (possessive): without
# both, a page of one 100,000-letter "word" takes minutes (each start is tried to the end).
WORD = re.compile(r"\w+(?:-\w+)*")
HYPHENATED_END = re.compile(r"\b(\w++)-$")
# Longer "words" are not mended: each mend looks this far back, so a page of lines that each
# end with a hyphen is cleaned in linear time, not in time that grows with the joined line.
MAX_MENDED_WORD = 60
FIRST_TOKEN = re.compile(r"^((\w+)\S*)\s*(.*)$", re.DOTALL)  # 'tation.' -> word 'tation'
BROKEN_WORD = re.compile(r"\b\w++-\n+\w+")


def clean_pages(pages: list[str]) -> list[str]:
    lines = [[_clean_line(line) for line in _clean_characters(page).split("\n")] for page in pages]
    lines = _drop_running_lines(lines)
    words = _words(lines)
    pages = ["\n".join(_join_hyphenated(page, words)) for page in lines]
    pages = _join_across_pages(pages, words)
    return [re.sub(r"\n{3,}", "\n\n", page).strip() for page in pages]


def _clean_characters(text: str) -> str:
    out = []
    for char in text:
        if char in LIGATURES:
            out.append(LIGATURES[char])
        elif char in DROPPED:
            continue
        elif char in "\n\t" or char == " ":
            out.append(char)
        else:
            category = unicodedata.category(char)
            if category == "Zs":
                out.append(" ")
            elif category[0] == "C":  # control, format (bidi marks), private use, unassigned
                continue
            else:
                out.append(char)
    return "".join(out).replace("\r", "\n")


def _clean_line(line: str) -> str:
    return " ".join(line.split())


def _signature(line: str) -> str:
    """A line with its numbers blanked: 'Page 3 of 12' and 'Page 4 of 12' are the same line."""
    return re.sub(r"\d+", "#", line.lower())


def _edges(page: list[str]) -> list[int]:
    """Lines that may be a header or footer: the first and last ones, fewer on a short page."""
    filled = [i for i, line in enumerate(page) if line]
    count = min(EDGE_LINES, max(1, len(filled) // 3))
    return sorted(set(filled[:count] + filled[-count:]))


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Removes header and footer lines repeated on at least half the pages (three or more), and
    bare page numbers at the top or bottom of a page; never a page's only text."""
    counts = Counter(
        signature for page in pages for signature in {_signature(page[i]) for i in _edges(page)}
    )
    threshold = max(3, (len(pages) + 1) // 2)
    cleaned = []
    for page in pages:
        drop = {
            i
            for i in _edges(page)
            if counts[_signature(page[i])] >= threshold
            or (len(pages) > 1 and PAGE_NUMBER.match(page[i]))
        }
        kept = [line for i, line in enumerate(page) if i not in drop]
        cleaned.append(kept if any(kept) else page)
    return cleaned


def _words(pages: list[list[str]]) -> Counter:
    """The document's words, leaving out the halves of words broken at line and page ends."""
    text = BROKEN_WORD.sub(" ", "\n".join("\n".join(page) for page in pages))
    return Counter(word.lower() for word in WORD.findall(text))


def _keep_hyphen(head: str, tail: str, words: Counter) -> bool:
    """Whether 'well-' + 'being' is 'well-being' rather than 'wellbeing', judged by the document's
    own words: its spelling elsewhere, else whether both halves are words of their own."""
    joined, hyphenated = (head + tail).lower(), f"{head}-{tail}".lower()
    if words[joined]:
        return False
    if words[hyphenated]:
        return True
    return bool(words[head.lower()] and words[tail.lower()])


def _mend(before: str, after: str, words: Counter) -> tuple[str, str] | None:
    """'... exploi-' + 'tation of' -> ('... exploitation', 'of'); None when not a broken word."""
    end = HYPHENATED_END.search(before, max(0, len(before) - MAX_MENDED_WORD - 1))
    start = FIRST_TOKEN.match(after)
    if not (end and start and start.group(2)[:1].islower()):
        return None
    glue = "-" if _keep_hyphen(end.group(1), start.group(2), words) else ""
    return before[:-1] + glue + start.group(1), start.group(3)


def _join_hyphenated(lines: list[str], words: Counter) -> list[str]:
    joined: list[str] = []
    for line in lines:
        mended = _mend(joined[-1], line, words) if joined else None
        if mended:
            joined[-1] = mended[0]
            line = mended[1]
            if not line:
                continue
        joined.append(line)
    return joined


def _join_across_pages(pages: list[str], words: Counter) -> list[str]:
    """A word hyphenated from one page onto the next stays whole on the page where it starts."""
    pages = list(pages)
    for i in range(len(pages) - 1):
        mended = _mend(pages[i], pages[i + 1], words)
        if mended:
            pages[i], pages[i + 1] = mended
    return pages
