"""Extracted text kept between builds, keyed by the PDF's content hash and the extractor's version.

- A changed extractor (a new version string) re-extracts; a renamed or copied file does not.
- A file whose size and modification time are as last seen is not even read: the index of
  `path -> (size, mtime, hash)` answers for it, so a rebuild with nothing changed opens no PDF.
- Entries are written to a temporary file and renamed into place, so a build interrupted at any
  moment never leaves a half-written entry to be read back, and two builds at once only ever
  replace an entry with an identical one.
"""

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .extraction import PdfText


class TextCache:
    def __init__(self, folder: Path, version: str):
        self.folder = Path(folder) / version
        self.index_path = self.folder / "files.json"
        self.index: dict[str, list] = _read_json(self.index_path) or {}

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
        data = _read_json(self._entry(digest))
        return PdfText.from_dict(data) if data else None

    def put(self, digest: str, text: PdfText) -> None:
        _write_json(self._entry(digest), text.to_dict())

    def save_index(self) -> None:
        _write_json(self.index_path, self.index)

    def _entry(self, digest: str) -> Path:
        return self.folder / digest[:2] / f"{digest}.json"


def file_digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # absent, or damaged by something other than this code
        return None


def _write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
