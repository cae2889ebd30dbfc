"""How text becomes index terms, per language: the one place both search engines take it from.

A language's analyzer is a chain of Whoosh's own parts:

    words -> lower case -> pairs of characters in scripts without spaces
          -> the language's stop words removed -> the language's stemmer -> folded

- **Words** are runs of letters, digits and the combining marks of Arabic and of the scripts of
  South and Southeast Asia (so a Thai or Hindi word is not cut at each vowel sign).
- **Folding** drops the accents of Latin, Greek and Cyrillic letters and Arabic short-vowel
  marks. It comes after stemming, because Snowball's French and Spanish stemmers need the
  accents ("explotaciones" and "explotación" both give "explot"). A query word typed without
  its accents is found through the library's own words: see `words_table`.
- **Scripts without spaces** (Thai, Lao, Khmer, Myanmar, Chinese, Japanese): a run of such
  letters is cut into overlapping pairs of characters ("bigrams", as Lucene's CJK analyzer does),
  so any word of two or more characters is found without a dictionary of the language; a
  query's run is cut the same way and must match as a phrase.
- **Stop words and stemmers** are Whoosh's (Snowball stemmers for English, French, Spanish,
  Portuguese, German, Russian and others; ISRI for Arabic). A language without them keeps whole
  words.
"""

import re
import unicodedata
from functools import cache, lru_cache

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang import has_stemmer, has_stopwords

MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0dff\u0e00-\u0eff"
WORD = re.compile(rf"[\w{MARKS}\u1000-\u109f\u1780-\u17ff]+")
FOLDED_MARKS = re.compile("[\u0300-\u036f\u064b-\u065f\u0670]")
NO_SPACES = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]"
)


def fold(word: str) -> str:
    return unicodedata.normalize("NFC", FOLDED_MARKS.sub("", unicodedata.normalize("NFKD", word)))


class FoldFilter(Filter):
    def __call__(self, tokens):
        for token in tokens:
            token.text = fold(token.text)
            yield token


class BigramFilter(Filter):
    """Cuts a word of a script without spaces into overlapping pairs of characters."""

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            if len(text) < 3 or not NO_SPACES.match(text):
                yield token
                continue
            for start in range(len(text) - 1):
                token.text = text[start : start + 2]
                yield token


@cache
def analyzer(lang: str):
    chain = RegexTokenizer(WORD) | LowercaseFilter() | BigramFilter()
    chain = chain | StopFilter(lang=lang if has_stopwords(lang) else None, minsize=2)
    if has_stemmer(lang):
        chain = chain | StemFilter(lang=lang, cachesize=200_000)
    return chain | FoldFilter()


def terms(lang: str, text: str) -> list[str]:
    """The index terms of `text` in order; a term's position is its place in the list.

    Every filter of the chain works on one word at a time, so a word always gives the same
    terms: each word goes through the chain once and is remembered (a long text repeats its
    words, and the chain costs some microseconds a word)."""
    return terms_of_words(lang, WORD.findall(text))


def terms_of_words(lang: str, words: list[str]) -> list[str]:
    """The terms of a text's words (as WORD finds them)."""
    known, chain, found = _known(lang), analyzer(lang), []
    for word in words:
        word_terms = known.get(word)
        if word_terms is None:
            word_terms = known[word] = [token.text for token in chain(word)]
        found += word_terms
    return found


@cache
def _known(lang: str) -> dict[str, list[str]]:
    return {}


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased."""
    return [word.lower() for word in WORD.findall(text)]


@lru_cache(maxsize=500_000)
def key(word: str) -> str:
    """What a reader's word is looked up by: lower-cased and folded."""
    return fold(word.lower())
