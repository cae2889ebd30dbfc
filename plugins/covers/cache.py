"""Covers kept between builds, keyed by the PDF's content hash and the renderer's version.

As the PDF text cache (pdf_text/cache.py): a renamed or copied PDF is not rendered again, a new
renderer version renders every PDF again, and the content hash comes from the text step (it does
not read the PDF either when the file is as last seen).

An entry is `<digest>.json` (what became of the PDF: the size of each image and its SHA-256, or
why it has no cover) and, for a cover, one `<digest>-<width>.webp` a width, in a store (the
local folder, or the one `CACHE_STORE` names: pdf_text/store.py). Each file is written
atomically, images first, so that an entry never names an image not yet there. An entry is
checked when read (its shape, its checksum, the checksum of each image): one that is not what
this code wrote is taken as missing, reported, and written again. A PDF that can't be rendered
(broken, encrypted, no pages) is kept as such, so that it is not tried again at every build.
"""

import hashlib
import json
from dataclasses import dataclass, field

from pdf_text.store import Store

from .render import WIDTHS, Rendering


@dataclass
class Entry:
    """What the cache knows of one PDF: the height of its image at each width, or its problem."""

    heights: dict[int, int] = field(default_factory=dict)
    problem: str | None = None


class CoverCache:
    def __init__(self, store: Store, version: str):
        self.store = store.child(version)
        self.damaged: list[str] = []  # entries found damaged by this build

    def image(self, digest: str, width: int) -> str:
        """The image's key in the store."""
        return f"{digest[:2]}/{digest}-{width}.webp"

    def get(self, digest: str) -> Entry | None:
        stored = self.store.read(self._entry(digest))
        if stored is None:
            return None
        entry = self._checked(_loads(stored), digest)
        if entry is None:
            self.damaged.append(self.store.name(self._entry(digest)))
        return entry

    def put(self, digest: str, rendering: Rendering) -> Entry:
        images = {}
        for width, image in rendering.images.items():
            self.store.write(self.image(digest, width), image.data)
            images[str(width)] = {
                "height": image.height,
                "sha256": hashlib.sha256(image.data).hexdigest(),
            }
        data = {"images": images, "problem": rendering.problem}
        self.store.write(
            self._entry(digest), _json_bytes({"checksum": _checksum(data), "cover": data})
        )
        heights = {width: image.height for width, image in rendering.images.items()}
        return Entry(heights, rendering.problem)

    def _entry(self, digest: str) -> str:
        return f"{digest[:2]}/{digest}.json"

    def _checked(self, entry, digest: str) -> Entry | None:
        """The entry, if it is whole: the shape this code writes, its checksum and its images'."""
        if not isinstance(entry, dict) or set(entry) != {"checksum", "cover"}:
            return None
        data = entry["cover"]
        if not _is_cover(data) or entry["checksum"] != _checksum(data):
            return None
        images = {int(width): image for width, image in data["images"].items()}
        if not all(self._image_is_whole(digest, width, image) for width, image in images.items()):
            return None
        return Entry({width: image["height"] for width, image in images.items()}, data["problem"])

    def _image_is_whole(self, digest: str, width: int, image) -> bool:
        if not (isinstance(image, dict) and isinstance(image.get("height"), int)):
            return False
        data = self.store.read(self.image(digest, width))
        return (
            image["height"] > 0
            and data is not None
            and hashlib.sha256(data).hexdigest() == image.get("sha256")
        )


def _is_cover(data) -> bool:
    """The shape `put` writes: an image at every width, or a problem and no image."""
    if not isinstance(data, dict) or set(data) != {"images", "problem"}:
        return False
    problem, images = data["problem"], data["images"]
    if not isinstance(images, dict):
        return False
    if problem is None:
        return set(images) == {str(width) for width in WIDTHS.values()}
    return isinstance(problem, str) and not images


def _checksum(data: dict) -> str:
    return hashlib.sha256(_json_bytes(data)).hexdigest()


def _json_bytes(data) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()


def _loads(data: bytes):
    try:
        return json.loads(data)
    except ValueError:  # damaged by something other than this code
        return None
