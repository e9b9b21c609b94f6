"""Walking a hand-typed manual's lines and tables once, in order, and sorting them into the
parts they belong to (:class:`Collected`).  Reading each part is left to the part readers.

The walk is a state machine: :class:`State` says where the lines being met go; a line that
opens a part (:func:`~khumue.importer.read.handtyped.parts.part_of`) is handled by that part's
handler, which returns the next state; "1. ชื่องาน" starts a process, whose numbered section
headings (:func:`~khumue.importer.read.handtyped.parts.section_of`) open its sections.  A table is
a work standard's, a process's summary form, the symbol legend (dropped: it is rebuilt) or
text of the part at hand; the same table again after a page break (its header typed again)
is joined to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum, auto

from khumue.importer.read.handtyped.parts import (
    GridKind,
    PartKind,
    SectionField,
    grid_kind,
    part_of,
    section_of,
    strip_word,
    unnumbered_section_of,
)
from khumue.importer.read.handtyped.processes import ProcessMaterial, RawSection
from khumue.importer.read.inline import split_items
from khumue.importer.read.lines import Grid, Item, Line, parse_label
from khumue.importer.read.notes import Note
from khumue.typeset.digits import arabic_digits


class State(Enum):
    """Where the lines being met go."""

    cover = auto()
    foreword = auto()
    contents = auto()  # skipped: the table of contents is rebuilt
    group_roles = auto()
    duties = auto()
    standard = auto()  # after มาตรฐานการปฏิบัติงาน, before its table
    after_standard = auto()
    pre_process = auto()  # after คู่มือขั้นตอน…, before "1. ชื่องาน"
    process = auto()
    process_legend = auto()  # a process's symbol legend: dropped, sections may follow
    legend = auto()  # a legend outside a process: dropped
    references = auto()
    section = auto()  # a free-form part under its own heading
    body = auto()  # text between parts (where a stretch pasted into a manual starts)


# The states in which an unnumbered heading does not open a free-form section.
_NO_SECTIONS = frozenset({State.cover, State.process, State.process_legend, State.contents,
                          State.pre_process})
_DROPPED = frozenset({State.contents, State.process_legend, State.legend})
_BUCKETS = frozenset({State.standard, State.after_standard, State.pre_process})


@dataclass
class ListMaterial:
    """A list part's heading and lines (group roles, duties)."""

    title: str
    items: list[Item] = field(default_factory=list)


