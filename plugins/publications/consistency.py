"""What the content contract allows but is most likely a mistake, as warnings: a PDF that no
record names, one PDF named by two publications (a slug typo splits a publication in two),
versions of one publication that disagree on its type, date or authors, a publication with no
theme. They never stop the build."""

from collections import defaultdict
from pathlib import Path

from .records import Publication

AGREED = {
    "type": lambda record: record.type.key,
    "date": lambda record: record.date.isoformat(),
    "authors": lambda record: ", ".join(record.authors),
}


def library_warnings(records: list[Publication], pdf_root: Path) -> list[str]:
    """One line per warning, 'file: field: what is odd; what to do', by file."""
    found = orphan_pdfs(records, pdf_root) + shared_pdfs(records)
    found += disagreeing_versions(records) + without_themes(records)
    return sorted(found)


def orphan_pdfs(records: list[Publication], pdf_root: Path) -> list[str]:
    named = {record.pdf_name for record in records}
    return [
        f"{pdf_root.name}/{name}: no record names this PDF; describe it in a file of "
        "content/publications/, or remove it"
        for name in sorted(
            path.relative_to(pdf_root).as_posix()
            for path in pdf_root.rglob("*")
            if path.is_file() and path.suffix.lower() == ".pdf"
        )
        if name not in named
    ]


def shared_pdfs(records: list[Publication]) -> list[str]:
    by_pdf = defaultdict(list)
    for record in records:
        by_pdf[record.pdf_name].append(record)
    found = []
    for name, sharing in by_pdf.items():
        slugs = sorted({record.slug for record in sharing})
        for record in sharing if len(slugs) > 1 else []:
            others = ", ".join(slug for slug in slugs if slug != record.slug)
            found.append(
                f"{record.label}: pdf: {name} is also the PDF of {others}; if they are one "
                "publication, give its versions one slug"
            )
    return found


def disagreeing_versions(records: list[Publication]) -> list[str]:
    found = []
    for record in records:
        for field, value_of in AGREED.items():
            for other in record.versions:
                if other is not record and value_of(other) != value_of(record):
                    found.append(
                        f"{record.label}: {field}: '{value_of(record)}' here, "
                        f"'{value_of(other)}' in {other.label}; the versions of one "
                        "publication usually agree"
                    )
                    break
    return found


def without_themes(records: list[Publication]) -> list[str]:
    return [
        f"{record.label}: themes: none written and none found in the text; add a line such "
        "as 'themes: [prevention]'"
        for record in records
        if not record.themes
    ]
