"""Lining up the units of the manual as built (the typeset tree's) with the document's, and
turning what differs into changes to the content (:mod:`.changes`):

- a unit whose text differs is an edit of the content field it came from;
- a unit gone from the document is a deletion; when the heading and most of a work
  standard, process or section are gone, the whole part is;
- a unit only in the document is a paragraph, list item, step or row the reviewer added,
  placed beside the unit before it in the list whose labels look like its own
  (:mod:`.placing`); added paragraphs that begin with a heading, a table or a part's label
  line are read as whole parts pasted in (:mod:`.parts`);
- a unit gone from one place and the same text added in another is a move: the element goes
  with all its fields (a step's time, standard, notes and sub-steps).
"""

from __future__ import annotations

from collections import Counter

from khumue.content.fieldpath import Loc
from khumue.importer.read.notes import Note
from khumue.importer.read.own.additions import Added, Additions
from khumue.importer.read.own.cells import merged_cell, split_paragraph, splits
from khumue.importer.read.own.changes import ContentChanges
from khumue.importer.read.own.content import short, strip_label
from khumue.importer.read.own.foreword import GeneratedForeword
from khumue.importer.read.units import Unit, is_number, squeeze
from khumue.typeset.alignment import align
from khumue.typeset.doctree import Part

WHOLE_SHARE = 0.8  # a part is deleted whole when its heading and this share of it are gone
_WHOLE_PARTS = ("work_standards", "processes", "sections")
_DICT_PARTS = ("duties", "group_roles")


def part_of_path(path: Loc) -> Loc | None:
    """The part a content path is inside: ``("work_standards", 2)``, ``("duties",)``; None
    for paths outside any part."""
    if len(path) >= 2 and path[0] in _WHOLE_PARTS and isinstance(path[1], int):
        return path[:2]
    if path and path[0] in _DICT_PARTS:
        return path[:1]
    return None


def _context_keys(expected: list[Unit], actual: list[Unit]) -> dict[int, str]:
    """Keys for the paragraphs whose text recurs on either side (a part's label line,
    "มาตรฐานการปฏิบัติงาน", over every work standard; a part pasted twice): with the key of
    the unit after them, on both sides alike, so that the label of a part pasted in is not
    taken for the next part's (by id)."""
    recurring: set[str] = set()
    for units in (expected, actual):
        counts = Counter(u.key for u in units if u.kind == "para")
        recurring |= {key for key, count in counts.items() if count > 1}
    return {id(u): f"{u.key}\x00{units[i + 1].key}" for units in (expected, actual)
            for i, u in enumerate(units[:-1]) if u.kind == "para" and u.key in recurring}


