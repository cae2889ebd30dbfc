"""On the demo library, inference alone (tags removed from the front matter) must recover the
editors' language for every publication, and at least 90% of their countries and themes with no
more than one spurious term per publication on average."""

import pytest
from pdf_text.extraction import extract
from publications.records import read_publication
from taxonomy import Inference

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def comparisons(vocabulary):
    inference = Inference(vocabulary)
    pairs = []
    for path in sorted((ROOT / "content" / "publications").rglob("*.md")):
        record = read_publication(path, path.name, vocabulary, ROOT / "publications")
        text = "\n".join(
            [record.title, record.abstract, extract(ROOT / "publications" / record.pdf_name).text]
        )
        pairs.append((record, inference.suggest(text)))
    return pairs


def figures(comparisons, field):
    editors = found = spurious = 0
    for record, suggested in comparisons:
        tagged = {term.key for term in getattr(record, field)}
        inferred = set(suggested[field])
        editors += len(tagged)
        found += len(tagged & inferred)
        spurious += len(inferred - tagged)
    return found / editors, spurious / len(comparisons)


def test_the_language_of_every_publication_is_recovered(comparisons):
    assert [s["lang"] for _, s in comparisons] == [r.lang.key for r, _ in comparisons]


@pytest.mark.parametrize("field", ["countries", "themes", "regions"])
def test_countries_themes_and_regions_are_recovered(comparisons, field):
    recall, spurious = figures(comparisons, field)

    assert recall >= 0.9, f"{field}: {recall:.0%} of the editors' terms recovered"
    assert spurious <= 1.0, f"{field}: {spurious:.2f} spurious terms per publication"
