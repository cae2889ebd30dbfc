"""The two search engines side by side: the browser's (search-engine.js, in Chromium) and the
reference (Whoosh), asked the same queries, their answers in one shape to compare; and the
search page as a reader uses it, from the address or typed key by key.
"""

import json
import re
import tempfile
from pathlib import Path

from search.engine import SearchIndex

from bench.search_queries import search_url

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "theme" / "static" / "js" / "search-engine.js"
TOLERANCE = 1e-6  # on scores

# Runs queries through a new engine on the index of the page's site.
RUN_QUERIES = """async ({base, queries, limit}) => {
  const engine = SearchEngine(SearchEngine.scriptLoader(base));
  await engine.ready();
  const answers = [];
  for (const query of queries) {
    const found = await engine.search(query);
    const top = found.ranked.slice(0, limit);
    answers.push({
      ranked: top.map(hit => hit.doc),
      scores: top.map(hit => hit.score),
      total: found.total,
      corrected_query: found.corrected_query || null,
      suggestions: found.total ? {} : found.suggestions,
      without_filters: found.without_filters ?? null,
      no_words: found.no_words,
      too_common: found.too_common,
      pages: top.slice(0, 3).map(hit => engine.pages(found, hit.doc)),
      named: found.named,
      via: top.map(hit => found.via.get(hit.doc) || null),
    });
  }
  // As JSON: Playwright's own copy of an object would drop a key named "__proto__".
  return JSON.stringify(answers);
}"""

TERMS = """async ({base, lang, texts}) => {
  const engine = SearchEngine(SearchEngine.scriptLoader(base));
  await engine.ready();
  return {terms: await engine.terms(lang, texts), words: texts.map(engine.words)};
}"""


def reference_answer(index: SearchIndex, query: dict, limit: int = 10) -> dict:
    found = index.search(
        query["q"],
        query.get("filters") or {},
        query.get("sort", "relevance"),
        limit=limit,
        live=query.get("live", False),
        exact=query.get("exact", False),
    )
    return {
        "ranked": [hit.docnum for hit in found.hits],
        "scores": [hit.score for hit in found.hits],
        "total": found.total,
        "corrected_query": found.corrected_query,
        "suggestions": found.suggestions if not found.total else {},
        "without_filters": found.without_filters,
        "no_words": found.no_words,
        "too_common": found.too_common,
        "pages": [hit.pages for hit in found.hits[:3]],
        "named": found.named,
        "via": [hit.via for hit in found.hits],
    }


class BrowserEngine:
    """search-engine.js in a page of its own, on the browser index in `search`."""

    def __init__(self, browser, search: Path):
        self.base = search.resolve().as_uri() + "/"
        # Outside the site, which stays as the build wrote it.
        harness = Path(tempfile.mkdtemp()) / "engine.html"
        script = f'<script src="{ENGINE.as_uri()}"></script>'
        harness.write_text(f'<!doctype html><meta charset="utf-8">{script}\n')
        self.page = browser.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(harness.as_uri())

    def answers(self, queries: list[dict], limit: int = 10) -> list[dict]:
        found = self.page.evaluate(
            RUN_QUERIES, {"base": self.base, "queries": queries, "limit": limit}
        )
        assert not self.errors, self.errors
        return json.loads(found)

    def terms(self, lang: str, texts: list[str]) -> dict:
        return self.page.evaluate(TERMS, {"base": self.base, "lang": lang, "texts": texts})

    def close(self) -> None:
        self.page.close()


def difference(reference: dict, browser: dict) -> str | None:
    """Where the two answers to one query differ; None if they are the same (scores within
    TOLERANCE)."""
    names = ("ranked", "total", "corrected_query", "suggestions", "without_filters", "pages")
    names += ("named", "via")
    for name in (*names, "no_words", "too_common"):
        if reference[name] != browser[name]:
            return f"{name}: reference {reference[name]!r}, browser {browser[name]!r}"
    for a, b in zip(reference["scores"], browser["scores"], strict=True):
        if abs(a - b) > TOLERANCE:
            return f"scores: reference {reference['scores']}, browser {browser['scores']}"
    return None


def compare(index: SearchIndex, engine: BrowserEngine, queries: list[dict]) -> list[str]:
    """Every query on which the engines differ, with how."""
    answers = engine.answers(queries)
    found = []
    for query, answer in zip(queries, answers, strict=True):
        differs = difference(reference_answer(index, query), answer)
        if differs:
            found.append(f"{query}: {differs}")
    return found


def result_links(page) -> list[str]:
    """The results shown, once they are all there, as paths inside a UI language's site."""
    page.wait_for_selector('#results[aria-busy="false"]', state="attached")
    links = page.eval_on_selector_all(
        "#results h3 a", "all => all.map(a => a.getAttribute('href'))"
    )
    return [re.sub(r"^(\.\./)*(\./)?([a-z]{2}/)?", "", link) for link in links]


def address_results(page, base: str, queries: list[dict]) -> list[list[str]]:
    """Each query's result links, from the search page loaded with the query in its address."""
    found = []
    for query in queries:
        page.goto(search_url(base, query))
        found.append(result_links(page))
    return found


def reference_results(index: SearchIndex, queries: list[dict]) -> list[list[str]]:
    """The result links of each query as the search page lists them: one per publication."""
    return [
        leading_urls(index.search(q["q"], q["filters"], q.get("sort", "relevance"), limit=None))
        for q in queries
    ]


def leading_urls(results, shown: int = 10) -> list[str]:
    """The pages of the first `shown` entries of the search page: one per publication."""
    return [hit.url for hit in results.leading()[:shown]]


# Records every status the search page shows while a reader types.
WATCH_STATUS = """() => {
  const status = document.getElementById('search-status');
  window.statuses = [];
  new MutationObserver(() => window.statuses.push(status.textContent))
    .observe(status, {childList: true, characterData: true, subtree: true});
}"""


FINAL_SEARCHES = "() => performance.getEntriesByName('search:final').length"
SETTLED = """n => performance.getEntriesByName('search:final').length > n
  && document.getElementById('results').getAttribute('aria-busy') === 'false'"""


def typed_results(page, base: str, query: dict, delay: int = 40) -> tuple[list[str], list[str]]:
    """The result links the search page shows once `query` has been typed into its box key by
    key (real key presses) and the typing has stopped, and every status shown on the way."""
    page.goto(search_url(base, {"q": "", "filters": query["filters"], "sort": query.get("sort")}))
    result_links(page)
    page.evaluate(WATCH_STATUS)
    type_into(page, query["q"], delay)
    return result_links(page), page.evaluate("window.statuses")


def type_into(page, text: str, delay: int = 40) -> None:
    """Types `text` into the search box of the page as it is, and waits until the typing has
    settled."""
    before = page.evaluate(FINAL_SEARCHES)
    page.locator("#search-query").press_sequentially(text, delay=delay)
    page.wait_for_function(SETTLED, arg=before)
