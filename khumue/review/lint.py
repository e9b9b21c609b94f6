"""Content a reviewer should look at before signing: warnings with the file and line.

Each rule is a function over one staff member's content that yields ``(field path, message)``;
:func:`lint_staff` runs them all and turns paths into lines.  The rules:

- empty cells: a work-standard row whose activity or standard is empty;
- repeated items: the same list item twice within one cell, section or list;
- foreign letters: letters of another script (Bengali, Lao, Khmer …) inside Thai text,
  typically left by a PDF extraction;
- invisible characters: bidirectional controls (U+202E …) and zero-width characters;
- normalisation: Thai text that pythainlp's ``normalize`` would change (doubled or misordered
  vowels and tone marks);
- digits: numbers in the digits the office did not choose (the manual converts them; the
  warning says where the content disagrees with the office);
- summary rows without a duration or a responsible party;
- ITA readiness (:mod:`khumue.content.ita`): a manual without processes, a process without any step
  time, a manual that names no law or regulation it follows;
- things to check: every ``# ตรวจ: …`` comment in the staff file and the shared files it
  uses (a reviewer's comment in Word, a conflict, a guess of the import), until the clerk
  removes it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pythainlp.util import normalize

from khumue.content.fiscal import BE_OFFSET, fiscal_year_bounds
from khumue.content.ita import Indicator, form_rows, indicator_for, readiness
from khumue.content.loading import StaffEntry
from khumue.content.model import Block, Digits, ItaAsk, Item, Office, Staff, strings
from khumue.content.yamlsource import LineMap, Loc, field_path
from khumue.errors import Problem
from khumue.typeset.digits import PROTECTED_SPANS, arabic_digits
from khumue.typeset.itfont import IT_FAMILY, PSK_FAMILY, is_it_font

Finding = tuple[Loc, str]


def lint_staff(entry: StaffEntry, office: Office,
               fiscal_year: int | None = None) -> list[Problem]:
    """Every warning about one staff member's content, in file order; with ``fiscal_year``
    (B.E.), also text that names an earlier fiscal year or a date outside it."""
    findings: list[Finding] = []
    for rule in (empty_cells, repeated_items, foreign_letters, invisible_characters,
                 normalisation):
        findings.extend(rule(entry.staff))
    indicator = indicator_for(fiscal_year, office.ita)
    findings.extend(summary_rows(entry.staff, indicator))
    findings.extend(ita_gaps(entry.staff, indicator))
    findings.extend(digits_against_choice(entry.staff, office.digits, office.font))
    if fiscal_year is not None:
        findings.extend(year_sensitive(entry.staff, fiscal_year))
    problems = []
    for loc, message in findings:  # in the staff file, or the shared file it came from
        path, line, field = entry.where(loc)
        problems.append(Problem(path, line, field_path(field), message, loc))
    return [*entry.notices, *sorted(problems, key=lambda p: p.line), *to_check(entry)]


_TO_CHECK = re.compile(r"(?:^|\s)#\s*ตรวจ:\s*(.*)$")


def to_check(entry: StaffEntry) -> list[Problem]:
    """Each ``# ตรวจ: …`` comment left in the files a staff member's content is read from
    (the staff file first, then the shared files), as a warning at its line, standing at the
    value the comment is above."""
    out: list[Problem] = []
    maps: dict[Path, list[tuple[Loc, LineMap]]] = {entry.path: [((), entry.lines)]}
    for source in entry.sources:
        maps.setdefault(source.path, []).append((source.at, source.lines))
    for path, lines_of in maps.items():
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, start=1):
            found = _TO_CHECK.search(line)
            if found and found.group(1).strip():
                out.append(Problem(path, number, "", f"ข้อที่ต้องตรวจ: {found.group(1).strip()} "
                                                     "(ลบบรรทัด # ตรวจ: นี้เมื่อตรวจแล้ว)",
                                   _below(number, lines_of)))
    return out


def _below(number: int, maps: list[tuple[Loc, LineMap]]) -> Loc:
    """The content path of the first value that starts below line ``number`` (the value a
    comment is written above), in the first of ``maps`` (a staff file, or a shared file used
    at ``at``) that has one."""
    for at, lines in maps:
        after = [(line, loc) for loc, line in lines.items() if line > number]
        if after:
            return (*at, *min(after, key=lambda found: (found[0], -len(found[1])))[1])
    return ()


# -- walking the model ---------------------------------------------------------------------------


def block_lists(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, list[Block] | list[Item]]]:
    """Every rich-text value (a list of blocks) and every top-level item list in the model."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            child = getattr(value, name)
            if isinstance(child, list) and child and isinstance(child[0], Block | Item):
                yield (*loc, name), child
            yield from block_lists(child, (*loc, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, BaseModel) and not isinstance(item, Block | Item):
                yield from block_lists(item, (*loc, i))


# -- the rules ------------------------------------------------------------------------------------


def empty_cells(staff: Staff) -> Iterator[Finding]:
    for s, standard in enumerate(staff.work_standards):
        for r, row in enumerate(standard.rows):
            for column, thai in (("activity", "กิจกรรม/วิธีปฏิบัติ"),
                                 ("standard", "มาตรฐานการปฏิบัติงาน")):
                if column in row.merged:
                    continue  # the cell above, merged over this row, holds it
                if not "".join(text for _, text in strings(getattr(row, column))).strip():
                    yield (("work_standards", s, "rows", r, column),
                           f"ช่อง{thai}ของข้อ {r + 1} ในมาตรฐานเรื่อง \"{standard.title}\" "
                           "ว่าง ให้กรอกก่อนลงนาม")


def repeated_items(staff: Staff) -> Iterator[Finding]:
    for loc, blocks in block_lists(staff):
        seen: dict[str, Loc] = {}
        for item_loc, text in _item_texts(blocks, loc):
            key = " ".join(text.split())
            if key in seen:
                first = field_path(seen[key])
                yield item_loc, f"รายการ \"{_short(key)}\" ซ้ำกับ {first} ในช่องเดียวกัน"
            else:
                seen[key] = item_loc


def _item_texts(values: list[Block] | list[Item], loc: Loc) -> Iterator[tuple[Loc, str]]:
    for i, value in enumerate(values):
        if isinstance(value, Item):
            yield (*loc, i, "text"), value.text
            yield from _item_texts(value.items, (*loc, i, "items"))
        elif isinstance(value, Block) and value.list_items is not None:
            kind = next(k for k in ("numbered", "bullets", "checklist")
                        if getattr(value, k) is not None)
            yield from _item_texts(value.list_items, (*loc, i, kind))


def foreign_letters(staff: Staff) -> Iterator[Finding]:
    for loc, text in strings(staff):
        for word in text.split():
            strange = [c for c in word if _foreign(c)]
            if strange and re.search("[ก-๛]", word):
                names = ", ".join(sorted({unicodedata.name(c, hex(ord(c))) for c in strange}))
                yield loc, (f"คำ \"{word}\" มีอักษรของภาษาอื่นปนอยู่ ({names}) "
                            "มักเกิดจากการคัดลอกจาก PDF ให้พิมพ์คำนี้ใหม่")


def _foreign(char: str) -> bool:
    if char.isascii() or "\u0e00" <= char <= "\u0e7f":
        return False
    if unicodedata.category(char)[0] not in "LM":
        return False
    return not unicodedata.name(char, "").startswith("LATIN")


# Bidirectional controls and zero-width characters: invisible, they reorder text on screen
# (U+202E shows "abc" as "cba") or split words for search and line breaking.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c]")


def invisible_characters(staff: Staff) -> Iterator[Finding]:
    for loc, text in strings(staff):
        found = sorted(set(INVISIBLE.findall(text)))
        if found:
            names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '')}".strip() for c in found)
            yield loc, (f"ข้อความ \"{_short(INVISIBLE.sub('', text))}\" มีอักขระที่มองไม่เห็น "
                        f"({names}) ซึ่งสลับทิศทางหรือแบ่งคำโดยไม่เห็น ให้ลบออก")


