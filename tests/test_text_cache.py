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
    def interrupted(data, stream, **options):
        stream.write('{"pages": ["half')
        raise KeyboardInterrupt

    monkeypatch.setattr(json, "dump", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_texts(library, tmp_path / "cache")
    monkeypatch.undo()

    assert not list((tmp_path / "cache").rglob("*.json"))
    _, run = run_texts(library, tmp_path / "cache")
    assert run.extracted_files == 3


def test_a_damaged_entry_is_a_miss_not_a_crash(library, tmp_path):
    run_texts(library, tmp_path / "cache")
    for entry in (tmp_path / "cache" / VERSION).glob("??/*.json"):
        entry.write_text('{"pages": ["trunc')

    texts, run = run_texts(library, tmp_path / "cache")

    assert run.extracted_files == 3
    assert "Paper 0" in texts["paper-0.pdf"].text


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
