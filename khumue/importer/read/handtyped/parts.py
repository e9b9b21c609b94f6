"""What a line or a table of a hand-typed manual opens, by its Thai words: a part of the
manual (:class:`PartKind`), a numbered section of a process (:class:`SectionField`), or a
kind of table (:class:`GridKind`).  The words are those of the five seed manuals and their
variations."""

from __future__ import annotations

import re
from enum import StrEnum

from khumue.importer.read.lines import Grid, LabelKind, Line
from khumue.importer.read.units import squeeze
from khumue.typeset.digits import arabic_digits


class PartKind(StrEnum):
    """A part a heading line opens."""

    foreword = "foreword"  # คำนำ
    contents = "contents"  # สารบัญ (skipped: it is rebuilt)
    group_roles = "group_roles"  # บทบาทหน้าที่…
    duties = "duties"  # งานในหน้าที่รับผิดชอบ …
    standard = "standard"  # มาตรฐานการปฏิบัติงาน
    standard_title = "standard_title"  # เรื่อง … or มาตรฐานที่ N … (a standard's title line)
    process_label = "process_label"  # คู่มือขั้นตอนการดำเนินงาน
    references = "references"  # เอกสารอ้างอิง
    legend = "legend"  # คำอธิบายสัญลักษณ์


class SectionField(StrEnum):
    """A numbered section of a process manual, named as the content field it fills."""

    summary = "summary"
    name = "name"
    objectives = "objectives"
    scope = "scope"
    definitions = "definitions"
    flowchart = "flowchart"
    steps = "steps"
    expected_results = "expected_results"
    forms = "forms"
    references = "references"


class GridKind(StrEnum):
    """A table recognised by its header."""

    legend = "legend"
    summary = "summary"
    standard = "standard"


# The words that name each section (first match wins, in this order).
SECTION_WORDS: tuple[tuple[SectionField, tuple[str, ...]], ...] = (
    (SectionField.summary, ("สรุปมาตรฐาน", "แบบฟอร์มสรุป", "แบบสรุปมาตรฐาน")),
    (SectionField.name, ("ชื่อกระบวนการ", "ชื่องาน", "ชื่อกระบวนงาน")),
    (SectionField.objectives, ("วัตถุประสงค์",)),
    (SectionField.scope, ("ขอบเขต",)),
    (SectionField.definitions, ("คำจำกัดความ", "นิยามศัพท์", "คำนิยาม")),
    (SectionField.flowchart, ("flowchart", "ผังงาน", "ผังขั้นตอน", "แผนผัง", "แผนภูมิ")),
    (SectionField.steps, ("ขั้นตอนการปฏิบัติ", "ขั้นตอนการดำเนิน", "ขั้นตอน")),
    (SectionField.expected_results, ("ผลสำเร็จ", "ผลที่คาดว่าจะได้รับ", "ผลที่คาดหวัง")),
    (SectionField.forms, ("แบบฟอร์ม",)),
    (SectionField.references, ("เอกสาร", "หลักฐานอ้างอิง", "กฎหมาย", "ระเบียบ", "อ้างอิง")),
)
_GROUP_ROLES = ("บทบาทหน้าที่", "บทบาทและหน้าที่", "อำนาจหน้าที่")
_DUTIES = ("งานในหน้าที่รับผิดชอบ", "หน้าที่ความรับผิดชอบ", "ภาระงานที่รับผิดชอบ",
           "การดำเนินงานตามบทบาทหน้าที่", "หน้าที่รับผิดชอบ")
_SECTION_LABELS = frozenset({LabelKind.decimal, LabelKind.number, LabelKind.paren})


def key(text: str) -> str:
    """``text`` for matching words: no white space, Arabic digits, lower case."""
    return arabic_digits(squeeze(text)).lower()


def part_of(line: Line) -> PartKind | None:
    """The part ``line`` opens, by its words; None for any other line."""
    body = key(line.body if line.label and not line.label.numbered else line.text)
    plain = key(line.text)
    if plain == "คำนำ":
        return PartKind.foreword
    if plain in ("สารบัญ", "สารบัญเรื่อง"):
        return PartKind.contents
    if body.startswith(_GROUP_ROLES) and len(body) < 120:
        return PartKind.group_roles
    if body.startswith(_DUTIES) and len(body) < 80:
        return PartKind.duties
    return _standard_or_process(line, plain)


