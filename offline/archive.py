"""The offline library as one zip that unpacks into one folder. Files go in a fixed order with
one date and mode, so the same site always gives the same bytes, and a mirror can check what it
hands on. The date is that of the newest content (SOURCE_DATE_EPOCH, where set, decides)."""

import datetime
import math
import os
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from .layout import offline_files
from .zipwriter import Member, write_members

EARLIEST = datetime.datetime(1980, 1, 1)  # the earliest date a zip can hold
KINDS = {"pdf": "PDFs", "search": "search index", "theme": "assets", "feeds": "assets"}
# Compressed formats already: deflating them again costs time and saves nothing.
STORED = {".pdf", ".webp", ".png", ".jpg", ".jpeg", ".gif", ".zip", ".woff2", ".gz", ".br"}
CLUSTER = 32 * 1024  # bytes: what the smallest file takes on a FAT32 USB stick
ATOM = "{http://www.w3.org/2005/Atom}"


def write_zip(site: Path, target: Path, folder: str = "") -> dict[str, int]:
    """Writes `site` into the zip `target`, inside one folder (`target`'s name unless told),
    in its offline layout (layout.py); returns the zip's sizes."""
    folder = folder or target.stem
    date = content_date(site).timetuple()[:6]
    target.parent.mkdir(parents=True, exist_ok=True)
    members = [member(folder, name, content) for name, content in offline_files(Path(site))]
    write_members(target, members, date, os.cpu_count() or 1)
    return sizes(target)


def member(folder: str, name: str, content: Callable[[], bytes]) -> Member:
    """A file of the site as a member of a zip, in `folder` (or at the zip's root)."""
    path = f"{folder}/{name}" if folder else name
    return Member(path, content, PurePosixPath(name).suffix.lower() in STORED)


def content_date(site: Path) -> datetime.datetime:
    """SOURCE_DATE_EPOCH where set (the reproducible-builds convention), else the date of the
    newest publication, as the feeds say it."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        epoch = int(os.environ["SOURCE_DATE_EPOCH"])
        return max(
            datetime.datetime.fromtimestamp(epoch, datetime.UTC).replace(tzinfo=None), EARLIEST
        )
    dates = [
        datetime.datetime.fromisoformat(updated.text).replace(tzinfo=None)
        for feed in sorted((site / "feeds").glob("*.atom.xml"))
        for updated in ET.parse(feed).getroot().findall(f"{ATOM}updated")
    ]
    return max([EARLIEST, *dates])


def sizes(target: Path) -> dict[str, int]:
    """The zip's bytes by kind: PDFs, pages, search index, assets, and the zip's own records."""
    found = {"PDFs": 0, "pages": 0, "search index": 0, "assets": 0}
    with zipfile.ZipFile(target) as archive:
        for entry in archive.infolist():
            kind = entry.filename.split("/")[1] if "/" in entry.filename else ""
            found[KINDS.get(kind, "pages" if entry.filename.endswith(".html") else "assets")] += (
                entry.compress_size
            )
    found["zip records"] = target.stat().st_size - sum(found.values())
    found["total"] = target.stat().st_size
    return found


def unpacked(target: Path) -> dict[str, int]:
    """What the zip becomes once unpacked: files, bytes, and the bytes they take on a stick
    whose clusters are CLUSTER bytes (every file and folder takes whole clusters)."""
    with zipfile.ZipFile(target) as archive:
        entries = [entry for entry in archive.infolist() if not entry.is_dir()]
    folders = {
        "/".join(parts[:depth])
        for parts in (entry.filename.split("/") for entry in entries)
        for depth in range(1, len(parts))
    }
    on_stick = sum(math.ceil(entry.file_size / CLUSTER) * CLUSTER for entry in entries)
    return {
        "files": len(entries),
        "bytes": sum(entry.file_size for entry in entries),
        "on_stick": on_stick + len(folders) * CLUSTER,
    }
