"""The link checker: in a built site, every href, src and srcset that is not external must name
a file inside the site (not a folder, which a browser shows as a directory listing from
`file://`), and no page may load anything from another host. Links to other sites that a
reader follows (<a href="https://...">) are allowed: they are not requests the page makes."""

import os
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LOADING = {"src", "srcset", "data", "poster"}  # attributes whose URL the browser fetches itself


@dataclass(frozen=True)
class Problem:
    page: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.url}: {self.reason}"


class References(HTMLParser):
    """(tag, attribute, URL) of every href, src, srcset, data and poster of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "srcset":
                urls = [c.split()[0] for c in value.split(",") if c.strip()]
            elif name in LOADING or name == "href":
                urls = [value.strip()]
            else:
                continue
            self.found += [(tag, name, url) for url in urls]


def check_site(root: Path) -> tuple[int, list[Problem]]:
    """The number of internal links checked, and every problem found."""
    root = Path(os.path.realpath(root))
    files, folders = set(), {str(root)}
    for folder, subfolders, names in os.walk(root):
        folders.update(os.path.join(folder, name) for name in subfolders)
        files.update(os.path.join(folder, name) for name in names)
    checked, problems = 0, []
    for page in sorted(path for path in files if path.endswith(".html")):
        references = References()
        with open(page, encoding="utf-8") as html:
            references.feed(html.read())
        label = os.path.relpath(page, root).replace(os.sep, "/")
        for tag, attribute, url in references.found:
            parts = urlsplit(url)
            if url.startswith("#") or parts.scheme == "data":
                continue  # this page, or data carried in the page
            if parts.scheme or parts.netloc:
                if attribute in LOADING or tag == "link":
                    reason = "loaded from another host; the site must carry it"
                    problems.append(Problem(label, url, reason))
                continue  # a link to another place, followed by the reader
            checked += 1
            target = os.path.normpath(os.path.join(os.path.dirname(page), unquote(parts.path)))
            reason = _internal_problem(str(root), files, folders, url, target)
            if reason:
                problems.append(Problem(label, url, reason))
    return checked, problems


def _internal_problem(root: str, files: set, folders: set, url: str, target: str) -> str | None:
    if url.startswith("/"):
        return "an absolute path, which breaks from a folder or a zip; use a relative link"
    if not target.startswith(root + os.sep):
        return "points outside the site"
    if target in folders:
        return "names a folder, which a browser shows as a listing; link to its index.html"
    if target not in files:
        return "no such file in the site"
    return None
