"""Process manuals (คู่มือขั้นตอนการดำเนินงาน) in the nine-section format: name, objectives,
scope, definitions, steps, flowchart, expected results, forms, references, and the standard
summary form (แบบฟอร์มสรุปมาตรฐานงาน) with its symbol legend.  Sections are numbered in the
order they are present."""

from __future__ import annotations

from khumue.content.model import Block, ListStyle, Process, Step, StepKind, SummaryRow
from khumue.typeset.compose.text import TextComposer, child_style, list_label, plain_text
from khumue.typeset.doctree import (
    Cell,
    CellSymbol,
    FlowchartFigure,
    Heading,
    Node,
    Origin,
    Para,
    Part,
    Role,
    Row,
    Run,
    Table,
)
from khumue.typeset.flowchart import YES, Symbol, flowchart_of, leaf_steps

SUMMARY_COLUMNS = ("ลำดับที่", "ผังขั้นตอนการดำเนินงาน", "รายละเอียดงาน", "เวลาดำเนินการ",
                   "มาตรฐานคุณภาพงาน", "ผู้รับผิดชอบ")
SUMMARY_WIDTHS = [0.10, 0.17, 0.28, 0.13, 0.16, 0.16]
SUMMARY_FONT_PT = 14.0
LEGEND: tuple[tuple[Symbol | None, str], ...] = (
    (Symbol.start, "จุดเริ่มต้นหรือสิ้นสุดกระบวนการงาน"),
    (Symbol.activity, "กิจกรรมงานหรือการปฏิบัติ"),
    (Symbol.decision, "การตัดสินใจ"),
    (None, "ทิศทางหรือการเคลื่อนไหวของงาน"),
    (Symbol.connector, "จุดเชื่อมต่อระหว่างหน้า (ถ้าไม่จบภายใน 1 หน้า)"),
)
LEGEND_WIDTHS = [0.12, 0.88]


def compose_processes(processes: list[Process], group: str, office_name: str,
                      text: TextComposer) -> list[Node]:
    """The nodes of every process, in order; ``group`` and ``office_name`` head the summary
    forms."""
    out: list[Node] = []
    for index, process in enumerate(processes):
        origin = Origin(Part.process, ("processes", index))
        out += ProcessComposer(process, origin, group, office_name, text).nodes()
    return out


class _Sections:
    """A process's numbered sections, 1. … 9., in the order they are added."""

    def __init__(self, text: TextComposer):
        self.text = text
        self.nodes: list[Node] = []
        self.number = 1

    def add(self, title: str, title_origin: Origin, content: list[Node]) -> None:
        """Section ``title`` (its text from ``title_origin``), numbered, then ``content``."""
        self.nodes.append(Heading(self.text.t(title), level=2,
                                  label=self.text.t(f"{self.number}."), origin=title_origin))
        self.nodes.extend(content)
        self.number += 1

    def add_blocks(self, title: str, title_origin: Origin, blocks: list[Block] | None,
                   origin: Origin) -> None:
        """A section of rich text; an empty list prints "-"; None leaves the section out."""
        if blocks is None:
            return
        paras = self.text.blocks(blocks, Role.body, origin, str(self.number),
                                 numbered=ListStyle.outline)
        self.add(title, title_origin,
                 list(paras) or [self.text.para("-", Role.plain, origin)])


