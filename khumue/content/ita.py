"""ITA readiness: does a manual hold what the Integrity and Transparency Assessment looks for?

One indicator of the ITA's open data (OIT) asks an office to publish its staff's work
manuals, each naming the job, its steps, the time each step takes and the laws or
regulations it follows.  Its number and name change with the years (o13 until 2565,
"คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่" o10 since), so they are data: the
indicator of each fiscal year ships in ``khumue/content/ita.yaml`` (:func:`indicator_for`), and
an office overrides it in office.yaml (``ita:``).  For one staff member's content,
:func:`readiness` says which of what the indicator asks (:class:`~khumue.content.model.ItaAsk`) is
missing, each gap with the field to fill:

- ``steps``: the manual has no process manual (``processes:``), so no steps at all;
- ``durations``: rows of a process's standard summary form (its steps, or the form's own
  ``summary.rows``) with no ``duration``;
- ``laws``: neither the manual's ``references`` nor any process's ``references`` names a
  law, regulation, rule or order (พระราชบัญญัติ, ระเบียบ, ประกาศ, หลักเกณฑ์ …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Annotated

import yaml
from pydantic import Field

from khumue.content.model import FieldPath, ItaAsk, ItaIndicator, Process, Staff, strings
from khumue.content.modelbase import Strict

LAW_WORDS = re.compile(
    r"พระราชบัญญัติ|พ\.\s?ร\.\s?บ\.|พระราชกฤษฎีกา|พ\.\s?ร\.\s?ฎ\.|พระราชกำหนด|รัฐธรรมนูญ|"
    r"ประมวลกฎหมาย|กฎกระทรวง|กฎหมาย|กฎ\s*ก\.|ระเบียบ|ข้อบังคับ|ประกาศ|หลักเกณฑ์|"
    r"หนังสือสั่งการ|คำสั่ง|มติคณะรัฐมนตรี|มติ\s*ครม|มติ\s*ก\.|แนวปฏิบัติ")


@dataclass(frozen=True)
class Indicator:
    """The ITA indicator a fiscal year's manuals answer: its code ("o10"), Thai name, what it
    asks and where the entry comes from."""

    code: str
    name: str
    asks: tuple[ItaAsk, ...]
    note: str = ""

    @property
    def label(self) -> str:
        """How the reports name it: "ITA o10"."""
        return f"ITA {self.code}"

    @property
    def cited(self) -> str:
        """How a warning cites it: "การประเมิน ITA (ตัวชี้วัด o10 คู่มือหรือแนวทาง…)"."""
        return f"การประเมิน ITA (ตัวชี้วัด {self.code} {self.name})"


class _Entry(Strict):
    years: Annotated[list[Annotated[int, Field(ge=2500, le=2700)]],
                     Field(min_length=1, max_length=2)]
    code: str
    name: str
    asks: list[ItaAsk]
    note: str = ""


class _Shipped(Strict):
    indicators: Annotated[list[_Entry], Field(min_length=1)]


@cache
def _shipped() -> tuple[_Entry, ...]:
    text = resources.files("khumue.content").joinpath("ita.yaml").read_text(encoding="utf-8")
    return tuple(_Shipped.model_validate(yaml.safe_load(text)).indicators)


def indicator_for(fiscal_year: int | None, override: ItaIndicator | None = None) -> Indicator:
    """The indicator of ``fiscal_year`` (B.E.; None: the latest shipped) from
    ``khumue/content/ita.yaml`` (a year before the first entry takes the first; an entry whose
    ``years`` has one year holds from then on), with the fields ``override`` (an office's
    ``ita:``) gives."""
    entries = _shipped()
    chosen = entries[-1]
    if fiscal_year is not None:
        for entry in entries:
            if entry.years[0] <= fiscal_year and (len(entry.years) == 1 or
                                                  fiscal_year <= entry.years[-1]):
                chosen = entry
                break
        else:
            if fiscal_year < entries[0].years[0]:
                chosen = entries[0]
    found = Indicator(chosen.code, chosen.name, tuple(chosen.asks), chosen.note)
    if override is not None:
        found = Indicator(override.code or found.code, override.name or found.name,
                          tuple(override.asks) if override.asks is not None else found.asks,
                          "แก้ใน office.yaml (ita:)")
    return found


def pdf_keywords(indicator: Indicator) -> str:
    """A manual's PDF keywords: what it is, and the indicator it answers ("ITA o10"), by which
    an assessor searching the office's files finds it."""
    return f"คู่มือการปฏิบัติงาน; {indicator.name}; {indicator.label}"


