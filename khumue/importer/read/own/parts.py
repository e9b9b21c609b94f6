"""Whole parts a reviewer pasted into one of our manuals (a work standard with its label,
heading and table; a process with its sections; a free-form section): recognised as a
hand-typed manual's parts are (:mod:`khumue.importer.read.handtyped`), into content."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from khumue.importer.read.handtyped.assemble import section_of
from khumue.importer.read.handtyped.parts import part_of
from khumue.importer.read.handtyped.processes import read_process
from khumue.importer.read.handtyped.recogniser import Recogniser, State
from khumue.importer.read.handtyped.standards import read_standard
from khumue.importer.read.lines import Line, lines_of_blocks
from khumue.importer.read.result import content_data
from khumue.importer.read.units import Unit
from khumue.wordml.reader import ReadPara, ReadTable

PART_LISTS = ("sections", "work_standards", "processes")  # in the order a manual prints them


@dataclass(frozen=True)
class PastedPart:
    """A part read from pasted paragraphs: the list it goes in and its content."""

    list_name: str
    content: dict[str, Any]
    title: str


def opens_part(unit: Unit) -> bool:
    """True for a unit a pasted part can begin with: a heading, a table, a label line
    ("มาตรฐานการปฏิบัติงาน", "คู่มือขั้นตอนการดำเนินงาน")."""
    node = unit.node
    if isinstance(node, ReadTable) or unit.kind == "heading":
        return True
    return isinstance(node, ReadPara) and part_of(Line(node.text, node.text)) is not None


def pasted_parts(units: Sequence[Unit]) -> tuple[list[PastedPart], list[str]]:
    """The parts the pasted ``units`` hold, and the texts that belong to none of them.
    Nothing is a part when no standard, process or section is recognised."""
    blocks = [u.node for u in units if isinstance(u.node, ReadPara | ReadTable)]
    found = Recogniser(lines_of_blocks(blocks), State.body).run()
    parts = [PastedPart("work_standards", content_data(read_standard(i, t, g).standard,
                                                       defaults=True), t)
             for i, (t, g) in enumerate(found.standards)]
    parts += [PastedPart("processes", content_data(read_process(i, m).process, defaults=True),
                         " ".join(m.title_lines)) for i, m in enumerate(found.processes)]
    parts += [PastedPart("sections", content_data(section_of(s), defaults=True), s.title)
              for s in found.sections]
    loose = [it.text for bucket in found.loose for it in bucket
             if isinstance(it, Line) and it.text]
    return parts, loose if parts else []
