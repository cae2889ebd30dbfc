"""The browser's index, written from the Whoosh index: each part holds exactly its terms, and the
numbers are Whoosh's."""

import json
import re

import pytest
from search import contract
from search.contract import DIGITS
from search.engine import WORDS_FILE, write_index
from search.export import PAGES_CHARS, bucket, encode, export
from whoosh import index as whoosh_index

from tests.search_fixture import DOCS, details, doc


def decode(text):
    numbers, number, shift = [], 0, 0
    for character in text:
        digit = DIGITS.index(character)
        if digit >= 32:
            number, shift = number + ((digit - 32) << shift), shift + 5
        else:
            numbers.append(number + (digit << shift))
            number, shift = 0, 0
    return numbers


DATA = re.compile(r'^searchData\("([^"]+)",(.*)\);\n$', re.S)


def read(path):
    name, payload = DATA.match(path.read_text(encoding="utf-8")).groups()
    return name, json.loads(payload)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("search")
    many = DOCS + [
        doc(f"extra{n}-en", "en", f"Paper {n}", [f"word{n} " * n + "shared text"])
        for n in range(1, 1500)
    ]
    write_index(folder / "whoosh", many, {})
    export(folder / "whoosh", folder / "search", details(many))
    return folder


def terms_in_parts(search, folder, firsts):
    assert len(firsts) >= 3 and firsts == sorted(firsts)
    seen = set()
    for number, first in enumerate(firsts):
        name, part = read(search / folder / f"{number}.js")
        assert name == f"{folder}/{number}"
        following = firsts[number + 1] if number + 1 < len(firsts) else None
        assert all(first <= term and (following is None or term < following) for term in part)
        seen.update(part)
    return seen


def test_each_part_holds_exactly_its_terms(exported):
    search = exported / "search"
    _, meta = read(search / "index.js")
    terms = terms_in_parts(search, "t", meta["terms"])
    positions = set()
    for number in range(meta["positions_parts"]):
        name, part = read(search / "x" / f"{number}.js")
        assert name == f"x/{number}"
        assert {bucket(key, meta["positions_parts"]) for key in part} <= {number}
        positions.update(part)
    assert meta["positions_parts"] >= 3
    ix = whoosh_index.open_dir(str(exported / "whoosh"))
    with ix.reader() as reader:
        lexicon = {
            term.decode()
            for name in reader.indexed_field_names()
            if name.split("_")[0] in ("title", "abstract", "text")
            for term in reader.lexicon(name)
        }
    assert terms == positions == lexicon  # no term is common here: no pairs


def test_common_terms_leave_their_positions_to_their_pairs(tmp_path):
    """With terms common from 3 occurrences, a common term has no positions of its own, and
    each pair with a common term has exactly the positions where the pair is."""
    write_index(tmp_path / "whoosh", DOCS, {})
    export(tmp_path / "whoosh", tmp_path / "search", details(DOCS), common=3)
    _, meta = read(tmp_path / "search" / "index.js")
    entries = {}
    for number in range(meta["positions_parts"]):
        entries.update(read(tmp_path / "search" / "x" / f"{number}.js")[1])
    with whoosh_index.open_dir(str(tmp_path / "whoosh")).reader() as reader:
        field = "text_en"
        where = {
            term.decode(): dict(reader.postings(field, term).items_as("positions"))
            for term in reader.lexicon(field)
        }
    common = {term for term, docs in where.items() if sum(map(len, docs.values())) >= 3}
    assert common and all(entries[term][field] is None for term in common)
    at = {(n, p): term for term, docs in where.items() for n, ps in docs.items() for p in ps}
    expected = {}
    for (docnum, p), term in sorted(at.items()):
        after = at.get((docnum, p + 1))
        if after and (term in common or after in common):
            expected.setdefault(f"{term} {after}", {}).setdefault(docnum, []).append(p)
    pairs = {key: value[field] for key, value in entries.items() if " " in key and field in value}
    assert pairs.keys() == expected.keys()
    for key, docs in expected.items():
        flat = [n for d in sorted(docs) for n in (d, len(docs[d]), *docs[d])]
        numbers, previous, i = decode(pairs[key]), 0, 0
        while i < len(numbers):  # gaps back to documents and positions
            previous += numbers[i]
            numbers[i] = previous
            count, position = numbers[i + 1], 0
            for j in range(i + 2, i + 2 + count):
                position += numbers[j]
                numbers[j] = position
            i += 2 + count
        assert numbers == flat, key


