"""Pelican settings for the library. Paths are relative to this folder."""

# Texts shown on every page, in each UI language (English where one is missing).
SITE_NAMES = {
    "en": "Child Protection Publication Library",
    "fr": "Bibliothèque de publications sur la protection de l'enfance",
    "es": "Biblioteca de publicaciones sobre protección de la infancia",
}
SITENAME = SITE_NAMES["en"]
SITE_OWNER = "Example Child Protection Network"
SITE_NOTICES = {
    "en": "This is a demonstration library: its publications are sample content written for "
    "the project and attributed to a fictional network.",
    "fr": "Ceci est une bibliothèque de démonstration : ses publications sont des exemples "
    "rédigés pour le projet et attribués à un réseau fictif.",
    "es": "Esta es una biblioteca de demostración: sus publicaciones son contenidos de ejemplo "
    "redactados para el proyecto y atribuidos a una red ficticia.",
}
SITEURL = ""
# The OAI-PMH static repository (oai.xml, written by `invoke publish`): who answers harvesters'
# questions, and the static repository gateway that makes it harvestable, once one does.
OAI_ADMIN_EMAIL = "library@example.org"
OAI_GATEWAY_URL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
# The default language is the site's root, each other one a sub-site (fr/, es/). Adding one:
# `invoke translations-init --lang de`, translate the catalogue, then list it here.
UI_LANGUAGES = ["en", "fr", "es"]
TRANSLATIONS_PATH = "theme/translations"

PATH = "content"
PUBLICATIONS_CONTENT_PATH = "content/publications"
PUBLICATIONS_PDF_PATH = "publications"
VOCABULARY_PATH = "content/vocabulary"
HISTORY_PATH = "content/history.yml"  # written by each build: the "What's new" page reads it
PUBLICATION_SAVE_AS = "publications/{slug}-{lang}.html"

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# In pipeline order ("citations" needs the pages' URLs, which "publications" sets).
PLUGINS = [
    "pdf_text",
    "covers",
    "taxonomy",
    "publications",
    "citations",
    "search",
    "related",
    "discovery",
]
JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}

# Every link is relative and names a file, so the site works from a folder or a zip.
RELATIVE_URLS = True
# Cards per listing page: a grid of 2, 3 or 4 columns fills evenly, and the offline copy (a
# file per page) keeps to a few files per 24 publications.
PAGINATED_TEMPLATES = {"publications": 24, "term": 24}
DEFAULT_PAGINATION = 24

# The publications generator writes every page; Pelican's blog pages are switched off.
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
DIRECT_TEMPLATES = []
ARTICLE_SAVE_AS = PAGE_SAVE_AS = ""
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = TAGS_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False

# PDF text: extracted once per file content, kept here between builds (safe to delete).
PDF_TEXT_CACHE_PATH = "cache/pdf-text"
PDF_TEXT_WORKERS = 0  # 0: one process per core
PDF_TEXT_SECONDS_PER_FILE = 120
PDF_TEXT_MEMORY_PER_WORKER = 2 * 1024**3
# Where PDFs are extracted: "" for this machine's processes, or "dask://HOST:PORT" for a Dask
# cluster's workers (`invoke build --dask HOST:PORT`; docs/maintainer-guide.md#large-libraries).
PDF_TEXT_EXECUTOR = ""
# The PDF text and cover entries in a store several machines share (a mounted folder, or an
# fsspec URL such as s3://bucket/library-cache); "" keeps them in the folders above.
CACHE_STORE = ""

# Covers (the first page of each PDF as images): rendered once per file content, kept here
# between builds (safe to delete). A first page takes milliseconds: a file gets 30 s at most.
COVERS_CACHE_PATH = "cache/covers"
COVERS_SECONDS_PER_FILE = 30

# Tags suggested from the text: kept here between builds (safe to delete).
TAXONOMY_CACHE_PATH = "cache/taxonomy"

# Search: the Whoosh index (`invoke search`) is written here, inside the output folder; both
# indexes are kept between builds in the cache folder and rebuilt when a publication changed.
SEARCH_INDEX_PATH = "whoosh"
SEARCH_CACHE_PATH = "cache/search"
