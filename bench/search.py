"""Benchmark of search: `invoke bench --part search`.

On the synthetic library: index build time (the search step of a build whose PDF text is
cached, against the cold build of the PDF text benchmark) and the size of the static index
against the extracted text. On the demo library and the synthetic library, in headless Chromium
from `file://`, over the query set of search_queries.py: bytes loaded by a first and by each
later query, time from Enter to results, the same queries typed key by key (what they end on
against the address and `invoke search`, and the time from the end of the pause after a key to
the results shown), the exact agreement of the browser's engine with the reference engine on
generated queries, and the inflections of the library's words that it lacks which find what
their word finds.
"""

import functools
import gzip
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from search.engine import SearchIndex

from bench import markdown_table
from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from bench.search_engines import (
    BrowserEngine,
    address_results,
    difference,
    reference_answer,
    reference_results,
    type_into,
    typed_results,
)
from bench.search_queries import (
    LibraryText,
    generated_queries,
    query_set,
    search_url,
    word_forms,
)
from bench.synthetic_library import library

ROOT = Path(__file__).resolve().parent.parent
GENERATED = 2000  # queries on which the two engines are compared

# Wrapped in an object: Playwright would wait for a promise returned directly.
WAIT_FOR_RESULTS = """() => ({done: new Promise(resolve => {
  const results = document.getElementById('results');
  let started = null;
  document.addEventListener('keydown', e => { if (e.key === 'Enter') started = performance.now(); },
                            {capture: true, once: true});
  new MutationObserver((records, observer) => {
    const done = records.some(r => r.oldValue === 'true')
      && results.getAttribute('aria-busy') === 'false';
    if (started !== null && done) {
      observer.disconnect();
      resolve(performance.now() - started);
    }
  }).observe(results, {attributes: true, attributeFilter: ['aria-busy'], attributeOldValue: true});
})})"""


def measure(count: int, runs: int, seed: int, folder: Path) -> dict:
    facts = library(folder, count, seed)
    site = folder / "site"
    builds = [index_build(folder, site) for _ in range(runs)]
    pdf_bench = json.loads((ROOT / "bench" / "results" / "pdf-text.json").read_text())
    results = {
        "publications": count,
        "pages": facts["pages"],
        "runs": runs,
        "index_build_s": statistics.median(b["search_s"] for b in builds),
        "build_with_cached_text_s": statistics.median(b["build_s"] for b in builds),
        "cold_build_s": pdf_bench["cold_build_s"],
    }
    results["index_share_of_cold_build"] = results["index_build_s"] / results["cold_build_s"]
    results.update(sizes(site))
    from playwright.sync_api import sync_playwright

    from tasks import build_site

    with tempfile.TemporaryDirectory() as demo, sync_playwright() as playwright:
        build_site(Path(demo) / "site")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        results["demo"] = library_measures(browser, Path(demo) / "site", runs)
        results["synthetic"] = library_measures(browser, site, runs)
        browser.close()
    return results


