"""The Pelican generator of the library: reads every publication record, adds its PDF's text, and
writes the publication pages, the listings and the PDFs themselves."""

import fcntl
import functools
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

from pelican.generators import Generator

from . import abstracts, i18n
from .consistency import library_warnings
from .errors import ContentError, ContentErrors
from .facets import facet_pages
from .feeds import feed_paths, term_feed_path, write_feeds, write_term_feed
from .grouping import one_per_publication
from .history import History, read_history, record_changes, shown_changes, today, write_history
from .hooks import publications_read, publications_with_text, publications_written, send
from .records import Publication, read_publication
from .vocabulary import Term, Vocabulary, load_vocabulary

FICLONE = 0x40049409  # Linux's ioctl that clones a file's blocks (a "reflink")


def search_facets():
    """The facets as the search names them (plugins/search/contract.py). The search plugin
    loads after this one, as plugins load in pipeline order: its contract is read when the
    pages are written."""
    from search.contract import FACETS

    return FACETS


def search_name(page: str) -> str:
    """The search's name of the facet whose pages are in the folder `page`."""
    return next(facet.name for facet in search_facets() if facet.page == page)


class BuildFailed(SystemExit):
    """Stops the build after every content error has been listed, without a traceback."""

    def __init__(self):
        super().__init__(1)


class PublicationsGenerator(Generator):
    def generate_context(self):
        errors: list[ContentError] = []
        vocabulary = self._vocabulary(errors)
        records = self._records(vocabulary, errors) if vocabulary else []
        plugins = missing_plugins()
        if vocabulary and not plugins:
            # The valid records go on even when others have errors, so that every error of the
            # content (a language that can't be detected, a version described twice) is listed.
            send(publications_read, self, publications=records)
            send(publications_with_text, self, publications=records, vocabulary=vocabulary)
        if vocabulary:
            undetected_languages(records, vocabulary.languages[self.settings["DEFAULT_LANG"]])
        errors += plugins + duplicate_versions(records)
        history = self._history(errors)
        if errors:
            report_errors(errors)
            raise BuildFailed()
        for record in records:
            self._describe(record)
        link_versions(records)
        for warning in library_warnings(records, Path(self.settings["PUBLICATIONS_PDF_PATH"])):
            print(f"warning: {warning}", file=sys.stderr)
        records.sort(key=lambda r: (r.date.value, r.title), reverse=True)
        self.history_changed = record_changes(history, records, today())
        self.history = history
        self.publications = records
        self.vocabulary = vocabulary
        self.translations = self._translations()
        self.context.update(publications=records, vocabulary=vocabulary, feeds=feed_paths(records))

    def _translations(self) -> dict:
        folder = Path(self.settings["TRANSLATIONS_PATH"])
        try:
            return {lang: i18n.load_translations(folder, lang) for lang in self._ui_languages()}
        except ContentErrors as exc:
            report_errors(exc.errors)
            raise BuildFailed() from None

    def _ui_languages(self) -> list[str]:
        """The default language first: its sub-site is the site's root."""
        default = self.settings["DEFAULT_LANG"]
        return [default] + [lang for lang in self.settings["UI_LANGUAGES"] if lang != default]

    def generate_output(self, writer):
        pdf_root = Path(self.settings["PUBLICATIONS_PDF_PATH"])
        for record in self.publications:
            place_file(pdf_root / record.pdf_name, Path(self.output_path, record.pdf_url))
        readme = []
        for lang in self._ui_languages():
            self.env.install_gettext_translations(self.translations[lang], newstyle=True)
            self._write_subsite(writer, lang)
            readme.append(self._readme_section(lang))
        # A folder or a zip has no web server to show the way in: README.txt says what to open.
        # Windows line ends and a byte order mark, so that older Notepads show it right too.
        Path(self.output_path, "README.txt").write_text(
            "\n".join(readme), encoding="utf-8-sig", newline="\r\n"
        )
        write_feeds(self.publications, Path(self.output_path), self.settings)
        send(
            publications_written,
            self,
            publications=self.publications,
            vocabulary=self.vocabulary,
            output_path=Path(self.output_path),
        )
        if self.history_changed:  # once the whole site is written: the history it shows
            write_history(self.history, Path(self.settings["HISTORY_PATH"]))
        slugs = {record.slug for record in self.publications}
        versions = len(self.publications)
        print(
            f"{len(slugs)} publication{'s' * (len(slugs) != 1)} in {versions} language "
            f"version{'s' * (versions != 1)}"
        )

    def _write_subsite(self, writer, lang: str) -> None:
        """Every page, in one UI language."""
        write = functools.partial(self._write, writer, lang)
        for record in self.publications:
            write(record.url, "publication", publication=record)
        default = self.settings["DEFAULT_LANG"]
        facets = facet_pages(self.publications, self.vocabulary, lang, default)
        listed = one_per_publication(self.publications, lang, default)
        write("index.html", "index", newest=listed[:6], facets=facets)
        write(
            "search.html",
            "search",
            search_labels=self._search_labels(facets, lang),
            search_facets=search_facets(),
        )
        write("reading-list.html", "reading-list")
        write("whats-new.html", "whats-new", changes=shown_changes(self.history, self.publications))
        listing = functools.partial(self._write_listing, write, lang)
        listing("publications/index.html", "publications", listed)
        for facet in facets:
            write(facet["url"], "facet", facet=facet)
            for entry in facet["terms"]:
                if not entry["url"]:
                    continue
                term, listed = entry["term"], entry["publications"]
                feed = term_feed_path(facet["name"], term.key)
                if feed:
                    output = self.output_path
                    write_term_feed(output, lang, facet["name"], term, listed, self.settings)
                listing(entry["url"], "term", listed, facet=facet, term=term, feed=feed)

    def _readme_section(self, lang: str) -> str:
        index = i18n.prefix(lang, self.settings["DEFAULT_LANG"]) + "index.html"
        return self.env.get_template("README.txt").render(self.context, UI_LANG=lang, index=index)

    def _search_labels(self, facets: list[dict], lang: str) -> dict:
        """The search page's facet values, by search facet: their labels in the UI language,
        and their order, which is the home page's (a JSON object would put years in its own)."""
        used = {
            search_name(facet["name"]): [entry["term"] for entry in facet["terms"] if entry["url"]]
            for facet in facets
        }
        return {
            "labels": {name: {t.key: t.label(lang) for t in terms} for name, terms in used.items()},
            "order": {name: [term.key for term in terms] for name, terms in used.items()},
        }

    def _write_listing(self, write, lang, path, template, records, **values) -> None:
        """A listing of `records`. Unless it lists one language already, it leads to the search
        page showing the publications available in the UI language, which needs no page of its
        own and can be narrowed further there."""
        own = None
        facet, term = values.get("facet"), values.get("term")
        if not facet or facet["name"] != "languages":
            filters = [(search_name(facet["name"]), term.key)] if facet else []
            own = {
                "url": "search.html?" + urlencode([*filters, ("lang", lang)]),
                "count": sum(record.lang.key == lang for record in records),
            }
        write(
            path,
            template,
            url=path,
            paginated={"listing": records},
            listing=records,
            own=own,
            **values,
        )

    def _write(self, writer, lang, name, template, url=None, paginated=None, **values):
        subsite = i18n.prefix(lang, self.settings["DEFAULT_LANG"])
        writer.write_file(
            subsite + name,
            self.get_template(template),
            self.context,
            relative_urls=True,
            paginated=paginated,
            template_name=template,
            url=subsite + url if url else None,
            UI_LANG=lang,
            **values,
        )

    def _vocabulary(self, errors) -> Vocabulary | None:
        try:
            vocabulary = load_vocabulary(
                Path(self.settings["VOCABULARY_PATH"]), self.settings["UI_LANGUAGES"]
            )
        except ContentErrors as exc:
            errors.extend(exc.errors)
            return None
        for warning in vocabulary.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        return vocabulary

    def _history(self, errors) -> History | None:
        path = Path(self.settings["HISTORY_PATH"])
        try:
            return read_history(path, self._label(path))
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
        record.excerpt = abstracts.excerpt(record.abstract_html)

    def _label(self, path) -> str:
        """A path as editors know it: relative to the project folder."""
        try:
            return Path(path).resolve().relative_to(Path.cwd()).as_posix()
        except ValueError:
            return str(path)


