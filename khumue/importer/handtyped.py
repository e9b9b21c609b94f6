"""Recognising a manual typed by hand in Word: its parts by their Thai headings and shapes.

The parts, as the five seed manuals show them (and their variations):

- the cover: the lines before the first part (name, ตำแหน่ง, กลุ่ม…, the office's name,
  the jobs listed with "-");
- คำนำ (foreword) and its signature lines; สารบัญ (skipped: it is rebuilt);
- บทบาทหน้าที่… (group roles) and งานในหน้าที่รับผิดชอบ / การดำเนินงานตามบทบาทหน้าที่
  (duties): nested lists, numbered by hand or by Word;
- มาตรฐานการปฏิบัติงาน เรื่อง …: a table ที่ / กิจกรรม/วิธีปฏิบัติ / มาตรฐานการปฏิบัติงาน, its
  rows split over pages joined again;
- process manuals: the nine numbered sections (worded and numbered variously: "1. ชื่องาน
  (กระบวนงาน)", "9. กฎหมาย ระเบียบ…"), steps 5.1 … or 1) 1.1 …, the flowchart's shapes (a
  diamond makes its step a decision), the standard summary form's table;
- anything else becomes a free-form section under its own heading: kept, never dropped.

Every guess is a :class:`~khumue.importer.notes.Note` at the value it concerns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khumue.digits import arabic_digits
from khumue.errors import ImportFailed
from khumue.importer import Imported
from khumue.importer.lines import Grid, Item, Label, Line, lines_of
from khumue.importer.notes import Note
from khumue.importer.units import squeeze
from khumue.model import SectionTitles
from khumue.wordml.reader import ReadDocument

UNPLACED_TITLE = "ข้อความที่นำเข้าแต่ยังไม่ได้จัดเข้าส่วนใด"
LEVELS = ("ชำนาญการพิเศษ", "ชำนาญการ", "ชำนาญงาน", "เชี่ยวชาญพิเศษ", "เชี่ยวชาญ", "อาวุโส",
          "ปฏิบัติการ", "ปฏิบัติงาน")
# Process sections: the field and words that name it (first match wins, in this order).
SECTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("summary", ("สรุปมาตรฐาน", "แบบฟอร์มสรุป", "แบบสรุปมาตรฐาน")),
    ("name", ("ชื่อกระบวนการ", "ชื่องาน", "ชื่อกระบวนงาน")),
    ("objectives", ("วัตถุประสงค์",)),
    ("scope", ("ขอบเขต",)),
    ("definitions", ("คำจำกัดความ", "นิยามศัพท์", "คำนิยาม")),
    ("flowchart", ("flowchart", "ผังงาน", "ผังขั้นตอน", "แผนผัง", "แผนภูมิ")),
    ("steps", ("ขั้นตอนการปฏิบัติ", "ขั้นตอนการดำเนิน", "ขั้นตอน")),
    ("expected_results", ("ผลสำเร็จ", "ผลที่คาดว่าจะได้รับ", "ผลที่คาดหวัง")),
    ("forms", ("แบบฟอร์ม",)),
    ("references", ("เอกสาร", "หลักฐานอ้างอิง", "กฎหมาย", "ระเบียบ", "อ้างอิง")),
)
DECISION_SHAPES = {"flowChartDecision", "diamond", "_x0000_t110", "_x0000_t4"}


def import_handtyped(document: ReadDocument, path: Path) -> Imported:
    """The content of a hand-typed manual.  Raises ImportFailed when nothing in it looks
    like a work manual (no cover name, duties, standards or processes)."""
    recogniser = _Recogniser(lines_of(document))
    recogniser.run()
    staff = recogniser.staff()
    if not (staff.get("processes") or staff.get("work_standards") or staff.get("duties")
            or staff.get("group_roles")):
        raise ImportFailed(f"{path}: ไม่พบส่วนของคู่มือการปฏิบัติงาน (งานในหน้าที่ มาตรฐานการ"
                           "ปฏิบัติงาน หรือขั้นตอนการปฏิบัติงาน) จึงไม่ได้นำเข้า")
    return Imported(recogniser.office(), staff, recogniser.fiscal_year, False,
                    recogniser.notes)


def _key(text: str) -> str:
    return arabic_digits(squeeze(text)).lower()


def _part_of(line: Line) -> str | None:
    """Which part a line opens, by its words: foreword, contents, group_roles, duties,
    standard, process_label, references, legend; None for any other line."""
    key = _key(line.body if line.label and not line.label.numbered else line.text)
    plain = _key(line.text)
    if plain in ("คำนำ",):
        return "foreword"
    if plain in ("สารบัญ", "สารบัญเรื่อง"):
        return "contents"
    if key.startswith(("บทบาทหน้าที่", "บทบาทและหน้าที่", "อำนาจหน้าที่")) and len(key) < 120:
        return "group_roles"
    if key.startswith(("งานในหน้าที่รับผิดชอบ", "หน้าที่ความรับผิดชอบ", "ภาระงานที่รับผิดชอบ",
                       "การดำเนินงานตามบทบาทหน้าที่", "หน้าที่รับผิดชอบ")) and len(key) < 80:
        return "duties"
    if plain.startswith("มาตรฐานการปฏิบัติงาน") and len(plain) < 80:
        return "standard"
    if plain.startswith("เรื่อง") and line.heading:
        return "standard_title"
    if plain.startswith(("คู่มือขั้นตอน", "คู่มือกระบวนการ")) and len(plain) < 60:
        return "process_label"
    if plain in ("เอกสารอ้างอิง", "บรรณานุกรม") or plain.startswith("เอกสารอ้างอิง:"):
        return "references"
    if plain.startswith("คำอธิบายสัญลักษณ์"):
        return "legend"
    return None


def _section_of(line: Line) -> tuple[str, str] | None:
    """(field, title) of a process section heading "N. title", or None."""
    if line.label is None or line.label.kind not in ("decimal", "number", "paren"):
        return None
    if not line.label.numbers or line.label.numbers[0] > 12 or len(line.body) > 90:
        return None
    body = line.body
    title = body.split(":")[0].strip() if ":" in body else body
    key = _key(title)
    for name, words in SECTION_WORDS:
        if any(key.startswith(_key(w)) or (len(key) < 40 and _key(w) in key) for w in words):
            return name, title.strip()
    return None


@dataclass
class _Process:
    label: str | None = None
    title_lines: list[str] = field(default_factory=list)
    sections: list[tuple[str, str, list[Item], Line]] = field(default_factory=list)


class _Recogniser:
    def __init__(self, items: list[Item]):
        self.items = items
        self.notes: list[Note] = []
        self.cover: list[Line] = []
        self.foreword: list[Line] = []
        self.group_roles: list[Item] = []
        self.group_roles_title: str | None = None
        self.duties: list[Item] = []
        self.duties_title: str | None = None
        self.standards: list[tuple[str, Grid]] = []
        self.processes: list[_Process] = []
        self.references: list[Item] = []
        self.sections: list[tuple[str, list[Item]]] = []
        self.loose: list[list[Item]] = []
        self.fiscal_year: int | None = None
        self.digit_votes = [0, 0]  # Thai, Arabic

    # -- walking the lines ------------------------------------------------------------------
    def run(self) -> None:
        state = "cover"
        current: list[Item] = self.cover  # type: ignore[assignment]
        process: _Process | None = None
        pending_label: str | None = None
        standard_title: str | None = None
        previous_grid: Grid | None = None
        for item in self.items:
            self._vote(item)
            if isinstance(item, Line) and (item.text or item.shapes):
                previous_grid = None
            if isinstance(item, Grid):
                if previous_grid is not None and _width(previous_grid) == _width(item):
                    # the same table again after a page break, its header typed again
                    previous_grid.rows.extend(item.rows)
                    continue
                previous_grid = item
                kind = _grid_kind(item)
                if kind == "standard":
                    title = standard_title or (self._title_before(current) or "")
                    self.standards.append((title, item))
                    standard_title = None
                    state, current = "after_standard", self._bucket()
                elif kind == "summary" and process is not None:
                    process.sections.append(("summary_table", "", [item], Line("", "")))
                elif kind != "legend":
                    current.append(item)
                continue
            line = item
            part = _part_of(line)
            section = _section_of(line)
            if section and section[0] == "name" and line.label and line.label.numbers == (1,):
                # a process starts: its title is the heading lines just before it
                process = _Process(pending_label)
                pending_label = None
                process.title_lines = self._take_title(current, state)
                self.processes.append(process)
                state = "process"
            if state == "process" and process is not None and section:
                process.sections.append((section[0], section[1], [], line))
                current = process.sections[-1][2]
                continue
            if part == "legend":
                state, current = ("process" if state == "process" else "loose"), []
                continue
            if part == "standard_title":
                standard_title = _strip_word(line.text, "เรื่อง")
                continue
            if part is None or (state == "process" and part == "foreword"):
                if line.heading and not line.label and state not in (
                        "cover", "process", "contents", "pre_process") and line.text:
                    self.sections.append((line.text, []))
                    state, current = "section", self.sections[-1][1]
                    continue
                current.append(line)
                continue
            if part == "foreword":
                state, current = "foreword", self.foreword  # type: ignore[assignment]
            elif part == "contents":
                state, current = "contents", []
            elif part == "group_roles":
                state, current = "group_roles", self.group_roles
                self.group_roles_title = line.text
            elif part == "duties":
                state, current = "duties", self.duties
                self.duties_title = line.text
            elif part == "standard":
                rest = _strip_word(line.text, "มาตรฐานการปฏิบัติงาน")
                if rest.startswith("เรื่อง"):
                    standard_title = _strip_word(rest, "เรื่อง")
                state, current = "standard", self._bucket()
            elif part == "process_label":
                pending_label = line.text
                state, current = "pre_process", self._bucket()
                process = None
            elif part == "references":
                state, current = "references", self.references
                rest = line.text.split(":", 1)[1].strip() if ":" in line.text else ""
                if rest:
                    current.append(Line(rest, rest))

    def _bucket(self) -> list[Item]:
        """A list for lines that belong to no part; what is left in it at the end is kept
        as a free-form section."""
        bucket: list[Item] = []
        self.loose.append(bucket)
        return bucket

    def _title_before(self, current: list[Item]) -> str | None:
        lines = [ln for ln in current if isinstance(ln, Line) and ln.text]
        return lines[-1].text if lines else None

    def _take_title(self, current: list[Item], state: str) -> list[str]:
        """The heading lines at the end of ``current`` (the process's title), removed from
        it; a plain last line when no heading line is there (noted)."""
        taken: list[str] = []
        while current and isinstance(current[-1], Line) and (
                current[-1].heading or state == "pre_process") and current[-1].text:
            taken.insert(0, current.pop().text)  # type: ignore[union-attr]
        if not taken and current and isinstance(current[-1], Line) and current[-1].text and \
                current[-1].label is None and len(current[-1].text) < 120:
            line = current.pop()
            assert isinstance(line, Line)
            taken = [line.text]
            self.notes.append(Note(("processes", len(self.processes)), "ใช้บรรทัดก่อน "
                                   f"\"1. ชื่องาน\" เป็นชื่อเรื่อง: \"{line.text[:40]}\" (เดาเอา)"))
        return taken

    def _vote(self, item: Item) -> None:
        texts = [item.text] if isinstance(item, Line) else [c for r in item.texts() for c in r]
        for text in texts:
            self._vote_text(text)

    def _vote_text(self, text: str) -> None:
        if re.search(r"https?://|www\.|@", text):
            return
        self.digit_votes[0] += len(re.findall("[๐-๙]", text))
        self.digit_votes[1] += len(re.findall("[0-9]", text))
        match = re.search(r"ปีงบประมาณ\s*(?:พ\.ศ\.)?\s*([0-9๐-๙]{4})", text)
        if match and self.fiscal_year is None:
            year = int(arabic_digits(match.group(1)))
            if 2500 <= year <= 2700:
                self.fiscal_year = year

    # -- building content ---------------------------------------------------------------------
    def office(self) -> dict[str, Any]:
        name = next((ln.text for ln in self.cover
                     if ln.text.startswith("สำนักงานเขตพื้นที่การศึกษา")), None)
        if name is None:
            name = "สำนักงานเขตพื้นที่การศึกษา"
            self.notes.append(Note((), "ไม่พบชื่อสำนักงานเขตพื้นที่การศึกษาบนปก: แก้ใน office.yaml"))
        name = " ".join(name.split())
        office: dict[str, Any] = {"name": name, "short_name": short_name(name),
                                  "digits": "thai" if self.digit_votes[0] >= self.digit_votes[1]
                                  else "arabic"}
        return office

    def staff(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        cover = _Cover(self.cover)
        out["name"] = cover.name or self._missing("name", "ชื่อผู้จัดทำ")
        out["position"] = cover.position or self._missing("position", "ตำแหน่ง")
        if cover.level:
            out["level"] = cover.level
        out["group"] = cover.group or self._missing("group", "กลุ่ม")
        if cover.work_unit:
            out["work_unit"] = cover.work_unit
        cover_data: dict[str, Any] = {}
        if cover.title and cover.title != "คู่มือการปฏิบัติงาน":
            cover_data["title"] = cover.title
        if cover.subtitle:
            cover_data["subtitle"] = cover.subtitle
        if cover.items:
            cover_data["items"] = cover.items
        if cover_data:
            out["cover"] = cover_data
        for line in cover.unused:
            self.notes.append(Note(("cover",), f"บรรทัดบนปกที่ไม่ได้ใช้: \"{line[:50]}\""))
        if self.foreword:
            out["foreword"] = self._foreword()
        if self.group_roles:
            out["group_roles"] = self._list_part(self.group_roles, self.group_roles_title,
                                                 "group_roles")
        if self.duties:
            out["duties"] = self._list_part(self.duties, self.duties_title, "duties")
        if self.standards:
            out["work_standards"] = [self._standard(i, t, g)
                                     for i, (t, g) in enumerate(self.standards)]
        if self.processes:
            out["processes"] = [self._process(i, p) for i, p in enumerate(self.processes)]
            for i, process in enumerate(out["processes"]):
                self.notes.append(Note(("processes", i), "นำเข้าเป็นคู่มือขั้นตอนการดำเนินงาน "
                                       f"\"{process['name'][:40]}\" จากหัวข้อ 1. ถึง "
                                       f"{len(self.processes[i].sections)} ที่พบ"))
        if self.references:
            out["references"] = blocks_of(self.references, outline=False)
        sections = list(self.sections)
        loose = [it for bucket in self.loose for it in bucket
                 if not isinstance(it, Line) or it.text]
        if loose:
            sections.append((UNPLACED_TITLE, loose))
            self.notes.append(Note(("sections",), f"ข้อความ {len(loose)} ย่อหน้าที่ไม่รู้ว่าอยู่"
                                                  f"ส่วนใด เก็บไว้ในส่วน \"{UNPLACED_TITLE}\""))
        if sections:
            out["sections"] = [self._section(t, items) for t, items in sections]
            for i, (title, _) in enumerate(self.sections):
                self.notes.append(Note(("sections", i), f"\"{title[:40]}\" ไม่ใช่ส่วนที่รู้จัก "
                                                        "เก็บเป็นส่วนอิสระทั้งส่วน"))
        return out

    def _section(self, title: str, items: list[Item]) -> dict[str, Any]:
        lines = list(items)
        section: dict[str, Any] = {"title": title}
        if lines and isinstance(lines[0], Line) and lines[0].centered and lines[0].heading:
            first = lines.pop(0)
            assert isinstance(first, Line)
            section["subtitle"] = first.text
        section["text"] = blocks_of(lines, outline=False) or ["-"]
        return section

    def _missing(self, key: str, what: str) -> str:
        self.notes.append(Note((key,), f"ไม่พบ{what}บนปก: กรอกเอง"))
        return "-"

    def _foreword(self) -> dict[str, Any]:
        lines = [ln for ln in self.foreword if isinstance(ln, Line) and ln.text]
        signature: list[str] = []
        while lines and len(lines[-1].text) < 70 and len(signature) < 3 and not \
                lines[-1].text.endswith(("ครับ", "ค่ะ")):
            signature.insert(0, lines.pop().text)
        out: dict[str, Any] = {"text": [ln.text for ln in lines] or ["-"]}
        signature = [s for s in signature if not re.fullmatch(r"[(\s]*[)\s]*", s)]
        if signature:
            names = [s for s in signature if re.match(r"\(?(นาย|นาง|นางสาว|ว่าที่|ดร)", s)]
            if names:
                out["signature_name"] = names[0].strip("() ")
                rest = signature[signature.index(names[0]) + 1:]
                if rest:
                    out["signature_position"] = " ".join(rest)
            self.notes.append(Note(("foreword",), "บรรทัดท้ายคำนำใช้เป็นผู้ลงนาม (เดาเอา)"))
        return out

    def _list_part(self, items: list[Item], title: str | None, key: str) -> dict[str, Any]:
        lines = [it for it in items if isinstance(it, Line) and it.text]
        intro: list[str] = []
        subtitle = None
        while lines and lines[0].label is None:
            first = lines.pop(0)
            if first.centered and subtitle is None and not intro:
                subtitle = first.text
            else:
                intro.append(first.text)
        part: dict[str, Any] = {}
        if title:
            part["title"] = title
        if subtitle:
            part["subtitle"] = subtitle
        if intro:
            part["intro"] = intro
        listed, style, extra = items_of(lines)
        part["items"] = listed or [{"text": "-"}]
        if style != "decimal":
            part["style"] = style
        for text in extra:
            self.notes.append(Note((key,), f"บรรทัดต่อจากรายการ รวมเข้ากับข้อก่อนหน้า: "
                                           f"\"{text[:40]}\" (เดาเอา)"))
        return part

    def _standard(self, index: int, title: str, grid: Grid | None) -> dict[str, Any]:
        number = None
        match = re.match(r"\s*([0-9๐-๙]+)\s*[.)]\s*(.*)", title)
        if match:
            number, title = int(arabic_digits(match.group(1))), match.group(2)
        out: dict[str, Any] = {"title": title.strip() or "-"}
        if number is not None:
            out["number"] = number
        rows: list[dict[str, Any]] = []
        if grid is not None:
            header, columns = _header(grid, ("ที่", "กิจกรรม", "มาตรฐาน"))
            for row in grid.rows[header + 1:]:
                cells = [row[c] if c is not None and c < len(row) else [] for c in columns]
                texts = [" ".join(ln.text for ln in cell) for cell in cells]
                if _is_repeated_header(texts, ("กิจกรรม", "มาตรฐาน")):
                    self.notes.append(Note(("work_standards", index), "แถวหัวตารางที่พิมพ์ซ้ำ"
                                                                      "ข้ามหน้า ไม่นำเข้า"))
                    continue
                activity = blocks_of(cells[1], outline=True)
                standard = blocks_of(cells[2], outline=True)
                if not activity and not standard:
                    continue
                if rows and not texts[0].strip():  # a row split over a page break
                    rows[-1]["activity"] += activity
                    rows[-1]["standard"] += standard
                    self.notes.append(Note(("work_standards", index, "rows", len(rows) - 1),
                                           "แถวที่ไม่มีเลขลำดับ รวมกับแถวก่อนหน้า (แถวขาดข้ามหน้า)"))
                    continue
                rows.append({"activity": activity or ["-"], "standard": standard})
            self.notes.append(Note(("work_standards", index),
                                   "ตารางนี้นำเข้าเป็นมาตรฐานการปฏิบัติงาน (เดาจากหัวตาราง)"))
        out["rows"] = rows or [{"activity": ["-"]}]
        return out

    def _process(self, index: int, process: _Process) -> dict[str, Any]:
        here = ("processes", index)
        out: dict[str, Any] = {}
        if process.label:
            out["label"] = process.label
        title = " ".join(process.title_lines).strip()
        sections = {name: (title_text, items, line)
                    for name, title_text, items, line in process.sections}
        name = ""
        if "name" in sections:
            _, items, line = sections["name"]
            after = line.body.split(":", 1)[1].strip() if ":" in line.body else ""
            texts = [it.text for it in items if isinstance(it, Line) and it.text]
            name = after or (texts[0] if texts else "")
            extra = texts if after else texts[1:]
            if extra:
                self.sections.append((f"{name or title}: ชื่องาน (ข้อความเพิ่มเติม)",
                                      [Line(t, t) for t in extra]))
                self.notes.append(Note((*here, "name"), "ชื่องานมีหลายบรรทัด: บรรทัดแรกเป็น"
                                                        "ชื่องาน ที่เหลือเก็บไว้ในส่วนท้าย"))
        name = name or title or "-"
        out["name"] = name
        if title and squeeze(title) != squeeze(name):
            out["title"] = title
        defaults = SectionTitles()
        titles: dict[str, str] = {}
        for key, (title_text, _, _) in sections.items():
            if key in SectionTitles.model_fields and squeeze(title_text) != squeeze(
                    getattr(defaults, key)):
                titles[key] = title_text
        objectives = sections.get("objectives")
        out["objectives"] = blocks_of(objectives[1], outline=True) if objectives else ["-"]
        if not objectives:
            self.notes.append(Note((*here, "objectives"), "ไม่พบหัวข้อวัตถุประสงค์"))
        if "scope" in sections:
            out["scope"] = blocks_of(sections["scope"][1], outline=True)
        if "definitions" in sections:
            definitions, style, leftover = definitions_of(sections["definitions"][1])
            out["definitions"] = definitions
            if style != "none":
                out["definition_style"] = style
            for text in leftover:
                self.notes.append(Note((*here, "definitions"),
                                       f"บรรทัดที่ไม่มีคำว่า \"หมายถึง\" เก็บไว้ในส่วนท้าย: "
                                       f"\"{text[:40]}\""))
            if leftover:
                self.sections.append((f"{name}: คำจำกัดความ (ข้อความเพิ่มเติม)",
                                      [Line(t, t) for t in leftover]))
        steps, step_style = steps_of(sections["steps"][1]) if "steps" in sections else ([], "")
        if not steps:
            steps = [{"text": "-"}]
            self.notes.append(Note((*here, "steps"), "ไม่พบขั้นตอนการปฏิบัติงาน"))
        if step_style and step_style != "outline":
            out["step_style"] = step_style
        flow = sections.get("flowchart")
        if flow:
            self._decisions(steps, flow[1], here)
            captions = [it.text for it in flow[1] if isinstance(it, Line) and it.text]
            if captions:
                out["flowchart_caption"] = " ".join(captions)
        out["steps"] = steps
        for key in ("expected_results", "forms", "references"):
            if key in sections:
                out[key] = blocks_of(sections[key][1], outline=True)
        summary_grid = next((it for n, _, items, _ in process.sections if n == "summary_table"
                             for it in items if isinstance(it, Grid)), None)
        if summary_grid is None and "summary" in sections:
            summary_grid = next((it for it in sections["summary"][1] if isinstance(it, Grid)),
                                None)
        if summary_grid is not None:
            out["summary"] = self._summary(summary_grid, steps, here)
        if titles:
            out["titles"] = titles
        return out

    def _decisions(self, steps: list[dict[str, Any]], items: list[Item], here: tuple) -> None:
        """Steps whose text a diamond of the drawn flowchart holds become decisions."""
        shapes = [s for it in items if isinstance(it, Line) for s in it.shapes]
        diamonds = [s.text for s in shapes if s.kind in DECISION_SHAPES and s.text]
        for text in diamonds:
            key = _key(text)
            for path, step in _walk_steps(steps, (*here, "steps")):
                if step.get("steps") or step.get("kind") == "decision":
                    continue
                step_key = _key(step["text"])
                if key and (key in step_key or step_key in key):
                    step["kind"] = "decision"
                    self.notes.append(Note(path, "รูปข้าวหลามตัดในผังงาน: ขั้นตอนนี้เป็นการตัดสินใจ"))
                    break

    def _summary(self, grid: Grid, steps: list[dict[str, Any]], here: tuple) -> dict[str, Any]:
        summary: dict[str, Any] = {}
        header, columns = _header(grid, ("ลำดับ", "ผัง", "รายละเอียด", "เวลา", "มาตรฐาน",
                                         "ผู้รับผิดชอบ"))
        for row in grid.rows[:max(header, 0)]:
            for cell in row:
                text = " ".join(ln.text for ln in cell)
                if text.startswith("ชื่องาน"):
                    summary["name"] = _strip_word(text, "ชื่องาน").lstrip(": ").strip()
                elif text.startswith("วัตถุประสงค์"):
                    summary["objective"] = _strip_word(text, "วัตถุประสงค์").lstrip(": ").strip()
                elif text.startswith("รหัสเอกสาร"):
                    code = _strip_word(text, "รหัสเอกสาร").strip()
                    if code:
                        summary["document_code"] = code
        rows: list[dict[str, Any]] = []
        for row in grid.rows[header + 1:]:
            texts = [" ".join(ln.text for ln in row[c]) if c is not None and c < len(row)
                     else "" for c in columns]
            first = " ".join(" ".join(ln.text for ln in cell) for cell in row[:1])
            if _is_repeated_header(texts, ("รายละเอียด", "ผู้รับผิดชอบ")) or \
                    first.startswith(("ชื่องาน", "วัตถุประสงค์")):
                continue
            if not any(t.strip() for t in texts[2:]):
                continue
            if rows and not texts[0].strip() and rows[-1]:
                for key, text in zip(("detail", "duration", "standard", "responsible"),
                                     texts[2:6], strict=False):
                    if text:
                        rows[-1][key] = (rows[-1].get(key, "") + " " + text).strip()
                continue
            entry = {k: v for k, v in zip(("detail", "duration", "standard", "responsible"),
                                          texts[2:6], strict=False) if v}
            rows.append(entry)
        top = steps
        if len(rows) == len(top) and rows:
            self.notes.append(Note((*here, "steps"), "ตารางสรุปมาตรฐานงาน: เวลา มาตรฐาน และ"
                                                     "ผู้รับผิดชอบ ใส่ให้ขั้นตอนตามลำดับแถว"))
            for step, form_row in zip(top, rows, strict=True):
                if squeeze(form_row.get("detail", "")) != squeeze(step["text"]):
                    step["detail"] = form_row.get("detail", "")
                for key in ("duration", "standard", "responsible"):
                    if form_row.get(key):
                        step[key] = form_row[key]
        elif rows:
            summary["rows"] = [{"detail": r.get("detail", "-"), **{k: v for k, v in r.items()
                                                                  if k != "detail"}}
                               for r in rows]
            self.notes.append(Note((*here, "summary"), f"แบบฟอร์มสรุปมี {len(rows)} แถว ไม่เท่ากับ"
                                                       f"ขั้นตอน ({len(top)}) จึงเก็บแถวไว้ตามแบบฟอร์ม"))
        return summary


@dataclass
class _Cover:
    lines: list[Line]
    name: str | None = None
    position: str | None = None
    level: str | None = None
    group: str | None = None
    work_unit: str | None = None
    title: str | None = None
    subtitle: str | None = None
    items: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for line in self.lines:
            text = " ".join(line.text.replace(">", " ").replace("<", " ").split())
            if not text:
                continue
            plain = re.sub(r"^(ชื่อ|ของ|โดย)\s*[:]?\s*", "", text)
            if self.name is None and re.match(r"(นาย|นาง|นางสาว|ว่าที่|ดร\.)\S", plain):
                self.name, rest = _name_and_rest(plain)
                if rest.startswith("ตำแหน่ง") and self.position is None:
                    self._position(rest)
                continue
            if text.startswith("ตำแหน่ง"):
                if self.position is None:
                    self._position(text)
                continue
            if text.startswith("กลุ่มงาน"):
                rest = _strip_word(text, "กลุ่มงาน")
                if " กลุ่ม " in f" {rest} ":
                    unit, _, group = rest.partition(" กลุ่ม ")
                    self.work_unit = self.work_unit or unit.strip() or None
                    self.group = self.group or ("กลุ่ม" + group.strip() if not group.strip()
                                                .startswith("กลุ่ม") else group.strip())
                elif self.group is None and rest.startswith("กลุ่ม"):
                    self.group = rest
                else:
                    self.work_unit = self.work_unit or text
                continue
            if text.startswith("กลุ่ม"):
                if self.group is None:
                    self.group = text
                elif self.subtitle is None and text != self.group:
                    self.subtitle = text
                continue
            if text.startswith(("สำนักงานเขตพื้นที่", "สำนักงานคณะกรรมการ", "กระทรวง")):
                continue
            if text.startswith("คู่มือ") and self.title is None:
                self.title = text
                continue
            if line.label and line.label.kind == "bullet":
                self.items.append(line.body)
                continue
            if text.startswith("ปีงบประมาณ"):
                continue
            if self.subtitle is None and len(text) < 100:
                self.subtitle = text
                continue
            if self.position and text in LEVELS:
                self.level = text
                continue
            self.unused.append(text)

    def _position(self, text: str) -> None:
        rest = _strip_word(text, "ตำแหน่ง").lstrip(":").strip()
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
        self.position = rest or None
        self.level = level


def _name_and_rest(text: str) -> tuple[str, str]:
    """("นาง ก ข", "ตำแหน่ง …") from "นาง ก ข ตำแหน่ง …": a name is the title word and two
    words; what follows is kept."""
    match = re.match(r"(\S+\s+\S+)(?:\s+(.*))?$", text)
    if not match:
        return text, ""
    rest = match.group(2) or ""
    if rest and not rest.startswith("ตำแหน่ง") and len(rest.split()) == 1 and \
            not rest.startswith("กลุ่ม"):
        return f"{match.group(1)} {rest}", ""
    return match.group(1), rest


def short_name(name: str) -> str:
    """The office's short name: สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพะเยา เขต 2 →
    สพป.พะเยา เขต 2 (มัธยมศึกษา: สพม.)."""
    for long, short in (("สำนักงานเขตพื้นที่การศึกษาประถมศึกษา", "สพป."),
                        ("สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา", "สพม.")):
        if name.startswith(long):
            return short + name[len(long):].strip()
    return name


def _strip_word(text: str, word: str) -> str:
    text = text.strip()
    return text[len(word):].strip() if text.startswith(word) else text


def _width(grid: Grid) -> int:
    return max((len(row) for row in grid.rows), default=0)


def _grid_kind(grid: Grid) -> str | None:
    head = _key(" ".join(" ".join(r) for r in grid.texts()[:4]))
    if "คำอธิบายสัญลักษณ์" in head or ("จุดเริ่มต้น" in head and "การตัดสินใจ" in head):
        return "legend"
    if "ลำดับ" in head and ("รายละเอียด" in head or "ผังขั้นตอน" in head):
        return "summary"
    if "กิจกรรม" in head and "มาตรฐาน" in head:
        return "standard"
    return None


def _header(grid: Grid, words: tuple[str, ...]) -> tuple[int, list[int | None]]:
    """(index of the header row, the grid column of each of ``words``)."""
    texts = grid.texts()
    for r, row in enumerate(texts[:6]):
        keys = [_key(c) for c in row]
        found = [next((i for i, k in enumerate(keys) if k.startswith(_key(w)) or _key(w) in k),
                      None) for w in words]
        if sum(f is not None for f in found) >= max(2, len(words) - 2):
            return r, found
    return -1, list(range(len(words)))


def _is_repeated_header(texts: list[str], words: tuple[str, ...]) -> bool:
    joined = _key(" ".join(texts))
    return all(_key(w) in joined for w in words) and len(joined) < 120


def _walk_steps(steps: list[dict[str, Any]], path: tuple) -> list[tuple[tuple, dict[str, Any]]]:
    out = []
    for i, step in enumerate(steps):
        out.append(((*path, i), step))
        out.extend(_walk_steps(step.get("steps", []), (*path, i, "steps")))
    return out


# -- lists -------------------------------------------------------------------------------------

def _depth(label: Label, base: int) -> int:
    if label.kind == "outline":
        return max(len(label.numbers) - base, 0)
    return 0


def items_of(lines: list[Line]) -> tuple[list[dict[str, Any]], str, list[str]]:
    """Nested list items from labelled lines; (items, style of the top level, texts of
    unlabelled lines joined to the item before them)."""
    labelled = [ln for ln in lines if ln.label is not None]
    if not labelled:
        return [{"text": ln.text} for ln in lines], "none", []
    outlines = [len(ln.label.numbers) for ln in labelled if ln.label and
                ln.label.kind == "outline"]
    numbered_top = any(ln.label.kind in ("decimal", "paren", "number") for ln in labelled
                       if ln.label)
    base = 1 if numbered_top or not outlines else min(outlines)
    top_kind = labelled[0].label.kind if labelled[0].label else "bullet"
    style = {"decimal": "decimal", "number": "decimal", "paren": "paren", "outline": "outline",
             "bullet": "bullet", "check": "check", "letter": "bullet"}[top_kind]
    if top_kind == "outline" and base > 1:
        style = "outline"
    items: list[dict[str, Any]] = []
    stack: list[tuple[int, dict[str, Any]]] = []
    joined: list[str] = []
    for line in lines:
        if line.label is None:
            if stack:
                stack[-1][1]["text"] += " " + line.text
                joined.append(line.text)
            else:
                items.append({"text": line.text})
            continue
        label = line.label
        if label.kind in ("bullet", "check", "letter"):
            numbered_open = [d for d, it in stack if it.get("_numbered")]
            depth = (stack[-1][0] if stack and not stack[-1][1].get("_numbered")
                     else (stack[-1][0] + 1 if stack else 0))
            if not numbered_open and not stack:
                depth = 0
        else:
            depth = _depth(label, base) if label.kind == "outline" else 0
            if label.kind == "outline" and not numbered_top:
                depth = len(label.numbers) - base
        item: dict[str, Any] = {"text": line.body, "_numbered": label.numbered}
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if stack:
            parent = stack[-1][1]
            parent.setdefault("items", []).append(item)
            if label.kind in ("bullet", "check") and parent.get("_numbered"):
                parent["style"] = "bullet" if label.kind == "bullet" else "check"
        else:
            items.append(item)
        stack.append((depth, item))
    _clean(items)
    return items, style, joined


def _clean(items: list[dict[str, Any]]) -> None:
    for item in items:
        item.pop("_numbered", None)
        if "items" in item:
            _clean(item["items"])


def blocks_of(items: Sequence[Item], outline: bool) -> list[Any]:
    """Rich-text blocks from lines (and tables, kept as lines of text): paragraphs, and
    lists where lines are labelled ("numbered" for numbers, "bullets" for dashes)."""
    out: list[Any] = []
    run: list[Line] = []

    def flush() -> None:
        if not run:
            return
        listed, style, _ = items_of(run)
        kind = "bullets" if style in ("bullet",) else ("checklist" if style == "check"
                                                       else "numbered")
        block: dict[str, Any] = {kind: listed}
        if kind == "numbered" and style == "paren":
            block["style"] = "paren"
        elif kind == "numbered" and style == "decimal" and outline:
            block["style"] = "decimal"
        out.append(block)
        run.clear()

    for item in items:
        if isinstance(item, Grid):
            flush()
            out.extend(" ".join(t for t in row if t) for row in item.texts() if any(row))
            continue
        if not item.text:
            continue
        if item.label is not None and item.label.kind != "number":
            run.append(item)
        elif run and item.label is None and not item.heading:
            run.append(item)
        else:
            flush()
            out.append(item.text)
    flush()
    return out


def definitions_of(items: list[Item]) -> tuple[list[dict[str, str]], str, list[str]]:
    """Definitions "term หมายถึง meaning" (quotes around the term dropped); the label style
    (outline when numbered 4.1 …, else none); lines without หมายถึง."""
    out: list[dict[str, str]] = []
    leftover: list[str] = []
    numbered = False
    for item in items:
        if not isinstance(item, Line) or not item.text:
            continue
        body = item.body if item.label else item.text
        if "หมายถึง" not in body:
            if out and not item.label:
                out[-1]["meaning"] += " " + item.text
                continue
            leftover.append(item.text)
            continue
        numbered = numbered or bool(item.label and item.label.numbered)
        term, _, meaning = body.partition("หมายถึง")
        term = term.strip()
        out.append({"term": term or "-", "meaning": meaning.strip() or "-"})
    return out, ("outline" if numbered else "none"), leftover


def steps_of(items: list[Item]) -> tuple[list[dict[str, Any]], str]:
    """Steps from section 5's lines: numbered lines are steps (nested by their numbers),
    other lines notes of the step before; (steps, step style)."""
    lines = [it for it in items if isinstance(it, Line) and it.text]
    steps: list[dict[str, Any]] = []
    stack: list[tuple[int, dict[str, Any]]] = []
    style = ""
    outline_base = None
    for line in lines:
        label = line.label
        if label is None or label.kind in ("bullet", "check", "letter"):
            if stack:
                note = line.body if label else line.text
                kind = "bullets" if label else None
                notes = stack[-1][1].setdefault("notes", [])
                if kind and notes and isinstance(notes[-1], dict) and kind in notes[-1]:
                    notes[-1][kind].append(note)
                elif kind:
                    notes.append({kind: [note]})
                else:
                    notes.append(note)
            else:
                steps.append({"text": line.body if label else line.text})
                stack = [(0, steps[-1])]
            continue
        if label.kind == "outline":
            if outline_base is None:
                outline_base = len(label.numbers)
            depth = len(label.numbers) - outline_base
            if not style:
                style = "outline"
            if style in ("paren", "decimal") and stack:
                depth = max(depth, 1)
        else:
            depth = 0
            if not style:
                style = "paren" if label.kind == "paren" else "decimal"
        step: dict[str, Any] = {"text": line.body}
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if stack:
            stack[-1][1].setdefault("steps", []).append(step)
        else:
            steps.append(step)
        stack.append((depth, step))
    return steps, style or "outline"
