import datetime
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from publications.errors import ContentErrors
from publications.records import KNOWN_FIELDS, SLUG, read_publication

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
    "written", ["../publications/sectt-en.pdf", "./2023/../sectt-en.pdf", "2023//../sectt-en.pdf"]
)
def test_the_pdf_path_is_resolved_once_and_kept_resolved(tmp_path, pdf_root, vocabulary, written):
    record = read(tmp_path, pdf_root, vocabulary, replace("pdf", f"pdf: {written}"))

    assert record.pdf_name == "sectt-en.pdf"


def test_a_link_out_of_publications_is_outside(tmp_path, pdf_root, vocabulary):
    pdfs.text_pdf(tmp_path / "private" / "secret.pdf", ["Text"])
    (pdf_root / "linked.pdf").symlink_to(tmp_path / "private" / "secret.pdf")

    errors = errors_of(tmp_path, pdf_root, vocabulary, replace("pdf", "pdf: linked.pdf"))

    assert errors == [
        "paper.en.md:10: pdf: 'linked.pdf' points outside publications/; give a path inside "
        "it, e.g. reports/sectt-summary-paper-en.pdf"
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "Bad Name ü.en.md",
            "'Bad Name ü', which is not valid; use lower-case letters, digits "
            "and single hyphens: rename the file (e.g. bad-name-u.en.md) or add a line "
            "'slug: bad-name-u'",
        ),
        (".en.md", "the file name gives the slug '', which is not valid"),
        ("double--hyphen.en.md", "the file name gives the slug 'double--hyphen'"),
    ],
)
def test_a_slug_from_the_file_name_follows_the_slug_rule(
    tmp_path, pdf_root, vocabulary, name, expected
):
    errors = errors_of(tmp_path, pdf_root, vocabulary, replace("slug", None), name=name)

    assert len(errors) == 1 and f"{name}:2: slug: " in errors[0] and expected in errors[0]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("title:", "paper.en.md:2: title: missing; add a line such as 'title:"),
        ("slug: Summary Paper", "paper.en.md:3: slug: 'Summary Paper' is not a valid slug"),
        (
            "lang: english",
            "paper.en.md:4: lang: 'english' is not known (did you mean en?); valid: en, fr, es",
        ),
        ("lang: Français", "paper.en.md:4: lang: 'Français' is not known (did you mean fr?); "),
        ("date: 10/05/2023", "paper.en.md:5: date: '10/05/2023' is not a date; write YYYY-MM-DD"),
        ("date: 2023-13-01", "paper.en.md:5: date: '2023-13-01' is not a date"),
        ("date: May 2023", "paper.en.md:5: date: 'May 2023' is not a date"),
        ("date: 2023-05-10x", "paper.en.md:5: date: '2023-05-10x' is not a date"),
        ("date: 20234", "paper.en.md:5: date: '20234' is not a date"),
        ("date: 2023-5-10", "paper.en.md:5: date: '2023-5-10' is not a date"),
        (
            "type: summary",
            "paper.en.md:6: type: 'summary' is not known (did you mean summary-paper?); valid: ",
        ),
        ("type: research", "paper.en.md:6: type: 'research' is not known (did you mean research-"),
        ("type: memo", "paper.en.md:6: type: 'memo' is not known; valid: summary-paper, "),
        (
            "themes: [tourism, online-exploitation]",
            "paper.en.md:7: themes: 'tourism' (did you mean travel-and-tourism?) not known; ",
        ),
        (
            "themes: [child trafficking]",
            "paper.en.md:7: themes: 'child trafficking' (did you mean trafficking?) not known; ",
        ),
        (
            "regions: [latin-america]",
            "paper.en.md:8: regions: 'latin-america' (did you mean americas?) not known; valid: ",
        ),
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
            "check the spelling; did you mean sectt-en.pdf?",
        ),
        (
            "pdf: sect-en.pdf",
            "paper.en.md:10: pdf: 'sect-en.pdf' was not found in publications/; "
            "check the spelling; did you mean sectt-en.pdf?",
        ),
        (
            "pdf: reports/sectt-en.pdf",
            "paper.en.md:10: pdf: 'reports/sectt-en.pdf' was not found in publications/; "
            "check the spelling; did you mean sectt-en.pdf?",
        ),
        (
            "pdf: annual-accounts.pdf",
            "paper.en.md:10: pdf: 'annual-accounts.pdf' was not found in publications/; "
            "check the spelling",
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


def alias_bomb(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        previous, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return "\n".join(lines) + f"\nthemes: *{chr(ord('a') + levels - 1)}\n"


def test_yaml_aliases_are_refused_before_they_expand(tmp_path, pdf_root, vocabulary):
    text = GOOD.replace("series: Summary papers\n", alias_bomb())

    errors = errors_of(tmp_path, pdf_root, vocabulary, text)

    assert errors == [
        "paper.en.md:12: YAML anchors and aliases (&name, *name) are not allowed here; "
        "write each value out in full"
    ]


def test_a_record_file_over_the_size_limit_is_an_error(tmp_path, pdf_root, vocabulary):
    text = GOOD + "An abstract that never ends. " * 10_000

    errors = errors_of(tmp_path, pdf_root, vocabulary, text)

    assert errors == [
        f"paper.en.md: is {len(text.encode()):,} bytes; a record may have 262,144 at most: a few "
        "fields and an abstract of a few paragraphs (the full text belongs in the PDF)"
    ]


def test_long_values_are_quoted_short(tmp_path, pdf_root, vocabulary):
    many = ", ".join(f"not-a-theme-{n}" for n in range(2000))
    text = replace("themes", f"themes: [{many}]").replace("date: 2023-05-10", f"date: {'9' * 5000}")
    text = text.replace("countries: [BO, pe]", f"countries: [{', '.join(['XX'] * 500)}]")

    errors = errors_of(tmp_path, pdf_root, vocabulary, text)

    assert max(map(len, errors)) < 700
    assert "date: '999999" in errors[0] and "…' (5,000 characters) is not a date" in errors[0]
    assert "'not-a-theme-4', ... (2000 in all) not known" in errors[1]
    assert errors[-1].endswith("countries: and 497 more values that are not country codes")


def test_a_tab_in_the_indentation_gets_a_hint(tmp_path, pdf_root, vocabulary):
    text = GOOD.replace("themes: [travel-and-tourism]", "themes:\n\t- travel-and-tourism")

    errors = errors_of(tmp_path, pdf_root, vocabulary, text)

    assert len(errors) == 1 and errors[0].endswith("(indent with spaces, not tabs)"), errors


# Values as YAML can hold them: any scalar, lists and mappings of them, nested.
YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30) | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = [*KNOWN_FIELDS, "series"]


def read_or_explain(tmp_path, pdf_root, vocabulary, text):
    """Reads the record; what it cannot read must be a few short lines naming the file."""
    try:
        return read(tmp_path, pdf_root, vocabulary, text)
    except ContentErrors as caught:
        assert caught.errors
        for error in caught.errors:
            assert str(error).startswith("paper.en.md:")
            assert len(str(error)) < 1000
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(field=st.sampled_from(FIELDS), value=YAML_VALUES)
def test_any_value_in_any_field_is_read_or_explained(tmp_path, pdf_root, vocabulary, field, value):
    written = json.dumps(value, default=str)  # JSON is YAML's flow style
    record = read_or_explain(tmp_path, pdf_root, vocabulary, replace(field, f"{field}: {written}"))
    if record:  # what is read is what the contract promises
        assert record.title and isinstance(record.title, str)
        assert SLUG.match(record.slug)
        assert all(isinstance(author, str) for author in record.authors)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(field=st.sampled_from(FIELDS), text=st.text(max_size=60))
def test_any_text_after_a_field_name_is_read_or_explained(
    tmp_path, pdf_root, vocabulary, field, text
):
    read_or_explain(tmp_path, pdf_root, vocabulary, replace(field, f"{field}: {text}"))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(front=st.text(max_size=200), body=st.text(max_size=60))
def test_any_front_matter_is_read_or_explained(tmp_path, pdf_root, vocabulary, front, body):
    read_or_explain(tmp_path, pdf_root, vocabulary, f"---\n{front}\n---\n{body}")
