"""The reference search engine: analysis per language, the query language, matching, ranks,
facets, pages, corrections and "did you mean", on the small library of search_fixture.py."""

from collections import Counter

import pytest
from search import analysis, contract, snowball
from search.engine import SearchIndex
from search.query import Item, analyse, parse
from search.words import Words, WordTable, edit_distance

from tests.search_fixture import CASES, CORRECTIONS, SUGGESTIONS, write


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return SearchIndex(write(tmp_path_factory.mktemp("fixture")) / "whoosh")


def ids(results):
    return [hit.id for hit in results.hits]


def test_each_language_is_stemmed_by_snowball_then_folded():
    assert analysis.terms("en", "The exploitation of children's marriages") == [
        "exploit",
        "children",
        "marriag",
    ]
    assert analysis.terms("fr", "L'exploitation des enfants protégés") == [
        "exploit",
        "enfant",
        "proteg",
    ]
    assert analysis.terms("es", "explotaciones explotación niñas") == ["explot", "explot", "nin"]
    assert analysis.terms("ar", "الاستغلال الجنسي") == ["استغلال", "جنس"]
    # Whole words where Snowball has no stemmer; one-letter words are not terms.
    assert analysis.terms("sw", "Watoto a b") == ["watoto"]
    # A word with a letter beyond the first 65,536 is kept whole (the JavaScript stemmer would
    # count that letter as two).
    assert analysis.terms("en", "\U00011083Y ponies") == ["\U00011083y", "poni"]


def test_scripts_without_spaces_are_cut_into_pairs_of_characters():
    assert analysis.terms("th", "การค้า") == ["กา", "าร", "รค", "ค้", "้า"]
    assert analysis.words("ค้ามนุษย์ child") == ["ค้ามนุษย์", "child"]  # vowel signs stay inside
    assert analysis.terms("zh", "儿童保护") == ["儿童", "童保", "保护"]
    assert analysis.terms("ja", "子ども") == ["子ど", "ども"]


def test_python_and_javascript_stemmers_come_from_one_snowball_release():
    files = snowball.javascript_files(["en", "fr", "es", "ar", "sw"])
    assert set(files) == {"base", "english", "french", "spanish", "arabic"}
    assert all(path.is_file() for path in files.values())


def test_stemmers_of_two_snowball_releases_stop_the_build(tmp_path, monkeypatch):
    folder = tmp_path / "search"
    (folder / "non-minified-js").mkdir(parents=True)
    (folder / "non-minified-js" / "english-stemmer.js").write_text(
        "// Generated from english.sbl by Snowball 9.9.9 - https://snowballstem.org/\n"
    )
    monkeypatch.setattr(snowball, "javascript_folder", lambda: folder)

    with pytest.raises(snowball.StemmerMismatch, match=r"english stemmer differs.*9\.9\.9"):
        snowball.javascript_files(["en"])


def test_the_query_language_is_parsed_into_clauses():
    query = parse('grooming OR sextortion "child marriage" -hotel traff* ab* ,;')

    assert query.clauses == [
        [Item("grooming"), Item("sextortion")],
        [Item("child marriage", phrase=True)],
        [Item("traff", prefix=True)],
        [Item("ab")],  # too short to be a prefix
    ]
    assert query.excluded == [Item("hotel")]
    assert parse('"unclosed phrase').clauses == [[Item("unclosed phrase", phrase=True)]]
    # What holds no word is no part of a query.
    assert not parse('* "" OR OR - -- 😀 !! -* " ,; "').has_words()
    # An unclosed quote runs to the end, so what follows it is a phrase of words.
    assert parse('" OR OR').has_words()
    # Spaces are the contract's, in any script: Python's own and JavaScript's differ on a few.
    assert parse("child\x1fmarriage\u3000\ufeffexploitation").clauses == [
        [Item("child")],
        [Item("marriage")],
        [Item("exploitation")],
    ]


def test_while_typing_the_last_word_is_a_prefix_or_waits():
    assert parse("child marr", live=True).clauses == [[Item("child")], [Item("marr", prefix=True)]]
    assert parse("child ma", live=True).clauses == [[Item("child")]]  # too short for a prefix
    assert parse("child marr ", live=True).clauses == [[Item("child")], [Item("marr")]]
    assert parse('"child marr', live=True).clauses == [[Item("child marr", phrase=True)]]
    assert parse("tourism -hot", live=True).excluded == [Item("hot", prefix=True)]


