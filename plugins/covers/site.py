"""What the site gets of the covers: `record.cover` for the templates, and the image files.

A PDF's images mirror its path inside publications/: `sub/a.pdf` gets `covers/sub/a-160.webp`
and `covers/sub/a-320.webp`, shared by every record that names it.
"""

from pathlib import Path

from .cache import CoverCache, Entry
from .render import WIDTHS

FOLDER = "covers"


def cover_stems(names) -> dict[str, str]:
    """Each PDF's path in covers/ without its width: its path without `.pdf`, or the whole
    path where that is taken already (`a.pdf` and `a.PDF` are two PDFs)."""
    stems, taken = {}, set()
    for name in sorted(names):
        stem = name[: -len(".pdf")] if name.lower().endswith(".pdf") else name
        stems[name] = name if stem in taken else stem
        taken.add(stems[name])
    return stems


def cover(entry: Entry, stem: str) -> dict | None:
    """`record.cover`: {"small": {"url", "width", "height"}, "large": {...}}, URLs relative to
    the site's root; None when the PDF has no cover."""
    if entry.problem:
        return None
    return {
        name: {
            "url": f"{FOLDER}/{stem}-{width}.webp",
            "width": width,
            "height": entry.heights[width],
        }
        for name, width in WIDTHS.items()
    }


def place_covers(publications, cache: CoverCache, output: Path) -> tuple[int, int]:
    """Copies every cover's images from the cache into the site (copies or clones, never links:
    a damaged cache can't change a published site; from a remote store, its bytes); returns the
    files and bytes placed."""
    # Imported here: this plugin loads before the publications plugin (plugins load in pipeline
    # order, from PLUGIN_PATHS), which is loaded by the time the site is written.
    from publications.generator import place_file

    placed = {}
    for record in publications:
        for image in (record.cover or {}).values():
            if image["url"] not in placed:
                target = output / image["url"]
                key = cache.image(record.pdf_digest, image["width"])
                if cache.store.is_local:
                    place_file(cache.store.local_path(key), target)
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(cache.store.read(key))
                placed[image["url"]] = target.stat().st_size
    return len(placed), sum(placed.values())
