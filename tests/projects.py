"""Small libraries of their own for tests that build a site."""

import re
import shutil
from pathlib import Path

from tasks import build_site
from tests import pdfs
from tests.conftest import ROOT

RECORD = """---
title: "{title}"
lang: en
date: {date}
type: {type}
themes: [prevention]
pdf: {pdf}
---
{abstract}
"""


def make_project(tmp_path: Path) -> Path:
    """A small library of its own, using the real settings, plugins and theme."""
    root = tmp_path / "project"
    (root / "content" / "publications").mkdir(parents=True)
    (root / "publications").mkdir()
    shutil.copytree(ROOT / "content" / "vocabulary", root / "content" / "vocabulary")
    for shared in ("pelicanconf.py", "plugins", "theme"):
        (root / shared).symlink_to(ROOT / shared)
    return root


def add(
    project: Path,
    name: str,
    title="A good paper",
    type="policy-brief",
    abstract="Text.",
    pdf=None,
    make_pdf=pdfs.text_pdf,
    date="2024-01-15",
):
    pdf = pdf or f"{name}.pdf"
    if make_pdf is pdfs.text_pdf:
        pdfs.text_pdf(project / "publications" / pdf, [f"The text of {title}."])
    elif make_pdf:
        make_pdf(project / "publications" / pdf)
    (project / "content" / "publications" / f"{name}.en.md").write_text(
        RECORD.format(title=title, type=type, pdf=pdf, abstract=abstract, date=date),
        encoding="utf-8",
    )


def retitle(project: Path, name: str, title: str) -> None:
    """Gives the record `name`.en.md (made by `add`) another title."""
    record = project / "content" / "publications" / f"{name}.en.md"
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"(?m)^title: .*$", f'title: "{title}"', text), encoding="utf-8")


def remove(project: Path, name: str) -> None:
    """Takes the record `name`.en.md and its PDF (made by `add`) out of the library."""
    (project / "content" / "publications" / f"{name}.en.md").unlink()
    (project / "publications" / f"{name}.pdf").unlink()


def build(project: Path) -> Path:
    output = project / "output"
    build_site(output, project=project)
    return output
