from publications.abstracts import abstract_html, opening_text


def test_markdown_is_rendered():
    html, from_pdf = abstract_html("An **important** paper.\n\n- one\n- two", [])

    assert "<strong>important</strong>" in html
    assert "<li>one</li>" in html
    assert from_pdf is False


def test_editors_html_may_format_but_never_run_script():
    html, _ = abstract_html(
        'Text <script>alert(1)</script><img src=x onerror="alert(2)">'
        '<a href="javascript:alert(3)" onclick="alert(4)">link</a> <em>kept</em>'
        '<iframe src="https://example.org"></iframe><a href="https://example.org/x">ok</a>',
        [],
    )

    assert "<script" not in html and "alert(1)" not in html
    assert "onerror" not in html and "<img" not in html
    assert "javascript:" not in html and "onclick" not in html
    assert "<iframe" not in html
    assert "<em>kept</em>" in html
    assert '<a href="https://example.org/x" rel="noopener noreferrer">ok</a>' in html


def test_the_opening_of_the_pdf_stands_in_for_an_empty_abstract():
    pages = ["Title page\n\n", "First sentence of the text. " * 40]

    html, from_pdf = abstract_html("  \n", pages)

    assert from_pdf is True
    assert html.startswith("<p>Title page First sentence of the text.")
    assert len(html) < 700


def test_pdf_text_is_escaped_when_it_stands_in():
    html, _ = abstract_html("", ["<b>not markup</b> & more"])

    assert html == "<p>&lt;b&gt;not markup&lt;/b&gt; &amp; more</p>"


def test_no_abstract_and_no_text_gives_nothing():
    assert abstract_html("", ["", ""]) == ("", False)


def test_opening_text_cuts_at_a_sentence_end():
    text = opening_text(["One sentence here. " * 100], limit=100)

    assert text.endswith("here.")
    assert len(text) <= 100
