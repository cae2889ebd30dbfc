"""The reference search engine: analysis per language, the query language, facets, pages and
"did you mean", on a small Whoosh index made here."""

import pytest
from search import analysis
from search.engine import SearchDoc, SearchIndex, edit_distance, write_index
from search.query import Item, parse


def doc(id, lang, title, pages, abstract="", **facets):
    slug = id.rsplit("-", 1)[0]
    values = {
        "type": ["policy-brief"],
        "themes": [],
        "regions": [],
        "countries": [],
        "lang": [lang],
        "year": ["2024"],
        **facets,
    }
    return SearchDoc(
        id,
        slug,
        lang,
        title,
        abstract,
        pages,
        f"publications/{id}.html",
        f"pdf/{id}.pdf",
        "2024-01-01",
        values,
    )


DOCS = [
    doc(
        "hotels-en",
        "en",
        "Hotel staff protecting children",
        [
            "Travel and tourism.",
            "Hotels train their staff to spot the sexual exploitation of children.",
        ],
        themes=["travel-and-tourism"],
    ),
    doc(
        "grooming-en",
        "en",
        "Online grooming",
        ["Grooming and sextortion of children online.", "Exploitation online."],
        themes=["online-exploitation"],
        year=["2023"],
    ),
    doc(
        "grooming-fr",
        "fr",
        "La sollicitation en ligne",
        ["L'exploitation sexuelle des enfants en ligne.", "Les enfants exploités."],
        themes=["online-exploitation"],
    ),
    doc(
        "explotacion-es",
        "es",
        "Explotación sexual en viajes y turismo",
        ["Las explotaciones en hoteles.", "Niñas y niños."],
        themes=["travel-and-tourism"],
    ),
    doc(
        "marriage-en",
        "en",
        "Child marriage",
        [
            "Child marriage in West Africa.",
            "Marriage of a child is a marriage; child protection.",
            "Children and marriage.",
        ],
    ),
    doc("trafficking-th", "th", "การค้ามนุษย์เด็ก", ["การค้ามนุษย์เด็กในภูมิภาค"]),
    doc("summary-ar", "ar", "الاستغلال الجنسي للأطفال", ["الاستغلال الجنسي للأطفال عبر الإنترنت"]),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("whoosh")
    write_index(folder, DOCS)
    return SearchIndex(folder)


def ids(results):
    return [hit.id for hit in results.hits]


def test_each_language_is_stemmed_by_its_own_stemmer_then_folded():
    assert analysis.terms("en", "The exploitation of children") == ["exploit", "children"]
    assert analysis.terms("fr", "L'exploitation des enfants protégés") == [
        "exploit",
        "enfant",
        "proteg",
    ]
    assert analysis.terms("es", "explotaciones explotación niñas") == ["explot", "explot", "nin"]
    assert analysis.terms("ar", "الاستغلال الجنسي") == ["غلل", "جنس"]


def test_scripts_without_spaces_are_cut_into_pairs_of_characters():
    assert analysis.terms("th", "การค้า") == ["กา", "าร", "รค", "ค้", "้า"]
    assert analysis.words("ค้ามนุษย์ child") == ["ค้ามนุษย์", "child"]  # vowel signs stay inside


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


def test_every_word_must_match_in_any_field_and_the_title_counts_most(index):
    assert ids(index.search("children exploitation")) == ["hotels-en", "grooming-en"]
    assert ids(index.search("grooming"))[0] == "grooming-en"  # in its title


def test_words_are_searched_in_every_language_with_its_stemmer(index):
    assert set(ids(index.search("exploitation"))) == {"hotels-en", "grooming-en", "grooming-fr"}
    assert ids(index.search("explotación")) == ["explotacion-es"]
    # A word typed without its accents has the terms of the library's accented word.
    assert ids(index.search("explotacion")) == ["explotacion-es"]
    assert ids(index.search("การค้ามนุษย์")) == ["trafficking-th"]
    assert ids(index.search("ค้ามนุษย์")) == ["trafficking-th"]
    assert ids(index.search("الجنسي")) == ["summary-ar"]


def test_a_language_filter_searches_only_that_language(index):
    assert ids(index.search("exploitation", {"lang": ["fr"]})) == ["grooming-fr"]


def test_or_exclusion_phrase_and_prefix(index):
    assert set(ids(index.search("sextortion OR marriage"))) == {"grooming-en", "marriage-en"}
    assert ids(index.search("children -hotel")) == ["grooming-en", "marriage-en"]
    assert ids(index.search('"child marriage"')) == ["marriage-en"]
    assert ids(index.search('"west marriage"')) == []
    # Stop words are not counted: "marriage of a child" holds the phrase "marriage child".
    assert ids(index.search('"marriage child"')) == ["marriage-en"]
    assert ids(index.search("groom*")) == ["grooming-en"]


def test_an_excluded_word_leaves_out_every_document_with_it(index):
    # Whoosh's AndNot kept "grooming-en" here, though it says "exploitation".
    assert ids(index.search("grooming -exploitation")) == []
    assert ids(index.search("marriage -children")) == []


def test_facets_filter_and_combine(index):
    online = {"themes": ["online-exploitation"]}
    assert ids(index.search("children", online)) == ["grooming-en"]
    both = {"themes": ["online-exploitation", "travel-and-tourism"], "year": ["2024"]}
    assert ids(index.search("children", both)) == ["hotels-en"]
    assert index.search("", {"themes": ["travel-and-tourism"]}).total == 2


def test_results_give_the_pages_where_the_words_are(index):
    hit = index.search("marriage").hits[0]
    assert hit.id == "marriage-en"
    assert hit.pages == [2, 1, 3]  # three times on page 2, once on pages 1 and 3


def test_unknown_words_get_suggestions_from_the_library(index):
    results = index.search("grooimng")

    assert results.total == 0
    assert results.suggestions == {"grooimng": ["grooming"]}
    assert edit_distance("grooimng", "grooming") == 1


def test_stop_words_alone_match_nothing(index):
    assert index.search("the of and").total == 0
