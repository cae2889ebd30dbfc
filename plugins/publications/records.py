"""One Markdown file with YAML front matter -> one checked Publication record (a language version).

Every field is checked and every problem of a file is reported at once, naming the file, the line,
the field, the bad value and what would be valid (see the content contract in the README).
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from .errors import ContentError, ContentErrors, allowed, quote
from .suggest import closest_file, term_hint
from .vocabulary import SLUG, Term, Vocabulary
from .yamldata import load_mapping

DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
ISO_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
FENCE = re.compile(r"^(---|\.\.\.)\s*$")
MAX_BYTES = 256 * 1024  # of a record file
KNOWN_FIELDS = (
    "title",
    "slug",
    "lang",
    "date",
    "type",
    "themes",
    "regions",
    "countries",
    "pdf",
    "authors",
)


@dataclass(frozen=True)
class PublicationDate:
    """A date written as YYYY-MM-DD, YYYY-MM or YYYY; `precision` says which."""

    value: datetime.date
    precision: str  # "day", "month" or "year"

    @property
    def year(self) -> int:
        return self.value.year

    def isoformat(self) -> str:
        return self.value.strftime(ISO_FORMATS[self.precision])


@dataclass
class Publication:
    """One language version of a publication, as the editor described it."""

    source_path: Path
    label: str  # how messages name the file: its path relative to the project
    title: str
    slug: str
    lang: Term | None  # None until detected from the text, when the editor left it out
    date: PublicationDate
    type: Term
    themes: list[Term]
    regions: list[Term]
    countries: list[Term]
    pdf_name: str  # path inside publications/
    authors: list[str]
    abstract: str  # Markdown as written
    extra: dict = field(default_factory=dict)  # fields the contract does not define, kept as-is
    # Filled in by the generator:
    pdf: object = None  # the PDF's text and facts, set by the pdf_text plugin
    pdf_digest: str = ""  # the SHA-256 of the PDF's content, set by the pdf_text plugin
    cover: dict | None = None  # the first page as images, set by the covers plugin
    language_unknown: bool = False  # neither written nor detectable: the default language
    url: str = ""
    save_as: str = ""
    pdf_url: str = ""
    abstract_html: str = ""
    abstract_from_pdf: bool = False
    excerpt: str = ""  # the abstract's opening as plain text, for cards
    versions: list["Publication"] = field(default_factory=list)
    related: list["Publication"] = field(default_factory=list)  # set by the related plugin
    declared: set[str] = field(default_factory=set)  # fields the editor wrote
    inferred: set[str] = field(default_factory=set)  # fields filled in from the text
    suggestions: dict = field(default_factory=dict)  # what the text says, for `invoke check`


def read_publication(path: Path, label: str, vocabulary: Vocabulary, pdf_root: Path) -> Publication:
    """Parse and check one file; raise ContentErrors with every problem found in it.

    `label` is how the file is named in messages (its path relative to the project).
    """
    size = path.stat().st_size
    if size > MAX_BYTES:
        message = (
            f"is {size:,} bytes; a record may have {MAX_BYTES:,} at most: a few fields and "
            "an abstract of a few paragraphs (the full text belongs in the PDF)"
        )
        raise ContentErrors([ContentError(label, message)])
    text = path.read_text(encoding="utf-8-sig")
    front, body, first_line = split_front_matter(text, label)
    data, lines = load_mapping(front, label, first_line)
    checker = _Checker(label, data, lines, first_line)

    slug = checker.slug(path)
    record = Publication(
        source_path=path,
        label=label,
        title=checker.title(),
        slug=slug,
        lang=checker.lang(path, vocabulary.languages),
        date=checker.date(),
        type=checker.one_of("type", vocabulary.types, required=True),
        themes=checker.many_of("themes", vocabulary.themes),
        regions=checker.many_of("regions", vocabulary.regions),
        countries=checker.countries(vocabulary.countries),
        pdf_name=checker.pdf(pdf_root),
        authors=checker.strings("authors"),
        abstract=body.strip(),
        extra={key: value for key, value in data.items() if key not in KNOWN_FIELDS},
        declared={key for key in KNOWN_FIELDS if key in data},
    )
    if checker.errors:
        raise ContentErrors(checker.errors)
    return record


def split_front_matter(text: str, label: str) -> tuple[str, str, int]:
    """Return (front matter, body, file line where the front matter starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ContentErrors(
            [
                ContentError(
                    label,
                    "the file must start with a '---' line, then the front matter fields, "
                    "then another '---' line",
                    1,
                )
            ]
        )
    for number, line in enumerate(lines[1:], start=1):
        if FENCE.match(line):
            return "".join(lines[1:number]), "".join(lines[number + 1 :]), 2
    raise ContentErrors(
        [
            ContentError(
                label, "the front matter is not closed: add a '---' line after the last field", 1
            )
        ]
    )


def as_list(value) -> list:
    """A YAML list, or a comma-separated string, as a list; absent or empty as []."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list):
        return value
    return [value]


class _Checker:
    """Checks the fields of one file, collecting errors instead of stopping at the first."""

    def __init__(self, label: str, data: dict, lines: dict[str, int], first_line: int):
        self.label, self.data, self.lines = label, data, lines
        self.first_line = first_line
        self.errors: list[ContentError] = []

    def error(self, name: str, message: str) -> None:
        self.errors.append(ContentError(self.label, message, self.lines.get(name), name))

    def missing(self, name: str, example: str) -> None:
        self.errors.append(
            ContentError(
                self.label,
                f"missing; add a line such as '{name}: {example}'",
                self.first_line,
                name,
            )
        )

    def title(self) -> str:
        value = self.data.get("title")
        if value is None or not str(value).strip():
            self.missing("title", '"Summary paper: online child sexual exploitation"')
            return ""
        return str(value).strip()

    def slug(self, path: Path) -> str:
        """The written slug, else the file name's; either must follow SLUG, as it names the
        publication's pages."""
        value = self.data.get("slug")
        if value is None:
            value = path.name.split(".")[0]
            if not SLUG.match(value):
                self.errors.append(
                    ContentError(
                        self.label,
                        f"the file name gives the slug {quote(value)}, which is not valid; use "
                        "lower-case letters, digits and single hyphens: rename the file "
                        f"(e.g. {slug_like(value)}{path.name[len(value) :]}) or add a line "
                        f"'slug: {slug_like(value)}'",
                        self.first_line,
                        "slug",
                    )
                )
            return value
        value = str(value)
        if not SLUG.match(value):
            self.error(
                "slug",
                f"{quote(value)} is not a valid slug; use lower-case letters, digits "
                f"and single hyphens, e.g. {slug_like(value)}",
            )
        return value

    def lang(self, path: Path, languages: dict[str, Term]) -> Term | None:
        value = self.data.get("lang")
        if value is None:
            suffix = path.suffixes[-2][1:] if len(path.suffixes) >= 2 else None
            return languages.get(suffix)  # else detected from the text later
        return self.one_of("lang", languages, required=True)

    def date(self) -> PublicationDate | None:
        value = self.data.get("date")
        if value is None:
            self.missing("date", "2023-05-10")
            return None
        match = DATE.match(str(value).strip())
        try:
            if match:
                year, month, day = (int(part) if part else None for part in match.groups())
                precision = "day" if day else "month" if month else "year"
                return PublicationDate(datetime.date(year, month or 1, day or 1), precision)
        except ValueError:
            pass
        self.error(
            "date",
            f"{quote(value)} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY, "
            "e.g. 2023-05-10, 2023-05 or 2023",
        )
        return None

    def one_of(self, name: str, terms: dict[str, Term], required: bool = False) -> Term | None:
        value = self.data.get(name)
        if value is None:
            if required:
                self.missing(name, next(iter(terms), "..."))
            return None
        key = str(value).strip()
        if key not in terms:
            hint = term_hint(key, terms)
            self.error(name, f"{quote(key)} is not known{hint}; valid: {allowed(terms)}")
            return None
        return terms[key]

    def many_of(self, name: str, terms: dict[str, Term]) -> list[Term]:
        found, unknown = [], []
        for value in as_list(self.data.get(name)):
            key = str(value).strip()
            if key in terms:
                if terms[key] not in found:
                    found.append(terms[key])
            else:
                unknown.append(key)
        if unknown:
            shown = [quote(key) + term_hint(key, terms) for key in unknown[:5]]
            values = allowed(shown + [quote(key) for key in unknown[5:]], 5)
            self.error(name, f"{values} not known; valid: {allowed(terms)}")
        return found

    def countries(self, countries: dict[str, Term], explained: int = 3) -> list[Term]:
        """The countries; the first `explained` unknown values get a message each."""
        found, unknown = [], []
        for value in as_list(self.data.get("countries")):
            code = str(value).strip().upper()
            if code not in countries:
                unknown.append(value)
            elif countries[code] not in found:
                found.append(countries[code])
        for value in unknown[:explained]:
            self.error(
                "countries",
                f"{quote(value)} is not an ISO 3166-1 alpha-2 country code{_code_hint(str(value))}",
            )
        if len(unknown) > explained:
            more = len(unknown) - explained
            self.error("countries", f"and {more:,} more values that are not country codes")
        return found

    def pdf(self, root: Path) -> str:
        """The PDF's path inside `root`, resolved once (links and '..' followed): every later
        step uses this path, never the text as written."""
        value = self.data.get("pdf")
        if value is None or not str(value).strip():
            self.missing("pdf", "sectt-summary-paper-en.pdf")
            return ""
        name = str(value).strip()
        target = (root / name).resolve()
        if Path(name).is_absolute() or not target.is_relative_to(root.resolve()):
            self.error(
                "pdf",
                f"{quote(name)} points outside publications/; give a path inside it, "
                "e.g. reports/sectt-summary-paper-en.pdf",
            )
        elif target.suffix.lower() != ".pdf":
            self.error("pdf", f"{quote(name)} is not a .pdf file")
        elif not target.is_file():
            self.error(
                "pdf",
                f"{quote(name)} was not found in publications/; "
                f"check the spelling{_pdf_hint(root, name)}",
            )
        else:
            return target.relative_to(root.resolve()).as_posix()
        return name

    def strings(self, name: str) -> list[str]:
        return [str(value).strip() for value in as_list(self.data.get(name)) if str(value).strip()]


def slug_like(text: str) -> str:
    """`text` as a valid slug would write it: "Bad Name ü" -> "bad-name-u"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "publication-name"


def _code_hint(value: str) -> str:
    try:
        match = pycountry.countries.lookup(value)
    except LookupError:
        return "; e.g. BO for Bolivia, FR for France, TH for Thailand"
    return f"; did you mean {match.alpha_2} ({match.name})?"


def _pdf_hint(root: Path, name: str) -> str:
    found = closest_file(root, name)
    return f"; did you mean {found}?" if found else ""
