"""Update packs: a copy in the field, brought up to date by unpacking a small zip over it, holds
what a fresh full zip holds."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from publications.history import read_history

from offline.archive import write_zip
from offline.update import NOTE, write_update, write_update_since
from tasks import build_site, version_pages
from tests.conftest import ROOT
from tests.projects import add, make_project, remove, retitle
from tests.test_history import on

FOLDER = "library-2026-01-15"


def library_before(project: Path) -> None:
    for name, title in (("harbour", "Harbour patrols"), ("river", "River crossings")):
        add(project, name, title=title)
    add(project, "forest", title="Forest camps")


def library_after(project: Path) -> None:
    """One paper retitled, one taken out with its PDF, one added."""
    retitle(project, "harbour", "Night patrols")
    remove(project, "forest")
    add(project, "meadow", title="Meadow schools")


def unpacked_over(tmp_path: Path) -> tuple[dict[str, bytes], dict[str, bytes], str]:
    """The old copy with the update unpacked over it, a fresh copy, and the update's note."""
    field = tmp_path / "usb-stick"
    zipfile.ZipFile(tmp_path / f"{FOLDER}.zip").extractall(field)
    zipfile.ZipFile(tmp_path / "update.zip").extractall(field)  # over the old folder
    zipfile.ZipFile(tmp_path / "fresh.zip").extractall(tmp_path / "fresh")
    updated, fresh = files_of(field / FOLDER), files_of(tmp_path / "fresh" / FOLDER)
    return updated, fresh, updated[NOTE].decode("utf-8-sig")


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_an_update_pack_brings_an_old_copy_to_what_a_fresh_zip_holds(tmp_path):
    project = make_project(tmp_path)
    library_before(project)
    build_site(tmp_path / "before", project=project)
    write_zip(tmp_path / "before", tmp_path / f"{FOLDER}.zip")

    library_after(project)
    build_site(tmp_path / "after", project=project)

    found = write_update(tmp_path / "after", tmp_path / "update.zip", tmp_path / f"{FOLDER}.zip")
    write_zip(tmp_path / "after", tmp_path / "fresh.zip", folder=FOLDER)
    assert found["bytes"] < (tmp_path / "fresh.zip").stat().st_size

    updated, fresh, note = unpacked_over(tmp_path)
    assert {name: updated[name] for name in fresh} == fresh
    gone = [line.strip() for line in note.splitlines() if line.startswith("  ")]
    assert sorted(set(updated) - set(fresh)) == sorted([NOTE, *gone])
    assert "pdf/forest.pdf" in gone and "publications/forest-en.html" in gone
    assert f"unpacked from {FOLDER}.zip" in note
    unchanged = zipfile.ZipFile(tmp_path / "update.zip").namelist()
    assert f"{FOLDER}/pdf/river.pdf" not in unchanged
    assert f"{FOLDER}/publications/meadow-en.html" in unchanged


def test_an_update_from_the_date_of_a_copy_brings_it_to_what_a_fresh_zip_holds(
    tmp_path, monkeypatch
):
    """Without the old zip, the library's history says what changed since the copy's date:
    the pack leaves out the PDFs and covers of the versions unchanged since."""
    project = make_project(tmp_path)
    library_before(project)
    on(monkeypatch, "2026-01-10")
    build_site(tmp_path / "before", project=project)
    write_zip(tmp_path / "before", tmp_path / f"{FOLDER}.zip")  # made on 2026-01-15

    on(monkeypatch, "2026-02-01")
    library_after(project)
    build_site(tmp_path / "after", project=project)
    history = read_history(project / "content" / "history.yml", "history.yml")

    since = write_update_since(
        tmp_path / "after", tmp_path / "update.zip", history, "2026-01-15", FOLDER, version_pages()
    )
    write_zip(tmp_path / "after", tmp_path / "fresh.zip", folder=FOLDER)

    updated, fresh, note = unpacked_over(tmp_path)
    assert {name: updated[name] for name in fresh} == fresh
    gone = [line.strip() for line in note.splitlines() if line.startswith("  ")]
    assert sorted(set(updated) - set(fresh)) == sorted([NOTE, *gone])
    assert {"pdf/forest.pdf", "publications/forest-en.html", "es/publications/forest-en.html"} <= (
        set(gone)
    )
    assert "the copy of the library made on 2026-01-15" in note
    packed = {
        name.removeprefix(f"{FOLDER}/")
        for name in zipfile.ZipFile(tmp_path / "update.zip").namelist()
    }
    assert "pdf/river.pdf" not in packed and "covers/river-320.webp" not in packed
    assert {"pdf/harbour.pdf", "pdf/meadow.pdf", "covers/meadow-320.webp"} <= packed
    assert since["changed"] == len(packed) - 1


def test_invoke_zip_since_a_missing_zip_says_so():
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "zip", "--since", "nowhere.zip"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr == "--since nowhere.zip: no such zip\n"


@pytest.mark.parametrize(
    "since, said",
    [
        ("2026-02-30", "there is no such day"),
        ("last week", "give the date of the copy (YYYY-MM-DD) or its zip"),
    ],
)
def test_invoke_zip_since_what_is_neither_a_day_nor_a_zip_says_so(since, said):
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "zip", "--since", since],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stderr) == (2, f"--since {since}: {said}\n")


def test_a_copy_from_a_zip_without_a_folder_of_its_own_is_updated_at_its_root(tmp_path):
    project = make_project(tmp_path)
    add(project, "harbour", title="Harbour patrols")
    build_site(tmp_path / "before", project=project)
    with zipfile.ZipFile(tmp_path / "old.zip", "w") as old:  # as zips were made before
        for path in sorted((tmp_path / "before").rglob("*")):
            if path.is_file() and path.relative_to(tmp_path / "before").parts[0] != "whoosh":
                old.write(path, path.relative_to(tmp_path / "before").as_posix())
    add(project, "river", title="River crossings")
    build_site(tmp_path / "after", project=project)

    write_update(tmp_path / "after", tmp_path / "update.zip", tmp_path / "old.zip")
    names = zipfile.ZipFile(tmp_path / "update.zip").namelist()
    assert "publications/river-en.html" in names and NOTE in names
