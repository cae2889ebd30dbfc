"""Tasks: `invoke --list` shows them, `invoke --help TASK` explains one."""

import datetime
import errno
import http.server
import json
import os
import re
import shutil
import socket
import sys
import tempfile
import threading
from pathlib import Path

from invoke import Exit, task

from publishing.build import BuildError, build_site

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
HOST = "127.0.0.1"


@task(
    help={
        "output": "folder to write the site to (default: output/)",
        "dask": "HOST:PORT of a Dask scheduler whose workers extract the PDF text",
        "cache_store": "folder or fsspec URL (s3://...) of a PDF cache that builds share",
    }
)
def build(c, output=str(OUTPUT), dask="", cache_store=""):
    """Build the library from content/ and publications/ into output/."""
    extra = {"PDF_TEXT_EXECUTOR": f"dask://{dask}"} if dask else {}
    if cache_store:
        extra["CACHE_STORE"] = cache_store
    _build_or_exit(Path(output), "pelicanconf.py", extra)


@task(
    help={
        "project": "the library folder to check (default: this one)",
        "suggestions": "list where the text suggests other tags than the front matter",
    }
)
def check(c, project=str(ROOT), suggestions=False):
    """Check all content: errors and warnings, then one line on the tags the text suggests.

    Exits non-zero only on errors (in content or vocabularies), not on warnings or
    suggestions."""
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "site"
        try:
            build_site(output, project=Path(project), extra={"TAXONOMY_CHECK_LANGUAGES": True})
        except BuildError:
            raise Exit("The content has errors (listed above).", code=1) from None
        report = (output / "reports" / "tags.txt").read_text(encoding="utf-8")
    if suggestions:
        print(report, end="")
        return
    files = sum(1 for line in report.splitlines() if line.startswith("content/"))
    print(
        f"No errors. The text suggests other tags than the front matter in {files} file(s): "
        "invoke check --suggestions lists them."
        if files
        else "No errors, and the text suggests no other tags than the front matter."
    )


@task(
    help={
        "pdf": "the PDF to add (copied into publications/ unless it is there already)",
        "lang": "its language (ISO 639-1; default: detected from the text)",
        "slug": "the publication's slug (default: from the file name)",
        "version_of": "the slug of the publication this PDF is a language version of",
        "project": "the library folder (default: this one)",
    }
)
def new(c, pdf, lang=None, slug=None, version_of=None, project=str(ROOT)):
    """Start a publication's record from its PDF: content/publications/<slug>.<lang>.md with
    every field the PDF suggests, to check and complete."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from editing.new_entry import NewEntryError, start_entry

    library = _library(Path(project))
    try:
        entry = start_entry(library, Path(pdf), lang, slug, version_of)
    except NewEntryError as exc:
        raise Exit(str(exc), code=1) from None
    print(f"Wrote {entry.record.relative_to(library.root)}:\n")
    print(entry.record.read_text(encoding="utf-8"))
    if entry.to_fill:
        print("Still to fill in before the library builds:")
        print("\n".join(f"  {line}" for line in entry.to_fill), end="\n\n")
    print(
        f"Edit {entry.record.relative_to(library.root)}, then look at it with `invoke serve`: "
        f"http://{HOST}:8000/{entry.page}"
    )


def _library(project: Path):
    """The library in `project`, as its settings describe it."""
    from publications.errors import ContentErrors
    from publications.vocabulary import load_vocabulary

    import pelicanconf as settings
    from editing.new_entry import Library

    try:
        vocabulary = load_vocabulary(project / settings.VOCABULARY_PATH, settings.UI_LANGUAGES)
    except ContentErrors as exc:
        raise Exit(str(exc), code=1) from None
    return Library(
        root=project,
        records=project / settings.PUBLICATIONS_CONTENT_PATH,
        pdfs=project / settings.PUBLICATIONS_PDF_PATH,
        vocabulary=vocabulary,
        default_lang=settings.DEFAULT_LANG,
        page_path=settings.PUBLICATION_SAVE_AS,
    )


@task(
    help={
        "precompress": "also write .gz and .br siblings of the text files, for hosts that "
        "serve them"
    }
)
def publish(c, precompress=False):
    """Build for a web host with publishconf.py: SITEURL (in the environment) is the public
    address, from which pages get their Scholar, schema.org and Open Graph descriptions and the
    site its sitemap.xml, robots.txt and oai.xml."""
    if not os.environ.get("SITEURL"):
        raise Exit(
            "Set SITEURL to the library's public address, e.g. "
            "SITEURL=https://library.example.org invoke publish",
            code=2,
        )
    _build_or_exit(OUTPUT, "publishconf.py")
    if precompress:
        from publishing.precompress import precompress as compress_site

        files, size, sent = compress_site(OUTPUT)
        print(
            f"Precompressed {files:,} text files: {size / 1e6:.1f} MB, "
            f"{sent / 1e6:.1f} MB as brotli"
        )


def _build_or_exit(output: Path, settings: str, extra=None) -> None:
    try:
        build_site(output, settings, ROOT, extra)
    except BuildError as exc:
        raise Exit(str(exc), code=1) from None
    print(f"Built {output}")


@task(
    help={
        "port": "port on 127.0.0.1 (default 8000)",
        "no_build": "serve output/ as it is, without building or watching",
        "project": "the library folder (default: this one)",
    }
)
def serve(c, port=8000, no_build=False, project=str(ROOT)):
    """Build the library, serve it on http://127.0.0.1:PORT/ and rebuild it whenever a file of
    content/, publications/ or theme/ changes (open pages reload or show the errors), until
    Ctrl-C."""
    from editing.preview import BuildState, handler_for, watch

    project = Path(project).absolute()
    output, state = project / "output", BuildState()
    with _server(int(port), handler_for(output, state)) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"Serving the library at http://{HOST}:{port}/index.html (Ctrl-C stops)")
        try:
            if no_build:
                threading.Event().wait()
            _rebuild(project, output, state)
            print("Watching for changes: a saved file rebuilds the library and reloads the page.")
            watch(project, lambda changed: _rebuild(project, output, state, changed))
        except KeyboardInterrupt:
            print()
        server.shutdown()


def _server(port: int, handler) -> http.server.ThreadingHTTPServer:
    try:
        return http.server.ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        raise Exit(
            f"Port {port} is in use (another `invoke serve`?): "
            f"invoke serve --port {free_port()} would serve the library.",
            code=1,
        ) from None


def _rebuild(project: Path, output: Path, state, changed=()) -> None:
    from editing.preview import errors_of

    if changed:
        shown = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if changed[3:] else "")
        print(f"Changed: {shown}; rebuilding")
    messages: list[str] = []
    try:
        build_site(output, project=project, messages=messages)
    except BuildError:
        state.failed(errors_of(messages))
        print("The open pages show these errors; the watch goes on: fix and save.")
    else:
        state.built()
        print(f"Rebuilt {output}")


def free_port() -> int:
    """A port of the loopback address that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@task(help={"k": "only tests whose name matches this expression (pytest -k)"})
