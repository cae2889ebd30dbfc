"""Related publications: the ranking on small hand-made libraries, its cache, and the demo
library's pages."""

import json
import random
from pathlib import Path
from types import SimpleNamespace

import pytest
import related
from related import cache, related_slugs

from tests.conftest import ROOT
from tests.html_pages import Page

MARRIAGE = "Child marriage, dowry and early unions: brides in rural villages. " * 20
MARRIAGE_TOO = "Early unions of girls: dowry customs and child marriage in villages. " * 20
TOURISM = "Hotels, travel agencies and tour operators train their staff. " * 20


def record(slug, lang="en", countries=(), themes=(), text=""):
    """One language version, with what the ranking reads of it."""
    return SimpleNamespace(
        slug=slug,
        lang=SimpleNamespace(key=lang),
        countries=[SimpleNamespace(key=code) for code in countries],
        themes=[SimpleNamespace(key=key) for key in themes],
        title="",
        abstract="",
        pdf=SimpleNamespace(pages=[text]),
        suggestions={"themes": list(themes)},
        related=[],
    )


def test_shared_tags_come_first_and_more_shared_first():
    records = [
        record("a", themes=["trafficking", "prevention"], text=MARRIAGE),
        record("one-theme", themes=["trafficking"]),
        record("two-themes", themes=["trafficking", "prevention"]),
        record("only-text", text=MARRIAGE_TOO),
    ]

    assert related_slugs(records)["a"] == ["two-themes", "one-theme", "only-text"]


def test_among_equal_counts_a_shared_country_comes_before_a_shared_theme():
    records = [
        record("nepal-overview", countries=["NP"], themes=["trafficking", "prevention"]),
        record("nepal-consultation", countries=["NP"], themes=["online-exploitation"]),
        record("prevention-guide", themes=["prevention"]),
        record("mekong-factsheet", countries=["TH"], themes=["trafficking"]),
    ]

    assert related_slugs(records)["nepal-overview"] == [
        "nepal-consultation",
        "mekong-factsheet",
        "prevention-guide",
    ]


def test_among_equal_tags_the_text_most_alike_comes_first():
    records = [
        record("a", themes=["child-marriage"], text=MARRIAGE),
        record("b-unlike", themes=["child-marriage"], text=TOURISM),
        record("c-alike", themes=["child-marriage"], text=MARRIAGE_TOO),
    ]

    assert related_slugs(records)["a"] == ["c-alike", "b-unlike"]


def test_versions_in_other_languages_meet_only_through_tags():
    # The same words (a name, a number) in two languages: no text similarity across them.
    records = [
        record("en-paper", "en", text="Kathmandu 2024 " * 30),
        record("fr-paper", "fr", text="Kathmandu 2024 " * 30),
        record("en-other", "en", text="Kathmandu 2024 " * 30),
    ]

    found = related_slugs(records)

    assert found["en-paper"] == ["en-other"]
    assert found["fr-paper"] == []


def test_never_itself_nor_another_version_of_itself():
    records = [
        record("a", "en", themes=["trafficking"], text=MARRIAGE),
        record("a", "fr", themes=["trafficking"], text=MARRIAGE),
        record("a", "es", themes=["trafficking"], text=MARRIAGE),
        record("b", "en", themes=["trafficking"], text=MARRIAGE_TOO),
        record("b", "fr", themes=["trafficking"], text=MARRIAGE_TOO),
    ]

    found = related_slugs(records)

    assert found == {"a": ["b"], "b": ["a"]}


def test_at_most_five_and_nothing_unrelated():
    records = [record(f"p{n}", themes=["trafficking"]) for n in range(8)]
    records.append(record("alone", themes=["child-marriage"], text=TOURISM))

    found = related_slugs(records)

    assert all(len(found[f"p{n}"]) == 5 for n in range(8))
    assert found["alone"] == []
    assert "alone" not in {slug for others in found.values() for slug in others}


