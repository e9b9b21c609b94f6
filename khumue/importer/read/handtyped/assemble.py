"""The content of a hand-typed manual, assembled from what the recogniser collected: each part
read by its reader into the content model's types, with a note for every guess."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from khumue.content.model import (
    Block,
    Cover,
    Digits,
    Foreword,
    ListPart,
    ListStyle,
    Office,
    Section,
    Staff,
)
from khumue.content.model import Item as ListItem
from khumue.importer.read.handtyped.cover import (
    DEFAULT_TITLE,
    CoverReading,
    office_name,
    read_cover,
    short_name,
)
from khumue.importer.read.handtyped.lists import blocks_of, items_of
from khumue.importer.read.handtyped.processes import ExtraSection, read_process
from khumue.importer.read.handtyped.recogniser import Collected, ListMaterial, SectionMaterial
from khumue.importer.read.handtyped.standards import read_standard
from khumue.importer.read.lines import Item, Line
from khumue.importer.read.notes import Note
from khumue.importer.read.units import squeeze
from khumue.typeset.itfont import IT_FAMILY

UNPLACED_TITLE = "ข้อความที่นำเข้าแต่ยังไม่ได้จัดเข้าส่วนใด"
OFFICE_GENERIC = "สำนักงานเขตพื้นที่การศึกษา"


@dataclass(frozen=True)
class Assembled:
    office: Office
    staff: Staff
    notes: list[Note]


def assemble(found: Collected) -> Assembled:
    """Office and staff content from ``found``."""
    notes = list(found.notes)
    cover = read_cover(found.cover)
    notes += [Note(("cover",), f"บรรทัดบนปกที่ไม่ได้ใช้: \"{line[:50]}\"") for line in cover.unused]
    standards = [read_standard(i, title, grid) for i, (title, grid) in enumerate(found.standards)]
    processes = [read_process(i, material) for i, material in enumerate(found.processes)]
    notes += [n for reading in standards for n in reading.notes]
    notes += [n for reading in processes for n in reading.notes]
    extra = [SectionMaterial(e.title, _lines(e)) for p in processes for e in p.extra]
    staff = Staff(
        name=cover.name or _missing(notes, "name", "ชื่อผู้จัดทำ"),
        position=cover.position or _missing(notes, "position", "ตำแหน่ง"),
        level=cover.level, group=cover.group or _missing(notes, "group", "กลุ่ม"),
        work_unit=cover.work_unit, cover=_cover(cover),
        foreword=_foreword(found.foreword, notes),
        group_roles=_list_part(found.group_roles, "group_roles", notes,
                               f"บทบาทหน้าที่{cover.group or ''}"),
        duties=_list_part(found.duties, "duties", notes, "งานในหน้าที่รับผิดชอบ"),
        sections=_sections([*found.sections, *extra], found.loose, notes),
        work_standards=[r.standard for r in standards],
        processes=[r.process for r in processes],
        references=blocks_of(found.references, False) if found.references else None)
    return Assembled(_office(found, notes), staff, notes)


def is_manual(staff: Staff) -> bool:
    """True when the content has a part of a work manual (not only a cover)."""
    return bool(staff.processes or staff.work_standards or staff.duties or staff.group_roles)


def _office(found: Collected, notes: list[Note]) -> Office:
    name = office_name(found.cover)
    if name is None:
        notes.append(Note((), "ไม่พบชื่อสำนักงานเขตพื้นที่การศึกษาบนปก: แก้ใน office.yaml"))
        name = OFFICE_GENERIC
    digits = Digits.thai if found.thai_digits >= found.arabic_digits else Digits.arabic
    if found.it_digits:
        notes.append(Note((), (
            f"ไฟล์นี้พิมพ์ด้วยฟอนต์ {IT_FAMILY} ซึ่งแสดงเลขอารบิก (0-9) เป็นเลขไทย ตัวเลข "
            f"{found.it_digits} ตัวจึงนำเข้าเป็นเลขไทยตามที่เห็นบนหน้ากระดาษ และสำนักงานตั้งเป็น "
            f"digits: {digits.value} font: {IT_FAMILY} (คู่มือจะเก็บเลขไทยเป็นตัวอักษรจริง "
            "และพิมพ์ที่อยู่เว็บกับรหัสด้วย TH SarabunPSK ให้เห็นเป็นเลขอารบิก)")))
        return Office(name=name, short_name=short_name(name), digits=digits, font=IT_FAMILY)
    return Office(name=name, short_name=short_name(name), digits=digits)


def _missing(notes: list[Note], key: str, what: str) -> str:
    notes.append(Note((key,), f"ไม่พบ{what}บนปก: กรอกเอง"))
    return "-"


def _cover(cover: CoverReading) -> Cover:
    title = cover.title if cover.title and cover.title != DEFAULT_TITLE else DEFAULT_TITLE
    return Cover(title=title, subtitle=cover.subtitle, items=cover.items)


def _foreword(items: Sequence[Item], notes: list[Note]) -> Foreword | None:
    """The foreword's paragraphs; its last short lines are the signature (a guess)."""
    lines = [ln for ln in items if isinstance(ln, Line) and ln.text]
    if not lines:
        return None
    signature: list[str] = []
    while lines and len(lines[-1].text) < 70 and len(signature) < 3 and not \
            lines[-1].text.endswith(("ครับ", "ค่ะ")):
        signature.insert(0, lines.pop().text)
    signature = [s for s in signature if not re.fullmatch(r"[(\s]*[)\s]*", s)]
    text = [Block(text=ln.text) for ln in lines] or [Block(text="-")]
    if not signature:
        return Foreword(text=text)
    notes.append(Note(("foreword",), "บรรทัดท้ายคำนำใช้เป็นผู้ลงนาม (เดาเอา)"))
    names = [s for s in signature if re.match(r"\(?(นาย|นาง|นางสาว|ว่าที่|ดร)", s)]
    if not names:
        return Foreword(text=text)
    rest = signature[signature.index(names[0]) + 1:]
    return Foreword(text=text, signature_name=names[0].strip("() "),
                    signature_position=" ".join(rest) or None)