def test(c, k=""):
    """Run every test: unit, integration and browser (needs /usr/bin/chromium)."""
    selection = f" -k '{k}'" if k else ""
    c.run(f"{sys.executable} -m pytest{selection}", pty=sys.stdout.isatty())


@task
def lint(c):
    """Check code style with ruff."""
    c.run(f"{sys.executable} -m ruff check .")
    c.run(f"{sys.executable} -m ruff format --check .")


@task(
    help={
        "part": "pdf-text, search, taxonomy, offline, covers, cluster, scaling or all (default)",
        "publications": "size of the synthetic library (default 1000)",
        "runs": "repetitions of each measure; medians are reported (default 3)",
        "seed": "seed of the synthetic library (default 1)",
        "folder": "where the synthetic library is made and kept between runs",
    }
)
def bench(c, part="all", publications=1000, runs=3, seed=1, folder=""):
    """Benchmark the build; write the figures into docs/maintainer-guide.md and bench/results/."""
    library = Path(folder or tempfile.gettempdir()) / f"library-bench-{publications}-{seed}"
    if part in ("all", "pdf-text"):
        from bench import pdf_pipeline

        results = pdf_pipeline.measure(int(publications), int(runs), int(seed), library)
        record_bench("pdf-text", results, pdf_pipeline.table(results))
    if part in ("all", "search"):
        from bench import search as search_bench

        results = search_bench.measure(int(publications), int(runs), int(seed), library)
        record_bench("search", results, search_bench.table(results))
    if part in ("all", "taxonomy"):
        from bench import inference

        results = inference.measure(max(5, int(runs)))
        record_bench("taxonomy", results, inference.table(results))
    if part in ("all", "offline"):
        from bench import offline

        results = offline.measure(max(5, int(runs)), int(publications), int(seed), library)
        record_bench("offline", results, offline.table(results))
    if part in ("all", "covers"):
        from bench import covers

        results = covers.measure(int(runs), int(publications), int(seed), library)
        record_bench("covers", results, covers.table(results))
    if part in ("all", "cluster"):
        from bench import cluster

        results = cluster.measure(int(publications), int(runs), int(seed), library)
        record_bench("cluster", results, cluster.table(results))
    if part in ("all", "scaling"):
        from bench import scaling

        results = scaling.measure(int(runs), int(seed), library.parent)
        record_bench("scaling", results, scaling.table(results))


