"""Suggestions kept between builds: finding names and keywords in a long text is the costly
part of inference, and an unchanged text with an unchanged vocabulary suggests the same tags.
An entry carries the checksum of its suggestions: one changed or damaged since it was written
is taken as missing, and written again."""

import hashlib
import json
import os
import tempfile
from pathlib import Path

VERSION = 2  # raise when a rule of inference.py or the form of an entry changes


class SuggestionCache:
    def __init__(self, folder: Path, rules: object):
        """`rules`: everything the suggestions depend on besides the text (the vocabulary's
        names, keywords and regions), as JSON-able data."""
        self.folder = Path(folder)
        self.salt = json.dumps([VERSION, rules], sort_keys=True, ensure_ascii=False).encode()

    def key(self, text: str, detect_language: bool) -> str:
        digest = hashlib.sha256(self.salt)
        digest.update(b"lang" if detect_language else b"-")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, key: str) -> dict | None:
        try:
            entry = json.loads((self.folder / key[:2] / f"{key}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or set(entry) != {"checksum", "suggestions"}:
            return None
        return (
            entry["suggestions"] if entry["checksum"] == _checksum(entry["suggestions"]) else None
        )

    def put(self, key: str, suggestions: dict) -> None:
        path = self.folder / key[:2] / f"{key}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump({"checksum": _checksum(suggestions), "suggestions": suggestions}, stream)
        os.replace(temporary, path)  # whole or not at all


def _checksum(suggestions) -> str:
    canonical = json.dumps(suggestions, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()
