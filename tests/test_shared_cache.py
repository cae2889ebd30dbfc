"""One cache of PDF text and covers that several builds share (CACHE_STORE): a folder that
builds fill at the same time, or a store reached through fsspec."""

import shutil
import threading
from pathlib import Path

from pdf_text.store import Store

from publishing.build import build_site
from tests.projects import add, make_project
from tests.test_zip_update import files_of


def test_builds_that_share_one_cache_at_the_same_time_write_the_same_entries(tmp_path):
    first = make_project(tmp_path / "a")
    for n in range(4):
        add(first, f"paper-{n}", title=f"Paper {n} on child helplines")
    projects = [first]
    for name in ("b", "alone"):
        projects.append(shutil.copytree(first, tmp_path / name / "project", symlinks=True))
    shared = {"CACHE_STORE": str(tmp_path / "shared")}

    builds = [
        threading.Thread(
            target=build_site,
            kwargs={"output": project / "output", "project": project, "extra": shared},
        )
        for project in projects[:2]
    ]
    for build in builds:
        build.start()
    for build in builds:
        build.join()
    alone = {"CACHE_STORE": str(tmp_path / "alone-store")}
    build_site(projects[2] / "output", project=projects[2], extra=alone)

    written = files_of(tmp_path / "shared")
    assert written == files_of(tmp_path / "alone-store")
    assert not [name for name in written if ".tmp-" in name]
    sites = [site_of(project / "output") for project in projects]
    assert sites[0] == sites[1] == sites[2]


def test_a_cache_in_an_object_store_gives_the_same_site(tmp_path):
    project = make_project(tmp_path)
    add(project, "paper", title="A paper on child helplines")

    build_site(tmp_path / "local", project=project)
    build_site(tmp_path / "stored", project=project, extra={"CACHE_STORE": "memory://cache"})

    assert files_of(tmp_path / "stored") == files_of(tmp_path / "local")


def site_of(output: Path) -> dict[str, bytes]:
    """The site, but for the Whoosh index (for `invoke search`, not published), whose segments
    have random names."""
    return {name: data for name, data in files_of(output).items() if not name.startswith("whoosh/")}


def test_a_store_reads_back_what_it_wrote_in_a_folder_and_elsewhere(tmp_path):
    for store in (Store(tmp_path / "cache"), Store("memory://test-store/cache")):
        store.child("v1").write("ab/abc.json", b"{}")

        assert store.child("v1").read("ab/abc.json") == b"{}"
        assert store.read("v1/ab/abc.json") == b"{}"
        assert store.read("v1/ab/none.json") is None
    assert (
        Store(tmp_path / "cache").local_path("v1/ab/abc.json") == tmp_path / "cache/v1/ab/abc.json"
    )
    assert Store("memory://test-store/cache").local_path("v1/ab/abc.json") is None


def test_many_writers_of_one_entry_leave_it_whole_and_nothing_else(tmp_path):
    store = Store(tmp_path / "cache")
    data = [bytes([n]) * 1_000_000 for n in range(8)]
    writers = [threading.Thread(target=store.write, args=("ab/entry", d)) for d in data]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()

    assert store.read("ab/entry") in data
    assert [path.name for path in (tmp_path / "cache" / "ab").iterdir()] == ["entry"]
