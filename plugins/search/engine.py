"""The reference search engine: a Whoosh index of every language version, behind this module.

Each language version is one Whoosh document. Its title, abstract and PDF text go into fields
of its language (`title_fr`, `abstract_fr`, `text_fr`) as the terms analysis.py makes; the
facets are keyword fields. A query is parsed and analysed by query.py; its Whoosh query is built
here, so that the browser can follow the same rules, while the scoring (BM25F with the
contract's K1 and B, times each field's boost), statistics and matching are Whoosh's.

Ranks: score, then the order in the index; or newest first, then score.
"""

import bisect
import functools
import json
import math
import multiprocessing
import os
import shutil
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import fields, index, scoring
from whoosh.analysis import Token
from whoosh.query import And, Every, Or, Phrase, Term

from . import analysis, contract
from .query import Item, Query, analyse, corrected, is_blank, named_key, parse, unknown_words
from .words import Words, WordTable

WORDS_FILE = "words.json"
NAMED_FILE = "named.json"  # the vocabulary terms queries can name: named.py


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
    facets: dict[str, list[str]]  # contract.FACETS names -> keys (regions with their parents)
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
    via: list[str] | None = None  # [facet, value]: found as tagged with a term the query named


@dataclass
class Results:
    total: int
    hits: list[Hit]
    suggestions: dict[str, list[str]] = field(default_factory=dict)  # unknown word -> words
    corrected_query: str | None = None  # these are its results: the query typed found nothing
    without_filters: int | None = None  # found without the filters, when they leave nothing
    no_words: bool = False  # the text has none to search for ("*", '""', "OR", "-")
    too_common: bool = False  # every word is a stop word in every language searched
    # The vocabulary terms the text names: their tagged versions are added unless `exact`.
    named: list[list[str]] = field(default_factory=list)

    def leading(self) -> list["Hit"]:
        """One hit per publication, its best-ranked language version, in rank order: what the
        search page lists (the other versions are links of that entry)."""
        seen = set()
        return [hit for hit in self.hits if not (hit.slug in seen or seen.add(hit.slug))]


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
    for facet in contract.FACETS:
        schema.add(facet.name, fields.KEYWORD(stored=True, scorable=False, commas=True))
    for lang in languages:
        for name in contract.FIELDS:
            schema.add(f"{name}_{lang}", fields.TEXT(analyzer=TermList(), phrase=True))
    return schema


def analysed(doc: SearchDoc) -> tuple[dict, list[int], Counter]:
    """The doc's text fields as terms, the position where each PDF page starts, and how many
    times it writes each word."""
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
    return values, starts, Counter(word for page_words in words for word in page_words)


