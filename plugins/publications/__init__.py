"""Pelican plugin: publications described by Markdown front matter, with their PDFs."""

from pelican import signals

from .filters import FILTERS
from .generator import PublicationsGenerator, search_name
from .i18n import GLOBALS


def get_generators(pelican):
    return PublicationsGenerator


def prepare_templates(generator):
    generator.env.filters.update(FILTERS)
    generator.env.globals.update(GLOBALS, search_name=search_name)
    # The publications generator installs each UI language's catalogue in turn.
    generator.env.install_null_translations(newstyle=True)


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(prepare_templates)
