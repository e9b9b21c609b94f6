"""What an import did, per returned file, for the clerk: printed, and written beside the
content as ``content/<office>/import-report.md`` (in Thai)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from khumue.content.model import Staff
from khumue.errors import Problem
from khumue.importer.read.notes import Note, NoteKind

REPORT_FILE = "import-report.md"
READ_AS = {"own": "ไฟล์ที่โปรแกรมนี้สร้าง", "handtyped": "ไฟล์ที่พิมพ์เอง",
           "pdf": "ไฟล์ PDF: อ่านจากข้อความในไฟล์ ซ่อมคำไทยที่เสีย",
           "scan": "ภาพสแกน PDF: อ่านด้วย OCR ซ่อมคำไทยที่เสีย",
           "lined_up": "ไฟล์ของโปรแกรมนี้ที่เนื้อหาที่ฝังไว้หายไป: เทียบกับไฟล์บุคลากรที่มีอยู่"}


@dataclass
class FileReport:
    """One returned file: how it was read, for whom, what it changed and in which files, the
    notes, reviewers' comments, tracked changes and conflicts; or why it was refused."""

    source: Path
    read_as: str = ""
    converted: bool = False
    staff_id: str | None = None
    written: list[Path] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    shared_with: list[str] = field(default_factory=list)
    refusal: str | None = None
    fields: str = ""  # what was found in it, in words (:func:`fields_found`)

    def of(self, kind: NoteKind) -> list[Note]:
        return [n for n in self.notes if n.kind is kind]

    @property
    def how(self) -> str:
        """How the file was read, in words."""
        text = READ_AS.get(self.read_as, self.read_as)
        return text + (" แปลงเป็น .docx ด้วย LibreOffice" if self.converted else "")

    def summary(self) -> str:
        """One line: the file, how it was read, what came of it."""
        if self.refusal:
            return f"{self.source}: ไม่ได้นำเข้า: {self.refusal}"
        edits = len(self.of(NoteKind.edit))
        parts = [f"{self.source.name} ({self.how}) → {self.staff_id}",
                 f"แก้ {edits} จุด" if edits else "ไม่มีการแก้ไข"]
        for kind, word in ((NoteKind.comment, "ความเห็น"), (NoteKind.revision, "การแก้แบบติดตาม"),
                           (NoteKind.repair, "ซ่อมคำไทย"), (NoteKind.guess, "ข้อที่ควรตรวจ")):
            if self.of(kind):
                parts.append(f"{word} {len(self.of(kind))}")
        if self.conflicts:
            parts.append(f"ขัดกัน {len(self.conflicts)}")
        return ", ".join(parts)


@dataclass
class ImportReport:
    """Every returned file's report, the files written, and the lint warnings of the
    content as it is now."""

    office_id: str
    files: list[FileReport] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    report_file: Path | None = None

    @property
    def refused(self) -> list[FileReport]:
        return [f for f in self.files if f.refusal]

    def markdown(self, today: dt.date) -> str:
        """The report as Markdown, in Thai."""
        lines = [f"# รายงานการนำเข้าไฟล์ Word ของ {self.office_id}", "",
                 f"นำเข้าเมื่อ {today.isoformat()}: {len(self.files)} ไฟล์, "
                 f"ไม่ได้นำเข้า {len(self.refused)} ไฟล์", "",
                 "| ไฟล์ | อ่านเป็น | บุคลากร | แก้ไข | ความเห็น | แก้แบบติดตาม | ขัดกัน | ผล |",
                 "|---|---|---|---|---|---|---|---|"]
        for row in self.files:
            result = f"ไม่ได้นำเข้า: {row.refusal}" if row.refusal else (
                ", ".join(str(p.name) for p in row.written) or "ไม่เปลี่ยน")
            lines.append("| " + " | ".join(_cell(t) for t in (
                row.source.name, row.how if not row.refusal else "-", row.staff_id or "-",
                str(len(row.of(NoteKind.edit))), str(len(row.of(NoteKind.comment))),
                str(len(row.of(NoteKind.revision))), str(len(row.conflicts)), result)) + " |")
        for row in self.files:
            lines += _details(row)
        return "\n".join(lines) + "\n"


def _details(row: FileReport) -> list[str]:
    if row.refusal or not (row.notes or row.conflicts or row.shared_with or row.fields):
        return []
    out = ["", f"## {row.source.name} → {row.staff_id}", "", f"- อ่านเป็น: {row.how}"]
    out += [f"- {note}" for note in row.of(NoteKind.info)]
    if row.fields:
        out.append(f"- พบ: {row.fields}")
    if row.shared_with:
        out.append("- แก้ส่วนที่ใช้ร่วมกับ: " + ", ".join(row.shared_with))
    out += [f"- ขัดกัน: {text}" for text in row.conflicts]
    for kind, word in ((NoteKind.edit, "แก้ไข"), (NoteKind.comment, "ความเห็น"),
                       (NoteKind.revision, "การแก้แบบติดตาม"), (NoteKind.repair, "ซ่อมคำ"),
                       (NoteKind.guess, "ควรตรวจ")):
        out += [f"- {word}: {note}" for note in row.of(kind)]
    return out


def fields_found(staff: Staff) -> str:
    """What an imported manual holds, in the clerk's words: the cover's fields found and
    the parts with their counts ("ปก: ชื่อ ตำแหน่ง ระดับ กลุ่ม; งานในหน้าที่ 6 ข้อ; …")."""
    cover = [word for word, value in (("ชื่อ", staff.name), ("ตำแหน่ง", staff.position),
                                      ("ระดับ", staff.level), ("กลุ่ม", staff.group))
             if value and value != "-"]
    parts = ["ปก: " + (" ".join(cover) if cover else "ไม่พบชื่อและตำแหน่ง")]
    if staff.foreword:
        parts.append("คำนำ")
    if staff.group_roles:
        parts.append(f"บทบาทหน้าที่ของกลุ่ม {len(staff.group_roles.items)} ข้อ")
    if staff.duties:
        parts.append(f"งานในหน้าที่ {len(staff.duties.items)} ข้อ")
    if staff.work_standards:
        rows = sum(len(w.rows) for w in staff.work_standards)
        parts.append(f"มาตรฐานการปฏิบัติงาน {len(staff.work_standards)} เรื่อง ({rows} แถว)")
    if staff.processes:
        steps = sum(len(p.steps) for p in staff.processes)
        parts.append(f"คู่มือขั้นตอน {len(staff.processes)} เรื่อง ({steps} ขั้นตอน)")
    if staff.sections:
        parts.append(f"ส่วนอื่น {len(staff.sections)} ส่วน")
    return "; ".join(parts)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
