"""The library's words, by key (lower case, folded): how many documents use each, and how the
library writes it. A reader's word is looked up here, in both runtimes:

- its **form**: "explotacion", typed without its accent, is analysed as the library's
  "explotación" (folding comes after stemming, and the stemmer needs the accent);
- its **completions**: a prefix stands for the most used words that start with it;
- **did you mean**: the words closest to one the library does not have.

The table is written as `{key: [documents]}`, or `[documents, form]` where the library's most
frequent lower-case form is not the key itself.
"""

import bisect
from collections import Counter

from . import analysis, contract

LAST = "\U0010ffff"  # after every key that starts with a given prefix


class WordTable:
    """Collects the words of the documents as they are indexed."""

    def __init__(self):
        self.forms: Counter = Counter()
        self.documents: Counter = Counter()

    def add(self, forms: Counter) -> None:
        """A document's words, as the text writes them, with how many times it does."""
        self.forms.update(forms)
        self.documents.update({analysis.key(form) for form in forms})

    def table(self) -> dict[str, list]:
        lowered: Counter = Counter()
        for form, count in self.forms.items():
            lowered[form.lower()] += count
        best: dict[str, str] = {}
        for form, _ in sorted(lowered.items(), key=lambda item: (-item[1], item[0])):
            best.setdefault(analysis.key(form), form)
        return {
            key: [self.documents[key]] + ([form] if form != key else [])
            for key, form in sorted(best.items())
        }


class Words:
    def __init__(self, table: dict[str, list]):
        self.table = table
        self.keys = sorted(table)

    def __contains__(self, word: str) -> bool:
        return analysis.key(word) in self.table

    def form(self, word: str) -> str:
        """How the library writes a (lower-case) word; the word itself if it is not there."""
        entry = self.table.get(analysis.key(word))
        if entry is None:
            return word
        return entry[1] if len(entry) > 1 else analysis.key(word)

    def completions(self, prefix: str) -> list[str]:
        """The PREFIX_WORDS most used words that start with the key `prefix`, most used first,
        as the library writes them."""
        start = bisect.bisect_left(self.keys, prefix)
        end = bisect.bisect_left(self.keys, prefix + LAST)
        keys = sorted(self.keys[start:end], key=lambda k: (-self.table[k][0], k))
        return [self.form(k) for k in keys[: contract.PREFIX_WORDS]]

    def suggest(self, word: str) -> list[str]:
        """The library's words a reader may have meant by `word` (contract.SUGGESTIONS), as
        the library writes them: the most used that start with it, then the closest."""
        rules, wanted = contract.SUGGESTIONS, analysis.key(word)
        found = self.completions(wanted) if len(wanted) >= contract.MIN_PREFIX else []
        start = bisect.bisect_left(self.keys, wanted[:1])
        end = bisect.bisect_left(self.keys, wanted[:1] + LAST)
        close = []
        for candidate in self.keys[start:end]:
            if candidate == wanted:
                continue
            if abs(len(candidate) - len(wanted)) > rules["max_length_difference"]:
                continue
            distance = edit_distance(wanted, candidate)
            if distance <= rules["max_edits"]:
                close.append((distance, -self.table[candidate][0], candidate))
        found += [self.form(candidate) for _, _, candidate in sorted(close)]
        return list(dict.fromkeys(found))[: rules["limit"]]


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance with transpositions of neighbours (optimal string alignment)."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]
