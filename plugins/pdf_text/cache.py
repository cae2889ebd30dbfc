"""Extracted text kept between builds, keyed by the PDF's content hash and the extractor's version.

- A changed extractor (a new version string) re-extracts; a renamed or copied file does not.
- A file whose size and modification time are as last seen is not even read: the index of
  `path -> (size, mtime, hash)` answers for it, so a rebuild with nothing changed opens no PDF.
- Entries live in a store (store.py): this folder, or one that several machines share
  (`CACHE_STORE`). They are written atomically, so a build interrupted at any moment never
  leaves a half-written entry to be read back. The index of files is this checkout's own: it
  stays in the local folder.
- Entries are checked when read: an entry that is not what this code wrote (its shape, and the
  checksum it carries of its text) is taken as missing, reported, and written again.
"""

import hashlib
import json
from pathlib import Path

from .extraction import PdfText
from .store import Store

INDEX = "files.json"


class TextCache:
    def __init__(self, folder: Path, version: str, store: Store | None = None):
        self.folder = Path(folder) / version
        self.local = Store(self.folder)
        self.entries = (store or Store(folder)).child(version)
        self.index: dict[str, list] = _valid_index(_loads(self.local.read(INDEX)))
        self.damaged: list[str] = []  # entries found damaged by this build

    def digest_of(self, name: str, path: Path) -> tuple[str, bool]:
        """The content hash of `path` and whether the file had to be read to know it."""
        stat = path.stat()
        known = self.index.get(name)
        if known and known[:2] == [stat.st_size, stat.st_mtime_ns]:
            return known[2], False
        digest = file_digest(path)
        self.index[name] = [stat.st_size, stat.st_mtime_ns, digest]
        return digest, True

    def get(self, digest: str) -> PdfText | None:
        stored = self.entries.read(_key(digest))
        if stored is None:
            return None
        text = _checked(_loads(stored))
        if text is None:
            self.damaged.append(self.entries.name(_key(digest)))
        return text

    def put(self, digest: str, text: PdfText) -> None:
        data = text.to_dict()
        self.entries.write(_key(digest), _dumps({"checksum": _checksum(data), "text": data}))

    def save_index(self) -> None:
        self.local.write(INDEX, _dumps(self.index))


def _key(digest: str) -> str:
    return f"{digest[:2]}/{digest}.json"


def _checksum(data: dict) -> str:
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def _checked(entry) -> PdfText | None:
    """The text an entry holds, if it is whole: the shape this code writes, and its checksum."""
    if not isinstance(entry, dict) or set(entry) != {"checksum", "text"}:
        return None
    data = entry["text"]
    if not isinstance(data, dict) or entry["checksum"] != _checksum(data):
        return None
    try:
        text = PdfText.from_dict(data)
    except (TypeError, ValueError):
        return None
    return text if text.is_valid() else None


def _valid_index(data) -> dict[str, list]:
    """The index of files, without the entries that are not [size, mtime, hash]."""
    if not isinstance(data, dict):
        return {}
    return {
        name: known
        for name, known in data.items()
        if isinstance(known, list)
        and len(known) == 3
        and all(isinstance(n, int) for n in known[:2])
        and isinstance(known[2], str)
    }


def file_digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _loads(data: bytes | None):
    try:
        return json.loads(data) if data is not None else None
    except ValueError:  # damaged by something other than this code
        return None


def _dumps(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass"
    )
