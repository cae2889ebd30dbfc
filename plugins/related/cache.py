"""The related publications of the last build, kept for the next one.

Every publication's neighbours depend on every other one (a new text changes which words are
rare), so the cache holds one answer: the one for the inputs of the last build, named by a hash
of them: each version's slug, language, countries, themes and opening words, and the code that
works the answer out (this plugin's rules, the search's analysis, the versions of the stemmers
and of Whoosh), as the search's cache does. An answer is used only when its key is the inputs'
key, its checksum is right and its shape is what `ranked` gives for these publications;
otherwise it is worked out again.
"""

import hashlib
import importlib.metadata
import json
import os
import tempfile
from pathlib import Path

from search import analysis

SEARCH = Path(analysis.__file__).parent
CODE = [
    *(Path(__file__).with_name(name) for name in ("ranking.py", "similarity.py")),
    *(SEARCH / name for name in ("analysis.py", "snowball.py", "contract.py")),
]
PACKAGES = ("snowballstemmer", "whoosh-reloaded")


def inputs_key(records: list, openings: list[list[str]]) -> str:
    digest = hashlib.sha256()
    for path in CODE:
        digest.update(path.read_bytes())
    for package in PACKAGES:
        digest.update(importlib.metadata.version(package).encode())
    for record, words in zip(records, openings, strict=True):
        described = [
            record.slug,
            record.lang.key,
            sorted(term.key for term in record.countries),
            sorted(term.key for term in record.themes),
            words,
        ]
        digest.update(json.dumps(described, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def read(path: Path, key: str, slugs: set[str], limit: int) -> dict[str, list[str]] | None:
    try:
        entry = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or set(entry) != {"key", "checksum", "related"}:
        return None
    related = entry["related"]
    if entry["key"] != key or entry["checksum"] != _checksum(related):
        return None
    return related if _well_formed(related, slugs, limit) else None


def write(path: Path, key: str, related: dict[str, list[str]]) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump({"key": key, "checksum": _checksum(related), "related": related}, stream)
    os.replace(temporary, path)  # whole or not at all


def _well_formed(related, slugs: set[str], limit: int) -> bool:
    """One list per publication, of at most `limit` other publications of this library."""
    return (
        isinstance(related, dict)
        and set(related) == slugs
        and all(
            isinstance(others, list)
            and len(others) <= limit
            and len(set(others)) == len(others)
            and all(isinstance(other, str) and other in slugs and other != slug for other in others)
            for slug, others in related.items()
        )
    )


def _checksum(related) -> str:
    canonical = json.dumps(related, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()
