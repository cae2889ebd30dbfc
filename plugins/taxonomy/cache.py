"""Suggestions kept between builds: finding names and keywords in a long text is the costly
part of inference, and an unchanged text with an unchanged vocabulary suggests the same tags."""

import hashlib
import json
import os
import tempfile
from pathlib import Path

VERSION = 1  # raise when a rule of inference.py changes


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
            return json.loads((self.folder / key[:2] / f"{key}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, suggestions: dict) -> None:
        path = self.folder / key[:2] / f"{key}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(suggestions, stream, ensure_ascii=False)
        os.replace(temporary, path)  # whole or not at all, even with two builds at once