@dataclass(frozen=True)
class Gap:
    """Something the ITA indicator looks for that the manual lacks: where to add it (a field
    path of the staff file) and what to do, in Thai."""

    loc: FieldPath
    message: str


@dataclass(frozen=True)
class Readiness:
    """One manual against its year's indicator (``indicator``): its processes, its
    summary-form rows and how many of them have a time, how many references name a law, and
    the gaps of a whole process or manual (a single row without a time is not a gap here:
    the lint names each such row).  Only what the indicator asks counts."""

    indicator: Indicator
    processes: int
    rows: int
    timed: int
    laws: int
    gaps: list[Gap] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        """True when nothing the indicator asks for is missing."""
        untimed = ItaAsk.durations in self.indicator.asks and self.timed < self.rows
        return not self.gaps and not untimed

    def summary(self) -> str:
        """The report's words: "พร้อม" or "ขาด: …" listing what is missing."""
        if self.ready:
            return "พร้อม"
        asks, missing = self.indicator.asks, []
        if not self.processes and ItaAsk.steps in asks:
            missing.append("ขั้นตอน (ไม่มีกระบวนการ)")
        elif self.timed < self.rows and ItaAsk.durations in asks:
            missing.append(f"เวลา {self.rows - self.timed} จาก {self.rows} ขั้นตอน")
        if not self.laws and ItaAsk.laws in asks:
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


def readiness(staff: Staff, indicator: Indicator | None = None) -> Readiness:
    """What one staff member's manual has and lacks for ``indicator`` (default: the latest
    shipped, :func:`indicator_for`)."""
    indicator = indicator or indicator_for(None)
    asks, cited = indicator.asks, indicator.cited
    gaps: list[Gap] = []
    if not staff.processes and ItaAsk.steps in asks:
        gaps.append(Gap(("processes",), (
            "คู่มือนี้ยังไม่มีกระบวนการ (processes:) จึงไม่มีขั้นตอนการปฏิบัติงาน ซึ่ง"
            f"{cited} ต้องการชื่องาน ขั้นตอน และระยะเวลาของแต่ละขั้นตอน: "
            "ให้เพิ่มอย่างน้อยหนึ่งกระบวนการพร้อม steps:")))
    rows = timed = 0
    for p, process in enumerate(staff.processes):
        found = form_rows(process, p)
        rows += len(found)
        timed += sum(1 for _, duration, _ in found if duration)
        if not any(duration for _, duration, _ in found) and ItaAsk.durations in asks:
            gaps.append(Gap(("processes", p), (
                f"กระบวนการ \"{process.name}\" ไม่ระบุระยะเวลาของขั้นตอนใดเลย ซึ่ง{cited} "
                "ต้องการ: ให้กรอก duration: ของแต่ละขั้นตอน (เช่น duration: 3 วัน)")))
    laws = sum(1 for _, text in _references(staff) if LAW_WORDS.search(text))
    if not laws and ItaAsk.laws in asks:
        gaps.append(Gap(("references",), (
            f"คู่มือนี้ไม่อ้างถึงกฎหมาย ระเบียบ หรือหลักเกณฑ์ที่ใช้ปฏิบัติงาน ซึ่ง{cited} "
            "ต้องการ: ให้เพิ่มใน references: ของคู่มือหรือของกระบวนการ (เช่น "
            "พระราชบัญญัติระเบียบบริหารราชการกระทรวงศึกษาธิการ พ.ศ. 2546)")))
    return Readiness(indicator, len(staff.processes), rows, timed, laws, gaps)


def _references(staff: Staff) -> list[tuple[FieldPath, str]]:
    found = list(strings(staff.references, ("references",)))
    for p, process in enumerate(staff.processes):
        found += strings(process.references, ("processes", p, "references"))
    return found
