"""Pelican plugin: publications described by Markdown front matter, with their PDFs."""

from pelican import signals

from .filters import FILTERS
from .generator import PublicationsGenerator


def get_generators(pelican):
    return PublicationsGenerator


def prepare_templates(generator):
    generator.env.filters.update(FILTERS)
    # Templates mark their text with _() so that it can be translated; untranslated until then.
    generator.env.install_null_translations(newstyle=True)


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(prepare_templates)