def record_bench(name: str, results: dict, figures: str) -> None:
    results["date"] = datetime.date.today().isoformat()
    results["cores"] = os.cpu_count()
    print(figures)
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / f"{name}.json").write_text(json.dumps(results, indent=1) + "\n")
    note = (
        f"Measured by `invoke bench` on {results['date']}: {results['cores']} cores, medians "
        f"of {results['runs']} runs.\n\n"
    )
    replace_section(ROOT / "docs" / "maintainer-guide.md", f"bench:{name}", note + figures)


def replace_section(path: Path, name: str, text: str) -> None:
    """Puts `text` between the <!-- name --> and <!-- /name --> markers of `path`."""
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    content = path.read_text(encoding="utf-8")
    before, _, rest = content.partition(start)
    _, _, after = rest.partition(end)
    if not rest:
        raise Exit(f"{path} has no {start} marker")
    path.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


@task(
    help={
        "query": 'words, "phrases", OR, -exclude, prefix*; --query="-x ..." if it starts with -',
        "lang": "only this language (ISO 639-1); repeatable",
        "type": "only this type; repeatable",
        "theme": "only this theme; repeatable",
        "region": "only this region; repeatable",
        "country": "only this country (ISO 3166-1 code); repeatable",
        "year": "only this year; repeatable",
        "sort": "relevance (default) or date",
        "limit": "how many results (default 10)",
        "json": "print JSON: [{slug, lang, title, type, year, url, score, pages, via}]",
        "exact": "only what the words find, not the versions tagged with a theme or country "
        "the query names",
        "site": "the built site to search (default: output/)",
    },
    iterable=["lang", "type", "theme", "region", "country", "year"],
)
def search(
    c,
    query,
    lang=None,
    type=None,
    theme=None,
    region=None,
    country=None,
    year=None,
    sort="relevance",
    limit=10,
    json=False,
    site=str(OUTPUT),
    exact=False,
):
    """Search the library's Whoosh index (built by `invoke build`) from the shell.

    A query that starts with a minus is given as --query="-hotel tourism"; words after a lone
    -- are added to the query: invoke search tourism -- -hotel."""
    if int(limit) < 1:
        raise Exit(f"--limit takes a number of results of 1 or more, not {limit}.", code=2)
    query = " ".join(part for part in (query, c.remainder) if part)
    sys.path.insert(0, str(ROOT / "plugins"))
    from search.cli import run_search
    from search.contract import FACETS

    chosen = dict(lang=lang, type=type, theme=theme, region=region, country=country, year=year)
    filters = {facet.name: chosen[facet.option] for facet in FACETS}
    from pelicanconf import SEARCH_INDEX_PATH

    folder = Path(site) / SEARCH_INDEX_PATH
    code = run_search(folder, query, filters, sort, int(limit), json, exact)
    if code:
        raise Exit(code=code)


TRANSLATIONS = "theme/translations"
MESSAGES = f"{TRANSLATIONS}/messages.pot"


@task(name="translations-extract")
def translations_extract(c):
    """Collect the UI's text from the templates into theme/translations/messages.pot."""
    c.run(
        f"pybabel extract -F babel.cfg --add-location=file --sort-by-file "
        f"--project=publication-library --copyright-holder='the library contributors' "
        f"-o {MESSAGES} ."
    )


@task(name="translations-update")
def translations_update(c):
    """Extract, then merge new and changed text into every language's catalogue."""
    translations_extract(c)
    c.run(f"pybabel update -i {MESSAGES} -d {TRANSLATIONS} --ignore-obsolete")


@task(name="translations-init", help={"lang": "the new UI language (ISO 639-1), e.g. de"})
def translations_init(c, lang):
    """Start the catalogue of a new UI language; then add it to UI_LANGUAGES in pelicanconf.py."""
    translations_extract(c)
    c.run(f"pybabel init -i {MESSAGES} -d {TRANSLATIONS} -l {lang}")


