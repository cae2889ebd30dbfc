"""What the text of a publication says about its tags: its language, the countries it is about,
their regions, and its themes. Each rule stands alone, so each can be tested and tuned alone."""

import re
import unicodedata
from collections import Counter
from functools import cache

# A country is tagged when the text names it at least this often, and at least this share as
# often as the country it names most: a country overview names its country throughout, a
# passing mention (a footnote, an example) does not tag.
COUNTRY_MIN_MENTIONS = 3
COUNTRY_MIN_SHARE = 0.2
# A theme is suggested when its keywords occur at least this often per 1,000 words, and at
# least this share as often as the strongest theme's.
THEME_MIN_PER_THOUSAND = 1.5
THEME_MIN_SHARE = 0.25
LANGUAGE_SAMPLE = 20_000  # characters: enough to tell a language, bounded for long reports


def _accent_table() -> dict[int, str]:
    """Accented Latin letters -> their base letters ('é' -> 'e', 'Ñ' -> 'N'), for str.translate,
    which folds long texts at C speed."""
    table = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        if base and base != char:
            table[code] = base
    return table


ACCENTS = _accent_table()


def fold(text: str) -> str:
    """Text without accents, so that 'Perú' and 'Peru', 'México' and 'Mexico' match."""
    return text if text.isascii() else text.translate(ACCENTS)


def alternation(words) -> str:
    """A regular expression matching any of `words` and their spellings without accents, built
    as a trie ('Niger|Nigeria' becomes 'Niger(?:ia)?') so that matching fails fast at each
    position of a long text, which is matched as it is, never copied."""
    trie: dict = {}
    for spelling in {spelling for word in words for spelling in (word, fold(word))}:
        node = trie
        for char in spelling:
            node = node.setdefault(char, {})
        node[""] = {}
    return _pattern(trie)


def _pattern(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


@cache
def _identifier(languages: tuple[str, ...]):
    # Imported here: loading the model takes most of a second, spent only by builds that detect.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([lang for lang in languages if lang in identifier.nb_classes])
    return identifier


def detect_language(text: str, languages: tuple[str, ...]) -> tuple[str | None, float]:
    """The most likely of `languages` for `text`, with its probability; (None, 0) without text."""
    sample = text[:LANGUAGE_SAMPLE]
    if len(sample.split()) < 5:
        return None, 0.0
    lang, probability = _identifier(tuple(sorted(languages))).classify(sample)
    return lang, float(probability)


class CountryNames:
    """Finds country names in a text: one pattern of every name, longest first."""

    def __init__(self, names: dict[str, str]):
        """`names` maps each name (in any language) to its ISO code."""
        self.codes = {fold(name): code for name, code in names.items()}
        self.pattern = re.compile(r"(?<![\w-])(" + alternation(names) + r")(?![\w-])")

    def count(self, text: str) -> Counter:
        return Counter(self.codes[fold(match)] for match in self.pattern.findall(text))


def countries_about(mentions: Counter) -> list[str]:
    """The countries a text is about, from how often it names each (most named first)."""
    if not mentions:
        return []
    top = max(mentions.values())
    return [
        code
        for code, count in mentions.most_common()
        if count >= COUNTRY_MIN_MENTIONS and count >= COUNTRY_MIN_SHARE * top
    ]


def regions_of(countries: list[str], regions: dict[str, dict]) -> list[str]:
    """The most specific regions the countries belong to; 'global' when there are none.
    `regions` maps each region key to its data (member `countries`, optional `parent`)."""
    if not countries:
        return ["global"] if "global" in regions else []
    found = []
    for code in countries:
        members = [key for key, data in regions.items() if code in (data.get("countries") or [])]
        parents = {regions[key].get("parent") for key in members}
        found += [key for key in members if key not in parents and key not in found]
    return found


class ThemeKeywords:
    """Scores themes by how often their keywords occur in a text."""

    def __init__(self, keywords: dict[str, list[str]]):
        """`keywords` maps each theme to its keywords and phrases (in any language)."""
        self.theme_of = {}
        for theme, words in keywords.items():
            for word in words:
                self.theme_of.setdefault(fold(word).casefold(), theme)
        self.pattern = re.compile(
            r"(?<![\w-])("
            + alternation(w.casefold() for ws in keywords.values() for w in ws)
            + r")(?![\w-])",
            re.IGNORECASE,
        )

    def scores(self, text: str) -> dict[str, float]:
        """Occurrences of each theme's keywords per 1,000 words."""
        words = max(1, text.count(" ") + text.count("\n"))
        matches = self.pattern.findall(text)
        counts = Counter(self.theme_of[fold(match).casefold()] for match in matches)
        return {theme: 1000 * count / words for theme, count in counts.items()}


def themes_from(scores: dict[str, float]) -> list[str]:
    if not scores:
        return []
    top = max(scores.values())
    return [
        theme
        for theme, score in sorted(scores.items(), key=lambda item: -item[1])
        if score >= THEME_MIN_PER_THOUSAND and score >= THEME_MIN_SHARE * top
    ]
