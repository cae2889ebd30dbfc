import datetime
from pathlib import Path

import pytest
from publications.errors import ContentErrors
from publications.records import read_publication

from tests import pdfs

GOOD = """---
title: "Summary paper: sexual exploitation of children in travel and tourism"
slug: sectt-summary-paper
lang: en
date: 2023-05-10
type: summary-paper
themes: [travel-and-tourism]
regions: [global]
countries: [BO, pe]
pdf: sectt-en.pdf
authors: [Example Child Protection Network]
series: Summary papers
---
An *abstract*.
"""


@pytest.fixture
def pdf_root(tmp_path):
    root = tmp_path / "publications"
    pdfs.text_pdf(root / "sectt-en.pdf", ["Text"])
    return root


def read(tmp_path, pdf_root, vocabulary, text, name="paper.en.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_publication(path, name, vocabulary, pdf_root)


def errors_of(tmp_path, pdf_root, vocabulary, text, name="paper.en.md"):
    with pytest.raises(ContentErrors) as caught:
        read(tmp_path, pdf_root, vocabulary, text, name)
    return [str(error) for error in caught.value.errors]


def replace(field, line):
    """GOOD with the line of `field` replaced (or removed when line is None)."""
    lines = [line if text.startswith(f"{field}:") else text for text in GOOD.splitlines()]
    return "\n".join(text for text in lines if text is not None) + "\n"


def test_a_complete_record(tmp_path, pdf_root, vocabulary):
    record = read(tmp_path, pdf_root, vocabulary, GOOD)

    assert record.title.startswith("Summary paper: sexual")
    assert record.slug == "sectt-summary-paper"
    assert record.lang.key == "en"
    assert record.date.value == datetime.date(2023, 5, 10)
    assert record.date.precision == "day"
    assert record.type.key == "summary-paper"
    assert [t.key for t in record.themes] == ["travel-and-tourism"]
    assert [t.key for t in record.regions] == ["global"]
    assert [t.key for t in record.countries] == ["BO", "PE"]
    assert record.pdf_name == "sectt-en.pdf"
    assert record.authors == ["Example Child Protection Network"]
    assert record.abstract == "An *abstract*."
    assert record.extra == {"series": "Summary papers"}


def test_lists_may_be_comma_separated_and_norway_stays_a_country(tmp_path, pdf_root, vocabulary):
    text = replace("countries", "countries: NO, se").replace(
        "themes: [travel-and-tourism]", "themes: travel-and-tourism, prevention"
    )

    record = read(tmp_path, pdf_root, vocabulary, text)

    assert [t.key for t in record.countries] == ["NO", "SE"]
    assert [t.key for t in record.themes] == ["travel-and-tourism", "prevention"]


@pytest.mark.parametrize(
    ("written", "value", "precision"),
    [
        ("2023-05-10", datetime.date(2023, 5, 10), "day"),
        ("2023-05", datetime.date(2023, 5, 1), "month"),
        ("2023", datetime.date(2023, 1, 1), "year"),
        ('"2023"', datetime.date(2023, 1, 1), "year"),
    ],
)
def test_dates_keep_their_precision(tmp_path, pdf_root, vocabulary, written, value, precision):
    record = read(tmp_path, pdf_root, vocabulary, replace("date", f"date: {written}"))

    assert (record.date.value, record.date.precision) == (value, precision)


def test_slug_and_lang_come_from_the_file_name_when_absent(tmp_path, pdf_root, vocabulary):
    text = replace("slug", None).replace("lang: en\n", "")

    record = read(tmp_path, pdf_root, vocabulary, text, name="country-overview-peru.es.md")

    assert (record.slug, record.lang.key) == ("country-overview-peru", "es")


def test_pdf_may_sit_in_a_sub_folder(tmp_path, pdf_root, vocabulary):
    pdfs.text_pdf(pdf_root / "2023" / "paper.pdf", ["Text"])

    record = read(tmp_path, pdf_root, vocabulary, replace("pdf", "pdf: 2023/paper.pdf"))

    assert record.pdf_name == "2023/paper.pdf"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("title:", "paper.en.md:2: title: missing; add a line such as 'title:"),
        ("slug: Summary Paper", "paper.en.md:3: slug: 'Summary Paper' is not a valid slug"),
        ("lang: english", "paper.en.md:4: lang: 'english' is not known; valid: en, fr, es"),
        ("date: 10/05/2023", "paper.en.md:5: date: '10/05/2023' is not a date; write YYYY-MM-DD"),
        ("date: 2023-13-01", "paper.en.md:5: date: '2023-13-01' is not a date"),
        ("date: May 2023", "paper.en.md:5: date: 'May 2023' is not a date"),
        ("type: summary", "paper.en.md:6: type: 'summary' is not known; valid: summary-paper, "),
        (
            "themes: [tourism, online-exploitation]",
            "paper.en.md:7: themes: 'tourism' not known; valid: travel-and-tourism, ",
        ),
        ("regions: [latin-america]", "paper.en.md:8: regions: 'latin-america' not known; valid: "),
        (
            "countries: [Bolivia]",
            "paper.en.md:9: countries: 'Bolivia' is not an ISO 3166-1 alpha-2 "
            "country code; did you mean BO",
        ),
        (
            "countries: [XY]",
            "paper.en.md:9: countries: 'XY' is not an ISO 3166-1 alpha-2 country "
            "code; e.g. BO for Bolivia",
        ),
        ("pdf: ../secret.pdf", "paper.en.md:10: pdf: '../secret.pdf' points outside publications/"),
        ("pdf: /etc/passwd", "paper.en.md:10: pdf: '/etc/passwd' points outside publications/"),
        ("pdf: sectt-en.docx", "paper.en.md:10: pdf: 'sectt-en.docx' is not a .pdf file"),
        (
            "pdf: SECTT-en.PDF",
            "paper.en.md:10: pdf: 'SECTT-en.PDF' was not found in publications/; "
            "check the spelling (found sectt-en.pdf)",
        ),
    ],
)
def test_each_bad_field_names_file_line_field_value_and_what_is_valid(
    tmp_path, pdf_root, vocabulary, line, expected
):
    field = line.split(":")[0]

    errors = errors_of(tmp_path, pdf_root, vocabulary, replace(field, line))

    assert len(errors) == 1
    assert errors[0].startswith(expected), errors[0]