def test_a_query_is_analysed_once_into_terms_per_language():
    words = Words({"explotacion": [3, "explotación"], "los": [2]})
    query = analyse(parse("los explotacion"), words, ["en", "es"])

    los, explotacion = (clause[0] for clause in query.clauses)
    assert los.terms == {"en": [("los",)], "es": []}  # a stop word in Spanish only
    assert explotacion.terms["es"] == [("explot",)]  # read as the library's accented word
    phrase = analyse(parse('"los niños"'), words, ["es"]).clauses[0][0]
    assert phrase.terms == {"es": [("nin",)]}


def test_a_prefix_stands_for_its_most_used_words_and_itself():
    table = {f"traffic{n:02}": [n] for n in range(30)} | {"trafficking": [99]}
    query = analyse(parse("traffic*"), Words(table), ["en"])

    found = query.clauses[0][0].terms["en"]
    assert found[0] == ("traffic",)  # the word itself, though the library does not have it
    assert found[1] == ("traffick",)  # the most used
    assert len(found) == 1 + contract.PREFIX_WORDS
    assert ("traffic29",) in found and ("traffic00",) not in found


@pytest.mark.parametrize(("query", "filters", "sort", "expected"), CASES)
def test_searches_find_what_they_should(index, query, filters, sort, expected):
    assert ids(index.search(query, filters, sort, limit=None)) == expected


def test_equal_scores_are_ties_in_index_order(index):
    first, second = index.search("harbour patrols").hits
    assert first.score == second.score and first.docnum < second.docnum


def test_whoosh_scores_with_the_contracts_bm25f_parameters(index, monkeypatch):
    before = index.search("lighthouse").hits[0].score
    monkeypatch.setattr(contract, "B", 0.5)
    assert index.search("lighthouse").hits[0].score != pytest.approx(before)


@pytest.mark.parametrize(("query", "expected"), CORRECTIONS)
def test_misspelt_words_that_find_nothing_are_corrected(index, query, expected):
    results = index.search(query)
    assert results.corrected_query == expected
    if expected:
        assert ids(results) == ids(index.search(expected))
        assert index.search(query, as_typed=True).total == 0


@pytest.mark.parametrize(("word", "expected"), SUGGESTIONS)
def test_did_you_mean_offers_the_librarys_words(index, word, expected):
    assert index.words.suggest(word) == expected


def test_edit_distance_counts_transpositions_as_one_edit():
    assert edit_distance("chidlern", "children") == 2
    assert edit_distance("grooimng", "grooming") == 1
    assert edit_distance("", "abc") == 3


def test_filters_that_leave_nothing_say_what_the_words_find_without_them(index):
    results = index.search("marriage", {"themes": ["online-exploitation"]})
    assert results.total == 0 and results.without_filters == 1


def test_results_give_the_pages_where_the_words_are(index):
    hit = index.search("marriage").hits[0]
    assert hit.id == "marriage-en"
    assert hit.pages == [2, 1, 3]  # three times on page 2, once on pages 1 and 3


def test_the_word_table_keeps_the_librarys_spelling_where_folding_changes_it():
    table = WordTable()
    table.add(Counter(["Explotación", "explotación", "child", "Child"]))
    table.add(Counter(["explotacion", "niños"]))
    assert table.table() == {
        "child": [1],
        "explotacion": [2, "explotación"],
        "ninos": [1, "niños"],
    }


def test_a_query_that_names_a_term_says_so_and_how_each_version_came(index):
    found = index.search("tourisme")

    assert found.named == [["themes", "travel-and-tourism"]]
    # English stems "tourisme" as "tourism": the English paper is found by its words, the
    # Spanish one by its tag.
    assert [hit.via for hit in found.hits] == [None, ["themes", "travel-and-tourism"]]
    assert found.hits[0].score > found.hits[1].score == 0
    exact = index.search("tourisme", exact=True)
    assert [hit.id for hit in exact.hits] == ["hotels-en"]
    assert exact.named == found.named  # said, so that the page can offer them again