@task(name="translations-check")
def translations_check(c):
    """Compile every UI language's catalogue as the build does; list untranslated or fuzzy text."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from publications.errors import ContentErrors

    from pelicanconf import UI_LANGUAGES
    from publications import i18n

    incomplete = False
    for lang in UI_LANGUAGES:
        if lang == i18n.SOURCE_LANGUAGE:
            continue
        try:
            i18n.load_translations(ROOT / TRANSLATIONS, lang)
        except ContentErrors as exc:
            raise Exit("\n".join(map(str, exc.errors)), code=1) from None
        missing = i18n.untranslated(ROOT / TRANSLATIONS, lang)
        incomplete = incomplete or bool(missing)
        print(f"{lang}: {len(missing)} message(s) untranslated or fuzzy")
        for message in missing:
            print(f"  {message!r}")
    if incomplete:
        raise Exit("Translate these in the catalogues above; the site shows them in English.", 1)


@task(name="check-links", help={"site": "the built site to check (default: output/)"})
def check_links(c, site=str(OUTPUT)):
    """Check that every internal link of the built site names a file inside it, and that no
    page loads anything from another host."""
    from offline.links import check_site

    checked, problems = check_site(Path(site))
    for problem in problems:
        print(problem)
    print(f"{checked} internal links checked, {len(problems)} problem(s)")
    if problems:
        raise Exit(code=1)


@task(
    name="zip",
    help={
        "since": "the date of a copy in the field (YYYY-MM-DD, as its zip is named) or its zip: "
        "write only what changed since, to unpack over that copy"
    },
)
def zip_library(c, since=""):
    """Build the library for offline use into dist/<site-name>-<YYYY-MM-DD>.zip and print its
    size by kind and what it unpacks into. The same content gives the same bytes. With
    --since DATE or --since OLD.zip, an update pack for the copy of that date or zip instead:
    dist/<site-name>-<YYYY-MM-DD>-update.zip."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from offline.archive import CLUSTER, unpacked, write_zip
    from pelicanconf import SITENAME

    day = _day_or_zip(since)
    name = re.sub(r"[^a-z0-9]+", "-", SITENAME.lower()).strip("-")
    target = ROOT / "dist" / f"{name}-{datetime.date.today().isoformat()}.zip"
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        _build_or_exit(site, "pelicanconf.py")
        if since:
            target = target.with_name(f"{target.stem}-update.zip")
            found = _write_update(site, target, since, day, f"{name}-{day}")
            print(
                f"Wrote {target.relative_to(ROOT)}: {found['bytes'] / 1e6:.2f} MB, "
                f"{found['changed']:,} file(s) new or changed since {Path(since).name}, "
                f"{found['gone']:,} no longer used (listed in its UPDATE.txt)"
            )
            return
    found = write_zip(site, target)
    print(f"Wrote {target.relative_to(ROOT)}: {found.pop('total') / 1e6:.2f} MB")
    for kind, size in found.items():
        print(f"  {kind:14} {size / 1e6:6.2f} MB")
    folder = unpacked(target)
    print(
        f"It unpacks into {target.stem}/: {folder['files']:,} files, "
        f"{folder['bytes'] / 1e6:.2f} MB, taking {folder['on_stick'] / 1e6:.2f} MB on a USB "
        f"stick with {CLUSTER // 1024} kB clusters"
    )


def _day_or_zip(since: str) -> str:
    """The day of --since DATE; "" for --since OLD.zip (or none). Exits on anything else."""
    if not since or Path(since).is_file():
        return ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", since):
        try:
            return datetime.date.fromisoformat(since).isoformat()
        except ValueError:
            raise Exit(f"--since {since}: there is no such day", code=2) from None
    if since.endswith(".zip"):
        raise Exit(f"--since {since}: no such zip", code=2)
    raise Exit(f"--since {since}: give the date of the copy (YYYY-MM-DD) or its zip", code=2)


def _write_update(site: Path, target: Path, since: str, day: str, folder: str) -> dict:
    from publications.history import read_history

    from offline.update import write_update, write_update_since
    from pelicanconf import HISTORY_PATH

    if not day:
        return write_update(site, target, Path(since))
    history = read_history(ROOT / HISTORY_PATH, HISTORY_PATH)
    return write_update_since(site, target, history, day, folder, version_pages())


def version_pages() -> list[str]:
    """Where a language version has its pages, in every UI language ({slug}, {lang})."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from publications.i18n import prefix

    from pelicanconf import DEFAULT_LANG, PUBLICATION_SAVE_AS, UI_LANGUAGES

    return [prefix(lang, DEFAULT_LANG) + PUBLICATION_SAVE_AS for lang in UI_LANGUAGES]


@task(name="demo-pdfs")
def demo_pdfs(c):
    """Regenerate the demo library's PDFs from demo/texts/ (they are committed)."""
    c.run(f"{sys.executable} demo/make_pdfs.py")


@task
def clean(c):
    """Remove the built site."""
    shutil.rmtree(OUTPUT, ignore_errors=True)
