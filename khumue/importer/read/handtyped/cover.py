"""The cover of a hand-typed manual: who wrote it (name, position, level, group, work unit),
its title lines and the jobs it lists, and the office it names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from khumue.importer.read.handtyped.parts import strip_word
from khumue.importer.read.lines import Item, LabelKind, Line

LEVELS = ("ชำนาญการพิเศษ", "ชำนาญการ", "ชำนาญงาน", "เชี่ยวชาญพิเศษ", "เชี่ยวชาญ", "อาวุโส",
          "ปฏิบัติการ", "ปฏิบัติงาน")
PERSON = re.compile(r"(นาย|นาง|นางสาว|ว่าที่|ดร\.)\S")
OFFICE_WORDS = ("สำนักงานเขตพื้นที่", "สำนักงานคณะกรรมการ", "กระทรวง")
DEFAULT_TITLE = "คู่มือการปฏิบัติงาน"


@dataclass
class CoverReading:
    """What the cover says; ``unused`` are lines it could not place."""

    name: str | None = None
    position: str | None = None
    level: str | None = None
    group: str | None = None
    work_unit: str | None = None
    title: str | None = None
    subtitle: str | None = None
    items: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)


def read_cover(items: Sequence[Item]) -> CoverReading:
    """Read the cover's lines, in order; the first line that fits a field fills it."""
    cover = CoverReading()
    for line in items:
        if not isinstance(line, Line):
            continue
        text = " ".join(line.text.replace(">", " ").replace("<", " ").split())
        if text:
            _line(cover, line, text)
    return cover


def _line(cover: CoverReading, line: Line, text: str) -> None:
    plain = re.sub(r"^(ชื่อ|ของ|โดย)\s*[:]?\s*", "", text)
    if cover.name is None and PERSON.match(plain):
        cover.name, rest = name_and_rest(plain)
        if rest.startswith("ตำแหน่ง") and cover.position is None:
            _position(cover, rest)
    elif text.startswith("ตำแหน่ง"):
        if cover.position is None:
            _position(cover, text)
    elif cover.name and cover.position is None and text.endswith(LEVELS) and len(text) < 80 \
            and not text.startswith(("กลุ่ม", "งาน", "คู่มือ")):
        _position(cover, text)  # "ศึกษานิเทศก์ชำนาญการพิเศษ" under the name
    elif text.startswith("กลุ่มงาน"):
        _work_unit(cover, text)
    elif text.startswith("กลุ่ม"):
        if cover.name is None and cover.subtitle is None:
            cover.subtitle = text  # the title block, above the name: the cover's subtitle
        if cover.group is None:
            cover.group = text
        elif cover.subtitle is None and text != cover.group:
            cover.subtitle = text
    elif not text.startswith(OFFICE_WORDS):
        _other(cover, line, text)


def _other(cover: CoverReading, line: Line, text: str) -> None:
    if text.startswith("มาตรฐานการปฏิบัติงาน กลุ่ม") and cover.title is None:
        cover.title, _, subtitle = text.partition(" ")
        cover.subtitle = cover.subtitle or subtitle
    elif text.startswith("คู่มือ"):
        cover.title = cover.title or text  # an inner cover's title again: once
    elif line.label and line.label.kind is LabelKind.bullet:
        cover.items.append(line.body)
    elif text.startswith("ปีงบประมาณ"):
        return
    elif cover.subtitle is None and len(text) < 100:
        cover.subtitle = text
    elif cover.position and text in LEVELS:
        cover.level = text
    else:
        cover.unused.append(text)


def _work_unit(cover: CoverReading, text: str) -> None:
    rest = strip_word(text, "กลุ่มงาน")
    if " กลุ่ม " in f" {rest} ":
        unit, _, group = rest.partition(" กลุ่ม ")
        group = group.strip()
        cover.work_unit = cover.work_unit or unit.strip() or None
        cover.group = cover.group or (group if group.startswith("กลุ่ม") else "กลุ่ม" + group)
    elif cover.group is None and rest.startswith("กลุ่ม"):
        cover.group = rest
    else:
        cover.work_unit = cover.work_unit or text


def _position(cover: CoverReading, text: str) -> None:
    """Position and level from "ตำแหน่ง ศึกษานิเทศก์ ชำนาญการพิเศษ" (or "… ระดับ …")."""
    rest = strip_word(text, "ตำแหน่ง").lstrip(":").strip()
    rest = re.sub(r"\s*เลขที่ตำแหน่ง.*$", "", rest)
    level = None
    match = re.search(r"\s*ระดับ\s*(.*)$", rest)
    if match:
        level = match.group(1).strip(" -") or None
        rest = rest[:match.start()].strip()
    for word in LEVELS:
        if level is None and rest.endswith(word) and rest != word:
            level, rest = word, rest[: -len(word)].strip()
            break
    cover.position = rest or None
    cover.level = level


def name_and_rest(text: str) -> tuple[str, str]:
    """("นาง ก ข", "ตำแหน่ง …") from "นาง ก ข ตำแหน่ง …": a name is the title word and two
    words (three when the line holds nothing else); what follows is kept."""
    match = re.match(r"(\S+\s+\S+)(?:\s+(.*))?$", text)
    if not match:
        return text, ""
    rest = match.group(2) or ""
    if rest and not rest.startswith("ตำแหน่ง") and len(rest.split()) == 1 and \
            not rest.startswith("กลุ่ม"):
        return f"{match.group(1)} {rest}", ""
    return match.group(1), rest


def office_name(items: Sequence[Item]) -> str | None:
    """The office named on the cover (สำนักงานเขตพื้นที่การศึกษา…), white space folded."""
    for line in items:
        if isinstance(line, Line) and line.text.startswith("สำนักงานเขตพื้นที่การศึกษา"):
            return " ".join(line.text.split())
    return None


def short_name(name: str) -> str:
    """The office's short name: สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพะเยา เขต 2 →
    สพป.พะเยา เขต 2 (มัธยมศึกษา: สพม.)."""
    for long, short in (("สำนักงานเขตพื้นที่การศึกษาประถมศึกษา", "สพป."),
                        ("สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา", "สพม.")):
        if name.startswith(long):
            return short + name[len(long):].strip()
    return name
