"""The editors' vocabularies (content/vocabulary/*.yml) and the ISO country list, as Terms."""

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from .errors import ContentError, ContentErrors, allowed, quote
from .yamldata import load_mapping

# What a slug or a vocabulary key may be: both name pages and are written in records.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ALIASES_FILE = "countries.yml"
FALLBACK_LANGUAGE = "en"
FILES = {
    "types": "types.yml",
    "themes": "themes.yml",
    "regions": "regions.yml",
    "languages": "languages.yml",
}


@dataclass(frozen=True)
class Term:
    """One value of a facet (a type, theme, region, language or country) with its labels."""

    facet: str
    key: str
    labels: dict[str, str]
    data: dict = field(default_factory=dict, compare=False, hash=False)

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.key

    def description(self, lang: str = "en") -> str:
        texts = self.data.get("description") or {}
        return texts.get(lang) or texts.get("en") or ""

    @property
    def name(self) -> str:
        """A language's name in that language (Français, ไทย); the label for other terms."""
        return self.data.get("name") or self.label()

    @property
    def direction(self) -> str:
        return self.data.get("dir", "ltr")


@dataclass
class Vocabulary:
    types: dict[str, Term]
    themes: dict[str, Term]
    regions: dict[str, Term]
    languages: dict[str, Term]
    countries: dict[str, Term]
    country_aliases: dict[str, list[str]] = field(default_factory=dict)  # code -> other names
    warnings: list[str] = field(default_factory=list)


def load_vocabulary(folder: Path, ui_languages: list[str]) -> Vocabulary:
    """Read and check every vocabulary file; raise ContentErrors listing all problems."""
    errors: list[ContentError] = []
    terms, lines, warnings = {}, {}, []
    for facet, filename in FILES.items():
        terms[facet], lines[facet] = _read_terms(folder / filename, facet, errors)
        warnings += untranslated_labels(folder / filename, terms[facet], ui_languages)
    countries = country_terms(ui_languages)
    _check_regions(folder / FILES["regions"], terms["regions"], lines["regions"], countries, errors)
    aliases = _read_aliases(folder / ALIASES_FILE, countries, errors)
    if errors:
        raise ContentErrors(errors)
    return Vocabulary(countries=countries, country_aliases=aliases, warnings=warnings, **terms)


def _read_aliases(path: Path, countries, errors) -> dict[str, list[str]]:
    """Other names of countries (optional file): ISO code -> list of names."""
    if not path.is_file():
        return {}
    try:
        data, lines = load_mapping(path.read_text(encoding="utf-8"), str(path))
    except ContentErrors as exc:
        errors.extend(exc.errors)
        return {}
    aliases = {}
    for code, names in data.items():
        if str(code) not in countries:
            errors.append(
                ContentError(
                    str(path),
                    f"'{code}' is not an ISO 3166-1 alpha-2 country code",
                    lines.get(code),
                    str(code),
                )
            )
        elif not isinstance(names, list):
            errors.append(
                ContentError(
                    str(path),
                    "needs a list of names, e.g. [Viet Nam, Vietnam]",
                    lines.get(code),
                    str(code),
                )
            )
        else:
            aliases[str(code)] = [str(name) for name in names]
    return aliases


def _read_terms(path: Path, facet: str, errors) -> tuple[dict[str, Term], dict]:
    """The terms of one file, and the line of each."""
    if not path.is_file():
        errors.append(ContentError(str(path), "vocabulary file is missing"))
        return {}, {}
    try:
        data, lines = load_mapping(path.read_text(encoding="utf-8"), str(path))
    except ContentErrors as exc:
        errors.extend(exc.errors)
        return {}, {}
    terms = {}
    for key, entry in data.items():
        line = lines.get(key)
        if not isinstance(entry, dict) or not isinstance(entry.get("label"), dict):
            errors.append(
                ContentError(
                    str(path), "needs a 'label:' mapping of UI language to text", line, str(key)
                )
            )
            continue
        if not SLUG.match(str(key)):
            message = (
                f"{quote(key)} is not a valid key (it names pages and is what records write); "
                "use lower-case letters, digits and single hyphens"
            )
            errors.append(ContentError(str(path), message, line, str(key)))
            continue
        labels = {lang: str(text) for lang, text in entry["label"].items() if text}
        if FALLBACK_LANGUAGE not in labels:
            message = f"label missing for {FALLBACK_LANGUAGE}, shown where a language has none"
            errors.append(ContentError(str(path), message, line, str(key)))
        terms[str(key)] = Term(facet, str(key), labels, entry)
    return terms, lines


def untranslated_labels(path: Path, terms: dict[str, Term], ui_languages) -> list[str]:
    """Warnings, one per UI language, naming the terms that show their English label."""
    warnings = []
    for lang in ui_languages:
        keys = [term.key for term in terms.values() if lang not in term.labels]
        if keys:
            warnings.append(
                f"{path}: no '{lang}' label for {', '.join(keys)}; the English one is shown"
            )
    return warnings


def _check_regions(path: Path, regions, lines, countries, errors) -> None:
    for region in regions.values():
        unknown = [c for c in region.data.get("countries") or [] if str(c) not in countries]
        if unknown:
            errors.append(
                ContentError(
                    str(path),
                    f"unknown country code(s) {', '.join(map(str, unknown))}; "
                    "use ISO 3166-1 alpha-2 codes such as BO, FR, TH",
                    lines.get(region.key),
                    region.key,
                )
            )
        parent = region.data.get("parent")
        if parent is not None and parent not in regions:
            errors.append(
                ContentError(
                    str(path),
                    f"parent '{parent}' is not a region; valid: {allowed(regions)}",
                    lines.get(region.key),
                    region.key,
                )
            )


def country_terms(ui_languages: list[str]) -> dict[str, Term]:
    """ISO 3166-1 countries with their common names translated by pycountry's catalogues."""
    catalogues = {
        lang: gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
        )
        for lang in ui_languages
    }
    terms = {}
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        labels = {lang: catalogue.gettext(english) for lang, catalogue in catalogues.items()}
        terms[country.alpha_2] = Term("country", country.alpha_2, labels)
    return terms
