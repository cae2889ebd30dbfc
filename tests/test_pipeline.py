"""Parallel extraction: same result as one process, bounded per file, a crash loses one file."""

import io
import os
import time

import pdf_text.extraction as extraction
import pdf_text.pipeline as pipeline
from pdf_text.cache import TextCache
from pdf_text.extraction import extract
from pdf_text.pipeline import Limits, texts_for
from pdf_text.progress import Progress
from pypdf import PageObject

from tests import pdfs


def make_library(root, count=6):
    for n in range(count):
        pdfs.text_pdf(root / f"p{n}.pdf", [f"Publication {n}, page {p}." for p in range(1, 4)])
    return sorted(f"p{n}.pdf" for n in range(count))


def test_workers_give_the_same_text_as_one_process(tmp_path):
    names = make_library(tmp_path / "pdf")

    one, _ = texts_for(names, tmp_path / "pdf", TextCache(tmp_path / "a", "v"), Limits(workers=1))
    two, run = texts_for(names, tmp_path / "pdf", TextCache(tmp_path / "b", "v"), Limits(workers=2))

    assert run.workers == 2
    assert one == two
    assert run.extracted_pages == 18


def test_a_file_over_its_time_limit_keeps_what_was_read_and_is_reported(tmp_path, monkeypatch):
    path = pdfs.text_pdf(tmp_path / "long.pdf", ["Words " * 50] * 40)
    real_extract_text = PageObject.extract_text

    def slow_extract_text(page, *args, **kwargs):
        time.sleep(0.1)  # 4 s for the whole file, whatever the machine's speed
        return real_extract_text(page, *args, **kwargs)

    monkeypatch.setattr(PageObject, "extract_text", slow_extract_text)

    result = extract(path, seconds=1)

    kept = len(result.pages)
    assert result.problem == f"took longer than 1 s; text kept up to page {kept}"
    assert kept < 40
    assert result.page_count == 40


def test_a_file_over_its_time_limit_before_its_first_page_is_published_without_text(
    tmp_path, monkeypatch
):
    path = pdfs.text_pdf(tmp_path / "slow.pdf", ["Words " * 50] * 2)
    monkeypatch.setattr(PageObject, "extract_text", lambda *args, **kwargs: time.sleep(3))

    result = extract(path, seconds=0.5)

    assert result.problem == "took longer than 0.5 s; published without its text"
    assert result.pages == []


def test_a_worker_over_its_memory_limit_reports_instead_of_dying(tmp_path, monkeypatch):
    names = make_library(tmp_path / "pdf", count=2)
    real_read_pages = extraction._read_pages

    def greedy(reader, result):
        if result.size and reader.pages[0].extract_text().startswith("Publication 1"):
            bytearray(8 * 1024**3)  # more than the limit below
        real_read_pages(reader, result)

    monkeypatch.setattr(extraction, "_read_pages", greedy)
    limits = Limits(workers=2, memory=4 * 1024**3)

    texts, run = texts_for(names, tmp_path / "pdf", TextCache(tmp_path / "c", "v"), limits)

    assert run.problems == {"p1.pdf": "needed more memory than allowed; published without its text"}
    assert "Publication 0" in texts["p0.pdf"].text


def crash_on_p3(path, seconds):
    if path.name == "p3.pdf":
        os._exit(1)  # as a segfault in C code would end the worker
    return extract(path, seconds)


def test_a_crashing_worker_loses_only_its_own_file(tmp_path, monkeypatch):
    names = make_library(tmp_path / "pdf", count=5)
    monkeypatch.setattr(pipeline, "extract", crash_on_p3)

    cache = TextCache(tmp_path / "c", "v")

    texts, run = texts_for(names, tmp_path / "pdf", cache, Limits(workers=2))

    assert run.problems == {"p3.pdf": "the extraction crashed; published without its text"}
    assert all(f"Publication {n}" in texts[f"p{n}.pdf"].text for n in (0, 1, 2, 4))


def test_progress_is_plain_lines_when_not_on_a_terminal():
    stream = io.StringIO()
    progress = Progress(2, stream)

    progress.advance(10)
    progress.advance(5)
    progress.close()

    assert stream.getvalue().startswith("PDF text: 2/2 files, 15 pages, ")


def test_the_character_limits_hold_within_a_page_too(tmp_path, monkeypatch):
    path = pdfs.text_pdf(tmp_path / "dense.pdf", ["Words."] * 4)
    monkeypatch.setattr(PageObject, "extract_text", lambda *args, **kwargs: "x" * 150_000)
    monkeypatch.setattr(extraction, "MAX_CHARACTERS", 250_000)

    result = extract(path)

    assert [len(page) for page in result.pages] == [100_000, 100_000, 50_000]
    assert result.problem == "text kept for the first 3 pages only (limit reached)"
    monkeypatch.setattr(extraction, "MAX_CHARACTERS", 4_000_000)
    assert extract(path).problem == (
        "text of page(s) 1, 2, 3, 4 cut at 100,000 characters (limit reached)"
    )


def test_the_pool_holds_each_file_to_its_time_limit(tmp_path, monkeypatch):
    names = make_library(tmp_path / "pdf", count=3)
    slow = pdfs.text_pdf(tmp_path / "pdf" / "slow.pdf", ["Words."] * 3)
    real_extract_text = PageObject.extract_text

    def extract_text(page, *args, **kwargs):
        text = real_extract_text(page, *args, **kwargs)
        if text.startswith("Words"):
            time.sleep(60)  # the workers are forked: they have this too
        return text

    monkeypatch.setattr(PageObject, "extract_text", extract_text)
    cache = TextCache(tmp_path / "cache", "v")

    texts, run = texts_for([*names, slow.name], tmp_path / "pdf", cache, Limits(1, workers=2))

    assert run.workers == 2
    assert run.problems == {"slow.pdf": "took longer than 1 s; published without its text"}
    assert all(texts[name].pages for name in names)
