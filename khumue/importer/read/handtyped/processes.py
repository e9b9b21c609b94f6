"""A hand-typed process manual (คู่มือขั้นตอนการดำเนินงาน): its numbered sections, however
worded and numbered, into a :class:`~khumue.content.model.Process`.

Two headings that name the same section ("9. กฎหมาย ระเบียบ…" then "10. เอกสารอ้างอิง") are
both kept: the later one's title and text follow the first's, and a note says so."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from khumue.content.model import Block, ListStyle, Process, SectionTitles, SummaryForm
from khumue.importer.read.handtyped.lists import blocks_of, definitions_of
from khumue.importer.read.handtyped.parts import SectionField
from khumue.importer.read.handtyped.steps import (
    StepDraft,
    mark_decisions,
    mark_worded_decisions,
    read_summary,
    steps_of,
)
from khumue.importer.read.lines import Grid, Item, Line
from khumue.importer.read.notes import Note
from khumue.importer.read.units import squeeze

_BLOCK_FIELDS = (SectionField.objectives, SectionField.scope, SectionField.expected_results,
                 SectionField.forms, SectionField.references)


@dataclass
class RawSection:
    """A numbered section as the recogniser met it: what it fills, its title, its lines and
    tables, and its heading line."""

    kind: SectionField
    title: str
    heading: Line
    items: list[Item] = field(default_factory=list)


@dataclass
class ProcessMaterial:
    """What the recogniser collected for one process: the label line above it, its title
    lines, its sections in order and the summary-form tables met inside it."""

    label: str | None = None
    title_lines: list[str] = field(default_factory=list)
    sections: list[RawSection] = field(default_factory=list)
    summary_grids: list[Grid] = field(default_factory=list)


@dataclass(frozen=True)
class ExtraSection:
    """Text a part reader could not place in its part: kept as a free-form section."""

    title: str
    lines: list[str]


@dataclass(frozen=True)
class ProcessReading:
    process: Process
    extra: list[ExtraSection]
    notes: list[Note]


class _Sections:
    """A process's sections by the field they fill; repeated ones joined in order."""

    def __init__(self, sections: Sequence[RawSection], here: tuple[str, int],
                 notes: list[Note]):
        self.by_field: dict[SectionField, list[RawSection]] = {}
        for section in sections:
            self.by_field.setdefault(section.kind, []).append(section)
        for name, found in self.by_field.items():
            for later in found[1:]:
                notes.append(Note((*here, name.value), f"หัวข้อ \"{later.title[:40]}\" เป็นส่วน"
                                  f"เดียวกับ \"{found[0].title[:40]}\" จึงรวมไว้ต่อกัน"))

    def items(self, name: SectionField) -> list[Item] | None:
        found = self.by_field.get(name)
        return None if found is None else [it for s in found for it in s.items]

    def blocks(self, name: SectionField) -> list[Block] | None:
        """A rich-text section's blocks; a repeated heading's title is kept as a bold line
        before its text."""
        found = self.by_field.get(name)
        if found is None:
            return None
        out = blocks_of(found[0].items, True)
        for later in found[1:]:
            out += [Block(bold=later.heading.text), *blocks_of(later.items, True)]
        return out

    def titles(self) -> SectionTitles:
        """The section headings that differ from the default wording."""
        defaults = SectionTitles()
        changed = {name.value: found[0].title for name, found in self.by_field.items()
                   if squeeze(found[0].title) != squeeze(getattr(defaults, name.value))}
        return SectionTitles(**changed)


