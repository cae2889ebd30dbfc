"""A fixed set of queries drawn from a library's own words and titles, and how to compare the
browser's results with the reference engine's: used by the agreement tests and `invoke bench`.

The set mixes one word (common and rare), two words, phrases, prefixes, OR, exclusions and facet
filters. The same index and seed give the same queries.
"""

import random
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from search.engine import SearchIndex

FACET_PARAMETERS = {
    "themes": "themes",
    "regions": "regions",
    "countries": "countries",
    "lang": "lang",
    "type": "type",
    "year": "year",
}


def query_set(index: SearchIndex, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    words = sorted(
        (documents, key)
        for key, (documents, _) in index.words.items()
        if re.fullmatch(r"[^\W\d_]{4,}", key)
    )
    common = [key for _, key in words[-40:]]
    rare = [key for documents, key in words if documents <= 2]
    with index.ix.searcher() as searcher:
        stored = list(searcher.all_stored_fields())
    titles = [re.findall(r"[^\W\d_]{3,}", fields["title"].lower()) for fields in stored]
    titles = [words for words in titles if len(words) >= 3]
    facets = [
        (name, value)
        for fields in stored
        for name in ("themes", "lang", "type")
        for value in (fields.get(name) or "").split(",")
        if value
    ]

    queries = [rng.choice(common) for _ in range(10)]
    queries += rng.sample(rare, min(8, len(rare)))
    queries += [" ".join(rng.sample(rng.choice(titles), 2)) for _ in range(10)]
    for _ in range(10):
        title = rng.choice(titles)
        start = rng.randrange(len(title) - 1)
        queries.append('"' + " ".join(title[start : start + rng.choice((2, 3))]) + '"')
    queries += [rng.choice(common)[:4] + "*" for _ in range(4)]
    queries += [f"{rng.choice(common)} OR {rng.choice(rare or common)}" for _ in range(3)]
    queries += [f"{rng.choice(common)} -{rng.choice(common)}" for _ in range(3)]
    found = [{"q": q, "filters": {}} for q in queries]
    for _ in range(10):
        name, value = rng.choice(facets)
        found.append({"q": rng.choice(common), "filters": {name: [value]}})
    return found


def search_url(base: str, query: dict) -> str:
    parameters = [("q", query["q"])]
    parameters += [
        (FACET_PARAMETERS[name], value)
        for name, values in query["filters"].items()
        for value in values
    ]
    return f"{base}?{urlencode(parameters)}"


def reference_results(index: SearchIndex, queries: list[dict]) -> list[list[str]]:
    return [[hit.url for hit in index.search(q["q"], q["filters"], limit=10).hits] for q in queries]


def browser_results(page, base: str, queries: list[dict]) -> list[list[str]]:
    """Each query's result links (publication paths), from the search page in `page`."""
    found = []
    for query in queries:
        page.goto(search_url(base, query))
        found.append(result_links(page))
    return found


def result_links(page) -> list[str]:
    """The results shown, once they are all there, as paths inside a UI language's site."""
    page.wait_for_selector('#results[aria-busy="false"]', state="attached")
    links = page.eval_on_selector_all(
        "#results h3 a", "all => all.map(a => a.getAttribute('href'))"
    )
    return [re.sub(r"^(\.\./)*(\./)?([a-z]{2}/)?", "", link) for link in links]


def agreement(reference: list[list[str]], browser: list[list[str]]) -> dict:
    """Mean top-10 overlap and the share of queries with the same first result."""
    overlaps, same_first = [], []
    for expected, got in zip(reference, browser, strict=True):
        if not expected and not got:
            overlaps.append(1.0)
            same_first.append(True)
            continue
        overlaps.append(len(set(expected) & set(got)) / max(len(expected), len(got)))
        same_first.append(expected[:1] == got[:1])
    return {
        "queries": len(reference),
        "overlap": sum(overlaps) / len(overlaps),
        "same_first": sum(same_first) / len(same_first),
    }
