"""A synthetic library for benchmarks: N publications of 10-120 pages in English, French and
Spanish, with running headers and page numbers, written into a folder laid out like the project.

The words come from the demo library's own texts, so the vocabulary, word lengths and accents
are those of real publications in each language. The same count and seed give the same library,
which is reused when it already exists. Never committed: it lives in a temporary folder.
"""

import json
import random
import re
import shutil
import textwrap
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "fr", "es")
TYPES = ("summary-paper", "country-overview", "research-report", "working-paper", "policy-brief")
THEMES = ("travel-and-tourism", "online-exploitation", "trafficking", "legal-frameworks")
LINES_PER_PAGE = 56
CHARACTERS_PER_LINE = 92


def corpus(lang: str) -> list[str]:
    """The words of the demo texts in `lang`, as often as they occur there."""
    words = []
    for path in sorted((ROOT / "demo" / "texts").glob(f"*.{lang}.md")):
        text = path.read_text(encoding="utf-8").replace("\u2019", "'")  # typographic apostrophe
        words += [w for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text) if _latin1(w)]
    return words


def _latin1(word: str) -> bool:
    try:
        word.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def sentence(rng: random.Random, words: list[str]) -> str:
    chosen = [rng.choice(words) for _ in range(rng.randint(8, 24))]
    return " ".join(chosen).capitalize() + "."


def write_pdf(task: tuple) -> int:
    """Writes a PDF of `pages` pages of paragraphs; returns its page count."""
    path, title, lang, pages, seed = task
    rng, words = random.Random(seed), CORPORA[lang]
    running = f"{title} - Example Child Protection Network"
    contents = [
        page_content(running, page_lines(rng, words), number) for number in range(1, pages + 1)
    ]
    path.write_bytes(pdf_bytes(title, contents))
    return pages


def page_lines(rng: random.Random, words: list[str]) -> list[str]:
    """About 450-550 words in paragraphs, wrapped to the width of the page."""
    lines: list[str] = []
    while len(lines) < LINES_PER_PAGE - 6:
        paragraph = " ".join(sentence(rng, words) for _ in range(rng.randint(3, 7)))
        lines += [*textwrap.wrap(paragraph, CHARACTERS_PER_LINE), ""]
    return lines[:LINES_PER_PAGE]


def page_content(running: str, lines: list[str], number: int) -> bytes:
    body = " T* ".join(f"({_escape(line)}) Tj" for line in lines)
    return (
        f"BT /F1 8 Tf 56 806 Td ({_escape(running)}) Tj ET\n"
        f"BT /F1 10 Tf 13 TL 56 780 Td {body} ET\n"
        f"BT /F1 8 Tf 292 30 Td ({number}) Tj ET\n"
    ).encode("latin-1")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(title: str, contents: list[bytes]) -> bytes:
    """A plain PDF: A4 pages of compressed content streams in the standard Helvetica font."""
    objects = [
        b"",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for content in contents:
        stream = zlib.compress(content)
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream)
        )
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % len(objects)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    objects.append(b"<< /Title (%s) >>" % _escape(title).encode("latin-1"))
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        len(objects),
        xref,
    )
    return bytes(out)


CORPORA = {lang: corpus(lang) for lang in LANGUAGES}


def record(slug: str, lang: str, title: str, rng: random.Random) -> str:
    return (
        "---\n"
        f'title: "{title}"\n'
        f"slug: {slug}\nlang: {lang}\n"
        f"date: {rng.randint(2005, 2026)}-{rng.randint(1, 12):02d}\n"
        f"type: {rng.choice(TYPES)}\n"
        f"themes: [{rng.choice(THEMES)}]\n"
        f"regions: [global]\npdf: {slug}-{lang}.pdf\n"
        "---\n"
    )


def make_project(folder: Path) -> None:
    (folder / "content" / "publications").mkdir(parents=True, exist_ok=True)
    (folder / "publications").mkdir(exist_ok=True)
    vocabulary = folder / "content" / "vocabulary"
    if not vocabulary.exists():
        shutil.copytree(ROOT / "content" / "vocabulary", vocabulary)
    for shared in ("pelicanconf.py", "plugins", "theme"):
        if not (folder / shared).exists():
            (folder / shared).symlink_to(ROOT / shared)


def add_publications(folder: Path, names: list[str], seed: int, workers: int = 0) -> int:
    """Writes publications `names` (their slugs) into the project at `folder`; returns pages."""
    tasks = []
    for slug in names:
        rng = random.Random(f"{seed}-{slug}")
        lang = rng.choice(LANGUAGES)
        title = sentence(rng, CORPORA[lang])[:-1][:80]
        (folder / "content" / "publications" / f"{slug}.{lang}.md").write_text(
            record(slug, lang, title, rng), encoding="utf-8"
        )
        pdf = folder / "publications" / f"{slug}-{lang}.pdf"
        tasks.append((pdf, title, lang, rng.randint(10, 120), rng.random()))
    with ProcessPoolExecutor(workers or None) as pool:
        return sum(pool.map(write_pdf, tasks, chunksize=4))


def library(folder: Path, count: int, seed: int) -> dict:
    """The synthetic library of `count` publications at `folder`, made unless it is there."""
    marker = folder / "library.json"
    wanted = {"count": count, "seed": seed}
    if marker.exists() and json.loads(marker.read_text()).get("wanted") == wanted:
        return json.loads(marker.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    make_project(folder)
    pages = add_publications(folder, [f"pub-{n:05d}" for n in range(count)], seed)
    size = sum(p.stat().st_size for p in (folder / "publications").glob("*.pdf"))
    facts = {"wanted": wanted, "publications": count, "pages": pages, "pdf_bytes": size}
    marker.write_text(json.dumps(facts))
    return facts
