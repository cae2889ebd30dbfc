"""The reference search engine: a Whoosh index of every language version, behind this module.

Each language version is one Whoosh document. Its title, abstract and PDF text go into fields
of its language (`title_fr`, `abstract_fr`, `text_fr`) analysed by that language's analyzer
(analysis.py); the facets are keyword fields. A query word is analysed with the analyzer of
every language searched, and each field's score is Whoosh's BM25F times the field's boost.
Queries are built here from query.py's parse, not by Whoosh's parser, so that the browser can
follow the same rules; the scoring, statistics and matching are Whoosh's.

Prefixes expand to the `PREFIX_TERMS` most frequent terms of each field (Whoosh's own Prefix
query scores every document alike, which would rank a prefix match above a title match).
Ranks: score, then the order in the index; or newest first, then score.
"""

import bisect
import json
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import fields, index
from whoosh.analysis import Token
from whoosh.query import And, Every, Or, Phrase, Term

from . import analysis
from .query import Item, Query, parse

FIELDS = {"title": 3.0, "abstract": 2.0, "text": 1.0}  # boosts: title > abstract > text
FACETS = ("type", "themes", "regions", "countries", "lang", "year")
PREFIX_TERMS = 16
TOP_PAGES = 3
WORDS_FILE = "words.json"


@dataclass
class SearchDoc:
    """One language version, as the index sees it."""

    id: str
    slug: str
    lang: str
    title: str
    abstract: str
    pages: list[str]
    url: str
    pdf_url: str
    date: str  # ISO date: newest first sorts by it
    facets: dict[str, list[str]]  # FACETS -> keys (regions include their parents)
    authors: list[str] = field(default_factory=list)


@dataclass
class Hit:
    docnum: int
    id: str
    slug: str
    lang: str
    title: str
    url: str
    date: str
    type: str
    year: str
    score: float
    pages: list[int] = field(default_factory=list)


@dataclass
class Results:
    total: int
    hits: list[Hit]
    suggestions: dict[str, list[str]] = field(default_factory=dict)  # unknown word -> words


class TermList:
    """An analyzer for text analysed already (a list of terms): Whoosh gets the terms our
    analyzers made, once, in the order that gives their positions."""

    def __call__(self, value, positions=False, boosts=False, mode="", **kwargs):
        token = Token(positions=positions, boosts=boosts, mode=mode, **kwargs)
        for position, text in enumerate(value):
            token.text, token.pos, token.boost = text, position, 1.0
            token.stopped = False
            yield token


def schema_for(languages: list[str]) -> fields.Schema:
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        slug=fields.ID(stored=True),
        title=fields.STORED,
        url=fields.STORED,
        date=fields.ID(stored=True, sortable=True),
        page_starts=fields.STORED,
    )
    for facet in FACETS:
        schema.add(facet, fields.KEYWORD(stored=True, scorable=False, commas=True))
    for lang in languages:
        for name in FIELDS:
            schema.add(f"{name}_{lang}", fields.TEXT(analyzer=TermList(), phrase=True))
    return schema


def analysed(doc: SearchDoc) -> tuple[dict, list[int], list[str]]:
    """The doc's text fields as terms, the position where each PDF page starts, and its words."""
    text, starts, words = [], [], []
    for page in [doc.title, doc.abstract, *doc.pages]:
        words.append(analysis.WORD.findall(page))
    for page_words in words[2:]:
        starts.append(len(text))
        text += analysis.terms_of_words(doc.lang, page_words)
    values = {
        f"title_{doc.lang}": analysis.terms_of_words(doc.lang, words[0]),
        f"abstract_{doc.lang}": analysis.terms_of_words(doc.lang, words[1]),
        f"text_{doc.lang}": text,
    }
    return values, starts, [word for page_words in words for word in page_words]


