"""Update packs: a copy in the field, brought up to date by unpacking a small zip over it, holds
what a fresh full zip holds."""

import subprocess
import sys
import zipfile
from pathlib import Path

from offline.archive import write_zip
from offline.update import NOTE, write_update
from tasks import build_site
from tests.conftest import ROOT
from tests.projects import add, make_project

FOLDER = "library-2026-01-15"


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_an_update_pack_brings_an_old_copy_to_what_a_fresh_zip_holds(tmp_path):
    project = make_project(tmp_path)
    for name, title in (("harbour", "Harbour patrols"), ("river", "River crossings")):
        add(project, name, title=title)
    add(project, "forest", title="Forest camps")
    build_site(tmp_path / "before", project=project)
    write_zip(tmp_path / "before", tmp_path / f"{FOLDER}.zip")

    records = project / "content" / "publications"
    harbour = records / "harbour.en.md"
    harbour.write_text(harbour.read_text().replace("Harbour patrols", "Night patrols"))
    (records / "forest.en.md").unlink()
    (project / "publications" / "forest.pdf").unlink()
    add(project, "meadow", title="Meadow schools")
    build_site(tmp_path / "after", project=project)

    found = write_update(tmp_path / "after", tmp_path / "update.zip", tmp_path / f"{FOLDER}.zip")
    write_zip(tmp_path / "after", tmp_path / "fresh.zip", folder=FOLDER)
    assert found["bytes"] < (tmp_path / "fresh.zip").stat().st_size / 2

    field = tmp_path / "usb-stick"
    zipfile.ZipFile(tmp_path / f"{FOLDER}.zip").extractall(field)
    zipfile.ZipFile(tmp_path / "update.zip").extractall(field)  # over the old folder
    zipfile.ZipFile(tmp_path / "fresh.zip").extractall(tmp_path / "fresh")

    updated, fresh = files_of(field / FOLDER), files_of(tmp_path / "fresh" / FOLDER)
    assert {name: updated[name] for name in fresh} == fresh
    note = updated[NOTE].decode("utf-8-sig")
    gone = [line.strip() for line in note.splitlines() if line.startswith("  ")]
    assert sorted(set(updated) - set(fresh)) == sorted([NOTE, *gone])
    assert "pdf/forest.pdf" in gone and "publications/forest-en.html" in gone
    assert f"unpacked from {FOLDER}.zip" in note
    unchanged = zipfile.ZipFile(tmp_path / "update.zip").namelist()
    assert f"{FOLDER}/pdf/river.pdf" not in unchanged
    assert f"{FOLDER}/publications/meadow-en.html" in unchanged


def test_invoke_zip_since_a_missing_zip_says_so():
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "zip", "--since", "nowhere.zip"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr == "--since nowhere.zip: no such zip\n"


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
