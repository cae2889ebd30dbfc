"""The library described to machines under `invoke publish`: Scholar's tags, schema.org JSON-LD,
Open Graph, canonical links, the sitemap, robots.txt, the OAI-PMH static repository and the
theme and region feeds; and none of it in the offline build."""

import gzip
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import brotli
import pytest
import yaml

from tasks import build_site
from tests.conftest import ROOT, UI_LANGUAGES
from tests.html_pages import Page
from tests.projects import add, make_project

SITEURL = "https://library.example.org/cp"
SCHOLAR_DATE = re.compile(r"^\d{4}(/\d{2}(/\d{2})?)?$")
W3C_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
OAI = "{http://www.openarchives.org/OAI/2.0/}"
STATIC = "{http://www.openarchives.org/OAI/2.0/static-repository}"
DC = "{http://purl.org/dc/elements/1.1/}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("published") / "site"
    build_site(output, extra={"SITEURL": SITEURL})
    return output


def local(site: Path, address: str) -> Path:
    """The file of the built site that an absolute address names."""
    assert address.startswith(SITEURL + "/"), address
    return site / unquote(address.removeprefix(SITEURL + "/"))


def publication_pages(site: Path) -> list[Path]:
    return sorted(site.glob("publications/*-*.html")) + sorted(site.glob("*/publications/*-*.html"))


def meta(page: Page, name: str) -> list[str]:
    found = page.find_all("meta", name=name) or page.find_all("meta", property=name)
    return [element.attrs["content"] for element in found]


def json_ld(page: Page) -> dict:
    (block,) = page.find_all("script", type="application/ld+json")
    return json.loads(block.text)


def test_every_publication_page_has_scholar_tags_with_absolute_addresses(site):
    pages = publication_pages(site)
    assert len(pages) == 27 * len(UI_LANGUAGES)
    for path in pages:
        page = Page(path)
        (title,) = meta(page, "citation_title")
        assert title == page.find("h1").text
        assert meta(page, "citation_author")[0] == "Example Child Protection Network"
        (date,) = meta(page, "citation_publication_date")
        assert SCHOLAR_DATE.match(date), date
        (pdf,) = meta(page, "citation_pdf_url")
        assert local(site, pdf).read_bytes()[:5] == b"%PDF-"
        (lang,) = meta(page, "citation_language")
        assert page.find("h1").attrs["lang"] == lang
        assert meta(page, "citation_publisher") == ["Example Child Protection Network"]


def test_a_version_is_canonical_in_the_ui_of_its_own_language(site):
    for ui in ("", "fr/", "es/"):
        page = Page(site / ui / "publications/sectt-summary-paper-fr.html")
        canonical = page.find("link", rel="canonical").attrs["href"]
        assert canonical == f"{SITEURL}/fr/publications/sectt-summary-paper-fr.html"
        assert meta(page, "og:url") == [canonical]
    arabic = Page(site / "es/publications/online-exploitation-summary-paper-ar.html")
    assert arabic.find("link", rel="canonical").attrs["href"] == (
        f"{SITEURL}/publications/online-exploitation-summary-paper-ar.html"  # no Arabic UI
    )


def test_every_other_page_is_its_own_canonical(site):
    for path in sorted(site.rglob("*.html")):
        if path in publication_pages(site):
            continue
        (canonical,) = Page(path).find_all("link", rel="canonical")
        assert local(site, canonical.attrs["href"]) == path


def test_json_ld_describes_each_version_and_its_translations(site):
    for path in publication_pages(site):
        page = Page(path)
        data = json_ld(page)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] in {"Report", "ScholarlyArticle", "CreativeWork"}
        assert data["name"] == page.find("h1").text
        assert data["inLanguage"] == page.find("h1").attrs["lang"]
        assert W3C_DATE.match(data["datePublished"])
        assert data["publisher"] == {
            "@type": "Organization",
            "name": "Example Child Protection Network",
        }
        assert all(term["@type"] == "DefinedTerm" for term in data["about"])
        assert all(len(place["identifier"]) == 2 for place in data.get("spatialCoverage", []))
        assert data["encoding"]["encodingFormat"] == "application/pdf"
        assert local(site, data["encoding"]["contentUrl"]).is_file()
        assert re.match(r"^\d+ B$", data["encoding"]["contentSize"])
        assert local(site, data["thumbnailUrl"]).read_bytes()[8:12] == b"WEBP"

    english = json_ld(Page(site / "publications/sectt-summary-paper-en.html"))
    assert english["@type"] == "Report"
    assert english["about"][0] == {
        "@type": "DefinedTerm",
        "name": "Travel and tourism",
        "termCode": "travel-and-tourism",
    }
    assert english["workTranslation"] == [
        {"@id": f"{SITEURL}/es/publications/sectt-summary-paper-es.html"},
        {"@id": f"{SITEURL}/fr/publications/sectt-summary-paper-fr.html"},
    ]
    french = json_ld(Page(site / "es/publications/sectt-summary-paper-fr.html"))
    assert french["about"][0]["name"] == "Voyages et tourisme"
    assert french["translationOfWork"] == {"@id": english["@id"]}
    research = json_ld(Page(site / "publications/child-marriage-west-africa-research-en.html"))
    assert research["@type"] == "ScholarlyArticle"
    assert {place["identifier"] for place in research["spatialCoverage"]} == {"BF", "ML", "NE"}


