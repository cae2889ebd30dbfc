"""Pelican plugin: citations. Each language version of a publication gets a reference in every
UI language (citeproc-py, Harvard style, the CSL locale of the page) and files to download:
BibTeX, RIS and CSL-JSON, in the site's cite/ folder, plus the script the reading list loads.

List it after 'publications' in PLUGINS. Templates call `citation(record)` (the reference in the
page's language, the files' paths); base.html gives the reading list `citation_page_pattern`,
which finds a version's id in the address of its page. The files are written when the
publications generator sends `publications_written`.
"""

from jinja2 import pass_context
from pelican import signals
from publications.hooks import publications_written

from .site import Citations, page_pattern


def prepare_templates(generator) -> None:
    # Every generator's templates get the global; the publications generator writes the files.
    citations = generator.citations = Citations(generator.settings)

    @pass_context
    def citation(context, record):
        return citations.for_page(record, context["UI_LANG"])

    generator.env.globals.update(
        citation=citation,
        citation_page_pattern=page_pattern(generator.settings["PUBLICATION_SAVE_AS"]),
    )


def write_files(generator, publications, output_path, **_) -> None:
    written = generator.citations.write(publications, output_path)
    versions = len(publications)
    print(f"Citations: {written} files for {versions} language version{'s' * (versions != 1)}")


def register():
    signals.generator_init.connect(prepare_templates)
    publications_written.connect(write_files)
