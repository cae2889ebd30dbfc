"""Pelican plugin: the library described to machines, under `invoke publish` (SITEURL set).

Publication pages get Google Scholar's Highwire Press tags, schema.org JSON-LD, Open Graph and
Twitter card tags and a canonical link (`_discovery.html`); every page a canonical link. The
site gets sitemap.xml, robots.txt and oai.xml (an OAI-PMH static repository). Without SITEURL
(the default and offline builds) there is no absolute address to give, and none of it is
written: an offline copy keeps only relative links.

List it after 'publications' (and 'covers') in PLUGINS.
"""

from jinja2 import pass_context
from pelican import signals
from publications.generator import PublicationsGenerator
from publications.hooks import publications_written

from .addresses import Addresses
from .head import head_tags
from .oai import write_oai
from .schema import script_json, work
from .sitemap import page_of, write_robots, write_sitemap


class Discovery:
    """One build's addresses and the pages written so far, for the sitemap."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.addresses = Addresses(settings)
        self.pages = []

    def head(self, record):
        settings = self.settings
        site_name = settings["SITE_NAMES"].get(settings["DEFAULT_LANG"], "")
        return head_tags(record, self.addresses, settings["SITE_OWNER"], site_name)

    def json_ld(self, record):
        settings = self.settings
        return script_json(
            work(record, self.addresses, settings["SITE_OWNER"], settings["DEFAULT_LANG"])
        )


build: Discovery | None = None  # the build in progress: Pelican builds one site per process


def prepare_templates(generator) -> None:
    global build
    discovery = Discovery(generator.settings)
    if isinstance(generator, PublicationsGenerator):
        build = discovery

    @pass_context
    def canonical_address(context) -> str:
        return discovery.addresses.of(context["output_file"]) if discovery.addresses else ""

    generator.env.globals.update(
        discovery=discovery if discovery.addresses else None,
        canonical_address=canonical_address,
    )


def page_written(path, context) -> None:
    if build and build.addresses and "output_file" in context and "UI_LANG" in context:
        build.pages.append(page_of(context, build.addresses))


def write_files(generator, publications, output_path, **_) -> None:
    if not (build and build.addresses):
        return
    files = write_sitemap(build.pages, build.addresses, output_path)
    write_robots(build.addresses, output_path)
    write_oai(publications, build.addresses, generator.settings, output_path)
    print(
        f"Discovery: {', '.join(files)} ({len(build.pages)} pages), robots.txt, "
        f"oai.xml ({len(publications)} records)"
    )


def register():
    signals.generator_init.connect(prepare_templates)
    signals.content_written.connect(page_written)
    publications_written.connect(write_files)
