"""The browser's index, written from the Whoosh index: each part holds exactly its terms, and the
numbers are Whoosh's."""

import json
import re

import pytest
from search.engine import write_index
from search.export import DIGITS, PAGES_CHARS, encode, export
from whoosh import index as whoosh_index

from tests.test_search_engine import DOCS, doc


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


def details(docs):
    return {
        d.id: {
            "title": d.title,
            "url": d.url,
            "pdf": d.pdf_url,
            "lang": d.lang,
            "dir": "ltr",
            "type": "policy-brief",
            "date": d.date,
            "pages": d.pages,
        }
        for d in docs
    }


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("search")
    many = DOCS + [
        doc(f"extra{n}-en", "en", f"Paper {n}", [f"word{n} " * n + "shared text"])
        for n in range(1, 1500)
    ]
    write_index(folder / "whoosh", many)
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
    terms = terms_in_parts(search, "t", meta["parts"])
    positions = terms_in_parts(search, "x", read(search / "x" / "parts.js")[1])
    ix = whoosh_index.open_dir(str(exported / "whoosh"))
    with ix.reader() as reader:
        lexicon = {
            term.decode()
            for name in reader.indexed_field_names()
            if name.split("_")[0] in ("title", "abstract", "text")
            for term in reader.lexicon(name)
        }
    assert terms == positions == lexicon


def test_postings_are_whoosh_postings(exported):
    _, meta = read(exported / "search" / "index.js")
    number = max(n for n, first in enumerate(meta["parts"]) if first <= "children")
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
            reader.doc_field_length(n, f"text_{lang}", 0) for n, lang in enumerate(languages)
        ]
        assert [row[3] for row in meta["docs"]] == expected


def test_numbers_are_written_as_short_strings():
    numbers = [0, 1, 31, 32, 100, 1023, 1024, 2**40]
    assert decode(encode(numbers)) == numbers
    assert len(encode([5, 31])) == 2 and len(encode([100])) == 2


def test_words_are_filed_by_their_first_letter(exported):
    for path in (exported / "search" / "w").glob("*.js"):
        _, words = read(path)
        letter = chr(int(path.stem, 16))
        assert all(word.startswith(letter) for word in words)
    _, words = read(exported / "search" / "w" / f"{ord('e'):x}.js")
    _, meta = read(exported / "search" / "index.js")
    assert words["explotacion"][1 + meta["languages"].index("es")] == ["explot"]


def test_pages_and_details_are_written_as_text(exported, tmp_path):
    _, first = read(exported / "search" / "d" / "0.js")
    assert first["title"] == DOCS[0].title and first["pages"] == 2 and first["per"] == 2
    assert read(exported / "search" / "d" / "0" / "0.js")[1] == DOCS[0].pages


def test_long_pages_are_written_a_few_at_a_time(tmp_path):
    pages = [f"Page {n} " + "words " * (PAGES_CHARS // 15) for n in range(1, 8)]
    long = doc("long-en", "en", "A long paper", pages)
    write_index(tmp_path / "whoosh", [long])
    export(tmp_path / "whoosh", tmp_path / "search", details([long]))

    _, found = read(tmp_path / "search" / "d" / "0.js")
    per = found["per"]
    files = sorted((tmp_path / "search" / "d" / "0").glob("*.js"), key=lambda p: int(p.stem))
    assert per == 2 and len(files) == 4
    for page in range(1, 8):
        _, texts = read(tmp_path / "search" / "d" / "0" / f"{(page - 1) // per}.js")
        assert texts[(page - 1) % per] == pages[page - 1]
        assert sum(map(len, texts)) <= PAGES_CHARS * 1.2


def test_no_text_can_close_a_script_element(tmp_path):
    hostile = doc("x-en", "en", "</script><script>alert(1)</script>", ["\u2028 </script>"])
    write_index(tmp_path / "whoosh", [hostile])
    export(tmp_path / "whoosh", tmp_path / "search", details([hostile]))

    for path in (tmp_path / "search").rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert "</" not in text and "\u2028" not in text
        assert read(path)[0]
    assert read(tmp_path / "search" / "d" / "0.js")[1]["title"] == hostile.title
