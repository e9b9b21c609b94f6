"""The text of a paragraph's runs as a reader sees it (ECMA-376 Part 1 §17.3.2 runs,
§17.16 fields, §17.13.5 tracked changes, §17.13.4 comments), and the shapes drawn in it
(MS-ODRAWXML §2.2.7: read from an mc:AlternateContent's Choice, never again from its
Fallback)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from docx.oxml.ns import qn
from lxml import etree
from lxml.etree import _Element

from khumue.content.officemodel import Digits
from khumue.typeset.digits import apply_digits
from khumue.wordml.ns import MC, V
from khumue.wordml.ns import qn as nsqn
from khumue.wordml.readtypes import ReadRevision, ReadShape

ALTERNATE = f"{{{MC}}}AlternateContent"
_SHAPES = (nsqn("wps:wsp"), f"{{{V}}}shape", f"{{{V}}}rect", f"{{{V}}}roundrect",
           f"{{{V}}}oval", f"{{{V}}}line")
_PROPERTIES = frozenset({qn("w:pPr"), qn("w:rPr")})
_INSERTED = {qn("w:ins"): "ins", qn("w:moveTo"): "moveTo"}
_DELETED = {qn("w:del"): "del", qn("w:moveFrom"): "moveFrom"}
_DRAWN = frozenset({qn("w:drawing"), qn("w:pict"), qn("w:object")})


class Changes(Protocol):
    """Where a run walk reports tracked changes, and whether it rejects them."""

    reject: bool
    revisions: list[ReadRevision]


def choice(alternate: _Element) -> _Element:
    """The first mc:Choice of an mc:AlternateContent (what Word shows), else its Fallback."""
    found = alternate.find(f"{{{MC}}}Choice")
    if found is None:
        found = alternate.find(f"{{{MC}}}Fallback")
    return found if found is not None else etree.Element("empty")


@dataclass
class RunText:
    """The text of a paragraph's runs, walking hyperlinks, content controls, tracked
    insertions and field results (field codes and tracked deletions left out); shapes are
    collected apart."""

    body: Changes
    it_font: Callable[[_Element], bool] | None = None  # is a run set in TH SarabunIT๙?
    it_digits: int = 0  # Arabic digits read as the Thai ones IT๙ shows
    parts: list[str] = field(default_factory=list)
    shapes: list[ReadShape] = field(default_factory=list)
    runs: list[_Element] = field(default_factory=list)  # the runs that hold text
    page_break: bool = False
    in_field_code: list[bool] = field(default_factory=list)  # one per open field
    comments: list[str] = field(default_factory=list)  # ids of comments anchored here
    revisions: list[int] = field(default_factory=list)  # indexes into the body's revisions

    def read(self, p: _Element) -> RunText:
        self.walk(p)
        return self

    def walk(self, element: _Element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _PROPERTIES:
                continue
            if tag == qn("w:r"):
                self.run(child)
            elif tag in _INSERTED or tag in _DELETED:
                self.revision(child)
            elif tag == qn("w:commentRangeStart"):
                self.comments.append(child.get(qn("w:id")) or "")
            elif tag == ALTERNATE:
                self.walk(choice(child))
            else:  # w:hyperlink, w:sdt/w:sdtContent, w:smartTag, w:fldSimple …
                self.walk(child)

    def revision(self, change: _Element) -> None:
        """A tracked insertion or deletion: read when it is taken (an insertion, or a
        deletion being rejected), listed either way."""
        inserted = change.tag in _INSERTED
        kind = _INSERTED.get(change.tag) or _DELETED[change.tag]
        text = "".join(t.text or "" for t in change.iter(qn("w:t"), qn("w:delText")))
        self.revisions.append(len(self.body.revisions))
        self.body.revisions.append(ReadRevision(
            kind, change.get(qn("w:author")) or "", change.get(qn("w:date")) or "", text,
            "".join(t.text or "" for t in change.getparent().iter(qn("w:t"), qn("w:delText")))))
        if inserted != self.body.reject:
            self.walk(change)

    def run(self, r: _Element) -> None:
        had_text = False
        start = len(self.parts)
        for child in r:
            if not isinstance(child.tag, str):
                continue
            if child.tag == qn("w:fldChar"):
                self.field_char(child.get(qn("w:fldCharType")))
            elif not (self.in_field_code and self.in_field_code[-1]):
                had_text = self.content(child) or had_text
        if had_text:
            self.runs.append(r)
            if self.it_font is not None and any(re.search("[0-9]", t)
                                                for t in self.parts[start:]) and self.it_font(r):
                # TH SarabunIT๙ draws 0-9 as Thai digits: read what the page shows (but a
                # web address or a code, shown Thai by mistake, keeps its Arabic digits)
                self.it_digits += sum(len(re.findall("[0-9]", t)) for t in self.parts[start:])
                self.parts[start:] = [apply_digits(t, Digits.thai) for t in self.parts[start:]]

    def field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self.in_field_code.append(True)
        elif kind == "separate" and self.in_field_code:
            self.in_field_code[-1] = False
        elif kind == "end" and self.in_field_code:
            self.in_field_code.pop()

    def content(self, child: _Element) -> bool:
        """Add one run child's text; True when it is text that shows."""
        tag = child.tag
        if tag == qn("w:t") or (tag == qn("w:delText") and self.body.reject):
            self.parts.append(child.text or "")
            return bool((child.text or "").strip())
        if tag == qn("w:commentReference"):
            self.comments.append(child.get(qn("w:id")) or "")
        if tag == qn("w:tab"):
            self.parts.append("\t")
        elif tag in (qn("w:br"), qn("w:cr")):
            if child.get(qn("w:type")) == "page":
                self.page_break = True
            else:
                self.parts.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            self.parts.append("-")
        elif tag in _DRAWN:
            self.shapes += shapes_in(child)
        elif tag == ALTERNATE:
            self.shapes += shapes_in(choice(child))
        return False


def shapes_in(element: _Element) -> list[ReadShape]:
    """Every shape with its text below a w:drawing or w:pict; text boxes nested in shapes are
    read as their shape's text."""
    out: list[ReadShape] = []
    for shape in element.iter(*_SHAPES):
        if shape.tag == nsqn("wps:wsp"):
            geometry = shape.find(f"{nsqn('wps:spPr')}/{nsqn('a:prstGeom')}")
            kind = geometry.get("prst") if geometry is not None else "custom"
            if shape.find(nsqn("wps:cNvCnPr")) is not None:
                kind = "connector"
        else:
            kind = shape.get("type", "").lstrip("#") or etree.QName(shape).localname
        texts = ["".join(t.text or "" if t.tag == qn("w:t") else "\n"
                         for t in p.iter(qn("w:t"), qn("w:br")))
                 for p in shape.iter(qn("w:p"))]
        out.append(ReadShape(kind, "\n".join(t.strip("\n") for t in texts if t.strip())))
    return out
