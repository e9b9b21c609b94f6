"""A hand-typed process's steps: section 5's numbered lines (nested by their numbers, other
lines the notes of the step before), the drawn flowchart's diamonds (a step whose text a
diamond holds is a decision), and the standard summary form's table (its columns go into
the steps, row by row, or stay the form's own rows when they do not match)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from khumue.content.fieldpath import Loc
from khumue.content.model import (
    Block,
    Branch,
    ListStyle,
    SectionTitles,
    Step,
    StepKind,
    SummaryForm,
    SummaryRow,
)
from khumue.content.model import Item as ListItem
from khumue.importer.read.handtyped.parts import header_row, is_repeated_header, key, strip_word
from khumue.importer.read.lines import UNNUMBERED, Grid, Item, LabelKind, Line, parse_label
from khumue.importer.read.notes import Note
from khumue.importer.read.thairepair import is_cut_word
from khumue.importer.read.units import squeeze

DECISION_SHAPES = frozenset({"flowChartDecision", "diamond", "_x0000_t110", "_x0000_t4"})
FORM_COLUMNS = ("detail", "duration", "standard", "responsible")
SUMMARY_TITLE = SectionTitles().summary
COLUMN_WORDS = {"duration": "เวลาดำเนินการ", "standard": "มาตรฐาน", "responsible": "ผู้รับผิดชอบ"}


@dataclass
class StepDraft:
    """A step while the flowchart and the summary form may still add to it."""

    text: str
    depth: int = 0
    notes: list[str | list[str]] = field(default_factory=list)  # a line, or bullet lines
    steps: list[StepDraft] = field(default_factory=list)
    decision: bool = False
    approval: bool = False  # a decision to approve or not: its arrows say อนุมัติ / ไม่อนุมัติ
    form: dict[str, str] = field(default_factory=dict)  # FORM_COLUMNS → text

    def step(self) -> Step:
        notes = [Block(bullets=[ListItem(text=t) for t in n]) if isinstance(n, list)
                 else Block(text=n) for n in self.notes]
        detail = self.form.get("detail")
        return Step(text=self.text, notes=notes, steps=[s.step() for s in self.steps],
                    kind=StepKind.decision if self.decision else StepKind.activity,
                    yes=Branch(label="อนุมัติ") if self.approval else None,
                    no=Branch(label="ไม่อนุมัติ") if self.approval else None,
                    detail=detail if detail and detail != self.text else None,
                    duration=self.form.get("duration"), standard=self.form.get("standard"),
                    responsible=self.form.get("responsible"))

    def walk(self, path: Loc) -> Iterator[tuple[Loc, StepDraft]]:
        """This step and its sub-steps with their content paths, depth first."""
        yield path, self
        for i, child in enumerate(self.steps):
            yield from child.walk((*path, "steps", i))


@dataclass(frozen=True)
class StepsReading:
    steps: list[StepDraft]
    style: ListStyle


def steps_of(items: Sequence[Item]) -> StepsReading:
    """Steps from section 5's lines; the style of their labels (outline 5.1 …, decimal 1.,
    paren 1))."""
    lines = [it for it in items if isinstance(it, Line) and it.text]
    top: list[StepDraft] = []
    stack: list[StepDraft] = []
    style: ListStyle | None = None
    base: int | None = None
    for line in lines:
        label = line.label
        if label is None or label.kind in UNNUMBERED:
            if stack:
                _note(stack[-1], line.body if label else line.text, bullet=label is not None)
            else:
                top.append(StepDraft(line.body if label else line.text))
                stack = [top[-1]]
            continue
        depth = 0
        if label.kind is LabelKind.outline:
            base = len(label.numbers) if base is None else base
            depth = len(label.numbers) - base
            style = style or ListStyle.outline
            if style in (ListStyle.paren, ListStyle.decimal) and stack:
                depth = max(depth, 1)
        else:
            style = style or (ListStyle.paren if label.kind is LabelKind.paren
                              else ListStyle.decimal)
        draft = StepDraft(line.body, depth)
        while stack and stack[-1].depth >= depth:
            stack.pop()
        (stack[-1].steps if stack else top).append(draft)
        stack.append(draft)
    return StepsReading(top, style or ListStyle.outline)


def _note(step: StepDraft, text: str, bullet: bool) -> None:
    if bullet and step.notes and isinstance(step.notes[-1], list):
        step.notes[-1].append(text)
    else:
        step.notes.append([text] if bullet else text)


# A step worded as someone deciding ("…เพื่อให้ผู้มีอำนาจพิจารณาตัดสินใจ", "…พิจารณาอนุมัติ"):
# a decision, when a step follows it.
_DECIDING = ("ตัดสินใจ", "พิจารณาอนุมัติ", "พิจารณาสั่งการ")
_APPROVING = ("ผู้มีอำนาจ", "อนุมัติ")


def mark_worded_decisions(steps: list[StepDraft], here: Loc) -> list[Note]:
    """Steps worded as a decision, with a step after them, become decisions (changes
    ``steps``); one decided by an authority ("ผู้มีอำนาจ", "อนุมัติ") has its arrows
    labelled อนุมัติ / ไม่อนุมัติ.  A note for each (a guess from the wording)."""
    notes = []
    for path, step in (pair for i, s in enumerate(steps) for pair in s.walk((*here, "steps", i))):
        siblings = _siblings(steps, path, here)
        wording = key(step.text)
        if step.decision:  # a diamond in the drawing: its arrows may still be worded
            step.approval = step.approval or (any(w in wording for w in _DECIDING) and
                                              any(w in wording for w in _APPROVING))
            continue
        if step.steps or step is siblings[-1]:
            continue
        if any(w in wording for w in _DECIDING):
            step.decision = True
            step.approval = any(w in wording for w in _APPROVING)
            notes.append(Note(path, "ขั้นตอนนี้เขียนว่าเป็นการตัดสินใจ จึงเป็นรูปข้าวหลามตัดในผังงาน"
                                    " (เดาจากถ้อยคำ)"))
    return notes


def _siblings(steps: list[StepDraft], path: Loc, here: Loc) -> list[StepDraft]:
    """The list the step at ``path`` is in."""
    level = steps
    for i in range(len(here) + 1, len(path) - 1, 2):
        level = level[int(path[i])].steps
    return level


def mark_decisions(steps: list[StepDraft], flowchart: Sequence[Item],
                   here: Loc) -> list[Note]:
    """Steps whose text a diamond of the drawn flowchart holds become decisions (changes
    ``steps``); a note for each."""
    notes = []
    diamonds = [s.text for it in flowchart if isinstance(it, Line) for s in it.shapes
                if s.kind in DECISION_SHAPES and s.text]
    for text in diamonds:
        wanted = key(text)
        for path, step in (pair for i, s in enumerate(steps)
                           for pair in s.walk((*here, "steps", i))):
            if step.steps or step.decision:
                continue
            have = key(step.text)
            if wanted and (wanted in have or have in wanted):
                step.decision = True
                notes.append(Note(path, "รูปข้าวหลามตัดในผังงาน: ขั้นตอนนี้เป็นการตัดสินใจ"))
                break
    return notes


@dataclass(frozen=True)
class FormReading:
    """The summary form's header fields, and its rows when they did not go into the steps."""

    form: SummaryForm | None
    notes: list[Note]


