"""The text cache: hits, misses on change, renamed files, interrupted writes, concurrent builds."""

import json
import multiprocessing
import os
import shutil

import pytest
from pdf_text.cache import TextCache
from pdf_text.pipeline import Limits, texts_for

from tests import pdfs

VERSION = "test-1"


@pytest.fixture
def library(tmp_path):
    root = tmp_path / "publications"
    for n in range(3):
        pdfs.text_pdf(root / f"paper-{n}.pdf", [f"Paper {n} on prevention.", "Second page."])
    return root


def run_texts(root, cache_folder, version=VERSION, workers=1):
    cache = TextCache(cache_folder, version)
    names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.pdf"))
    return texts_for(names, root, cache, Limits(workers=workers))


def test_a_second_run_reads_no_pdf_at_all(library, tmp_path):
    first_texts, first = run_texts(library, tmp_path / "cache")
    second_texts, second = run_texts(library, tmp_path / "cache")

    assert (first.extracted_files, first.read_files) == (3, 3)
    assert (second.extracted_files, second.read_files) == (0, 0)
    assert second_texts == first_texts
    assert second.pages == 6


def test_a_changed_pdf_is_extracted_again(library, tmp_path):
    run_texts(library, tmp_path / "cache")
    pdfs.text_pdf(library / "paper-1.pdf", ["A new edition on trafficking."])

    texts, run = run_texts(library, tmp_path / "cache")

    assert (run.extracted_files, run.read_files) == (1, 1)
    assert "trafficking" in texts["paper-1.pdf"].text


def test_a_renamed_pdf_is_hashed_but_not_extracted(library, tmp_path):
    run_texts(library, tmp_path / "cache")
    (library / "paper-2.pdf").rename(library / "renamed.pdf")

    texts, run = run_texts(library, tmp_path / "cache")

    assert (run.extracted_files, run.read_files) == (0, 1)
    assert "Paper 2" in texts["renamed.pdf"].text


def test_a_new_extractor_version_extracts_again(library, tmp_path):
    run_texts(library, tmp_path / "cache")

    _, run = run_texts(library, tmp_path / "cache", version="test-2")

    assert run.extracted_files == 3


def test_an_interrupted_write_leaves_no_entry_to_read_back(library, tmp_path, monkeypatch):
    def interrupted(temporary, path):
        raise KeyboardInterrupt  # the entry is written, not yet renamed into place

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_texts(library, tmp_path / "cache")
    monkeypatch.undo()

    assert not [path for path in (tmp_path / "cache").rglob("*") if path.is_file()]
    _, run = run_texts(library, tmp_path / "cache")
    assert run.extracted_files == 3


def entries(cache_folder):
    return sorted((cache_folder / VERSION).glob("??/*.json"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: '{"pages": ["trunc',  # cut short
        lambda entry: "[1, 2, 3]",  # JSON of another shape
        lambda entry: json.dumps({"pages": ["Paper"], "page_count": "two"}),  # an older shape
        lambda entry: json.dumps({**entry, "text": {**entry["text"], "pages": 7}}),
        lambda entry: json.dumps({**entry, "text": {**entry["text"], "outline": [[1, 2, 3]]}}),
        # Edited by hand: the shape is right, the checksum is not.
        lambda entry: json.dumps(entry).replace("Paper", "Edited paper"),
    ],
    ids=["cut", "list", "older", "pages", "outline", "edited"],
)
def test_a_damaged_entry_is_a_miss_reported_once_and_written_again(library, tmp_path, damage):
    run_texts(library, tmp_path / "cache")
    for entry in entries(tmp_path / "cache"):
        entry.write_text(damage(json.loads(entry.read_text())))

    texts, run = run_texts(library, tmp_path / "cache")

    assert run.extracted_files == 3
    assert texts["paper-0.pdf"].pages[0] == "Paper 0 on prevention."
    assert sorted(run.damaged) == [str(entry) for entry in entries(tmp_path / "cache")]
    assert run_texts(library, tmp_path / "cache")[1].extracted_files == 0


def test_a_damaged_index_of_files_is_read_again_from_the_files(library, tmp_path):
    run_texts(library, tmp_path / "cache")
    (tmp_path / "cache" / VERSION / "files.json").write_text('{"paper-0.pdf": [1, "x"], "a": 3}')

    texts, run = run_texts(library, tmp_path / "cache")

    assert (run.read_files, run.extracted_files) == (3, 0)
    assert texts["paper-0.pdf"].pages[0] == "Paper 0 on prevention."


def test_a_time_limit_reached_is_not_kept(library, tmp_path, monkeypatch):
    from pdf_text import extraction

    def too_slow(path, seconds):
        found = extraction.PdfText(
            size=1, problem=f"took longer than {seconds:g} s", transient=True
        )
        return found

    monkeypatch.setattr("pdf_text.pipeline.extract", too_slow)
    _, first = run_texts(library, tmp_path / "cache")
    monkeypatch.undo()

    texts, second = run_texts(library, tmp_path / "cache")

    assert len(first.problems) == 3 and second.problems == {}
    assert second.extracted_files == 3 and "Paper 1" in texts["paper-1.pdf"].text


def _build_in_process(root, cache_folder, queue):
    texts, _ = run_texts(root, cache_folder)
    queue.put({name: text.pages for name, text in texts.items()})


def test_two_builds_at_once_share_the_cache_safely(library, tmp_path):
    for n in range(3, 12):
        shutil.copy(library / "paper-0.pdf", library / f"copy-{n}.pdf")
        pdfs.text_pdf(library / f"more-{n}.pdf", [f"More {n}"] * 3)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    builds = [
        context.Process(target=_build_in_process, args=(library, tmp_path / "cache", queue))
        for _ in range(2)
    ]
    for build in builds:
        build.start()
    results = [queue.get(timeout=60) for _ in builds]
    for build in builds:
        build.join(timeout=60)

    assert all(build.exitcode == 0 for build in builds)
    assert results[0] == results[1]
    texts, run = run_texts(library, tmp_path / "cache")
    assert run.extracted_files == 0
    assert {name: text.pages for name, text in texts.items()} == results[0]
    assert not list((tmp_path / "cache").rglob(".tmp-*"))


def test_identical_files_are_extracted_once(library, tmp_path):
    shutil.copy(library / "paper-0.pdf", library / "same-as-0.pdf")

    texts, run = run_texts(library, tmp_path / "cache")

    assert run.extracted_files == 3
    assert texts["same-as-0.pdf"] == texts["paper-0.pdf"]
    assert os.path.exists(tmp_path / "cache" / VERSION / "files.json")
