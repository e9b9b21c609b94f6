"""Reading a built DOCX the way a reviewer looks at it: paragraphs, tables and their cells,
headers, styles.  Test helper only."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from khumue.typeset.wordjoin import plain

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def element_text(element: etree._Element) -> str:
    """Text of an element as displayed: w:t joined, w:tab as a tab, w:br as a line feed; the
    zero-width break controls (khumue.typeset.wordjoin) are not seen."""
    out = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br"):
        if node.tag == f"{W}t":
            out.append(plain(node.text or ""))
        elif node.tag == f"{W}tab":
            if node.getparent().tag == f"{W}r":  # not a tab stop of w:pPr/w:tabs
                out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


@dataclass
class Manual:
    """A built manual, opened."""

    path: Path

    def __post_init__(self) -> None:
        self.document = Document(str(self.path))
        self.body = self.document.element.body

    def paragraphs(self) -> list[str]:
        """Top-level paragraph texts (not inside tables), in order."""
        return [element_text(p) for p in self.body.iterchildren(f"{W}p")]

    def tables(self) -> list[list[list[str]]]:
        """Every top-level table as rows of cell texts (paragraphs joined by line feeds)."""
        out = []
        for tbl in self.body.iterchildren(f"{W}tbl"):
            rows = []
            for tr in tbl.iterchildren(f"{W}tr"):
                rows.append(["\n".join(element_text(p) for p in tc.iterchildren(f"{W}p"))
                             for tc in tr.iterchildren(f"{W}tc")])
            out.append(rows)
        return out

    def table_elements(self) -> list[etree._Element]:
        return list(self.body.iterchildren(f"{W}tbl"))

    def table_after(self, heading_text: str) -> list[list[str]]:
        """The first table after the first paragraph whose text contains ``heading_text``."""
        seen = False
        for child in self.body.iterchildren():
            style = child.find(f"{W}pPr/{W}pStyle")
            in_toc = style is not None and style.get(qn("w:val")).lower().startswith("toc")
            if child.tag == f"{W}p" and not in_toc and heading_text in element_text(child):
                seen = True
            elif seen and child.tag == f"{W}tbl":
                return [["\n".join(element_text(p) for p in tc.iterchildren(f"{W}p"))
                         for tc in tr.iterchildren(f"{W}tc")]
                        for tr in child.iterchildren(f"{W}tr")]
        raise AssertionError(f"no table after {heading_text!r}")

    def all_text(self) -> str:
        """Every text of the document body (cover to back cover), paragraphs on lines."""
        return "\n".join(element_text(p) for p in self.body.iter(f"{W}p"))

    def headings(self, level: int) -> list[str]:
        style_id = self.document.styles[f"Heading {level}"].style_id
        return [element_text(p) for p in self.body.iter(f"{W}p")
                if p.find(f"{W}pPr/{W}pStyle") is not None
                and p.find(f"{W}pPr/{W}pStyle").get(qn("w:val")) == style_id]

    def part_xml(self, name: str) -> etree._Element:
        with zipfile.ZipFile(self.path) as z:
            return etree.fromstring(z.read(name))

    def header_texts(self) -> list[str]:
        with zipfile.ZipFile(self.path) as z:
            names = sorted(n for n in z.namelist() if re.match(r"word/header\d+\.xml", n))
            return [element_text(etree.fromstring(z.read(n))) for n in names]