def test_ties_fall_by_slug_whatever_the_order_of_the_records():
    records = [record(slug, themes=["prevention"]) for slug in "fbdagec"]
    expected = {slug: sorted(set("abcdefg") - {slug})[:5] for slug in "abcdefg"}

    for seed in range(5):
        random.Random(seed).shuffle(records)
        assert related_slugs(records) == expected


def generator(folder: Path, plugins=("related",)):
    return SimpleNamespace(settings={"RELATED_CACHE_PATH": str(folder), "PLUGINS": list(plugins)})


def library():
    return [
        record("a", "en", themes=["trafficking"], text=MARRIAGE),
        record("a", "fr", themes=["trafficking"], text=MARRIAGE),
        record("b", "es", themes=["trafficking"], text=TOURISM),
        record("c", "en", themes=["prevention"], text=MARRIAGE_TOO),
    ]


def test_every_version_gets_one_version_of_each_related_publication(tmp_path):
    records = library()

    related.attach_related(generator(tmp_path), records)

    a_en, a_fr, b_es, c_en = records
    assert a_en.related == a_fr.related == [b_es, c_en]
    assert [other.slug for other in b_es.related] == ["a"]


def test_the_answer_is_kept_and_used_while_the_inputs_are_unchanged(tmp_path, capsys):
    related.attach_related(generator(tmp_path), library())
    assert "worked out" in capsys.readouterr().out

    records = library()
    related.attach_related(generator(tmp_path), records)

    assert "taken from the cache" in capsys.readouterr().out
    assert [other.slug for other in records[0].related] == ["b", "c"]
    changed = library()
    changed[3].pdf.pages = [TOURISM]
    related.attach_related(generator(tmp_path), changed)
    assert "worked out" in capsys.readouterr().out


def test_a_damaged_answer_is_worked_out_again(tmp_path, capsys):
    related.attach_related(generator(tmp_path), library())
    path = tmp_path / "related.json"
    path.write_text(path.read_text().replace('"b"', '"c"'))
    capsys.readouterr()

    records = library()
    related.attach_related(generator(tmp_path), records)

    assert "worked out" in capsys.readouterr().out
    assert [other.slug for other in records[0].related] == ["b", "c"]


@pytest.mark.parametrize(
    "others",
    [["unknown"], ["a"], ["b", "b"], ["b", "c"] * 3],
    ids=["an unknown publication", "itself", "one twice", "more than five"],
)
def test_an_answer_of_another_shape_is_worked_out_again(tmp_path, capsys, others):
    related.attach_related(generator(tmp_path), library())
    path = tmp_path / "related.json"
    entry = json.loads(path.read_text())
    cache.write(path, entry["key"], dict(entry["related"], a=others))  # a right checksum
    capsys.readouterr()

    records = library()
    related.attach_related(generator(tmp_path), records)

    assert "worked out" in capsys.readouterr().out
    assert [other.slug for other in records[0].related] == ["b", "c"]


def test_the_build_stops_when_the_taxonomy_has_not_answered_first(tmp_path):
    records = library()
    for one in records:
        one.suggestions = {}

    with pytest.raises(SystemExit):
        related.attach_related(generator(tmp_path, ["taxonomy", "related"]), records)


