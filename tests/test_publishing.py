"""Putting a build in place: one build of a library at a time, the new site swapped in whole,
builds stopped at any moment leave the previous site whole, and the site is readable by a web
server running as another user."""

import os
import random
import signal
import stat
import subprocess
import sys
import time

import pytest

from publishing import swap
from tasks import build_site
from tests.conftest import ROOT
from tests.projects import add, build


def tree(site):
    """Every file of a site and its bytes, but the Whoosh index, whose segment names are
    random, and the reports, which tell the build's times."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.relative_to(site).parts[0] not in ("whoosh", "reports")
    }


def leftovers(project):
    return sorted(path.name for path in project.glob(".output-*"))


def test_the_site_is_readable_by_other_users(project):
    add(project, "harbour")
    previous = os.umask(0o022)
    try:
        site = build(project)
    finally:
        os.umask(previous)

    assert stat.S_IMODE(site.stat().st_mode) == 0o755
    for path in site.rglob("*"):
        assert path.stat().st_mode & stat.S_IROTH, path


@pytest.mark.parametrize("exchange", [True, False], ids=["atomic exchange", "two renames"])
def test_a_new_build_replaces_the_site_and_leaves_nothing_behind(project, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(swap, "_exchange", lambda a, b: False)
    add(project, "harbour", title="Harbour patrols")
    site = build(project)
    (site / "marker.txt").write_text("the old site")
    add(project, "harbour", title="Harbour watch")

    build(project)

    assert not (site / "marker.txt").exists()
    assert "Harbour watch" in (site / "publications" / "harbour-en.html").read_text()
    assert leftovers(project) == []


def test_what_stopped_builds_left_is_repaired_or_removed(project):
    add(project, "harbour")
    site = build(project)
    # A build stopped between its two renames: the old site aside, no site.
    site.rename(project / ".output-previous-xyz")
    (project / ".output-build-k1ll3d").mkdir()
    (project / ".output-build-k1ll3d" / "index.html").write_text("half a build")

    swap.recover(site)

    assert (site / "index.html").is_file() and leftovers(project) == []


def test_a_previous_site_that_cannot_be_removed_does_not_stop_later_builds(
    project, monkeypatch, capfd
):
    monkeypatch.setattr(swap, "_exchange", lambda a, b: False)
    real_rmtree = swap.shutil.rmtree

    def rmtree(path, **options):  # as a read-only folder of another user would
        if ".output-previous-" in os.fspath(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        real_rmtree(path, **options)

    monkeypatch.setattr(swap.shutil, "rmtree", rmtree)
    add(project, "harbour")
    for title in ("One", "Two", "Three"):
        add(project, "harbour", title=title)
        site = build(project)
        assert f"{title}</a>" in (site / "index.html").read_text()
    assert "could not remove" in capfd.readouterr().err


BUILD = (
    "import sys; sys.path.insert(0, {root!r}); from pathlib import Path; "
    "from tasks import build_site; build_site(Path({output!r}), project=Path({project!r}))"
)


def start_build(project, output):
    code = BUILD.format(root=str(ROOT), output=str(output), project=str(project))
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def test_two_builds_at_once_take_turns(project):
    for n in range(6):
        add(project, f"paper{n}", title=f"Paper {n} on harbour patrols")
    output = project / "output"

    builds = [start_build(project, output) for _ in range(3)]
    errors = [process.communicate(timeout=300)[1] for process in builds]

    assert [process.returncode for process in builds] == [0, 0, 0], errors
    assert "Traceback" not in "".join(errors)
    assert any("Another build of this library is running (pid " in e for e in errors)
    index = (output / "search" / "index.js").read_text()
    assert '"count":6' in index
    assert leftovers(project) == []


def test_builds_stopped_at_any_moment_leave_a_whole_site(project, tmp_path):
    """Killed at random moments, 20 times: the site is at every moment the old one or the new
    one, whole; the next build gives what a clean build of a fresh copy gives."""
    for n in range(4):
        add(project, f"paper{n}", title=f"Paper {n}")
    old = tree(build(project))
    add(project, "paper0", title="Paper zero, revised")
    started = time.perf_counter()
    build_site(tmp_path / "timing", project=project)
    duration = time.perf_counter() - started
    new = tree(tmp_path / "timing")

    rng = random.Random(20)
    for _ in range(20):
        process = start_build(project, project / "output")
        time.sleep(rng.uniform(0, duration * 1.2))
        # The whole group, as Ctrl-C would; or the build's own process only, as `kill` would.
        if rng.random() < 0.5:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.wait()
        assert tree(project / "output") in (old, new)

    final = tree(build(project))
    fresh = tmp_path / "fresh"
    subprocess.run(["cp", "-a", str(project), str(fresh)], check=True)
    for left in ("cache", "output", ".build.lock"):
        subprocess.run(["rm", "-rf", str(fresh / left)], check=True)
    assert final == tree(build(fresh)) == new
    assert leftovers(project) == []