def read_summary(grid: Grid, steps: list[StepDraft], here: Loc) -> FormReading:
    """Read the standard summary form ``grid``: header fields (ชื่องาน, วัตถุประสงค์,
    รหัสเอกสาร); its rows' columns go into ``steps`` (changed) when there are as many rows
    as top-level steps, else they are the form's own rows."""
    header, columns = header_row(grid, ("ลำดับ", "ผัง", "รายละเอียด", "เวลา", "มาตรฐาน",
                                        "ผู้รับผิดชอบ"))
    fields = _form_fields(grid, header)
    rows = _form_rows(grid, header, columns)
    cut = _cut_off(rows)
    form = SummaryForm(title=fields.get("title"), name=fields.get("name"),
                       objective=fields.get("objective"),
                       document_code=fields.get("document_code"))
    cut_notes = [Note((*here, "summary"), f"คอลัมน์ \"{COLUMN_WORDS[name]}\" ของแบบฟอร์มสรุปถูกตัด"
                                          f"ที่ขอบหน้า อ่านได้เพียง \"{' / '.join(seen)}\" จึงไม่"
                                          "นำเข้า: กรอกเอง")
                 for name, seen in cut.items()]
    if rows and len(rows) == len(steps):
        for step, row in zip(steps, rows, strict=True):
            step.form.update(row)
        notes = [Note((*here, "steps"), "ตารางสรุปมาตรฐานงาน: เวลา มาตรฐาน และผู้รับผิดชอบ "
                                        "ใส่ให้ขั้นตอนตามลำดับแถว"), *cut_notes]
        return FormReading(form, notes)
    if not rows:
        return FormReading(form, cut_notes)
    own = [SummaryRow(detail=r.get("detail", "-"), duration=r.get("duration"),
                      standard=r.get("standard"), responsible=r.get("responsible"))
           for r in rows]
    note = Note((*here, "summary"), f"แบบฟอร์มสรุปมี {len(rows)} แถว ไม่เท่ากับขั้นตอน "
                                    f"({len(steps)}) จึงเก็บแถวไว้ตามแบบฟอร์ม")
    return FormReading(form.model_copy(update={"rows": own}), [note, *cut_notes])


