"""Caches are not trusted: the published site shares no file with a cache or with
publications/, and a damaged cache is found, reported and built again."""

import gc
import json

import pytest

from tests.projects import add, build


def inodes(folder):
    return {path.stat().st_ino for path in folder.rglob("*") if path.is_file()}


def test_the_site_shares_no_file_with_the_caches_or_the_pdfs(project):
    add(project, "harbour", title="Harbour patrols")
    site = build(project)

    assert not inodes(site) & (inodes(project / "cache") | inodes(project / "publications"))
    assert not list(site.rglob("*LOCK*"))


def test_a_pdf_overwritten_in_place_changes_the_site_only_with_a_build(project):
    add(project, "harbour", title="Harbour patrols")
    site = build(project)
    published = (site / "pdf" / "harbour.pdf").read_bytes()

    with open(project / "publications" / "harbour.pdf", "r+b") as pdf:  # the same file, new bytes
        pdf.write(b"%PDF-1.7 overwritten")

    assert (site / "pdf" / "harbour.pdf").read_bytes() == published


def test_a_damaged_search_cache_is_built_again(project, capfd):
    add(project, "harbour", title="Harbour patrols")
    site = build(project)
    whole = (site / "search" / "index.js").read_text()
    cached = project / "cache" / "search" / "built" / "search" / "index.js"

    cached.write_text(whole[: len(whole) // 2])  # the live site keeps its own copy
    assert (site / "search" / "index.js").read_text() == whole
    capfd.readouterr()
    build(project)

    assert "was damaged; the search index is built again" in capfd.readouterr().err
    assert (site / "search" / "index.js").read_text() == whole == cached.read_text()


def test_a_pdf_text_cache_entry_of_another_shape_is_extracted_again(project, capfd):
    add(project, "harbour", title="Harbour patrols")
    build(project)
    for entry in (project / "cache" / "pdf-text").rglob("??/*.json"):
        entry.write_text(json.dumps({"checksum": "0", "text": {"pages": 3}}))
    capfd.readouterr()

    site = build(project)

    assert "was damaged; the text was extracted again" in capfd.readouterr().err
    assert "Harbour patrols" in (site / "publications" / "harbour-en.html").read_text()


def test_the_cycle_collector_is_paused_only_while_the_indexes_are_made():
    from search.cache import collector_paused

    with pytest.raises(KeyError), collector_paused():
        assert not gc.isenabled()
        raise KeyError("a failure while indexing")

    assert gc.isenabled()
