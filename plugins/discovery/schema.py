"""A language version as schema.org JSON-LD, the description search engines read from a page:
its kind of work, language, translations, subjects, places, file, cover and publisher."""

import json

from citations.csl import csl_name
from markupsafe import Markup
from publications.grouping import original

from .addresses import Addresses

# Most of the library is reports issued by an organisation (schema.org's Report); research is a
# ScholarlyArticle; statements, guidelines and leaflets are none of these, so CreativeWork.
# A type that editors add later is a Report.
SCHEMA_TYPES = {
    "research-report": "ScholarlyArticle",
    "working-paper": "ScholarlyArticle",
    "joint-statement": "CreativeWork",
    "outcome-document": "CreativeWork",
    "guidelines": "CreativeWork",
    "factsheet": "CreativeWork",
    "brochure": "CreativeWork",
}
DEFAULT_TYPE = "Report"
CONTEXT = "https://schema.org"


def work(record, addresses: Addresses, owner: str, default_lang: str) -> dict:
    """The JSON-LD of one version, labels in its own language (English where there is none)."""
    lang = record.lang.key
    page = addresses.page(record)
    data = {
        "@context": CONTEXT,
        "@type": SCHEMA_TYPES.get(record.type.key, DEFAULT_TYPE),
        "@id": page,
        "url": page,
        "name": record.title,
        "inLanguage": lang,
        "datePublished": record.date.isoformat(),
        "genre": record.type.label(lang),
        "author": [person_or_organisation(name) for name in record.authors or [owner]],
        "publisher": {"@type": "Organization", "name": owner},
        "about": [
            {"@type": "DefinedTerm", "name": theme.label(lang), "termCode": theme.key}
            for theme in record.themes
        ],
        "spatialCoverage": [
            {"@type": "Country", "name": country.label(lang), "identifier": country.key}
            for country in record.countries
        ],
        "encoding": pdf_file(record, addresses),
    }
    data = {key: value for key, value in data.items() if value != []}
    if record.excerpt:
        data["abstract"] = record.excerpt
    if record.cover:
        data["thumbnailUrl"] = addresses.cover(record)
    data.update(translations(record, addresses, default_lang))
    return data


def person_or_organisation(name: str) -> dict:
    parts = csl_name(name)
    if "family" in parts:
        return {
            "@type": "Person",
            "name": f"{parts['given']} {parts['family']}",
            "familyName": parts["family"],
            "givenName": parts["given"],
        }
    return {"@type": "Organization", "name": parts["literal"]}


def pdf_file(record, addresses: Addresses) -> dict:
    found = {
        "@type": "MediaObject",
        "contentUrl": addresses.pdf(record),
        "encodingFormat": "application/pdf",
    }
    if record.pdf:
        found["contentSize"] = f"{record.pdf.size} B"
        if record.pdf.page_count:
            found["description"] = f"{record.pdf.page_count} pages"
    return found


def translations(record, addresses: Addresses, default_lang: str) -> dict:
    """The original version lists its translations; each translation names the original."""
    if len(record.versions) < 2:
        return {}
    first = original(record.versions, default_lang)
    if record is first:
        others = [version for version in record.versions if version is not record]
        return {"workTranslation": [{"@id": addresses.page(other)} for other in others]}
    return {"translationOfWork": {"@id": addresses.page(first)}}


def script_json(data: dict) -> Markup:
    """`data` as JSON to put inside <script type="application/ld+json">: with <, > and &
    escaped as JSON escapes, no text in any field can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for character, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(character, escaped)
    return Markup(text)
