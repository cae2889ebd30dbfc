"""The Pelican generator of the library: reads every publication record, adds its PDF's text, and
writes the publication pages, the listings and the PDFs themselves."""

import os
import shutil
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pelican.generators import Generator

from . import abstracts
from .errors import ContentError, ContentErrors
from .hooks import publications_read
from .records import Publication, read_publication
from .vocabulary import Term, Vocabulary, load_vocabulary


@dataclass(frozen=True)
class Facet:
    """A way into the library (by type, theme, region, language) and the terms a record has."""

    name: str  # the folder of its pages, e.g. "themes"
    vocabulary: str  # the Vocabulary attribute holding its terms

    def terms_of(self, record: Publication) -> list[Term]:
        value = getattr(record, {"types": "type", "languages": "lang"}.get(self.name, self.name))
        return value if isinstance(value, list) else [value]


FACETS = (
    Facet("types", "types"),
    Facet("themes", "themes"),
    Facet("regions", "regions"),
    Facet("languages", "languages"),
)


class BuildFailed(SystemExit):
    """Stops the build after every content error has been logged, without a traceback."""

    def __init__(self, count: int):
        super().__init__(1)
        self.count = count


class PublicationsGenerator(Generator):
    def generate_context(self):
        errors: list[ContentError] = []
        vocabulary = self._vocabulary(errors)
        records = self._records(vocabulary, errors) if vocabulary else []
        errors.extend(duplicate_versions(records, self._label))
        if not publications_read.receivers:
            errors.append(
                ContentError(
                    "pelicanconf.py", "list 'pdf_text' before 'publications'", field="PLUGINS"
                )
            )
        if errors:
            report_errors(errors)
            raise BuildFailed(len(errors))
        publications_read.send(self, publications=records)
        for record in records:
            self._describe(record)
        link_versions(records)
        records.sort(key=lambda r: (r.date.value, r.title), reverse=True)
        self.publications = records
        self.context.update(
            publications=records, vocabulary=vocabulary, facets=facet_counts(records, vocabulary)
        )

    def generate_output(self, writer):
        pdf_root = Path(self.settings["PUBLICATIONS_PDF_PATH"])
        for record in self.publications:
            self._write(writer, record.save_as, "publication", publication=record)
            place_file(pdf_root / record.pdf_name, Path(self.output_path, record.pdf_url))
        self._write(writer, "index.html", "index", newest=self.publications[:6])
        slugs = {record.slug for record in self.publications}
        print(f"{len(slugs)} publications in {len(self.publications)} language versions")
        self._write(
            writer,
            "publications/index.html",
            "publications",
            url="publications/index.html",
            listing=self.publications,
            paginated={"listing": self.publications},
        )
        for facet in self.context["facets"]:
            for entry in facet["terms"]:
                self._write(
                    writer,
                    entry["url"],
                    "term",
                    url=entry["url"],
                    facet=facet,
                    term=entry["term"],
                    listing=entry["publications"],
                    paginated={"listing": entry["publications"]},
                )

    def _write(self, writer, name, template, url=None, paginated=None, **values):
        writer.write_file(
            name,
            self.get_template(template),
            self.context,
            relative_urls=True,
            paginated=paginated,
            template_name=template,
            url=url,
            **values,
        )

    def _vocabulary(self, errors) -> Vocabulary | None:
        try:
            return load_vocabulary(
                Path(self.settings["VOCABULARY_PATH"]), self.settings["UI_LANGUAGES"]
            )
        except ContentErrors as exc:
            errors.extend(exc.errors)
            return None

    def _records(self, vocabulary: Vocabulary, errors) -> list[Publication]:
        folder = Path(self.settings["PUBLICATIONS_CONTENT_PATH"])
        pdf_root = Path(self.settings["PUBLICATIONS_PDF_PATH"])
        records = []
        for path in sorted(folder.rglob("*.md")):
            try:
                records.append(read_publication(path, self._label(path), vocabulary, pdf_root))
            except ContentErrors as exc:
                errors.extend(exc.errors)
            except UnicodeDecodeError as exc:
                line = exc.object[: exc.start].count(b"\n") + 1
                errors.append(
                    ContentError(
                        self._label(path),
                        f"is not UTF-8 text (byte {exc.object[exc.start]:#04x}); "
                        "save it with the UTF-8 encoding",
                        line,
                    )
                )
            except OSError as exc:
                errors.append(ContentError(self._label(path), f"cannot be read: {exc.strerror}"))
        return records

    def _describe(self, record: Publication) -> None:
        """Adds what the pages need: URLs and the abstract as HTML."""
        record.save_as = record.url = self.settings["PUBLICATION_SAVE_AS"].format(
            slug=record.slug, lang=record.lang.key
        )
        record.pdf_url = f"pdf/{Path(record.pdf_name).as_posix()}"
        record.abstract_html, record.abstract_from_pdf = abstracts.abstract_html(
            record.abstract, record.pdf.pages
        )

    def _label(self, path) -> str:
        """A path as editors know it: relative to the project folder."""
        try:
            return Path(path).resolve().relative_to(Path.cwd()).as_posix()
        except ValueError:
            return str(path)


def place_file(source: Path, target: Path) -> None:
    """Puts a PDF into the site: a hard link where possible (no copy of thousands of PDFs on
    each build), a copy across file systems."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def duplicate_versions(records: list[Publication], label) -> list[ContentError]:
    seen: dict[tuple[str, str], Publication] = {}
    errors = []
    for record in records:
        key = (record.slug, record.lang.key)
        if key in seen:
            errors.append(
                ContentError(
                    label(record.source_path),
                    f"'{record.slug}' in '{record.lang.key}' is also described by "
                    f"{label(seen[key].source_path)}; "
                    "each language version needs its own slug or lang",
                    None,
                    "slug",
                )
            )
        else:
            seen[key] = record
    return errors


def link_versions(records: list[Publication]) -> None:
    """Gives each record the list of all language versions of its publication, itself included."""
    groups = defaultdict(list)
    for record in records:
        groups[record.slug].append(record)
    for versions in groups.values():
        versions.sort(key=lambda r: r.lang.key)
        for record in versions:
            record.versions = versions


def facet_counts(records: list[Publication], vocabulary: Vocabulary) -> list[dict]:
    """For each facet, its terms that have publications, in vocabulary order, with counts."""
    facets = []
    for facet in FACETS:
        members = defaultdict(list)
        for record in records:
            for term in facet.terms_of(record):
                members[term.key].append(record)
        terms = [
            {
                "term": term,
                "count": len(members[key]),
                "publications": members[key],
                "url": f"{facet.name}/{key}.html",
            }
            for key, term in getattr(vocabulary, facet.vocabulary).items()
            if members[key]
        ]
        facets.append({"name": facet.name, "terms": terms})
    return facets


def report_errors(errors: list[ContentError]) -> None:
    # Plain lines on stderr rather than Pelican's log, which wraps them: editors read and grep them.
    print(f"{len(errors)} error(s) in the content; nothing was published:", file=sys.stderr)
    for error in errors:
        print(f"  {error}", file=sys.stderr)
