"""How text becomes index terms, per language. The browser's engine does the same with the
constants of contract.py, so that a query word gives the same terms in both runtimes:

    words -> lower case -> pairs of characters in scripts without spaces
          -> short terms and the language's stop words removed -> the language's stemmer -> folded

- **Words** are runs of letters, digits and the combining marks of contract.WORD_MARKS (so a
  Thai or Hindi word is not cut at each vowel sign).
- **Scripts without spaces** (Thai, Lao, Khmer, Myanmar, Chinese, Japanese): a word that starts
  with such a letter is cut into overlapping pairs of characters ("bigrams", as Lucene's CJK
  analyzer does), so any word of two or more characters is found without a dictionary of the
  language; a query's word is cut the same way and must match as a phrase.
- **Stop words** are Whoosh's lists; **stemmers** are Snowball's (snowball.py), the same in
  both runtimes. A language without them keeps every word whole.
- **Folding** drops the accents of Latin, Greek and Cyrillic letters and Arabic short-vowel
  marks. It comes after stemming, because Snowball's French and Spanish stemmers need the
  accents ("explotaciones" and "explotación" both give "explot"). A query word typed without
  its accents is read as the library's accented word: see words.py.
"""

import re
import unicodedata
from functools import cache, lru_cache

from whoosh.lang.stopwords import stoplists

from . import contract, snowball

WORD = re.compile(rf"[\w{contract.WORD_MARKS}]+")
FOLDED_MARKS = re.compile(f"[{contract.FOLDED_MARKS}]")
NO_SPACES = re.compile(f"[{contract.NO_SPACES}]")


def fold(word: str) -> str:
    return unicodedata.normalize("NFC", FOLDED_MARKS.sub("", unicodedata.normalize("NFKD", word)))


@lru_cache(maxsize=500_000)
def key(word: str) -> str:
    """What a reader's word is looked up by: lower-cased and folded."""
    return fold(word.lower())


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased."""
    return [word.lower() for word in WORD.findall(text)]


def stopwords(lang: str) -> frozenset[str]:
    return stoplists.get(lang, frozenset())


def pieces(word: str) -> list[str]:
    """A lower-cased word, or its pairs of characters in a script without spaces."""
    if len(word) < 3 or not NO_SPACES.match(word):
        return [word]
    return [word[start : start + 2] for start in range(len(word) - 1)]


def terms(lang: str, text: str) -> list[str]:
    """The index terms of `text` in order; a term's position is its place in the list."""
    return terms_of_words(lang, WORD.findall(text))


def terms_of_words(lang: str, found: list[str]) -> list[str]:
    """The terms of a text's words (as WORD finds them). A word always gives the same terms, so
    each one goes through the chain once and is remembered: a long text repeats its words."""
    known, result = _known(lang), []
    for word in found:
        word_terms = known.get(word)
        if word_terms is None:
            word_terms = known[word] = _analysed(lang, word)
        result += word_terms
    return result


def _analysed(lang: str, word: str) -> list[str]:
    stop, stem = stopwords(lang), snowball.stemmer(lang)
    return [
        fold(piece if _beyond_bmp(piece) else stem(piece))
        for piece in pieces(word.lower())
        if len(piece) >= contract.MIN_TERM_LENGTH and piece not in stop
    ]


def _beyond_bmp(piece: str) -> bool:
    """Whether a character of `piece` lies beyond Unicode's first 65,536. Snowball's JavaScript
    counts such a character as two (UTF-16) and its rules would then differ from Python's: such
    words (old scripts, rare CJK) are kept whole, in both engines."""
    return any(ord(char) > 0xFFFF for char in piece)


@cache
def _known(lang: str) -> dict[str, list[str]]:
    return {}
