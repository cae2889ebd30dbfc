"""The library's history: on which day each language version came in, changed or went out.

Each build compares its versions with the ones the last build saw, which content/history.yml
keeps (HISTORY_PATH), and writes what differs under the day's date (SOURCE_DATE_EPOCH's, where
set). The file is data kept with the content: committed with it, it gives the "What's new" page
and `invoke zip --since DATE` the same history on every machine. A version has changed when its
record or its PDF has. A day's changes add up: a version added and removed the same day is no
news, one removed and added again has changed.

    versions:                      # each version as the last build saw it
      sectt-summary-paper-en: {digest: 3f2a9c0e1b7d4a55, pdf: sectt-summary-paper.pdf, title: …}
    changes:                       # newest first; version -> its title then
    - date: '2026-11-20'
      added: {sectt-summary-paper-es: Documento de síntesis …}
      changed: {}
      removed:                     # and the PDF it had, for an update to delete
        old-leaflet-en: {title: …, pdf: old-leaflet.pdf}
"""

import datetime
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import ContentError, ContentErrors, quote
from .yamldata import load_mapping

KINDS = ("added", "changed", "removed")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HEADER = """\
# The library's history, written by every build: which language versions came in, changed or
# went out, and when. Commit it with the content; the "What's new" page and
# `invoke zip --since DATE` read it. Edit it only to correct a date or a title.
"""


@dataclass
class History:
    versions: dict[str, dict]  # version -> {"digest", "pdf", "title"}
    changes: list[dict]  # newest first: {"date": "YYYY-MM-DD", kind: {version: what it was}}

    def since(self, day: str) -> dict[str, dict]:
        """The versions added, changed and removed on `day` (YYYY-MM-DD) or later, as they
        are now (one added, then removed, is neither), with what the history says of them."""
        change = {"date": day, **{kind: {} for kind in KINDS}}
        for later in reversed(self.changes):
            if later["date"] >= day:
                _add_to_day(change, later)
        return {kind: change[kind] for kind in KINDS}


def version_id(record) -> str:
    return f"{record.slug}-{record.lang.key}"


def fingerprint(record) -> str:
    """What a version is made of: its record's bytes and its PDF's."""
    digest = hashlib.sha256(record.source_path.read_bytes())
    digest.update(record.pdf_digest.encode())
    return digest.hexdigest()[:16]


def today() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date().isoformat()
    return datetime.date.today().isoformat()


def record_changes(history: History, records, day: str) -> bool:
    """Adds to `history` what `records` change under `day`; whether anything did."""
    now = {
        version_id(record): {
            "digest": fingerprint(record),
            "pdf": Path(record.pdf_name).as_posix(),
            "title": record.title,
        }
        for record in records
    }
    before = history.versions
    found = {
        "added": {v: now[v]["title"] for v in now if v not in before},
        "changed": {v: now[v]["title"] for v in now if v in before and before[v] != now[v]},
        "removed": {
            v: {"title": before[v]["title"], "pdf": before[v]["pdf"]}
            for v in before
            if v not in now
        },
    }
    history.versions = dict(sorted(now.items()))
    if not any(found.values()):
        return False
    if not history.changes or history.changes[0]["date"] != day:
        history.changes.insert(0, {"date": day, **{kind: {} for kind in KINDS}})
    _add_to_day(history.changes[0], found)
    if not any(history.changes[0][kind] for kind in KINDS):
        history.changes.pop(0)  # the day's changes undid each other
    return True


def _add_to_day(change: dict, found: dict) -> None:
    """Adds the changes `found` after those of `change`; each version keeps what its last
    change says of it."""
    net = {version: kind for kind in KINDS for version in change[kind]}
    facts = {version: fact for kind in KINDS for version, fact in change[kind].items()}
    for kind in KINDS:
        for version, fact in found[kind].items():
            _fold(net, version, kind)
            facts[version] = fact
    for kind in KINDS:
        change[kind] = {v: facts[v] for v in sorted(net) if net[v] == kind}


def _fold(net: dict[str, str], version: str, kind: str) -> None:
    """What a version's earlier change and a later one come to together."""
    earlier = net.get(version)
    if earlier is None:
        net[version] = kind
    elif earlier == "added" and kind == "removed":
        del net[version]
    elif earlier == "removed" and kind == "added":
        net[version] = "changed"
    elif earlier == "changed" and kind == "removed":
        net[version] = "removed"


def read_history(path: Path, label: str) -> History:
    """The history in `path` (empty when there is none yet); ContentErrors when it is not one."""
    if not path.is_file():
        return History({}, [])
    data, lines = load_mapping(path.read_text(encoding="utf-8"), label)
    problem = _problem(data)
    if problem:
        field, message = problem
        fix = "correct it (your version control has it as the build wrote it), or delete the "
        fix += "file to start the history again"
        raise ContentErrors([ContentError(label, f"{message}; {fix}", lines.get(field), field)])
    return History(data.get("versions") or {}, data.get("changes") or [])


def _problem(data: dict) -> tuple[str, str] | None:
    """(field, what is wrong) where the history is not one a build writes."""
    versions, changes = data.get("versions") or {}, data.get("changes") or []
    if not isinstance(versions, dict):
        return "versions", "must map each version to its digest, pdf and title"
    if not isinstance(changes, list):
        return "changes", "must be a list of the days' changes"
    for version, facts in versions.items():
        if not isinstance(facts, dict) or set(facts) != {"digest", "pdf", "title"}:
            return "versions", f"{quote(version)} needs a digest, a pdf and a title"
    dates = []
    for change in changes:
        date = change.get("date") if isinstance(change, dict) else change
        if not DAY.match(str(date)):
            return "changes", f"{quote(date)} is not a date written YYYY-MM-DD"
        if set(change) != {"date", *KINDS} or not all(
            isinstance(change[kind], dict) for kind in KINDS
        ):
            return "changes", f"the change of {date} needs 'added', 'changed' and 'removed'"
        for version, fact in change["removed"].items():
            if not isinstance(fact, dict) or set(fact) != {"title", "pdf"}:
                return "changes", f"{quote(version)}, removed on {date}, needs a title and a pdf"
        dates.append(date)
    if dates != sorted(set(dates), reverse=True):
        return "changes", "must go newest first, one per date"
    return None


def write_history(history: History, path: Path) -> None:
    """Writes the history, whole or not at all: a stopped build leaves the last one."""
    text = HEADER + yaml.safe_dump(
        {"versions": history.versions, "changes": history.changes},
        allow_unicode=True,
        sort_keys=False,
        width=1000,  # a title on one line
    )
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def shown_changes(history: History, records) -> list[dict]:
    """The history as the "What's new" page shows it: by day, newest first, each version with
    its record where the library still has it (for its page and current title)."""
    current = {version_id(record): record for record in records}
    return [
        {
            "date": datetime.date.fromisoformat(change["date"]),
            "kinds": {
                kind: [
                    {
                        "title": fact["title"] if kind == "removed" else fact,
                        "lang": version.rsplit("-", 1)[-1],
                        "record": current.get(version) if kind != "removed" else None,
                    }
                    for version, fact in change[kind].items()
                ]
                for kind in KINDS
                if change[kind]
            },
        }
        for change in history.changes
    ]
