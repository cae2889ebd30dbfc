"""An update pack: what changed in the offline library since a copy that is in the field.

A library on USB sticks and laptops is updated by unpacking a small zip over the old folder
instead of copying the whole library again. The old copy's own zip says what it holds (each
member's name, size and CRC-32, in its central directory): the pack holds the files that are
new or changed since, in the old copy's folder, and UPDATE.txt, which names that copy and the
files no longer part of the library (unpacking cannot delete them; nothing links to them).
"""

import os
import zipfile
import zlib
from pathlib import Path

from .archive import content_date, member
from .layout import offline_files
from .zipwriter import write_members

NOTE = "UPDATE.txt"


def write_update(site: Path, target: Path, old: Path) -> dict[str, int]:
    """Writes into `target` what `site` changes in the copy that the zip `old` holds."""
    folder, held = _held(old)
    files = offline_files(site)
    changed = [(name, content) for name, content in files if held.get(name) != _facts(content())]
    gone = sorted(set(held) - {name for name, _ in files})
    note = _note(old.name, len(changed), gone)
    members = [member(folder, name, content) for name, content in changed]
    members.append(member(folder, NOTE, lambda: note))
    target.parent.mkdir(parents=True, exist_ok=True)
    write_members(target, members, content_date(site).timetuple()[:6], os.cpu_count() or 1)
    return {"changed": len(changed), "gone": len(gone), "bytes": target.stat().st_size}


def _held(old: Path) -> tuple[str, dict[str, tuple[int, int]]]:
    """The old copy's folder, and each of its files with its CRC-32 and size."""
    with zipfile.ZipFile(old) as archive:
        entries = [entry for entry in archive.infolist() if not entry.is_dir()]
    names = [entry.filename for entry in entries]
    firsts = {name.split("/")[0] for name in names}
    # Zips made before the library had a folder of its own hold the site at their root.
    folder = firsts.pop() if len(firsts) == 1 and all("/" in name for name in names) else ""
    held = {
        name.removeprefix(f"{folder}/"): (entry.CRC, entry.file_size)
        for name, entry in zip(names, entries, strict=True)
    }
    held.pop(NOTE, None)
    return folder, held


def _facts(data: bytes) -> tuple[int, int]:
    return zlib.crc32(data), len(data)


def _note(old: str, changed: int, gone: list[str]) -> bytes:
    lines = [
        f"This update brings the copy of the library unpacked from {old} up to date:",
        "unpack it over that copy's folder (its files replace the old ones).",
        "",
        f"{changed} file(s) new or changed.",
    ]
    if gone:
        lines += ["", "These files are no longer part of the library; they may be deleted:"]
        lines += [f"  {name}" for name in gone]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")
