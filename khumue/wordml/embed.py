"""The content a manual was built from, kept inside its DOCX as a custom XML part
(ECMA-376 Part 1 §22.5, ``customXml/itemN.xml``), so that importing the file later
(:mod:`khumue.importer.read`) starts from exactly what built it, not from a reading of its text.

Word keeps custom XML parts when it saves a document, and shows nothing of them.  The part
holds one element in our own namespace whose text is the content as JSON.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from khumue.wordml.ns import NS

NAMESPACE = "urn:khumue:content:1"
CT_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"


def embed_source(document: Document, source: Mapping[str, object]) -> None:
    """Add ``source`` (JSON-able) to ``document`` as a custom XML part related to the main
    document part."""
    root = etree.Element(f"{{{NAMESPACE}}}manual", nsmap={None: NAMESPACE})
    root.text = json.dumps(source, ensure_ascii=False, sort_keys=False)
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = document.part.package
    taken = {str(p.partname) for p in package.iter_parts()}
    n = 1
    while f"/customXml/item{n}.xml" in taken:
        n += 1
    part = Part(PackURI(f"/customXml/item{n}.xml"), "application/xml", blob, package)
    props = Part(PackURI(f"/customXml/itemProps{n}.xml"), CT_PROPS, _item_props(), package)
    part.relate_to(props, RT.CUSTOM_XML_PROPS)
    document.part.relate_to(part, RT.CUSTOM_XML)


def _item_props() -> bytes:
    """The item's properties part (§22.5.2.1 datastoreItem): a fixed item id and our
    namespace as its schema, so the same content gives the same bytes."""
    ds = NS["ds"]
    item_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, NAMESPACE)).upper() + "}"
    root = etree.Element(f"{{{ds}}}datastoreItem", {f"{{{ds}}}itemID": item_id},
                         nsmap={"ds": ds})
    refs = etree.SubElement(root, f"{{{ds}}}schemaRefs")
    etree.SubElement(refs, f"{{{ds}}}schemaRef", {f"{{{ds}}}uri": NAMESPACE})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def find_source(custom_xml: Mapping[str, bytes]) -> dict[str, object] | None:
    """The embedded source among a package's custom XML parts (part name → bytes), or None
    when the document was not built by this program (or the part is unreadable)."""
    for blob in custom_xml.values():
        try:
            root = etree.fromstring(blob)
        except etree.XMLSyntaxError:
            continue
        if root.tag == f"{{{NAMESPACE}}}manual":
            try:
                value = json.loads(root.text or "")
            except ValueError:
                return None
            return value if isinstance(value, dict) else None
    return None