class ProcessComposer:
    """Composes one process manual."""

    def __init__(self, process: Process, origin: Origin, group: str, office_name: str,
                 text: TextComposer):
        self.process = process
        self.origin = origin
        self.group = group
        self.office_name = office_name
        self.text = text

    def nodes(self) -> list[Node]:
        p, o, text = self.process, self.origin, self.text
        out: list[Node] = []
        if p.label:
            out.append(text.para(p.label, Role.label, o.at("label"), new_page=True,
                                 keep_next=True))
        out.append(Heading(text.t(p.title or p.name), new_page=not p.label, centered=True,
                           origin=o.at("title" if p.title else "name")))
        sections = _Sections(text)
        titles = o.at("titles")
        sections.add(p.titles.name, titles.at("name"),
                     [text.para(p.name, Role.body, o.at("name"))])
        sections.add_blocks(p.titles.objectives, titles.at("objectives"), p.objectives,
                            o.at("objectives"))
        sections.add_blocks(p.titles.scope, titles.at("scope"), p.scope, o.at("scope"))
        if p.definitions:
            sections.add(p.titles.definitions, titles.at("definitions"),
                         self.definitions(str(sections.number)))
        sections.add(p.titles.steps, titles.at("steps"), self.steps(str(sections.number)))
        sections.add(p.titles.flowchart, titles.at("flowchart"), self.flowchart())
        sections.add_blocks(p.titles.expected_results, titles.at("expected_results"),
                            p.expected_results, o.at("expected_results"))
        sections.add_blocks(p.titles.forms, titles.at("forms"), p.forms, o.at("forms"))
        sections.add_blocks(p.titles.references, titles.at("references"), p.references,
                            o.at("references"))
        if p.has_summary_form:
            own = p.summary is not None and p.summary.title is not None
            title = p.summary.title if p.summary and p.summary.title else p.titles.summary
            sections.add(title, o.at("summary", "title") if own else titles.at("summary"),
                         [self.summary_form(), *self.legend()])
        return out + sections.nodes

    def definitions(self, section: str) -> list[Node]:
        p, text = self.process, self.text
        out: list[Node] = []
        for index, d in enumerate(p.definitions):
            _, label = list_label(p.definition_style, index + 1, section)
            runs = [Run(text.t(d.term), bold=True), Run(text.t(f" หมายถึง {d.meaning}"))]
            out.append(Para(runs, Role.list if label else Role.body,
                            label=text.t(label) if label else None,
                            origin=self.origin.at("definitions", index)))
        return out

    def steps(self, section: str) -> list[Node]:
        """Section 5: every step, its notes and sub-steps (5.1, 5.1.1 …)."""
        p, text = self.process, self.text
        out: list[Node] = []

        def walk(steps: list[Step], style: ListStyle, parent: str, level: int,
                 origin: Origin) -> None:
            for index, step in enumerate(steps):
                here = origin.at(index)
                path, label = list_label(style, index + 1, parent)
                out.append(text.para(step.text, Role.list, here, label=label or None,
                                     level=level))
                out.extend(text.blocks(step.notes, Role.list, here.at("notes"), path,
                                       level + 1, numbered=ListStyle.outline))
                walk(step.steps, child_style(style), path, level + 1, here.at("steps"))

        walk(p.steps, p.step_style, section if p.step_style is ListStyle.outline else "", 0,
             self.origin.at("steps"))
        return out

    def flowchart(self) -> list[Node]:
        """Section 6: the flowchart drawn from the steps, and its caption."""
        p, text = self.process, self.text
        shown = {i: text.t(s.short or s.text) for i, s in enumerate(leaf_steps(p.steps))}
        figure = FlowchartFigure(flowchart_of(p, shown, text.t("เริ่มต้น"), text.t("สิ้นสุด")),
                                 tuple(text.t(str(n)) for n in range(1, 30)),
                                 self.origin.at("steps"))
        out: list[Node] = [figure]
        if p.flowchart_caption:
            out.append(text.para(p.flowchart_caption, Role.caption,
                                 self.origin.at("flowchart_caption")))
        return out

    def summary_rows(self) -> list[tuple[SummaryRow, Origin]]:
        """The form's rows: given explicitly, or one per top-level step."""
        p = self.process
        if p.summary and p.summary.rows is not None:
            return [(row, self.origin.at("summary", "rows", i))
                    for i, row in enumerate(p.summary.rows)]
        return [(SummaryRow(detail=s.detail or s.text, duration=s.duration, standard=s.standard,
                            responsible=s.responsible or p.responsible, kind=s.kind),
                 self.origin.at("steps", i))
                for i, s in enumerate(p.steps)]

    def summary_form(self) -> Table:
        p, text = self.process, self.text
        form = p.summary
        origin = self.origin.at("summary")
        name = form.name if form and form.name else p.name
        objective = (form.objective if form and form.objective else
                     " ".join(plain_text(p.objectives)))
        code = form.document_code if form and form.document_code else ""
        cell = Role.cell
        office = Cell([text.para(self.office_name, cell), text.para(self.group, cell)], span=2)
        code_cell = Cell([Para([Run(text.t("รหัสเอกสาร")), Run(" "), Run(code)], cell)],
                         origin=origin.at("document_code"))
        head = [
            Row([Cell([Para([Run(text.t("ชื่องาน "), bold=True), Run(text.t(name))], cell)],
                      span=3, origin=origin.at("name")), office, code_cell]),
            Row([Cell([Para([Run(text.t("วัตถุประสงค์ : "), bold=True), Run(text.t(objective))],
                            cell)], span=6, origin=origin.at("objective"))]),
            Row([Cell([text.para(col, Role.cell_head)], shaded=True) for col in SUMMARY_COLUMNS]),
        ]
        rows = self.summary_rows()
        body = []
        for i, (row, here) in enumerate(rows, start=1):
            symbol = Symbol.decision if row.kind is StepKind.decision else (
                Symbol.start if i == 1 else Symbol.end if i == len(rows) else Symbol.activity)
            label = YES if symbol is Symbol.decision else ""
            body.append(Row([
                Cell([text.para(f"{i}.", Role.cell_center, here)]),
                Cell([], symbol=CellSymbol(symbol, arrow_down=i < len(rows), label=label)),
                Cell([text.para(row.detail, cell, here.at("detail"))], origin=here.at("detail")),
                Cell([text.para(row.duration or "", Role.cell_center, here.at("duration"))],
                     origin=here.at("duration")),
                Cell([text.para(row.standard or "", cell, here.at("standard"))],
                     origin=here.at("standard")),
                Cell([text.para(row.responsible or "", cell, here.at("responsible"))],
                     origin=here.at("responsible")),
            ], here))
        return Table(SUMMARY_WIDTHS, head, body, font_pt=SUMMARY_FONT_PT, origin=origin)

    def legend(self) -> list[Node]:
        """The symbol legend (คำอธิบายสัญลักษณ์ผังขั้นตอน), kept on one page."""
        text = self.text
        rows = [Row([Cell([], symbol=CellSymbol(kind)), Cell([text.para(meaning, Role.cell)])])
                for kind, meaning in LEGEND]
        title = Para([Run(text.t("คำอธิบายสัญลักษณ์ผังขั้นตอน"), bold=True)], Role.plain,
                     keep_next=True)
        return [title, Table(LEGEND_WIDTHS, [], rows, font_pt=SUMMARY_FONT_PT,
                             keep_together=True)]
