"""Input written to do harm, or by accident: whatever an editor writes, the build writes only
inside its output folder, in bounded time and memory, and says what is wrong in a few lines."""

import pytest

from tasks import BuildError
from tests import pdfs
from tests.html_pages import Page
from tests.projects import add, build


def files_of(folder):
    return {path for path in folder.rglob("*") if path.is_file()}


@pytest.mark.parametrize(
    "written",
    ["../../project/publications/{name}", "../publications/{name}", "./sub/../{name}"],
)
def test_a_pdf_path_written_with_dots_is_published_at_its_resolved_place(project, written):
    name = "harbour.pdf"
    add(project, "harbour", pdf=written.format(name=name), make_pdf=None)
    pdfs.text_pdf(project / "publications" / name, ["Harbour patrols."])
    before = files_of(project.parent) - files_of(project / "output")

    site = build(project)

    page = Page(site / "publications" / "harbour-en.html")
    assert page.resolve(page.find("a", class_="button").attrs["href"]) == site / "pdf" / name
    written_outside = files_of(project.parent) - files_of(site) - before
    build_files = {project / ".build.lock", project / "content" / "history.yml"}  # and caches
    assert not {p for p in written_outside - build_files if "cache" not in p.parts}


def test_a_yaml_alias_bomb_is_one_line_of_error(project, capfd):
    from tests.test_records import alias_bomb

    add(project, "good")
    record = project / "content" / "publications" / "good.en.md"
    record.write_text(record.read_text().replace("pdf:", alias_bomb(12) + "pdf:", 1))

    with pytest.raises(BuildError):
        build(project)  # before aliases were refused, 9 levels took minutes and gigabytes
    log = capfd.readouterr().err

    assert "1 error(s) in the content" in log
    assert "YAML anchors and aliases (&name, *name) are not allowed here" in log
    assert len(log) < 2000