def index_build(folder: Path, site: Path) -> dict:
    """A build with the PDF text cached and the search cache empty."""
    shutil.rmtree(folder / "cache" / "search", ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(site)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    search_s = float(re.search(r"Search: .* \(([\d.]+) s\)", done.stdout).group(1))
    return {"build_s": seconds, "search_s": search_s}


def sizes(site: Path) -> dict:
    search = site / "search"
    files = [path for path in search.rglob("*") if path.is_file()]
    total = sum(path.stat().st_size for path in files)
    text = 0
    for path in (search / "d").glob("*/*.js"):
        payload = path.read_text(encoding="utf-8").split(",", 1)[1].rsplit(");", 1)[0]
        text += sum(len(page.encode("utf-8")) for page in json.loads(payload))
    whoosh = sum(path.stat().st_size for path in (site / "whoosh").rglob("*") if path.is_file())
    return {
        "static_index_bytes": total,
        "extracted_text_bytes": text,
        "static_index_ratio": total / text,
        "static_index_files": len(files),
        "whoosh_index_bytes": whoosh,
    }


def library_measures(browser, site: Path, runs: int) -> dict:
    index = SearchIndex(site / "whoosh")
    queries = query_set(index)
    found = {"queries": len(queries)}
    found.update(loading(browser, site, queries))
    found.update(typing(browser, site, index, queries, runs))
    found.update(agreement(browser, site, index))
    found.update(forms(browser, site, index))
    return found


def loading(browser, site: Path, queries: list[dict]) -> dict:
    """Bytes and time of each query pressed with Enter: first in a fresh page, then in one."""
    base = (site / "search.html").as_uri()
    first, cold_ms = [], []
    for query in queries:
        page, loaded = new_page(browser, site)
        page.goto(base)
        page.wait_for_selector('#results[aria-busy="false"]', state="attached")
        set_filters(page, query["filters"])
        cold_ms.append(press_enter(page, query["q"]))
        first.append(weigh(site, set(loaded) | shown_covers(page, site)))
        page.context.close()
    page, loaded = new_page(browser, site)
    page.goto(base)
    page.wait_for_selector('#results[aria-busy="false"]', state="attached")
    later, warm_ms, files = [], [], set(loaded)
    for query in queries:
        before = set(files)
        set_filters(page, query["filters"])
        press_enter(page, query["q"])
        files |= set(loaded) | shown_covers(page, site)
        later.append(weigh(site, files - before))
        warm_ms.append(press_enter(page, query["q"]))
    page.context.close()
    found = {}
    for name, weights in (("first", first), ("later", later)):
        for kind in weights[0]:
            values = [weight[kind] for weight in weights]
            found[f"{name}_query_{kind}_median"] = statistics.median(values)
            found[f"{name}_query_{kind}_max"] = max(values)
    return found | {
        "loaded_latency_ms_median": statistics.median(warm_ms),
        "loaded_latency_ms_p95": percentile(warm_ms, 95),
        "cold_key_to_results_ms_median": statistics.median(cold_ms),
        "cold_key_to_results_ms_p95": percentile(cold_ms, 95),
    }


def shown_covers(page, site: Path) -> set[str]:
    """The covers of the results shown, loaded yet or not: the browser loads them lazily, as
    they come near the window, which a bench in a window of its own would not measure alike."""
    sources = page.evaluate(
        "() => Array.from(document.querySelectorAll('#results img'), image => image.src)"
    )
    return {str(Path(unquote(urlsplit(source).path))) for source in sources}


def weigh(site: Path, files: set[str]) -> dict[str, int]:
    """The bytes of `files`: the search index's, every file's (the page, its code and style,
    the covers of its results), and every file's as a host that compresses them sends them."""
    index = str(site / "search") + "/"
    return {
        "index_bytes": sum(Path(f).stat().st_size for f in files if f.startswith(index)),
        "page_bytes": sum(Path(f).stat().st_size for f in files),
        "gzip_bytes": sum(gzipped(f) for f in files),
    }


@functools.cache
def gzipped(path: str) -> int:
    """What a host sends of a file: gzip at level 6 (nginx's gzip_static siblings, or a host
    that compresses as it sends) for text; images as they are."""
    data = Path(path).read_bytes()
    return len(data) if path.endswith(".webp") else len(gzip.compress(data, 6))


def typing(browser, site: Path, index: SearchIndex, queries: list[dict], runs: int) -> dict:
    """Each query typed key by key: what it ends on, against the address and the reference
    engine; and, typed again with the index parts loaded, the time from the end of the pause
    after the last key to the results shown."""
    base = (site / "search.html").as_uri()
    page = browser.new_page()
    expected = reference_results(index, queries)
    from_address = address_results(page, base, queries)
    typed = [typed_results(page, base, query)[0] for query in queries]
    same = sum(a == b == c for a, b, c in zip(typed, from_address, expected, strict=True))
    live_ms = []
    for _ in range(runs):
        for query in queries:
            typed_results(page, base, query)  # the parts it needs are loaded now
            page.locator("#search-query").fill("")
            page.evaluate("() => performance.clearMeasures('search:live')")
            type_into(page, query["q"])
            live_ms += page.evaluate(
                "() => performance.getEntriesByName('search:live').map(m => m.duration)"
            )
    page.close()
    return {
        "typed_same": same,
        "typed_live_ms_median": statistics.median(live_ms),
        "typed_live_ms_p95": percentile(live_ms, 95),
    }


def agreement(browser, site: Path, index: SearchIndex) -> dict:
    """The two engines on generated queries: how many answers are the same."""
    queries = generated_queries(site / "search", GENERATED, seed=11)
    engine = BrowserEngine(browser, site / "search")
    answers = []
    for start in range(0, len(queries), 100):
        answers += engine.answers(queries[start : start + 100])
    engine.close()
    differing = [
        query
        for query, answer in zip(queries, answers, strict=True)
        if difference(reference_answer(index, query), answer)
    ]
    return {"generated": len(queries), "generated_same": len(queries) - len(differing)}


def forms(browser, site: Path, index: SearchIndex, per_language: int = 150) -> dict:
    """Inflections of the library's words that the library does not have (word_forms): how
    many find the same results as their word, in both engines."""
    text = LibraryText(site / "search")
    engine = BrowserEngine(browser, site / "search")
    found = {}
    for lang in text.languages:
        words = sorted({w for page in text.texts[lang] for w in page if len(w) >= 4})
        pairs = [
            (word, form)
            for word in words[:: max(1, len(words) // per_language)]
            for form in word_forms(word, lang)
            if form not in index.words
        ]
        if not pairs:
            continue
        queries = [{"q": q, "filters": {"lang": [lang]}} for pair in pairs for q in pair]
        answers = engine.answers(queries)
        same = 0
        for n in range(len(pairs)):
            word, form = answers[2 * n], answers[2 * n + 1]
            cli = reference_answer(index, queries[2 * n + 1])
            same += bool(word["ranked"]) and form["ranked"] == word["ranked"] == cli["ranked"]
        found[lang] = [same, len(pairs)]
    engine.close()
    return {"word_forms": found}


def new_page(browser, site: Path):
    """A fresh page (nothing cached) that counts the bytes of every file it loads."""
    context = browser.new_context()
    page = context.new_page()
    loaded: dict[str, int] = {}

    def count(request):
        path = Path(unquote(urlsplit(request.url).path))
        if request.url.startswith("file:") and path.is_file():
            loaded[str(path)] = path.stat().st_size

    page.on("request", count)
    return page, loaded


def set_filters(page, filters: dict) -> None:
    """The query's facets, in the page's URL, where the search page reads them."""
    url = search_url("search.html", {"q": "", "filters": filters})
    page.evaluate("url => history.replaceState(null, '', url)", url)


def press_enter(page, text: str) -> float:
    """Milliseconds from pressing Enter in the search box to every result shown."""
    box = page.locator("#search-query")
    box.fill(text)
    waiting = page.evaluate_handle(WAIT_FOR_RESULTS)
    box.press("Enter")
    return page.evaluate("waiting => waiting.done", waiting)


def percentile(values: list[float], share: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share / 100 * (len(ordered) - 1)))]


def table(results: dict) -> str:
    r = results
    rows = [
        ("Library", f"{r['publications']:,} publications, {r['pages']:,} pages", ""),
        ("Index build (Whoosh index and static export)", f"{r['index_build_s']:.0f} s", ""),
        (
            "Index build against the cold build",
            f"+{r['index_share_of_cold_build']:.0%} of {r['cold_build_s']:.0f} s",
            "≤ +50%",
        ),
        (
            "Static index (parts + fragments)",
            f"{r['static_index_bytes'] / 1e6:.0f} MB = "
            f"{r['static_index_ratio']:.2f}× the extracted text "
            f"({r['extracted_text_bytes'] / 1e6:.0f} MB)",
            "≤ 1.5×",
        ),
        ("Files of the static index", f"{r['static_index_files']:,}", ""),
        ("Whoosh index (not in the offline zip)", f"{r['whoosh_index_bytes'] / 1e6:.0f} MB", ""),
    ]
    return markdown_table(rows, "synthetic library") + "\n\n" + browser_table(r)


def browser_table(results: dict) -> str:
    demo, synthetic = results["demo"], results["synthetic"]

    def both(shown):
        return shown(demo), shown(synthetic)

    rows = [
        ("Queries of the set", *both(lambda m: f"{m['queries']}"), ""),
        (
            "Typed key by key = address = `invoke search`",
            *both(lambda m: f"{m['typed_same']} of {m['queries']}"),
            "all",
        ),
        (
            "Keypress to results, parts loaded (after the pause)",
            *both(
                lambda m: (
                    f"median {m['typed_live_ms_median']:.0f} ms, "
                    f"p95 {m['typed_live_ms_p95']:.0f} ms"
                )
            ),
            "p95 ≤ 50 ms",
        ),
        (
            "Same answer from both engines, generated queries",
            *both(lambda m: f"{m['generated_same']:,} of {m['generated']:,}"),
            "all",
        ),
        (
            "Word forms the library lacks that find what their word finds",
            *both(
                lambda m: ", ".join(
                    f"{lang} {same} of {total}" for lang, (same, total) in m["word_forms"].items()
                )
            ),
            "",
        ),
        (
            "A first query: bytes of the search index",
            *both(lambda m: _bytes(m, "first_query_index_bytes")),
            "max ≤ 300 kB",
        ),
        (
            "… with the page, its code and style, and the results' covers",
            *both(lambda m: _bytes(m, "first_query_page_bytes")),
            "",
        ),
        (
            "… all of it as a compressing host sends it (gzip)",
            *both(lambda m: _bytes(m, "first_query_gzip_bytes")),
            "",
        ),
        (
            "A later query: new bytes of the search index",
            *both(lambda m: _bytes(m, "later_query_index_bytes")),
            "max ≤ 150 kB",
        ),
        (
            "… with the results' covers",
            *both(lambda m: _bytes(m, "later_query_page_bytes")),
            "",
        ),
        (
            "… all of it as a compressing host sends it (gzip)",
            *both(lambda m: _bytes(m, "later_query_gzip_bytes")),
            "",
        ),
        (
            "Enter to results, parts loaded",
            *both(
                lambda m: (
                    f"median {m['loaded_latency_ms_median']:.0f} ms, "
                    f"p95 {m['loaded_latency_ms_p95']:.0f} ms"
                )
            ),
            "p95 ≤ 50 ms",
        ),
        (
            "Enter to results, `file://`, cold",
            *both(
                lambda m: (
                    f"median {m['cold_key_to_results_ms_median']:.0f} ms, "
                    f"p95 {m['cold_key_to_results_ms_p95']:.0f} ms"
                )
            ),
            "p95 ≤ 300 ms",
        ),
    ]
    return markdown_table(rows, "demo library", "synthetic library")


def _bytes(measures: dict, name: str) -> str:
    median, most = measures[name + "_median"], measures[name + "_max"]
    return f"median {median / 1000:.0f} kB, max {most / 1000:.0f} kB"
