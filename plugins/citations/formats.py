"""A CSL item as BibTeX and as RIS, the two files reference managers and LaTeX import.

Both are written here rather than by a library: each is a few lines, and the tests read what is
written with real parsers (bibtexparser, rispy).
"""

from urllib.parse import quote

# (BibTeX entry type, RIS type) of each CSL type; anything else is @misc and GEN.
TYPES = {"report": ("techreport", "RPRT"), "pamphlet": ("booklet", "PAMP")}
OTHER = ("misc", "GEN")

# LaTeX's special characters. Text stays UTF-8 otherwise: BibLaTeX, Biber and every reference
# manager read it, and a title in Arabic or Thai has no ASCII form.
BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# A URL stays as it is (BibLaTeX reads `url` verbatim), but for what would end the field.
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def bibtex(item: dict) -> str:
    """One BibTeX entry. The title is in a second pair of braces, so that no style changes its
    capitals; an organisation is in braces too, so that it is not read as a person's names."""
    kind, _ = TYPES.get(item["type"], OTHER)
    year, *rest = item["issued"]["date-parts"][0]
    fields = [
        ("title", "{" + bibtex_text(item["title"]) + "}"),
        ("author", " and ".join(map(bibtex_name, item.get("author", [])))),
        # @techreport requires an institution; BibLaTeX's @booklet and @misc read `publisher`.
        ("institution" if kind == "techreport" else "publisher", bibtex_text(item["publisher"])),
        ("type", bibtex_text(item["genre"])),
        ("year", str(year)),
        ("month", str(rest[0]) if rest else ""),
        ("date", "-".join(f"{part:02d}" for part in item["issued"]["date-parts"][0])),
        ("language", item["language"]),
        ("pagetotal", str(item.get("number-of-pages", ""))),
        ("url", quote(item["URL"], safe=URL_SAFE)),
    ]
    lines = [f"  {name} = {{{value}}}," for name, value in fields if value]
    return "\n".join([f"@{kind}{{{item['id']},", *lines, "}"]) + "\n"


def bibtex_text(text: str) -> str:
    return "".join(BIBTEX_ESCAPES.get(character, character) for character in text)


def bibtex_name(name: dict) -> str:
    if "literal" in name:
        return "{" + bibtex_text(name["literal"]) + "}"
    return f"{bibtex_text(name['family'])}, {bibtex_text(name['given'])}"


def ris(item: dict) -> str:
    """One RIS record: tag, two spaces, a hyphen and a space, the value; ER ends it. Lines end
    with CR LF, as the format asks."""
    _, kind = TYPES.get(item["type"], OTHER)
    parts = item["issued"]["date-parts"][0]
    # DA is YYYY/MM/DD/ with the parts the editor did not write left empty: 2023/05//.
    date = "/".join(
        [str(parts[0]), *(f"{part:02d}" for part in parts[1:])] + [""] * (4 - len(parts))
    )
    tags = [
        ("TY", kind),
        ("ID", item["id"]),
        ("TI", item["title"]),
        *(("AU", ris_name(name)) for name in item.get("author", [])),
        ("PY", str(parts[0])),
        ("DA", date),
        ("LA", item["language"]),
        ("M3", item["genre"]),  # RIS's "type of work"
        ("PB", item["publisher"]),
        # SP holds the number of pages of a whole work, as reference managers write it.
        ("SP", str(item.get("number-of-pages", ""))),
        ("UR", item["URL"]),
    ]
    lines = [f"{tag}  - {value}" for tag, value in tags if value] + ["ER  - "]
    return "\r\n".join(lines) + "\r\n"


def ris_name(name: dict) -> str:
    return name.get("literal") or f"{name['family']}, {name['given']}"
