"""The build's report on its PDFs: printed, and written into the site for editors."""

import json
import sys
from dataclasses import asdict
from pathlib import Path

from .pipeline import Run

REPORT = "reports/pdf-text.txt"


def report(run: Run, output: Path, cache_folder: Path) -> None:
    for entry in run.damaged:
        print(f"warning: {entry} was damaged; the text was extracted again", file=sys.stderr)
    for name, problem in sorted(run.problems.items()):
        # Plain lines on stderr, like the content errors: Pelican's log wraps long lines.
        print(f"warning: publications/{name}: {problem}", file=sys.stderr)
    print(summary(run), file=sys.stderr)
    _write(output / REPORT, report_text(run))
    # Timings vary from build to build, so they stay out of the site, here for `invoke bench`.
    _write(cache_folder / "last-build.json", json.dumps(asdict(run), indent=1))


def summary(run: Run) -> str:
    if not run.extracted_files:
        return f"PDF text: {run.files} files, {run.pages} pages, all from the cache"
    rate = run.extracted_pages / run.extraction_seconds if run.extraction_seconds else 0
    return (
        f"PDF text: {run.files} files, {run.pages} pages; extracted {run.extracted_files} files "
        f"({run.extracted_pages} pages) in {run.extraction_seconds:.1f} s on {where(run)}, "
        f"{rate:.0f} pages/s; the rest from the cache"
    )


def where(run: Run) -> str:
    if run.executor:
        return f"{run.workers} worker thread(s) of {run.executor}"
    return f"{run.workers} process(es)"


def report_text(run: Run) -> str:
    lines = [
        "PDF text report",
        "",
        f"{plural(run.files, 'PDF file')}, {plural(run.pages, 'page')}.",
        f"{len(run.problems)} file(s) with a problem:" if run.problems else "No problems.",
    ]
    lines += [f"  publications/{name}: {problem}" for name, problem in sorted(run.problems.items())]
    return "\n".join(lines) + "\n"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
