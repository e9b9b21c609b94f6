"""A hand-typed work standard (มาตรฐานการปฏิบัติงาน เรื่อง …): its title line and its table
ที่ / กิจกรรม/วิธีปฏิบัติ / มาตรฐานการปฏิบัติงาน, with rows split over pages joined again and
the header typed again after a page break left out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from khumue.content.model import Block, StandardRow, WorkStandard
from khumue.importer.read.handtyped.lists import blocks_of
from khumue.importer.read.handtyped.parts import header_row, is_repeated_header
from khumue.importer.read.lines import Grid
from khumue.importer.read.notes import Note
from khumue.typeset.digits import arabic_digits

HEADER_WORDS = ("กิจกรรม", "มาตรฐาน")


@dataclass(frozen=True)
class StandardReading:
    standard: WorkStandard
    notes: list[Note]


def read_standard(index: int, title: str, grid: Grid) -> StandardReading:
    """Work standard number ``index`` (0-based) from its ``title`` ("4. งาน…" gives number
    4) and its table."""
    here = ("work_standards", index)
    number = None
    match = re.match(r"\s*([0-9๐-๙]+)\s*[.)]\s*(.*)", title)
    if match:
        number, title = int(arabic_digits(match.group(1))), match.group(2)
    notes = [Note(here, "ตารางนี้นำเข้าเป็นมาตรฐานการปฏิบัติงาน (เดาจากหัวตาราง)")]
    rows: list[tuple[list[Block], list[Block]]] = []
    header, columns = header_row(grid, ("ที่", *HEADER_WORDS))
    for row in grid.rows[header + 1:]:
        cells = [row[c] if c is not None and c < len(row) else [] for c in columns]
        texts = [" ".join(ln.text for ln in cell) for cell in cells]
        if is_repeated_header(texts, HEADER_WORDS):
            notes.append(Note(here, "แถวหัวตารางที่พิมพ์ซ้ำข้ามหน้า ไม่นำเข้า"))
            continue
        activity, standard = blocks_of(cells[1], True), blocks_of(cells[2], True)
        if not activity and not standard:
            continue
        if rows and not texts[0].strip():  # a row split over a page break
            rows[-1][0].extend(activity)
            rows[-1][1].extend(standard)
            notes.append(Note((*here, "rows", len(rows) - 1),
                              "แถวที่ไม่มีเลขลำดับ รวมกับแถวก่อนหน้า (แถวขาดข้ามหน้า)"))
            continue
        rows.append((activity, standard))
    made = [StandardRow(activity=a or [Block(text="-")], standard=s) for a, s in rows]
    return StandardReading(WorkStandard(title=title.strip() or "-", number=number,
                                        rows=made or [StandardRow(activity=[Block(text="-")])]),
                           notes)
