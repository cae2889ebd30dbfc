"""The query language both search engines read: parsed once, then analysed once into the terms
every later step uses (matching, scoring, pages, "did you mean").

    sexual exploitation        both words (AND is the default)
    grooming OR sextortion     either word
    tourism -hotel             "tourism", without documents that say "hotel"
    "child marriage"           the words next to each other, in this order
    traff*                     the words that start with "traff" (3 letters or more)

Words join with AND; OR joins the words on either side of it into one clause. A minus before a
word or phrase excludes it. Punctuation is ignored, as the analyzers ignore it; an unbalanced
quote runs to the end of the query. While a reader types (`live`), the last word is a prefix,
or left out while it is shorter than a prefix can be.

A word is required only in the languages where it is a word: "los" is a Spanish stop word, so
in Spanish "los niños" asks for "niños" alone, and in English for both.
"""

import re
from dataclasses import dataclass, field, replace

from . import analysis, contract
from .words import Words

TOKEN = re.compile(contract.QUERY_TOKEN)
SPACES = re.compile(f"[{contract.QUERY_SPACES}]+")

# An item's terms in one language: each alternative is one term, or the terms of a phrase.
Alternatives = list[tuple[str, ...]]


@dataclass(frozen=True)
class Item:
    text: str  # a word, or the words of a phrase
    phrase: bool = False
    prefix: bool = False
    terms: dict[str, Alternatives] = field(default_factory=dict, compare=False)


@dataclass
class Query:
    clauses: list[list[Item]] = field(default_factory=list)  # all of them, each one of its items
    excluded: list[Item] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not self.clauses

    def has_words(self) -> bool:
        return bool(self.clauses or self.excluded)

    def items(self) -> list[Item]:
        return [item for clause in self.clauses for item in clause]


def parse(text: str, live: bool = False) -> Query:
    query = Query()
    joined = False  # the previous token was OR
    tokens = list(TOKEN.finditer(text))
    for match in tokens:
        minus, phrase, bare = match.groups()
        if bare == contract.QUERY_OR:
            joined = bool(query.clauses)
            continue
        if bare is not None:
            minus, bare = ("-", bare[1:]) if bare.startswith("-") and len(bare) > 1 else ("", bare)
            typing = live and match is tokens[-1] and bool(analysis.WORD.fullmatch(text[-1]))
            item = _word(bare, typing)
        else:
            item = Item(" ".join(filter(None, SPACES.split(phrase))), phrase=True)
        if item is None or not analysis.words(item.text):
            continue  # no word in it: punctuation, a lone quote, an emoji
        if minus:
            query.excluded.append(item)
        elif joined:
            query.clauses[-1].append(item)
        else:
            query.clauses.append([item])
        joined = False
    return query


def is_blank(text: str) -> bool:
    return not SPACES.sub("", text)


def _word(token: str, typing: bool) -> Item | None:
    prefix = token.endswith(contract.QUERY_PREFIX) or typing
    text = token.rstrip(contract.QUERY_PREFIX).strip(contract.QUERY_PUNCTUATION)
    long = len(text) >= contract.MIN_PREFIX
    if not text or (typing and not long):
        return None
    return Item(text, prefix=prefix and long)


def prefix_of(item: Item) -> str | None:
    """The key a prefix item expands, when it is one word."""
    found = analysis.words(item.text)
    return analysis.key(found[0]) if item.prefix and len(found) == 1 else None


def analyse(query: Query, words: Words, languages: list[str]) -> Query:
    """The query with the terms of each item in each language."""

    def analysed(item: Item) -> Item:
        return replace(item, terms={lang: alternatives(item, lang, words) for lang in languages})

    return Query(
        [[analysed(item) for item in clause] for clause in query.clauses],
        [analysed(item) for item in query.excluded],
    )


def alternatives(item: Item, lang: str, words: Words) -> Alternatives:
    """The item's words as the library writes them, analysed in `lang`; and for a prefix, each
    of its completions too. None where every word is a stop word in `lang`."""
    whole = [analysis.terms(lang, words.form(word)) for word in analysis.words(item.text)]
    found = [tuple(term for terms in whole for term in terms)]
    prefix = prefix_of(item)
    if prefix:
        found += [tuple(analysis.terms(lang, word)) for word in words.completions(prefix)]
    return list(dict.fromkeys(terms for terms in found if terms))


def named_key(query: Query) -> str | None:
    """The query's words as named.wording_key gives them, when it is words and phrases only
    (no OR, nothing left out): what may name a vocabulary term. None otherwise."""
    if query.excluded or any(len(clause) > 1 for clause in query.clauses):
        return None
    words = [word for item in query.items() for word in analysis.words(item.text)]
    return " ".join(analysis.key(word) for word in words) or None


def unknown_words(query: Query, words: Words) -> list[str]:
    """The query's words (not prefixes) that the library does not have, in order, once each."""
    found = [
        word
        for item in query.items()
        if not prefix_of(item)
        for word in analysis.words(item.text)
        if word not in words
    ]
    return list(dict.fromkeys(found))


def corrected(text: str, replacements: dict[str, str]) -> str:
    """`text` with every word that `replacements` names (lower-cased) replaced."""
    return analysis.WORD.sub(lambda m: replacements.get(m.group().lower(), m.group()), text)
