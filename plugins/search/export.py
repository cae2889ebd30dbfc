"""The browser's search index, written from the Whoosh index: plain `.js` files that a page loads
with <script> tags (so that search works from `file://`), each calling `searchData(name, data)`.

    search/index.js        statistics (document count, average field lengths, BM25 parameters),
                           the documents (language, date, facets, field lengths as Whoosh
                           stores them) and the first term of every term part
    search/t/N.js          a part of the terms, in order: per field, each document with the
                           term, its frequency and (text fields) its best pages, as `encode`d
                           strings of numbers
    search/x/N.js          positions of terms, for phrases (x/parts.js: the first term of each)
    search/w/C.js          the library's words that start with the letter C: the documents
                           using them and their terms in each language (query analysis and
                           "did you mean")
    search/d/N.js          a document's title, links and facts
    search/d/N/G.js        the text of its pages, a few at a time, for snippets: G holds pages
                           G×per+1 to G×per+per, `per` (in d/N.js) fitting about PAGES_CHARS

A query loads index.js, the word and term parts of its words, the position parts of its
phrases, and the details and one page-text file of each result shown. Document numbers and
positions are written as gaps from the previous one, which keeps them short.
"""

import functools
import json
import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from whoosh import index

from .engine import FACETS, FIELDS, WORDS_FILE, top_pages

PART_BYTES = 12_000  # a term part holds terms until it is about this size
# Short pages share a file: an offline copy of a large library holds tens of thousands of page
# texts, and fewer files unzip and copy faster. A result shown loads one file of about this.
PAGES_CHARS = 8_000


def export(whoosh_folder: Path, target: Path, details: dict[str, dict]) -> None:
    """`details`: per document id, what results show (title, url, pdf_url, dir...)."""
    shutil.rmtree(target, ignore_errors=True)
    ix = index.open_dir(str(whoosh_folder))
    with ix.reader() as reader:
        # A new index: documents are numbered 0, 1, 2... in the order they were added.
        stored = [reader.stored_fields(docnum) for docnum in range(reader.doc_count_all())]
        languages = sorted({fields["lang"] for fields in stored})
        fieldnames = [f"{name}_{lang}" for lang in languages for name in FIELDS]
        meta = _meta(reader, stored, languages)
    terms, positions = _postings(whoosh_folder, fieldnames, [f["page_starts"] for f in stored])
    meta["parts"] = _write_parts(target, "t", terms)
    # Positions have parts of their own: a common term's positions are long, and a phrase
    # should load the positions of its own terms only. Their table is loaded by phrases only.
    write_data(target / "x" / "parts.js", "x/parts", _write_parts(target, "x", positions))
    words = json.loads((whoosh_folder / WORDS_FILE).read_text("utf-8"))
    _write_words(target, words, meta["languages"])
    for docnum, fields in enumerate(stored):
        _write_document(target, docnum, details[fields["id"]])
    write_data(target / "index.js", "index", meta)


def _meta(reader, stored, languages) -> dict:
    text_fields = [f"{name}_{lang}" for lang in languages for name in FIELDS]
    facet_values = {
        facet: sorted({v for f in stored for v in _values(f, facet)}) for facet in FACETS
    }
    docs = []
    for docnum, fields in enumerate(stored):
        lang = fields["lang"]
        lengths = [reader.doc_field_length(docnum, f"{name}_{lang}", 0) for name in FIELDS]
        facets = [[facet_values[f].index(v) for v in _values(fields, f)] for f in FACETS]
        docs.append([fields["date"], *lengths, *facets])
    count = reader.doc_count_all()
    return {
        "count": count,
        "K1": 1.2,
        "B": 0.75,
        "boosts": FIELDS,
        "languages": languages,
        "average": {f: (reader.field_length(f) / count) or 1 for f in text_fields},
        "facets": list(FACETS),
        "values": facet_values,
        "docs": docs,
    }


def _values(fields: dict, facet: str) -> list[str]:
    return [value for value in (fields.get(facet) or "").split(",") if value]


