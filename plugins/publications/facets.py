"""The ways into the library: by type, theme, region, country, language and year.

Each facet has a page per term (its publications, newest first, one entry each) and an index
page of its terms with their counts. The languages facet is the exception: its pages list the
language versions in one language, which is what they are for.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import pyuca

from .grouping import one_per_publication
from .records import Publication
from .vocabulary import Term, Vocabulary


@dataclass(frozen=True)
class Facet:
    name: str  # its folder in the site, e.g. "themes"
    terms_of: Callable[[Publication, Vocabulary], list[Term]]
    vocabulary: Callable[[Vocabulary], dict[str, Term]] | None = None  # every term, to list unused
    first: Callable[[Publication], bool] = lambda record: False  # listed before the others


def year_of(record: Publication) -> Term:
    year = str(record.date.year)
    return Term("year", year, {})


def regions_of(record: Publication, vocabulary: Vocabulary) -> list[Term]:
    """A record's regions and the regions they are part of: South Asia is in Asia's page too."""
    found = []
    for region in record.regions:
        while region and region not in found:
            found.append(region)
            region = vocabulary.regions.get(region.data.get("parent"))
    return found


FACETS = (
    Facet("types", lambda r, v: [r.type], lambda v: v.types),
    Facet("themes", lambda r, v: r.themes, lambda v: v.themes),
    Facet("regions", regions_of, lambda v: v.regions),
    # A country's page is where a practitioner looks for "everything about Bolivia": its
    # country overviews come first.
    Facet("countries", lambda r, v: r.countries, first=lambda r: r.type.key == "country-overview"),
    Facet("languages", lambda r, v: [r.lang]),
    Facet("years", lambda r, v: [year_of(r)]),
)


def facet_pages(
    records: list[Publication], vocabulary: Vocabulary, ui_lang: str, default_lang: str
) -> list[dict]:
    """For each facet: its terms with their publications (in listing order), counts and pages.
    Vocabulary facets list unused terms too (count 0, no page). Terms sort by their label in
    `ui_lang`, years newest first."""
    facets = []
    for facet in FACETS:
        members, terms = defaultdict(list), {}
        for record in records:
            for term in facet.terms_of(record, vocabulary):
                members[term.key].append(record)
                terms[term.key] = term
        if facet.vocabulary:
            terms = facet.vocabulary(vocabulary)
        if facet.name == "years":
            order = sorted(terms.values(), key=lambda term: term.key, reverse=True)
        else:
            order = sorted(terms.values(), key=lambda term: by_label(term.label(ui_lang)))
        entries = []
        for term in order:
            listed = members.get(term.key, [])
            if facet.name != "languages":
                listed = one_per_publication(listed, ui_lang, default_lang)
            entries.append(_entry(facet, term, listed))
        facets.append({"name": facet.name, "url": f"{facet.name}/index.html", "terms": entries})
    return facets


@cache
def _collator() -> pyuca.Collator:
    return pyuca.Collator()


def by_label(label: str) -> tuple:
    """The sort key of a label: the Unicode Collation Algorithm's default order, in which
    "Bénin" comes before "Burkina Faso" and "Éthiopie" between "Espagne" and "France"."""
    return _collator().sort_key(label)


def _entry(facet: Facet, term: Term, publications: list[Publication]) -> dict:
    listed = sorted(publications, key=lambda record: not facet.first(record))  # stable: by date
    return {
        "term": term,
        "count": len(listed),
        "publications": listed,
        "url": f"{facet.name}/{term.key}.html" if listed else None,
    }
