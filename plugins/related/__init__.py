"""Pelican plugin: related publications, at most five on each publication page.

Answers the publications generator's `publications_with_text` signal after the taxonomy plugin
(list it after 'taxonomy' in PLUGINS), so that the tags filled in from the text count too: sets
`record.related` on every version, a list of one version of each related publication (the page
shows the version its reader is shown: `shown_version`, a template global set here). The rule is
in ranking.py, the text similarity in similarity.py. The answer is kept in the cache folder
(setting RELATED_CACHE_PATH, default cache/related) and reused while the inputs are unchanged.
"""

import sys
import time
from collections import defaultdict
from pathlib import Path

from blinker import signal
from pelican import signals
from publications.grouping import shown_version

from . import cache
from .ranking import LIMIT, ranked
from .similarity import opening_words, text_scores


def related_slugs(records: list) -> dict[str, list[str]]:
    """{slug: related slugs, best first}, worked out from the records (no cache)."""
    openings = [opening_words(record) for record in records]
    return _ranked(records, openings)


def _ranked(records: list, openings: list[list[str]]) -> dict[str, list[str]]:
    documents = [(record.lang.key, words) for record, words in zip(records, openings, strict=True)]
    return ranked(records, text_scores(documents))


def attach_related(generator, publications, **_) -> None:
    started = time.perf_counter()
    # A version whose language is unknown stops the build later; it takes no part here.
    records = [record for record in publications if record.lang]
    check_order(generator.settings, records)
    openings = [opening_words(record) for record in records]
    path = Path(generator.settings.get("RELATED_CACHE_PATH", "cache/related")) / "related.json"
    key = cache.inputs_key(records, openings)
    slugs = {record.slug for record in records}
    related = cache.read(path, key, slugs, LIMIT)
    how = "unchanged; taken from the cache"
    if related is None:
        related = _ranked(records, openings)
        cache.write(path, key, related)
        how = "worked out"
    versions = defaultdict(list)
    for record in sorted(records, key=lambda r: r.lang.key):
        versions[record.slug].append(record)
    for record in records:
        # Any version stands for its publication: the page shows the one its reader is shown.
        record.related = [versions[slug][0] for slug in related[record.slug]]
    seconds = time.perf_counter() - started
    count = f"{len(slugs)} publication{'s' * (len(slugs) != 1)}"
    print(f"Related publications: {count}, {how} ({seconds:.1f} s)")


def check_order(settings, records: list) -> None:
    """Stops the build when the taxonomy plugin is on but has not answered yet (it sets
    `suggestions` on every record): related publications would miss the tags it fills in."""
    plugins = [str(name) for name in settings.get("PLUGINS", [])]
    if "taxonomy" in plugins and any(not record.suggestions for record in records):
        print("pelicanconf.py: PLUGINS: list 'taxonomy' before 'related'", file=sys.stderr)
        raise SystemExit(1)


def add_template_globals(generator) -> None:
    generator.env.globals["shown_version"] = shown_version


def register():
    # By name (publications/hooks.py): the publications plugin loads after this one.
    signal("publications_with_text").connect(attach_related)
    signals.generator_init.connect(add_template_globals)