def normalisation(staff: Staff) -> Iterator[Finding]:
    for loc, text in strings(staff):
        text = INVISIBLE.sub("", text)  # reported by invisible_characters
        fixed = normalize(text)
        if fixed != text:
            before, after = _first_difference(text, fixed)
            yield loc, (f"ข้อความ \"{before}\" มีสระหรือวรรณยุกต์ซ้ำหรือสลับลำดับ "
                        f"ควรเป็น \"{after}\" (ดูเหมือนกันบนจอแต่ค้นหาและตัดคำผิด)")


def _first_difference(text: str, fixed: str) -> tuple[str, str]:
    for word in text.split():
        if normalize(word) != word:
            return word, normalize(word)
    return _short(text), _short(fixed)


def digits_against_choice(staff: Staff, digits: Digits,
                          font: str | None = None) -> Iterator[Finding]:
    """Numbers typed in the digits the office did not choose (once, with how many more); in
    an office set in TH SarabunIT๙ (``font``), what that font does to them, said too."""
    other = "[0-9]" if digits is Digits.thai else "[๐-๙]"
    mine, theirs = ("เลขไทย", "เลขอารบิก") if digits is Digits.thai else ("เลขอารบิก", "เลขไทย")
    places = [loc for loc, text in strings(staff)
              if re.search(other, PROTECTED_SPANS.sub("", text))]
    if places:
        more = f" และอีก {len(places) - 1} แห่ง" if len(places) > 1 else ""
        yield places[0], (f"เนื้อหาใช้{theirs}ที่นี่{more} แต่สำนักงานเลือกพิมพ์{mine} "
                          f"คู่มือจะพิมพ์เป็น{mine}ให้ ตรวจว่าไม่มีตัวเลขที่ต้องคงรูปเดิม "
                          "(รหัส เลขที่เอกสาร)" + _it_explained(digits, font))