def _standard_or_process(line: Line, plain: str) -> PartKind | None:
    if plain.startswith("มาตรฐานการปฏิบัติงาน") and len(plain) < 80:
        return PartKind.standard
    if line.heading and (plain.startswith("เรื่อง") or re.match(r"มาตรฐานที่[0-9]", plain)):
        return PartKind.standard_title
    if plain.startswith(("คู่มือขั้นตอน", "คู่มือกระบวนการ")) and len(plain) < 60:
        return PartKind.process_label
    if plain in ("เอกสารอ้างอิง", "บรรณานุกรม") or plain.startswith("เอกสารอ้างอิง:"):
        return PartKind.references
    if plain.startswith("คำอธิบายสัญลักษณ์"):
        return PartKind.legend
    return None


def section_of(line: Line) -> tuple[SectionField, str] | None:
    """(field, title) of a process section heading "N. title", or None."""
    label = line.label
    if label is None or label.kind not in _SECTION_LABELS:
        return None
    if not label.numbers or label.numbers[0] > 12 or len(line.body) > 90:
        return None
    title = line.body.split(":")[0].strip() if ":" in line.body else line.body
    title_key = key(title)
    for name, words in SECTION_WORDS:
        if any(title_key.startswith(key(w)) or (len(title_key) < 40 and key(w) in title_key)
               for w in words):
            return name, title.strip()
    return None


def unnumbered_section_of(line: Line, after_label: bool, met: list[SectionField] | None,
                          ) -> tuple[SectionField, str] | None:
    """(field, title) of a line that is a process section's heading but for its number
    ("ชื่อกระบวนการ …", "วัตถุประสงค์": OCR lost "1." or "2."), where one is expected, or
    None.  The line starts with the section's words, has no list label and is short; it is
    "ชื่อกระบวนการ …" right after a process label (``after_label``: "คู่มือขั้นตอน…"), or,
    in a process whose sections so far are ``met`` (None: not in a process), a section
    that comes after all of them in the nine sections' order."""
    if line.label is not None or not line.text or len(line.text) > 90:
        return None
    title = line.text.split(":")[0].strip() if ":" in line.text else line.text.strip()
    title_key = key(title)
    order = [name for name, _ in SECTION_WORDS]
    for name, words in SECTION_WORDS:
        if any(title_key.startswith(key(w)) for w in words):
            if name is SectionField.name:
                return (name, title) if after_label else None
            if met and order.index(name) > max(order.index(m) for m in met):
                return name, title
            return None
    return None


def grid_kind(grid: Grid) -> GridKind | None:
    """What a table is, by the words of its first rows."""
    head = key(" ".join(" ".join(r) for r in grid.texts()[:4]))
    if "คำอธิบายสัญลักษณ์" in head or ("จุดเริ่มต้น" in head and "การตัดสินใจ" in head):
        return GridKind.legend
    if "ลำดับ" in head and ("รายละเอียด" in head or "ผังขั้นตอน" in head):
        return GridKind.summary
    if "กิจกรรม" in head and "มาตรฐาน" in head:
        return GridKind.standard
    return None


def header_row(grid: Grid, words: tuple[str, ...]) -> tuple[int, list[int | None]]:
    """(index of the header row, the grid column of each of ``words``), or (-1, each word's
    position) when no row of the first six names enough of them."""
    for r, row in enumerate(grid.texts()[:6]):
        keys = [key(c) for c in row]
        found = [next((i for i, k in enumerate(keys) if k.startswith(key(w)) or key(w) in k),
                      None) for w in words]
        if sum(f is not None for f in found) >= max(2, len(words) - 2):
            return r, found
    return -1, list(range(len(words)))


def is_repeated_header(texts: list[str], words: tuple[str, ...]) -> bool:
    """True for a row that is the header typed again (after a page break)."""
    joined = key(" ".join(texts))
    return all(key(w) in joined for w in words) and len(joined) < 120


def strip_word(text: str, word: str) -> str:
    """``text`` without ``word`` at its start (and the spaces after it)."""
    text = text.strip()
    return text[len(word):].strip() if text.startswith(word) else text
