"""The browser's search engine (theme/static/js/search-engine.js) in Chromium, held to the
reference engine: the same cases, and the same answers (the ranked list, scores within 1e-6,
totals, corrections, suggestions, pages) on the small fixture library, the demo library, a
generated library, and queries generated from their words."""

import math
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from search import analysis
from search.engine import SearchIndex
from search.export import export
from search.packing import PACK_BYTES, write_packed

from bench.search_engines import BrowserEngine, compare
from bench.search_queries import (
    LibraryText,
    _data,
    generated_queries,
    query_set,
    random_query,
)
from tests.search_fixture import CASES, CORRECTIONS, DOCS, SUGGESTIONS, write
from tests.test_search_build import names_of, tagged_versions
from tests.test_search_export import decode

pytestmark = pytest.mark.browser

IDS = [doc.id for doc in DOCS]  # documents are numbered in the order they were indexed


@pytest.fixture(scope="module")
def fixture_folder(tmp_path_factory):
    return write(tmp_path_factory.mktemp("fixture"))


@pytest.fixture(scope="module")
def fixture_index(fixture_folder):
    return SearchIndex(fixture_folder / "whoosh")


@pytest.fixture(scope="module")
def fixture_engine(browser, fixture_folder):
    engine = BrowserEngine(browser, fixture_folder / "search")
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def demo_index(demo_site):
    return SearchIndex(demo_site / "whoosh")


@pytest.fixture(scope="module")
def demo_engine(browser, demo_site, tmp_path_factory):
    engine = BrowserEngine(browser, demo_site / "search")
    yield engine
    engine.close()


def as_queries(cases):
    return [{"q": q, "filters": filters, "sort": sort} for q, filters, sort, _ in cases]


def test_the_browser_finds_what_it_should(fixture_engine):
    answers = fixture_engine.answers(as_queries(CASES), limit=100)

    found = [[IDS[doc] for doc in answer["ranked"]] for answer in answers]
    assert found == [expected for *_, expected in CASES]


def test_the_browser_corrects_and_suggests_alike(fixture_engine):
    corrections = fixture_engine.answers([{"q": q} for q, _ in CORRECTIONS])
    assert [answer["corrected_query"] for answer in corrections] == [c for _, c in CORRECTIONS]

    suggestions = fixture_engine.answers([{"q": word, "as_typed": True} for word, _ in SUGGESTIONS])
    assert [
        answer["suggestions"].get(word, [])
        for (word, _), answer in zip(SUGGESTIONS, suggestions, strict=True)
    ] == [expected for _, expected in SUGGESTIONS]


@pytest.mark.parametrize("live", [False, True])
def test_same_answers_on_the_fixture_library(fixture_index, fixture_engine, live):
    queries = [{**query, "live": live} for query in as_queries(CASES)]
    queries += [{"q": q, "live": live} for q, _ in CORRECTIONS]
    queries += [{**query, "live": live, "exact": True} for query in as_queries(CASES)]
    assert compare(fixture_index, fixture_engine, queries) == []


WORDLESS = ["*", '""', '"', "OR", "OR OR", "-", "--", "😀", "!!", "-*"]


def test_both_engines_say_alike_when_there_are_no_words_or_only_common_ones(
    fixture_index, fixture_engine
):
    queries = [{"q": q} for q in WORDLESS]
    queries += [{"q": "the of and", "filters": {"lang": ["en"]}}, {"q": "the of and"}]
    answers = fixture_engine.answers(queries)

    assert [a["no_words"] for a in answers] == [True] * len(WORDLESS) + [False, False]
    assert [a["too_common"] for a in answers] == [False] * len(WORDLESS) + [True, False]
    assert compare(fixture_index, fixture_engine, queries) == []


def test_both_engines_answer_a_query_of_a_thousand_words(demo_index, demo_engine):
    words = sorted(demo_index.words.table)[:1000]
    queries = [
        {"q": " ".join(words)},
        {"q": " OR ".join(words)},
        {"q": "children -" + " -".join(words[:500])},
    ]

    assert compare(demo_index, demo_engine, queries) == []


def test_same_answers_on_the_demo_library(demo_index, demo_engine, demo_site):
    queries = query_set(demo_index) + generated_queries(demo_site / "search", 400, seed=7)
    assert compare(demo_index, demo_engine, queries) == []


def test_same_answers_on_a_generated_library(browser, generated_site):
    index = SearchIndex(generated_site / "whoosh")
    engine = BrowserEngine(browser, generated_site / "search")
    queries = query_set(index) + generated_queries(generated_site / "search", 300, seed=3)
    assert compare(index, engine, queries) == []
    engine.close()


@pytest.fixture(scope="module")
def demo_text(demo_site):
    return LibraryText(demo_site / "search")


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(rng=st.randoms(use_true_random=False))
def test_same_answers_on_any_query_of_the_librarys_words(demo_index, demo_engine, demo_text, rng):
    query = random_query(rng, demo_text)
    assert compare(demo_index, demo_engine, [query]) == []


def test_both_runtimes_analyse_every_word_of_the_library_alike(demo_engine, demo_index):
    words = sorted(
        {
            word
            for key, entry in demo_index.words.table.items()
            for word in (key, entry[-1])
            if isinstance(word, str)
        }
    )
    for lang in demo_index.languages:
        found = demo_engine.terms(lang, words)["terms"]
        assert found == [analysis.terms(lang, word) for word in words], lang


TEXT = st.text(st.characters(exclude_categories=("Cn", "Cs", "Co")), max_size=40)


