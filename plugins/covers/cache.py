"""Covers kept between builds, keyed by the PDF's content hash and the renderer's version.

As the PDF text cache (pdf_text/cache.py): a renamed or copied PDF is not rendered again, a new
renderer version renders every PDF again, and the content hash comes from the text step (it does
not read the PDF either when the file is as last seen).

An entry is `<digest>.json` (what became of the PDF: the size of each image and its SHA-256, or
why it has no cover) and, for a cover, one `<digest>-<width>.webp` a width. Each file is written
to a temporary file and renamed into place, images first, so that an entry never names an image
not yet there. An entry is checked when read (its shape, its checksum, the checksum of each
image): one that is not what this code wrote is taken as missing, reported, and written again.
A PDF that can't be rendered (broken, encrypted, no pages) is kept as such, so that it is not
tried again at every build.
"""

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pdf_text.cache import file_digest

from .render import WIDTHS, Rendering


@dataclass
class Entry:
    """What the cache knows of one PDF: the height of its image at each width, or its problem."""

    heights: dict[int, int] = field(default_factory=dict)
    problem: str | None = None


class CoverCache:
    def __init__(self, folder: Path, version: str):
        self.folder = Path(folder) / version
        self.damaged: list[Path] = []  # entries found damaged by this build

    def image(self, digest: str, width: int) -> Path:
        return self.folder / digest[:2] / f"{digest}-{width}.webp"

    def get(self, digest: str) -> Entry | None:
        path = self._entry(digest)
        if not path.exists():
            return None
        entry = self._checked(_read_json(path), digest)
        if entry is None:
            self.damaged.append(path)
        return entry

    def put(self, digest: str, rendering: Rendering) -> Entry:
        images = {}
        for width, image in rendering.images.items():
            _write(self.image(digest, width), image.data)
            images[str(width)] = {
                "height": image.height,
                "sha256": hashlib.sha256(image.data).hexdigest(),
            }
        data = {"images": images, "problem": rendering.problem}
        _write(self._entry(digest), _json_bytes({"checksum": _checksum(data), "cover": data}))
        heights = {width: image.height for width, image in rendering.images.items()}
        return Entry(heights, rendering.problem)

    def _entry(self, digest: str) -> Path:
        return self.folder / digest[:2] / f"{digest}.json"

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
        path = self.image(digest, width)
        return (
            isinstance(image, dict)
            and isinstance(image.get("height"), int)
            and image["height"] > 0
            and path.is_file()
            and file_digest(path) == image.get("sha256")
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


def _read_json(path: Path):
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):  # absent, or damaged by something other than this code
        return None


def _write(path: Path, data: bytes) -> None:
    """Writes `data` to a temporary file beside `path`, then renames it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
