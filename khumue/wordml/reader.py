"""Reading a Word manual: the body as paragraphs and tables, as a reader sees them.

:func:`read_docx` turns any DOCX (ours, or typed by hand in Word) into plain blocks for the
importer (:mod:`khumue.importer`), which never sees XML:

- a :class:`ReadPara` has its text as displayed (w:tab a tab, w:br a line feed, tracked
  deletions left out, field results kept and field codes dropped), Word's own list label
  computed from numbering.xml (:mod:`khumue.wordml.numbering`) apart from the text, and the
  formatting that tells a heading from body text: style, outline level, bold, size, alignment,
  indent, page break;
- a :class:`ReadTable` has its rows on the table grid: a merged cell (w:gridSpan) keeps its
  span, a vertically merged cell (w:vMerge) is marked as the continuation it is;
- the text of drawn shapes (flowchart boxes) is kept apart, on the paragraph that anchors
  them, and read once: from the ``mc:Choice`` of an ``mc:AlternateContent``, never again from
  its VML ``mc:Fallback`` (MS-ODRAWXML §2.2.7).

Files that are not a DOCX (a .doc, a password-protected file, a broken zip) raise
:class:`~khumue.errors.ImportFailed` with a message a clerk can act on.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx.opc.package import OpcPackage
from docx.oxml.ns import qn
from lxml import etree
from lxml.etree import _Element

from khumue.errors import ImportFailed
from khumue.wordml.numbering import Numbering

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V = "urn:schemas-microsoft-com:vml"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_DOCX_BYTES = 50 * 1024 * 1024


@dataclass
class ReadShape:
    """A drawn shape: its kind (a DrawingML preset such as ``flowChartDecision``, or a VML
    shape type) and the text it holds."""

    kind: str
    text: str


@dataclass
class ReadPara:
    """One paragraph as displayed.  ``label`` is Word's automatic list label (None when the
    number, if any, is typed in ``text``); ``level`` its list level (0-based)."""

    text: str
    style: str = ""
    label: str | None = None
    level: int | None = None
    outline_level: int | None = None  # 0 = a Heading 1
    bold: bool = False
    size_pt: float | None = None
    centered: bool = False
    indent_twips: int = 0
    page_break_before: bool = False
    shapes: list[ReadShape] = field(default_factory=list)

    @property
    def full_text(self) -> str:
        """Label and text as a reader sees them: "5.1 กำหนด…"."""
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass
class ReadCell:
    """A table cell: its paragraphs, the grid columns it spans, and whether it continues a
    vertically merged cell above it (its text is then the merged cell's, not its own)."""

    paras: list[ReadPara]
    span: int = 1
    continued: bool = False

    @property
    def text(self) -> str:
        return "\n".join(p.full_text for p in self.paras).strip()


@dataclass
class ReadTable:
    """A table: rows of cells on the grid; ``header_rows`` repeat on each page (w:tblHeader)."""

    rows: list[list[ReadCell]]
    header_rows: int = 0

    def grid_texts(self) -> list[list[str]]:
        """Each row as one text per grid column: a spanning cell's text in its first column,
        "" in the columns it covers."""
        out = []
        for row in self.rows:
            texts: list[str] = []
            for cell in row:
                texts.append("" if cell.continued else cell.text)
                texts.extend([""] * (cell.span - 1))
            out.append(texts)
        return out


Block = ReadPara | ReadTable


@dataclass
class ReadDocument:
    """A DOCX as blocks; ``section_ends`` are the indexes of the blocks that end a section
    (w:sectPr); ``custom_xml`` the package's custom XML parts (part name → bytes); ``title``
    the core properties' title."""

    blocks: list[Block]
    section_ends: list[int]
    custom_xml: dict[str, bytes]
    title: str = ""

    def paragraphs(self) -> list[ReadPara]:
        """Every top-level paragraph, in order."""
        return [b for b in self.blocks if isinstance(b, ReadPara)]


def read_docx(path: Path) -> ReadDocument:
    """Read the DOCX at ``path``.  Raises ImportFailed (in Thai, naming the file) when it is
    not a Word document this program can read: a .doc, a password-protected or damaged file,
    an empty document."""
    data = _checked_bytes(path)
    try:
        package = OpcPackage.open(io.BytesIO(data))
        document_part = package.main_document_part
        root = document_part.element
    except Exception as exc:  # a zip that is not a Word document, or damaged XML
        raise ImportFailed(f"{path}: เปิดเป็นเอกสาร Word ไม่ได้ ({type(exc).__name__}) "
                           "ไฟล์อาจเสียหรือไม่ใช่ไฟล์ .docx ให้เปิดใน Word แล้วบันทึกเป็น .docx "
                           "อีกครั้ง") from None
    styles = _Styles(document_part)
    numbering = Numbering.of(document_part)
    reader = _BodyReader(styles, numbering)
    body = root.find(qn("w:body"))
    if body is None:
        raise ImportFailed(f"{path}: ไม่พบเนื้อหาในเอกสาร")
    reader.read_container(body)
    if not any(_has_text(b) for b in reader.blocks):
        raise ImportFailed(f"{path}: เอกสารว่าง ไม่มีข้อความให้นำเข้า")
    custom = {str(p.partname): p.blob for p in package.iter_parts()
              if str(p.partname).startswith("/customXml/item") and "Props" not in str(p.partname)}
    title = ""
    try:
        title = package.core_properties.title or ""
    except Exception:  # a package without core properties
        title = ""
    return ReadDocument(reader.blocks, reader.section_ends, custom, title)


def _checked_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise ImportFailed(f"{path}: ไม่พบไฟล์ หรือไม่ใช่ไฟล์ธรรมดา")
    if path.stat().st_size > MAX_DOCX_BYTES:
        raise ImportFailed(f"{path}: ไฟล์ใหญ่เกิน {MAX_DOCX_BYTES // (1024 * 1024)} MB")
    data = path.read_bytes()
    if data.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ImportFailed(f"{path}: ไฟล์นี้ตั้งรหัสผ่านไว้ ให้เปิดใน Word เอารหัสผ่านออก "
                               "(ไฟล์ > ข้อมูล > ป้องกันเอกสาร) แล้วบันทึกใหม่")
        raise ImportFailed(f"{path}: เป็นไฟล์ Word รุ่นเก่า (.doc) ให้เปิดใน Word แล้วบันทึกเป็น "
                           "\"เอกสาร Word (.docx)\" ก่อนนำเข้า")
    if not zipfile.is_zipfile(path) and data.startswith(b"PK"):
        raise ImportFailed(f"{path}: เปิดเป็นเอกสาร Word ไม่ได้ ไฟล์เสียหายหรือคัดลอกมาไม่ครบ "
                           "ให้เปิดใน Word แล้วบันทึกเป็น .docx อีกครั้ง")
    if not zipfile.is_zipfile(path):
        raise ImportFailed(f"{path}: ไม่ใช่ไฟล์ .docx (ไฟล์ Word ต้องบันทึกเป็น "
                           "\"เอกสาร Word (.docx)\")")
    return data


def _has_text(block: Block) -> bool:
    if isinstance(block, ReadPara):
        return bool(block.text.strip() or block.label or block.shapes)
    return any(c.text for row in block.rows for c in row)


class _Styles:
    """Paragraph styles of the document: name, outline level, bold and size through the
    w:basedOn chain (ECMA-376 §17.7.4)."""

    def __init__(self, document_part: object):
        self.by_id: dict[str, _Element] = {}
        self.default_id = ""
        self.default_size: float | None = None
        try:
            root = document_part.styles.element  # type: ignore[attr-defined]
        except Exception:
            return
        for style in root.iter(qn("w:style")):
            ident = style.get(qn("w:styleId")) or ""
            self.by_id[ident] = style
            default = style.get(qn("w:default")) in ("1", "true")
            if style.get(qn("w:type")) == "paragraph" and default:
                self.default_id = ident
        size = root.find(f"{qn('w:docDefaults')}//{qn('w:sz')}")
        if size is not None:
            self.default_size = _half_points(size)

    def name(self, ident: str) -> str:
        style = self.by_id.get(ident or self.default_id)
        if style is None:
            return ""
        found = style.find(qn("w:name"))
        return found.get(qn("w:val")) if found is not None else ident

    def chain(self, ident: str) -> list[_Element]:
        out = []
        seen = set()
        current = ident or self.default_id
        while current and current in self.by_id and current not in seen:
            seen.add(current)
            style = self.by_id[current]
            out.append(style)
            based = style.find(qn("w:basedOn"))
            current = based.get(qn("w:val")) if based is not None else ""
        return out

    def first(self, ident: str, path: str) -> _Element | None:
        for style in self.chain(ident):
            found = style.find(path)
            if found is not None:
                return found
        return None


def _half_points(element: _Element) -> float | None:
    try:
        return int(element.get(qn("w:val")) or "") / 2
    except ValueError:
        return None


def _on(element: _Element | None) -> bool | None:
    """A w:b-like toggle: None when absent, else its value (§17.17.4 ST_OnOff)."""
    if element is None:
        return None
    return element.get(qn("w:val")) not in ("0", "false", "off")


class _BodyReader:
    def __init__(self, styles: _Styles, numbering: Numbering):
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.section_ends: list[int] = []

    def read_container(self, container: _Element) -> None:
        for child in container:
            tag = child.tag
            if tag == qn("w:p"):
                para = self.paragraph(child)
                self.blocks.append(para)
                if child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
                    self.section_ends.append(len(self.blocks) - 1)
            elif tag == qn("w:tbl"):
                self.blocks.append(self.table(child))
            elif tag in (qn("w:sdt"),):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.read_container(content)
            elif tag in (qn("w:customXml"), f"{{{MC}}}AlternateContent"):
                self.read_container(_choice(child) if tag.endswith("AlternateContent") else child)

    def table(self, tbl: _Element) -> ReadTable:
        rows: list[list[ReadCell]] = []
        header = 0
        for tr in tbl.iterchildren(qn("w:tr")):
            if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None and header == len(rows):
                header += 1
            cells = []
            for tc in tr.iterchildren(qn("w:tc")):
                props = tc.find(qn("w:tcPr"))
                span = 1
                continued = False
                if props is not None:
                    grid = props.find(qn("w:gridSpan"))
                    if grid is not None:
                        try:
                            span = max(1, int(grid.get(qn("w:val")) or 1))
                        except ValueError:
                            span = 1
                    merge = props.find(qn("w:vMerge"))
                    continued = merge is not None and merge.get(qn("w:val")) in (None, "continue")
                inner = _BodyReader(self.styles, self.numbering)
                inner.read_container(tc)
                paras: list[ReadPara] = []
                for block in inner.blocks:  # a nested table's rows become lines of the cell
                    if isinstance(block, ReadPara):
                        paras.append(block)
                    else:
                        for row in block.rows:
                            paras.append(ReadPara("\t".join(c.text for c in row)))
                cells.append(ReadCell(paras, span, continued))
            rows.append(cells)
        return ReadTable(rows, header)

    def paragraph(self, p: _Element) -> ReadPara:
        props = p.find(qn("w:pPr"))
        style_id = ""
        if props is not None:
            ps = props.find(qn("w:pStyle"))
            style_id = ps.get(qn("w:val")) if ps is not None else ""
        text, shapes, runs, page_break = _Runs(self).read(p)
        para = ReadPara(text, self.styles.name(style_id), shapes=shapes)
        para.outline_level = self._outline(props, style_id)
        para.bold, para.size_pt = self._run_look(runs, style_id)
        jc = self._ppr(props, style_id, "w:jc")
        para.centered = jc is not None and jc.get(qn("w:val")) in ("center", "centre")
        ind = self._ppr(props, style_id, "w:ind")
        if ind is not None:
            for attr in ("w:left", "w:start"):
                value = ind.get(qn(attr))
                if value and value.lstrip("-").isdigit():
                    para.indent_twips = int(value)
                    break
        para.page_break_before = page_break or bool(_on(self._ppr(props, style_id,
                                                                   "w:pageBreakBefore")))
        label = self.numbering.label_for(props, self.styles.chain(style_id))
        if label is not None:
            para.label, para.level = label
        return para

    def _ppr(self, props: _Element | None, style_id: str, tag: str) -> _Element | None:
        if props is not None:
            found = props.find(qn(tag))
            if found is not None:
                return found
        return self.styles.first(style_id, f"{qn('w:pPr')}/{qn(tag)}")

    def _outline(self, props: _Element | None, style_id: str) -> int | None:
        found = self._ppr(props, style_id, "w:outlineLvl")
        if found is not None:
            try:
                level = int(found.get(qn("w:val")) or "9")
            except ValueError:
                return None
            return level if level < 9 else None
        name = self.styles.name(style_id).lower()
        if name.startswith("heading ") and name[8:].isdigit():
            return int(name[8:]) - 1
        if name == "title":
            return 0
        return None

    def _run_look(self, runs: list[_Element], style_id: str) -> tuple[bool, float | None]:
        """(every run with text is bold, the largest size in pt) from direct formatting, the
        paragraph style and the document defaults."""
        style_bold = False
        style_size = None
        for tag in ("w:bCs", "w:b"):
            found = self.styles.first(style_id, f"{qn('w:rPr')}/{qn(tag)}")
            if found is not None:
                style_bold = bool(_on(found))
                break
        for tag in ("w:szCs", "w:sz"):
            found = self.styles.first(style_id, f"{qn('w:rPr')}/{qn(tag)}")
            if found is not None:
                style_size = _half_points(found)
                break
        style_size = style_size or self.styles.default_size
        bolds = []
        sizes = []
        for r in runs:
            rpr = r.find(qn("w:rPr"))
            bold = None
            size = None
            if rpr is not None:
                for tag in ("w:bCs", "w:b"):
                    if bold is None:
                        bold = _on(rpr.find(qn(tag)))
                for tag in ("w:szCs", "w:sz"):
                    found = rpr.find(qn(tag))
                    if size is None and found is not None:
                        size = _half_points(found)
            bolds.append(style_bold if bold is None else bold)
            sizes.append(size or style_size)
        known = [s for s in sizes if s]
        return (bool(bolds) and all(bolds)), (max(known) if known else style_size)


def _choice(alternate: _Element) -> _Element:
    """The first mc:Choice of an mc:AlternateContent (what Word shows), else its Fallback."""
    choice = alternate.find(f"{{{MC}}}Choice")
    if choice is None:
        choice = alternate.find(f"{{{MC}}}Fallback")
    return choice if choice is not None else etree.Element("empty")


class _Runs:
    """The text of a paragraph's runs, walking hyperlinks, content controls, tracked
    insertions and field results; shapes collected apart."""

    def __init__(self, body: _BodyReader):
        self.body = body
        self.parts: list[str] = []
        self.shapes: list[ReadShape] = []
        self.runs: list[_Element] = []
        self.page_break = False
        self.in_field_code: list[bool] = []  # True while between a field's begin and separate

    def read(self, p: _Element) -> tuple[str, list[ReadShape], list[_Element], bool]:
        self.walk(p)
        return "".join(self.parts), self.shapes, self.runs, self.page_break

    def walk(self, element: _Element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == qn("w:r"):
                self.run(child)
            elif tag in (qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr")):
                continue
            elif tag == f"{{{MC}}}AlternateContent":
                self.walk(_choice(child))
            else:  # w:hyperlink, w:ins, w:sdt/w:sdtContent, w:smartTag, w:fldSimple …
                self.walk(child)

    def run(self, r: _Element) -> None:
        had_text = False
        for child in r:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == qn("w:fldChar"):
                kind = child.get(qn("w:fldCharType"))
                if kind == "begin":
                    self.in_field_code.append(True)
                elif kind == "separate" and self.in_field_code:
                    self.in_field_code[-1] = False
                elif kind == "end" and self.in_field_code:
                    self.in_field_code.pop()
                continue
            if self.in_field_code and self.in_field_code[-1]:
                continue  # the field's code, not its result
            if tag == qn("w:t"):
                self.parts.append(child.text or "")
                had_text = had_text or bool((child.text or "").strip())
            elif tag == qn("w:tab"):
                self.parts.append("\t")
            elif tag in (qn("w:br"), qn("w:cr")):
                if child.get(qn("w:type")) == "page":
                    self.page_break = True
                else:
                    self.parts.append("\n")
            elif tag == qn("w:noBreakHyphen"):
                self.parts.append("-")
            elif tag in (qn("w:drawing"), qn("w:pict"), qn("w:object")):
                self.shapes.extend(_shapes(child))
            elif tag == f"{{{MC}}}AlternateContent":
                self.shapes.extend(_shapes(_choice(child)))
        if had_text:
            self.runs.append(r)


def _shapes(element: _Element) -> list[ReadShape]:
    """Every shape with its text below a w:drawing or w:pict; text boxes nested in shapes are
    read as their shape's text."""
    out: list[ReadShape] = []
    for shape in element.iter(f"{{{WPS}}}wsp", f"{{{V}}}shape", f"{{{V}}}rect",
                              f"{{{V}}}roundrect", f"{{{V}}}oval", f"{{{V}}}line"):
        if shape.tag.startswith(f"{{{WPS}}}"):
            geometry = shape.find(f"{{{WPS}}}spPr/{{{A}}}prstGeom")
            kind = geometry.get("prst") if geometry is not None else "custom"
            if shape.find(f"{{{WPS}}}cNvCnPr") is not None:
                kind = "connector"
        else:
            kind = shape.get("type", "").lstrip("#") or etree.QName(shape).localname
        texts = ["".join(t.text or "" for t in p.iter(qn("w:t")))
                 for p in shape.iter(qn("w:p"))]
        out.append(ReadShape(kind, "\n".join(t for t in texts if t)))
    return out
