"""The offline layout of the browser's search index: the same parts, packed into few files.

Over a network, small parts keep the bytes of a query low (the hosted layout, export.py). From
a disk, bytes are cheap and files are not: unpacking and copying tens of thousands of small
files takes minutes, and on a USB stick each one takes a whole cluster. Every part is a script
that calls `searchData(name, data)`, so a pack is parts written one after another, and loading
it registers them all. The parts of a kind go into packs of at most PACK_BYTES[kind] in their order
(a larger part alone; a document's page texts never split), and `index.js` says where each
pack starts:

    "packs": {"folder": "p", "parts": {"t": [0, 41, ...], "d/pages": [0, 3, ...], ...}}

A part `t/57` is in the pack `p/t/1` (the last start not after 57); a document's page texts
`d/12/3` are in `p/d/pages/K`, found by the document's number. The browser's loader reads this
table (search-engine.js), and the answers are the same in both layouts (the agreement tests
run on both).
"""

import json
import re
from pathlib import Path

from .export import data_script

FOLDER = "p"
# Bytes of a pack, by kind: a first query in a fresh page reads one pack of terms a word, and
# for each result on the page one of details and one of page texts (for its snippet).
PACK_BYTES = {
    "t": 64 * 1024,
    "x": 256 * 1024,
    "w": 256 * 1024,
    "d": 32 * 1024,
    "d/pages": 128 * 1024,
}
PART = re.compile(r"^([a-z]+)/(\d+)\.js$")  # t/57.js, d/12.js
PAGES = re.compile(r"^d/(\d+)/\d+\.js$")  # d/12/3.js: page texts of document 12
INDEX = "index.js"


def packed(search: Path, most: dict | int = PACK_BYTES) -> tuple[dict[str, bytes], set[str]]:
    """The offline layout of the index in `search`, in packs of at most `most` bytes (by kind,
    or for every kind): the files it adds or rewrites (path within `search` -> content), and
    the hosted layout's it replaces."""
    units: dict[str, dict[int, list[str]]] = {}
    for path in sorted(search.rglob("*.js")):
        name = path.relative_to(search).as_posix()
        part, pages = PART.match(name), PAGES.match(name)
        if part and part.group(1) != FOLDER:
            units.setdefault(part.group(1), {}).setdefault(int(part.group(2)), []).append(name)
        elif pages:
            units.setdefault("d/pages", {}).setdefault(int(pages.group(1)), []).append(name)
    files, table = {}, {}
    for kind, numbered in units.items():
        table[kind] = []
        limit = most if isinstance(most, int) else most[kind]
        for number, names in _packs(search, numbered, limit):
            files[f"{FOLDER}/{kind}/{len(table[kind])}.js"] = b"".join(
                (search / name).read_bytes() for name in names
            )
            table[kind].append(number)
    files[INDEX] = _index_with(search / INDEX, {"folder": FOLDER, "parts": table})
    replaced = {
        name for numbered in units.values() for names in numbered.values() for name in names
    }
    return files, replaced | {INDEX}


def _packs(search: Path, numbered: dict[int, list[str]], most: int):
    """(first number, files) of each pack: whole units, in number order, at most `most` bytes
    unless a unit alone is larger."""
    first, names, size = None, [], 0
    for number in sorted(numbered):
        unit = sorted(numbered[number], key=_natural)
        bytes_ = sum((search / name).stat().st_size for name in unit)
        if names and size + bytes_ > most:
            yield first, names
            first, names, size = None, [], 0
        if first is None:
            first = number
        names += unit
        size += bytes_
    if names:
        yield first, names


def _natural(name: str) -> list:
    return [int(piece) if piece.isdigit() else piece for piece in re.split(r"(\d+)", name)]


def _index_with(path: Path, packs: dict) -> bytes:
    source = path.read_text(encoding="utf-8")
    payload = source.removeprefix('searchData("index",').removesuffix(");\n")
    return data_script("index", {**json.loads(payload), "packs": packs}).encode("utf-8")


def write_packed(search: Path, target: Path, most: dict | int = PACK_BYTES) -> None:
    """Writes the offline layout of the index in `search` into the folder `target`."""
    files, replaced = packed(search, most)
    for path in sorted(search.rglob("*")):
        name = path.relative_to(search).as_posix()
        if path.is_file() and name not in replaced:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(path.read_bytes())
    for name, content in files.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(content)
