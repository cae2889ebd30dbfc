"""The README and the guides stay true: every task listed, every link and anchor found, and the
test command the one CI runs."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def anchors(path: Path) -> set[str]:
    """The anchors GitHub gives a Markdown file's headings (a repeated one gets -1, -2...)."""
    found, seen = set(), {}
    for heading in re.findall(r"(?m)^#+ (.+)$", path.read_text(encoding="utf-8")):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(f"{slug}-{count}" if count else slug)
    return found


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_every_link_names_a_file_and_heading_that_exist(document):
    for target in LINK.findall(document.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://")):
            continue
        name, _, anchor = target.partition("#")
        path = (document.parent / name).resolve() if name else document
        assert path.exists(), f"{document.name}: {target}: no such file"
        if anchor:
            assert anchor in anchors(path), f"{document.name}: {target}: no such heading"


def test_every_task_is_in_the_readme_and_the_maintainers_guide():
    listed = subprocess.run(
        [sys.executable, "-m", "invoke", "--list"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    tasks = re.findall(r"(?m)^  ([a-z][a-z-]*)", listed)
    assert "new" in tasks and "serve" in tasks
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "maintainer-guide.md").read_text(encoding="utf-8")
    for task in tasks:
        short = task.removeprefix("translations")  # listed as `-update`, `-init`...
        assert f"`invoke {task}" in readme or f"`{short}" in readme, task
        assert f"`invoke {task}" in guide, task


def test_the_readme_test_command_is_the_one_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "python3 -m pip install -e '.[test]' && python3 -m invoke test"
    assert f"```sh\n{command}\n```" in readme
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
