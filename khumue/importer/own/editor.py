"""Applying a reviewer's edits to the content an imported manual was built from: the
typeset tree's units and the document's, lined up, say what was edited, deleted and added
(:mod:`khumue.importer.own`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from khumue.alignment import align
from khumue.doctree import Part
from khumue.fieldpath import Loc, field_path
from khumue.importer.notes import Note
from khumue.importer.own.content import (
    UNPLACED_TITLE,
    content_digits,
    locate,
    put_text,
    row_element,
    short,
    sibling_of,
    sort_key,
    strip_label,
)
from khumue.importer.own.foreword import GeneratedForeword
from khumue.importer.units import Unit, squeeze
from khumue.model import Digits


class Editor:
    """Collects the edits, deletions and insertions found by lining units up, then applies
    them to the content (edits first, then deletions and insertions from the end, so that
    list positions stay right)."""

    def __init__(self, content: dict[str, Any], digits: Digits):
        self.content = content
        self.digits = digits
        self.notes: list[Note] = []
        self.structural: list[tuple[Loc, int, Callable[[], None]]] = []
        self.unplaced: list[str] = []
        self.foreword = GeneratedForeword(digits)

    # -- lining up -----------------------------------------------------------------------
    def align(self, expected: list[Unit], actual: list[Unit],
              container: Loc | None = None) -> None:
        previous: Unit | None = None  # the last expected unit found in the document
        for tag, e, a in align(expected, actual, lambda u: u.key, by_position=True):
            if e is not None and a is not None:
                (self.same if tag == "same" else self.changed)(e, a)
                previous = e
            elif e is not None:
                self.deleted(e)
            elif a is not None:
                self.inserted(previous, a, container)

    def same(self, e: Unit, a: Unit) -> None:
        if GeneratedForeword.holds(e):
            self.foreword.seen(e, a)
        if e.kind == "table":
            self.align(e.children[0], a.children[0], e.origin.path if e.origin else None)

    def changed(self, e: Unit, a: Unit) -> None:
        if GeneratedForeword.holds(e):
            self.foreword.seen(e, a)
        if e.kind == "table":
            self.align(e.children[0], a.children[0], e.origin.path if e.origin else None)
        elif e.kind == "row":
            for old_cell, new_cell in zip(e.children, a.children, strict=False):
                self.align(old_cell, new_cell, e.origin.path if e.origin else None)
        else:
            self.edit(e, a)

    # -- edits -----------------------------------------------------------------------------
    def edit(self, e: Unit, a: Unit) -> None:
        if e.origin is None:
            return
        new = a.text
        if e.kind == "heading" and e.label:
            new = strip_label(new, e.label)
        if e.prefix and squeeze(new).startswith(squeeze(e.prefix)):
            new = strip_label(new, e.prefix)
        if squeeze(new) == squeeze(e.text):
            return
        if e.origin.part is Part.foreword and not e.origin.path:
            return  # generated foreword text: handled as a whole by _foreword
        path = e.origin.path
        if not path:
            self.note_unplaced(new, f"แก้ข้อความที่โปรแกรมสร้างเอง \"{e.text[:40]}\" "
                                    "ซึ่งไม่ได้มาจากเนื้อหา")
            return
        self.set_text(path, new, e.text)

    def set_text(self, path: Loc, new: str, old: str) -> None:
        """Put ``new`` where ``path`` points: a string field, or the text of a paragraph,
        list item, step or definition."""
        parent, key, value = locate(self.content, path)
        new = content_digits(new, old, self.digits)
        where = field_path(path)
        if parent is None:
            self.note_unplaced(new, f"หาตำแหน่ง {where} ในเนื้อหาไม่พบ")
            return
        why = put_text(parent, key, value, new)
        if why:
            self.note_unplaced(new, f"{where}: {why}")
            return
        self.notes.append(Note(path, f"แก้ไขใน Word: \"{short(old)}\" เป็น \"{short(new)}\""))

    def deleted(self, e: Unit) -> None:
        if e.kind == "table" or e.origin is None or not e.origin.path:
            if GeneratedForeword.holds(e):
                self.foreword.deleted()
            return
        path = e.origin.path
        if e.kind == "row" and not isinstance(path[-1], int):
            return
        if not isinstance(path[-1], int):
            self.notes.append(Note(path, f"ข้อความ \"{short(e.text)}\" ถูกลบใน Word แต่เป็นหัวข้อ"
                                         "ที่ต้องมี จึงคงไว้"))
            return

        def remove() -> None:
            parent, key, _ = locate(self.content, path)
            if isinstance(parent, list) and isinstance(key, int) and key < len(parent):
                del parent[key]
        self.structural.append((path, 0, remove))
        self.notes.append(Note(path[:-1], f"ลบใน Word: \"{short(e.text)}\""))

    def inserted(self, previous: Unit | None, a: Unit, container: Loc | None) -> None:
        if GeneratedForeword.holds(previous, heading=True):
            self.foreword.added(a)
            return
        if a.kind == "row":
            self.inserted_row(previous, a, container)
            return
        if a.kind == "table":
            for row in a.children[0]:
                self.unplaced.append(" ".join(u.text for cell in row.children for u in cell))
            self.notes.append(Note(("sections",), "ตารางที่เพิ่มใน Word ถูกเก็บเป็นข้อความในส่วนท้าย"))
            return
        target = self._sibling(previous)
        if target is None:
            self.note_unplaced(a.text, "ย่อหน้าที่เพิ่มใน Word ไม่อยู่ถัดจากรายการหรือย่อหน้าใด")
            return
        list_path, index, template = target
        text = content_digits(a.text, "", self.digits)
        element: Any = dict(template) if isinstance(template, dict) else text
        if isinstance(element, dict):
            if "term" in element:
                term, sep, meaning = text.partition("หมายถึง")
                if not sep:
                    self.note_unplaced(text, "คำจำกัดความที่เพิ่มต้องมีคำว่า \"หมายถึง\"")
                    return
                element = {"term": term.strip(), "meaning": meaning.strip()}
            else:
                element = {"text": text}
        self._insert(list_path, index, element)
        self.notes.append(Note(list_path, f"เพิ่มใน Word: \"{short(text)}\""))

    def inserted_row(self, previous: Unit | None, a: Unit, container: Loc | None) -> None:
        texts = [" ".join(u.text for u in cell) for cell in a.children]
        if container is None:
            self.note_unplaced(" ".join(texts), "แถวที่เพิ่มในตารางที่โปรแกรมสร้างเอง")
            return
        rows_path: Loc
        if previous is not None and previous.origin is not None and \
                isinstance(previous.origin.path[-1], int):
            rows_path, index = previous.origin.path[:-1], previous.origin.path[-1] + 1
        else:
            rows_path, index = container, 0
        if rows_path and rows_path[-1] == "summary":
            rows_path = (*rows_path, "rows")
        element, why = row_element(rows_path, a, self.digits)
        if element is None:
            self.note_unplaced(" ".join(texts), why)
            return
        self._insert(rows_path, index, element)
        self.notes.append(Note(rows_path, f"เพิ่มแถวใน Word: \"{short(' '.join(texts))}\""))

    def _sibling(self, previous: Unit | None) -> tuple[Loc, int, Any] | None:
        if previous is None or previous.origin is None:
            return None
        return sibling_of(self.content, previous.origin.path)

    def _insert(self, list_path: Loc, index: int, element: Any) -> None:
        def insert() -> None:
            parent, key, value = locate(self.content, list_path)
            if value is None and parent is not None:
                parent[key] = value = []
            if isinstance(value, list):
                value.insert(min(index, len(value)), element)
        self.structural.append(((*list_path, index), 1, insert))

    # -- finishing --------------------------------------------------------------------------
    def note_unplaced(self, text: str, why: str) -> None:
        self.unplaced.append(text)
        self.notes.append(Note(("sections",), f"{why}: เก็บ \"{short(text)}\" ไว้ในส่วน "
                                              f"\"{UNPLACED_TITLE}\""))

    def finish(self) -> None:
        self.foreword.apply(self.content, self.notes)
        for _, _, action in sorted(self.structural, key=lambda s: (sort_key(s[0]), s[1]),
                                   reverse=True):
            action()
        if self.unplaced:
            sections = self.content.setdefault("sections", [])
            sections.append({"title": UNPLACED_TITLE, "text": list(self.unplaced)})
