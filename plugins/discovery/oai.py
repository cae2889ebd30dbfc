"""oai.xml: the catalogue as an OAI-PMH static repository, one record per language version in
Dublin Core (oai_dc), for aggregators to harvest through a static repository gateway.

The format (openarchives.org's "Specification for an OAI Static Repository") is one XML file
with the Identify, ListMetadataFormats and ListRecords answers of OAI-PMH. It has no sets and no
deleted records, and its dates are days. A record's datestamp is the version's date (a year or
a month as its first day), since a static build knows no other date of its content.
"""

import datetime
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from .addresses import Addresses

STATIC = "http://www.openarchives.org/OAI/2.0/static-repository"
OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NAMESPACES = {"oai": OAI, "oai_dc": OAI_DC, "dc": DC, "xsi": XSI}
FILE = "oai.xml"
MEANT_FOR = 5_000  # records: the specification addresses collections of 1 to 5,000
for name, uri in NAMESPACES.items():
    ET.register_namespace(name, uri)


def write_oai(records: list, addresses: Addresses, settings: dict, output: Path) -> None:
    if len(records) > MEANT_FOR:
        print(
            f"warning: {FILE}: {len(records):,} records; the static repository format is meant "
            f"for {MEANT_FOR:,} at most: an OAI-PMH server would serve harvesters better",
            file=sys.stderr,
        )
    # The protocol's own elements are in the default namespace, the answers' in oai:.
    root = ET.Element("Repository", xmlns=STATIC)
    root.set(
        f"{{{XSI}}}schemaLocation",
        f"{STATIC} http://www.openarchives.org/OAI/2.0/static-repository.xsd",
    )
    root.append(identify(records, addresses, settings))
    root.append(metadata_formats())
    listing = ET.SubElement(root, "ListRecords", metadataPrefix="oai_dc")
    for record in sorted(records, key=lambda r: (r.slug, r.lang.key)):
        listing.append(oai_record(record, addresses, settings))
    ET.indent(root, space=" ")
    ET.ElementTree(root).write(output / FILE, encoding="utf-8", xml_declaration=True)


def identify(records: list, addresses: Addresses, settings: dict) -> ET.Element:
    own = addresses.of(FILE)
    gateway = (settings.get("OAI_GATEWAY_URL") or "").rstrip("/")
    # The base URL a gateway gives the repository: its own address, then ours without scheme.
    base = f"{gateway}/{own.split('://', 1)[-1]}" if gateway else own
    element = ET.Element("Identify")
    for name, text in (
        ("repositoryName", settings["SITE_NAMES"].get(settings["DEFAULT_LANG"], "")),
        ("baseURL", base),
        ("protocolVersion", "2.0"),
        ("adminEmail", settings["OAI_ADMIN_EMAIL"]),
        ("earliestDatestamp", min((datestamp(r) for r in records), default=today())),
        ("deletedRecord", "no"),
        ("granularity", "YYYY-MM-DD"),
    ):
        ET.SubElement(element, f"{{{OAI}}}{name}").text = text
    return element


def metadata_formats() -> ET.Element:
    element = ET.Element("ListMetadataFormats")
    dc_format = ET.SubElement(element, f"{{{OAI}}}metadataFormat")
    for name, text in (
        ("metadataPrefix", "oai_dc"),
        ("schema", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"),
        ("metadataNamespace", OAI_DC),
    ):
        ET.SubElement(dc_format, f"{{{OAI}}}{name}").text = text
    return element


def oai_record(record, addresses: Addresses, settings: dict) -> ET.Element:
    element = ET.Element(f"{{{OAI}}}record")
    header = ET.SubElement(element, f"{{{OAI}}}header")
    ET.SubElement(header, f"{{{OAI}}}identifier").text = identifier(record, addresses)
    ET.SubElement(header, f"{{{OAI}}}datestamp").text = datestamp(record)
    metadata = ET.SubElement(element, f"{{{OAI}}}metadata")
    metadata.append(dublin_core(record, addresses, settings))
    return element


def dublin_core(record, addresses: Addresses, settings: dict) -> ET.Element:
    """The version in Dublin Core, labels in its own language (English where there is none)."""
    lang = record.lang.key
    dc = ET.Element(f"{{{OAI_DC}}}dc")
    dc.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    owner = settings["SITE_OWNER"]
    values = [
        ("title", record.title),
        *(("creator", author) for author in record.authors or [owner]),
        *(("subject", theme.label(lang)) for theme in record.themes),
        ("description", record.excerpt),
        ("publisher", owner),
        ("date", record.date.isoformat()),
        ("type", "Text"),  # the DCMI type
        ("type", record.type.label(lang)),
        ("format", "application/pdf"),
        ("identifier", addresses.page(record)),
        ("language", lang),
        ("relation", addresses.pdf(record)),
        *(("coverage", country.label(lang)) for country in record.countries),
    ]
    for name, text in values:
        if text:
            ET.SubElement(dc, f"{{{DC}}}{name}").text = text
    return dc


def identifier(record, addresses: Addresses) -> str:
    """oai:<the site's host>:<slug>-<lang>, as the OAI identifier guidelines write them."""
    return f"oai:{urlsplit(addresses.site).hostname}:{record.slug}-{record.lang.key}"


def datestamp(record) -> str:
    return record.date.value.isoformat()


def today() -> str:
    return datetime.date.today().isoformat()