def place_file(source: Path, target: Path) -> None:
    """Puts a file into the site as a file of its own: a PDF replaced in publications/ or a
    damaged cache never changes the published site without a build. A copy-on-write clone
    where the file system makes them (Btrfs, XFS: instant, no space), else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    with open(source, "rb") as original, open(target, "wb") as copy:
        try:
            fcntl.ioctl(copy.fileno(), FICLONE, original.fileno())
            return
        except OSError:
            pass
    shutil.copyfile(source, target)


def missing_plugins() -> list[ContentError]:
    if publications_read.receivers:
        return []  # taxonomy is optional: without it, tags are only what editors wrote
    message = "list 'pdf_text' (and 'taxonomy') before 'publications'"
    return [ContentError("pelicanconf.py", message, field="PLUGINS")]


def undetected_languages(records: list[Publication], default: Term) -> None:
    """A version whose language is neither written nor detectable (a scan) is published in the
    site's default language, marked "language not known", and a warning says so: one record
    the editor can fix later never holds back the library."""
    for record in records:
        if record.lang is None:
            record.lang, record.language_unknown = default, True
            print(
                f"warning: {record.label}: lang: missing, and the language could not be "
                f"detected from the PDF (a scan?); published as '{default.key}' and marked "
                f"\"language not known\"; add a line such as 'lang: {default.key}'",
                file=sys.stderr,
            )


def duplicate_versions(records: list[Publication]) -> list[ContentError]:
    seen: dict[tuple[str, str], Publication] = {}
    errors = []
    for record in records:
        if record.lang is None:  # reported on its own
            continue
        key = (record.slug, record.lang.key)
        if key in seen:
            errors.append(
                ContentError(
                    record.label,
                    f"'{record.slug}' in '{record.lang.key}' is also described by "
                    f"{seen[key].label}; "
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


def report_errors(errors: list[ContentError]) -> None:
    # Plain lines on stderr rather than Pelican's log, which wraps them: editors read and grep them.
    print(f"{len(errors)} error(s) in the content; nothing was published:", file=sys.stderr)
    for error in sorted(errors, key=lambda error: (error.path, error.line or 0)):
        print(f"  {error}", file=sys.stderr)
