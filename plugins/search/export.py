"""The browser's search index, written from the Whoosh index: plain `.js` files that a page loads
with <script> tags (so that search works from `file://`), each calling `searchData(name, data)`.

    search/index.js        the contract both engines share (contract.shared()), statistics
                           (document count, average field lengths), each document's date,
                           field lengths, facets and pages per page-text file, by name, and
                           the first entry of every term part and word part
    search/t/N.js          a part of the terms, in order: per field, each document with the
                           term, its frequency and (text fields) its best pages, as `encode`d
                           strings of numbers
    search/x/N.js          positions, for phrases: of every term that is not common, and of
                           every pair of neighbours ("term term") of which one is common; an
                           entry is in the part its key's hash names (`bucket`)
    search/w/N.js          a part of the library's words, in order (words.py's table): what a
                           query word is read as, completions of prefixes, "did you mean"
    search/lang/L.js       a language's stop words and the file of its stemmer
    search/stem/A.js       Snowball's stemmer A in JavaScript (snowball.py), with its licence
    search/d/N.js          a document's title, links and facts
    search/d/N/G.js        the text of its pages, a few at a time, for snippets: G holds pages
                           G×per+1 to G×per+per, `per` (in index.js) fitting about PAGES_CHARS

A page loads index.js and every language's analysis and stemmer; a query, the word and term
parts of its words, the position parts of its phrases, and the details and one page-text file
of each result shown, both at once (index.js says which page-text file holds a page). Document
numbers and positions are written as gaps from the previous one, which keeps them short.

Phrases and common terms ("common grams", as Lucene and Solr name them): a term found
COMMON_OCCURRENCES times or more in a field is common there, and its positions, as long as its
occurrences, are not written. The positions of each pair of neighbours with a common term are,
under "first second". A phrase is then checked with the positions of its terms that are not
common and of its pairs that have a common term, which are short: "politiques protection" loads
where that pair occurs, not where each of its words does. Both engines find the same documents;
only what the browser loads changes (the export writes the threshold into index.js).
"""

import functools
import json
import multiprocessing
import operator
import os
import shutil
from array import array
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from whoosh import index

from . import analysis, contract, snowball
from .engine import NAMED_FILE, WORDS_FILE, top_pages

# A term or word part holds entries until it is about this size. A query word has its terms in
# every language searched, in as many parts: small parts keep a first query small.
PART_BYTES = 6_000
# Positions are loaded by phrases only, a term's at a time: larger parts, fewer files.
POSITION_PART_BYTES = 12_000
# From this many occurrences in a field, a term is common: phrases go through its pairs.
COMMON_OCCURRENCES = 10_000
# A result shown loads one file of page texts of about this, for its snippet: a page of a
# report (2-4,000 characters) has a file of its own, short pages share one. The offline copy
# packs them anyway (packing.py).
PAGES_CHARS = 4_000


def export(
    whoosh_folder: Path, target: Path, details: dict[str, dict], common=COMMON_OCCURRENCES
) -> None:
    """`details`: per document id, what results show (title, url, pdf_url, dir...); `common`:
    the occurrences in a field from which a term is common."""
    shutil.rmtree(target, ignore_errors=True)
    ix = index.open_dir(str(whoosh_folder))
    with ix.reader() as reader:
        # A new index: documents are numbered 0, 1, 2... in the order they were added.
        stored = [reader.stored_fields(docnum) for docnum in range(reader.doc_count_all())]
        languages = sorted({fields["lang"] for fields in stored})
        fieldnames = [f"{name}_{lang}" for lang in languages for name in contract.FIELDS]
        per = [_pages_per_file(details[fields["id"]]["pages"]) for fields in stored]
        meta = _meta(reader, stored, languages, per)
    starts = [f["page_starts"] for f in stored]
    terms, positions = _postings(whoosh_folder, fieldnames, starts, common)
    meta["common_occurrences"] = common
    meta["terms"] = _write_parts(target, "t", terms, _postings_size)
    # Positions have parts of their own, loaded by phrases only. A phrase looks its terms and
    # pairs up by key, never by range: the part of a key is its hash's, and needs no table.
    meta["positions_parts"] = _write_buckets(target, "x", positions, POSITION_PART_BYTES)
    meta["named"] = json.loads((whoosh_folder / NAMED_FILE).read_text("utf-8"))
    words = json.loads((whoosh_folder / WORDS_FILE).read_text("utf-8"))
    meta["words"] = _write_parts(target, "w", words, _word_size)
    _write_languages(target, languages)
    for docnum, fields in enumerate(stored):
        _write_document(target, docnum, details[fields["id"]], per[docnum])
    write_data(target / "index.js", "index", meta)


