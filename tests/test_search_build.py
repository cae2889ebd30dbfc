"""The search indexes in a real build: written into the site, kept between builds, renewed when
a publication changes; and `invoke search` on them."""

import json
import subprocess
import sys

import pytest
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
    keys = {"slug", "lang", "title", "type", "year", "url", "score", "pages", "via"}
    assert set(printed[0]) == keys
    assert printed[0]["url"] == "publications/child-marriage-west-africa-research-fr.html"
    assert all(isinstance(page, int) for page in printed[0]["pages"])
    scores = [result["score"] for result in printed]
    assert scores == sorted(scores, reverse=True)


def invoke_search(site, *arguments, as_json=True, check=True):
    """`invoke search` run as a reader runs it; its JSON, or the finished process."""
    command = [sys.executable, "-m", "invoke", "search", "--site", str(site)]
    command += ["--json"] if as_json else []
    done = subprocess.run([*command, *arguments], cwd=ROOT, capture_output=True, text=True)
    if check:
        assert done.returncode == 0, done.stderr
    return json.loads(done.stdout) if as_json and check else done


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


def urls(results):
    return [result["url"] for result in results]


def test_invoke_search_takes_queries_that_start_with_a_minus(demo_site):
    reference = SearchIndex(demo_site / "whoosh")
    expected = [hit.url for hit in reference.search('-"child marriage" children').hits]

    assert urls(invoke_search(demo_site, '--query=-"child marriage" children')) == expected
    assert urls(invoke_search(demo_site, "children", "--", '-"child marriage"')) == expected
    assert expected and "child-marriage" not in " ".join(expected)


@pytest.mark.parametrize("text", ["*", '""', '"', "OR", "OR OR", "-", "😀", "!!"])
def test_invoke_search_says_when_a_query_has_no_words(demo_site, text):
    done = invoke_search(demo_site, f"--query={text}", as_json=False)

    assert done.stdout.startswith("0 result(s)\nNo words to search for")
    assert "too common" not in done.stdout
    assert invoke_search(demo_site, f"--query={text}") == []


def test_invoke_search_says_too_common_only_when_every_word_is_in_every_language(demo_site):
    in_english = invoke_search(demo_site, "the of and", "--lang=en", as_json=False)
    everywhere = invoke_search(demo_site, "the of and", as_json=False)  # words in Spanish

    assert "too common to search for on their own" in in_english.stdout
    assert everywhere.stdout == "0 result(s)\n"


def test_invoke_search_takes_a_query_of_any_length(demo_site):
    words = sorted(SearchIndex(demo_site / "whoosh").words.table)[:1000]

    done = invoke_search(demo_site, " ".join(words), as_json=False)
    either = invoke_search(demo_site, " OR ".join(words), as_json=False)

    assert done.stdout.startswith("0 result(s)") and "Traceback" not in done.stderr
    assert either.stdout.startswith("27 result(s)")


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_invoke_search_refuses_a_limit_below_one(demo_site, limit):
    done = invoke_search(demo_site, "children", f"--limit={limit}", as_json=False, check=False)

    assert done.returncode == 2
    assert f"--limit takes a number of results of 1 or more, not {limit}." in done.stderr


def tagged_versions(index: SearchIndex) -> dict[tuple[str, str], set[str]]:
    """(facet, value) -> the ids of the versions tagged with it, for themes and countries."""
    tagged: dict[tuple[str, str], set[str]] = {}
    with index.ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            for facet in ("themes", "countries"):
                for value in filter(None, fields.get(facet, "").split(",")):
                    tagged.setdefault((facet, value), set()).add(fields["id"])
    return tagged


def names_of(vocabulary, facet: str, value: str) -> dict[str, str]:
    term = (vocabulary.themes if facet == "themes" else vocabulary.countries)[value]
    return {lang: term.label(lang) for lang in ("en", "fr", "es")}


def test_a_theme_or_country_named_in_any_language_finds_every_version_tagged_with_it(
    demo_site, vocabulary
):
    index = SearchIndex(demo_site / "whoosh")
    for (facet, value), ids in tagged_versions(index).items():
        for lang, name in names_of(vocabulary, facet, value).items():
            found = index.search(name, limit=None)
            assert ids <= {hit.id for hit in found.hits}, (lang, name)
            assert [facet, value] in found.named
            # Versions found by their words come first; those found by the tag alone follow.
            vias = [hit.via is not None for hit in found.hits]
            assert vias == sorted(vias)
    # `trafficking` in English finds the French and Spanish overviews tagged with it.
    found = index.search("trafficking", limit=None)
    assert {hit.lang for hit in found.hits} >= {"en", "fr", "es"}
    assert {hit.lang for hit in index.search("trafficking", limit=None, exact=True).hits} == {"en"}
    assert index.search("trafficking", {"lang": ["en"]}, limit=None).named == []


def test_invoke_search_says_which_versions_a_named_term_brought_and_exact_leaves_them(demo_site):
    wide = invoke_search(demo_site, "trafficking", "--limit", "50")
    exact = invoke_search(demo_site, "trafficking", "--limit", "50", "--exact")

    assert [r["via"] for r in wide if r["via"]] and all(r["via"] is None for r in exact)
    assert [r for r in wide if not r["via"]] == exact
    table = invoke_search(demo_site, "trafficking", as_json=False).stdout
    assert "The query names themes trafficking" in table
