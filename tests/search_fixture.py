"""A small library for the search engines' tests, and what each search of it must give.

Both engines are held to CASES: the reference engine (tests/test_search_engine.py) and the
browser's (tests/browser/test_search_engine_js.py), on the same index written from DOCS.
"""

from pathlib import Path

from search.engine import SearchDoc, write_index
from search.export import export


def doc(id, lang, title, pages, abstract="", date="2024-01-01", **facets):
    slug = id.rsplit("-", 1)[0]
    values = {
        "type": ["policy-brief"],
        "themes": [],
        "regions": [],
        "countries": [],
        "lang": [lang],
        "year": [date[:4]],
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
        date,
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
        date="2023-06-01",
        themes=["online-exploitation"],
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
        date="2025-02-01",
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
        date="2022-01-01",
    ),
    doc("trafficking-th", "th", "การค้ามนุษย์เด็ก", ["การค้ามนุษย์เด็กในภูมิภาค"]),
    doc("summary-ar", "ar", "الاستغلال الجنسي للأطفال", ["الاستغلال الجنسي للأطفال عبر الإنترنت"]),
    doc("protection-zh", "zh", "儿童保护", ["儿童保护和性剥削"]),
    # Two documents alike in all but their dates: equal scores, ranked in index order.
    doc("patrols-en", "en", "Harbour patrols", ["Harbour patrols at night."], date="2020-01-01"),
    doc("patrols2-en", "en", "Harbour patrols", ["Harbour patrols at night."], date="2021-01-01"),
    # A word in a title counts three times as much as in the text: the lighthouse in the
    # title outranks the two in a text of the same length.
    doc("keepers-en", "en", "Lighthouse keepers", ["Keepers of the coast and the lamps."]),
    doc("coast-en", "en", "Coastal keepers", ["The lighthouse and the lighthouse lamps."]),
    # A scanned PDF: no text at all, found by its title.
    doc("scanned-en", "en", "Scanned annual report", []),
]


def details(docs: list[SearchDoc]) -> dict:
    return {
        d.id: {
            "title": d.title,
            "url": d.url,
            "pdf": d.pdf_url,
            "lang": d.lang,
            "dir": "rtl" if d.lang == "ar" else "ltr",
            "type": "policy-brief",
            "date": d.date,
            "pages": d.pages,
        }
        for d in docs
    }


# The vocabulary's wordings (search/named.py) the fixture's queries may name.
WORDINGS = {
    "tourisme": [["themes", "travel-and-tourism"]],
    "travel and tourism": [["themes", "travel-and-tourism"]],
    "sollicitation": [["themes", "online-exploitation"]],
    "bolivie": [["countries", "BO"]],  # no document is tagged with it
}


def write(folder: Path, docs: list[SearchDoc] = DOCS) -> Path:
    """Both indexes of `docs`: `folder/whoosh` and the browser's `folder/search`."""
    write_index(folder / "whoosh", docs, WORDINGS)
    export(folder / "whoosh", folder / "search", details(docs))
    return folder


ONLINE = {"themes": ["online-exploitation"]}

