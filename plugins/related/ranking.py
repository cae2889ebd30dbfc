"""Which publications are related to which: shared tags first, then text.

A publication is the set of its language versions (records sharing a slug); its tags are the
countries and themes of any of its versions. For each publication, every other one that shares
a tag with it or whose text is like one of its versions is a candidate, ranked by:

1. the number of countries and themes they share, most first;
2. then the number of countries among them (a country is the more specific tag: a Nepal
   overview is nearer to a South Asia paper than to a paper that shares only a broad theme);
3. then text similarity: the best score of any of its versions in "more like this" asked by
   any version of the publication (similarity.py); 0 for versions in other languages;
4. then the slug, so that ties always fall the same way.

The first LIMIT are kept. A publication is never related to itself, so neither to its other
language versions.
"""

from collections import Counter, defaultdict

LIMIT = 5


def tags_of(versions) -> tuple[set[str], set[str]]:
    """The countries and themes of a publication: those of any of its versions."""
    countries = {term.key for record in versions for term in record.countries}
    themes = {term.key for record in versions for term in record.themes}
    return countries, themes


def ranked(
    records: list, scores: dict[tuple[int, int], float], limit: int = LIMIT
) -> dict[str, list[str]]:
    """{slug: the slugs of its related publications, best first} for every publication.
    `scores`: text similarity between records, by their place in `records` (similarity.py)."""
    slugs = sorted({record.slug for record in records})
    alike = {slug: {} for slug in slugs}  # slug -> {other slug: best text score}
    for (one, other), score in scores.items():
        found = alike[records[one].slug]
        found[records[other].slug] = max(score, found.get(records[other].slug, 0.0))
    shared_countries, shared_themes = _shared_tags(records, slugs)
    related = {}
    for slug in slugs:
        countries, themes, text = shared_countries[slug], shared_themes[slug], alike[slug]
        candidates = (countries.keys() | themes.keys() | text.keys()) - {slug}
        related[slug] = sorted(
            candidates,
            key=lambda other: (
                -(countries[other] + themes[other]),
                -countries[other],
                -text.get(other, 0.0),
                other,
            ),
        )[:limit]
    return related


def _shared_tags(records: list, slugs: list[str]) -> tuple[dict, dict]:
    """How many countries and how many themes each pair of publications shares: counted
    through the publications of each tag, never over every pair."""
    versions = defaultdict(list)
    for record in records:
        versions[record.slug].append(record)
    by_country, by_theme = defaultdict(list), defaultdict(list)
    for slug in slugs:
        countries, themes = tags_of(versions[slug])
        for key in countries:
            by_country[key].append(slug)
        for key in themes:
            by_theme[key].append(slug)
    return _pairs_counted(by_country, slugs), _pairs_counted(by_theme, slugs)


def _pairs_counted(by_tag: dict[str, list[str]], slugs: list[str]) -> dict[str, Counter]:
    counts = {slug: Counter() for slug in slugs}
    for tagged in by_tag.values():
        for slug in tagged:
            counts[slug].update(tagged)
    return counts
