"""ITA readiness: does a manual hold what the Integrity and Transparency Assessment looks for?

The ITA's indicator o10 (คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่, ITA handbook of the
Office of the National Anti-Corruption Commission) checks that an office publishes its staff's
work manuals and that each names the job, its steps, the time each step takes and the laws or
regulations it follows.  For one staff member's content, :func:`readiness` says which of
these are missing, each gap with the field to fill:

- no process: the manual has no process manual (``processes:``), so no steps at all;
- steps without a time: rows of a process's standard summary form (its steps, or the form's
  own ``summary.rows``) with no ``duration``;
- no law: neither the manual's ``references`` nor any process's ``references`` names a law,
  regulation, rule or order (พระราชบัญญัติ, ระเบียบ, ประกาศ, หลักเกณฑ์ …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from khumue.model import FieldPath, Process, Staff, strings

LAW_WORDS = re.compile(
    r"พระราชบัญญัติ|พ\.\s?ร\.\s?บ\.|พระราชกฤษฎีกา|พ\.\s?ร\.\s?ฎ\.|พระราชกำหนด|รัฐธรรมนูญ|"
    r"ประมวลกฎหมาย|กฎกระทรวง|กฎหมาย|กฎ\s*ก\.|ระเบียบ|ข้อบังคับ|ประกาศ|หลักเกณฑ์|"
    r"หนังสือสั่งการ|คำสั่ง|มติคณะรัฐมนตรี|มติ\s*ครม|มติ\s*ก\.|แนวปฏิบัติ")


@dataclass(frozen=True)
class Gap:
    """Something ITA o10 looks for that the manual lacks: where to add it (a field path of the
    staff file) and what to do, in Thai."""

    loc: FieldPath
    message: str


@dataclass(frozen=True)
class Readiness:
    """One manual against ITA o10: its processes, its summary-form rows and how many of them
    have a time, how many references name a law, and the gaps of a whole process or manual
    (a single row without a time is not a gap here: the lint names each such row)."""

    processes: int
    rows: int
    timed: int
    laws: int
    gaps: list[Gap] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        """True when nothing ITA o10 looks for is missing."""
        return not self.gaps and self.timed == self.rows

    def summary(self) -> str:
        """The report's words: "พร้อม" or "ขาด: …" listing what is missing."""
        if self.ready:
            return "พร้อม"
        missing = []
        if not self.processes:
            missing.append("ขั้นตอน (ไม่มีกระบวนการ)")
        elif self.timed < self.rows:
            missing.append(f"เวลา {self.rows - self.timed} จาก {self.rows} ขั้นตอน")
        if not self.laws:
            missing.append("กฎหมาย/ระเบียบที่อ้างอิง")
        return "ขาด: " + ", ".join(missing)


def form_rows(process: Process, index: int) -> list[tuple[FieldPath, str | None, str | None]]:
    """The rows of a process's standard summary form as (field path, duration, responsible):
    the form's own ``summary.rows`` when given, else the process's top-level steps (whose
    responsible party defaults to the process's).  ``index`` is the process's place in
    ``processes``."""
    if process.summary and process.summary.rows is not None:
        return [(("processes", index, "summary", "rows", r), row.duration, row.responsible)
                for r, row in enumerate(process.summary.rows)]
    return [(("processes", index, "steps", r), step.duration,
             step.responsible or process.responsible)
            for r, step in enumerate(process.steps)]


def readiness(staff: Staff) -> Readiness:
    """What one staff member's manual has and lacks for ITA o10."""
    gaps: list[Gap] = []
    if not staff.processes:
        gaps.append(Gap(("processes",), (
            "คู่มือนี้ยังไม่มีกระบวนการ (processes:) จึงไม่มีขั้นตอนการปฏิบัติงาน ซึ่งการประเมิน ITA "
            "(ตัวชี้วัด o10) ต้องการชื่องาน ขั้นตอน และระยะเวลาของแต่ละขั้นตอน: "
            "ให้เพิ่มอย่างน้อยหนึ่งกระบวนการพร้อม steps:")))
    rows = timed = 0
    for p, process in enumerate(staff.processes):
        found = form_rows(process, p)
        rows += len(found)
        timed += sum(1 for _, duration, _ in found if duration)
        if not any(duration for _, duration, _ in found):
            gaps.append(Gap(("processes", p), (
                f"กระบวนการ \"{process.name}\" ไม่ระบุระยะเวลาของขั้นตอนใดเลย ซึ่งการประเมิน ITA "
                "(ตัวชี้วัด o10) ต้องการ: ให้กรอก duration: ของแต่ละขั้นตอน (เช่น duration: 3 วัน)")))
    laws = sum(1 for _, text in _references(staff) if LAW_WORDS.search(text))
    if not laws:
        gaps.append(Gap(("references",), (
            "คู่มือนี้ไม่อ้างถึงกฎหมาย ระเบียบ หรือหลักเกณฑ์ที่ใช้ปฏิบัติงาน ซึ่งการประเมิน ITA "
            "(ตัวชี้วัด o10) ต้องการ: ให้เพิ่มใน references: ของคู่มือหรือของกระบวนการ (เช่น "
            "พระราชบัญญัติระเบียบบริหารราชการกระทรวงศึกษาธิการ พ.ศ. 2546)")))
    return Readiness(len(staff.processes), rows, timed, laws, gaps)


def _references(staff: Staff) -> list[tuple[FieldPath, str]]:
    found = list(strings(staff.references, ("references",)))
    for p, process in enumerate(staff.processes):
        found += strings(process.references, ("processes", p, "references"))
    return found