@dataclass
class SectionMaterial:
    """A free-form part: its heading and lines."""

    title: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Collected:
    """A manual's lines sorted into its parts; ``loose`` holds lines that belong to no part
    (kept, as a free-form section)."""

    cover: list[Item] = field(default_factory=list)
    foreword: list[Item] = field(default_factory=list)
    group_roles: ListMaterial | None = None
    duties: ListMaterial | None = None
    standards: list[tuple[str, Grid]] = field(default_factory=list)
    processes: list[ProcessMaterial] = field(default_factory=list)
    references: list[Item] = field(default_factory=list)
    sections: list[SectionMaterial] = field(default_factory=list)
    loose: list[list[Item]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    fiscal_year: int | None = None
    thai_digits: int = 0
    arabic_digits: int = 0
    it_digits: int = 0  # Arabic digits the file's TH SarabunIT๙ shows as Thai


class Recogniser:
    """Sorts ``items`` into :class:`Collected` (call :meth:`run` once)."""

    def __init__(self, items: list[Item], start: State = State.cover):
        self.items = items
        self.found = Collected()
        self.state = start
        self.process: ProcessMaterial | None = None
        self.pending_label: str | None = None  # a process label line waiting for its process
        self.standard_title: str | None = None  # a "เรื่อง …" line waiting for its table
        self.previous_grid: Grid | None = None  # the last table, until text follows it
        self.dropped: list[Item] = []
        self.handlers: dict[PartKind, Callable[[Line], State]] = {
            PartKind.foreword: lambda line: State.foreword,
            PartKind.contents: lambda line: State.contents,
            PartKind.group_roles: self._group_roles, PartKind.duties: self._duties,
            PartKind.standard: self._standard, PartKind.process_label: self._process_label,
            PartKind.references: self._references, PartKind.legend: self._legend,
            PartKind.standard_title: self._standard_title}

    def run(self) -> Collected:
        for item in self.items:
            _vote(self.found, item)
            if isinstance(item, Grid):
                self._grid(item)
            else:
                if item.text or item.shapes:
                    self.previous_grid = None
                self.state = self._line(item)
        return self.found

    # -- where lines go ---------------------------------------------------------------------
    def sink(self) -> list[Item]:
        """The list the lines of the current state go to."""
        found = self.found
        if self.state is State.cover:
            return found.cover
        if self.state is State.foreword:
            return found.foreword
        if self.state in _DROPPED:
            return self.dropped
        if self.state is State.group_roles and found.group_roles is not None:
            return found.group_roles.items
        if self.state is State.duties and found.duties is not None:
            return found.duties.items
        if self.state is State.references:
            return found.references
        if self.state is State.section and found.sections:
            return found.sections[-1].items
        if self.state is State.process and self.process and self.process.sections:
            return self.process.sections[-1].items
        return found.loose[-1] if found.loose else self._bucket()

    def _bucket(self) -> list[Item]:
        """A new list for lines that belong to no part."""
        self.found.loose.append([])
        return self.found.loose[-1]

    @property
    def in_process(self) -> bool:
        return self.state in (State.process, State.process_legend) and self.process is not None

    # -- tables -------------------------------------------------------------------------------
    def _grid(self, grid: Grid) -> None:
        previous = self.previous_grid
        if previous is not None and _width(previous) == _width(grid):
            previous.rows.extend(grid.rows)  # the same table after a page break
            return
        self.previous_grid = grid
        kind = grid_kind(grid)
        if kind is GridKind.standard:
            title = self.standard_title or _last_text(self.sink()) or ""
            self.found.standards.append((title, grid))
            self.standard_title = None
            self.state = State.after_standard
            self._bucket()
        elif kind is GridKind.summary and self.process is not None:
            self.process.summary_grids.append(grid)
        elif kind is not GridKind.legend:
            self.sink().append(grid)

    # -- lines --------------------------------------------------------------------------------
    def _line(self, line: Line) -> State:
        section = section_of(line)
        if section and section[0] is SectionField.name and line.label and \
                line.label.numbers == (1,):
            self._start_process()
        elif section is None and (section := unnumbered_section_of(
                line, self.state is State.pre_process, _met(self))) is not None:
            if section[0] is SectionField.name:
                self._start_process()
            self.found.notes.append(_unnumbered_note(line, len(self.found.processes)))
        if self.in_process and section:
            assert self.process is not None
            self.process.sections.append(RawSection(section[0], section[1], line))
            return State.process
        part = part_of(line)
        if part is PartKind.standard and self.state is State.cover and _names_a_group(line):
            self.found.cover.append(line)  # "มาตรฐานการปฏิบัติงาน กลุ่ม…": the cover's title
            return State.cover
        if part is None or (self.in_process and part is PartKind.foreword):
            return self._plain(line)
        return self.handlers[part](line)

    def _plain(self, line: Line) -> State:
        if line.heading and not line.label and line.text and self.state not in _NO_SECTIONS:
            self.found.sections.append(SectionMaterial(line.text))
            return State.section
        self.sink().append(line)
        return self.state

    def _start_process(self) -> None:
        """A process starts: its title is the heading lines just before "1. ชื่องาน"."""
        title = self._take_title(self.sink())
        self.process = ProcessMaterial(self.pending_label, title)
        self.pending_label = None
        self.found.processes.append(self.process)
        self.state = State.process

    def _take_title(self, lines: list[Item]) -> list[str]:
        """The heading lines at the end of ``lines``, removed from it; a plain last line
        when no heading line is there (noted as a guess); none on the cover (a process
        that opens right after the cover has the cover's title)."""
        taken: list[str] = []
        if self.state is State.cover:  # the cover's own lines: name, position, office …
            return taken
        while lines:
            last = lines[-1]
            if not (isinstance(last, Line) and last.text and (
                    last.heading or self.state is State.pre_process)):
                break
            taken.insert(0, last.text)
            lines.pop()
        end = lines[-1] if lines else None
        if not taken and isinstance(end, Line) and end.text and end.label is None and \
                len(end.text) < 120:
            lines.pop()
            self.found.notes.append(Note(("processes", len(self.found.processes)),
                                         "ใช้บรรทัดก่อน \"1. ชื่องาน\" เป็นชื่อเรื่อง: "
                                         f"\"{end.text[:40]}\" (เดาเอา)"))
            return [end.text]
        return taken

    # -- the parts' handlers: each returns the state that follows -----------------------------
    def _group_roles(self, line: Line) -> State:
        self.found.group_roles = ListMaterial(line.text)
        return State.group_roles

    def _duties(self, line: Line) -> State:
        self.found.duties = ListMaterial(line.text)
        return State.duties

    def _standard(self, line: Line) -> State:
        rest = strip_word(line.text, "มาตรฐานการปฏิบัติงาน")
        if rest.startswith("เรื่อง"):
            self.standard_title = strip_word(rest, "เรื่อง")
        self._bucket()
        return State.standard

    def _standard_title(self, line: Line) -> State:
        text = line.text.strip()
        self.standard_title = text if text.startswith("มาตรฐานที่") else strip_word(text, "เรื่อง")
        return self.state

    def _process_label(self, line: Line) -> State:
        self.pending_label = line.text
        self.process = None
        self._bucket()
        return State.pre_process

    def _references(self, line: Line) -> State:
        rest = line.text.split(":", 1)[1].strip() if ":" in line.text else ""
        for piece in split_items(rest) if rest else ():
            label, body = parse_label(piece)
            self.found.references.append(Line(piece, body, label))
        return State.references

    def _legend(self, line: Line) -> State:
        return State.process_legend if self.in_process else State.legend


def _met(recogniser: Recogniser) -> list[SectionField] | None:
    """The sections met so far in the process the recogniser is in; None outside one."""
    process = recogniser.process
    return [s.kind for s in process.sections] if recogniser.in_process and process else None


def _unnumbered_note(line: Line, process: int) -> Note:
    """The note on a section heading read without its number, at its process."""
    return Note(("processes", process), f"อ่าน \"{line.text[:40]}\" เป็นหัวข้อของกระบวนการ "
                                        "ทั้งที่ไม่มีเลขข้อ (เลขข้ออาจหายไปเมื่ออ่านภาพสแกน) "
                                        "ตรวจว่าถูกต้อง")


def _names_a_group(line: Line) -> bool:
    """True for "มาตรฐานการปฏิบัติงาน กลุ่มนโยบายและแผน": the words and a group's name, a
    cover's title rather than a standard's heading."""
    return strip_word(line.text, "มาตรฐานการปฏิบัติงาน").startswith("กลุ่ม")


def _width(grid: Grid) -> int:
    return max((len(row) for row in grid.rows), default=0)


def _last_text(items: list[Item]) -> str | None:
    lines = [ln for ln in items if isinstance(ln, Line) and ln.text]
    return lines[-1].text if lines else None


def _vote(found: Collected, item: Item) -> None:
    """Count the office's digits (Thai or Arabic, web addresses aside) and take the first
    fiscal year ``item`` names."""
    texts = [item.text] if isinstance(item, Line) else [c for r in item.texts() for c in r]
    for text in texts:
        if re.search(r"https?://|www\.|@", text):
            continue
        found.thai_digits += len(re.findall("[๐-๙]", text))
        found.arabic_digits += len(re.findall("[0-9]", text))
        match = re.search(r"ปีงบประมาณ\s*(?:พ\.ศ\.)?\s*([0-9๐-๙]{4})", text)
        if match and found.fiscal_year is None and \
                2500 <= int(arabic_digits(match.group(1))) <= 2700:
            found.fiscal_year = int(arabic_digits(match.group(1)))
