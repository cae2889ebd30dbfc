"""The search index is rebuilt only when what it holds changed: it is kept in the cache folder
with the digest of its documents, and copied into each build's output.

The cache is checked before it is used: a manifest lists every file with its SHA-256, and a
cache whose files are missing, changed or truncated is reported and built again, so a damaged
cache never reaches the published site.
"""

import gc
import hashlib
import importlib.metadata
import json
import shutil
import sys
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from .engine import SearchDoc, write_index
from .export import export

# The code that makes the indexes, and the packages of the stemmers: when they change, so may
# the indexes.
CODE = [
    Path(__file__).with_name(name)
    for name in (
        "contract.py",
        "analysis.py",
        "snowball.py",
        "words.py",
        "query.py",
        "named.py",
        "engine.py",
        "export.py",
    )
]
PACKAGES = ("snowballstemmer", "sphinx", "whoosh-reloaded")
MANIFEST = "manifest.json"


def built_index(
    docs: list[SearchDoc], details: dict, wordings: dict, folder: Path
) -> tuple[Path, list[str], bool]:
    """The folder holding `whoosh/` and `search/` for these documents and the vocabulary's
    `wordings` (named.py), the files to publish (relative to it), and whether it was just
    built."""
    digest = _digest(docs, details, wordings)
    built, stamp = folder / "built", folder / "digest"
    if stamp.is_file() and stamp.read_text() == digest:
        files = whole_files(built)
        if files is not None:
            return built, files, False
        print(f"warning: {built} was damaged; the search index is built again", file=sys.stderr)
    building = folder / "building"
    shutil.rmtree(building, ignore_errors=True)
    with collector_paused():
        write_index(building / "whoosh", docs, wordings)
        export(building / "whoosh", building / "search", details)
    files = write_manifest(building)
    stamp.unlink(missing_ok=True)
    shutil.rmtree(built, ignore_errors=True)
    building.rename(built)
    stamp.write_text(digest)
    return built, files, True


@contextmanager
def collector_paused():
    """Python's cycle collector off while the indexes are made (in this process and in the
    export's, which fork from it): their millions of lists and strings hold no cycles, and the
    collector would walk them again and again as they grow, for nothing."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def write_manifest(folder: Path) -> list[str]:
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    sums = {name: _sha256(folder / name) for name in files}
    (folder / MANIFEST).write_text(json.dumps(sums, indent=0), encoding="utf-8")
    return files


def whole_files(folder: Path) -> list[str] | None:
    """The files of the manifest if every one is there as it was written; None if not."""
    try:
        sums = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(sums, dict):
        return None
    for name, expected in sums.items():
        path = folder / name
        if ".." in Path(name).parts or not path.is_file() or _sha256(path) != expected:
            return None
    return sorted(sums)


def _sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _digest(docs: list[SearchDoc], details: dict, wordings: dict) -> str:
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in CODE))
    digest.update(json.dumps(wordings, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    for package in PACKAGES:
        digest.update(importlib.metadata.version(package).encode())
    for doc in docs:
        record = json.dumps([asdict(doc), details[doc.id]], ensure_ascii=False, sort_keys=True)
        digest.update(record.encode("utf-8"))
    return digest.hexdigest()
