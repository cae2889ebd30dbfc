"""`invoke new`: a publication's record started from its PDF.

The PDF is copied into publications/ and read as the build reads it; the record gets every
field the PDF and the text suggest, each with a comment saying where it came from, and the
allowed values of the rest as comments. Nothing is written until every check has passed, and
nothing an editor already has is overwritten.
"""

import datetime
import filecmp
import json
import re
import shutil
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from pdf_text.extraction import extract
from publications.errors import ContentErrors, allowed, quote
from publications.records import SLUG, read_publication, slug_like, split_front_matter
from publications.suggest import term_hint
from publications.vocabulary import Vocabulary
from publications.yamldata import load_mapping
from taxonomy import TEXT_LIMIT, Inference
from taxonomy.inference import fold

from .title import pdf_title

SECONDS = 120  # to read the PDF, as the build allows
# Values YAML reads as written without quotes (but for the words it reads as null or true).
PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
YAML_WORDS = {"null", "true", "false"}
COPIED_FROM_VERSION = ("date", "type", "themes", "regions", "countries", "authors")


class NewEntryError(Exception):
    """What stopped `invoke new`, in words for the editor; nothing was written."""


@dataclass
class Library:
    """Where a library keeps its records and PDFs, and what its vocabulary allows."""

    root: Path
    records: Path
    pdfs: Path
    vocabulary: Vocabulary
    default_lang: str
    page_path: str  # PUBLICATION_SAVE_AS


@dataclass
class NewEntry:
    record: Path
    pdf: Path
    page: str  # the page's path in the built site
    to_fill: list[str] = field(default_factory=list)  # what the build still asks for


def start_entry(library: Library, pdf: Path, lang=None, slug=None, version_of=None) -> NewEntry:
    """Copy `pdf` into the library and write its record; raise NewEntryError when it can't."""
    if not pdf.is_file():
        raise NewEntryError(f"{pdf}: no such file")
    text = extract(pdf, SECONDS)
    if not text.page_count:
        raise NewEntryError(f"{pdf}: {text.problem}; nothing was written")
    version = _version(library, version_of) if version_of else None
    facts = Facts(library, pdf, text)
    lang = facts.language(lang)
    slug = version_of or _slug(slug, pdf, lang)
    record = library.records / f"{slug}.{lang}.md"
    _refuse_clash(library, record, slug, lang, version_of)
    target = _pdf_target(library, pdf)
    lines = facts.front_matter(slug, lang, target.relative_to(library.pdfs).as_posix(), version)
    if target != pdf.resolve():
        shutil.copy2(pdf, target)
    with record.open("x", encoding="utf-8") as out:
        out.write("\n".join(["---", *lines, "---", ""]))
    page = library.page_path.format(slug=slug, lang=lang)
    return NewEntry(record, target, page, _still_to_fill(library, record))


class Facts:
    """What the PDF and its text say of each field, and where each answer came from."""

    def __init__(self, library: Library, pdf: Path, text):
        self.library, self.pdf, self.text = library, pdf, text
        self.title, self.title_from = pdf_title(pdf, text.metadata)
        inference = Inference(library.vocabulary)
        self.suggested = inference.suggest("\n".join([self.title, text.text])[:TEXT_LIMIT])
        self.lang_from = ""

    def language(self, given: str | None) -> str:
        languages = self.library.vocabulary.languages
        if given:
            if given not in languages:
                hint = term_hint(given, languages)
                raise NewEntryError(
                    f"--lang {quote(given)} is not known{hint}; valid: {allowed(languages)}"
                )
            return given
        if self.suggested["lang"]:
            self.lang_from = "detected from the text"
            return self.suggested["lang"]
        self.lang_from = "not detected (no text?): the library's default language; check it"
        return self.library.default_lang

    def front_matter(self, slug, lang, pdf_name, version: dict | None) -> list[str]:
        vocabulary = self.library.vocabulary
        today = datetime.date.today().isoformat()
        lines = [
            f"# Started by `invoke new` from {self.pdf.name} on {today}. Check each value,",
            "# then delete the comments if you like.",
            _field("title", self.title, self.title_from and f"from {self.title_from}"),
            _field("slug", slug),
            _field("lang", lang, self.lang_from),
        ]
        if version:
            lines += [
                _field(name, version[name], f"as in {version['label']}")
                for name in COPIED_FROM_VERSION
                if version.get(name) not in (None, [], "")
            ]
            lines += [_field("pdf", pdf_name, self._pdf_facts())]
            return lines
        suggested = self.suggested
        date, date_from = self._date()
        kind = self._type()
        lines += [
            _field("date", date, date_from),
            "# date: YYYY-MM-DD, YYYY-MM or YYYY",
            _field("type", kind, "from the words on the first page" if kind else ""),
            *_comment(f"type (required): one of {', '.join(vocabulary.types)}"),
            _field("themes", suggested["themes"], "suggested from the text"),
            *_comment(f"themes: any of {', '.join(vocabulary.themes)}"),
            _field("countries", suggested["countries"], "suggested from the text"),
            "# countries: ISO 3166-1 alpha-2 codes, e.g. [KE, TZ]",
            _field("regions", suggested["regions"], "from the countries"),
            *_comment(f"regions: any of {', '.join(vocabulary.regions)}"),
            _field("pdf", pdf_name, self._pdf_facts()),
        ]
        author = self.text.metadata.get("author", "").strip()
        lines.append(_field("authors", [author], "from the PDF's metadata") if author else "")
        lines.append('# authors: a list, e.g. ["Example Child Protection Network"]')
        return [line for line in lines if line]

    def _date(self) -> tuple[str | None, str]:
        created = self.text.metadata.get("created", "")[:10]
        if created:
            return created, "the PDF's creation date: the publication date may differ"
        return None, ""

    def _type(self) -> str | None:
        """The type whose label (in any language) the title or the first page names first."""
        first_page = self.text.pages[0] if self.text.pages else ""
        for place in (fold(self.title), fold(first_page)):
            found = [
                (place.find(fold(label)), -len(label), key)
                for key, term in self.library.vocabulary.types.items()
                for label in term.labels.values()
                if fold(label) in place
            ]
            if found:
                return min(found)[2]
        return None

    def _pdf_facts(self) -> str:
        pages = self.text.page_count
        size = self.text.size
        size = f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} kB"
        facts = f"{pages} page{'s' if pages > 1 else ''}, {size}"
        return f"{facts}; {self.text.problem}" if self.text.problem else facts


