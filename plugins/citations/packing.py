"""The offline layout of the citation files: two files for a thousand versions, not four
thousand.

From a disk, files are what costs (each takes a whole cluster on a USB stick), so the offline
copy keeps none of cite/'s files of their own:
- a page's download links carry their file in the link (a `data:` URL with the `download`
  name the page gives), so they work without a script and without the file;
- the reading list's scripts go into packs of about PACK_BYTES, in the order of their ids, and
  `packs.js` says where each pack starts: the reading list loads the last pack whose first id
  is not after the one it wants (reading-list.js). Every script calls `citationData(id, data)`,
  so a pack is scripts written one after another.
"""

import re
from pathlib import Path
from urllib.parse import quote

from .site import DOWNLOADS, PACKS, packs_script

FOLDER = "p"
PACK_BYTES = 256 * 1024
SCRIPT = re.compile(r"^[A-Za-z0-9_-]+\.js$")  # the reading list's script of a version
DOWNLOAD_LINK = re.compile(
    rb'href="(?P<path>[^"]*?cite/(?P<id>[A-Za-z0-9_-]+)\.(?P<kind>%s))"'
    % "|".join(DOWNLOADS).encode()
)


def packed(cite: Path, most: int = PACK_BYTES) -> tuple[dict[str, bytes], set[str]]:
    """The offline layout of `cite`: the files it adds or rewrites (path within `cite` ->
    content), and the files of the site's layout it replaces."""
    scripts = sorted(  # by id, the order the reading list compares them in
        (path.name for path in cite.glob("*.js") if SCRIPT.match(path.name) and path.name != PACKS),
        key=lambda name: name.removesuffix(".js"),
    )
    files, starts, pack, size = {}, [], [], 0
    for name in [*scripts, None]:  # None: the end, where the last pack is written
        if pack and (name is None or size >= most):
            starts.append(pack[0].removesuffix(".js"))
            files[f"{FOLDER}/{len(starts) - 1}.js"] = b"".join(
                (cite / script).read_bytes() for script in pack
            )
            pack, size = [], 0
        if name is not None:
            pack.append(name)
            size += (cite / name).stat().st_size
    files[PACKS] = packs_script({"folder": FOLDER, "starts": starts}).encode("utf-8")
    downloads = {path.name for kind in DOWNLOADS for path in cite.glob(f"*.{kind}")}
    return files, {*scripts, *downloads, PACKS}


def with_downloads_inline(page: bytes, cite: Path) -> bytes:
    """`page` with each link to a file of `cite` to download turned into a `data:` URL of it."""

    def inline(link: re.Match) -> bytes:
        file = cite / f"{link['id'].decode()}.{link['kind'].decode()}"
        if not file.is_file():
            return link[0]
        kind = DOWNLOADS[link["kind"].decode()]
        return f'href="data:{kind};charset=utf-8,{quote(file.read_bytes())}"'.encode()

    return DOWNLOAD_LINK.sub(inline, page)
