"""The validated content model: offices, staff members and the parts of their manuals.

Everything here speaks in the field's terms (GLOSSARY.md): an :class:`Office` has staff, a
:class:`Staff` member has one work manual made of a cover, a foreword, group roles, duties,
:class:`WorkStandard` tables and :class:`Process` manuals, each process made of :class:`Step`.

Rich text ("blocks") is the same everywhere it appears (a table cell, a foreword, a process
section): a plain string is one paragraph, a list holds paragraphs and lists::

    activity:
      - กำหนดแผนงานการดำเนินงานด้านการส่งเสริมการจัดการศึกษา ดังนี้
      - bullets:
          - ส่งเสริมการจัดการศึกษาขั้นพื้นฐาน
          - text: ประสานและส่งเสริมองค์กรปกครองส่วนท้องถิ่น
            items: [ ... ]          # nested items

Unknown keys are errors (``extra="forbid"``): a mistyped key must not silently drop a section.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field, model_validator

from khumue.content.modelbase import Strict
from khumue.content.officemodel import Digits as Digits  # re-exported: the model is one namespace
from khumue.content.officemodel import ItaAsk as ItaAsk
from khumue.content.officemodel import ItaIndicator as ItaIndicator
from khumue.content.officemodel import Office as Office


def _text_to_mapping(value: Any) -> Any:
    """Shorthand: a bare string stands for ``{"text": string}``."""
    return {"text": value} if isinstance(value, str) else value


def _blocks(value: Any) -> Any:
    """Shorthand: a string or a single block stands for a list of one; a string inside the list
    is a paragraph."""
    if isinstance(value, str | dict):
        value = [value]
    if isinstance(value, list):
        return [_text_to_mapping(v) for v in value]
    return value


class ListStyle(StrEnum):
    """How the items of a list are labelled.

    ``outline`` prefixes the number of the enclosing section or item (5.1, 5.1.1), ``decimal``
    is 1. 2. 3., ``paren`` is 1) 2) 3) (its sub-items then read 1.1, 1.2), ``bullet`` a dash,
    ``check`` an empty check box (☐) and ``none`` no label at all.
    """

    outline = "outline"
    decimal = "decimal"
    paren = "paren"
    bullet = "bullet"
    check = "check"
    none = "none"


class Item(Strict):
    """One item of a list; ``items`` nests a list below it (labelled by ``style``)."""

    text: str
    items: list[Annotated[Item, BeforeValidator(_text_to_mapping)]] = Field(default_factory=list)
    style: ListStyle | None = None


ItemList = list[Annotated[Item, BeforeValidator(_text_to_mapping)]]


class Block(Strict):
    """One block of rich text: exactly one of the keys below.

    - ``text``: a paragraph; ``bold`` a paragraph set in bold (a sub-heading inside a cell);
      ``caption`` the centred caption of a figure.
    - ``numbered`` / ``bullets`` / ``checklist``: a list; ``style`` overrides its labels.
    """

    text: str | None = None
    bold: str | None = None
    caption: str | None = None
    numbered: ItemList | None = None
    bullets: ItemList | None = None
    checklist: ItemList | None = None
    style: ListStyle | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Block:
        kinds = [k for k in ("text", "bold", "caption", "numbered", "bullets", "checklist")
                 if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(
                "แต่ละย่อหน้าต้องมีหัวข้อเดียว คือ text, bold, caption, numbered, bullets หรือ "
                f"checklist (พบ {', '.join(kinds) or 'ไม่มีเลย'})"
            )
        if self.style is not None and kinds[0] not in ("numbered", "bullets", "checklist"):
            raise ValueError("style ใช้ได้กับรายการ (numbered, bullets, checklist) เท่านั้น")
        return self

    @property
    def list_items(self) -> list[Item] | None:
        """The items when this block is a list, else None."""
        return self.numbered or self.bullets or self.checklist

    @property
    def list_style(self) -> ListStyle:
        """The label style of this list block (its own ``style`` or its kind's default)."""
        if self.style is not None:
            return self.style
        if self.bullets is not None:
            return ListStyle.bullet
        if self.checklist is not None:
            return ListStyle.check
        return ListStyle.decimal


Blocks = Annotated[list[Block], BeforeValidator(_blocks)]


class Cover(Strict):
    """What the cover shows above the person: title, subtitle and a list of jobs."""

    title: str = "คู่มือการปฏิบัติงาน"
    subtitle: str | None = None
    items: list[str] = Field(default_factory=list)


class Foreword(Strict):
    """The foreword (คำนำ), signed with the author's name and position unless overridden."""

    text: Blocks
    signature_name: str | None = None
    signature_position: str | None = None


class ListPart(Strict):
    """A titled part whose body is a nested list (group roles, duties)."""

    title: str | None = None
    subtitle: str | None = None
    intro: Blocks = Field(default_factory=list)
    items: ItemList
    style: ListStyle = ListStyle.decimal


class Section(Strict):
    """A free-form part of the manual: a heading, an optional subtitle, and blocks."""

    title: str
    subtitle: str | None = None
    text: Blocks


class StandardColumn(StrEnum):
    """A work-standard table's columns that hold content."""

    activity = "activity"
    standard = "standard"


class StandardRow(Strict):
    """One row of a work-standard table: activity (กิจกรรม/วิธีปฏิบัติ) and standard.

    ``merged`` names the columns whose cell continues the one above (Word's Table › Merge
    Cells; ECMA-376 Part 1 §17.4.85 w:vMerge): the row has no content of its own there, and
    the manual prints one cell over both rows."""

    activity: Blocks = Field(default_factory=list)
    standard: Blocks = Field(default_factory=list)
    merged: list[StandardColumn] = Field(default_factory=list)

    @model_validator(mode="after")
    def _activity_or_merged(self) -> StandardRow:
        if not self.activity and StandardColumn.activity not in self.merged:
            raise ValueError("ต้องมีกิจกรรม/วิธีปฏิบัติ (activity) หรือบอกว่าเซลล์นี้รวมกับแถว"
                             "บน (merged: [activity])")
        return self


class WorkStandard(Strict):
    """A work standard (มาตรฐานการปฏิบัติงาน เรื่อง …): a table of numbered rows.

    ``number`` is printed before the title ("เรื่อง 4. …") when given; offices that number
    standards by duty skip numbers of duties that have no standard.
    """

    title: str
    number: Annotated[int, Field(ge=1)] | None = None
    rows: list[StandardRow] = Field(min_length=1)

    @model_validator(mode="after")
    def _first_row_merges_nothing(self) -> WorkStandard:
        if self.rows[0].merged:
            raise ValueError("แถวแรกของตารางรวมเซลล์กับแถวบนไม่ได้ (ลบ merged ของแถวแรก)")
        return self


class StepKind(StrEnum):
    """The flowchart symbol of a step: an activity rectangle or a decision diamond."""

    activity = "activity"
    decision = "decision"


class Branch(Strict):
    """One way out of a decision: the label on its arrow and the step it goes to.

    ``goto`` names a step by its ``id``; without it "yes" goes on to the next step and "no"
    returns to the step before.
    """

    label: str | None = None
    goto: str | None = None


class Step(Strict):
    """One step of a process (ขั้นตอนการปฏิบัติงาน) and its row of the standard summary form.

    ``detail`` is the summary form's รายละเอียดงาน when it is worded differently from ``text``.
    ``duration``, ``standard`` and ``responsible`` fill the form's columns; ``responsible``
    defaults to the process's.  ``steps`` nests sub-steps (5.3.1 …); ``notes`` are unnumbered
    lines below the step.  In the flowchart a step is a box holding ``short`` (or ``text``);
    ``kind: decision`` makes it a diamond whose ``yes`` and ``no`` branches (labelled ใช่ and
    ไม่ใช่ unless given) lead to the steps they name by ``id``.
    """

    text: str
    id: str | None = None
    short: str | None = None
    yes: Branch | None = None
    no: Branch | None = None
    detail: str | None = None
    duration: str | None = None
    standard: str | None = None
    responsible: str | None = None
    kind: StepKind = StepKind.activity
    notes: Blocks = Field(default_factory=list)
    steps: list[Annotated[Step, BeforeValidator(_text_to_mapping)]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _branches_only_on_decisions(self) -> Step:
        if (self.yes or self.no) and self.kind is not StepKind.decision:
            raise ValueError("yes และ no ใช้ได้กับขั้นตอนที่เป็นการตัดสินใจเท่านั้น "
                             "ให้เพิ่ม kind: decision หรือลบ yes/no ออก")
        return self

    def walk(self) -> list[Step]:
        """This step and its sub-steps, depth first."""
        return [self, *(s for child in self.steps for s in child.walk())]


class SummaryRow(Strict):
    """A row of the standard summary form given explicitly (when the form's rows differ from
    the steps, as in manuals whose form lists more rows than section 5)."""

    detail: str
    duration: str | None = None
    standard: str | None = None
    responsible: str | None = None
    kind: StepKind = StepKind.activity


class SummaryForm(Strict):
    """The standard summary form (แบบฟอร์มสรุปมาตรฐานงาน): header fields and optional rows.

    Each field defaults to the process's own: ``name`` to the process name, ``objective`` to
    the objectives' text, ``rows`` to the process's steps.
    """

    title: str | None = None
    name: str | None = None
    objective: str | None = None
    document_code: str | None = None
    rows: list[SummaryRow] | None = None


class Definition(Strict):
    """A term of คำจำกัดความ, printed "term หมายถึง meaning"."""

    term: str
    meaning: str


class SectionTitles(Strict):
    """Overrides of a process's section headings, for offices whose wording differs."""

    name: str = "ชื่อกระบวนการงาน"
    objectives: str = "วัตถุประสงค์"
    scope: str = "ขอบเขตของงาน"
    definitions: str = "คำจำกัดความ"
    steps: str = "ขั้นตอนการปฏิบัติงาน"
    flowchart: str = "Flow Chart การปฏิบัติงาน"
    expected_results: str = "ผลสำเร็จที่คาดหวัง"
    forms: str = "แบบฟอร์มที่ใช้"
    references: str = "เอกสาร/หลักฐานอ้างอิง"
    summary: str = "แบบฟอร์มสรุปมาตรฐานงาน"


class Process(Strict):
    """A process manual (คู่มือขั้นตอนการดำเนินงาน) in the nine-section format.

    Sections are numbered in the order they appear; ``expected_results``, ``forms`` and
    ``references`` appear when given (an empty list prints "-"), the summary form when
    ``summary`` is given or any step has a duration, standard or responsible party.
    """

    name: str
    title: str | None = None
    label: str | None = None
    objectives: Blocks
    scope: Blocks | None = None
    definitions: list[Definition] = Field(default_factory=list)
    definition_style: ListStyle = ListStyle.none
    steps: list[Annotated[Step, BeforeValidator(_text_to_mapping)]] = Field(min_length=1)
    step_style: ListStyle = ListStyle.outline
    responsible: str | None = None
    flowchart_caption: str | None = None
    expected_results: Blocks | None = None
    forms: Blocks | None = None
    references: Blocks | None = None
    summary: SummaryForm | None = None
    titles: SectionTitles = Field(default_factory=SectionTitles)

    @model_validator(mode="after")
    def _targets_exist(self) -> Process:
        steps = [s for top in self.steps for s in top.walk()]
        ids = [s.id for s in steps if s.id]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"รหัสขั้นตอน (id) ซ้ำกัน: {', '.join(duplicates)} "
                             "แต่ละขั้นตอนต้องมี id ไม่ซ้ำกัน")
        for step in steps:
            for branch in (step.yes, step.no):
                if branch and branch.goto and branch.goto not in ids:
                    known = ", ".join(ids) or "(ยังไม่มีขั้นตอนใดมี id)"
                    raise ValueError(f"ขั้นตอน \"{step.text[:30]}\" ชี้ไปที่ goto: {branch.goto} "
                                     f"ซึ่งไม่มีขั้นตอนใดมี id นี้ (id ที่มี: {known})")
        return self

    @property
    def has_summary_form(self) -> bool:
        """True when the manual prints this process's standard summary form."""
        if self.summary is not None:
            return True
        return any(s.duration or s.standard or s.responsible for s in self.steps) or bool(
            self.responsible
        )


class Group(Strict):
    """A group of the office (``groups/<group-id>.yaml``): its name, its director and its
    roles, written once for every staff member of the group.  A staff file names the group by
    its id or its name; its ``group_roles`` then default to the group's."""

    name: str
    director: str | None = None
    group_roles: ListPart | None = None


class Staff(Strict):
    """A staff member and the content of their work manual (``staff/<staff-id>.yaml``)."""

    name: str
    position: str
    level: str | None = None
    group: str
    work_unit: str | None = None
    cover: Cover = Field(default_factory=Cover)
    foreword: Foreword | None = None
    group_roles: ListPart | None = None
    duties: ListPart | None = None
    sections: list[Section] = Field(default_factory=list)
    work_standards: list[WorkStandard] = Field(default_factory=list)
    processes: list[Process] = Field(default_factory=list)
    references: Blocks | None = None


FieldPath = tuple[str | int, ...]


def strings(value: Any, loc: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every string in a content model, with its field path."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from strings(getattr(value, name), (*loc, name))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from strings(item, (*loc, i))