# A letter beyond the first 65,536 (Kaithi) before an English "y": Snowball's JavaScript
# counted it as two letters and changed the "y".
@example(texts=["\U00011083Y"], lang="en")
@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    texts=st.lists(TEXT, min_size=1, max_size=10), lang=st.sampled_from(["en", "th", "zh", "ar"])
)
def test_both_runtimes_cut_and_analyse_any_text_alike(fixture_engine, texts, lang):
    found = fixture_engine.terms(lang, texts)
    assert found["words"] == [analysis.words(text) for text in texts]
    assert found["terms"] == [analysis.terms(lang, text) for text in texts]


# Queries as anyone may write them: the library's words, parts of words, the query syntax in
# any order (unbalanced quotes, a lone minus or star, OR at either end), other scripts, any text.
QUERY_PIECES = st.one_of(
    st.sampled_from(
        ["child", "marriage", "trafficking", "la", "los", "explotación", "traff", "marr", "ni"]
    ),
    st.sampled_from(['"', "-", "*", "OR", " ", "  ", ",", "'", "—", "ﬁ", "İ", "ß", "😀", "兒童"]),
    TEXT,
)
QUERIES = st.lists(QUERY_PIECES, max_size=12).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=QUERIES, live=st.booleans(), lang=st.sampled_from([None, "en", "es", "fr"]))
# Spaces that only one runtime called spaces: Python's str.split cuts at \x1f, JS's \s does not.
@example(text="child\x1fchild", live=False, lang=None)
@example(text="\ufeff", live=False, lang=None)
@example(text='"child\x85marriage"', live=True, lang=None)
# Words that are names of every JavaScript object's own properties.
@example(text="__PROTO__ constructor", live=False, lang=None)
@example(text="__proto__", live=False, lang=None)
def test_same_answers_on_any_query_text(fixture_index, fixture_engine, text, live, lang):
    query = {"q": text, "live": live, "filters": {"lang": [lang]} if lang else {}}
    assert compare(fixture_index, fixture_engine, [query]) == []


def test_both_engines_add_the_versions_tagged_with_a_named_term_alike(
    demo_index, demo_engine, vocabulary
):
    names = [
        name
        for facet, value in tagged_versions(demo_index)
        for name in names_of(vocabulary, facet, value).values()
    ]
    queries = [{"q": name} for name in names] + [{"q": name, "sort": "date"} for name in names]
    queries += [{"q": name, "exact": True} for name in names]
    queries += [{"q": name, "filters": {"lang": ["fr"]}} for name in names]
    queries += [{"q": name, "filters": {"type": ["country-overview"]}} for name in names]

    assert compare(demo_index, demo_engine, queries) == []


@pytest.mark.parametrize("most", [PACK_BYTES, 20_000])
def test_same_answers_from_the_offline_layout(browser, demo_index, demo_site, tmp_path, most):
    """The packed index answers as the hosted one: in the default packs and in small ones,
    where every kind of part spans several packs."""
    write_packed(demo_site / "search", tmp_path / "search", most)
    engine = BrowserEngine(browser, tmp_path / "search")
    queries = query_set(demo_index) + generated_queries(demo_site / "search", 400, seed=7)
    assert compare(demo_index, engine, queries) == []
    engine.close()


def test_same_answers_from_the_offline_layout_of_a_generated_library(
    browser, generated_site, tmp_path
):
    index = SearchIndex(generated_site / "whoosh")
    write_packed(generated_site / "search", tmp_path / "search")
    engine = BrowserEngine(browser, tmp_path / "search")
    queries = query_set(index) + generated_queries(generated_site / "search", 300, seed=3)
    assert compare(index, engine, queries) == []
    engine.close()


def details_of(site: Path) -> dict[str, dict]:
    """What the build gave the export of each document, read back from its browser index."""
    with SearchIndex(site / "whoosh").ix.reader() as reader:
        ids = [reader.stored_fields(n)["id"] for n in range(reader.doc_count_all())]
    pers = decode(_data(site / "search" / "index.js")["docs"]["per"])
    details = {}
    for docnum, (doc_id, per) in enumerate(zip(ids, pers, strict=True)):
        data = _data(site / "search" / "d" / f"{docnum}.js")
        texts = []
        for group in range(math.ceil(data["pages"] / per)):
            part = site / "search" / "d" / str(docnum) / f"{group}.js"
            size = min(per, data["pages"] - group * per)
            texts += _data(part) if part.exists() else [""] * size
        details[doc_id] = {**data, "pages": texts}
    return details


def phrases(search: Path, count: int, seed: int) -> list[dict]:
    """Phrases of two to four neighbouring words of the library's pages, and of one word twice."""
    rng, text = random.Random(seed), LibraryText(search)
    found = []
    for _ in range(count):
        page = rng.choice(text.texts[rng.choice(text.languages)])
        start = rng.randrange(len(page) - 1)
        found.append({"q": '"' + " ".join(page[start : start + rng.randint(2, 4)]) + '"'})
    found += [{"q": f'"{page[0]} {page[0]}"'} for page in rng.sample(text.texts["en"], 5)]
    return found


@pytest.mark.parametrize("common", [1, 40])
def test_phrases_through_pairs_of_common_terms_find_what_positions_find(
    browser, generated_site, tmp_path, common
):
    """With every term common (1), a phrase is checked by its pairs alone; with some (40), by
    pairs and positions together. Either way, the same answers as Whoosh's own positions."""
    index = SearchIndex(generated_site / "whoosh")
    export(generated_site / "whoosh", tmp_path / "search", details_of(generated_site), common)
    engine = BrowserEngine(browser, tmp_path / "search")
    queries = [q for q in query_set(index) if '"' in q["q"]]
    queries += phrases(generated_site / "search", 200, seed=common)
    queries += generated_queries(generated_site / "search", 200, seed=common)
    assert compare(index, engine, queries) == []
    assert sum(bool(index.search(q["q"]).total) for q in queries[:200]) > 100
    engine.close()
