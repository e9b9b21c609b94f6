"""Walking a document body into :mod:`khumue.wordml.reader`'s blocks, on python-docx's
element classes (``CT_P.pPr``, ``CT_Tc.grid_span``, ``CT_Row.grid_before`` …).

References are to ECMA-376 Part 1 (5th ed.): §17.3 paragraphs and runs, §17.4 tables
(w:gridSpan, w:vMerge, w:gridBefore, w:gridAfter), §17.7.4 style inheritance (w:basedOn),
§17.16 fields; shapes: MS-ODRAWXML §2.2.7 (mc:AlternateContent, read from its Choice).
"""

from __future__ import annotations

from dataclasses import replace

from docx.oxml.ns import qn
from lxml.etree import _Element

from khumue.typeset.itfont import is_it_font
from khumue.wordml.numbering import Numbering
from khumue.wordml.readruns import ALTERNATE, RunText, choice
from khumue.wordml.readtypes import (
    Block,
    ReadCell,
    ReadPara,
    ReadRevision,
    ReadTable,
)


class Styles:
    """Paragraph styles of a document: name, and properties through the w:basedOn chain
    (§17.7.4).  ``root`` is the styles part's w:styles element (None: no styles part)."""

    def __init__(self, root: _Element | None):
        self.by_id: dict[str, _Element] = {}
        self.default_id = ""
        self.default_size: float | None = None
        self.default_fonts: _Element | None = None
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
        self.default_fonts = root.find(f"{qn('w:docDefaults')}//{qn('w:rFonts')}")

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

    def it_font(self, r: _Element, ident: str) -> bool:
        """True when run ``r`` of a paragraph in style ``ident`` is set in TH SarabunIT๙
        (its own w:rFonts, else its character style's, the paragraph style's, the document
        defaults'), whose glyphs for 0-9 are Thai digits (:mod:`khumue.typeset.itfont`)."""
        fonts = r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is None:
            char_style = r.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
            if char_style is not None:
                fonts = self.first(char_style.get(qn("w:val")) or "",
                                   f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is None:
            fonts = self.first(ident, f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is None:
            fonts = self.default_fonts
        return fonts is not None and any(
            is_it_font(fonts.get(qn(f"w:{slot}"))) for slot in ("ascii", "hAnsi", "cs"))

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


def _change(props: _Element | None) -> tuple[str, str, str] | None:
    """("ins" or "del", author, date) of a w:ins or w:del among ``props``'s children (a
    paragraph mark's w:rPr, a row's w:trPr), or None."""
    if props is None:
        return None
    for kind in ("ins", "del"):
        found = props.find(qn(f"w:{kind}"))
        if found is not None:
            return kind, found.get(qn("w:author")) or "", found.get(qn("w:date")) or ""
    return None


def _mark_change(p: _Element) -> tuple[str, str, str] | None:
    return _change(p.find(f"{qn('w:pPr')}/{qn('w:rPr')}"))


def _joined(first: ReadPara, second: ReadPara) -> ReadPara:
    """Two paragraphs as one, once the mark between them is gone: the second's properties,
    both texts."""
    return replace(second, text=first.text + second.text, shapes=first.shapes + second.shapes,
                   comments=first.comments + second.comments,
                   revisions=first.revisions + second.revisions,
                   label=second.label or first.label)


def on(element: _Element | None) -> bool | None:
    """A w:b-like toggle: None when absent, else its value (§17.17.4 ST_OnOff)."""
    if element is None:
        return None
    return element.get(qn("w:val")) not in ("0", "false", "off")


class BodyReader:
    """Reads a body (or a table cell) into blocks, counting Word's list numbers as it goes.

    Tracked changes left in the document are taken as proposed, or, with ``reject``, left
    out (ECMA-376 Part 1 §17.13.5): inserted text (w:ins, w:moveTo) read or skipped, deleted
    text (w:del, w:moveFrom, its w:delText) skipped or read, a paragraph whose mark is deleted
    (w:pPr/w:rPr/w:del; inserted, when rejecting) joined to the next, a deleted (inserted)
    table row left out.  Every change met is listed in ``revisions``."""

    def __init__(self, styles: Styles, numbering: Numbering, reject: bool = False,
                 revisions: list[ReadRevision] | None = None,
                 it_digits: list[int] | None = None):
        self.styles = styles
        self.numbering = numbering
        self.reject = reject
        self.revisions: list[ReadRevision] = [] if revisions is None else revisions
        self.blocks: list[Block] = []
        self.section_ends: list[int] = []
        self.it_digits = it_digits if it_digits is not None else [0]  # shown Thai by IT๙
        self.carry: ReadPara | None = None  # a paragraph whose mark is gone: joins the next

    def inner(self) -> BodyReader:
        """A reader for a table cell: the same styles, numbering, mode and revisions."""
        return BodyReader(self.styles, self.numbering, self.reject, self.revisions,
                          self.it_digits)

    def read_container(self, container: _Element) -> None:
        for child in container:
            if child.tag == qn("w:p"):
                self._add_paragraph(child)
            elif child.tag == qn("w:tbl"):
                self._flush_carry()
                self.blocks.append(self.table(child))
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.read_container(content)
            elif child.tag == qn("w:customXml"):
                self.read_container(child)
            elif child.tag == ALTERNATE:
                self.read_container(choice(child))
        self._flush_carry()

    def _add_paragraph(self, p: _Element) -> None:
        para = self.paragraph(p)
        mark = _mark_change(p)
        if mark is not None:
            kind, author, date = mark
            para = replace(para, revisions=(*para.revisions, len(self.revisions)))
            self.revisions.append(ReadRevision(f"paragraph-{kind}", author, date, para.text,
                                               para.text))
        if self.carry is not None:
            para = _joined(self.carry, para)
            self.carry = None
        if mark is not None and (mark[0] == "del") != self.reject:
            self.carry = para  # its mark is gone: what is left of it joins the next
        else:
            self.blocks.append(para)
        if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None and self.blocks:
            self.section_ends.append(len(self.blocks) - 1)

    def _flush_carry(self) -> None:
        if self.carry is not None:
            if self.carry.text.strip() or self.carry.shapes:
                self.blocks.append(self.carry)
            self.carry = None

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
            change = _change(tr.find(f"{qn('w:trPr')}"))
            if change is not None:
                text = " | ".join(c.text for c in cells if c.text)
                self.revisions.append(ReadRevision(f"row-{change[0]}", change[1], change[2],
                                                   text, text))
                if (change[0] == "del") != self.reject:
                    continue  # a deleted row (an inserted one, when rejecting) is not there
            rows.append(cells)
        return ReadTable(rows, header)

    def cell(self, tc: _Element) -> ReadCell:
        inner = self.inner()
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
        runs = RunText(self, it_font=lambda r: self.styles.it_font(r, style_id)).read(p)
        self.it_digits[0] += runs.it_digits
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
            shapes=tuple(runs.shapes), comments=tuple(dict.fromkeys(runs.comments)),
            revisions=tuple(runs.revisions))

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
