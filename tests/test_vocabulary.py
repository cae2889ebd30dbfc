import shutil

import pytest
from publications.errors import ContentErrors
from publications.vocabulary import load_vocabulary

from tests.conftest import ROOT, UI_LANGUAGES

REQUIRED = {
    "types": [
        "summary-paper",
        "country-overview",
        "promising-practice",
        "research-report",
        "working-paper",
        "policy-brief",
        "submission",
        "joint-statement",
        "outcome-document",
        "guidelines",
        "factsheet",
        "brochure",
    ],
    "themes": [
        "travel-and-tourism",
        "online-exploitation",
        "trafficking",
        "prostitution",
        "child-marriage",
        "legal-frameworks",
        "access-to-justice",
        "prevention",
        "child-participation",
    ],
    "regions": [
        "global",
        "africa",
        "americas",
        "asia",
        "east-asia",
        "south-asia",
        "southeast-asia",
        "central-asia",
        "europe",
        "middle-east-and-north-africa",
        "pacific",
    ],
}


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "vocabulary"
    shutil.copytree(ROOT / "content" / "vocabulary", target)
    return target


def errors_of(folder):
    with pytest.raises(ContentErrors) as caught:
        load_vocabulary(folder, UI_LANGUAGES)
    return [str(error) for error in caught.value.errors]


@pytest.mark.parametrize("facet", REQUIRED)
def test_the_shipped_vocabularies_have_the_required_keys_and_labels(vocabulary, facet):
    terms = getattr(vocabulary, facet)
    assert set(REQUIRED[facet]) <= set(terms)
    for term in terms.values():
        assert all(term.labels.get(lang) for lang in UI_LANGUAGES), term.key


def test_regions_nest_and_list_their_countries(vocabulary):
    assert vocabulary.regions["south-asia"].data["parent"] == "asia"
    assert "NP" in vocabulary.regions["south-asia"].data["countries"]
    assert "NO" in vocabulary.regions["europe"].data["countries"]


def test_countries_are_named_in_each_ui_language(vocabulary):
    assert vocabulary.countries["BO"].labels == {"en": "Bolivia", "fr": "Bolivie", "es": "Bolivia"}
    assert vocabulary.countries["NL"].label("fr") == "Pays-Bas"


def test_languages_know_their_own_name_and_direction(vocabulary):
    assert vocabulary.languages["fr"].name == "Français"
    assert vocabulary.languages["ar"].direction == "rtl"
    assert vocabulary.languages["en"].direction == "ltr"


def test_a_missing_english_label_is_an_error(folder):
    path = folder / "types.yml"
    path.write_text(path.read_text().replace("en: Summary paper, ", ""))

    assert errors_of(folder) == [
        f"{path}:2: summary-paper: label missing for en, shown where a language has none"
    ]


def test_labels_missing_in_a_ui_language_fall_back_to_english(folder):
    path = folder / "types.yml"
    path.write_text(path.read_text().replace("fr: Note de synthèse, ", ""))

    vocabulary = load_vocabulary(folder, ["en", "fr", "es", "de"])

    assert vocabulary.types["summary-paper"].label("fr") == "Summary paper"
    assert f"{path}: no 'fr' label for summary-paper; the English one is shown" in (
        vocabulary.warnings
    )
    assert any(f"{path}: no 'de' label for summary-paper, " in w for w in vocabulary.warnings)


def test_a_term_without_labels_is_reported(folder):
    path = folder / "themes.yml"
    path.write_text(path.read_text() + "new-theme: Something\n")

    assert errors_of(folder) == [
        f"{path}:{len(path.read_text().splitlines())}: new-theme: needs a 'label:' mapping "
        "of UI language to text"
    ]


def test_a_region_with_an_unknown_country_is_reported(folder):
    path = folder / "regions.yml"
    path.write_text(path.read_text().replace("[BN, ID,", "[BN, XX, ID,"))

    assert errors_of(folder) == [
        f"{path}:26: southeast-asia: unknown country code(s) XX; use ISO 3166-1 alpha-2 codes "
        "such as BO, FR, TH"
    ]


def test_a_region_with_an_unknown_parent_is_reported(folder):
    path = folder / "regions.yml"
    path.write_text(
        path.read_text().replace("parent: asia\n  countries: [KG", "parent: asie\n  countries: [KG")
    )

    assert errors_of(folder) == [
        f"{path}:30: central-asia: parent 'asie' is not a region; valid: global, africa, americas, "
        "asia, east-asia, south-asia, southeast-asia, central-asia, europe, "
        "middle-east-and-north-africa, pacific"
    ]


def test_a_missing_file_and_a_syntax_error_are_reported_together(folder):
    (folder / "types.yml").unlink()
    (folder / "themes.yml").write_text("prevention: [unclosed\n")

    errors = errors_of(folder)

    assert errors[0] == f"{folder / 'types.yml'}: vocabulary file is missing"
    assert errors[1].startswith(f"{folder / 'themes.yml'}:2: YAML syntax error")


def test_other_country_names_are_read(vocabulary):
    assert "Lao PDR" in vocabulary.country_aliases["LA"]


def test_other_names_of_an_unknown_country_are_reported(folder):
    path = folder / "countries.yml"
    path.write_text("XY: [Nowhere]\nBO: Bolivie\n")

    assert errors_of(folder) == [
        f"{path}:1: XY: 'XY' is not an ISO 3166-1 alpha-2 country code",
        f"{path}:2: BO: needs a list of names, e.g. [Viet Nam, Vietnam]",
    ]