def read_process(index: int, material: ProcessMaterial) -> ProcessReading:
    """Process number ``index`` (0-based) from what the recogniser collected."""
    here = ("processes", index)
    notes: list[Note] = []
    sections = _Sections(material.sections, here, notes)
    title = " ".join(material.title_lines).strip()
    name, extra = _name(sections, title, here, notes)
    definitions = definitions_of(sections.items(SectionField.definitions) or [])
    for text in definitions.leftover:
        notes.append(Note((*here, "definitions"), "บรรทัดที่ไม่มีคำว่า \"หมายถึง\" เก็บไว้ใน"
                                                  f"ส่วนท้าย: \"{text[:40]}\""))
    if definitions.leftover:
        extra.append(ExtraSection(f"{name}: คำจำกัดความ (ข้อความเพิ่มเติม)",
                                  definitions.leftover))
    steps, style = _steps(sections, here, notes)
    flowchart = sections.items(SectionField.flowchart) or []
    notes += mark_decisions(steps, flowchart, here)
    notes += mark_worded_decisions(steps, here)
    summary = _summary(material, sections, steps, here, notes)
    objectives = sections.blocks(SectionField.objectives)
    if objectives is None:
        notes.append(Note((*here, "objectives"), "ไม่พบหัวข้อวัตถุประสงค์"))
    captions = [it.text for it in flowchart if isinstance(it, Line) and it.text]
    responsible = _shared_responsible(steps)
    process = Process(
        name=name, title=title if title and squeeze(title) != squeeze(name) else None,
        label=material.label, objectives=objectives or [Block(text="-")],
        scope=sections.blocks(SectionField.scope), definitions=definitions.definitions,
        definition_style=definitions.style if definitions.definitions else ListStyle.none,
        steps=[s.step() for s in steps], step_style=style, responsible=responsible,
        flowchart_caption=" ".join(captions) or None,
        expected_results=sections.blocks(SectionField.expected_results),
        forms=sections.blocks(SectionField.forms),
        references=sections.blocks(SectionField.references), summary=summary,
        titles=sections.titles())
    notes.append(Note(here, f"นำเข้าเป็นคู่มือขั้นตอนการดำเนินงาน \"{name[:40]}\" จากหัวข้อ 1. "
                            f"ถึง {len(material.sections)} ที่พบ"))
    return ProcessReading(process, extra, notes)


def _shared_responsible(steps: list[StepDraft]) -> str | None:
    """The party the summary form names for every step, when it is one and the same (it
    is then the process's, printed in each row; ``steps`` lose their own): None else."""
    named = {squeeze(s.form.get("responsible", "")) for s in steps}
    if len(steps) < 2 or len(named) != 1 or not next(iter(named)):
        return None
    shared = steps[0].form["responsible"]
    for step in steps:
        del step.form["responsible"]
    return shared


def _name(sections: _Sections, title: str, here: tuple[str, int],
          notes: list[Note]) -> tuple[str, list[ExtraSection]]:
    """The process's name: after "ชื่องาน:" on its heading, else its first line; further
    lines are kept in a section of their own."""
    found = sections.by_field.get(SectionField.name)
    if not found:
        return title or "-", []
    body = found[0].heading.body
    after = body.split(":", 1)[1].strip() if ":" in body else ""
    texts = [it.text for it in sections.items(SectionField.name) or []
             if isinstance(it, Line) and it.text]
    name = after or (texts[0] if texts else "")
    more = texts if after else texts[1:]
    if not more:
        return name or title or "-", []
    notes.append(Note((*here, "name"), "ชื่องานมีหลายบรรทัด: บรรทัดแรกเป็นชื่องาน ที่เหลือ"
                                       "เก็บไว้ในส่วนท้าย"))
    return name or title or "-", [ExtraSection(f"{name or title}: ชื่องาน (ข้อความเพิ่มเติม)",
                                               more)]


def _steps(sections: _Sections, here: tuple[str, int],
           notes: list[Note]) -> tuple[list[StepDraft], ListStyle]:
    items = sections.items(SectionField.steps)
    reading = steps_of(items) if items is not None else None
    if reading is None or not reading.steps:
        notes.append(Note((*here, "steps"), "ไม่พบขั้นตอนการปฏิบัติงาน"))
        return [StepDraft("-")], ListStyle.outline
    return reading.steps, reading.style


def _summary(material: ProcessMaterial, sections: _Sections, steps: list[StepDraft],
             here: tuple[str, int], notes: list[Note]) -> SummaryForm | None:
    grids = [*material.summary_grids, *(it for it in sections.items(SectionField.summary)
                                        or [] if isinstance(it, Grid))]
    if not grids:
        return None
    reading = read_summary(grids[0], steps, here)
    notes += reading.notes
    return reading.form
