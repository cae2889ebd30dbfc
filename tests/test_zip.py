"""The offline zip: what it holds, and the same bytes from the same content."""

import zipfile
from pathlib import PurePosixPath

from offline.archive import write_zip
from tasks import build_site
from tests.conftest import ROOT


def test_the_zip_holds_the_site_and_a_readme_at_its_root(demo_site, tmp_path):
    target = tmp_path / "library.zip"
    found = write_zip(demo_site, target)

    names = zipfile.ZipFile(target).namelist()
    assert names[0] == "README.txt"
    # In the order of their paths, whatever order the file system lists them in.
    assert names == [path.as_posix() for path in sorted(map(PurePosixPath, names))]
    assert {"index.html", "fr/index.html", "search.html", "search/index.js"} <= set(names)
    pdfs = sorted(path.name for path in (ROOT / "publications").glob("*.pdf"))
    assert sorted(n.split("/")[-1] for n in names if n.startswith("pdf/")) == pdfs
    assert not [n for n in names if n.startswith(("whoosh/", "reports/"))]
    assert zipfile.ZipFile(target).read("README.txt") == (demo_site / "README.txt").read_bytes()
    assert (
        found["total"]
        == target.stat().st_size
        == sum(size for kind, size in found.items() if kind != "total")
    )


def test_two_builds_of_the_same_content_give_the_same_zip(demo_site, tmp_path):
    build_site(tmp_path / "again")
    first = write_zip(demo_site, tmp_path / "first.zip")
    second = write_zip(tmp_path / "again", tmp_path / "second.zip")

    assert first == second
    assert (tmp_path / "first.zip").read_bytes() == (tmp_path / "second.zip").read_bytes()
