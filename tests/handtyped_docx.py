"""Hand-typed Word manuals made from the seeds, as an office clerk would have typed them.

The seeds are text extracted from offices' Word files: tables as tab-separated rows, stray
HTML in cells, the drawn flowcharts lost.  This helper types them back into Word in two
styles, so that the importer meets what offices really send:

- ``typed``: direct formatting only (a heading is a bold 18 pt line, the cover bold and
  centred), list numbers typed as text ("5.1 ", "๑. ", "- "), tables as real tables;
- ``word``: Word's own list numbering (numbering.xml with the seed's digits, thaiNumbers or
  decimal, nested levels "%1.%2"), heading styles, empty paragraphs for spacing, page
  breaks before parts, body lines indented with tabs, long tables split with their header
  row typed again, and each process's flowchart drawn as shapes (DrawingML inside
  mc:AlternateContent with a VML fallback holding the same texts), with a diamond for each
  decision step of the transcription in ``content/``.

Test helper only.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from khumue.content.model import Process
from khumue.typeset.digits import arabic_digits
from khumue.typeset.flowchart import flowchart_of, leaf_steps
from khumue.typeset.flowlayout import Style, layout
from khumue.wordml.drawing import DrawingWriter
from khumue.wordml.oxml import el, paragraph, ppr, run

PART_WORDS = ("คำนำ", "สารบัญ", "บทบาทหน้าที่", "งานในหน้าที่รับผิดชอบ", "มาตรฐานการปฏิบัติงาน",
              "เรื่อง", "คู่มือขั้นตอน", "เอกสารอ้างอิง", "การดำเนินงานตามบทบาทหน้าที่",
              "ขั้นตอนและแนวปฏิบัติงาน")
SECTION_WORDS = ("ชื่อกระบวนการ", "ชื่องาน", "วัตถุประสงค์", "ขอบเขต", "คำจำกัดความ", "ขั้นตอน",
                 "Flow", "ผลสำเร็จ", "แบบฟอร์ม", "เอกสาร", "กฎหมาย")
_NUMBERED = re.compile(r"^\s*(?:[-•]\s*)?(\(?[0-9๐-๙]+(?:\.[0-9๐-๙]+)*[.)]?)\s+(.*)$")


def seed_blocks(seed: str) -> list[tuple[str, object]]:
    """The seed as blocks: ("line", text) and ("table", rows of cells, each a list of lines)."""
    out: list[tuple[str, object]] = []
    table: list[list[list[str]]] = []
    for raw in seed.splitlines():
        if "\t" in raw:
            table.append([cell_lines(c) for c in raw.split("\t")])
            continue
        if table:
            out.append(("table", table))
            table = []
        out.append(("line", raw.rstrip()))
    if table:
        out.append(("table", table))
    return out


def cell_lines(cell: str) -> list[str]:
    """A seed cell's HTML as the lines Word had: <p> paragraphs, " - " bullet runs, check
    boxes as ☐, links as their text."""
    text = cell.replace("<input type=\"checkbox\"/>", "\n☐ ")
    text = re.sub(r"</?p>|<br\s*/?>|</?li>", "\n", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text)
    if "list-style-type" in cell or text.lstrip().startswith("-"):  # a list of dashes
        text = re.sub(r"\s+-\s+(?=\S)", "\n- ", text)
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _is_heading(text: str, following: str) -> bool:
    plain = text.strip().strip("*#> ").strip()
    if text.lstrip().startswith(("#", "**")):
        return True
    if any(plain.startswith(w) for w in PART_WORDS) and len(plain) < 110:
        return True
    match = _NUMBERED.match(plain)
    if match and len(plain) < 60 and any(w in match.group(2) for w in SECTION_WORDS) and \
            "." in match.group(1) and match.group(1).count(".") == 1 and \
            match.group(1).endswith("."):
        return True
    return bool(following and re.match(r"^1\.\s*ชื่อ", following.strip())
                and len(plain) < 120 and not match)


ListState = tuple[str, int, str] | None  # the open list: kind, w:numId, section prefix


class _Typist:
    def __init__(self, style: str, processes: list[Process]):
        self.style = style
        self.document = Document()
        self.body = self.document.element.body
        for p in list(self.body.iterchildren(qn("w:p"))):
            self.body.remove(p)
        self.processes = processes
        self.flowcharts = 0
        self.num_ids: dict[str, int] = {}
        self.abstracts: dict[str, int] = {}
        self.in_cover = True
        self.ids = 1000
        self.thai = False

    # -- numbering ----------------------------------------------------------------------------
    def num_id(self, kind: str, prefix: str = "") -> int:
        """A w:num for a list kind: outline ("5.%1", the section number typed into the level
        text as Word users do), decimal (%1.), paren (%1)) or bullet; every call for a new
        list restarts it (a new w:num over the same abstractNum)."""
        numbering = self.document.part.numbering_part.element
        key = f"{kind}:{prefix}"
        if key not in self.abstracts:
            self.abstracts[key] = 900 + len(self.abstracts)
        abstract_id = self.abstracts[key]
        if numbering.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{abstract_id}']") \
                is None:
            fmt = "thaiNumbers" if self.thai else "decimal"
            levels = []
            for ilvl in range(4):
                if kind == "bullet":
                    level_fmt, text = "bullet", "-"
                elif kind == "outline":
                    head = (prefix + ".") if prefix else ""
                    level_fmt, text = fmt, head + ".".join(f"%{k}" for k in range(1, ilvl + 2))
                elif kind == "paren":
                    level_fmt, text = fmt, "%1)" if ilvl == 0 else f"%1.%{ilvl + 1}"
                else:
                    level_fmt, text = fmt, "%1." if ilvl == 0 else f"%1.%{ilvl + 1}"
                levels.append(
                    f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{level_fmt}"/>'
                    f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                    f'<w:pPr><w:ind w:left="{720 + 360 * ilvl}" w:hanging="360"/></w:pPr></w:lvl>')
            abstract = parse_xml(
                f'<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                f'main" w:abstractNumId="{abstract_id}">'
                f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>')
            first_num = numbering.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(abstract)
            else:
                numbering.append(abstract)
        num_id = 2000 + len(self.num_ids) + 1
        self.num_ids[f"{kind}{num_id}"] = num_id
        numbering.append(parse_xml(
            f'<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            f'w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        return num_id

    # -- typing ---------------------------------------------------------------------------------
    def type(self, blocks: list[tuple[str, object]]) -> Document:
        texts = [b[1] for b in blocks if b[0] == "line"]
        digits = "".join(str(t) for t in texts)
        self.thai = len(re.findall("[๐-๙]", digits)) > len(re.findall("[0-9]", digits))
        current_list: tuple[str, int, str] | None = None
        for i, (kind, value) in enumerate(blocks):
            if kind == "table":
                current_list = None
                self.table(value)  # type: ignore[arg-type]
                continue
            text = str(value)
            if not text.strip():
                if self.style == "word":
                    self._add(paragraph(ppr()))
                continue
            following = next((str(v) for k, v in blocks[i + 1:] if k == "line"
                              and str(v).strip()), "")
            if _is_heading(text, following):
                current_list = None
                self.in_cover = False
                self.heading(text.strip().strip("*#> ").strip())
                continue
            if self.in_cover:
                self.cover_line(text.strip())
                continue
            current_list = self.body_line(text, current_list)
        return self.document

    def cover_line(self, text: str) -> None:
        p = self.document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(text.replace(">>>>", "").replace("<<<<", "").strip())
        r.bold = True
        r.font.size = Pt(20)
        r._r.get_or_add_rPr().append(el("w:bCs"))

    def heading(self, text: str) -> None:
        flow = re.search(r"Flow\s*Chart", text) is not None
        if self.style == "word":
            match = _NUMBERED.match(text)
            level = 2 if match else 1
            p = self.document.add_paragraph(style=f"Heading {level}")
            if level == 1:
                p.paragraph_format.page_break_before = True
            p.add_run(text)
        else:
            p = self.document.add_paragraph()
            r = p.add_run(text)
            r.bold = True
            r.font.size = Pt(18)
            match = _NUMBERED.match(text)
            if not match:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if flow and self.style == "word" and self.flowcharts < len(self.processes):
            self.flowchart(self.processes[self.flowcharts])
            self.flowcharts += 1

    def body_line(self, text: str, current: ListState) -> ListState:
        match = _NUMBERED.match(text)
        bullet = re.match(r"^\s*[-•]\s+(.*)$", text)
        if self.style != "word" or not (match or bullet):
            p = self.document.add_paragraph()
            indent = "\t" if text.startswith(" ") and self.style == "word" else ""
            p.add_run(indent + text.strip())
            return None
        prefix = ""
        if match:
            label, body = match.group(1), match.group(2)
            parts = arabic_digits(label).strip("().").split(".")
            kind = "outline" if len(parts) > 1 else ("paren" if label.endswith(")") else "decimal")
            level = 0
            if kind == "outline":
                prefix = label.strip("().").rsplit(".", 1)[0]
            if kind == "outline" and current and current[0] in ("paren", "decimal"):
                kind, level, prefix = current[0], 1, ""
            first = arabic_digits(label).strip("().").split(".")[-1] == "1"
        else:
            kind, level, body, first = "bullet", 0, bullet.group(1) if bullet else text, False
        if current is None or first and level == 0 or current[0] != kind or \
                current[2] != prefix:
            if not (current and current[0] in ("paren", "decimal") and level == 1):
                current = (kind, self.num_id(kind, prefix), prefix)
        props = ppr()
        props.append(el("w:numPr", None, el("w:ilvl", {"val": str(level)}),
                        el("w:numId", {"val": str(current[1])})))
        self._add(paragraph(props, run(body)))
        return current

    def table(self, rows: list[list[list[str]]]) -> None:
        width = max(len(r) for r in rows)
        chunks = [rows]
        if self.style == "word" and len(rows) > 6:  # split over "pages", header typed again
            chunks = [rows[:4], [rows[0], *rows[4:]]]
        for chunk in chunks:
            table = self.document.add_table(rows=0, cols=width)
            table.style = "Table Grid"
            for row in chunk:
                cells = table.add_row().cells
                for cell, lines in zip(cells, row, strict=False):
                    cell.paragraphs[0].text = lines[0] if lines else ""
                    for line in lines[1:]:
                        cell.add_paragraph(line)
            if self.style == "word":
                self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def flowchart(self, process: Process) -> None:
        texts = {i: s.short or s.text for i, s in enumerate(leaf_steps(process.steps))}
        chart = flowchart_of(process, texts)
        for drawing in layout(chart, Style(14.0), 560.0):
            writer = DrawingWriter(self._id, lambda lines, size: paragraph(
                ppr(), run("\n".join(lines))))
            # DrawingML in mc:Choice, its VML copy in mc:Fallback, as Word writes them
            self._add(paragraph(ppr(), writer.inline(drawing, "flowchart", 14.0)))

    def _add(self, element: etree._Element) -> None:
        """Add a block before the body's final section properties, as python-docx does."""
        last = self.body.find(qn("w:sectPr"))
        if last is not None:
            last.addprevious(element)
        else:
            self.body.append(element)

    def _id(self) -> int:
        self.ids += 1
        return self.ids


def handtyped_docx(seed: str, style: str, processes: list[Process], path: Path) -> Path:
    """Type ``seed`` into a Word file at ``path`` in ``style`` ("typed" or "word"),
    drawing the flowcharts of ``processes`` (the transcription's) in the "word" style."""
    document = _Typist(style, processes).type(seed_blocks(seed))
    document.save(str(path))
    return path
