"""The files of the offline copy: the site's, rearranged for a disk.

Over a network, many small files keep the bytes a reader waits for low. From a USB stick it is
the other way round: bytes are cheap, while every file takes a whole cluster and time to unpack
and copy. So the copy the zip holds differs from the hosted site in four ways, each keeping
what a reader sees and can do:
- what an offline reader has no use for is left out (the reference index, the editors' reports);
- the browser's search index is packed into few files (search/packing.py);
- the citation files are packed, their downloads carried in the pages' links
  (citations/packing.py);
- each cover is there at one width, the larger: the pages and data that named the smaller one
  name it instead (the same proportions, so the pages' layout stays the same).
"""

import functools
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from citations.packing import packed as packed_citations
from citations.packing import with_downloads_inline
from citations.site import FOLDER as CITE
from covers.render import WIDTHS
from covers.site import FOLDER as COVERS
from search.packing import packed as packed_search

LEFT_OUT = {"whoosh", "reports"}  # the reference search index and the editors' reports
SEARCH = "search"  # the browser's search index
SMALL, LARGE = WIDTHS["small"], WIDTHS["large"]
SMALL_COVER = re.compile(rb"(%s/[^\"'\s,]+?)-%d\.webp" % (COVERS.encode(), SMALL))
TEXT = {".html", ".js"}  # the files that may name a cover or a citation file

File = tuple[str, Callable[[], bytes]]  # a path within the copy, and how to read its content


def offline_files(site: Path) -> list[File]:
    """The files of the offline copy, in the order of their paths."""
    site = Path(site)
    files = {
        path.relative_to(site).as_posix(): path.read_bytes
        for path in site.rglob("*")
        if path.is_file() and path.relative_to(site).parts[0] not in LEFT_OUT
    }
    for folder, packed in [(SEARCH, packed_search), (CITE, packed_citations)]:
        packs, replaced = packed(site / folder)
        for name in replaced:
            files.pop(f"{folder}/{name}", None)
        for name, content in packs.items():
            files[f"{folder}/{name}"] = functools.partial(bytes, content)
    for name in [name for name in files if _small_cover(name)]:
        del files[name]
    for name, content in files.items():
        if PurePosixPath(name).suffix in TEXT:
            files[name] = functools.partial(_for_disk, content, site / CITE)
    return sorted(files.items(), key=lambda item: PurePosixPath(item[0]))


def _small_cover(name: str) -> bool:
    return name.startswith(f"{COVERS}/") and name.endswith(f"-{SMALL}.webp")


def _for_disk(content: Callable[[], bytes], cite: Path) -> bytes:
    """A page or script of the copy: the small covers it names turned into the large ones,
    and the citation files it links carried in the links."""
    data = content()
    if b"-%d.webp" % SMALL in data:
        data = SMALL_COVER.sub(rb"\1-%d.webp" % LARGE, data)
    if b"cite/" in data:
        data = with_downloads_inline(data, cite)
    return data
