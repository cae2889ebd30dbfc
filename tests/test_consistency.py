"""Warnings for what the content contract allows but is most likely a mistake: they name the
file, the field and what to do, and never stop the build."""

from tests import pdfs
from tests.projects import add, build


def warnings_of(log: str) -> list[str]:
    return [
        line.removeprefix("warning: ") for line in log.splitlines() if line.startswith("warning: ")
    ]


def test_a_clean_library_builds_without_warnings(project, capfd):
    add(project, "harbour", title="Harbour patrols")

    build(project)
    printed = capfd.readouterr()

    assert warnings_of(printed.err) == []
    # Pelican's closing line counts blog articles and pages, which a library has none of.
    assert printed.out.splitlines()[-1] == "1 publication in 1 language version"
    assert "Processed" not in printed.out + printed.err


def test_likely_mistakes_are_warned_of_and_the_library_is_built(project, capfd):
    records = project / "content" / "publications"
    add(project, "harbour", title="Harbour patrols")
    pdfs.text_pdf(project / "publications" / "forgotten.pdf", ["Nobody describes me."])
    # A slug typo: the French version names the same PDF under another slug.
    add(project, "harbor", title="Patrouilles portuaires", pdf="harbour.pdf", make_pdf=None)
    harbor = records / "harbor.en.md"
    harbor.rename(records / "harbor.fr.md")
    (records / "harbor.fr.md").write_text(
        (records / "harbor.fr.md").read_text().replace("lang: en", "lang: fr")
    )
    # Two versions of one publication that disagree on their date.
    add(project, "school", title="School visits")
    french = (records / "school.en.md").read_text().replace("lang: en", "lang: fr")
    (records / "school.fr.md").write_text(french.replace("2024-01-15", "2023-01-15"))
    # No theme written, and none in the text.
    add(project, "plain", title="Untitled notes", abstract="Notes.")
    plain = records / "plain.en.md"
    plain.write_text(plain.read_text().replace("themes: [prevention]\n", ""))

    site = build(project)

    assert (site / "publications" / "plain-en.html").is_file()
    assert warnings_of(capfd.readouterr().err) == [
        "content/publications/harbor.fr.md: pdf: harbour.pdf is also the PDF of harbour; if "
        "they are one publication, give its versions one slug",
        "content/publications/harbour.en.md: pdf: harbour.pdf is also the PDF of harbor; if "
        "they are one publication, give its versions one slug",
        "content/publications/plain.en.md: themes: none written and none found in the text; "
        "add a line such as 'themes: [prevention]'",
        "content/publications/school.en.md: date: '2024-01-15' here, '2023-01-15' in "
        "content/publications/school.fr.md; the versions of one publication usually agree",
        "content/publications/school.fr.md: date: '2023-01-15' here, '2024-01-15' in "
        "content/publications/school.en.md; the versions of one publication usually agree",
        "publications/forgotten.pdf: no record names this PDF; describe it in a file of "
        "content/publications/, or remove it",
    ]
