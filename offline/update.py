"""An update pack: what changed in the offline library since a copy that is in the field.

A library on USB sticks and laptops is updated by unpacking a small zip over the old folder
instead of copying the whole library again. The pack holds the files that are new or changed
since the copy was made, in the old copy's folder, and UPDATE.txt, which names that copy and
the files no longer part of the library (unpacking cannot delete them; nothing links to them).
What the copy holds is known in one of two ways:
- from its own zip, which lists each member's name, size and CRC-32: the pack then holds
  exactly the files that differ;
- from its date and the library's history (content/history.yml): the pack then holds every
  file but the PDFs and covers of the versions unchanged since, which are most of the bytes
  (a page of an unchanged version may still show a new translation or related publication).
"""

import os
import zipfile
import zlib
from pathlib import Path

from covers.site import FOLDER as COVERS
from covers.site import cover_stems

from .archive import content_date, member
from .layout import LARGE, offline_files
from .zipwriter import write_members

NOTE = "UPDATE.txt"


def write_update(site: Path, target: Path, old: Path) -> dict[str, int]:
    """Writes into `target` what `site` changes in the copy that the zip `old` holds."""
    folder, held = _held(old)
    files = offline_files(site)
    changed = [(name, content) for name, content in files if held.get(name) != _facts(content())]
    gone = sorted(set(held) - {name for name, _ in files})
    copy = f"the copy of the library unpacked from {old.name}"
    return _write(site, target, folder, changed, copy, gone)


def _write(site: Path, target: Path, folder: str, changed: list, copy: str, gone: list[str]):
    note = _note(copy, len(changed), gone)
    members = [member(folder, name, content) for name, content in changed]
    members.append(member(folder, NOTE, lambda: note))
    target.parent.mkdir(parents=True, exist_ok=True)
    write_members(target, members, content_date(site).timetuple()[:6], os.cpu_count() or 1)
    return {"changed": len(changed), "gone": len(gone), "bytes": target.stat().st_size}


def write_update_since(
    site: Path, target: Path, history, day: str, folder: str, pages: list[str]
) -> dict[str, int]:
    """Writes into `target` what `site` changes in the copy made on `day` (YYYY-MM-DD), which
    unpacked into `folder`; `pages` are the paths of a version's pages ({slug}, {lang})."""
    news = history.since(day)
    files = offline_files(site)
    removed = {v: facts["pdf"] for v, facts in news["removed"].items()}
    pdfs = {v: facts["pdf"] for v, facts in history.versions.items()}
    stems = cover_stems({*pdfs.values(), *removed.values()})  # as the build names covers
    new = news["added"].keys() | news["changed"].keys()
    unchanged = _files_of({v: pdf for v, pdf in pdfs.items() if v not in new}, stems)
    unchanged -= _files_of({v: pdfs[v] for v in new}, stems)  # a PDF two versions share
    changed = [(name, content) for name, content in files if name not in unchanged]
    now = {name for name, _ in files}
    gone = _files_of(removed, stems) | _pages_of(removed, pages)
    gone = sorted(path for path in gone if path not in now)
    return _write(site, target, folder, changed, f"the copy of the library made on {day}", gone)


def _files_of(pdfs: dict[str, str], stems: dict[str, str]) -> set[str]:
    """The files in the copy of versions (version -> PDF): their PDFs and covers."""
    return {f"pdf/{pdf}" for pdf in pdfs.values()} | {
        f"{COVERS}/{stems[pdf]}-{LARGE}.webp" for pdf in pdfs.values()
    }


def _pages_of(versions, pages: list[str]) -> set[str]:
    return {
        page.format(slug=slug, lang=lang)
        for slug, lang in (version.rsplit("-", 1) for version in versions)
        for page in pages
    }


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


def _note(copy: str, changed: int, gone: list[str]) -> bytes:
    lines = [
        f"This update brings {copy} up to date:",
        "unpack it over that copy's folder (its files replace the old ones).",
        "",
        f"{changed} file(s) new or changed.",
    ]
    if gone:
        lines += ["", "These files are no longer part of the library; they may be deleted:"]
        lines += [f"  {name}" for name in gone]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")
