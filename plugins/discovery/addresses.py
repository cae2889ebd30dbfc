"""The absolute addresses that machines are given: only under `invoke publish`, where SITEURL
names the public address. An offline copy knows no address of its own, so without SITEURL
there are none and nothing of this plugin is written."""

from urllib.parse import quote

from publications.i18n import prefix


class Addresses:
    def __init__(self, settings: dict):
        self.site = (settings.get("SITEURL") or "").rstrip("/")
        self.ui_languages = settings["UI_LANGUAGES"]
        self.default_lang = settings["DEFAULT_LANG"]

    def __bool__(self) -> bool:
        return bool(self.site)

    def of(self, path: str) -> str:
        """The address of a file given by its path from the site's root."""
        return f"{self.site}/{quote(path)}"

    def own_ui(self, record) -> str:
        """The UI language a version is read in: its own where the site has it."""
        lang = record.lang.key
        return lang if lang in self.ui_languages else self.default_lang

    def page(self, record, ui_lang: str | None = None) -> str:
        """The address of a version's page, in the UI of its own language unless told."""
        ui_lang = ui_lang or self.own_ui(record)
        return self.of(prefix(ui_lang, self.default_lang) + record.url)

    def pdf(self, record) -> str:
        return self.of(record.pdf_url)

    def cover(self, record) -> str | None:
        return self.of(record.cover["large"]["url"]) if record.cover else None
