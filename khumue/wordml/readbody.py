"""Walking a document body into :mod:`khumue.wordml.reader`'s blocks, on python-docx's
element classes (``CT_P.pPr``, ``CT_Tc.grid_span``, ``CT_Row.grid_before`` …).

References are to ECMA-376 Part 1 (5th ed.): §17.3 paragraphs and runs, §17.4 tables
(w:gridSpan, w:vMerge, w:gridBefore, w:gridAfter), §17.7.4 style inheritance (w:basedOn),
§17.16 fields; shapes: MS-ODRAWXML §2.2.7 (mc:AlternateContent, read from its Choice).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree
from lxml.etree import _Element

from khumue.wordml.ns import MC, V
from khumue.wordml.ns import qn as nsqn
from khumue.wordml.numbering import Numbering
from khumue.wordml.readtypes import Block, ReadCell, ReadPara, ReadShape, ReadTable

_ALTERNATE = f"{{{MC}}}AlternateContent"
_SHAPES = (nsqn("wps:wsp"), f"{{{V}}}shape", f"{{{V}}}rect", f"{{{V}}}roundrect",
           f"{{{V}}}oval", f"{{{V}}}line")
_SKIPPED = frozenset({qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr")})
_DRAWN = frozenset({qn("w:drawing"), qn("w:pict"), qn("w:object")})


class Styles:
    """Paragraph styles of a document: name, and properties through the w:basedOn chain
    (§17.7.4).  ``root`` is the styles part's w:styles element (None: no styles part)."""

    def __init__(self, root: _Element | None):
        self.by_id: dict[str, _Element] = {}
        self.default_id = ""
        self.default_size: float | None = None
        if root is None:
            return
        for style in root.iter(qn("w:style")):
            ident = style.get(qn("w:styleId")) or ""
            self.by_id[ident] = style
            if style.get(qn("w:type")) == "paragraph" and \
                    style.get(qn("w:default")) in ("1", "true"):
                self.default_id = ident
        size = root.find(f"{qn('w:docDefaults')}//{qn('w:sz')}")
        self.default_size = half_points(size) if size is not None else None

    def name(self, ident: str) -> str:
        style = self.by_id.get(ident or self.default_id)
        if style is None:
            return ""
        found = style.find(qn("w:name"))
        return found.get(qn("w:val")) if found is not None else ident

    def chain(self, ident: str) -> list[_Element]:
        """The style and the styles it is based on, nearest first."""
        out: list[_Element] = []
        current = ident or self.default_id
        while current and current in self.by_id and self.by_id[current] not in out:
            out.append(self.by_id[current])
            based = out[-1].find(qn("w:basedOn"))
            current = based.get(qn("w:val")) if based is not None else ""
        return out

    def first(self, ident: str, path: str) -> _Element | None:
        """The first element at ``path`` along the style's chain."""
        for style in self.chain(ident):
            found = style.find(path)
            if found is not None:
                return found
        return None


def half_points(element: _Element) -> float | None:
    """A w:sz-like value (half-points) in points."""
    try:
        return int(element.get(qn("w:val")) or "") / 2
    except ValueError:
        return None


def on(element: _Element | None) -> bool | None:
    """A w:b-like toggle: None when absent, else its value (§17.17.4 ST_OnOff)."""
    if element is None:
        return None
    return element.get(qn("w:val")) not in ("0", "false", "off")


def choice(alternate: _Element) -> _Element:
    """The first mc:Choice of an mc:AlternateContent (what Word shows), else its Fallback."""
    found = alternate.find(f"{{{MC}}}Choice")
    if found is None:
        found = alternate.find(f"{{{MC}}}Fallback")
    return found if found is not None else etree.Element("empty")


