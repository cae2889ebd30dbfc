"""The library's history (content/history.yml): every build records which versions came in,
changed or went out, by day, and the "What's new" page shows it in every UI language."""

import datetime
import re
from types import SimpleNamespace

import pytest
from publications.history import History, read_history

from tasks import BuildError
from tests.projects import add, build, make_project, remove, retitle

DAY_ONE, DAY_TWO = "2026-01-10", "2026-02-01"


def on(monkeypatch, day: str) -> None:
    """Builds from now on run on `day`, as SOURCE_DATE_EPOCH says."""
    moment = datetime.datetime.fromisoformat(day).replace(hour=12, tzinfo=datetime.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))


def history_of(project) -> History:
    return read_history(project / "content" / "history.yml", "content/history.yml")


def main_text(page) -> str:
    html = page.read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", html[html.index("<main") : html.index("</main>")])
    return re.sub(r"\s+", " ", text).replace("( ", "(").replace(" )", ")")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A library built on DAY_ONE with two papers, then changed and built on DAY_TWO: one
    paper retitled, one taken out with its PDF, one added."""
    project = make_project(tmp_path)
    add(project, "harbour", title="Harbour patrols")
    add(project, "river", title="River crossings")
    on(monkeypatch, DAY_ONE)
    build(project)
    first = history_of(project)
    build(project)  # nothing changed: nothing recorded
    again = history_of(project)

    on(monkeypatch, DAY_TWO)
    retitle(project, "harbour", "Night patrols")
    remove(project, "river")
    add(project, "meadow", title="Meadow schools")
    output = build(project)
    return SimpleNamespace(root=project, first=first, again=again, output=output)


def test_each_build_records_what_came_in_changed_and_went_out_by_day(project):
    assert project.first.changes == [
        {
            "date": DAY_ONE,
            "added": {"harbour-en": "Harbour patrols", "river-en": "River crossings"},
            "changed": {},
            "removed": {},
        }
    ]
    assert project.again == project.first

    history = history_of(project.root)
    assert history.changes[1:] == project.first.changes
    assert history.changes[0] == {
        "date": DAY_TWO,
        "added": {"meadow-en": "Meadow schools"},
        "changed": {"harbour-en": "Night patrols"},
        "removed": {"river-en": {"title": "River crossings", "pdf": "river.pdf"}},
    }
    assert sorted(history.versions) == ["harbour-en", "meadow-en"]
    assert history.versions["meadow-en"]["pdf"] == "meadow.pdf"


def test_whats_new_shows_the_history_newest_first_in_every_ui_language(project):
    english = main_text(project.output / "whats-new.html")
    assert re.search(
        r"February 1, 2026 Added Meadow schools \(English\) Updated Night patrols \(English\) "
        r"Taken out River crossings \(English\) "
        # A version still in the library shows its title of today, and links its page.
        r"January 10, 2026 Added Night patrols \(English\) River crossings \(English\)",
        english,
    ), english
    page = (project.output / "whats-new.html").read_text(encoding="utf-8")
    assert 'href="./publications/meadow-en.html"' in page
    assert "publications/river-en.html" not in page  # no link to what is gone
    assert "1 février 2026" in main_text(project.output / "fr" / "whats-new.html")
    home = (project.output / "index.html").read_text(encoding="utf-8")
    assert 'href="./whats-new.html"' in home


def test_a_days_changes_add_up(project, monkeypatch):
    remove(project.root, "meadow")  # added on DAY_TWO, gone the same day: no news
    add(project.root, "river", title="River crossings")  # taken out, back the same day: changed
    build(project.root)

    assert history_of(project.root).changes[0] == {
        "date": DAY_TWO,
        "added": {},
        "changed": {"harbour-en": "Night patrols", "river-en": "River crossings"},
        "removed": {},
    }
    history = history_of(project.root)
    assert history.since(DAY_TWO)["changed"].keys() == {"harbour-en", "river-en"}
    assert history.since("2026-03-01") == {"added": {}, "changed": {}, "removed": {}}
    assert history.since(DAY_ONE)["added"].keys() == {"harbour-en", "river-en"}


def test_a_broken_history_stops_the_build_and_is_left_as_it_is(project, capfd):
    path = project.root / "content" / "history.yml"
    path.write_text("versions: [harbour-en]\nchanges: []\n", encoding="utf-8")
    capfd.readouterr()

    with pytest.raises(BuildError):
        build(project.root)

    assert "content/history.yml:1: versions: must map each version" in capfd.readouterr().err
    assert path.read_text(encoding="utf-8") == "versions: [harbour-en]\nchanges: []\n"
