"""Reading a Word manual: the body as paragraphs and tables, as a reader sees them.

:func:`read_docx` turns any DOCX (ours, or typed by hand in Word) into plain blocks for the
importer (:mod:`khumue.importer.read`), which never sees XML:

- a :class:`ReadPara` has its text as displayed (w:tab a tab, w:br a line feed, tracked
  deletions left out, field results kept and field codes dropped), Word's own list label
  computed from numbering.xml (:mod:`khumue.wordml.numbering`) apart from the text, and the
  formatting that tells a heading from body text: style, outline level, bold, size, alignment,
  indent, page break;
- a :class:`ReadTable` has its rows on the table grid: a merged cell (w:gridSpan) keeps its
  span, a vertically merged cell (w:vMerge) is marked as the continuation it is, and the grid
  columns a row leaves out before or after its cells (w:gridBefore, w:gridAfter) are an
  empty cell, so that every cell stands under its header;
- the text of drawn shapes (flowchart boxes) is kept apart, on the paragraph that anchors
  them, and read once: from the ``mc:Choice`` of an ``mc:AlternateContent``, never again from
  its VML ``mc:Fallback`` (MS-ODRAWXML §2.2.7).

The body is walked in :mod:`khumue.wordml.readbody`; the blocks are
:mod:`khumue.wordml.readtypes`.

Files that are not a DOCX (a .doc, a password-protected file, a broken zip) raise
:class:`~khumue.errors.ImportFailed` with a message a clerk can act on.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.oxml.ns import qn
from lxml.etree import _Element

from khumue.errors import ImportFailed
from khumue.typeset.wordjoin import plain
from khumue.wordml.limits import MAX_FILE_BYTES, check_package
from khumue.wordml.numbering import Numbering
from khumue.wordml.readbody import BodyReader, Styles
from khumue.wordml.readtypes import (
    Block,
    ReadCell,
    ReadComment,
    ReadDocument,
    ReadPara,
    ReadRevision,
    ReadShape,
    ReadTable,
)

__all__ = ["Block", "ReadCell", "ReadComment", "ReadDocument", "ReadPara", "ReadRevision",
           "ReadShape", "ReadTable", "read_docx"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_DOCX_BYTES = MAX_FILE_BYTES


def read_docx(path: Path, *, reject_changes: bool = False) -> ReadDocument:
    """Read the DOCX at ``path``, its tracked changes taken as proposed (or, with
    ``reject_changes``, left out) and listed.  Raises ImportFailed (in Thai, naming the
    file) when it is not a Word document this program can read: a .doc, a
    password-protected or damaged file, an empty document."""
    data = _checked_bytes(path)
    try:
        package = OpcPackage.open(io.BytesIO(data))
        document_part = package.main_document_part
        root = document_part.element
    except Exception as exc:  # a zip that is not a Word document, or damaged XML
        raise ImportFailed(f"{path}: เปิดเป็นเอกสาร Word ไม่ได้ ({type(exc).__name__}) "
                           "ไฟล์อาจเสียหรือไม่ใช่ไฟล์ .docx ให้เปิดใน Word แล้วบันทึกเป็น .docx "
                           "อีกครั้ง") from None
    _as_typed(root)
    reader = BodyReader(Styles(_styles_root(document_part)), Numbering.of(document_part),
                        reject_changes)
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
    return ReadDocument(reader.blocks, reader.section_ends, custom, title,
                        tuple(reader.revisions), _comments(document_part, reader.blocks),
                        reader.it_digits[0])


def _as_typed(root: _Element) -> None:
    """Every text of ``root`` without zero-width break controls: those our manuals carry
    (:mod:`khumue.typeset.wordjoin`) and those a clerk typed in Word, so the text read is the
    words as typed."""
    for t in root.iter(qn("w:t"), qn("w:delText")):
        if t.text:
            t.text = plain(t.text)


def _comments(document_part: object, blocks: list[Block]) -> tuple[ReadComment, ...]:
    """The comments of word/comments.xml (§17.13.4), each with the text of the paragraph
    its range starts in."""
    try:
        part = document_part.part_related_by(RT.COMMENTS)  # type: ignore[attr-defined]
    except (KeyError, AttributeError):
        return ()
    anchors: dict[str, str] = {}
    for block in blocks:
        paras = [block] if isinstance(block, ReadPara) else [
            p for row in block.rows for cell in row for p in cell.paras]
        for para in paras:
            for ident in para.comments:
                anchors.setdefault(ident, para.text)
    out = []
    _as_typed(part.element)
    for comment in part.element.iter(qn("w:comment")):
        ident = comment.get(qn("w:id")) or ""
        text = "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                         for p in comment.iter(qn("w:p"))).strip()
        out.append(ReadComment(ident, comment.get(qn("w:author")) or "",
                               comment.get(qn("w:date")) or "", text, anchors.get(ident, "")))
    return tuple(out)


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
    check_package(path)  # before anything is inflated whole: a zip bomb is refused
    return data


def _has_text(block: Block) -> bool:
    if isinstance(block, ReadPara):
        return bool(block.text.strip() or block.label or block.shapes)
    return any(c.text for row in block.rows for c in row)


def _styles_root(document_part: object) -> _Element | None:
    try:
        return document_part.styles.element  # type: ignore[attr-defined]
    except Exception:  # a document without a styles part
        return None
