"""Covers: the first page of each PDF as WebP images, cached by content, bounded per file."""

import os
import time
from pathlib import Path
from types import SimpleNamespace

import covers.pipeline
import covers.render
import pdf_text.cache
import pypdfium2
import pytest
from covers import attach_covers, write_covers
from covers.render import render
from covers.site import cover_stems
from fpdf import FPDF
from pdf_text import attach_texts
from PIL import Image

from tests import pdfs
from tests.projects import add, build, make_project


def image_of(data: bytes) -> Image.Image:
    from io import BytesIO

    picture = Image.open(BytesIO(data))
    picture.load()
    return picture


def has_ink(picture: Image.Image) -> bool:
    """Whether a page shows something: dark pixels on it, not one colour."""
    darkest, lightest = picture.convert("L").getextrema()
    return darkest < 128 < lightest


def tall_pdf(path: Path) -> Path:
    pdf = FPDF(format=(100, 1000))  # millimetres: ten times taller than wide
    pdf.add_page()
    pdf.set_font("helvetica", size=24)
    pdf.cell(0, 20, "Top of a scroll")
    pdf.output(str(path))
    return path


def test_a_text_page_gets_two_webp_images_of_its_shape(tmp_path):
    path = pdfs.text_pdf(tmp_path / "a4.pdf", ["A page of text on prevention. " * 40])

    rendering = render(path)

    assert rendering.problem is None
    for width in (160, 320):
        image = rendering.images[width]
        picture = image_of(image.data)
        assert picture.format == "WEBP"
        assert picture.size == (image.width, image.height) == (width, round(width * 297 / 210))
        assert has_ink(picture)
        assert len(image.data) < 20_000


def test_a_scanned_page_gets_a_cover(tmp_path):
    rendering = render(pdfs.image_only_pdf(tmp_path / "scan.pdf"))

    assert rendering.problem is None
    assert has_ink(image_of(rendering.images[320].data))


def test_a_very_tall_page_shows_its_top(tmp_path):
    rendering = render(tall_pdf(tmp_path / "tall.pdf"))

    large = rendering.images[320]
    assert (large.width, large.height) == (320, 1280)
    assert has_ink(image_of(large.data).crop((0, 0, 320, 200)))


@pytest.mark.parametrize(
    "make, problem",
    [
        (lambda p: pdfs.encrypted_pdf(p, ["Hidden."], "secret"), "encrypted; a password"),
        (pdfs.empty_pdf, "the PDF has no pages"),
        (pdfs.truncated_pdf, "a PDF cut short"),
        (pdfs.not_a_pdf, "a web page (HTML), not a PDF"),
    ],
    ids=["encrypted", "empty", "truncated", "html"],
)
def test_a_pdf_that_cannot_be_shown_has_no_cover_and_says_why(tmp_path, make, problem):
    rendering = render(make(tmp_path / "bad.pdf"))

    assert rendering.images == {}
    assert rendering.problem.startswith(problem)
    assert not rendering.transient


def test_an_unexpected_error_of_the_renderer_is_a_problem_of_its_file(tmp_path, monkeypatch):
    def broken_encoder(picture, width):
        raise OSError("encoder error -2")

    monkeypatch.setattr(covers.render, "_webp", broken_encoder)

    rendering = render(pdfs.text_pdf(tmp_path / "a.pdf", ["Text."]))

    assert rendering.problem == "the first page could not be rendered: encoder error -2"
    assert not rendering.transient


def test_an_encrypted_pdf_that_opens_without_a_password_gets_a_cover(tmp_path):
    rendering = render(pdfs.encrypted_pdf(tmp_path / "locked.pdf", ["Readable."]))

    assert rendering.problem is None and set(rendering.images) == {160, 320}


def test_cover_paths_mirror_the_pdfs_and_never_collide():
    stems = cover_stems(["sub/a.pdf", "b.PDF", "b.pdf", "b.pdf.pdf"])

    assert stems["sub/a.pdf"] == "sub/a"
    assert len(set(stems.values())) == 4