def write_index(folder: Path, docs: list[SearchDoc], wordings: dict) -> None:
    """A new index of `docs` in `folder`, with the table of the library's words and the
    `wordings` (named.wordings) of the terms its documents are tagged with."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    languages = sorted({doc.lang for doc in docs})
    ix = index.create_in(str(folder), schema_for(languages))
    words = WordTable()
    with ix.writer(limitmb=256) as writer, _analyses(docs) as analyses:
        for doc, (values, starts, doc_words) in zip(docs, analyses, strict=True):
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
    # Whoosh leaves its (released) lock file behind: no part of the index to publish.
    (folder / "MAIN_WRITELOCK").unlink(missing_ok=True)
    (folder / WORDS_FILE).write_text(json.dumps(words.table(), ensure_ascii=False), "utf-8")
    tagged = {
        (facet, value) for doc in docs for facet, values in doc.facets.items() for value in values
    }
    named = {
        key: used
        for key, pairs in wordings.items()
        if (used := [pair for pair in pairs if tuple(pair) in tagged])
    }
    (folder / NAMED_FILE).write_text(json.dumps(named, ensure_ascii=False), "utf-8")


@contextmanager
def _analyses(docs: list[SearchDoc]):
    """Each doc's analysis, in order, made in a second process while this one indexes the docs
    before it: the two halves of the work (the text's terms; Whoosh's postings) on two cores."""
    if (os.cpu_count() or 1) < 2:
        yield map(analysed, docs)
        return
    with multiprocessing.get_context("fork").Pool(1) as pool:
        yield pool.imap(analysed, docs, chunksize=8)


class SearchIndex:
    def __init__(self, folder: Path):
        self.ix = index.open_dir(str(folder))
        self.words = Words(json.loads((Path(folder) / WORDS_FILE).read_text("utf-8")))
        self.named = json.loads((Path(folder) / NAMED_FILE).read_text("utf-8"))
        self.languages = sorted(
            {name.rsplit("_", 1)[1] for name in self.ix.schema.names() if name.startswith("text_")}
        )

    def search(
        self,
        text: str,
        filters=None,
        sort="relevance",
        limit=10,
        live=False,
        as_typed=False,
        exact=False,
    ) -> Results:
        """The ranked results of `text`. When it finds nothing because of words the library
        does not have, the results of the text with the closest words instead, unless
        `as_typed`. `live`: the text is being typed, its last word is a prefix. Unless `exact`
        (or a language is chosen), a text that names a vocabulary term also finds the versions
        tagged with it, in every language, after the versions its words find."""
        filters = {name: values for name, values in (filters or {}).items() if values}
        run = functools.partial(self._search, sort=sort, live=live, exact=exact)
        results = run(text, filters, limit=limit)
        best = {word: found[0] for word, found in results.suggestions.items() if found}
        if results.total == 0 and best and not as_typed:
            instead = run(corrected(text, best), filters, limit=limit)
            if instead.total:
                instead.corrected_query = corrected(text, best)
                return instead
        if results.total == 0 and filters:
            results.without_filters = run(text, {}, limit=0).total
        return results

    def _search(
        self, text: str, filters: dict, sort: str, limit: int, live: bool, exact: bool
    ) -> Results:
        languages = [lang for lang in self.languages if lang in filters.get("lang", self.languages)]
        query = analyse(parse(text, live), self.words, languages)
        if not is_blank(text) and not query.has_words() and not live:
            return Results(0, [], no_words=True)
        weighting = scoring.BM25F(B=contract.B, K1=contract.K1)
        found = []
        named = [] if "lang" in filters else self.named.get(named_key(query) or "", [])
        with self.ix.searcher(weighting=weighting) as searcher:
            matching = whoosh_query(query, languages)
            if matching is not None:
                found = self._found(searcher, query, matching, languages, filters)
            tagged = {} if exact else _tagged(searcher, named, filters, {n for _, n, _ in found})
            ranked = _sorted(found + list(tagged.values()), sort, query.is_empty())
            hits = [_hit(score, docnum, stored) for score, docnum, stored in ranked[:limit]]
            for hit in hits:
                hit.pages = self._pages(searcher, query, hit)
                hit.via = _via(tagged[hit.docnum][2], named) if hit.docnum in tagged else None
        unknown = [] if ranked else unknown_words(query, self.words)
        suggestions = {word: self.words.suggest(word) for word in unknown}
        too_common = matching is None and not unknown
        return Results(len(ranked), hits, suggestions, too_common=too_common, named=named)

    def _found(self, searcher, query: Query, matching, languages, filters) -> list:
        """(score, docnum, stored fields) of the documents the query's words find."""
        excluded = [part for item in query.excluded for part in item_queries(item, languages)]
        # A mask rather than AndNot: Whoosh's AndNot matcher kept documents that it should have
        # left out (tests/test_search_engine.py has the case).
        mask = balanced(Or, excluded) if excluded else None
        found = searcher.search(matching, filter=_filter(filters), mask=mask, limit=None)
        return [(hit.score, hit.docnum, hit.fields()) for hit in found]

    def _pages(self, searcher, query: Query, hit: Hit) -> list[int]:
        """The PDF pages where the query's terms are most often: for each term its TOP_PAGES
        pages, summed over the terms."""
        fieldname = f"text_{hit.lang}"
        reader = searcher.reader()
        starts = searcher.stored_fields(hit.docnum)["page_starts"]
        totals: Counter = Counter()
        for term in sorted(text_terms(query, hit.lang)):
            if (fieldname, term) not in reader:
                continue
            postings = reader.postings(fieldname, term)
            postings.skip_to(hit.docnum)
            if postings.is_active() and postings.id() == hit.docnum:
                totals.update(dict(top_pages(postings.value_as("positions"), starts)))
        ranked = sorted(totals.items(), key=lambda p: (-p[1], p[0]))
        return [page for page, _ in ranked][: contract.TOP_PAGES]


