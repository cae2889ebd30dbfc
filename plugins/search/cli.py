"""`invoke search`: the reference engine's results, as a table or as JSON."""

import json
import sys
from dataclasses import asdict
from pathlib import Path

from .engine import Results, SearchIndex

COLUMNS = "{rank:>3}  {score:>7}  {lang:4} {type:20} {year:4}  {pages:9}  {title}"


def run_search(
    folder: Path, query: str, filters, sort: str, limit: int, as_json: bool, exact: bool = False
) -> int:
    """Searches the Whoosh index in `folder` (the build's SEARCH_INDEX_PATH)."""
    if not folder.is_dir():
        print(f"No search index in {folder}: run 'invoke build' first.", file=sys.stderr)
        return 1
    results = SearchIndex(folder).search(query, filters, sort, limit, exact=exact)
    print(as_json_text(results) if as_json else as_table(results))
    return 0


def as_json_text(results: Results) -> str:
    """A list of results; when the query typed found nothing and a corrected one did, each
    result names the query it was found for (`corrected_query`)."""
    keys = ("slug", "lang", "title", "type", "year", "url", "score", "pages", "via")
    corrected = {"corrected_query": results.corrected_query} if results.corrected_query else {}
    return json.dumps(
        [{**{key: asdict(hit)[key] for key in keys}, **corrected} for hit in results.hits],
        ensure_ascii=False,
        indent=1,
    )


def as_table(results: Results) -> str:
    lines = [f"{results.total} result(s)"]
    if results.no_words:
        lines.append('No words to search for: type words, "a phrase", a start* or -a word.')
    if results.too_common:
        lines.append("These words are too common to search for on their own.")
    if results.corrected_query:
        lines.append(f"Showing the results of '{results.corrected_query}' instead.")
    if results.named:
        terms = ", ".join(f"{facet} {value}" for facet, value in results.named)
        lines.append(
            f"The query names {terms}: the versions tagged with it, in every language, come "
            "after those its words find (not with --exact)."
        )
    for word, words in results.suggestions.items():
        lines.append(f"'{word}' is not in the library; did you mean {', '.join(words) or '-'}?")
    if results.without_filters:
        lines.append(f"None with these filters; {results.without_filters} without them.")
    if results.hits:
        lines.append(
            COLUMNS.format(
                rank="#",
                score="score",
                lang="lang",
                type="type",
                year="year",
                pages="pages",
                title="title",
            )
        )
    for rank, hit in enumerate(results.hits, 1):
        title = hit.title if len(hit.title) <= 70 else hit.title[:69] + "…"
        pages = ", ".join(map(str, hit.pages))
        lines.append(
            COLUMNS.format(
                rank=rank,
                score=f"{hit.score:.2f}",
                lang=hit.lang,
                type=hit.type,
                year=hit.year,
                pages=pages,
                title=title,
            )
        )
    return "\n".join(lines)
