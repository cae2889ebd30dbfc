"""The search indexes in a real build: written into the site, kept between builds, renewed when
a publication changes; and `invoke search` on them."""

import json
import subprocess
import sys

from search.engine import SearchIndex

from tests.conftest import ROOT
from tests.projects import add, build


def test_the_build_writes_both_indexes_and_keeps_them_until_a_publication_changes(project, capfd):
    add(project, "harbour", title="Harbour patrols")
    add(project, "school", title="School visits")
    output = build(project)

    assert (output / "search" / "index.js").is_file()
    assert [hit.id for hit in SearchIndex(output / "whoosh").search("harbour").hits] == [
        "harbour-en"
    ]
    assert "2 language versions indexed" in capfd.readouterr().out

    build(project)
    assert "unchanged; index taken from the cache" in capfd.readouterr().out

    add(project, "school", title="School visits and harbour walks")
    output = build(project)
    assert "indexed" in capfd.readouterr().out
    found = SearchIndex(output / "whoosh").search("harbour")
    assert {hit.id for hit in found.hits} == {"harbour-en", "school-en"}


def test_invoke_search_prints_json_in_rank_order(demo_site):
    command = [
        sys.executable,
        "-c",
        (
            "import sys; from pathlib import Path; sys.path.insert(0, 'plugins');"
            "from search.cli import run_search;"
            f"run_search(Path({str(demo_site / 'whoosh')!r}), 'mariages enfants',"
            "{'lang': ['fr']}, 'relevance', 5, True)"
        ),
    ]
    printed = json.loads(subprocess.run(command, cwd=ROOT, capture_output=True, check=True).stdout)

    assert printed[0]["slug"] == "child-marriage-west-africa-research"
    assert printed[0]["lang"] == "fr"
    assert set(printed[0]) == {"slug", "lang", "title", "type", "year", "url", "score", "pages"}
    assert printed[0]["url"] == "publications/child-marriage-west-africa-research-fr.html"
    assert all(isinstance(page, int) for page in printed[0]["pages"])
    scores = [result["score"] for result in printed]
    assert scores == sorted(scores, reverse=True)


def invoke_search(site, *arguments) -> list[dict]:
    command = [sys.executable, "-m", "invoke", "search", *arguments, "--site", str(site), "--json"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_invoke_search_takes_each_facet_by_its_option_and_corrects_misspellings(demo_site):
    reference = SearchIndex(demo_site / "whoosh")
    found = invoke_search(demo_site, "children", "--theme", "trafficking", "--lang", "en")
    expected = reference.search("children", {"themes": ["trafficking"], "lang": ["en"]})
    assert [r["url"] for r in found] == [hit.url for hit in expected.hits] != []

    corrected = invoke_search(demo_site, "trafickng")
    assert {r["corrected_query"] for r in corrected} == {"trafficking"}
    assert [r["url"] for r in corrected] == [
        hit.url for hit in reference.search("trafficking").hits
    ]
    assert "corrected_query" not in invoke_search(demo_site, "trafficking")[0]
