"""Text similarity between language versions, with Whoosh's "more like this".

Each version's opening (title, abstract, then the PDF's text, OPENING_WORDS words at most: what
a publication is about shows early) is analysed with the search's own analysis (stemmer and stop
words of its language) and put in a small Whoosh index in memory, one index per language: a term
two languages share is a coincidence of spelling (English and French both stem "exploitation"
to "exploit"), not a shared subject, so versions in different languages meet only through
shared tags. Each version then
asks its index for the documents like it (`Searcher.more_like`: its key terms by Whoosh's Bo1
model, searched with BM25F).
"""

import uuid
from collections import defaultdict
from itertools import islice

from search.analysis import WORD, terms_of_words
from search.engine import TermList
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

OPENING_WORDS = 1_000
KEY_TERMS = 10  # searched for per document: more finds more neighbours, each query costs more
# The terms come analysed already (TermList takes them as they are). Term vectors give each
# document's key terms without analysing its text again.
SCHEMA = Schema(number=ID(stored=True), text=TEXT(analyzer=TermList(), phrase=False, vector=True))


def opening_words(record) -> list[str]:
    """The first OPENING_WORDS words of a version's title, abstract and PDF text."""
    pages = record.pdf.pages if record.pdf else []
    found: list[str] = []
    for part in [record.title, record.abstract, *pages]:
        wanted = OPENING_WORDS - len(found)
        found += (match.group() for match in islice(WORD.finditer(part), wanted))
        if len(found) >= OPENING_WORDS:
            break
    return found


def text_scores(documents: list[tuple[str, list[str]]]) -> dict[tuple[int, int], float]:
    """{(i, j): how much document j is like document i}, for the pairs of documents in one
    language that Whoosh finds alike. `documents`: (language, words), numbered by their place."""
    by_lang = defaultdict(list)
    for number, (lang, words) in enumerate(documents):
        if words:
            by_lang[lang].append(number)
    scores = {}
    for lang, numbers in sorted(by_lang.items()):
        texts = {n: terms_of_words(lang, documents[n][1]) for n in numbers}
        # A text of stop words only has no terms: nothing to be like, nor to ask with.
        texts = {n: text for n, text in texts.items() if text}
        if len(texts) > 1:
            scores.update(_scores_in_one_language(texts))
    return scores


def _scores_in_one_language(texts: dict[int, list[str]]) -> dict[tuple[int, int], float]:
    # Even in memory, Whoosh's writer keeps files in <temporary folder>/<index name>.tmp and
    # removes that folder when done: a name of its own, so that builds side by side don't
    # remove each other's.
    index = RamStorage().create_index(SCHEMA, indexname=f"related-{uuid.uuid4().hex}")
    with index.writer() as writer:
        for number, text in texts.items():
            writer.add_document(number=str(number), text=text)
    scores = {}
    with index.searcher() as searcher:
        documents = searcher.reader().iter_docs()
        numbers = {docnum: int(fields["number"]) for docnum, fields in documents}
        for docnum, number in numbers.items():
            like = searcher.more_like(docnum, "text", top=None, numterms=KEY_TERMS)
            for other, score in like.items():
                scores[number, numbers[other]] = score
    return scores