# (query, filters, sort, the ids found, in rank order)
CASES = [
    # Every word in any field; words in the title count most.
    ("children exploitation", {}, "relevance", ["hotels-en", "grooming-en"]),
    ("lighthouse", {}, "relevance", ["keepers-en", "coast-en"]),
    # Equal scores: index order.
    ("harbour patrols", {}, "relevance", ["patrols-en", "patrols2-en"]),
    # Newest first, with words too.
    ("harbour patrols", {}, "date", ["patrols2-en", "patrols-en"]),
    ("children", {}, "date", ["hotels-en", "grooming-en", "marriage-en"]),
    # Each language with its own stemmer; accents optional.
    ("exploitation", {}, "relevance", ["grooming-en", "hotels-en", "grooming-fr"]),
    ("explotacion", {}, "relevance", ["explotacion-es"]),
    # Forms the library does not have find what their stem finds.
    ("marriages", {}, "relevance", ["marriage-en"]),
    ("hotel", {}, "relevance", ["hotels-en", "explotacion-es"]),
    ("explotaciones sexuales", {}, "relevance", ["explotacion-es"]),
    # A word is required only in the languages where it is not a stop word.
    ("los niños", {}, "relevance", ["explotacion-es"]),
    ("la explotación sexual", {}, "relevance", ["explotacion-es"]),
    ("the of and", {}, "relevance", []),
    # A word no language has leaves nothing.
    ("children xyzzyq", {}, "relevance", []),
    # OR, exclusions, phrases, prefixes.
    ("sextortion OR marriage", {}, "relevance", ["marriage-en", "grooming-en"]),
    ("children -hotel", {}, "relevance", ["grooming-en", "marriage-en"]),
    ('children -"child marriage"', {}, "relevance", ["hotels-en", "grooming-en"]),
    ("grooming -exploitation", {}, "relevance", []),
    ('"child marriage"', {}, "relevance", ["marriage-en"]),
    ('"west marriage"', {}, "relevance", []),
    # Stop words take no place: "marriage of a child" holds the phrase "marriage child".
    ('"marriage child"', {}, "relevance", ["marriage-en"]),
    # A phrase allows no word in between.
    ('"sexual children"', {}, "relevance", []),
    ('"exploitation children"', {}, "relevance", ["hotels-en"]),
    ("groom*", {}, "relevance", ["grooming-en"]),
    ("lightho*", {}, "relevance", ["keepers-en", "coast-en"]),
    ("annual report", {}, "relevance", ["scanned-en"]),
    # Scripts without spaces: any two characters of a word.
    ("การค้ามนุษย์", {}, "relevance", ["trafficking-th"]),
    ("ค้ามนุษย์", {}, "relevance", ["trafficking-th"]),
    ("儿童", {}, "relevance", ["protection-zh"]),
    ("保护", {}, "relevance", ["protection-zh"]),
    ("الجنسي", {}, "relevance", ["summary-ar"]),
    # Facets: values of one facet widen, facets narrow.
    ("children", ONLINE, "relevance", ["grooming-en"]),
    (
        "children",
        {"themes": ["online-exploitation", "travel-and-tourism"]},
        "relevance",
        ["hotels-en", "grooming-en"],
    ),
    (
        "children",
        {"themes": ["online-exploitation", "travel-and-tourism"], "year": ["2024"]},
        "relevance",
        ["hotels-en"],
    ),
    ("exploitation", {"lang": ["fr"]}, "relevance", ["grooming-fr"]),
    ("", {"themes": ["travel-and-tourism"]}, "relevance", ["explotacion-es", "hotels-en"]),
    # A query that names a vocabulary term also finds the versions tagged with it, in every
    # language, after those its words find; not when a language is chosen.
    ("tourisme", {}, "relevance", ["hotels-en", "explotacion-es"]),
    ("tourisme", {}, "date", ["explotacion-es", "hotels-en"]),
    ("travel and tourism", {}, "relevance", ["hotels-en", "explotacion-es"]),
    ("travel and tourism", {"lang": ["en"]}, "relevance", ["hotels-en"]),
    ("sollicitation", {}, "relevance", ["grooming-fr", "grooming-en"]),
    ("sollicitation", {"year": ["2023"]}, "relevance", ["grooming-en"]),
    ("bolivie", {}, "relevance", []),
    ("tourisme -hotel", {}, "relevance", []),
    # Misspelt words: the results of the closest words, transpositions included.
    ("chidlern", {}, "relevance", ["hotels-en", "grooming-en", "marriage-en"]),
    ("grooimng", {}, "relevance", ["grooming-en"]),
]

# (query, the corrected query whose results are shown, or None)
CORRECTIONS = [
    ("chidlern", "children"),
    ("grooimng", "grooming"),
    ("lighthuose keepers", "lighthouse keepers"),
    ("marriages", None),
    ("xyzzyq", None),
]

# (word, what "did you mean" offers, in order)
SUGGESTIONS = [
    ("chidlern", ["children"]),
    ("grooimng", ["grooming"]),
    ("lighth", ["lighthouse"]),
    ("explotacio", ["explotación", "explotaciones"]),
    ("xyzzyq", []),
]
