"""Changes to the content an imported manual was built from, collected while lining up and
applied at the end: text first (every path is still the built content's), then elements
removed, moved and inserted, from the end of each list back, so that every position stays
the one it was found at."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from khumue.content.fieldpath import Loc, field_path
from khumue.content.model import Digits
from khumue.importer.read.notes import Note, NoteKind
from khumue.importer.read.own.content import (
    UNPLACED_TITLE,
    content_digits,
    locate,
    put_text,
    short,
    sort_key,
)

_REMOVE, _INSERT = 1, 0
# Fields of blocks (text, or a list of paragraphs and lists) a paragraph can be added to.
_BLOCK_FIELDS = frozenset({"activity", "standard", "text", "objectives", "scope", "expected",
                           "forms", "references"})


@dataclass(frozen=True)
class _Structural:
    path: Loc  # the position, in the built content's terms
    order: int
    seq: int
    action: Callable[[], None]


class ContentChanges:
    """Edits to ``data`` (a staff member's content as plain data, changed in place) and the
    notes that say what changed."""

    def __init__(self, data: dict[str, Any], digits: Digits):
        self.data = data
        self.digits = digits
        self.notes: list[Note] = []
        self.unplaced: list[str] = []
        self._texts: list[tuple[Loc, str, str]] = []
        self._structural: list[_Structural] = []
        self._moves: list[tuple[Loc, Loc, int, str]] = []
        self.removed: set[Loc] = set()

    def set_text(self, path: Loc, new: str, old: str) -> None:
        """Put ``new`` (as printed) where ``path`` points (a string field, or the text of a
        paragraph, list item, step or definition) when the changes are applied."""
        self._texts.append((path, new, old))

    def value(self, path: Loc) -> Any:
        """The value at ``path`` as built (a copy, before any change is applied)."""
        return copy.deepcopy(locate(copy.deepcopy(self.data), path)[2])

    def remove(self, path: Loc, what: str) -> None:
        """Remove the list element (or the part) at ``path`` (``what``: its text, for the
        note)."""
        if self._remove(path):
            self.notes.append(Note(path[:-1], f"ลบใน Word: \"{short(what)}\"", NoteKind.edit))

    def _remove(self, path: Loc) -> bool:
        if path in self.removed:
            return False
        self.removed.add(path)

        def remove() -> None:
            parent, key, _ = locate(self.data, path)
            if isinstance(parent, list) and isinstance(key, int) and key < len(parent):
                del parent[key]
            elif isinstance(parent, dict) and key in parent:
                del parent[key]
        self._add(path, _REMOVE, remove)
        return True

    def insert(self, list_path: Loc, index: int, element: Any, what: str,
               note: str = "เพิ่มใน Word") -> None:
        """Insert ``element`` at ``index`` of the list at ``list_path`` (made when absent)."""
        def insert() -> None:
            parent, key, value = locate(self.data, list_path)
            if value is None and parent is not None:
                parent[key] = value = []
            if isinstance(value, list):
                value.insert(min(index, len(value)), element)
        self._add((*list_path, index), _INSERT, insert)
        self.notes.append(Note(list_path, f"{note}: \"{short(what)}\"", NoteKind.edit))

    def one_paragraph(self, path: Loc) -> bool:
        """True when ``path`` is a field of blocks written as one paragraph's text (a cell's
        ``activity: …``), which a second paragraph turns into a list."""
        parent, key, value = locate(self.data, path)
        return isinstance(parent, dict) and isinstance(key, str) and isinstance(value, str) \
            and key in _BLOCK_FIELDS

    def extend_field(self, path: Loc, text: str, what: str) -> None:
        """The field at ``path`` (one paragraph) gets ``text`` as a second paragraph after
        its own (a paragraph split by Enter)."""
        def extend() -> None:
            parent, key, value = locate(self.data, path)
            if parent is not None and isinstance(value, str):
                parent[key] = [value, text]
            elif parent is not None and isinstance(value, list):
                value.append(text)
        self._add((*path, 0), _INSERT, extend)
        self.notes.append(Note(path, f"แยกย่อหน้าใน Word: \"{short(what)}\"", NoteKind.edit))

    def merge_up(self, row_path: Loc, column: str) -> None:
        """The row at ``row_path`` has its ``column`` cell merged into the one above: it says
        so (``merged``), and its own content there is gone (it moved up with the merge)."""
        def merge() -> None:
            _, _, row = locate(self.data, row_path)
            if isinstance(row, dict):
                row["merged"] = sorted({*row.get("merged", []), column})
                row.pop(column, None)
        self._add((*row_path, column), _REMOVE, merge)
        self.notes.append(Note(row_path, f"รวมเซลล์กับแถวบนใน Word ({column})", NoteKind.edit))

    def move(self, source: Loc, list_path: Loc, index: int, what: str) -> None:
        """Move the element at ``source`` (with all its fields, as edited) to ``index`` of
        the list at ``list_path``."""
        self._moves.append((source, list_path, index, what))

    def unplace(self, text: str, why: str) -> None:
        """Keep ``text`` in the free-form section of text that could not be placed."""
        self.unplaced.append(text)
        self.notes.append(Note(("sections",), f"{why}: เก็บ \"{short(text)}\" ไว้ในส่วน "
                                              f"\"{UNPLACED_TITLE}\""))

    def _add(self, path: Loc, order: int, action: Callable[[], None]) -> None:
        self._structural.append(_Structural(path, order, len(self._structural), action))

    def apply(self) -> None:
        """Apply every change collected (see the module's text)."""
        for path, new, old in self._texts:
            self._put(path, new, old)
        for source, list_path, index, what in self._moves:
            element = copy.deepcopy(locate(self.data, source)[2])
            if self._remove(source):
                self.insert(list_path, index, element, what, "ย้ายใน Word")
        for change in sorted(self._structural, key=lambda c: (sort_key(c.path), c.order,
                                                                c.seq), reverse=True):
            change.action()
        for key in {str(path[0]) for path in self.removed if len(path) == 2}:
            if self.data.get(key) == []:  # every part of the list deleted: the list goes
                del self.data[key]
        if self.unplaced:
            sections = self.data.setdefault("sections", [])
            sections.append({"title": UNPLACED_TITLE, "text": list(self.unplaced)})

    def _put(self, path: Loc, new: str, old: str) -> None:
        parent, key, value = locate(self.data, path)
        new = content_digits(new, old, self.digits)
        where = field_path(path)
        if parent is None:
            self.unplace(new, f"หาตำแหน่ง {where} ในเนื้อหาไม่พบ")
            return
        why = put_text(parent, key, value, new)
        if why:
            self.unplace(new, f"{where}: {why}")
            return
        self.notes.append(Note(path, f"แก้ไขใน Word: \"{short(old)}\" เป็น \"{short(new)}\"",
                               NoteKind.edit))
