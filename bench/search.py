"""Benchmark of search on the synthetic library: `invoke bench --part search`.

Index build time (the search step of a build whose PDF text is cached, against the cold build
of the PDF text benchmark), the size of the static index against the extracted text, bytes
loaded by a first and by each later query, latency in headless Chromium from `file://`, and the
agreement of the browser with the reference engine, over the query set of search_queries.py.
"""

import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from search.engine import SearchIndex

from bench import markdown_table
from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from bench.search_queries import (
    agreement,
    browser_results,
    query_set,
    reference_results,
    search_url,
)
from bench.synthetic_library import library

ROOT = Path(__file__).resolve().parent.parent

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
    index = SearchIndex(site / "whoosh")
    queries = query_set(index)
    results["queries"] = len(queries)
    results.update(browser_measures(site, queries, index))
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


def browser_measures(site: Path, queries: list[dict], index: SearchIndex) -> dict:
    from playwright.sync_api import sync_playwright

    base = (site / "search.html").as_uri()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        first_bytes, cold_ms = [], []
        for query in queries:
            page, loaded = new_page(browser, site)
            page.goto(base)
            page.wait_for_selector('#results[aria-busy="false"]', state="attached")
            set_filters(page, query["filters"])
            cold_ms.append(press_enter(page, query["q"]))
            first_bytes.append(sum(loaded.values()))
            page.context.close()
        page, loaded = new_page(browser, site)
        page.goto(base)
        page.wait_for_selector('#results[aria-busy="false"]', state="attached")
        later_bytes, warm_ms = [], []
        for query in queries:
            before = sum(loaded.values())
            set_filters(page, query["filters"])
            press_enter(page, query["q"])
            later_bytes.append(sum(loaded.values()) - before)
            warm_ms.append(press_enter(page, query["q"]))
        page.context.close()
        reference = reference_results(index, queries)
        found = browser_results(browser.new_page(), base, queries)
        browser.close()
    measured = agreement(reference, found)
    return {
        "first_query_bytes_median": statistics.median(first_bytes),
        "first_query_bytes_max": max(first_bytes),
        "later_query_bytes_median": statistics.median(later_bytes),
        "later_query_bytes_max": max(later_bytes),
        "loaded_latency_ms_median": statistics.median(warm_ms),
        "loaded_latency_ms_p95": percentile(warm_ms, 95),
        "cold_key_to_results_ms_median": statistics.median(cold_ms),
        "cold_key_to_results_ms_p95": percentile(cold_ms, 95),
        "agreement_overlap": measured["overlap"],
        "agreement_same_first": measured["same_first"],
    }


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
    kb = 1000
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
        (
            "Bytes loaded by a first query",
            f"median {r['first_query_bytes_median'] / kb:.0f} kB, "
            f"max {r['first_query_bytes_max'] / kb:.0f} kB",
            "≤ 300 kB",
        ),
        (
            "New bytes loaded by each later query",
            f"median {r['later_query_bytes_median'] / kb:.0f} kB, "
            f"max {r['later_query_bytes_max'] / kb:.0f} kB",
            "≤ 150 kB",
        ),
        (
            "Query latency, parts loaded",
            f"median {r['loaded_latency_ms_median']:.0f} ms, "
            f"p95 {r['loaded_latency_ms_p95']:.0f} ms",
            "p95 ≤ 50 ms",
        ),
        (
            "Enter to results, `file://`, cold",
            f"median {r['cold_key_to_results_ms_median']:.0f} ms, "
            f"p95 {r['cold_key_to_results_ms_p95']:.0f} ms",
            "p95 ≤ 300 ms",
        ),
        (
            "Agreement with `invoke search` (top 10)",
            f"{r['agreement_overlap']:.0%} overlap, same "
            f"first result {r['agreement_same_first']:.0%}, {r['queries']} queries",
            "≥ 90%, ≥ 95%",
        ),
    ]
    return markdown_table(rows, "figure")