def _comment(text: str) -> list[str]:
    return textwrap.wrap(
        text, 98, initial_indent="# ", subsequent_indent="#   ", break_on_hyphens=False
    )


def _field(name: str, value, comment: str = "") -> str:
    """One front matter line; strings are written as JSON, which YAML reads as written."""
    if value is None:
        written = ""
    elif isinstance(value, list):
        written = "[" + ", ".join(_scalar(item) for item in value) + "]"
    else:
        written = _scalar(value)
    line = f"{name}: {written}".rstrip()
    return f"{line}  # {comment}" if comment else line


def _scalar(value) -> str:
    text = str(value)
    if PLAIN.match(text) and text.lower() not in YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _slug(given: str | None, pdf: Path, lang: str) -> str:
    if given:
        if not SLUG.match(given):
            raise NewEntryError(
                f"--slug {quote(given)} is not valid; use lower-case letters, digits and single "
                f"hyphens, e.g. {slug_like(given)}"
            )
        return given
    slug = slug_like(pdf.stem).removesuffix(f"-{lang}")
    return slug or "publication"


def _version(library: Library, slug: str) -> dict:
    """The fields of an existing version of `slug`, to copy into the new one."""
    for path in sorted(library.records.glob(f"{slug}.*.md")):
        front, _, first_line = split_front_matter(path.read_text(encoding="utf-8-sig"), path.name)
        data, _ = load_mapping(front, path.name, first_line)
        return dict(data, label=path.name)
    known = sorted({path.name.split(".")[0] for path in library.records.glob("*.md")})
    near = [name for name in known if slug_like(name) == slug_like(slug)] or known[:5]
    raise NewEntryError(
        f"--version-of {quote(slug)}: no record has this slug; "
        f"slugs are the first part of the file names, e.g. {allowed(near, 5)}"
    )


def _refuse_clash(library: Library, record: Path, slug: str, lang: str, version_of) -> None:
    name = record.relative_to(library.root)
    if record.exists() and version_of:
        raise NewEntryError(
            f"{name} exists already: {slug} has a {lang} version; give --lang if the PDF is in "
            "another language; nothing was written"
        )
    if record.exists():
        raise NewEntryError(f"{name} exists already: give another --slug; nothing was written")
    others = sorted(library.records.glob(f"{slug}.*.md"))
    if others and not version_of:
        raise NewEntryError(
            f"the slug {quote(slug)} is taken by {others[0].name}: add --version-of {slug} if "
            f"this PDF is its {lang} version, else give another --slug; nothing was written"
        )


def _pdf_target(library: Library, pdf: Path) -> Path:
    """Where the PDF is kept: where it is, if it is in publications/ already."""
    source = pdf.resolve()
    if source.is_relative_to(library.pdfs.resolve()):
        return source
    target = library.pdfs.resolve() / pdf.name
    if target.exists() and not filecmp.cmp(source, target, shallow=False):
        raise NewEntryError(
            f"publications/{pdf.name} exists and is a different file: rename the new PDF, "
            "or replace the old one yourself if it is meant; nothing was written"
        )
    return target


def _still_to_fill(library: Library, record: Path) -> list[str]:
    """The build's errors on the new record: what the editor must add before it builds."""
    label = record.relative_to(library.root).as_posix()
    try:
        read_publication(record, label, library.vocabulary, library.pdfs)
    except ContentErrors as exc:
        return [str(error) for error in exc.errors]
    return []
