"""Importing a manual this program built, possibly edited in Word: lossless.

The DOCX carries the content it was built from (:mod:`khumue.wordml.embed`).  That content
is composed again into the typeset tree the file was written from, and the tree's text units
are lined up with the document's (difflib over keys without white space or labels): units
that match are unchanged; a unit whose text differs is an edit to the content field it came
from (its :class:`~khumue.doctree.Origin`); a unit only in the document is a paragraph, list
item, step or table row the reviewer added, put beside the unit before it; a unit only in
the tree was deleted.  Renumbering (5.3 → 5.4) is not an edit.  What cannot be placed is
kept in a free-form section and noted, never dropped.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from khumue.alignment import align
from khumue.compose import ManualContext, compose_manual
from khumue.digits import arabic_digits
from khumue.doctree import Matter, Part, Role
from khumue.fieldpath import Loc, field_path
from khumue.importer.notes import Note
from khumue.importer.units import (
    LABEL,
    Unit,
    document_units,
    expected_units,
    squeeze,
)
from khumue.model import Digits, Office, Staff
from khumue.templates import TemplateFolders
from khumue.wordml.reader import ReadDocument

UNPLACED_TITLE = "ข้อความที่นำเข้าแต่ยังไม่ได้จัดเข้าส่วนใด"
_THAI_DIGITS = set("๐๑๒๓๔๕๖๗๘๙")


@dataclass
class OwnImport:
    """The content recovered from one of our manuals: office and staff as plain data (the
    form of the YAML files), the fiscal year it was built for, and notes for the clerk."""

    office: dict[str, Any]
    staff: dict[str, Any]
    fiscal_year: int | None
    notes: list[Note] = field(default_factory=list)


def import_own(document: ReadDocument, source: dict[str, Any],
               templates: TemplateFolders) -> OwnImport:
    """The content of ``document`` from its embedded ``source``, with the edits made in Word
    applied.  Raises pydantic.ValidationError when the embedded content is not valid."""
    office_data = dict(source.get("office") or {})
    staff_data = copy.deepcopy(dict(source.get("staff") or {}))
    fiscal_year = source.get("fiscal_year")
    office = Office.model_validate(office_data)
    staff = Staff.model_validate(staff_data)
    year = fiscal_year if isinstance(fiscal_year, int) else 2570
    manual = compose_manual(staff, ManualContext(office, year, templates))
    editor = _Editor(staff_data, office.digits)
    front_end, body_end = _section_bounds(document)
    doc_front = document.blocks[front_end + 1:body_end + 1] if front_end >= 0 else []
    expected = expected_units([n for m, n in manual.nodes() if m is Matter.front]) + \
        expected_units([n for m, n in manual.nodes() if m is Matter.body])
    actual = document_units(doc_front)
    editor.align(expected, actual)
    editor.finish()
    return OwnImport(office_data, staff_data, fiscal_year if isinstance(fiscal_year, int)
                     else None, editor.notes)


def _section_bounds(document: ReadDocument) -> tuple[int, int]:
    """(index of the cover's last block, index of the body's last block): our template has
    four sections, cover, front matter, body and back cover."""
    ends = document.section_ends
    if len(ends) >= 3:
        return ends[0], ends[2]
    if len(ends) == 2:
        return ends[0], ends[1]
    return -1, len(document.blocks) - 1


class _Editor:
    """Collects the edits, deletions and insertions found by lining units up, then applies
    them to the content (edits first, then deletions and insertions from the end, so that
    list positions stay right)."""

    def __init__(self, content: dict[str, Any], digits: Digits):
        self.content = content
        self.digits = digits
        self.notes: list[Note] = []
        self.structural: list[tuple[Loc, int, Callable[[], None]]] = []
        self.unplaced: list[str] = []
        self.foreword_changed = False
        self.signature_changed = False
        self.foreword_doc: list[str] = []
        self.signature: list[str] = []

    # -- lining up -----------------------------------------------------------------------
    def align(self, expected: list[Unit], actual: list[Unit],
              container: Loc | None = None) -> None:
        previous: Unit | None = None  # the last expected unit found in the document
        for tag, e, a in align(expected, actual, lambda u: u.key, by_position=True):
            if tag == "same":
                assert e is not None and a is not None
                self.same(e, a)
                previous = e
            elif tag == "pair":
                assert e is not None and a is not None
                self.changed(e, a)
                previous = e
            elif tag == "deleted":
                assert e is not None
                self.deleted(e)
            else:
                assert a is not None
                self.inserted(previous, a, container)

    def same(self, e: Unit, a: Unit) -> None:
        self._foreword(e, a)
        if e.kind == "table":
            self.align(e.children[0], a.children[0], e.origin.path if e.origin else None)

    def changed(self, e: Unit, a: Unit) -> None:
        self._foreword(e, a)
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
            new = _strip_label(new, e.label)
        if e.prefix and squeeze(new).startswith(squeeze(e.prefix)):
            new = _strip_prefix(new, e.prefix)
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
        parent, key, value = _locate(self.content, path)
        new = self._digits(new, old)
        where = field_path(path)
        if parent is None:
            self.note_unplaced(new, f"หาตำแหน่ง {where} ในเนื้อหาไม่พบ")
            return
        if isinstance(value, dict):
            if "term" in value and "meaning" in value:
                term, sep, meaning = new.partition("หมายถึง")
                if not sep:
                    self.note_unplaced(new, f"{where}: คำจำกัดความต้องมีคำว่า \"หมายถึง\"")
                    return
                value["term"], value["meaning"] = term.strip(), meaning.strip()
            else:
                for name in ("text", "bold", "caption"):
                    if name in value:
                        value[name] = new
                        break
                else:
                    self.note_unplaced(new, f"{where}: ข้อความนี้เป็นของส่วนที่โปรแกรมสร้างเอง")
                    return
        elif isinstance(value, list):  # "-" printed for an empty section: now it has text
            parent[key] = [new]
        else:
            parent[key] = new
        self.notes.append(Note(path, f"แก้ไขใน Word: \"{_short(old)}\" เป็น \"{_short(new)}\""))

    def deleted(self, e: Unit) -> None:
        if e.kind == "table" or e.origin is None or not e.origin.path:
            if e.origin is not None and e.origin.part is Part.foreword and e.kind != "heading":
                self.foreword_changed = True
            return
        path = e.origin.path
        if e.kind == "row" and not isinstance(path[-1], int):
            return
        if not isinstance(path[-1], int):
            self.notes.append(Note(path, f"ข้อความ \"{_short(e.text)}\" ถูกลบใน Word แต่เป็นหัวข้อ"
                                         "ที่ต้องมี จึงคงไว้"))
            return

        def remove() -> None:
            parent, key, _ = _locate(self.content, path)
            if isinstance(parent, list) and isinstance(key, int) and key < len(parent):
                del parent[key]
        self.structural.append((path, 0, remove))
        self.notes.append(Note(path[:-1], f"ลบใน Word: \"{_short(e.text)}\""))

    def inserted(self, previous: Unit | None, a: Unit, container: Loc | None) -> None:
        if previous is not None and previous.origin is not None and \
                previous.origin.part is Part.foreword and not previous.origin.path:
            self.foreword_changed = True
            self.foreword_doc.append(a.text)
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
        text = self._digits(a.text, "")
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
        self.notes.append(Note(list_path, f"เพิ่มใน Word: \"{_short(text)}\""))

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
        if rows_path and rows_path[-1] == "rows" and "work_standards" in rows_path:
            cells = [_cell_blocks(cell) for cell in a.children]
            element: dict[str, Any] = {"activity": cells[1] if len(cells) > 1 else [],
                                       "standard": cells[2] if len(cells) > 2 else []}
            if not element["activity"]:
                self.note_unplaced(" ".join(texts), "แถวที่เพิ่มไม่มีกิจกรรม/วิธีปฏิบัติ")
                return
        else:  # the summary form: a row of its own, or a step
            columns = dict(zip(("detail", "duration", "standard", "responsible"),
                               [self._digits(t, "") for t in texts[2:6]], strict=False))
            element = {k: v for k, v in columns.items() if v}
            if rows_path and rows_path[-1] == "steps":
                element = {"text": element.pop("detail", ""), **element}
            if not element.get("detail", element.get("text")):
                self.note_unplaced(" ".join(texts), "แถวที่เพิ่มไม่มีรายละเอียดงาน")
                return
        self._insert(rows_path, index, element)
        self.notes.append(Note(rows_path, f"เพิ่มแถวใน Word: \"{_short(' '.join(texts))}\""))

    def _sibling(self, previous: Unit | None) -> tuple[Loc, int, Any] | None:
        """(list path, index, an element like the new one) for a paragraph added after
        ``previous``: after a list element, the next position of its list; after a
        process's section heading, the first position of that section's list."""
        if previous is None or previous.origin is None:
            return None
        path = previous.origin.path
        if path and isinstance(path[-1], int):
            _, _, value = _locate(self.content, path)
            return path[:-1], path[-1] + 1, value
        if len(path) >= 2 and path[-2] == "titles" and path[-1] in _SECTION_LISTS:
            list_path = (*path[:-2], _SECTION_LISTS[str(path[-1])])
            _, _, value = _locate(self.content, list_path)
            first = value[0] if isinstance(value, list) and value else {"text": ""}
            return list_path, 0, first
        return None

    def _insert(self, list_path: Loc, index: int, element: Any) -> None:
        def insert() -> None:
            parent, key, value = _locate(self.content, list_path)
            if value is None and parent is not None:
                parent[key] = value = []
            if isinstance(value, list):
                value.insert(min(index, len(value)), element)
        self.structural.append(((*list_path, index), 1, insert))

    # -- the foreword -------------------------------------------------------------------------
    def _foreword(self, e: Unit, a: Unit) -> None:
        """Collect the generated foreword (the default text and the signature lines), which
        has no content field: when the reviewer changed it, it becomes the manual's own."""
        if e.origin is None or e.origin.part is not Part.foreword or e.origin.path or \
                e.kind == "heading":
            return
        changed = squeeze(a.text) != squeeze(e.text)
        if getattr(e.node, "role", None) is Role.signature:
            self.signature.append(a.text)
            self.signature_changed = self.signature_changed or changed
        else:
            self.foreword_doc.append(a.text)
            self.foreword_changed = self.foreword_changed or changed

    def _apply_foreword(self) -> None:
        if not (self.foreword_changed or self.signature_changed):
            return
        foreword = self.content.get("foreword")
        if not isinstance(foreword, dict):
            foreword = {"text": [self._digits(t, "") for t in self.foreword_doc] or ["-"]}
            self.content["foreword"] = foreword
        if self.signature_changed and len(self.signature) >= 2:
            foreword["signature_name"] = self.signature[-2]
            foreword["signature_position"] = self.signature[-1]
        self.notes.append(Note(("foreword",), "คำนำถูกแก้ใน Word: นำข้อความในไฟล์มาใช้"))

    # -- finishing --------------------------------------------------------------------------
    def note_unplaced(self, text: str, why: str) -> None:
        self.unplaced.append(text)
        self.notes.append(Note(("sections",), f"{why}: เก็บ \"{_short(text)}\" ไว้ในส่วน "
                                              f"\"{UNPLACED_TITLE}\""))

    def finish(self) -> None:
        self._apply_foreword()
        for _, _, action in sorted(self.structural, key=lambda s: (_sort_key(s[0]), s[1]),
                                   reverse=True):
            action()
        if self.unplaced:
            sections = self.content.setdefault("sections", [])
            sections.append({"title": UNPLACED_TITLE, "text": list(self.unplaced)})

    def _digits(self, new: str, old: str) -> str:
        """``new`` in the digits the content keeps: Arabic unless the old text had Thai
        digits (the manual prints the office's digits either way)."""
        if self.digits is Digits.thai and not (_THAI_DIGITS & set(old)):
            return arabic_digits(new)
        return new


