"""One entry per publication: which version a reader is shown, and in what order."""

import datetime
from types import SimpleNamespace

from publications.facets import by_label
from publications.grouping import one_per_publication, original, shown_version


def version(slug, lang, date, title=None):
    return SimpleNamespace(
        slug=slug,
        lang=SimpleNamespace(key=lang),
        date=SimpleNamespace(value=datetime.date.fromisoformat(date)),
        title=title or f"{slug} ({lang})",
    )


def publication(*versions):
    for record in versions:
        record.versions = list(versions)
    return list(versions)


def test_the_original_is_published_first_and_on_one_date_in_the_default_language():
    versions = publication(
        version("a", "fr", "2023-03-01"),
        version("a", "en", "2023-04-01"),
        version("a", "es", "2023-01-10"),
    )
    assert original(versions, "en").lang.key == "es"
    same_day = publication(version("b", "es", "2024-05-05"), version("b", "en", "2024-05-05"))
    assert original(same_day, "en").lang.key == "en"


def test_a_reader_is_shown_the_version_in_their_language_else_the_original():
    en, fr = publication(version("a", "en", "2023-01-01"), version("a", "fr", "2023-02-01"))

    assert shown_version(fr, "fr", "en") is fr
    assert shown_version(fr, "en", "en") is en
    assert shown_version(fr, "es", "en") is en


def test_each_publication_is_listed_once_newest_first():
    a_en, a_fr = publication(version("a", "en", "2020-01-01"), version("a", "fr", "2024-01-01"))
    (b_es,) = publication(version("b", "es", "2022-06-01"))

    assert one_per_publication([a_fr, b_es, a_en], "fr", "en") == [a_fr, b_es]
    # In English the 2020 version is shown, and it is older than b.
    assert one_per_publication([a_fr, b_es, a_en], "en", "en") == [b_es, a_en]
    # A publication is listed when any of its versions is, as the reader's version.
    assert one_per_publication([a_en], "fr", "en") == [a_fr]


def test_labels_sort_with_accented_letters_among_their_plain_ones():
    labels = ["Zambie", "Éthiopie", "Espagne", "Burkina Faso", "Bénin", "allemand", "Arabe"]

    assert sorted(labels, key=by_label) == [
        "allemand",
        "Arabe",
        "Bénin",
        "Burkina Faso",
        "Espagne",
        "Éthiopie",
        "Zambie",
    ]
