"""The query language both search engines read, parsed into plain data.

    sexual exploitation        both words (AND is the default)
    grooming OR sextortion     either word
    tourism -hotel             "tourism", without documents that say "hotel"
    "child marriage"           the words next to each other, in this order
    traff*                     any word that starts with "traff" (3 letters or more)

Words join with AND; OR joins the words on either side of it into one clause. A minus before a
word or phrase excludes it. Punctuation is ignored, as the analyzers ignore it; an unbalanced
quote runs to the end of the query.
"""

import re
from dataclasses import dataclass, field

MIN_PREFIX = 3
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Item:
    text: str  # a word, or the words of a phrase
    phrase: bool = False
    prefix: bool = False


@dataclass
class Query:
    clauses: list[list[Item]] = field(default_factory=list)  # all of them, each one of its items
    excluded: list[Item] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not self.clauses


def parse(text: str) -> Query:
    query = Query()
    joined = False  # the previous token was OR
    for match in TOKEN.finditer(text):
        minus, phrase, bare = match.groups()
        if bare == "OR":
            joined = bool(query.clauses)
            continue
        if bare is not None:
            minus, bare = ("-", bare[1:]) if bare.startswith("-") and len(bare) > 1 else ("", bare)
            item = _word(bare)
        else:
            item = Item(" ".join(phrase.split()), phrase=True)
        if item is None or not item.text:
            continue
        if minus:
            query.excluded.append(item)
        elif joined:
            query.clauses[-1].append(item)
        else:
            query.clauses.append([item])
        joined = False
    return query


def _word(token: str) -> Item | None:
    prefix = token.endswith("*")
    text = token.rstrip("*").strip(".,;:!?()[]{}'\"«»“”")
    if not text:
        return None
    return Item(text, prefix=prefix and len(text) >= MIN_PREFIX)
