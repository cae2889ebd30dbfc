"""Where the text disagrees with the editor's tags: the report behind `invoke check`."""

from pathlib import Path

REPORT = "reports/tags.txt"
CONFIDENT = 0.9  # a detected language is reported against the editor's only above this


def notes(record) -> list[str]:
    """Suggestions for one record: disagreements with what the editor wrote, and what was
    filled in for the fields the editor left out."""
    found = record.suggestions
    lines = []
    if "lang" in record.inferred:
        lines.append(f"lang: set to '{record.lang.key}' from the text")
    elif (
        found["lang"] and found["lang"] != record.lang.key and found["lang_probability"] > CONFIDENT
    ):
        lines.append(
            f"lang: '{record.lang.key}' is declared, but the text reads as '{found['lang']}' "
            f"({found['lang_probability']:.0%})"
        )
    lines += _compare(record, "countries", found["countries"], found["mentions"])
    lines += _compare(record, "themes", found["themes"], {})
    # Without countries, 'global' is the default, not something the text suggested.
    if "regions" in record.inferred and record.regions and record.countries:
        lines.append(f"regions: set to {_keys(record.regions)} from the countries")
    return lines


def _compare(record, field: str, suggested: list[str], mentions: dict) -> list[str]:
    tagged = [term.key for term in getattr(record, field)]
    if field in record.inferred:
        return [f"{field}: set to {', '.join(tagged)} from the text"] if tagged else []
    lines = []
    for key in suggested:
        if key not in tagged:
            how = f"named {mentions[key]} times" if key in mentions else "suggested by the text"
            lines.append(f"{field}: {key} is {how} but not tagged")
    if field == "countries" and record.pdf and record.pdf.pages:
        lines += [
            f"countries: {key} is tagged but never named" for key in tagged if key not in mentions
        ]
    return lines


def _keys(terms) -> str:
    return ", ".join(term.key for term in terms)


def report_text(records) -> str:
    sections = []
    for record in sorted(records, key=lambda r: r.label):
        lines = notes(record)
        if lines:
            sections.append("\n".join([record.label, *(f"  {line}" for line in lines)]))
    header = "Tag suggestions: where the text of a publication and its front matter differ.\n"
    return header + ("\n" + "\n\n".join(sections) if sections else "\nNone.") + "\n"


def write_report(records, output: Path) -> None:
    path = output / REPORT
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report_text(records), encoding="utf-8")