def write_index(folder: Path, docs: list[SearchDoc]) -> None:
    """A new index of `docs` in `folder`, with the table of the library's words."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    languages = sorted({doc.lang for doc in docs})
    ix = index.create_in(str(folder), schema_for(languages))
    words = WordTable(languages)
    with ix.writer(limitmb=256) as writer:
        for doc in docs:
            values, starts, doc_words = analysed(doc)
            facets = {name: ",".join(keys) for name, keys in doc.facets.items()}
            writer.add_document(
                id=doc.id,
                slug=doc.slug,
                title=doc.title,
                url=doc.url,
                date=doc.date,
                page_starts=starts,
                **facets,
                **values,
            )
            words.add(doc_words)
    (folder / WORDS_FILE).write_text(json.dumps(words.table(), ensure_ascii=False), "utf-8")


class WordTable:
    """The library's words by their key (lower case, folded): how many documents use them, and
    their terms in each language, from their most frequent written form. Query words are
    looked up here first, so that "explotacion" has the terms of "explotación"; it is also the
    spelling list of "did you mean"."""

    def __init__(self, languages: list[str]):
        self.languages = languages
        self.forms: Counter = Counter()
        self.documents: Counter = Counter()

    def add(self, words: list[str]) -> None:
        """A document's words, as the text has them."""
        forms = Counter(words)
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
            key: [
                self.documents[key],
                {lang: analysis.terms(lang, form) for lang in self.languages},
            ]
            for key, form in sorted(best.items())
        }


class SearchIndex:
    def __init__(self, folder: Path):
        self.ix = index.open_dir(str(folder))
        self.words = json.loads((Path(folder) / WORDS_FILE).read_text("utf-8"))
        self.languages = sorted(
            {name.rsplit("_", 1)[1] for name in self.ix.schema.names() if name.startswith("text_")}
        )

    def terms_of(self, word: str, lang: str) -> list[str]:
        """A query word's terms in one language: from the library's own words where it is one."""
        entry = self.words.get(analysis.key(word))
        return entry[1].get(lang, []) if entry else analysis.terms(lang, word)

    def search(self, text: str, filters=None, sort="relevance", limit=10) -> Results:
        filters = {name: values for name, values in (filters or {}).items() if values}
        languages = [lang for lang in self.languages if lang in filters.get("lang", self.languages)]
        query = parse(text)
        with self.ix.searcher() as searcher:
            matching = self._whoosh_query(query, languages, searcher.reader())
            if matching is None:
                return Results(0, [], self.suggestions(query))
            excluded = self._items(query.excluded, languages, searcher.reader())
            # A mask rather than AndNot: Whoosh's AndNot matcher kept documents that it should
            # have left out (tests/test_search_engine.py has the case).
            mask = Or(excluded) if excluded else None
            found = searcher.search(
                matching, filter=_filter(filters), mask=mask, limit=None, scored=True
            )
            ranked = [(hit.score, hit.docnum, hit.fields()) for hit in found]
            if sort == "date" or query.is_empty():
                ranked.sort(key=lambda r: (r[2]["date"], r[0], -r[1]), reverse=True)
            else:
                ranked.sort(key=lambda r: (-r[0], r[1]))
            hits = [_hit(score, docnum, stored) for score, docnum, stored in ranked[:limit]]
            for hit in hits:
                hit.pages = self._pages(searcher, query, hit)
        suggestions = self.suggestions(query) if not hits else {}
        return Results(len(ranked), hits, suggestions)

    def _whoosh_query(self, query: Query, languages, reader):
        if query.is_empty():
            return Every()
        clauses = []
        for clause in query.clauses:
            items = self._items(clause, languages, reader)
            if items:
                clauses.append(items[0] if len(items) == 1 else Or(items))
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else And(clauses)

    def _items(self, items: list[Item], languages, reader) -> list:
        return [q for q in (self._item(item, languages, reader) for item in items) if q]

    def _item(self, item: Item, languages, reader):
        """An item in every language searched and every field, as one Or."""
        parts = []
        for lang in languages:
            prefix = prefix_of(item)
            terms = [] if prefix else self.item_terms(item, lang)
            for name, boost in FIELDS.items():
                fieldname = f"{name}_{lang}"
                if prefix:
                    expanded = expand_prefix(reader, fieldname, prefix)
                    parts += [Term(fieldname, term, boost=boost) for term in expanded]
                elif len(terms) == 1:
                    parts.append(Term(fieldname, terms[0], boost=boost))
                elif terms:
                    parts.append(Phrase(fieldname, terms, boost=boost))
        return Or(parts) if parts else None

    def item_terms(self, item: Item, lang: str) -> list[str]:
        """An item's terms in one language; several make a phrase."""
        return [term for word in analysis.words(item.text) for term in self.terms_of(word, lang)]

    def _pages(self, searcher, query: Query, hit: Hit) -> list[int]:
        """The PDF pages where the query's terms are most often: for each term its `TOP_PAGES`
        pages, summed over the terms."""
        fieldname = f"text_{hit.lang}"
        starts = searcher.stored_fields(hit.docnum)["page_starts"]
        totals: Counter = Counter()
        for term in sorted(self._text_terms(query, hit.lang, searcher.reader())):
            postings = searcher.reader().postings(fieldname, term)
            postings.skip_to(hit.docnum)
            if postings.is_active() and postings.id() == hit.docnum:
                positions = postings.value_as("positions")
                totals.update(dict(top_pages(positions, starts)))
        return [page for page, _ in sorted(totals.items(), key=lambda p: (-p[1], p[0]))][:TOP_PAGES]

    def _text_terms(self, query: Query, lang: str, reader) -> set[str]:
        terms = set()
        for item in (item for clause in query.clauses for item in clause):
            if prefix_of(item):
                terms.update(expand_prefix(reader, f"text_{lang}", prefix_of(item)))
            else:
                terms.update(self.item_terms(item, lang))
        return {term for term in terms if (f"text_{lang}", term) in reader}

    def suggestions(self, query: Query) -> dict[str, list[str]]:
        unknown = [
            word
            for item in (item for clause in query.clauses for item in clause)
            if not prefix_of(item)
            for word in analysis.words(item.text)
            if analysis.key(word) not in self.words
        ]
        return {word: suggest(analysis.key(word), self.words) for word in unknown}


