"""Pelican plugin: tags suggested from the text of each publication.

Answers the publications generator's `publications_with_text` signal. For each record it works
out what the text says (language, countries, regions, themes) and keeps it in
`record.suggestions`; where the editor left a field out, the suggestion fills it in and the
field is named in `record.inferred`, so pages can mark it "suggested". What the editor wrote
always wins.
"""

from pathlib import Path

from blinker import signal

from .cache import SuggestionCache
from .inference import (
    CountryNames,
    ThemeKeywords,
    countries_about,
    detect_language,
    regions_of,
    themes_from,
)
from .report import write_report

TEXT_LIMIT = 200_000  # characters, about 80 pages: what a report is about shows well before


class Inference:
    """The rules, prepared once per build from the vocabulary."""

    def __init__(self, vocabulary, detect_every_language: bool = True, cache_folder=None):
        self.vocabulary = vocabulary
        self.detect_every_language = detect_every_language
        self.languages = tuple(vocabulary.languages)
        names = country_names(vocabulary)
        keywords = {
            key: [word for words in (term.data.get("keywords") or {}).values() for word in words]
            for key, term in vocabulary.themes.items()
        }
        self.country_names = CountryNames(names)
        self.theme_keywords = ThemeKeywords(keywords)
        self.regions = {key: term.data for key, term in vocabulary.regions.items()}
        rules = [self.languages, names, keywords, self.regions]
        self.cache = SuggestionCache(cache_folder, rules) if cache_folder else None

    def suggest(self, text: str, detect_language_too: bool = True) -> dict:
        lang, probability = (
            detect_language(text, self.languages) if detect_language_too else (None, 0.0)
        )
        mentions = self.country_names.count(text)
        countries = countries_about(mentions)
        scores = self.theme_keywords.scores(text)
        return {
            "lang": lang,
            "lang_probability": probability,
            "mentions": dict(mentions.most_common()),
            "countries": countries,
            "regions": regions_of(countries, self.regions),
            "theme_scores": scores,
            "themes": themes_from(scores),
        }

    def cached_suggest(self, text: str, detect_language_too: bool) -> dict:
        if not self.cache:
            return self.suggest(text, detect_language_too)
        key = self.cache.key(text, detect_language_too)
        suggested = self.cache.get(key)
        if suggested is None:
            suggested = self.suggest(text, detect_language_too)
            self.cache.put(key, suggested)
        return suggested

    def apply(self, record) -> None:
        pdf_text = record.pdf.text if record.pdf else ""
        text = "\n".join([record.title, record.abstract, pdf_text])[:TEXT_LIMIT]
        detect = record.lang is None or self.detect_every_language
        record.suggestions = suggested = self.cached_suggest(text, detect)
        vocabulary = self.vocabulary
        if record.lang is None and suggested["lang"]:
            record.lang = vocabulary.languages[suggested["lang"]]
            record.inferred.add("lang")
        if "countries" not in record.declared:
            record.countries = [vocabulary.countries[code] for code in suggested["countries"]]
            record.inferred.add("countries")
        if "regions" not in record.declared:
            codes = [term.key for term in record.countries]
            keys = regions_of(codes, self.regions)
            record.regions = [vocabulary.regions[key] for key in keys]
            record.inferred.add("regions")
        if "themes" not in record.declared:
            record.themes = [vocabulary.themes[key] for key in suggested["themes"]]
            record.inferred.add("themes")


def country_names(vocabulary) -> dict[str, str]:
    """Every name of every country (its labels in the UI languages and the editors' other
    names in countries.yml) -> its ISO code."""
    names = {}
    for code, term in vocabulary.countries.items():
        for name in [*term.labels.values(), *vocabulary.country_aliases.get(code, [])]:
            names.setdefault(name, code)
    return names


def infer_tags(generator, publications, vocabulary) -> None:
    settings = generator.settings
    inference = Inference(
        vocabulary,
        # A build detects the language only where the editor left it out; `invoke check` always.
        detect_every_language=settings.get("TAXONOMY_CHECK_LANGUAGES", False),
        cache_folder=settings.get("TAXONOMY_CACHE_PATH", "cache/taxonomy"),
    )
    for record in publications:
        inference.apply(record)
    write_report([r for r in publications if r.lang], Path(generator.output_path))


def register():
    signal("publications_with_text").connect(infer_tags)