@pytest.mark.parametrize("field", ["title", "date", "type", "pdf"])
def test_required_fields(tmp_path, pdf_root, vocabulary, field):
    errors = errors_of(tmp_path, pdf_root, vocabulary, replace(field, None))

    assert errors == [errors[0]]
    assert f"{field}: missing; add a line such as '{field}: " in errors[0]


def test_lang_left_out_and_not_in_the_file_name_is_left_for_detection(
    tmp_path, pdf_root, vocabulary
):
    record = read(tmp_path, pdf_root, vocabulary, replace("lang", None), name="paper.md")

    assert record.lang is None
    assert "lang" not in record.declared


def test_declared_fields_are_known(tmp_path, pdf_root, vocabulary):
    record = read(tmp_path, pdf_root, vocabulary, replace("themes", None))

    assert "themes" not in record.declared
    assert {"countries", "regions", "lang"} <= record.declared


def test_every_error_of_a_file_is_reported_together(tmp_path, pdf_root, vocabulary):
    text = replace("type", "type: memo").replace("date: 2023-05-10", "date: someday")

    errors = errors_of(tmp_path, pdf_root, vocabulary, text)

    assert [e.split(" ")[0] for e in errors] == ["paper.en.md:5:", "paper.en.md:6:"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: x\n", "paper.en.md:1: the file must start with a '---' line"),
        ("", "paper.en.md:1: the file must start with a '---' line"),
        ("---\ntitle: x\n", "paper.en.md:1: the front matter is not closed"),
        (
            "---\ntitle: Summary: a paper\n---\n",
            "paper.en.md:2: YAML syntax error: mapping values are not allowed",
        ),
        ("---\njust a sentence\n---\n", "paper.en.md:2: expected 'field: value' lines"),
        (
            "---\ntitle: a\ntitle: b\n---\n",
            "paper.en.md:3: title: appears twice (lines 2 and 3); keep one",
        ),
    ],
)
def test_front_matter_shape_errors(tmp_path, pdf_root, vocabulary, text, expected):
    errors = errors_of(tmp_path, pdf_root, vocabulary, text)

    assert errors[0].startswith(expected), errors[0]


def test_a_byte_order_mark_is_tolerated(tmp_path, pdf_root, vocabulary):
    path = tmp_path / "paper.en.md"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())

    assert read_publication(path, "paper.en.md", vocabulary, pdf_root).slug == "sectt-summary-paper"


def test_a_symlink_out_of_publications_is_refused(tmp_path, pdf_root, vocabulary):
    outside = pdfs.text_pdf(tmp_path / "elsewhere" / "private.pdf", ["Private"])
    (pdf_root / "link.pdf").symlink_to(outside)

    errors = errors_of(tmp_path, pdf_root, vocabulary, replace("pdf", "pdf: link.pdf"))

    assert "points outside publications/" in errors[0]
    assert Path(outside).exists()


def test_an_unquoted_colon_gets_a_hint(tmp_path, pdf_root, vocabulary):
    errors = errors_of(tmp_path, pdf_root, vocabulary, "---\ntitle: Summary: a paper\n---\n")

    assert errors[0].endswith(
        '(a value that contains ": " must be in quotes, e.g. title: "Summary: ...")'
    )
