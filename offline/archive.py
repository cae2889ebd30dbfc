"""The offline library as one zip. Files go in a fixed order with a fixed date and mode, so the
same site always gives the same bytes, and a mirror can check what it hands on."""

import zipfile
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold
LEFT_OUT = {"whoosh", "reports"}  # the reference search index and the editors' reports
KINDS = {"pdf": "PDFs", "search": "search index", "theme": "assets", "feeds": "assets"}


def write_zip(site: Path, target: Path) -> dict[str, int]:
    """Writes `site` into the zip `target`; returns its sizes."""
    files = sorted(
        path
        for path in Path(site).rglob("*")
        if path.is_file() and path.relative_to(site).parts[0] not in LEFT_OUT
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        for path in files:
            _add(archive, path.relative_to(site).as_posix(), path.read_bytes())
    return sizes(target)


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    entry = zipfile.ZipInfo(name, FIXED_TIME)
    entry.external_attr = 0o644 << 16
    entry.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(entry, data)


def sizes(target: Path) -> dict[str, int]:
    """The zip's bytes by kind: PDFs, pages, search index, assets, and the zip's own records."""
    found = {"PDFs": 0, "pages": 0, "search index": 0, "assets": 0}
    with zipfile.ZipFile(target) as archive:
        for entry in archive.infolist():
            kind = KINDS.get(
                entry.filename.split("/")[0],
                "pages" if entry.filename.endswith(".html") else "assets",
            )
            found[kind] += entry.compress_size
    found["zip records"] = target.stat().st_size - sum(found.values())
    found["total"] = target.stat().st_size
    return found
