"""Builds the demo library and checks every page, link and listing a reader can reach."""

from pathlib import Path

import pytest
import yaml

from pelicanconf import PAGINATED_TEMPLATES
from tests.conftest import ROOT
from tests.html_pages import Page
from tests.projects import add, build, make_project


def demo_records():
    records = []
    for path in sorted((ROOT / "content" / "publications").rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        meta["page"] = f"publications/{meta['slug']}-{meta['lang']}.html"
        records.append(meta)
    return records


RECORDS = demo_records()


def newest_first(records):
    return sorted(records, key=lambda r: (str(r["date"]), r["title"]), reverse=True)


def shown(records, ui_lang="en"):
    """One entry per publication among `records`: its version in `ui_lang`, else the one
    published first (on one date, the English one), newest first."""
    slugs = {r["slug"] for r in records}
    entries = []
    for slug in slugs:
        versions = [r for r in RECORDS if r["slug"] == slug]
        in_ui = [r for r in versions if r["lang"] == ui_lang]
        first = min(versions, key=lambda r: (str(r["date"]), r["lang"] != "en", r["lang"]))
        entries.append(in_ui[0] if in_ui else first)
    return newest_first(entries)


def test_the_demo_library_is_big_enough_and_multilingual():
    slugs = {r["slug"] for r in RECORDS}
    languages = {r["lang"] for r in RECORDS}
    multilingual = [s for s in slugs if sum(r["slug"] == s for r in RECORDS) >= 2]
    regions = {region for r in RECORDS for region in r["regions"]}

    assert len(slugs) >= 15
    assert {"en", "fr", "es"} <= languages
    assert len(multilingual) >= 3
    assert len(regions - {"global"}) >= 3


@pytest.mark.parametrize("record", RECORDS, ids=[r["page"] for r in RECORDS])
def test_each_language_version_has_its_page(demo_site, record):
    page = Page(demo_site / record["page"])

    title = page.find("h1")
    assert title.text == record["title"]
    assert title.attrs["lang"] == record["lang"]
    assert page.find("html").attrs["lang"] == "en"
    assert "Download the PDF" in page.source
    assert "Example Child Protection Network" in page.source


@pytest.mark.parametrize("record", RECORDS, ids=[r["page"] for r in RECORDS])
def test_each_pdf_link_gives_the_editors_pdf(demo_site, record):
    page = Page(demo_site / record["page"])

    link = page.find("a", class_="button")
    pdf = page.resolve(link.attrs["href"])

    assert pdf.read_bytes() == (ROOT / "publications" / record["pdf"]).read_bytes()
    facts = page.find("span", class_="download-facts").text
    assert " pages, " in facts and facts.endswith("kB")


@pytest.mark.parametrize("record", RECORDS, ids=[r["page"] for r in RECORDS])
def test_each_page_links_to_the_other_language_versions(demo_site, record):
    page = Page(demo_site / record["page"])
    others = {
        r["lang"]: r["page"]
        for r in RECORDS
        if r["slug"] == record["slug"] and r["lang"] != record["lang"]
    }

    links = {
        a.attrs["hreflang"]: page.resolve(a.attrs["href"]) for a in page.find_all(class_="version")
    }
    alternates = {
        link.attrs["hreflang"]: page.resolve(link.attrs["href"])
        for link in page.find_all("link", rel="alternate")
        if "hreflang" in link.attrs
    }

    assert links == {lang: (demo_site / target).resolve() for lang, target in others.items()}
    # Search engines are sent to each version in the site of its own language.
    subsite = {"en": "", "fr": "fr/", "es": "es/"}
    assert alternates == {
        lang: (demo_site / f"{subsite.get(lang, '')}{target}").resolve()
        for lang, target in others.items()
    }


def listed_across_pages(first: Page) -> tuple[list[Page], list[Path]]:
    """The pages of a listing, from its first by the Next links, and the pages they list."""
    pages = [first]
    while next_links := pages[-1].find_all("a", rel="next"):
        pages.append(Page(pages[-1].resolve(next_links[0].attrs["href"])))
    listed = [
        page.resolve(a.attrs["href"])
        for page in pages
        for h2 in page.find_all("h2", class_="publication-title")
        for a in page.find_all("a")
        if a.text == h2.text
    ]
    return pages, listed


def test_the_listing_shows_each_publication_once_newest_first(demo_site):
    _, listed = listed_across_pages(Page(demo_site / "publications" / "index.html"))
    expected = shown(RECORDS)

    assert [p.relative_to(demo_site.resolve()).as_posix() for p in listed] == [
        r["page"] for r in expected
    ]


def test_a_long_listing_goes_on_over_pages_of_24(tmp_path):
    project = make_project(tmp_path)
    for n in range(30):
        add(project, f"paper-{n:02}", title=f"Paper {n:02}", date=f"2024-01-{n + 1:02}")
    output = build(project)

    pages, listed = listed_across_pages(Page(output / "publications" / "index.html"))

    assert len(pages) == 2
    assert [p.name for p in listed] == [f"paper-{n:02}-en.html" for n in reversed(range(30))]
    assert "Page 2 of 2" in pages[1].source


def test_the_home_page_shows_the_newest_and_the_ways_in(demo_site):
    home = Page(demo_site / "index.html")
    newest = shown(RECORDS)[:6]

    titles = [h3.text for h3 in home.find_all("h3", class_="publication-title")]
    assert titles == [r["title"] for r in newest]
    slugs = {r["slug"] for r in RECORDS}
    assert f"{len(slugs)} publications in {len(RECORDS)} language versions." in home.source
    for facet in ("types", "themes", "regions", "languages"):
        assert any(a.attrs.get("href", "").startswith(f"./{facet}/") for a in home.find_all("a"))


def terms_of(record, facet):
    value = {
        "types": record["type"],
        "themes": record["themes"],
        "regions": record["regions"]
        + (["asia"] if {"south-asia", "southeast-asia"} & set(record["regions"]) else []),
        "countries": record["countries"],
        "languages": record["lang"],
        "years": str(record["date"])[:4],
    }[facet]
    return value if isinstance(value, list) else [value]


FACETS = ["types", "themes", "regions", "countries", "languages", "years"]


@pytest.mark.parametrize("facet", FACETS)
def test_each_facet_index_lists_its_terms_with_counts_and_pages(demo_site, facet):
    index = Page(demo_site / facet / "index.html")
    # Publications, except on the languages' pages, which list language versions.
    members = {}
    for record in RECORDS:
        for key in terms_of(record, facet):
            members.setdefault(key, set()).add(record["page" if facet == "languages" else "slug"])
    counts = {key: len(found) for key, found in members.items()}

    linked = {
        Path(a.attrs["href"]).stem: a.attrs["href"]
        for a in index.find_all("a")
        if a.attrs.get("href", "").startswith(f"../{facet}/")
        and not a.attrs["href"].endswith("/index.html")
    }
    shown_counts = [int(span.text) for span in index.find_all("span", class_="count")]

    assert set(linked) == set(counts)
    assert sorted(c for c in shown_counts if c) == sorted(counts.values())
    for key, count in counts.items():
        summary = Page(index.resolve(linked[key])).find("p", class_="listing-summary").text
        noun = "publication" if count == 1 else "publications"
        if facet == "languages":
            noun = "language version" if count == 1 else "language versions"
        assert summary.startswith(f"{count} {noun}"), (key, summary)


@pytest.mark.parametrize("facet", FACETS)
def test_term_pages_list_their_publications_newest_first(demo_site, facet):
    keys = {key for record in RECORDS for key in terms_of(record, facet)}
    for key in keys:
        members = [r for r in RECORDS if key in terms_of(r, facet)]
        expected = newest_first(members) if facet == "languages" else shown(members)
        if facet == "countries":  # a country's overviews come first
            expected.sort(key=lambda r: r["type"] != "country-overview")
        term = Page(demo_site / facet / f"{key}.html")
        listed = [h2.text for h2 in term.find_all("h2", class_="publication-title")]
        assert listed == [r["title"] for r in expected[: PAGINATED_TEMPLATES["term"]]], key


def test_a_region_page_includes_its_sub_regions(demo_site):
    asia = Page(demo_site / "regions" / "asia.html")

    titles = {h2.text for h2 in asia.find_all("h2", class_="publication-title")}

    assert "Nepal: country overview on the sexual exploitation of children" in titles
    assert "Submission to the Universal Periodic Review: Thailand" in titles


def test_a_country_page_puts_its_overviews_first(demo_site):
    bolivia = Page(demo_site / "countries" / "BO.html")

    titles = [h2.text for h2 in bolivia.find_all("h2", class_="publication-title")]

    assert bolivia.find("h1").text == "Bolivia"
    assert titles[0].startswith(("Bolivia: country overview", "Bolivia: panorama"))
    assert titles[-1].startswith("Práctica prometedora")
