"""Each inference rule alone: language, country mentions, regions, themes."""

from collections import Counter

import pytest
from taxonomy import Inference, country_names
from taxonomy.inference import (
    CountryNames,
    countries_about,
    detect_language,
    regions_of,
    themes_from,
)

LANGUAGES = ("en", "fr", "es", "de", "pt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The helpline takes reports of online grooming from children and parents.", "en"),
        ("La ligne d'écoute reçoit les signalements des enfants et de leurs parents.", "fr"),
        ("La línea de ayuda recibe denuncias de niñas, niños y adolescentes cada día.", "es"),
        ("Die Beratungsstelle nimmt Meldungen von Kindern und ihren Eltern entgegen.", "de"),
        ("A linha de apoio recebe denúncias de crianças e dos seus pais todos os dias.", "pt"),
    ],
)
def test_language_of_a_short_text(text, expected):
    assert detect_language(text, LANGUAGES)[0] == expected


def test_language_of_a_long_text_is_certain():
    text = "Les enfants victimes de la traite doivent être protégés et accompagnés. " * 400

    lang, probability = detect_language(text, LANGUAGES)

    assert lang == "fr" and probability > 0.99


def test_no_language_without_text():
    assert detect_language("  12  ", LANGUAGES) == (None, 0.0)


@pytest.fixture(scope="module")
def names(vocabulary):
    return CountryNames(country_names(vocabulary))


def test_country_names_in_several_languages_and_with_or_without_accents(names):
    text = "Perú and Peru; México, Mexico; le Bénin; Viet Nam and Vietnam; the Lao PDR."

    assert names.count(text) == Counter({"PE": 2, "MX": 2, "BJ": 1, "VN": 2, "LA": 1})


def test_the_longest_name_wins_and_words_are_whole(names):
    text = "Guinea-Bissau, Papua New Guinea, Nigeria and Niger; Indian laws; Dominica"

    assert names.count(text) == Counter({"GW": 1, "PG": 1, "NG": 1, "NE": 1, "DM": 1})


def test_common_words_in_lower_case_are_not_countries(names):
    assert names.count("a turkey for chad, and a guinea pig") == Counter()


def test_a_country_overview_tags_its_country_and_not_a_passing_mention():
    mentions = Counter({"BO": 14, "PE": 1, "CL": 2})

    assert countries_about(mentions) == ["BO"]


def test_a_footnote_alone_does_not_tag():
    assert countries_about(Counter({"LU": 2})) == []


def test_several_countries_named_throughout_are_all_tagged():
    mentions = Counter({"TH": 8, "KH": 7, "VN": 6, "MM": 6, "LA": 5, "CN": 1})

    assert countries_about(mentions) == ["TH", "KH", "VN", "MM", "LA"]


def test_a_country_named_much_less_than_the_main_one_is_not_tagged():
    assert countries_about(Counter({"NP": 30, "IN": 4})) == ["NP"]


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        ({"NP": 15, "IN": 3}, ["NP", "IN"]),  # three mentions, a fifth of the most named
        ({"NP": 15, "IN": 2}, ["NP"]),  # two mentions
        ({"NP": 16, "IN": 3}, ["NP"]),  # less than a fifth
        ({"IN": 3}, ["IN"]),
        ({"IN": 2}, []),
    ],
)
def test_the_country_thresholds_at_their_boundaries(mentions, expected):
    assert countries_about(Counter(mentions)) == expected


@pytest.fixture(scope="module")
def regions(vocabulary):
    return {key: term.data for key, term in vocabulary.regions.items()}


@pytest.mark.parametrize(
    ("countries", "expected"),
    [
        (["NP"], ["south-asia"]),
        (["TH", "KH"], ["southeast-asia"]),
        (["BO", "KE"], ["americas", "africa"]),
        (["MA"], ["africa", "middle-east-and-north-africa"]),
        ([], ["global"]),
    ],
)
def test_regions_are_the_most_specific_ones_of_the_countries(regions, countries, expected):
    assert regions_of(countries, regions) == expected


@pytest.fixture(scope="module")
def keywords(vocabulary):
    return Inference(vocabulary).theme_keywords


def test_theme_keywords_count_in_several_languages_and_phrases(keywords):
    scores = keywords.scores("La traite des enfants. La trata de niñas. Child trafficking. " * 10)

    assert set(scores) == {"trafficking"}


def test_themes_need_enough_keywords_per_thousand_words():
    assert themes_from({"trafficking": 12.0, "prevention": 4.0, "online-exploitation": 1.0}) == [
        "trafficking",
        "prevention",
    ]


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ({"trafficking": 1.5}, ["trafficking"]),  # 1.5 per 1,000 words
        ({"trafficking": 1.49}, []),
        ({"trafficking": 8.0, "prevention": 2.0}, ["trafficking", "prevention"]),  # a quarter
        ({"trafficking": 8.0, "prevention": 1.99}, ["trafficking"]),
    ],
)
def test_the_theme_thresholds_at_their_boundaries(scores, expected):
    assert themes_from(scores) == expected


def test_a_weak_theme_next_to_a_strong_one_is_not_suggested():
    assert themes_from({"online-exploitation": 40.0, "legal-frameworks": 5.0}) == [
        "online-exploitation"
    ]


def test_old_terms_still_suggest_the_current_theme(keywords):
    scores = keywords.scores("The 1998 law on child pornography and child prostitution. " * 5)

    assert {"online-exploitation", "prostitution"} <= set(scores)


def test_suggestions_are_kept_between_builds_and_renewed_with_the_vocabulary(
    vocabulary, tmp_path, monkeypatch
):
    text = "Nepal and trafficking. " * 50
    calls = []
    real_suggest = Inference.suggest

    def counting(self, *args):
        calls.append(args)
        return real_suggest(self, *args)

    monkeypatch.setattr(Inference, "suggest", counting)
    first = Inference(vocabulary, cache_folder=tmp_path).cached_suggest(text, False)
    again = Inference(vocabulary, cache_folder=tmp_path).cached_suggest(text, False)
    vocabulary.themes["trafficking"].data["keywords"]["en"].append("smugglers")
    try:
        Inference(vocabulary, cache_folder=tmp_path).cached_suggest(text, False)
    finally:
        vocabulary.themes["trafficking"].data["keywords"]["en"].remove("smugglers")

    assert again == first
    assert first["countries"] == ["NP"] and first["themes"] == ["trafficking"]
    assert len(calls) == 2


def test_an_edited_or_damaged_suggestion_entry_is_inferred_again(vocabulary, tmp_path):
    text = "Nepal and trafficking. " * 50
    Inference(vocabulary, cache_folder=tmp_path).cached_suggest(text, False)
    (entry,) = tmp_path.rglob("??/*.json")
    for damaged in (
        entry.read_text().replace('"NP"', '"XX"'),  # a country the vocabulary does not have
        '{"countries": ["XX"]}',
        "[1",
    ):
        entry.write_text(damaged)

        found = Inference(vocabulary, cache_folder=tmp_path).cached_suggest(text, False)

        assert found["countries"] == ["NP"]
