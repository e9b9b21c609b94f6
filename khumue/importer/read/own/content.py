"""The content being edited, as plain data (the form of a staff file): finding the value at
a content path, and turning what a reviewer typed into content values."""

from __future__ import annotations

from typing import Any

from khumue.content.fieldpath import Loc
from khumue.content.model import Digits
from khumue.importer.read.units import LABEL, Unit, squeeze
from khumue.typeset.digits import arabic_digits

UNPLACED_TITLE = "ข้อความที่นำเข้าแต่ยังไม่ได้จัดเข้าส่วนใด"
_THAI_DIGITS = set("๐๑๒๓๔๕๖๗๘๙")


def locate(content: Any, path: Loc) -> tuple[Any, str | int, Any]:
    """(parent container, key, value) of ``path`` in ``content``; missing mappings on the
    way are made, a shorthand string where a mapping is needed becomes ``{"text": …}``; the
    value is None when absent; the parent is None when the path cannot be followed."""
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
        if isinstance(nxt, str):
            nxt = {"text": nxt}
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


def sort_key(path: Loc) -> tuple[tuple[int, int | str], ...]:
    """A key that orders content paths as they stand in the content."""
    return tuple((0, p) if isinstance(p, int) else (1, p) for p in path)


def content_digits(new: str, old: str, digits: Digits) -> str:
    """``new`` in the digits the content keeps: Arabic unless the old text had Thai
    digits (the manual prints the office's digits either way)."""
    if digits is Digits.thai and not (_THAI_DIGITS & set(old)):
        return arabic_digits(new)
    return new


def strip_label(text: str, label: str) -> str:
    """``text`` without ``label`` at its start (white space aside), or without any label a
    reader types ("5.1", "๕.", "-")."""
    squeezed_label = squeeze(label)
    consumed = ""
    for i, char in enumerate(text):
        if squeeze(consumed) == squeezed_label:
            return text[i:].strip()
        consumed += char
    match = LABEL.match(text)
    return text[match.end():].strip() if match else text.strip()


def cell_blocks(cell: list[Unit]) -> list[Any]:
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


def short(text: str, limit: int = 50) -> str:
    """``text`` on one line, cut at ``limit`` characters with "…"."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


_SECTION_LISTS = ("objectives", "scope", "definitions", "steps", "expected_results", "forms",
                  "references")


def sibling_of(content: Any, path: Loc) -> tuple[Loc, int, Any] | None:
    """(list path, index, an element like the new one) for a paragraph added after the unit
    made from ``path``: after a list element, the next position of its list; after a
    process's section heading (``titles.steps``), the first position of that section's
    list; after a part's heading, the first of its list."""
    if path and isinstance(path[-1], int):
        _, _, value = locate(content, path)
        return path[:-1], path[-1] + 1, value
    if len(path) >= 2 and path[-2] == "titles" and path[-1] in _SECTION_LISTS:
        return _first_of(content, (*path[:-2], str(path[-1])))
    if path[-1:] in (("title",), ("subtitle",)) and path[:1] in (("duties",), ("group_roles",)):
        return _first_of(content, (*path[:-1], "items"))
    if len(path) == 3 and path[0] == "sections" and path[2] in ("title", "subtitle"):
        return _first_of(content, (*path[:2], "text"))
    return None


def _first_of(content: Any, list_path: Loc) -> tuple[Loc, int, Any]:
    """(the list, its first position, its first element or an empty paragraph)."""
    _, _, value = locate(content, list_path)
    first = value[0] if isinstance(value, list) and value else {"text": ""}
    return list_path, 0, first


def row_element(rows_path: Loc, row: Unit, digits: Digits) -> tuple[Any, str]:
    """(the content of a table row added in Word, "") or (None, why it has none): a work
    standard's row from its activity and standard cells, else a summary-form row (or the
    step it stands for) from its columns."""
    if rows_path and rows_path[-1] == "rows" and "work_standards" in rows_path:
        cells = [cell_blocks(cell) for cell in row.children]
        element: dict[str, Any] = {"activity": cells[1] if len(cells) > 1 else [],
                                   "standard": cells[2] if len(cells) > 2 else []}
        if not element["activity"]:
            return None, "แถวที่เพิ่มไม่มีกิจกรรม/วิธีปฏิบัติ"
        return element, ""
    texts = [" ".join(u.text for u in cell) for cell in row.children]
    typed = [content_digits(t, "", digits) for t in texts[2:6]]
    columns = dict(zip(("detail", "duration", "standard", "responsible"), typed, strict=False))
    element = {k: v for k, v in columns.items() if v}
    if rows_path and rows_path[-1] == "steps":
        element = {"text": element.pop("detail", ""), **element}
    if not element.get("detail", element.get("text")):
        return None, "แถวที่เพิ่มไม่มีรายละเอียดงาน"
    return element, ""


def put_text(parent: Any, key: str | int, value: Any, new: str) -> str:
    """Put ``new`` as ``parent[key]`` (whose value is ``value``): a string field, or the text
    of a paragraph, list item, step or definition ("term หมายถึง meaning").  Returns why it
    could not, or ""."""
    if isinstance(value, dict):
        if "term" in value and "meaning" in value:
            term, sep, meaning = new.partition("หมายถึง")
            if not sep:
                return "คำจำกัดความต้องมีคำว่า \"หมายถึง\""
            value["term"], value["meaning"] = term.strip(), meaning.strip()
            return ""
        for name in ("text", "bold", "caption"):
            if name in value:
                value[name] = new
                return ""
        return "ข้อความนี้เป็นของส่วนที่โปรแกรมสร้างเอง"
    parent[key] = [new] if isinstance(value, list) else new  # a list: "-" of an empty section
    return ""