class BodyReader:
    """Reads a body (or a table cell) into blocks, counting Word's list numbers as it goes."""

    def __init__(self, styles: Styles, numbering: Numbering):
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.section_ends: list[int] = []

    def read_container(self, container: _Element) -> None:
        for child in container:
            if child.tag == qn("w:p"):
                self.blocks.append(self.paragraph(child))
                if child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
                    self.section_ends.append(len(self.blocks) - 1)
            elif child.tag == qn("w:tbl"):
                self.blocks.append(self.table(child))
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.read_container(content)
            elif child.tag == qn("w:customXml"):
                self.read_container(child)
            elif child.tag == _ALTERNATE:
                self.read_container(choice(child))

    def table(self, tbl: _Element) -> ReadTable:
        """A table on its grid: a row that starts (w:gridBefore) or ends (w:gridAfter) in
        from the grid's edge gets an empty cell spanning the columns it leaves out, so that
        its cells stand under their headers."""
        rows: list[list[ReadCell]] = []
        header = 0
        for tr in tbl.iterchildren(qn("w:tr")):
            if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None and header == len(rows):
                header += 1
            cells = [ReadCell([], tr.grid_before)] if tr.grid_before else []
            cells += [self.cell(tc) for tc in tr.iterchildren(qn("w:tc"))]
            if tr.grid_after:
                cells.append(ReadCell([], tr.grid_after))
            rows.append(cells)
        return ReadTable(rows, header)

    def cell(self, tc: _Element) -> ReadCell:
        inner = BodyReader(self.styles, self.numbering)
        inner.read_container(tc)
        paras: list[ReadPara] = []
        for block in inner.blocks:  # a nested table's rows become lines of the cell
            if isinstance(block, ReadPara):
                paras.append(block)
            else:
                paras += [ReadPara("\t".join(c.text for c in row)) for row in block.rows]
        return ReadCell(paras, max(1, tc.grid_span), tc.vMerge == "continue")

    def paragraph(self, p: _Element) -> ReadPara:
        props = p.pPr
        style_id = (props.style if props is not None else None) or ""
        runs = RunText(self).read(p)
        bold, size = self._run_look(runs.runs, style_id)
        jc = self._ppr(props, style_id, "w:jc")
        label = self.numbering.label_for(props, self.styles.chain(style_id))
        return ReadPara(
            "".join(runs.parts), self.styles.name(style_id),
            label=label[0] if label else None, level=label[1] if label else None,
            outline_level=self._outline(props, style_id), bold=bold, size_pt=size,
            centered=jc is not None and jc.get(qn("w:val")) in ("center", "centre"),
            indent_twips=self._indent(props, style_id),
            page_break_before=runs.page_break or bool(
                on(self._ppr(props, style_id, "w:pageBreakBefore"))),
            shapes=tuple(runs.shapes))

    def _ppr(self, props: _Element | None, style_id: str, tag: str) -> _Element | None:
        found = props.find(qn(tag)) if props is not None else None
        return found if found is not None else self.styles.first(
            style_id, f"{qn('w:pPr')}/{qn(tag)}")

    def _indent(self, props: _Element | None, style_id: str) -> int:
        ind = self._ppr(props, style_id, "w:ind")
        for attr in ("w:left", "w:start"):
            value = ind.get(qn(attr)) if ind is not None else None
            if value and value.lstrip("-").isdigit():
                return int(value)
        return 0

    def _outline(self, props: _Element | None, style_id: str) -> int | None:
        found = self._ppr(props, style_id, "w:outlineLvl")
        if found is not None:
            value = found.get(qn("w:val")) or "9"
            return int(value) if value.isdigit() and int(value) < 9 else None
        name = self.styles.name(style_id).lower()
        if name.startswith("heading ") and name[8:].isdigit():
            return int(name[8:]) - 1
        return 0 if name == "title" else None

    def _run_look(self, runs: list[_Element], style_id: str) -> tuple[bool, float | None]:
        """(every run with text is bold, the largest size in pt) from direct formatting, the
        paragraph style and the document defaults."""
        style_bold = bool(on(self._style_rpr(style_id, ("w:bCs", "w:b"))))
        size_el = self._style_rpr(style_id, ("w:szCs", "w:sz"))
        style_size = (half_points(size_el) if size_el is not None else None) or \
            self.styles.default_size
        bolds, sizes = [], []
        for r in runs:
            rpr = r.find(qn("w:rPr"))
            bold = _first_on(rpr, ("w:bCs", "w:b"))
            size = _first_size(rpr, ("w:szCs", "w:sz"))
            bolds.append(style_bold if bold is None else bold)
            sizes.append(size or style_size)
        known = [s for s in sizes if s]
        return (bool(bolds) and all(bolds)), (max(known) if known else style_size)

    def _style_rpr(self, style_id: str, tags: tuple[str, ...]) -> _Element | None:
        for tag in tags:
            found = self.styles.first(style_id, f"{qn('w:rPr')}/{qn(tag)}")
            if found is not None:
                return found
        return None


def _first_on(rpr: _Element | None, tags: tuple[str, ...]) -> bool | None:
    for tag in tags:
        value = on(rpr.find(qn(tag))) if rpr is not None else None
        if value is not None:
            return value
    return None


def _first_size(rpr: _Element | None, tags: tuple[str, ...]) -> float | None:
    for tag in tags:
        found = rpr.find(qn(tag)) if rpr is not None else None
        if found is not None:
            return half_points(found)
    return None


@dataclass
class RunText:
    """The text of a paragraph's runs, walking hyperlinks, content controls, tracked
    insertions and field results (field codes and tracked deletions left out); shapes are
    collected apart."""

    body: BodyReader
    parts: list[str] = field(default_factory=list)
    shapes: list[ReadShape] = field(default_factory=list)
    runs: list[_Element] = field(default_factory=list)  # the runs that hold text
    page_break: bool = False
    in_field_code: list[bool] = field(default_factory=list)  # one per open field

    def read(self, p: _Element) -> RunText:
        self.walk(p)
        return self

    def walk(self, element: _Element) -> None:
        for child in element:
            if not isinstance(child.tag, str) or child.tag in _SKIPPED:
                continue
            if child.tag == qn("w:r"):
                self.run(child)
            elif child.tag == _ALTERNATE:
                self.walk(choice(child))
            else:  # w:hyperlink, w:ins, w:sdt/w:sdtContent, w:smartTag, w:fldSimple …
                self.walk(child)

    def run(self, r: _Element) -> None:
        had_text = False
        for child in r:
            if not isinstance(child.tag, str):
                continue
            if child.tag == qn("w:fldChar"):
                self.field_char(child.get(qn("w:fldCharType")))
            elif not (self.in_field_code and self.in_field_code[-1]):
                had_text = self.content(child) or had_text
        if had_text:
            self.runs.append(r)

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
        if tag == qn("w:t"):
            self.parts.append(child.text or "")
            return bool((child.text or "").strip())
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
        elif tag == _ALTERNATE:
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
        texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in shape.iter(qn("w:p"))]
        out.append(ReadShape(kind, "\n".join(t for t in texts if t)))
    return out
