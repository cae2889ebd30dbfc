"""Queries drawn from a library's own words, for the agreement tests and `invoke bench`.

- `query_set`: a fixed set that mixes one word (common and rare), two words, phrases, prefixes,
  OR, exclusions and facet filters. The same index and seed give the same queries.
- `random_query`: any number more, from the words of each language's documents: words,
  prefixes, phrases, exclusions, OR, misspellings, forms the library lacks, half-typed text,
  filters and sorts. It draws from a `random.Random`, or from Hypothesis's, which can shrink a
  failing query to a small one.
- `word_forms`: plurals and other inflections of the library's words that it does not have.
"""

import json
import random
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from search import analysis, contract
from search.engine import SearchIndex

LETTERS = re.compile(r"[^\W\d_]{3,}")


def query_set(index: SearchIndex, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    words = sorted(
        (entry[0], key)
        for key, entry in index.words.table.items()
        if re.fullmatch(r"[^\W\d_]{4,}", key)
    )
    common = [key for _, key in words[-40:]]
    rare = [key for documents, key in words if documents <= 2]
    with index.ix.searcher() as searcher:
        stored = list(searcher.all_stored_fields())
    titles = [LETTERS.findall(fields["title"].lower()) for fields in stored]
    titles = [words for words in titles if len(words) >= 3]
    facets = [
        (name, value)
        for fields in stored
        for name in ("themes", "lang", "type")
        for value in (fields.get(name) or "").split(",")
        if value
    ]

    queries = [rng.choice(common) for _ in range(10)]
    queries += rng.sample(rare, min(8, len(rare)))
    queries += [" ".join(rng.sample(rng.choice(titles), 2)) for _ in range(10)]
    for _ in range(10):
        title = rng.choice(titles)
        start = rng.randrange(len(title) - 1)
        queries.append('"' + " ".join(title[start : start + rng.choice((2, 3))]) + '"')
    queries += [rng.choice(common)[:4] + "*" for _ in range(4)]
    queries += [f"{rng.choice(common)} OR {rng.choice(rare or common)}" for _ in range(3)]
    queries += [f"{rng.choice(common)} -{rng.choice(common)}" for _ in range(3)]
    found = [{"q": q, "filters": {}} for q in queries]
    for _ in range(10):
        name, value = rng.choice(facets)
        found.append({"q": rng.choice(common), "filters": {name: [value]}})
    return found


def search_url(base: str, query: dict) -> str:
    parameters = [(contract.QUERY_PARAMETER, query["q"])]
    parameters += [(name, value) for name, values in query["filters"].items() for value in values]
    if query.get("sort") == "date":
        parameters.append((contract.SORT_PARAMETER, "date"))
    return f"{base}?{urlencode(parameters)}"


class LibraryText:
    """The words of a library's documents, by language, read from its browser index (the page
    texts of `search/d/`), with the values of its facets."""

    def __init__(self, search: Path):
        self.texts: dict[str, list[list[str]]] = {}
        for path in sorted((search / "d").glob("*.js"), key=lambda p: int(p.stem)):
            lang = _data(path)["lang"]
            for group in sorted((search / "d" / path.stem).glob("*.js")):
                for page in _data(group):
                    found = [w for w in analysis.words(page) if LETTERS.fullmatch(w)]
                    if len(found) >= 3:
                        self.texts.setdefault(lang, []).append(found)
        self.languages = sorted(self.texts)
        self.values = _data(search / "index.js")["values"]


def _data(path: Path):
    return json.loads(path.read_text(encoding="utf-8").split(",", 1)[1].rsplit(");", 1)[0])


def random_query(rng: random.Random, text: LibraryText) -> dict:
    """One query as a reader might write it, in a language of the library."""
    lang = rng.choice(text.languages)
    page = rng.choice(text.texts[lang])

    def word():
        return rng.choice(rng.choice(text.texts[lang]))

    kind = rng.choice(
        ["word", "words", "phrase", "prefix", "or", "exclude", "misspelt", "form", "typing"]
    )
    if kind == "word":
        q = word()
    elif kind == "words":
        q = f"{word()} {word()}"
    elif kind == "phrase":
        start = rng.randrange(len(page) - 1)
        q = '"' + " ".join(page[start : start + rng.choice((2, 3))]) + '"'
    elif kind == "prefix":
        found = word()
        q = found[: rng.randint(3, max(3, len(found)))] + "*"
    elif kind == "or":
        q = f"{word()} OR {word()}"
    elif kind == "exclude":
        q = f"{word()} -{rng.choice([word(), chr(34) + word() + ' ' + word() + chr(34)])}"
    elif kind == "misspelt":
        q = misspelt(rng, word())
    elif kind == "form":
        q = rng.choice(word_forms(word(), lang) or [word()])
    else:
        sentence = " ".join(page[: rng.randint(1, 3)])
        q = sentence[: rng.randint(1, len(sentence))]
    filters = {}
    if rng.random() < 0.2:
        name = rng.choice(["lang", "themes", "type", "year"])
        if text.values.get(name):
            filters[name] = rng.sample(
                text.values[name], min(len(text.values[name]), rng.randint(1, 2))
            )
    return {
        "q": q,
        "filters": filters,
        "sort": "date" if rng.random() < 0.15 else "relevance",
        "live": kind == "typing",
    }


def generated_queries(search: Path, count: int, seed: int = 1) -> list[dict]:
    rng, text = random.Random(seed), LibraryText(search)
    return [random_query(rng, text) for _ in range(count)]


def misspelt(rng: random.Random, word: str) -> str:
    """The word with one letter left out, doubled, or swapped with the next."""
    at = rng.randrange(1, len(word) - 1)
    return rng.choice(
        [
            word[:at] + word[at + 1 :],
            word[:at] + word[at] + word[at:],
            word[:at] + word[at + 1] + word[at] + word[at + 2 :],
        ]
    )


# Endings that make plurals and other inflections, by language.
INFLECTIONS = {
    "en": ["s", "es", "ed", "ing"],
    "fr": ["s", "e", "es", "x"],
    "es": ["s", "es"],
    "pt": ["s", "es"],
    "de": ["e", "en", "er", "es", "n"],
}
VOWELS = "aeiouáéíóú"


def word_forms(word: str, lang: str) -> list[str]:
    """Inflections of `word` by its language's common endings, as a reader spells them
    (English y -> ies, Spanish and Portuguese -s after a vowel and -es after a consonant,
    French -x after -au and -eu); none for a stop word or a word that has one of the endings
    already."""
    endings = INFLECTIONS.get(lang, [])
    if word in analysis.stopwords(lang) or word.endswith(tuple(endings)):
        return []
    if lang == "en" and word.endswith("y") and word[-2:-1] not in VOWELS:
        return [word[:-1] + "ies", word[:-1] + "ied"]
    if lang in ("es", "pt"):
        return [word + ("s" if word[-1] in VOWELS else "es")]
    if lang == "fr" and not word.endswith(("au", "eu")):
        endings = [e for e in endings if e != "x"]
    return [word + ending for ending in endings]