def _it_explained(digits: Digits, font: str | None) -> str:
    """What TH SarabunIT๙ does with digits, for a warning about them (or "")."""
    if not is_it_font(font):
        return ""
    said = (f"; ฟอนต์ {IT_FAMILY} ของสำนักงานแสดงเลขอารบิก (0-9) เป็นรูปเลขไทย แต่ตัวอักษร"
            "ยังเป็นเลขอารบิก PDF การค้นหา และโปรแกรมอ่านหน้าจอจึงอ่านเป็นเลขอารบิก ")
    if digits is Digits.thai:
        return said + "คู่มือจึงเก็บเป็นเลขไทยจริง และพิมพ์ที่อยู่เว็บ อีเมล และรหัสด้วย " \
            f"{PSK_FAMILY} ให้เห็นเป็นเลขอารบิก"
    return said + f"สำนักงานเลือกเลขอารบิก คู่มือจึงพิมพ์ตัวเลขทุกตัวด้วย {PSK_FAMILY} " \
        "ให้เห็นเป็นเลขอารบิกจริง"


def summary_rows(staff: Staff, indicator: Indicator) -> Iterator[Finding]:
    for p, process in enumerate(staff.processes):
        if not process.has_summary_form:
            continue  # no time anywhere: ita_gaps says so once for the process
        rows = form_rows(process, p)
        nobody = not any(responsible for _, _, responsible in rows)
        if nobody:
            yield ("processes", p), (f"แบบฟอร์มสรุปมาตรฐานงาน \"{process.name}\" ไม่มีผู้รับผิดชอบ"
                                     "ในแถวใดเลย ให้กรอก responsible: ของกระบวนการ "
                                     "(ใช้กับทุกแถว) หรือของแต่ละขั้นตอน")
        for loc, duration, responsible in rows:
            number = loc[-1] + 1  # type: ignore[operator]
            if not duration:
                wanted = (f" ซึ่ง{indicator.cited} ต้องการ"
                          if ItaAsk.durations in indicator.asks else "")
                yield loc, (f"แถวที่ {number} ของแบบฟอร์มสรุปมาตรฐานงาน \"{process.name}\" "
                            f"ไม่มีเวลาดำเนินการ (duration){wanted}")
            if not responsible and not nobody:
                yield loc, (f"แถวที่ {number} ของแบบฟอร์มสรุปมาตรฐานงาน \"{process.name}\" "
                            "ไม่มีผู้รับผิดชอบ (responsible)")


def ita_gaps(staff: Staff, indicator: Indicator) -> Iterator[Finding]:
    """What the year's ITA indicator looks for and the manual lacks (:mod:`khumue.content.ita`)."""
    for gap in readiness(staff, indicator).gaps:
        yield gap.loc, gap.message


_MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
           "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
_SHORT_MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.",
                 "ต.ค.", "พ.ย.", "ธ.ค.")
_FISCAL_YEAR = re.compile(r"ปีงบประมาณ\s*(?:พ\.\s*ศ\.)?\s*([0-9๐-๙]{4})")
_DATE = re.compile(r"([0-9๐-๙]{1,2})\s*(" + "|".join(re.escape(m) for m in
                                                    (*_MONTHS, *_SHORT_MONTHS)) +
                   r")\s*(?:พ\.\s*ศ\.)?\s*([0-9๐-๙]{4})")


def year_sensitive(staff: Staff, fiscal_year: int) -> Iterator[Finding]:
    """Text written for an earlier year: "ปีงบประมาณ 2570" in a manual for 2571, and dates
    ("15 มีนาคม 2570", B.E.) that fall outside the fiscal year being built (1 October N-544 to
    30 September N-543 C.E.)."""
    first, last = fiscal_year_bounds(fiscal_year)
    for loc, text in strings(staff):
        plain = arabic_digits(text)
        for match in _FISCAL_YEAR.finditer(plain):
            year = int(match.group(1))
            if year < fiscal_year:
                yield loc, (f"ข้อความ \"{match.group()}\" เป็นปีงบประมาณก่อนหน้า แต่คู่มือนี้เป็น"
                            f"ของปีงบประมาณ {fiscal_year} ตรวจว่าต้องเปลี่ยนปีหรือไม่")
        for match in _DATE.finditer(plain):
            month_name = match.group(2)
            month = (_MONTHS.index(month_name) if month_name in _MONTHS
                     else _SHORT_MONTHS.index(month_name)) + 1
            try:
                day = dt.date(int(match.group(3)) - BE_OFFSET, month, int(match.group(1)))
            except ValueError:
                yield loc, f"วันที่ \"{match.group()}\" ไม่มีอยู่จริง"
                continue
            if not first <= day <= last:
                yield loc, (f"วันที่ \"{match.group()}\" อยู่นอกปีงบประมาณ {fiscal_year} "
                            f"(1 ตุลาคม {fiscal_year - 1} ถึง 30 กันยายน {fiscal_year})")


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