def _list_part(material: ListMaterial | None, key: str, notes: list[Note],
               default_title: str) -> ListPart | None:
    """A list part: a centred first line is its subtitle, unlabelled lines before the list
    its introduction; its heading is kept when it is not the one the build gives
    (``default_title``, white space aside)."""
    if material is None:
        return None
    lines = [it for it in material.items if isinstance(it, Line) and it.text]
    if not lines:
        return None
    intro: list[Block] = []
    subtitle = None
    while lines and lines[0].label is None:
        first = lines.pop(0)
        if first.centered and subtitle is None and not intro:
            subtitle = first.text
        else:
            intro.append(Block(text=first.text))
    reading = items_of(lines)
    for text in reading.joined:
        notes.append(Note((key,), f"บรรทัดต่อจากรายการ รวมเข้ากับข้อก่อนหน้า: \"{text[:40]}\" "
                                  "(เดาเอา)"))
    title = None if squeeze(material.title) == squeeze(default_title) else material.title
    return ListPart(title=title, subtitle=subtitle, intro=intro,
                    items=reading.items or [ListItem(text="-")],
                    style=reading.style if reading.items else ListStyle.decimal)


def _sections(sections: list[SectionMaterial], loose: list[list[Item]],
              notes: list[Note]) -> list[Section]:
    """Free-form sections, then the text no part took (kept, never dropped)."""
    for i, material in enumerate(sections):
        notes.append(Note(("sections", i), f"\"{material.title[:40]}\" ไม่ใช่ส่วนที่รู้จัก "
                                           "เก็บเป็นส่วนอิสระทั้งส่วน"))
    unplaced = [it for bucket in loose for it in bucket if not isinstance(it, Line) or it.text]
    if unplaced:
        sections = [*sections, SectionMaterial(UNPLACED_TITLE, unplaced)]
        notes.append(Note(("sections",), f"ข้อความ {len(unplaced)} ย่อหน้าที่ไม่รู้ว่าอยู่ส่วนใด "
                                         f"เก็บไว้ในส่วน \"{UNPLACED_TITLE}\""))
    return [section_of(s) for s in sections]


def section_of(material: SectionMaterial) -> Section:
    """A free-form section: a centred heading line first is its subtitle."""
    lines = list(material.items)
    subtitle = None
    first = lines[0] if lines else None
    if isinstance(first, Line) and first.centered and first.heading:
        subtitle = first.text
        lines.pop(0)
    return Section(title=material.title, subtitle=subtitle,
                   text=blocks_of(lines, False) or [Block(text="-")])


def _lines(extra: ExtraSection) -> list[Item]:
    return [Line(t, t) for t in extra.lines]