# The demo library: publications and the ones expected among their related publications.
EXPECTED = {
    # A country overview: other papers on its country or region, then like overviews.
    "country-overview-nepal": ["south-asia-consultation-outcome", "country-overview-bolivia"],
    "south-asia-consultation-outcome": ["country-overview-nepal"],
    "country-overview-bolivia": [
        "tourism-staff-training-bolivia",
        "country-overview-peru",
        "access-to-justice-latin-america",
    ],
    "country-overview-peru": ["country-overview-bolivia"],
    "country-overview-senegal": ["country-overview-nepal", "country-overview-bolivia"],
    "tourism-staff-training-bolivia": ["country-overview-bolivia", "sectt-summary-paper"],
    "sectt-summary-paper": ["tourism-staff-training-bolivia"],
    # Online exploitation and grooming laws.
    "online-exploitation-summary-paper": [
        "joint-statement-online-grooming",
        "country-overview-philippines",
    ],
    "joint-statement-online-grooming": [
        "online-exploitation-summary-paper",
        "upr-submission-thailand",
    ],
    "country-overview-philippines": [
        "upr-submission-thailand",
        "online-exploitation-summary-paper",
    ],
    # Thailand and the Mekong.
    "mekong-trafficking-factsheet": ["upr-submission-thailand"],
    "upr-submission-thailand": ["mekong-trafficking-factsheet"],
    # Child participation and prevention.
    "guidelines-reporting-on-exploitation": [
        "child-advisory-board-benin",
        "south-asia-consultation-outcome",
    ],
    "child-advisory-board-benin": ["guidelines-reporting-on-exploitation"],
    # The one child-marriage paper: its West African neighbours, by their (French) text.
    "child-marriage-west-africa-research": [
        "country-overview-senegal",
        "child-advisory-board-benin",
    ],
}
PAGE_SLUG = "publications/{slug}-{lang}.html"


def demo_versions() -> dict[str, list[str]]:
    """{slug: its languages}, from the demo's record file names."""
    versions = {}
    for path in sorted((ROOT / "content" / "publications").rglob("*.md")):
        slug, lang = path.name.split(".")[:2]
        versions.setdefault(slug, []).append(lang)
    return versions


VERSIONS = demo_versions()
PAGES = [(slug, lang) for slug, langs in VERSIONS.items() for lang in langs]
SUBSITES = {"en": "", "fr": "fr/", "es": "es/"}


def related_links(site: Path, subsite: str, slug: str, lang: str) -> list[tuple[str, str, str]]:
    """(slug, lang, the title's lang) of each related publication listed on a page."""
    page = Page(site / subsite / PAGE_SLUG.format(slug=slug, lang=lang))
    section = next((s for s in page.find_all("section", class_="related")), None)
    if section is None:
        return []
    found = []
    for link in section.find_all("a", class_="related-title"):
        name = page.resolve(link.attrs["href"]).stem
        other, _, version = name.rpartition("-")
        found.append((other, version, link.attrs["lang"]))
    return found


def test_the_expected_table_names_real_publications():
    for slug, expected in EXPECTED.items():
        assert {slug, *expected} <= set(VERSIONS)
    assert len(EXPECTED) >= 8


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_the_expected_neighbours_are_among_the_related_publications(demo_site, slug):
    for lang in VERSIONS[slug]:
        listed = [other for other, _, _ in related_links(demo_site, "", slug, lang)]
        assert set(EXPECTED[slug]) <= set(listed), (lang, listed)


@pytest.mark.parametrize("ui_lang", sorted(SUBSITES))
def test_no_page_lists_its_own_versions_and_each_is_the_version_its_reader_is_shown(
    demo_site, ui_lang
):
    for slug, lang in PAGES:
        listed = related_links(demo_site, SUBSITES[ui_lang], slug, lang)
        slugs = [other for other, _, _ in listed]

        assert 1 <= len(listed) <= 5
        assert slug not in slugs
        assert len(set(slugs)) == len(slugs)
        for other, version, title_lang in listed:
            # The version in the reader's language where there is one.
            assert version == title_lang
            assert (version == ui_lang) == (ui_lang in VERSIONS[other]), (slug, other)


def test_every_version_of_a_publication_lists_the_same_related_publications(demo_site):
    for slug, langs in VERSIONS.items():
        lists = {
            lang: [other for other, _, _ in related_links(demo_site, "", slug, lang)]
            for lang in langs
        }
        assert len({tuple(found) for found in lists.values()}) == 1, lists
