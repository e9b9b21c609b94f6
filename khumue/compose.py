"""From a staff member's content to the typeset tree of their manual (:mod:`khumue.doctree`).

The order of the parts, where the content has them: cover, foreword (คำนำ), table of contents
(สารบัญ), group roles, duties, free-form sections, work standards, processes (each with its
sections, standard summary form and symbol legend), references, back cover.  Every text passes
through :func:`khumue.digits.apply_digits`, so digits follow the office's choice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from khumue.digits import apply_digits
from khumue.doctree import (
    CHECK_BOX,
    Cell,
    CellSymbol,
    FlowchartFigure,
    Heading,
    ManualDoc,
    Node,
    Para,
    Role,
    Run,
    Table,
    TableOfContents,
)
from khumue.flowchart import YES, Symbol, flowchart_of, leaf_steps
from khumue.model import (
    Block,
    Item,
    ListPart,
    ListStyle,
    Office,
    Process,
    Staff,
    Step,
    StepKind,
    SummaryRow,
    WorkStandard,
)

STANDARD_COLUMNS = ("ที่", "กิจกรรม/วิธีปฏิบัติ", "มาตรฐานการปฏิบัติงาน")
STANDARD_WIDTHS = [0.07, 0.53, 0.40]
SUMMARY_COLUMNS = ("ลำดับที่", "ผังขั้นตอนการดำเนินงาน", "รายละเอียดงาน", "เวลาดำเนินการ",
                   "มาตรฐานคุณภาพงาน", "ผู้รับผิดชอบ")
SUMMARY_WIDTHS = [0.10, 0.17, 0.28, 0.13, 0.16, 0.16]
LEGEND: tuple[tuple[Symbol | None, str], ...] = (
    (Symbol.start, "จุดเริ่มต้นหรือสิ้นสุดกระบวนการงาน"),
    (Symbol.activity, "กิจกรรมงานหรือการปฏิบัติ"),
    (Symbol.decision, "การตัดสินใจ"),
    (None, "ทิศทางหรือการเคลื่อนไหวของงาน"),
    (Symbol.connector, "จุดเชื่อมต่อระหว่างหน้า (ถ้าไม่จบภายใน 1 หน้า)"),
)
_BULLET = "-"


@dataclass(frozen=True)
class ManualContext:
    """What a manual needs besides its staff member: the office, fiscal year and templates."""

    office: Office
    fiscal_year: int
    template_dir: Path


def compose_manual(staff: Staff, ctx: ManualContext) -> ManualDoc:
    """The typeset tree of ``staff``'s manual; raises jinja2.TemplateError for a broken
    foreword template."""
    return _Composer(staff, ctx).manual()


class _Composer:
    def __init__(self, staff: Staff, ctx: ManualContext):
        self.staff = staff
        self.ctx = ctx
        self.office = ctx.office

    # -- text -------------------------------------------------------------------------------
    def t(self, text: str) -> str:
        """Text as printed: the office's digits (URLs, e-mails and codes keep Arabic)."""
        return apply_digits(text, self.office.digits)

    def para(self, text: str, role: Role = Role.body, **kw: object) -> Para:
        return Para([Run(self.t(text))], role, **kw)  # type: ignore[arg-type]

    @property
    def full_position(self) -> str:
        """Position and level as Thai titles join them: ศึกษานิเทศก์ + ชำนาญการพิเศษ."""
        return self.staff.position + (self.staff.level or "")

    # -- the manual ----------------------------------------------------------------------------
    def manual(self) -> ManualDoc:
        body: list[Node] = []
        for part in (self.group_roles(), self.duties(), self.sections(), self.standards(),
                     self.processes(), self.references()):
            body.extend(part)
        front: list[Node] = [*self.foreword(), TableOfContents(self.t("สารบัญ"))]
        return ManualDoc(self.cover(), front, body)

    def cover(self) -> dict[str, object]:
        s, o = self.staff, self.office
        position = f"ตำแหน่ง {self.full_position}"
        return {
            "title": self.t(s.cover.title),
            "subtitle": self.t(s.cover.subtitle or ""),
            "cover_items": [self.t(i) for i in s.cover.items],
            "person_name": self.t(s.name),
            "position_line": self.t(position),
            "work_unit": self.t(s.work_unit or ""),
            "group": self.t(s.group),
            "office_name": self.t(o.name),
            "office_short_name": self.t(o.short_name),
            "obec": self.t(o.obec),
            "ministry": self.t(o.ministry),
            "fiscal_year_line": self.t(f"ปีงบประมาณ พ.ศ. {self.ctx.fiscal_year}"),
        }

    def foreword(self) -> list[Node]:
        s = self.staff
        if s.foreword is not None:
            paras = self.blocks(s.foreword.text, Role.body)
            name = s.foreword.signature_name or s.name
            position = s.foreword.signature_position or self.full_position
        else:
            paras = [self.para(p) for p in self.default_foreword()]
            name, position = s.name, self.full_position
        out: list[Node] = [Heading(self.t("คำนำ"), new_page=True, centered=True), *paras]
        out.append(self.para("", Role.signature))
        out.append(self.para(name, Role.signature))
        out.append(self.para(position, Role.signature))
        return out

    def default_foreword(self) -> list[str]:
        """Paragraphs of the default foreword, from ``foreword.txt.j2`` of the office's template
        folder or of the default one.  Content values are data: they are not evaluated."""
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(self.ctx.template_dir),
                                            str(self.ctx.template_dir.parent / "default")]),
            undefined=jinja2.StrictUndefined, keep_trailing_newline=False, autoescape=False)
        text = env.get_template("foreword.txt.j2").render(
            name=self.staff.name, position=self.full_position, group=self.staff.group,
            work_unit=self.staff.work_unit, office=self.office.name,
            office_short_name=self.office.short_name, fiscal_year=self.ctx.fiscal_year)
        return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]

    def list_part(self, part: ListPart | None, default_title: str) -> list[Node]:
        if part is None:
            return []
        out: list[Node] = [Heading(self.t(part.title or default_title), new_page=True)]
        if part.subtitle:
            out.append(self.para(part.subtitle, Role.subtitle))
        out += self.blocks(part.intro, Role.body)
        out += self.items(part.items, part.style, parent="", level=0)
        return out

    def group_roles(self) -> list[Node]:
        return self.list_part(self.staff.group_roles, f"บทบาทหน้าที่{self.staff.group}")

    def duties(self) -> list[Node]:
        return self.list_part(self.staff.duties, "งานในหน้าที่รับผิดชอบ")

    def sections(self) -> list[Node]:
        out: list[Node] = []
        for section in self.staff.sections:
            out.append(Heading(self.t(section.title), new_page=True))
            if section.subtitle:
                out.append(self.para(section.subtitle, Role.subtitle))
            out += self.blocks(section.text, Role.body)
        return out

    def references(self) -> list[Node]:
        if self.staff.references is None:
            return []
        return [Heading(self.t("เอกสารอ้างอิง"), new_page=True),
                *self.blocks(self.staff.references, Role.body)]

    # -- rich text -----------------------------------------------------------------------------
    def blocks(self, blocks: Iterable[Block], role: Role, parent: str = "",
               level: int = 0, numbered: ListStyle = ListStyle.decimal) -> list[Para]:
        """Paragraphs of rich text.  ``parent`` is the number that outline labels extend
        ("5" → 5.1); ``numbered`` is the default style of a ``numbered`` list here."""
        out: list[Para] = []
        for block in blocks:
            items = block.list_items
            if items is not None:
                style = block.style or (numbered if block.numbered is not None
                                        else block.list_style)
                out += self.items(items, style, parent, level, in_cell=role is Role.cell)
            elif block.bold is not None:
                out.append(Para([Run(self.t(block.bold), bold=True)], _plain(role),
                                level=level, keep_next=True))
            elif block.caption is not None:
                out.append(self.para(block.caption, Role.caption))
            else:
                out.append(self.para(block.text or "", role, level=level))
        return out

    def items(self, items: list[Item], style: ListStyle, parent: str, level: int,
              in_cell: bool = False) -> list[Para]:
        out: list[Para] = []
        for number, item in enumerate(items, start=1):
            path, label = _label(style, number, parent)
            out.append(Para([Run(self.t(item.text))], Role.cell if in_cell else Role.list,
                            label=self.t(label) if label else None, level=level))
            if item.items:
                child = item.style or _child_style(style)
                out += self.items(item.items, child, path, level + 1, in_cell)
        return out

    # -- work standards ------------------------------------------------------------------------
    def standards(self) -> list[Node]:
        out: list[Node] = []
        for standard in self.staff.work_standards:
            out += self.standard(standard)
        return out

    def standard(self, standard: WorkStandard) -> list[Node]:
        number = f"{standard.number}. " if standard.number is not None else ""
        header = [Cell([self.para(c, Role.cell_head)], shaded=True) for c in STANDARD_COLUMNS]
        rows = [[Cell([self.para(str(i), Role.cell_center)]),
                 Cell(self.blocks(row.activity, Role.cell, parent=str(i))),
                 Cell(self.blocks(row.standard, Role.cell, parent=str(i)))]
                for i, row in enumerate(standard.rows, start=1)]
        return [
            self.para("มาตรฐานการปฏิบัติงาน", Role.label, new_page=True, keep_next=True),
            Heading(self.t(f"เรื่อง {number}{standard.title}"), centered=True),
            Table(STANDARD_WIDTHS, [header], rows),
        ]

    # -- processes -----------------------------------------------------------------------------
    def processes(self) -> list[Node]:
        out: list[Node] = []
        for process in self.staff.processes:
            out += self.process(process)
        return out

    def process(self, p: Process) -> list[Node]:
        out: list[Node] = []
        if p.label:
            out.append(self.para(p.label, Role.label, new_page=True, keep_next=True))
        out.append(Heading(self.t(p.title or p.name), new_page=not p.label, centered=True))
        sections = _ProcessSections(self)
        sections.add(p.titles.name, [self.para(p.name)])
        sections.add_blocks(p.titles.objectives, p.objectives)
        sections.add_blocks(p.titles.scope, p.scope)
        if p.definitions:
            sections.add(p.titles.definitions, self.definitions(p, sections.next_number))
        sections.add(p.titles.steps, self.steps(p, str(sections.next_number)))
        texts = {i: self.t(s.short or s.text) for i, s in enumerate(leaf_steps(p.steps))}
        figure = FlowchartFigure(flowchart_of(p, texts, self.t("เริ่มต้น"), self.t("สิ้นสุด")),
                                 tuple(self.t(str(n)) for n in range(1, 30)))
        chart: list[Node] = [figure]
        if p.flowchart_caption:
            chart.append(self.para(p.flowchart_caption, Role.caption))
        sections.add(p.titles.flowchart, chart)
        sections.add_blocks(p.titles.expected_results, p.expected_results)
        sections.add_blocks(p.titles.forms, p.forms)
        sections.add_blocks(p.titles.references, p.references)
        if p.has_summary_form:
            title = (p.summary.title if p.summary and p.summary.title else p.titles.summary)
            sections.add(title, [self.summary_form(p), *self.legend()])
        return out + sections.nodes

    def definitions(self, p: Process, section: int) -> list[Node]:
        out: list[Node] = []
        for number, d in enumerate(p.definitions, start=1):
            _, label = _label(p.definition_style, number, str(section))
            runs = [Run(self.t(d.term), bold=True), Run(self.t(f" หมายถึง {d.meaning}"))]
            out.append(Para(runs, Role.list if label else Role.body,
                            label=self.t(label) if label else None))
        return out

    def steps(self, p: Process, section: str) -> list[Node]:
        out: list[Node] = []

        def walk(steps: list[Step], style: ListStyle, parent: str, level: int) -> None:
            for number, step in enumerate(steps, start=1):
                path, label = _label(style, number, parent)
                out.append(Para([Run(self.t(step.text))], Role.list,
                                label=self.t(label) if label else None, level=level))
                out.extend(self.blocks(step.notes, Role.list, path, level + 1,
                                       numbered=ListStyle.outline))
                walk(step.steps, _child_style(style), path, level + 1)

        walk(p.steps, p.step_style, section if p.step_style is ListStyle.outline else "", 0)
        return out

    def summary_rows(self, p: Process) -> list[SummaryRow]:
        if p.summary and p.summary.rows is not None:
            return p.summary.rows
        return [SummaryRow(detail=s.detail or s.text, duration=s.duration, standard=s.standard,
                           responsible=s.responsible or p.responsible, kind=s.kind)
                for s in p.steps]

    def summary_form(self, p: Process) -> Table:
        form = p.summary
        name = (form.name if form and form.name else p.name)
        objective = (form.objective if form and form.objective else
                     " ".join(_plain_text(p.objectives)))
        code = form.document_code if form and form.document_code else ""
        c = self.para
        office = Cell([c(self.office.name, Role.cell), c(self.staff.group, Role.cell)], span=2)
        code_cell = Cell([Para([Run(self.t("รหัสเอกสาร")), Run(" "), Run(code)], Role.cell)])
        head = [
            [Cell([Para([Run(self.t("ชื่องาน "), bold=True), Run(self.t(name))], Role.cell)],
                  span=3), office, code_cell],
            [Cell([Para([Run(self.t("วัตถุประสงค์ : "), bold=True), Run(self.t(objective))],
                        Role.cell)], span=6)],
            [Cell([c(col, Role.cell_head)], shaded=True) for col in SUMMARY_COLUMNS],
        ]
        rows = self.summary_rows(p)
        body = []
        for i, row in enumerate(rows, start=1):
            symbol = Symbol.decision if row.kind is StepKind.decision else (
                Symbol.start if i == 1 else Symbol.end if i == len(rows) else Symbol.activity)
            label = YES if symbol is Symbol.decision else ""
            body.append([
                Cell([c(f"{i}.", Role.cell_center)]),
                Cell([], symbol=CellSymbol(symbol, arrow_down=i < len(rows), label=label)),
                Cell([c(row.detail, Role.cell)]),
                Cell([c(row.duration or "", Role.cell_center)]),
                Cell([c(row.standard or "", Role.cell)]),
                Cell([c(row.responsible or "", Role.cell)]),
            ])
        return Table(SUMMARY_WIDTHS, head, body, font_pt=14.0)

    def legend(self) -> list[Node]:
        rows = [[Cell([], symbol=CellSymbol(kind)), Cell([self.para(meaning, Role.cell)])]
                for kind, meaning in LEGEND]
        title = Para([Run(self.t("คำอธิบายสัญลักษณ์ผังขั้นตอน"), bold=True)], Role.plain,
                     keep_next=True)
        return [title, Table([0.12, 0.88], [], rows, font_pt=14.0, keep_together=True)]


