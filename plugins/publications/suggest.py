""" "Did you mean": the vocabulary key or the PDF that an editor's unknown value most likely
meant, by its key, its label in any language or a keyword, spelt nearly alike."""

import difflib
from pathlib import Path

from .vocabulary import Term

CUTOFF = 0.6  # difflib's similarity below which a guess would mislead more than help


def closest_term(value: str, terms: dict[str, Term]) -> str | None:
    """The key of the term whose key, labels or keywords are nearest to `value`."""
    names: dict[str, str] = {}
    for key, term in terms.items():
        keywords = [word for words in (term.data.get("keywords") or {}).values() for word in words]
        for name in [key, term.data.get("name") or "", *term.labels.values(), *keywords]:
            names.setdefault(str(name).casefold(), key)
    found = difflib.get_close_matches(value.casefold(), names, n=1, cutoff=CUTOFF)
    return names[found[0]] if found else None


def term_hint(value: str, terms: dict[str, Term]) -> str:
    """' (did you mean research-report?)', or '' when nothing is near."""
    key = closest_term(value, terms)
    return f" (did you mean {key}?)" if key else ""


def closest_file(root: Path, name: str) -> str | None:
    """The path inside `root` of the PDF whose path or file name is nearest to `name`."""
    paths = [path.relative_to(root).as_posix() for path in sorted(root.rglob("*.pdf"))]
    by_name = {Path(path).name.casefold(): path for path in paths}
    wanted = name.casefold()
    found = difflib.get_close_matches(wanted, [p.casefold() for p in paths], n=1, cutoff=CUTOFF)
    if found:
        return next(path for path in paths if path.casefold() == found[0])
    found = difflib.get_close_matches(Path(wanted).name, by_name, n=1, cutoff=CUTOFF)
    return by_name[found[0]] if found else None
