"""Pelican settings for the library. Paths are relative to this folder."""

SITENAME = "Child Protection Publication Library"
SITE_OWNER = "Example Child Protection Network"
SITE_NOTICE = (
    "This is a demonstration library: its publications are sample content written for the "
    "project and attributed to a fictional network."
)
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
UI_LANGUAGES = ["en", "fr", "es"]

PATH = "content"
PUBLICATIONS_CONTENT_PATH = "content/publications"
PUBLICATIONS_PDF_PATH = "publications"
VOCABULARY_PATH = "content/vocabulary"
PUBLICATION_SAVE_AS = "publications/{slug}-{lang}.html"

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["pdf_text", "taxonomy", "publications"]  # in pipeline order
JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}

# Every link is relative and names a file, so the site works from a folder or a zip.
RELATIVE_URLS = True
PAGINATED_TEMPLATES = {"publications": 12, "term": 12}
DEFAULT_PAGINATION = 12

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

# Tags suggested from the text: kept here between builds (safe to delete).
TAXONOMY_CACHE_PATH = "cache/taxonomy"
