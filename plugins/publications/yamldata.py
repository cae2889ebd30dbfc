"""YAML reading for editor files: values plus the line of each top-level key.

Booleans follow YAML 1.2 (only true/false), so a country code such as NO (Norway) or a word such
as "yes" stays a string instead of turning into a boolean. Dates and numbers stay strings too:
the records check them, so that an impossible date such as 2023-13-01 gets a message instead of
a crash.
Anchors and aliases (`&a`, `*a`) are refused before anything is built: editors' files have no
use for them, and a few lines of nested aliases expand into gigabytes.
"""

import re

import yaml

from .errors import ContentError, ContentErrors


# libyaml's parser where it is installed (several times faster), else the pure-Python one.
class EditorLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


# Numbers stay strings as well: no field is a number (a year is checked as a date), and a
# 5,000-digit "number" is then a value to report rather than an integer Python refuses.
UNRESOLVED = {
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}
EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in UNRESOLVED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
EditorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_mapping(text: str, path: str, first_line: int = 1) -> tuple[dict, dict[str, int]]:
    """Parse `text` as a YAML mapping; return it with the file line of each top-level key.

    `first_line` is the file line where `text` starts (front matter starts after its `---`).
    """
    loader = EditorLoader(text)
    try:
        _refuse_aliases(text, path, first_line)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node else None
    except yaml.YAMLError as exc:
        raise ContentErrors([_syntax_error(exc, path, first_line, text)]) from None
    finally:
        loader.dispose()
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ContentErrors(
            [ContentError(path, "expected 'field: value' lines, found a single value", first_line)]
        )
    lines: dict[str, int] = {}
    repeated = []
    for key, _ in node.value:
        line = key.start_mark.line + first_line
        if key.value in lines:
            repeated.append(
                ContentError(
                    path,
                    f"appears twice (lines {lines[key.value]} and {line}); keep one",
                    line,
                    key.value,
                )
            )
        lines[key.value] = line
    if repeated:
        raise ContentErrors(repeated)
    return data, lines


def _refuse_aliases(text: str, path: str, first_line: int) -> None:
    for token in yaml.scan(text, Loader=EditorLoader):
        if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
            line = token.start_mark.line + first_line
            message = (
                "YAML anchors and aliases (&name, *name) are not allowed here; "
                "write each value out in full"
            )
            raise ContentErrors([ContentError(path, message, line)])


def _syntax_error(exc: yaml.YAMLError, path: str, first_line: int, text: str) -> ContentError:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + first_line if mark else None
    problem = getattr(exc, "problem", None) or str(exc)
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = ' (a value that contains ": " must be in quotes, e.g. title: "Summary: ...")'
    elif mark and "\t" in _indentation(text, mark.line):
        hint = " (indent with spaces, not tabs)"
    return ContentError(path, f"YAML syntax error: {problem}{hint}", line)


def _indentation(text: str, line: int) -> str:
    """The white space at the start of a line of `text` (numbered from 0)."""
    lines = text.splitlines()
    found = lines[line] if line < len(lines) else ""
    return found[: len(found) - len(found.lstrip())]