def whoosh_query(query: Query, languages: list[str]):
    """In each language, every clause that has terms there; in any language. None when no
    clause has terms in any language (the words are all stop words)."""
    if query.is_empty():
        return Every()
    per_language = []
    for lang in languages:
        clauses = []
        for clause in query.clauses:
            parts = [part for item in clause for part in item_queries(item, [lang])]
            if parts:
                clauses.append(balanced(Or, parts))
        if clauses:
            per_language.append(balanced(And, clauses))
    return balanced(Or, per_language) if per_language else None


def balanced(kind, queries: list):
    """`kind(queries)` as a tree of pairs. Whoosh chains the matchers of many subqueries one
    inside the next, which a query of a thousand words takes past Python's recursion limit;
    pairs, level by level, keep the depth to log2 of their number. Sums are sums either way."""
    while len(queries) > 1:
        queries = [kind(queries[n : n + 2]) for n in range(0, len(queries), 2)]
    return queries[0]


def item_queries(item: Item, languages: list[str]) -> list:
    """An item's alternatives in every field of these languages: terms, or phrases."""
    parts = []
    for lang in languages:
        for alternative in item.terms[lang]:
            for name, boost in contract.FIELDS.items():
                fieldname = f"{name}_{lang}"
                if len(alternative) == 1:
                    parts.append(Term(fieldname, alternative[0], boost=boost))
                else:
                    parts.append(Phrase(fieldname, list(alternative), boost=boost))
    return parts


def text_terms(query: Query, lang: str) -> set[str]:
    """Every term the query's items look for in one language."""
    return {term for item in query.items() for terms in item.terms[lang] for term in terms}


def tie(score: float) -> int:
    """A score as ranks compare it (contract.SCORE_DECIMALS)."""
    return math.floor(score * 10**contract.SCORE_DECIMALS + 0.5)


def top_pages(positions: list[int], starts: list[int]) -> list[tuple[int, int]]:
    """The TOP_PAGES pages (numbered from 1) with the most of these positions, and their
    counts: most first, then the earlier page."""
    counts = Counter(bisect.bisect_right(starts, position) for position in positions)
    return sorted(counts.items(), key=lambda p: (-p[1], p[0]))[: contract.TOP_PAGES]


def _tagged(searcher, named: list[list[str]], filters: dict, found: set[int]) -> dict:
    """docnum -> (0.0, docnum, stored fields) of the versions tagged with a named term that the
    words did not find: scored 0, they rank after every version the words found."""
    if not named:
        return {}
    tagged = Or([Term(facet, value) for facet, value in named])
    hits = searcher.search(tagged, filter=_filter(filters), limit=None)
    return {hit.docnum: (0.0, hit.docnum, hit.fields()) for hit in hits if hit.docnum not in found}


def _via(stored: dict, named: list[list[str]]) -> list[str]:
    """The first named term a version is tagged with."""
    return next(pair for pair in named if pair[1] in stored.get(pair[0], "").split(","))


def _sorted(ranked: list, sort: str, no_words: bool) -> list:
    """By relevance (equal scores are ties, in index order), or newest first."""
    if sort == "date" or no_words:
        return sorted(ranked, key=lambda r: (r[2]["date"], tie(r[0]), -r[1]), reverse=True)
    return sorted(ranked, key=lambda r: (-tie(r[0]), r[1]))


def _filter(filters: dict[str, list[str]]):
    """One of the values of each facet chosen; every facet chosen."""
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
