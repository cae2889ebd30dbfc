"""The offline zip: one folder, what it holds, and the same bytes from the same content."""

import datetime
import json
import re
import zipfile
from pathlib import PurePosixPath
from urllib.parse import unquote

from citations.packing import packed as packed_citations
from citations.site import DOWNLOADS

from offline.archive import CLUSTER, unpacked, write_zip
from offline.layout import offline_files
from tasks import build_site
from tests.conftest import ROOT


def test_the_zip_unpacks_into_one_folder_with_a_readme_at_its_root(demo_site, tmp_path):
    target = tmp_path / "library-2026-12-01.zip"
    found = write_zip(demo_site, target)

    archive = zipfile.ZipFile(target)
    names = archive.namelist()
    assert {name.split("/")[0] for name in names} == {"library-2026-12-01"}
    names = [name.removeprefix("library-2026-12-01/") for name in names]
    assert names[0] == "README.txt"
    # In the order of their paths, whatever order the file system lists them in.
    assert names == [path.as_posix() for path in sorted(map(PurePosixPath, names))]
    assert {"index.html", "fr/index.html", "search.html", "search/index.js"} <= set(names)
    pdfs = sorted(path.name for path in (ROOT / "publications").glob("*.pdf"))
    assert sorted(n.split("/")[-1] for n in names if n.startswith("pdf/")) == pdfs
    assert not [n for n in names if n.startswith(("whoosh/", "reports/"))]
    assert archive.read("library-2026-12-01/README.txt") == (demo_site / "README.txt").read_bytes()
    assert archive.testzip() is None
    assert (
        found["total"]
        == target.stat().st_size
        == sum(size for kind, size in found.items() if kind != "total")
    )


def test_pdfs_and_images_are_stored_and_text_deflated(demo_site, tmp_path):
    write_zip(demo_site, tmp_path / "library.zip")
    methods = {
        entry.filename.rsplit(".", 1)[-1]: entry.compress_type
        for entry in zipfile.ZipFile(tmp_path / "library.zip").infolist()
    }
    assert methods["pdf"] == methods["webp"] == zipfile.ZIP_STORED
    assert methods["html"] == methods["js"] == methods["css"] == zipfile.ZIP_DEFLATED


def test_entries_carry_the_date_of_the_newest_content(demo_site, tmp_path, monkeypatch):
    write_zip(demo_site, tmp_path / "library.zip")
    dates = {entry.date_time for entry in zipfile.ZipFile(tmp_path / "library.zip").infolist()}
    written = [
        re.search(r"(?m)^date: (\S+)", record.read_text(encoding="utf-8")).group(1)
        for record in (ROOT / "content" / "publications").glob("*.md")
    ]
    newest = max(value + "-01-01"[len(value) - 4 :] for value in written)  # 2020 as 2020-01-01
    assert dates == {(*datetime.date.fromisoformat(newest).timetuple()[:3], 0, 0, 0)}

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    write_zip(demo_site, tmp_path / "pinned.zip")
    dates = {entry.date_time for entry in zipfile.ZipFile(tmp_path / "pinned.zip").infolist()}
    assert dates == {(2023, 11, 14, 22, 13, 20)}


def test_the_unpacked_size_and_the_space_on_a_stick(demo_site, tmp_path):
    write_zip(demo_site, tmp_path / "library.zip")
    folder = unpacked(tmp_path / "library.zip")
    files = offline_files(demo_site)
    assert folder["files"] == len(files)
    assert folder["bytes"] == sum(len(content()) for _, content in files)
    # Every file takes whole clusters, and so does every folder, the zip's own one included.
    folders = {str(PurePosixPath(name).parent) for name, _ in files}
    assert folder["on_stick"] >= (len(files) + len(folders) + 1) * CLUSTER


def test_the_search_index_goes_in_packed_into_few_files(demo_site, tmp_path):
    write_zip(demo_site, tmp_path / "library.zip")
    names = zipfile.ZipFile(tmp_path / "library.zip").namelist()
    index = sorted(name.split("/", 2)[2] for name in names if name.split("/")[1] == "search")
    site = sorted(
        p.relative_to(demo_site / "search").as_posix() for p in (demo_site / "search").rglob("*.js")
    )
    assert [name for name in index if name.startswith(("t/", "x/", "w/", "d/"))] == []
    assert {"p/t/0.js", "p/d/0.js", "p/d/pages/0.js", "index.js", "p/x/0.js"} <= set(index)
    assert len(index) < len(site) / 4


def test_citation_files_go_in_packed_and_their_downloads_in_the_pages(demo_site, tmp_path):
    """The offline copy holds no file of its own per version in cite/: the reading list's
    scripts are packed, and each page carries its BibTeX, RIS and CSL-JSON in its links."""
    files = dict(offline_files(demo_site))
    versions = sorted(path.stem for path in (demo_site / "cite").glob("*.bib"))
    assert sorted(name for name in files if name.startswith("cite/")) == [
        "cite/p/0.js",
        "cite/packs.js",
    ]
    pack = files["cite/p/0.js"]().decode()
    assert [re.search(r'"([^"]+)"', line).group(1) for line in pack.splitlines()] == versions

    page = files["fr/publications/sectt-summary-paper-fr.html"]().decode()
    links = dict(re.findall(r'href="data:([^;]+);charset=utf-8,([^"]+)"', page))
    assert {kind: unquote(text) for kind, text in links.items()} == {
        kind: (demo_site / "cite" / f"sectt-summary-paper-fr.{ext}").read_bytes().decode()
        for ext, kind in DOWNLOADS.items()
    }
    assert 'download="sectt-summary-paper-fr.ris"' in page


def test_the_citation_packs_are_found_by_their_first_ids(demo_site):
    files, replaced = packed_citations(demo_site / "cite", most=4096)
    table = json.loads(files["packs.js"].decode().removeprefix("window.citationPacks = ")[:-2])
    packs = [files[f"p/{n}.js"].decode() for n in range(len(table["starts"]))]

    assert len(packs) > 3 and table["folder"] == "p"
    assert [re.match(r'citationData\("([^"]+)"', pack).group(1) for pack in packs] == table[
        "starts"
    ]
    assert "".join(packs) == "".join(
        (demo_site / "cite" / f"{name}.js").read_text(encoding="utf-8")
        for name in sorted(path.stem for path in (demo_site / "cite").glob("*.bib"))
    )
    assert {name.rsplit(".", 1)[-1] for name in replaced} == {"bib", "ris", "json", "js"}


def test_covers_go_in_at_one_width_and_every_page_names_it(demo_site):
    files = dict(offline_files(demo_site))
    covers = sorted(name for name in files if name.startswith("covers/"))
    assert covers and all(name.endswith("-320.webp") for name in covers)
    for name, content in files.items():
        if name.endswith((".html", ".js")):
            assert b"-160.webp" not in content(), name
    card = files["publications/index.html"]().decode()
    shown = re.findall(r'<img class="cover" src="\.\./(covers/[^"]+)"', card)
    assert shown and all(name in files for name in shown)


def test_two_builds_of_the_same_content_give_the_same_zip(demo_site, tmp_path):
    build_site(tmp_path / "again")
    first = write_zip(demo_site, tmp_path / "first" / "library.zip")
    second = write_zip(tmp_path / "again", tmp_path / "second" / "library.zip")

    assert first == second
    assert (tmp_path / "first/library.zip").read_bytes() == (
        tmp_path / "second/library.zip"
    ).read_bytes()