def _meta(reader, stored, languages, per: list[int]) -> dict:
    text_fields = [f"{name}_{lang}" for lang in languages for name in contract.FIELDS]
    names = [facet.name for facet in contract.FACETS]
    values = {name: sorted({v for f in stored for v in _values(f, name)}) for name in names}
    count = reader.doc_count_all()
    publications = {slug: n for n, slug in enumerate(sorted({f["slug"] for f in stored}))}
    # A field with no terms has no length in Whoosh (None): it is never scored.
    lengths = {
        name: [reader.doc_field_length(n, f"{name}_{f['lang']}") or 0 for n, f in enumerate(stored)]
        for name in contract.FIELDS
    }
    facets = {}
    for name in names:
        places = [[values[name].index(v) for v in _values(f, name)] for f in stored]
        facets[name] = encode([n for found in places for n in (len(found), *found)])
    return {
        "contract": contract.shared(),
        "count": count,
        "languages": languages,
        "average": {f: (reader.field_length(f) / count) or 1 for f in text_fields},
        "values": values,
        # Every document's date (as YYYYMMDD), publication (language versions of one share a
        # number), field lengths, facets (each document's count of values, then their places
        # in `values`) and pages per page-text file, in index order, as encoded numbers: one
        # string per column keeps index.js, which every search loads, small.
        "docs": {
            "date": encode([int(f["date"].replace("-", "")) for f in stored]),
            "publication": encode([publications[f["slug"]] for f in stored]),
            "lengths": {name: encode(found) for name, found in lengths.items()},
            "facets": facets,
            "per": encode(per),
        },
    }


def _values(fields: dict, facet: str) -> list[str]:
    return [value for value in (fields.get(facet) or "").split(",") if value]


def _postings(folder: Path, fieldnames: list[str], starts, common: int) -> tuple[dict, dict]:
    """term -> field -> [doc, frequency, ...] (gaps between docs), and the pages; term or pair
    -> field -> positions (None for a common term). Fields are read in parallel, one process
    per core: this is most of the export's time."""
    terms: dict[str, dict] = {}
    positions: dict[str, dict] = {}
    read = functools.partial(_field_postings, folder, starts=starts, common=common)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(min(len(fieldnames), os.cpu_count() or 1) or 1, context) as pool:
        for fieldname, (listings, where) in zip(
            fieldnames, pool.map(read, fieldnames), strict=True
        ):
            for term, listing in listings.items():
                terms.setdefault(term, {}).update(listing)
            for key, found in where.items():
                positions.setdefault(key, {})[fieldname] = found
    return terms, positions


def _field_postings(folder: Path, fieldname: str, starts, common: int) -> tuple[dict, dict]:
    listings, positions = {}, {}
    names: list[str] = []  # the field's terms, by number
    placed: dict[int, array] = {}  # doc -> the number of the term at each of its positions
    commons: dict[int, list] = {}  # a common term's number -> its [(doc, positions)]
    with index.open_dir(str(folder)).reader() as reader:
        for term_bytes in reader.lexicon(fieldname):
            term = term_bytes.decode("utf-8")
            listing, pages, where, found_in = [], [], [], []
            previous = 0
            matcher = reader.postings(fieldname, term_bytes)
            while matcher.is_active():
                docnum = matcher.id()
                found = matcher.value_as("positions")
                listing += [docnum - previous, len(found)]
                where += [docnum - previous, len(found), *gaps(found)]
                if fieldname.startswith("text_"):
                    pages += [n for page in top_pages(found, starts[docnum]) for n in page] + [0]
                _place(placed.setdefault(docnum, array("i")), found, len(names))
                found_in.append((docnum, found))
                previous = docnum
                matcher.next()
            listings[term] = {fieldname: encode(listing)}
            if pages:
                listings[term][f"{fieldname}~"] = encode(pages)
            if sum(len(found) for _, found in found_in) >= common:
                commons[len(names)] = found_in
                positions[term] = None
            else:
                positions[term] = encode(where)
            names.append(term)
    positions.update(_pairs(commons, placed, names))
    return listings, positions


def _place(where: array, positions: list[int], number: int) -> None:
    """Writes the term `number` at its `positions` in a document's array of terms."""
    if positions[-1] >= len(where):
        where.extend([-1] * (positions[-1] + 1 - len(where)))
    for position in positions:
        where[position] = number


