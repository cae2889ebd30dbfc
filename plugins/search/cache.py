"""The search index is rebuilt only when what it holds changed: it is kept in the cache folder
with the digest of its documents, and linked into each build's output."""

import hashlib
import importlib.metadata
import json
import shutil
from dataclasses import asdict
from pathlib import Path

from .engine import SearchDoc, write_index
from .export import export

# The code that makes the indexes, and the packages of the stemmers: when they change, so may
# the indexes.
CODE = [
    Path(__file__).with_name(name)
    for name in ("contract.py", "analysis.py", "snowball.py", "words.py", "engine.py", "export.py")
]
PACKAGES = ("snowballstemmer", "sphinx", "whoosh-reloaded")


def built_index(docs: list[SearchDoc], details: dict, folder: Path) -> tuple[Path, bool]:
    """The folder holding `whoosh/` and `search/` for these documents; True if just built."""
    digest = _digest(docs, details)
    built, stamp = folder / "built", folder / "digest"
    if built.is_dir() and stamp.is_file() and stamp.read_text() == digest:
        return built, False
    building = folder / "building"
    shutil.rmtree(building, ignore_errors=True)
    write_index(building / "whoosh", docs)
    export(building / "whoosh", building / "search", details)
    shutil.rmtree(built, ignore_errors=True)
    building.rename(built)
    stamp.write_text(digest)
    return built, True


def _digest(docs: list[SearchDoc], details: dict) -> str:
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in CODE))
    for package in PACKAGES:
        digest.update(importlib.metadata.version(package).encode())
    for doc in docs:
        record = json.dumps([asdict(doc), details[doc.id]], ensure_ascii=False, sort_keys=True)
        digest.update(record.encode("utf-8"))
    return digest.hexdigest()
