"""A publication's abstract as safe HTML: the editor's Markdown, or the opening of its PDF."""

import html
import re

import markdown
import nh3
from markupsafe import Markup

# Editors may format with HTML; nothing they write may run script or load from elsewhere.
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "abbr",
    "code",
    "sub",
    "sup",
    "h3",
    "h4",
    "span",
    "q",
    "cite",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "span": {"lang"},
    "q": {"lang"},
}
FALLBACK_CHARACTERS = 600
EXCERPT_CHARACTERS = 240  # a card's two lines, and a little more for wide screens
TAG = re.compile(r"<[^>]+>")


def abstract_html(markdown_text: str, pdf_pages: list[str]) -> tuple[Markup, bool]:
    """Return (HTML safe to insert in a page, taken_from_pdf)."""
    if markdown_text.strip():
        rendered = markdown.markdown(markdown_text, extensions=["sane_lists"])
        return sanitise(rendered), False
    opening = opening_text(pdf_pages)
    return (Markup(f"<p>{html.escape(opening)}</p>"), True) if opening else (Markup(""), False)


def sanitise(fragment: str) -> Markup:
    return Markup(
        nh3.clean(
            fragment,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer",
        )
    )


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, its tags gone and whitespace made plain."""
    return " ".join(html.unescape(TAG.sub(" ", fragment)).split())


def excerpt(fragment: str, limit: int = EXCERPT_CHARACTERS) -> str:
    """The opening of an abstract as plain text, cut at a word near `limit` characters."""
    text = plain_text(fragment)
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def opening_text(pages: list[str], limit: int = FALLBACK_CHARACTERS) -> str:
    """The first sentences of the PDF's text, cut at a sentence end near `limit` characters."""
    opening = ""
    for page in pages:  # only as many pages as the opening needs: PDFs may be long
        opening += " " + page
        if len(opening) > 2 * limit:
            break
    text = re.sub(r"\s+", " ", opening).strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(". ", 0, limit)
    return text[: cut + 1] if cut > limit // 3 else text[:limit].rsplit(" ", 1)[0] + " …"