def _pairs(commons: dict[int, list], placed: dict[int, array], names: list[str]) -> dict:
    """The positions of each pair of neighbours of which one is common, by "first second".
    A pair of two common terms comes from its first, other pairs from their common term, so
    that each pair's positions come in order from one term's list."""
    pairs: dict[tuple[int, int], dict[int, list[int]]] = {}
    for number, found_in in commons.items():
        for docnum, found in found_in:
            where = placed[docnum]
            for position in found:
                after = where[position + 1] if position + 1 < len(where) else -1
                if after >= 0:
                    pairs.setdefault((number, after), {}).setdefault(docnum, []).append(position)
                before = where[position - 1] if position > 0 else -1
                if before >= 0 and before not in commons:
                    at = pairs.setdefault((before, number), {}).setdefault(docnum, [])
                    at.append(position - 1)
    written = {}
    for (first, second), docs in pairs.items():
        where, previous = [], 0
        for docnum in sorted(docs):
            where += [docnum - previous, len(docs[docnum]), *gaps(docs[docnum])]
            previous = docnum
        written[f"{names[first]} {names[second]}"] = encode(where)
    return written


def _digits(number: int) -> str:
    digits = []
    while number >= 32:
        digits.append(contract.DIGITS[32 + (number & 31)])
        number >>= 5
    digits.append(contract.DIGITS[number])
    return "".join(digits)


# Most numbers of the index are small: their digits are looked up, not worked out.
_SMALL = [_digits(number) for number in range(32 * 32 * 32)]


def encode(numbers: list[int]) -> str:
    """Numbers (0 or more) as one string of 5-bit digits, low digits first; a digit from the
    second half of contract.DIGITS says that more digits of the same number follow. Small
    numbers (the gaps, frequencies and page numbers of the index) take one or two characters."""
    return "".join([_SMALL[n] if n < len(_SMALL) else _digits(n) for n in numbers])


def gaps(numbers: list[int]) -> list[int]:
    return [numbers[0], *map(operator.sub, numbers[1:], numbers)] if numbers else []


def _write_parts(target: Path, folder: str, entries: dict, size, most=PART_BYTES) -> list[str]:
    """Writes `entries` (key -> data) in parts of about `most` bytes, in key order: a part
    holds the keys from its first to the next part's first. Returns the first keys. `size`
    tells an entry's length in JSON without writing it."""
    firsts, part, total = [], {}, 0
    for key in sorted(entries):
        part[key] = entries[key]
        total += size(key, entries[key])
        if total >= most:
            firsts.append(_write_part(target, folder, len(firsts), part))
            part, total = {}, 0
    if part:
        firsts.append(_write_part(target, folder, len(firsts), part))
    return firsts


def _write_buckets(target: Path, folder: str, entries: dict, most: int) -> int:
    """Writes `entries` into as many parts as about `most` bytes each makes, each entry into
    the part of its key's `bucket`; returns how many parts."""
    total = sum(_postings_size(key, entry) for key, entry in entries.items())
    count = max(1, -(-total // most))
    parts: list[dict] = [{} for _ in range(count)]
    for key in sorted(entries):
        parts[bucket(key, count)][key] = entries[key]
    for number, part in enumerate(parts):
        write_data(target / folder / f"{number}.js", f"{folder}/{number}", part)
    return count


def bucket(key: str, count: int) -> int:
    """The part of a key among `count`: the 32-bit FNV-1a hash of its UTF-8 bytes, modulo
    `count`. The browser computes the same (search-engine.js, bucket)."""
    value = 0x811C9DC5
    for byte in key.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % count


def _postings_size(term: str, entry: dict[str, str]) -> int:
    return len(term) + sum(len(field) + len(value or "") + 8 for field, value in entry.items())


def _word_size(key: str, entry: list) -> int:
    return 2 * len(key) + 12


def _write_part(target: Path, folder: str, number: int, part: dict) -> str:
    write_data(target / folder / f"{number}.js", f"{folder}/{number}", part)
    return next(iter(part))


def _write_languages(target: Path, languages: list[str]) -> None:
    """Per language, its stop words and its stemmer; the stemmers' JavaScript and licence."""
    classes = snowball.class_names(languages)
    for lang in languages:
        stemmer = contract.STEMMERS.get(lang)
        write_data(
            target / "lang" / f"{lang}.js",
            f"lang/{lang}",
            {
                "stopwords": sorted(analysis.stopwords(lang)),
                "stemmer": {"file": f"stem/{stemmer}", "class": classes[lang]} if stemmer else None,
            },
        )
    files = snowball.javascript_files(languages)
    for name, source in files.items():
        (target / "stem").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target / "stem" / f"{name}.js")
    if len(files) > 1:
        shutil.copyfile(snowball.licence(), target / "stem" / "COPYING.txt")


def _write_document(target: Path, docnum: int, details: dict, per: int) -> None:
    pages = details["pages"]
    write_data(target / "d" / f"{docnum}.js", f"d/{docnum}", {**details, "pages": len(pages)})
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
    path.write_text(data_script(name, data), encoding="utf-8")


def data_script(name: str, data) -> str:
    """The script of an index file: one call of searchData(name, data)."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</" would end a <script> if the file were ever inlined; U+2028/9 are not valid in older JS.
    payload = (
        payload.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )
    return f'searchData("{name}",{payload});\n'