class Editor:
    """Collects what lining up finds (:meth:`align`), then turns it into changes
    (:meth:`finish`)."""

    def __init__(self, changes: ContentChanges, foreword: GeneratedForeword):
        self.changes = changes
        self.foreword = foreword
        self.labels: dict[Loc, str | None] = {}  # expected units' labels by content path
        self.found: set[Loc] = set()  # content paths of units the document still has
        self.pairs: list[tuple[Unit, Unit]] = []  # (expected, actual) found
        self.deleted: list[Unit] = []
        self.added: list[Added] = []
        self.totals: Counter[Loc] = Counter()
        self.gone: Counter[Loc] = Counter()
        self.parts_seen: dict[str, int] = {}
        self.stretch = 0

    # -- lining up ----------------------------------------------------------------------------
    def align(self, expected: list[Unit], actual: list[Unit], container: Loc | None = None) -> None:
        previous: Unit | None = None  # the last expected unit found in the document
        keys = _context_keys(expected, actual)
        ops = splits(align(expected, actual, lambda u: keys.get(id(u), u.key),
                            by_position=True))
        for tag, e, a, second in ops:
            if second is not None and e is not None and a is not None:  # split by Enter
                self._count(e, gone=False, top=container is None)
                self.stretch += 1
                self._split(e, a, second)
                previous = e
                continue
            if e is not None:
                self._count(e, gone=a is None, top=container is None)
            if e is not None and a is not None:
                self.stretch += 1
                self._found(e, a, tag == "same" or e.key == a.key)
                previous = e
            elif e is not None:
                self.stretch += 1
                self._deleted(e)
            elif a is not None:
                self.added.append(Added(previous, a, container, self.stretch,
                                         dict(self.parts_seen)))

    def _count(self, e: Unit, gone: bool, top: bool) -> None:
        """Count ``e`` for its part (a table by its rows, which are counted one by one when
        the table is found), and note the part as met."""
        part = part_of_path(e.origin.path if e.origin else ())
        if part is None:
            return
        if top and part[0] in _WHOLE_PARTS and isinstance(part[1], int):
            name = str(part[0])
            self.parts_seen[name] = max(self.parts_seen.get(name, -1), part[1])
        if e.kind == "table" and not gone:
            return
        size = len(e.children[0]) if e.kind == "table" else 1
        self.totals[part] += size
        if gone:
            self.gone[part] += size

    def _found(self, e: Unit, a: Unit, same: bool) -> None:
        if e.origin is not None and e.origin.path:
            self.found.add(e.origin.path)
            self.labels.setdefault(e.origin.path, e.label)
        self.pairs.append((e, a))
        if GeneratedForeword.holds(e):
            self.foreword.seen(e, a)
        container = e.origin.path if e.origin else None
        if e.kind == "table":
            self.align(e.children[0], a.children[0], container)
        elif e.kind == "row":
            for c, (old_cell, new_cell) in enumerate(zip(e.children, a.children, strict=False)):
                if not merged_cell(self.changes, e, a, c):
                    self.align(old_cell, new_cell, container)
        elif not same:
            self._edit(e, a)

    def _split(self, e: Unit, first: Unit, second: Unit) -> None:
        """Enter pressed inside ``e``: its first half is its text (:mod:`.cells`)."""
        self._found(e, first, same=False)
        split_paragraph(self.changes, e, second)

    def _deleted(self, e: Unit) -> None:
        if e.origin is not None and e.origin.path:
            self.labels.setdefault(e.origin.path, e.label)
        self.deleted.append(e)

    def _edit(self, e: Unit, a: Unit) -> None:
        if e.origin is None:
            return
        new = a.text
        if e.kind == "heading" and e.label:
            new = strip_label(new, e.label)
        if e.prefix and squeeze(new).startswith(squeeze(e.prefix)):
            new = strip_label(new, e.prefix)
        if squeeze(new) == squeeze(e.text) or GeneratedForeword.holds(e):
            return  # the generated foreword is handled as a whole
        if is_number(squeeze(e.text)) and is_number(squeeze(new)):
            return  # a row number retyped (after a row deleted above it): layout, not an edit
        if not e.origin.path:
            if e.origin.part is not Part.foreword:
                self.changes.notes.append(Note((), f"แก้ข้อความที่โปรแกรมสร้างเอง \"{short(e.text)}"
                                                   f"\" เป็น \"{short(new)}\": ไม่ได้นำมาใช้"))
            return
        self.changes.set_text(e.origin.path, new, e.text)

    # -- what it comes to -----------------------------------------------------------------------
    def finish(self) -> None:
        """Turn deletions, moves and additions into changes."""
        whole = self._whole_parts()
        moves = self._moves(whole)
        for e in self.deleted:
            if id(e) not in moves:
                self._delete(e, whole)
        Additions(self.changes, self.foreword, self.labels).place(self.added, moves)

    def _whole_parts(self) -> set[Loc]:
        """The parts deleted whole: their heading gone and most of them with it."""
        headings = {part_of_path(e.origin.path) for e in self.deleted
                    if e.kind == "heading" and e.origin is not None}
        whole = {part for part in headings if part is not None and
                 self.gone[part] >= WHOLE_SHARE * self.totals[part]}
        for part in whole:
            self.changes.remove(part, self._title(part))
        return whole

    def _title(self, part: Loc) -> str:
        for e in self.deleted:
            if e.kind == "heading" and e.origin and part_of_path(e.origin.path) == part:
                return e.text
        return str(part)

    def _moves(self, whole: set[Loc]) -> dict[int, Loc]:
        """Deleted units added again elsewhere, by both units' ids → the element's path."""
        by_key: dict[tuple[str, str], list[Unit]] = {}
        for e in self.deleted:
            path = e.origin.path if e.origin else ()
            if e.key and path and isinstance(path[-1], int) and not _inside(path, whole):
                by_key.setdefault((e.kind, e.key), []).append(e)
        moves: dict[int, Loc] = {}
        for added in self.added:
            waiting = by_key.get((added.unit.kind, added.unit.key))
            if waiting:
                e = waiting.pop(0)
                assert e.origin is not None
                moves[id(e)] = moves[id(added.unit)] = e.origin.path
        return moves

    def _delete(self, e: Unit, whole: set[Loc]) -> None:
        if GeneratedForeword.holds(e):
            self.foreword.deleted()
            return
        if e.origin is None or not e.origin.path or e.kind == "table" or \
                _inside(e.origin.path, whole):
            return
        path = e.origin.path
        if part_of_path(path) == path and path[0] in _WHOLE_PARTS:
            return  # a part's label line: the part goes only when its heading goes with it
        if not isinstance(path[-1], int):
            if e.kind != "row":
                self.changes.notes.append(Note(path, f"ข้อความ \"{short(e.text)}\" ถูกลบใน Word "
                                                     "แต่เป็นหัวข้อที่ต้องมี จึงคงไว้"))
            return
        if path in self.found:  # a summary-form row gone, its step still in section 5
            self.changes.notes.append(Note(path, "แถวในแบบฟอร์มสรุปถูกลบใน Word แต่ขั้นตอนยังอยู่ "
                                                 "จึงคงไว้"))
            return
        self.changes.remove(path, e.text)

def _inside(path: Loc, parts: set[Loc]) -> bool:
    return any(path[:len(p)] == p for p in parts)