_SECTION_LISTS = {"objectives": "objectives", "scope": "scope", "definitions": "definitions",
                  "steps": "steps", "expected_results": "expected_results", "forms": "forms",
                  "references": "references"}


def _locate(content: Any, path: Loc) -> tuple[Any, str | int, Any]:
    """(parent container, key, value) of ``path`` in ``content``; missing dicts on the way
    are created; the value is None when absent; the parent is None when the path cannot be
    followed."""
    current = content
    for part in path[:-1]:
        if isinstance(part, int):
            if not isinstance(current, list) or part >= len(current):
                return None, path[-1], None
            nxt = current[part]
        else:
            if not isinstance(current, dict):
                return None, path[-1], None
            nxt = current.setdefault(part, {})
        if isinstance(nxt, str):  # a shorthand string where a mapping is needed
            nxt = {"text": nxt}
            if isinstance(part, int):
                current[part] = nxt
            else:
                current[part] = nxt
        current = nxt
    key = path[-1]
    if isinstance(key, int):
        if not isinstance(current, list):
            return None, key, None
        return current, key, current[key] if key < len(current) else None
    if not isinstance(current, dict):
        return None, key, None
    return current, key, current.get(key)


def _sort_key(path: Loc) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, p) if isinstance(p, int) else (1, p) for p in path)


def _strip_label(text: str, label: str) -> str:
    squeezed_label = squeeze(label)
    consumed = ""
    for i, char in enumerate(text):
        if squeeze(consumed) == squeezed_label:
            return text[i:].strip()
        consumed += char
    match = LABEL.match(text)
    return text[match.end():].strip() if match else text.strip()


def _strip_prefix(text: str, prefix: str) -> str:
    return _strip_label(text, prefix)


def _cell_blocks(cell: list[Unit]) -> list[Any]:
    """A new table cell's paragraphs as blocks: labelled paragraphs become a numbered or
    bulleted list, others paragraphs."""
    out: list[Any] = []
    for unit in cell:
        if unit.label:
            kind = "bullets" if not any(c.isdigit() for c in arabic_digits(unit.label)) \
                else "numbered"
            if out and isinstance(out[-1], dict) and kind in out[-1]:
                out[-1][kind].append(arabic_digits(unit.text))
            else:
                out.append({kind: [arabic_digits(unit.text)]})
        else:
            out.append(arabic_digits(unit.text))
    return out


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