class _ProcessSections:
    """Numbers a process's sections in the order they are present: 1. … 9."""

    def __init__(self, composer: _Composer):
        self.c = composer
        self.nodes: list[Node] = []
        self.next_number = 1

    def add(self, title: str, content: list[Node]) -> None:
        self.nodes.append(Heading(self.c.t(f"{self.next_number}. {title}"), level=2))
        self.nodes.extend(content)
        self.next_number += 1

    def add_blocks(self, title: str, blocks: list[Block] | None) -> None:
        if blocks is None:
            return
        paras = self.c.blocks(blocks, Role.body, str(self.next_number),
                              numbered=ListStyle.outline) or [self.c.para("-", Role.plain)]
        self.add(title, list(paras))


def _label(style: ListStyle, number: int, parent: str) -> tuple[str, str]:
    """(number path for children, printed label) of item ``number`` in a list of ``style``."""
    path = f"{parent}.{number}" if parent else str(number)
    if style is ListStyle.outline:
        return path, path
    if style is ListStyle.decimal:
        return path, f"{number}."
    if style is ListStyle.paren:
        return path, f"{number})"
    if style is ListStyle.bullet:
        return parent, _BULLET
    if style is ListStyle.check:
        return parent, CHECK_BOX
    return parent, ""


def _child_style(style: ListStyle) -> ListStyle:
    """Default style of a nested list: numbered lists nest as outlines (1 → 1.1)."""
    if style in (ListStyle.decimal, ListStyle.outline, ListStyle.paren):
        return ListStyle.outline
    return style


def _plain(role: Role) -> Role:
    return Role.cell if role is Role.cell else Role.plain


def _plain_text(blocks: list[Block]) -> list[str]:
    out: list[str] = []

    def items(its: list[Item]) -> None:
        for it in its:
            out.append(it.text)
            items(it.items)

    for b in blocks:
        if b.list_items is not None:
            items(b.list_items)
        else:
            out.append(b.text or b.bold or b.caption or "")
    return out