# The steps of a build, in this process: pdf_text, then covers, then the images into the site.


@pytest.fixture
def library(tmp_path):
    root = tmp_path / "publications"
    for n in range(3):
        pdfs.text_pdf(root / f"paper-{n}.pdf", [f"Paper {n} on prevention."])
    pdfs.text_pdf(root / "sub" / "deep.pdf", ["A paper in a folder."])
    pdfs.empty_pdf(root / "empty.pdf")
    return root


def run_steps(root: Path, output: Path, **settings):
    names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.pdf"))
    generator = SimpleNamespace(
        settings={
            "PUBLICATIONS_PDF_PATH": str(root),
            "PDF_TEXT_CACHE_PATH": str(root.parent / "cache" / "pdf-text"),
            "COVERS_CACHE_PATH": str(root.parent / "cache" / "covers"),
            "PDF_TEXT_WORKERS": 2,
            **settings,
        },
        output_path=str(output),
    )
    records = [SimpleNamespace(pdf_name=name) for name in names]
    attach_texts(generator, records)
    attach_covers(generator, records)
    write_covers(generator, records, vocabulary=None, output_path=output)
    return {record.pdf_name: record for record in records}, generator.covers_run


def test_every_record_gets_its_cover_or_none(library, tmp_path, capfd):
    records, run = run_steps(library, tmp_path / "site")

    assert records["sub/deep.pdf"].cover == {
        "small": {"url": "covers/sub/deep-160.webp", "width": 160, "height": 226},
        "large": {"url": "covers/sub/deep-320.webp", "width": 320, "height": 453},
    }
    assert records["empty.pdf"].cover is None
    # The text step has said what is wrong with the file; the cover step does not say it again.
    warnings = capfd.readouterr().err
    assert warnings.count("publications/empty.pdf") == 1
    assert "warning: publications/empty.pdf: the PDF has no pages" in warnings
    assert (run.rendered_files, run.placed_files) == (5, 8)
    site_image = image_of((tmp_path / "site" / "covers" / "paper-1-320.webp").read_bytes())
    assert site_image.size == (320, 453)


def test_a_second_build_opens_no_pdf(library, tmp_path, monkeypatch):
    first, _ = run_steps(library, tmp_path / "first")

    def refuse(*args, **kwargs):
        raise AssertionError("a PDF was opened")

    monkeypatch.setattr(pypdfium2, "PdfDocument", refuse)
    monkeypatch.setattr(covers.pipeline, "in_pool", refuse)
    monkeypatch.setattr(pdf_text.cache, "file_digest", refuse)  # no PDF read to know its hash
    second, run = run_steps(library, tmp_path / "second")

    assert run.rendered_files == 0
    assert {n: r.cover for n, r in second.items()} == {n: r.cover for n, r in first.items()}
    assert (tmp_path / "second" / "covers" / "paper-0-160.webp").read_bytes() == (
        tmp_path / "first" / "covers" / "paper-0-160.webp"
    ).read_bytes()


def cached_cover(root: Path) -> tuple[Path, Path]:
    """The entry and the small image of one cover in the cache."""
    image = sorted((root.parent / "cache" / "covers").glob("*/??/*-160.webp"))[0]
    return image.with_name(image.name.replace("-160.webp", ".json")), image


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry, image: entry.write_text('{"checksum": "cut'),
        lambda entry, image: entry.write_text(entry.read_text().replace("226", "227")),
        lambda entry, image: image.write_bytes(image.read_bytes()[:100]),
        lambda entry, image: image.unlink(),
    ],
    ids=["entry-cut", "entry-edited", "image-cut", "image-missing"],
)
def test_a_damaged_entry_is_reported_and_rendered_again(library, tmp_path, damage, capfd):
    run_steps(library, tmp_path / "site")
    entry, image = cached_cover(library)
    damage(entry, image)
    capfd.readouterr()

    records, run = run_steps(library, tmp_path / "site")

    assert run.rendered_files == 1 and run.damaged == [str(entry)]
    assert f"warning: {entry} was damaged; the cover was rendered again" in capfd.readouterr().err
    assert all(record.cover for name, record in records.items() if name != "empty.pdf")
    assert run_steps(library, tmp_path / "site")[1].rendered_files == 0