def test_open_graph_and_twitter_show_the_cover(site):
    page = Page(site / "publications/sectt-summary-paper-en.html")
    (image,) = meta(page, "og:image")
    assert local(site, image).is_file()
    assert meta(page, "og:image:width") == ["320"]
    assert meta(page, "twitter:image") == [image]
    assert meta(page, "twitter:card") == ["summary"]
    assert meta(page, "og:type") == ["article"]
    assert meta(page, "og:description")[0].startswith(meta(page, "twitter:description")[0][:40])


def test_the_sitemap_names_every_page_with_its_date_and_languages(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    urls = {url.find(f"{SITEMAP}loc").text: url for url in root}
    pages = sorted(site.rglob("*.html"))
    assert sorted(local(site, address) for address in urls) == pages
    for address, url in urls.items():
        lastmod = url.find(f"{SITEMAP}lastmod")
        assert lastmod is None or W3C_DATE.match(lastmod.text), address
        for link in url.findall(f"{XHTML}link"):
            assert link.attrib["rel"] == "alternate"
            assert local(site, link.attrib["href"]).is_file()

    home = urls[f"{SITEURL}/fr/index.html"]
    assert {link.attrib["hreflang"]: link.attrib["href"] for link in home.iter(f"{XHTML}link")} == {
        "en": f"{SITEURL}/index.html",
        "fr": f"{SITEURL}/fr/index.html",
        "es": f"{SITEURL}/es/index.html",
    }
    papers = set(publication_pages(site))
    newest = max(
        url.find(f"{SITEMAP}lastmod").text
        for address, url in urls.items()
        if local(site, address) in papers
    )
    assert home.find(f"{SITEMAP}lastmod").text == newest
    paper = urls[f"{SITEURL}/publications/sectt-summary-paper-en.html"]
    assert paper.find(f"{SITEMAP}lastmod").text == "2023-05-10"
    assert sorted(link.attrib["hreflang"] for link in paper.findall(f"{XHTML}link")) == [
        "en",
        "es",
        "fr",
    ]
    assert urls[f"{SITEURL}/search.html"].find(f"{SITEMAP}lastmod") is None


def test_robots_txt_names_the_sitemap(site):
    lines = (site / "robots.txt").read_text().splitlines()
    assert lines[0] == "User-agent: *"
    assert f"Sitemap: {SITEURL}/sitemap.xml" in lines
    assert "Disallow: /cp/search/" in lines
    assert not any(line.startswith("Disallow: /cp/pdf") for line in lines)


def test_the_oai_static_repository_holds_every_version_in_dublin_core(site):
    root = ET.parse(site / "oai.xml").getroot()
    assert [child.tag for child in root] == [
        f"{STATIC}Identify",
        f"{STATIC}ListMetadataFormats",
        f"{STATIC}ListRecords",
    ]
    identify = {child.tag.removeprefix(OAI): child.text for child in root[0]}
    assert list(identify) == [
        "repositoryName",
        "baseURL",
        "protocolVersion",
        "adminEmail",
        "earliestDatestamp",
        "deletedRecord",
        "granularity",
    ]
    assert identify["protocolVersion"] == "2.0"
    assert identify["granularity"] == "YYYY-MM-DD"
    assert identify["baseURL"] == f"{SITEURL}/oai.xml"
    assert identify["deletedRecord"] == "no"
    (dc_format,) = root[1]
    assert dc_format.find(f"{OAI}metadataPrefix").text == "oai_dc"
    assert root[2].attrib == {"metadataPrefix": "oai_dc"}

    records = root[2].findall(f"{OAI}record")
    assert len(records) == 27
    identifiers = [record.find(f"{OAI}header/{OAI}identifier").text for record in records]
    assert len(set(identifiers)) == 27
    assert "oai:library.example.org:sectt-summary-paper-fr" in identifiers
    for record in records:
        datestamp = record.find(f"{OAI}header/{OAI}datestamp").text
        assert DAY.match(datestamp) and datestamp >= identify["earliestDatestamp"]
        dc = record.find(f"{OAI}metadata/{{http://www.openarchives.org/OAI/2.0/oai_dc/}}dc")
        values = {}
        for element in dc:
            values.setdefault(element.tag.removeprefix(DC), []).append(element.text)
        page = Page(local(site, values["identifier"][0]))
        assert values["title"] == [page.find("h1").text]
        assert values["language"] == [page.find("h1").attrs["lang"]]
        assert local(site, values["relation"][0]).is_file()
        assert values["type"][0] == "Text"
        assert {"title", "creator", "subject", "date", "publisher", "format"} <= set(values)

    header = f"{OAI}header/{OAI}identifier"
    french = next(r for r in records if r.findtext(header).endswith(":sectt-summary-paper-fr"))
    subjects = [e.text for e in french.iter(f"{DC}subject")]
    assert subjects == ["Voyages et tourisme", "Prévention"]


def test_each_theme_and_region_has_a_feed_linked_from_its_page(site):
    for ui in ("", "fr/", "es/"):
        for facet in ("themes", "regions"):
            for term_page in sorted((site / ui / facet).glob("*.html")):
                if term_page.name == "index.html" or term_page.stem[-1].isdigit():
                    continue
                page = Page(term_page)
                feed = page.resolve(page.find("a", class_="feed").attrs["href"])
                assert feed == site / ui / "feeds" / facet / f"{term_page.stem}.atom.xml"
                advertised = page.find_all("link", rel="alternate", type="application/atom+xml")
                assert feed in [page.resolve(link.attrs["href"]) for link in advertised]
                entries = ET.parse(feed).getroot().findall(f"{ATOM}entry")
                shown = len(page.find("ul", class_="publication-list").children)
                assert len(entries) >= shown > 0


def test_hostile_text_stays_inside_its_json_and_attributes(tmp_path):
    project = make_project(tmp_path)
    title = 'Closing </script><script>alert("x")</script> & <!-- "quoted" \' -->'
    add(project, "hostile", title=title.replace('"', '\\"'))
    site = project / "output"
    build_site(site, project=project, extra={"SITEURL": SITEURL})

    page = Page(site / "publications/hostile-en.html")
    assert page.find("h1").text == title
    assert json_ld(page)["name"] == title
    assert meta(page, "citation_title") == [title]
    assert meta(page, "og:title") == [title]
    # The only script that holds the words is the JSON-LD block, which holds them as text.
    holding = [script for script in page.find_all("script") if "alert" in script.text]
    assert [script.attrs.get("type") for script in holding] == ["application/ld+json"]
    oai = ET.parse(site / "oai.xml").getroot()
    assert [e.text for e in oai.iter(f"{DC}title")] == [title]


def test_the_offline_build_describes_nothing_with_an_address(demo_site):
    assert not any((demo_site / name).exists() for name in ("sitemap.xml", "robots.txt", "oai.xml"))
    for path in sorted(demo_site.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        assert 'rel="canonical"' not in source and "citation_" not in source, path
        assert "application/ld+json" not in source and 'property="og:' not in source, path


def test_publish_needs_the_public_address_and_precompresses_text(tmp_path):
    command = [sys.executable, "-m", "invoke", "publish"]
    environment = {key: value for key, value in os.environ.items() if key != "SITEURL"}
    refused = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=environment)
    assert refused.returncode == 2
    assert refused.stderr.startswith("Set SITEURL to the library's public address")

    from publishing.precompress import precompress

    project = make_project(tmp_path)
    add(project, "paper", title="A paper")
    site = project / "output"
    build_site(site, project=project, extra={"SITEURL": SITEURL})
    files, size, sent = precompress(site)
    assert files > 10 and sent < size / 2
    page = site / "publications/paper-en.html"
    assert gzip.decompress(page.with_name(page.name + ".gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress(page.with_name(page.name + ".br").read_bytes()) == page.read_bytes()
    assert not list(site.rglob("*.pdf.gz")) and not list(site.rglob("*.webp.br"))


def test_the_github_pages_workflow_publishes_with_the_pages_address():
    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    publish = next(step for step in steps if "invoke publish" in step.get("run", ""))
    assert publish["env"]["SITEURL"] == "${{ steps.pages.outputs.base_url }}"
    upload = next(step for step in steps if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "output"
