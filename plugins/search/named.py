"""The vocabulary terms a query can name, in any language: a theme by its label or a keyword in
any language of the vocabulary, a country by its name in any UI language (pycountry's) or by
another name it goes by (countries.yml). A query that names one also finds the publications
tagged with it, in every language (query.py says when, the engines how)."""

from collections import defaultdict

from . import analysis


def wording_key(text: str) -> str:
    """A wording as queries are compared with it: its words, lower-cased and without accents."""
    return " ".join(analysis.key(word) for word in analysis.words(text))


def wordings(vocabulary) -> dict[str, list[list[str]]]:
    """wording key -> the [facet, value] pairs it names (several when terms share a word)."""
    named = defaultdict(set)
    for term in vocabulary.themes.values():
        keywords = term.data.get("keywords") or {}
        for text in [*term.labels.values(), *(k for words in keywords.values() for k in words)]:
            named[wording_key(str(text))].add(("themes", term.key))
    for code, term in vocabulary.countries.items():
        for text in [*term.labels.values(), *vocabulary.country_aliases.get(code, [])]:
            named[wording_key(text)].add(("countries", code))
    return {key: sorted(map(list, pairs)) for key, pairs in sorted(named.items()) if key}
