"""Each cleaning rule, on text and on PDFs made here that show the problem."""

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_text import extract
from pdf_text.clean import DROPPED, LIGATURES, MAX_MENDED_WORD, clean_pages

from tests import pdfs


def test_ligatures_become_letters():
    assert clean_pages(["\ufb01nd e\ufb00ort \ufb02ow o\ufb03ce ba\ufb04e \ufb05op \ufb06ar"]) == [
        "find effort flow office baffle stop star"
    ]


def test_private_use_ligatures_are_mapped_and_other_private_use_and_nulls_dropped():
    assert clean_pages(["\uf001eld \uf002ight bene\x00t \ue123x"]) == ["field flight benet x"]


def test_control_characters_and_odd_spaces_are_dropped_or_made_plain():
    assert clean_pages(["a\x07b\u00a0c\u2003d\u200be\ufeff\tf"]) == ["ab c de f"]
    # Direction marks would split words for search: an Arabic word with one inside stays whole.
    assert clean_pages(["\u0645\u200f\u0646 \u2066x\u2069 \u202eabc\u202c"]) == [
        "\u0645\u0646 x abc"
    ]


def test_whitespace_is_normalised_within_and_between_lines():
    assert clean_pages(["  one   two \n\n\n\n three  "]) == ["one two\n\nthree"]


def test_a_word_hyphenated_at_a_line_end_is_joined():
    assert clean_pages(["sexual exploi-\ntation of children"]) == [
        "sexual exploitation\nof children"
    ]


def test_a_real_compound_keeps_its_hyphen_when_the_document_says_so():
    text = "child-friendly justice\nthe courts are child-\nfriendly when they listen"

    assert clean_pages([text])[0].endswith("the courts are child-friendly\nwhen they listen")


def test_both_halves_being_words_keep_the_hyphen():
    assert clean_pages(["well being matters; the well-\nbeing of"])[0].endswith("well-being\nof")


def test_one_half_being_a_word_is_not_enough_to_keep_the_hyphen():
    assert clean_pages(["a child and its child-\nren"])[0] == "a child and its children"


def test_a_line_on_half_the_pages_is_a_header_and_on_fewer_it_is_not():
    pages = [f"Body {n}\nmore\ntext" for n in range(8)]
    half = [f"Draft\n{page}" if n % 2 else page for n, page in enumerate(pages)]
    fewer = [f"Draft\n{page}" if n in (1, 3, 5) else page for n, page in enumerate(pages)]

    assert not any("Draft" in page for page in clean_pages(half))
    assert sum("Draft" in page for page in clean_pages(fewer)) == 3


def test_a_change_of_the_cleaning_rules_is_a_new_cache_key(monkeypatch):
    from pdf_text import clean, extraction

    before = extraction.extractor_version()
    monkeypatch.setattr(clean, "CLEANING_VERSION", clean.CLEANING_VERSION + 1)

    assert extraction.extractor_version() != before


def test_a_hyphen_before_a_capital_is_not_a_broken_word():
    assert clean_pages(["the Franco-\nGerman border"]) == ["the Franco-\nGerman border"]


def test_a_word_broken_across_pages_stays_on_its_first_page():
    assert clean_pages(["end of the page with traffick-", "ing networks and more"]) == [
        "end of the page with trafficking",
        "networks and more",
    ]


def test_repeated_headers_footers_and_page_numbers_are_removed():
    pages = [f"Annual review 2024\nBody text {n} here.\nPage {n} of 4" for n in range(1, 5)]

    assert clean_pages(pages) == [f"Body text {n} here." for n in range(1, 5)]


def test_a_line_repeated_in_the_body_is_not_a_header():
    pages = ["Intro\nRecommendations\nMore text\nEnd " + str(n) for n in range(4)]

    assert all("Recommendations" in page for page in clean_pages(pages))


def test_a_single_page_keeps_its_number_line():
    assert clean_pages(["Text\n12"]) == ["Text\n12"]


def test_a_generated_report_comes_out_clean(tmp_path):
    path = pdfs.report_pdf(
        tmp_path / "report.pdf",
        [
            ["The e\ufb00ects of o\ufb04ine and online ex-", "ploitation are linked."],
            ["Child-friendly courts matter. Courts", "must be child-", "friendly and fair."],
            ["A \ufb01nal page on traffick-", "ing and its pre-", "vention."],
        ],
        header="Example Child Protection Network · Annual review",
        footer="Page {page}",
    )

    pages = extract(path).pages

    assert pages == [
        "The effects of offline and online exploitation\nare linked.",
        "Child-friendly courts matter. Courts\nmust be child-friendly\nand fair.",
        "A final page on trafficking\nand its prevention.",
    ]


def test_a_word_is_mended_up_to_a_length_so_hyphen_ended_lines_never_grow_one_line():
    longest = "x" * (MAX_MENDED_WORD - 2) + "ab"
    assert clean_pages([f"{longest}-\ncde"]) == [f"{longest}cde"]
    assert clean_pages([f"x{longest}-\ncde"]) == [f"x{longest}-\ncde"]
    # Each mend looks back a bounded distance: a page of 100,000 characters in lines that all
    # end with a hyphen is cleaned in time that grows with its length, not with its square.
    page = clean_pages(["a-\n" * 33_000])[0]
    assert max(len(line) for line in page.split("\n")) <= MAX_MENDED_WORD + 2


# Text as PDFs give it: words, hyphens at line ends, ligatures, control and private-use
# characters, odd spaces, page numbers, and any other character.
PIECES = st.one_of(
    st.sampled_from(["exploi", "tation", "well", "being", "Child", "niños", "page 3", "12"]),
    st.sampled_from(["-\n", "\n", "\n\n\n", " ", "\t", "\r", "\x00", "\u00ad", "\u200b"]),
    st.sampled_from(
        [*LIGATURES, "\uf8ff", "\u00a0", "\u2003", "\ufeff", "\x0c", "\u200e", "\u2066"]
    ),
    st.text(max_size=8),
)
PAGES = st.lists(st.lists(PIECES, max_size=30).map("".join), max_size=6)


def is_clean_character(char: str) -> bool:
    if char in "\n ":
        return True
    return (
        char not in {**LIGATURES, **dict.fromkeys(DROPPED)}
        and unicodedata.category(char)[0] not in "CZ"
    )


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(pages=PAGES)
def test_any_text_comes_out_clean_page_for_page(pages):
    cleaned = clean_pages(pages)

    assert len(cleaned) == len(pages)  # search links to pages: none is lost or added
    for page in cleaned:
        assert all(is_clean_character(char) for char in page)
        assert page == page.strip() and "\n\n\n" not in page
        assert all(line == " ".join(line.split()) for line in page.split("\n"))


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(page=st.lists(PIECES, max_size=30).map("".join))
def test_cleaning_a_clean_page_changes_nothing(page):
    once = clean_pages([page])
    assert clean_pages(once) == once
