"""Recognising a manual typed by hand in Word: its parts by their Thai headings and shapes.

The parts, as the five seed manuals show them (and their variations):

- the cover: the lines before the first part (name, ตำแหน่ง, กลุ่ม…, the office's name,
  the jobs listed with "-"), :mod:`.cover`;
- คำนำ (foreword) and its signature lines; สารบัญ (skipped: it is rebuilt);
- บทบาทหน้าที่… (group roles) and งานในหน้าที่รับผิดชอบ / การดำเนินงานตามบทบาทหน้าที่
  (duties): nested lists, numbered by hand or by Word, :mod:`.lists`;
- มาตรฐานการปฏิบัติงาน เรื่อง …: a table ที่ / กิจกรรม/วิธีปฏิบัติ / มาตรฐานการปฏิบัติงาน, its
  rows split over pages joined again, :mod:`.standards`;
- process manuals: the nine numbered sections (worded and numbered variously: "1. ชื่องาน
  (กระบวนงาน)", "9. กฎหมาย ระเบียบ…"), steps 5.1 … or 1) 1.1 …, the flowchart's shapes (a
  diamond makes its step a decision), the standard summary form's table,
  :mod:`.processes`, :mod:`.steps`;
- anything else becomes a free-form section under its own heading: kept, never dropped.

:mod:`.recogniser` walks the lines once and sorts them into parts; each part reader returns
the content model's types and its notes; :mod:`.assemble` puts them together.  Every guess
is a :class:`~khumue.importer.read.notes.Note` at the value it concerns.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from khumue.errors import ImportFailed
from khumue.importer.read.handtyped.assemble import UNPLACED_TITLE, assemble, is_manual
from khumue.importer.read.handtyped.recogniser import Recogniser
from khumue.importer.read.handtyped.repairing import repair_lines, repair_notes
from khumue.importer.read.lines import lines_of
from khumue.importer.read.result import Imported, ReadAs, content_data
from khumue.typeset.thaiwords import thai_words
from khumue.wordml.reader import ReadDocument

__all__ = ["UNPLACED_TITLE", "import_handtyped"]


def import_handtyped(document: ReadDocument, path: Path,
                     words: tuple[str, ...] = (), ocr: bool = False) -> Imported:
    """The content of a hand-typed manual, its Thai text repaired where copying from a PDF
    broke it (with the dictionary and ``words``, the office's own terms), and with ``ocr``
    where OCR did (:class:`~khumue.importer.read.ocrrepair.OcrRepair`).  Raises
    ImportFailed when nothing in it looks like a work manual (no duties, standards,
    processes or group roles)."""
    items = lines_of(document)
    repairs = repair_lines(items, thai_words(words), ocr)
    found = Recogniser(items).run()
    found.it_digits = document.it_digits
    try:
        made = assemble(found)
    except ValidationError as exc:  # a part reader made content the model refuses: a bug
        raise ImportFailed(f"{path}: นำเข้าแล้วได้เนื้อหาที่ไม่ครบตามแบบคู่มือ "
                           f"({exc.error_count()} จุด)") from exc
    if not is_manual(made.staff):
        raise ImportFailed(f"{path}: ไม่พบส่วนของคู่มือการปฏิบัติงาน (งานในหน้าที่ มาตรฐานการ"
                           "ปฏิบัติงาน หรือขั้นตอนการปฏิบัติงาน) จึงไม่ได้นำเข้า")
    data = content_data(made.staff, defaults=True)
    return Imported(made.office, made.staff, data, ReadAs.handtyped, found.fiscal_year,
                    [*made.notes, *repair_notes(data, repairs)])
