"""Small manuals typed by hand, the way clerks type them in Word (python-docx, direct
formatting): cover lines bold and centred, headings bold, body lines, tables.  For tests of
what the importer recognises in them."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt


class TypedManual:
    """A document being typed; :meth:`save` writes it."""

    def __init__(self) -> None:
        self.document = Document()

    def line(self, text: str, bold: bool = False, size: float | None = None,
             center: bool = False) -> TypedManual:
        """One paragraph; ``text`` may hold manual line breaks ("\\n")."""
        p = self.document.add_paragraph()
        for i, piece in enumerate(text.split("\n")):
            r = p.add_run()
            if i:
                r.add_break()  # Shift+Enter: w:br
            r.add_text(piece)
            r.bold = bold
            if size:
                r.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return self

    def cover(self, *lines: str) -> TypedManual:
        """Cover lines: bold, 20 pt, centred."""
        for text in lines:
            self.line(text, bold=True, size=20, center=True)
        return self

    def heading(self, text: str, center: bool = False) -> TypedManual:
        """A heading: bold, 18 pt."""
        return self.line(text, bold=True, size=18, center=center)

    def table(self, *rows: tuple[str, ...]) -> TypedManual:
        """A ruled table, one tuple per row; a cell's "\\n" makes paragraphs."""
        width = max(len(r) for r in rows)
        table = self.document.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"  # ruled, as manuals' tables are
        for row, texts in zip(table.rows, rows, strict=True):
            for cell, text in zip(row.cells, texts, strict=False):
                first, *more = text.split("\n")
                cell.text = first
                for piece in more:
                    cell.add_paragraph(piece)
        return self

    def process(self, name: str, steps: list[str], references: list[str] | None = None,
                numbers: str = "0123456789") -> TypedManual:
        """A process in the nine-section form, its sections numbered with ``numbers``'
        digits (sections 1, 2, 3, 5 and, with ``references``, 8)."""
        d = numbers
        self.heading(f"{d[1]}. ชื่องาน {name}")
        self.heading(f"{d[2]}. วัตถุประสงค์").line(f"เพื่อให้{name}เป็นไปด้วยดี")
        self.heading(f"{d[3]}. ขอบเขตของงาน").line("ทุกโรงเรียนในสังกัด")
        self.heading(f"{d[5]}. ขั้นตอนการปฏิบัติงาน")
        for i, step in enumerate(steps, start=1):
            self.line(f"{d[5]}.{d[i]} {step}")
        if references is not None:
            self.heading(f"{d[8]}. เอกสารอ้างอิง")
            for text in references:
                self.line(text)
        return self

    def save(self, path: Path) -> Path:
        self.document.save(str(path))
        return path


def standard_manual(office: str, rows: list[tuple[str, str, str]]) -> TypedManual:
    """A clerk's manual of one work standard: the cover of นางสาวสมศรี ใจดี (นักจัดการงานทั่วไป
    ชำนาญการ, กลุ่มอำนวยการ, ``office``), the heading "เรื่อง ๑. งานสารบรรณ" and its table
    (ที่ / กิจกรรม/วิธีปฏิบัติ / มาตรฐานการปฏิบัติงาน, then ``rows``)."""
    manual = TypedManual().cover("คู่มือการปฏิบัติงาน", "ชื่อ นางสาวสมศรี ใจดี",
                                 "ตำแหน่ง นักจัดการงานทั่วไป ระดับ ชำนาญการ",
                                 "กลุ่มงาน กลุ่มอำนวยการ", office)
    manual.heading("มาตรฐานการปฏิบัติงาน", center=True)
    manual.heading("เรื่อง ๑. งานสารบรรณ", center=True)
    return manual.table(("ที่", "กิจกรรม/วิธีปฏิบัติ", "มาตรฐานการปฏิบัติงาน"), *rows)