def test_a_new_covers_version_renders_again(library, tmp_path, monkeypatch):
    run_steps(library, tmp_path / "site")
    monkeypatch.setattr(covers.render, "COVERS_VERSION", covers.render.COVERS_VERSION + 1)

    _, run = run_steps(library, tmp_path / "site")

    assert run.rendered_files == 5


def test_a_time_out_costs_its_file_only_and_is_not_kept(library, tmp_path, monkeypatch, capfd):
    real_render = covers.render._render_first_page

    def slow_on_paper_1(path: Path):
        if path.name == "paper-1.pdf":
            time.sleep(60)  # as PDFium stuck in C code: only ending its worker stops it
        return real_render(path)

    monkeypatch.setattr(covers.render, "_render_first_page", slow_on_paper_1)
    records, run = run_steps(library, tmp_path / "site", COVERS_SECONDS_PER_FILE=0.5)

    assert run.problems == {
        "empty.pdf": "the PDF has no pages",
        "paper-1.pdf": "took longer than 0.5 s",
    }
    assert "publications/paper-1.pdf: no cover (took longer than 0.5 s)" in capfd.readouterr().err
    assert records["paper-1.pdf"].cover is None and records["paper-2.pdf"].cover
    monkeypatch.undo()
    records, run = run_steps(library, tmp_path / "site")
    assert run.rendered_files == 1 and records["paper-1.pdf"].cover


def test_a_crashing_renderer_costs_its_file_only(library, tmp_path, monkeypatch):
    real_render = covers.render._render_first_page

    def crash_on_paper_2(path: Path):
        if path.name == "paper-2.pdf":
            os._exit(1)  # as a segfault in PDFium would end the worker
        return real_render(path)

    monkeypatch.setattr(covers.render, "_render_first_page", crash_on_paper_2)
    records, run = run_steps(library, tmp_path / "site")

    assert run.problems["paper-2.pdf"] == "the renderer crashed"
    assert records["paper-0.pdf"].cover and records["sub/deep.pdf"].cover


def test_a_build_publishes_each_pdfs_covers_as_files_of_their_own(tmp_path, capfd):
    project = make_project(tmp_path)
    add(project, "first", pdf="reports/first.pdf")
    add(project, "second", title="Another paper")
    add(project, "scan", make_pdf=pdfs.image_only_pdf)
    add(project, "broken", make_pdf=pdfs.truncated_pdf)
    add(project, "secret", make_pdf=lambda p: pdfs.encrypted_pdf(p, ["x"], user_password="pw"))

    output = build(project)

    for stem in ("reports/first", "second", "scan"):
        for width in (160, 320):
            picture = image_of((output / "covers" / f"{stem}-{width}.webp").read_bytes())
            assert picture.width == width
    assert sorted(p.name for p in (output / "covers").rglob("*.webp")) == sorted(
        f"{name}-{width}.webp" for name in ("first", "second", "scan") for width in (160, 320)
    )
    errors = capfd.readouterr().err
    assert "warning: publications/broken.pdf: a PDF cut short" in errors
    assert "warning: publications/secret.pdf: encrypted, no text" in errors
    assert "no cover" not in errors  # what the text step said of these files is enough
    cached = {(p.stat().st_dev, p.stat().st_ino) for p in (project / "cache").rglob("*")}
    published = {(p.stat().st_dev, p.stat().st_ino) for p in output.rglob("*")}
    assert not cached & published
