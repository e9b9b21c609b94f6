"""What a reviewer added to one of our manuals in Word, put where it belongs: whole parts
pasted in (:mod:`.parts`), paragraphs beside the unit before them in the list whose labels
look like their own (:mod:`.placing`), table rows in their table; and, for units that came
from elsewhere in the document, moved there with all their fields."""

from __future__ import annotations

from dataclasses import dataclass

from khumue.content.fieldpath import Loc
from khumue.importer.read.own.changes import ContentChanges
from khumue.importer.read.own.content import content_digits, row_element
from khumue.importer.read.own.foreword import GeneratedForeword
from khumue.importer.read.own.parts import opens_part, pasted_parts
from khumue.importer.read.own.placing import element_like, target_of
from khumue.importer.read.units import Unit


@dataclass
class Added:
    """A unit only in the document: the expected unit before it, the table it is a row of
    (its content path), where it stood (``seq``), and the stretch of added top-level units
    it belongs to."""

    previous: Unit | None
    unit: Unit
    container: Loc | None
    stretch: int
    parts_before: dict[str, int]


class Additions:
    """Places added units into ``changes``; ``labels`` are the built units' labels by
    content path."""

    def __init__(self, changes: ContentChanges, foreword: GeneratedForeword,
                 labels: dict[Loc, str | None]):
        self.changes = changes
        self.foreword = foreword
        self.labels = labels

    def place(self, added: list[Added], moves: dict[int, Loc]) -> None:
        """Every added unit, pasted parts first; ``moves`` gives the content path of units
        that were moved here (by the unit's id)."""
        taken = self.pasted(added)
        for one in added:
            if id(one.unit) not in taken:
                self._add(one, moves.get(id(one.unit)))

    def pasted(self, added: list[Added]) -> set[int]:
        """Whole parts pasted in: stretches of added top-level units from a heading, a table
        or a part's label line on.  Returns the ids of the units they took."""
        taken: set[int] = set()
        stretches: dict[int, list[Added]] = {}
        for one in added:
            if one.container is None:
                stretches.setdefault(one.stretch, []).append(one)
        for group in stretches.values():
            start = next((i for i, a in enumerate(group) if opens_part(a.unit)), None)
            if start is None:
                continue
            parts, loose = pasted_parts([a.unit for a in group[start:]])
            if not parts:
                continue
            before = group[start].parts_before
            for part in parts:  # all at one place of the built list, in the order pasted
                index = before.get(part.list_name, -1) + 1
                self.changes.insert((part.list_name,), index, part.content, part.title,
                                    "เพิ่มทั้งส่วนใน Word")
            for text in loose:
                self.changes.unplace(text, "ข้อความที่วางมาพร้อมส่วนที่เพิ่ม")
            taken |= {id(a.unit) for a in group[start:]}
        return taken

    def _add(self, added: Added, source: Loc | None) -> None:
        previous, unit = added.previous, added.unit
        if GeneratedForeword.holds(previous, heading=True):
            if source is None:
                self.foreword.added(unit)
            return
        if unit.kind == "row":
            self._add_row(added, source)
        elif unit.kind == "table":
            for row in unit.children[0]:
                self.changes.unplace(" ".join(u.text for c in row.children for u in c),
                                     "ตารางที่เพิ่มใน Word")
        else:
            self._add_paragraph(added, source)

    def _add_paragraph(self, added: Added, source: Loc | None) -> None:
        previous, unit = added.previous, added.unit
        target = target_of(self.changes.data, previous.origin.path, unit.label, self.labels) \
            if previous is not None and previous.origin is not None else None
        if target is None and source is None and previous is not None and \
                previous.origin is not None and self.changes.one_paragraph(previous.origin.path):
            # after a field of one paragraph (a cell's activity): its second paragraph
            self.changes.extend_field(previous.origin.path, self._typed(unit.text), unit.text)
            return
        if target is None:
            if source is None:  # (a unit moved where it cannot go stays where it was)
                self.changes.unplace(unit.text, "ย่อหน้าที่เพิ่มใน Word ไม่อยู่ถัดจากรายการหรือ"
                                                "ย่อหน้าใด")
            return
        list_path, index, template = target
        if source is not None:
            self.changes.move(source, list_path, index, unit.text)
            return
        element, why = element_like(template, unit.text)
        if element is None:
            self.changes.unplace(unit.text, why)
            return
        if "text" in element:
            element["text"] = self._typed(unit.text)
        self.changes.insert(list_path, index, element, unit.text)

    def _add_row(self, added: Added, source: Loc | None) -> None:
        previous, unit, container = added.previous, added.unit, added.container
        texts = " ".join(u.text for cell in unit.children for u in cell)
        if container is None:
            self.changes.unplace(texts, "แถวที่เพิ่มในตารางที่โปรแกรมสร้างเอง")
            return
        rows_path: Loc
        if previous is not None and previous.origin is not None and \
                isinstance(previous.origin.path[-1], int):
            rows_path, index = previous.origin.path[:-1], previous.origin.path[-1] + 1
        else:
            rows_path, index = container, 0
        if rows_path and rows_path[-1] == "summary":
            rows_path = (*rows_path, "rows")
        if source is not None:
            if source[:-1] == rows_path:
                self.changes.move(source, rows_path, index, texts)
            return
        element, why = row_element(rows_path, unit, self.changes.digits)
        if element is None:
            self.changes.unplace(texts, why)
            return
        self.changes.insert(rows_path, index, element, texts, "เพิ่มแถวใน Word")

    def _typed(self, text: str) -> str:
        return content_digits(text, "", self.changes.digits)