def _postings(folder: Path, fieldnames: list[str], starts) -> tuple[dict, dict]:
    """term -> field -> [doc, frequency, ...] (gaps between docs), and the pages and positions.
    Fields are read in parallel, one process per core: this is most of the export's time."""
    terms: dict[str, dict] = {}
    positions: dict[str, dict] = {}
    read = functools.partial(_field_postings, folder, starts=starts)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(min(len(fieldnames), os.cpu_count() or 1) or 1, context) as pool:
        for fieldname, (listings, where) in zip(
            fieldnames, pool.map(read, fieldnames), strict=True
        ):
            for term, listing in listings.items():
                terms.setdefault(term, {}).update(listing)
                positions.setdefault(term, {})[fieldname] = where[term]
    return terms, positions


def _field_postings(folder: Path, fieldname: str, starts) -> tuple[dict, dict]:
    listings, positions = {}, {}
    with index.open_dir(str(folder)).reader() as reader:
        for term_bytes in reader.lexicon(fieldname):
            term = term_bytes.decode("utf-8")
            listing, pages, where = [], [], []
            previous = 0
            matcher = reader.postings(fieldname, term_bytes)
            while matcher.is_active():
                docnum = matcher.id()
                found = matcher.value_as("positions")
                listing += [docnum - previous, len(found)]
                where += [docnum - previous, len(found), *gaps(found)]
                if fieldname.startswith("text_"):
                    pages += [n for page in top_pages(found, starts[docnum]) for n in page] + [0]
                previous = docnum
                matcher.next()
            listings[term] = {fieldname: encode(listing)}
            if pages:
                listings[term][f"{fieldname}~"] = encode(pages)
            positions[term] = encode(where)
    return listings, positions


DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def encode(numbers: list[int]) -> str:
    """Numbers (0 or more) as one string of 5-bit digits, low digits first; a digit from the
    second half of DIGITS says that more digits of the same number follow. Small numbers (the
    gaps, frequencies and page numbers of the index) take one or two characters."""
    digits = []
    for number in numbers:
        while number >= 32:
            digits.append(DIGITS[32 + (number & 31)])
            number >>= 5
        digits.append(DIGITS[number])
    return "".join(digits)


def gaps(numbers: list[int]) -> list[int]:
    return [n - p for n, p in zip(numbers, [0, *numbers[:-1]], strict=True)]


def _write_parts(target: Path, folder: str, entries: dict) -> list[str]:
    """Writes `entries` (term -> data) in parts of about PART_BYTES, in term order: a part
    holds the terms from its first to the next part's first. Returns the first terms."""
    firsts, part, size = [], {}, 0
    for term in sorted(entries):
        part[term] = entries[term]
        # Every entry is field -> encoded string: this is the length json.dumps gives it.
        size += len(term) + sum(len(f) + len(v) + 8 for f, v in entries[term].items())
        if size >= PART_BYTES:
            firsts.append(_write_part(target, folder, len(firsts), part))
            part, size = {}, 0
    if part:
        firsts.append(_write_part(target, folder, len(firsts), part))
    return firsts


def _write_part(target: Path, folder: str, number: int, part: dict) -> str:
    write_data(target / folder / f"{number}.js", f"{folder}/{number}", part)
    return next(iter(part))


def _write_words(target: Path, words: dict, languages: list[str]) -> None:
    by_letter: dict[str, dict] = {}
    for key, (documents, terms) in words.items():
        entry = [documents, *[terms.get(lang, []) for lang in languages]]
        by_letter.setdefault(key[0], {})[key] = entry
    for letter, entries in by_letter.items():
        write_data(target / "w" / f"{ord(letter):x}.js", f"w/{ord(letter):x}", entries)


def _write_document(target: Path, docnum: int, details: dict) -> None:
    pages = details["pages"]
    per = _pages_per_file(pages)
    write_data(
        target / "d" / f"{docnum}.js", f"d/{docnum}", {**details, "pages": len(pages), "per": per}
    )
    for group, first in enumerate(range(0, len(pages), per)):
        texts = pages[first : first + per]
        if any(text.strip() for text in texts):
            write_data(target / "d" / str(docnum) / f"{group}.js", f"d/{docnum}/{group}", texts)


def _pages_per_file(pages: list[str]) -> int:
    """As many pages as fit in about PAGES_CHARS on average; all of them for a short document."""
    average = sum(map(len, pages)) / max(1, len(pages))
    return max(1, min(len(pages), int(PAGES_CHARS // max(1.0, average))))


def write_data(path: Path, name: str, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</" would end a <script> if the file were ever inlined; U+2028/9 are not valid in older JS.
    payload = (
        payload.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )
    path.write_text(f'searchData("{name}",{payload});\n', encoding="utf-8")
