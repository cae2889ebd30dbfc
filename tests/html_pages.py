"""Reading built pages in tests: links, the elements that carry a lang, their text."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Element:
    tag: str
    attrs: dict
    text: str = ""
    children_text: list = field(default_factory=list)
    children: list = field(default_factory=list, repr=False)

    def descendants(self):
        for child in self.children:
            yield child
            yield from child.descendants()

    def find_all(self, tag=None, **attrs) -> list["Element"]:
        return [e for e in self.descendants() if matches(e, tag, attrs)]

    def find(self, tag=None, **attrs) -> "Element | None":
        found = self.find_all(tag, **attrs)
        return found[0] if found else None


def matches(element: Element, tag, attrs: dict) -> bool:
    """`class_` matches one of the element's classes; other attributes, their whole value."""
    if tag is not None and element.tag != tag:
        return False
    for name, value in attrs.items():
        name = name.rstrip("_")
        if name == "class":
            if value not in element.attrs.get("class", "").split():
                return False
        elif element.attrs.get(name) != value:
            return False
    return True


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if self.open:
            self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        while self.open:
            element = self.open.pop()
            element.text = "".join(element.children_text).strip()
            if self.open:
                self.open[-1].children_text.append(element.text)
            if element.tag == tag:
                break

    def handle_data(self, data):
        if self.open:
            self.open[-1].children_text.append(data)


class Page:
    def __init__(self, path: Path):
        self.path = path
        self.source = path.read_text(encoding="utf-8")
        collector = _Collector()
        collector.feed(self.source)
        collector.close()
        self.elements = collector.elements

    def find_all(self, tag=None, **attrs) -> list[Element]:
        return [e for e in self.elements if matches(e, tag, attrs)]

    def find(self, tag=None, **attrs) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}> in {self.path}"
        return found[0]

    def resolve(self, url: str) -> Path:
        """The file a relative URL of this page points at."""
        return (self.path.parent / unquote(urlsplit(url).path)).resolve()