def test_postings_are_whoosh_postings(exported):
    _, meta = read(exported / "search" / "index.js")
    number = max(n for n, first in enumerate(meta["terms"]) if first <= "children")
    _, part = read(exported / "search" / "t" / f"{number}.js")
    ix = whoosh_index.open_dir(str(exported / "whoosh"))
    with ix.reader() as reader:
        for fieldname in ("text_en", "title_en"):
            gaps = decode(part["children"][fieldname])
            docs, tfs = gaps[0::2], gaps[1::2]
            decoded = [(sum(docs[: i + 1]), tf) for i, tf in enumerate(tfs)]
            postings = reader.postings(fieldname, "children").items_as("weight")
            assert decoded == [(docnum, int(weight)) for docnum, weight in postings]
        languages = [reader.stored_fields(n)["lang"] for n in range(reader.doc_count_all())]
        expected = [
            reader.doc_field_length(n, f"text_{lang}") or 0 for n, lang in enumerate(languages)
        ]
        assert decode(meta["docs"]["lengths"]["text"]) == expected


def test_numbers_are_written_as_short_strings():
    numbers = [0, 1, 31, 32, 100, 1023, 1024, 2**40]
    assert decode(encode(numbers)) == numbers
    assert len(encode([5, 31])) == 2 and len(encode([100])) == 2


def test_the_librarys_words_are_written_in_parts_with_their_spelling(exported):
    search = exported / "search"
    _, meta = read(search / "index.js")
    words = terms_in_parts(search, "w", meta["words"])
    assert words == set(json.loads((exported / "whoosh" / WORDS_FILE).read_text("utf-8")))
    number = max(n for n, first in enumerate(meta["words"]) if first <= "explotacion")
    assert read(search / "w" / f"{number}.js")[1]["explotacion"] == [1, "explotación"]


def test_the_index_names_what_both_engines_share(exported):
    _, meta = read(exported / "search" / "index.js")
    assert meta["contract"] == json.loads(json.dumps(contract.shared()))
    dates = decode(meta["docs"]["date"])
    assert len(dates) == meta["count"] and dates[0] == int(DOCS[0].date.replace("-", ""))
    # Per document, its count of values, then their places in `values`.
    themes = decode(meta["docs"]["facets"]["themes"])
    assert themes[:2] == [1, meta["values"]["themes"].index("travel-and-tourism")]
    assert decode(meta["docs"]["facets"]["lang"])[:2] == [1, meta["values"]["lang"].index("en")]


def test_each_language_has_its_stop_words_and_stemmer(exported):
    search = exported / "search"
    _, english = read(search / "lang" / "en.js")
    assert "the" in english["stopwords"]
    assert english["stemmer"] == {"file": "stem/english", "class": "EnglishStemmer"}
    assert read(search / "lang" / "th.js")[1] == {"stopwords": [], "stemmer": None}
    script = (search / "stem" / "english.js").read_text(encoding="utf-8")
    assert "EnglishStemmer" in script and (search / "stem" / "base.js").is_file()
    assert "Snowball" in (search / "stem" / "COPYING.txt").read_text(encoding="utf-8")


def test_pages_and_details_are_written_as_text(exported, tmp_path):
    _, first = read(exported / "search" / "d" / "0.js")
    assert first["title"] == DOCS[0].title and first["pages"] == 2
    assert decode(read(exported / "search" / "index.js")[1]["docs"]["per"])[0] == 2
    assert read(exported / "search" / "d" / "0" / "0.js")[1] == DOCS[0].pages


def test_long_pages_are_written_a_few_at_a_time(tmp_path):
    pages = [f"Page {n} " + "words " * (PAGES_CHARS // 15) for n in range(1, 8)]
    long = doc("long-en", "en", "A long paper", pages)
    write_index(tmp_path / "whoosh", [long], {})
    export(tmp_path / "whoosh", tmp_path / "search", details([long]))

    per = decode(read(tmp_path / "search" / "index.js")[1]["docs"]["per"])[0]
    files = sorted((tmp_path / "search" / "d" / "0").glob("*.js"), key=lambda p: int(p.stem))
    assert per == 2 and len(files) == 4
    for page in range(1, 8):
        _, texts = read(tmp_path / "search" / "d" / "0" / f"{(page - 1) // per}.js")
        assert texts[(page - 1) % per] == pages[page - 1]
        assert sum(map(len, texts)) <= PAGES_CHARS * 1.2


def test_no_text_can_close_a_script_element(tmp_path):
    hostile = doc("x-en", "en", "</script><script>alert(1)</script>", ["\u2028 </script>"])
    write_index(tmp_path / "whoosh", [hostile], {})
    export(tmp_path / "whoosh", tmp_path / "search", details([hostile]))

    for path in (tmp_path / "search").rglob("*.js"):
        if path.parent.name == "stem":  # Snowball's code, not the index's data
            continue
        text = path.read_text(encoding="utf-8")
        assert "</" not in text and "\u2028" not in text
        assert read(path)[0]
    assert read(tmp_path / "search" / "d" / "0.js")[1]["title"] == hostile.title