def prefix_of(item: Item) -> str | None:
    """The key a prefix item expands, when it is one word."""
    words = analysis.words(item.text)
    return analysis.key(words[0]) if item.prefix and len(words) == 1 else None


def top_pages(positions: list[int], starts: list[int]) -> list[tuple[int, int]]:
    """The `TOP_PAGES` pages (numbered from 1) with the most of these positions, and their
    counts: most first, then the earlier page."""
    counts = Counter(bisect.bisect_right(starts, position) for position in positions)
    return sorted(counts.items(), key=lambda p: (-p[1], p[0]))[:TOP_PAGES]


def expand_prefix(reader, fieldname: str, prefix: str) -> list[str]:
    if fieldname not in reader.schema:
        return []
    found = [
        (reader.doc_frequency(fieldname, term), term.decode("utf-8"))
        for term in reader.expand_prefix(fieldname, prefix)
    ]
    return [term for _, term in sorted(found, key=lambda f: (-f[0], f[1]))[:PREFIX_TERMS]]


def suggest(key: str, words: dict[str, list], limit: int = 3) -> list[str]:
    """Words of the library within two edits of `key` that start with its letter: the closest
    first, then the most used."""
    found = []
    for word, (documents, _) in words.items():
        if word[:1] == key[:1] and abs(len(word) - len(key)) <= 2 and word != key:
            distance = edit_distance(key, word)
            if distance <= 2:
                found.append((distance, -documents, word))
    return [word for _, _, word in sorted(found)[:limit]]


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance with transpositions (optimal string alignment)."""
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


def _filter(filters: dict[str, list[str]]):
    groups = [Or([Term(name, value) for value in values]) for name, values in filters.items()]
    return And(groups) if groups else None


def _hit(score: float, docnum: int, stored: dict) -> Hit:
    return Hit(
        docnum=docnum,
        id=stored["id"],
        slug=stored["slug"],
        lang=stored["lang"],
        title=stored["title"],
        url=stored["url"],
        date=stored["date"],
        type=stored["type"],
        year=stored["year"],
        score=score,
    )