def _cut_off(rows: list[dict[str, str]]) -> dict[str, list[str]]:
    """The columns of the form's rows that the page edge cut off (a table wider than its
    page, as a PDF or a copy from one keeps it): every value short, and two or more of them
    with a word cut in the middle ("ผลลั", "สำนั").  Their values are taken out of ``rows``
    (changed); what was seen, by column."""
    out: dict[str, list[str]] = {}
    for name in FORM_COLUMNS[1:]:
        values = [row[name] for row in rows if row.get(name)]
        if sum(is_cut_word(v) for v in values) >= 2 and all(len(v) <= 24 for v in values):
            out[name] = values
            for row in rows:
                row.pop(name, None)
    return out


def _form_fields(grid: Grid, header: int) -> dict[str, str]:
    """The title rows above the form's header: its own heading ("9. สรุปมาตรฐาน…", when
    not the default wording), ชื่องาน, วัตถุประสงค์, รหัสเอกสาร."""
    out: dict[str, str] = {}
    for row in grid.rows[:max(header, 0)]:
        for cell in row:
            text = " ".join(ln.text for ln in cell)
            label, body = parse_label(text)
            if label and label.numbered and key(body).startswith("สรุปมาตรฐาน") and \
                    "title" not in out and squeeze(body) != squeeze(SUMMARY_TITLE):
                out["title"] = body
            for word, name in (("ชื่องาน", "name"), ("วัตถุประสงค์", "objective")):
                if text.startswith(word):
                    out[name] = strip_word(text, word).lstrip(": ").strip()
            if text.startswith("รหัสเอกสาร") and strip_word(text, "รหัสเอกสาร"):
                out["document_code"] = strip_word(text, "รหัสเอกสาร")
    return out


def _is_title_row(row: list[list[Line]], heading: set[str]) -> bool:
    """True for a row of the form's title again (its header, "9. สรุปมาตรฐาน…", a wrapped
    word of the objective), typed again on the form's next page: every cell that holds
    text holds a header word, or the row has one short text and the step columns are
    empty."""
    texts = [key(" ".join(ln.text for ln in cell)) for cell in row]
    filled = [t for t in texts if t]
    if filled and all(any(t.startswith(h) or h.startswith(t) for h in heading)
                      for t in filled):
        return True
    label, body = parse_label(" ".join(ln.text for cell in row for ln in cell))
    return len(filled) == 1 and (key(body).startswith(("สรุปมาตรฐาน", "ชื่องาน",
                                                        "วัตถุประสงค์")) or
                                 (label is None and len(filled[0]) < 20 and not texts[0]))


def _form_rows(grid: Grid, header: int, columns: list[int | None]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    heading = {key(t) for t in grid.texts()[header]} - {""} if header >= 0 else set()
    for row in grid.rows[header + 1:]:
        texts = [" ".join(ln.text for ln in row[c]) if c is not None and c < len(row) else ""
                 for c in columns]
        first = " ".join(ln.text for cell in row[:1] for ln in cell)
        if is_repeated_header(texts, ("รายละเอียด", "ผู้รับผิดชอบ")) or \
                _is_title_row(row, heading) or \
                first.startswith(("ชื่องาน", "วัตถุประสงค์")) or not any(
                t.strip() for t in texts[2:]):
            continue
        values = dict(zip(FORM_COLUMNS, texts[2:6], strict=False))
        if rows and not texts[0].strip():  # the row before, split over a page break
            for name, text in values.items():
                if text:
                    rows[-1][name] = (rows[-1].get(name, "") + " " + text).strip()
            continue
        rows.append({k: v for k, v in values.items() if v})
    return rows
