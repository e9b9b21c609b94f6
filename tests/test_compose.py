"""Compose below the build: a minimal staff member's typeset tree, its labels apart from its
text, where every block came from, the table of contents and the page numbering decided in
the tree."""

from __future__ import annotations

from pathlib import Path

import yaml

from khumue.content.model import Office, Staff
from khumue.content.templates import TemplateFolders
from khumue.typeset.compose import ManualContext, compose_manual
from khumue.typeset.doctree import (
    FlowchartFigure,
    Heading,
    Matter,
    PageNumberFormat,
    Para,
    Part,
    Table,
    TableOfContents,
)
from tests.conftest import ROOT

OFFICE = Office(name="สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต 1",
                short_name="สพป.ทดสอบ เขต 1", digits="thai")
STAFF = Staff.model_validate(yaml.safe_load("""
name: นางทดสอบ ใจดี
position: นักจัดการงานทั่วไป
level: ชำนาญการ
group: กลุ่มอำนวยการ
duties:
  items: [งานสารบรรณ, {text: งานประชุม, items: [จัดวาระ]}]
work_standards:
  - number: 4
    title: งานสารบรรณ
    rows:
      - activity: [รับหนังสือ, {numbered: [ลงทะเบียน, เสนอ]}]
        standard: ภายใน 1 วัน
processes:
  - name: งานรับหนังสือ
    objectives: เพื่อรับหนังสือ
    definitions: [{term: หนังสือ, meaning: หนังสือราชการ}]
    steps:
      - text: รับหนังสือ
        duration: 1 วัน
      - text: ลงทะเบียน
        steps: [ตรวจเอกสาร, บันทึกระบบ]
    references: [ระเบียบงานสารบรรณ พ.ศ. 2526]
"""))
DEFAULT_TEMPLATES = TemplateFolders((ROOT / "templates" / "default",))


def manual(office: Office = OFFICE, staff: Staff = STAFF):
    return compose_manual(staff, ManualContext(office, 2570, DEFAULT_TEMPLATES))


def paras(nodes) -> list[Para]:
    return [n for n in nodes if isinstance(n, Para)]


def test_steps_carry_their_label_apart_from_the_text_and_their_content_path():
    steps = {p.body_text: p for p in paras(manual().body) if p.origin
             and p.origin.part is Part.process and "steps" in p.origin.path}
    assert steps["รับหนังสือ"].label == "๔.๑"  # no scope: the steps are section 4
    assert steps["รับหนังสือ"].origin.field == "processes[1].steps[1]"
    assert steps["ตรวจเอกสาร"].label == "๔.๒.๑"
    assert steps["ตรวจเอกสาร"].origin.field == "processes[1].steps[2].steps[1]"
    assert steps["ตรวจเอกสาร"].level == 1


def test_standard_rows_and_cells_know_their_origin_and_heading_its_label():
    body = manual().body
    heading = next(n for n in body if isinstance(n, Heading) and n.origin
                   and n.origin.part is Part.work_standard)
    assert (heading.label, heading.text) == ("เรื่อง ๔.", "งานสารบรรณ")
    assert heading.display == "เรื่อง ๔. งานสารบรรณ"
    table = next(n for n in body if isinstance(n, Table) and n.origin
                 and n.origin.part is Part.work_standard)
    [row] = table.rows
    assert row.origin.field == "work_standards[1].rows[1]"
    activity = row.cells[1]
    assert activity.origin.field == "work_standards[1].rows[1].activity"
    assert [(p.label, p.body_text, p.origin.field) for p in activity.paras] == [
        (None, "รับหนังสือ", "work_standards[1].rows[1].activity[1]"),
        ("๑.", "ลงทะเบียน", "work_standards[1].rows[1].activity[2].numbered[1]"),
        ("๒.", "เสนอ", "work_standards[1].rows[1].activity[2].numbered[2]"),
    ]


def test_process_sections_are_numbered_in_order_with_the_number_as_label():
    sections = [(h.label, h.text) for h in manual().body
                if isinstance(h, Heading) and h.level == 2]
    assert sections == [("๑.", "ชื่อกระบวนการงาน"), ("๒.", "วัตถุประสงค์"),
                        ("๓.", "คำจำกัดความ"), ("๔.", "ขั้นตอนการปฏิบัติงาน"),
                        ("๕.", "Flow Chart การปฏิบัติงาน"), ("๖.", "เอกสาร/หลักฐานอ้างอิง"),
                        ("๗.", "แบบฟอร์มสรุปมาตรฐานงาน")]
    # the steps are section 4 here (no scope), so they are numbered 4.1 …
    [first] = [p for p in paras(manual().body) if p.body_text == "รับหนังสือ"
               and p.origin.part is Part.process and "steps" in p.origin.path]
    assert first.label == "๔.๑"


def test_the_table_of_contents_lists_every_level_one_heading_with_its_bookmark():
    doc = manual()
    headings = [h for _, h in doc.nodes() if isinstance(h, Heading) and h.level == 1]
    [toc] = [n for n in doc.front if isinstance(n, TableOfContents)]
    assert [e.text for e in toc.entries] == [h.display for h in headings]
    assert [e.bookmark for e in toc.entries] == [h.bookmark for h in headings]
    assert len({e.bookmark for e in toc.entries}) == len(toc.entries)
    assert [e.matter for e in toc.entries][:2] == [Matter.front, Matter.body]
    assert doc.bookmarks(Matter.front) == [headings[0].bookmark]
    assert toc.entries[0].text == "คำนำ"


def test_page_numbering_follows_the_office_digits():
    assert manual().numbering.body is PageNumberFormat.thai_numbers
    arabic = Office.model_validate({**OFFICE.model_dump(), "digits": "arabic"})
    doc = manual(office=arabic)
    assert doc.numbering.body is PageNumberFormat.decimal
    assert doc.numbering.front is PageNumberFormat.thai_letters


def test_cover_is_typed_and_in_the_office_digits():
    cover = manual().cover
    assert cover.position_line == "ตำแหน่ง นักจัดการงานทั่วไปชำนาญการ"
    assert cover.fiscal_year_line == "ปีงบประมาณ พ.ศ. ๒๕๗๐"
    assert cover.variables()["cover_items"] == []


def test_every_template_variable_of_the_cover_is_a_cover_field():
    from khumue.wordml.template import _BACK, _COVER

    used = {text.strip("{} ") for _, text in (*_COVER, *_BACK) if text.startswith("{{ ")}
    used = {"cover_items" if name == "item" else name for name in used}
    assert used <= set(manual().cover.variables())


def test_the_flowchart_comes_from_the_steps_and_says_so():
    [figure] = [n for n in manual().body if isinstance(n, FlowchartFigure)]
    assert figure.origin.field == "processes[1].steps"
    assert [n.text for n in figure.chart.nodes] == ["เริ่มต้น", "รับหนังสือ", "ตรวจเอกสาร",
                                                    "บันทึกระบบ", "สิ้นสุด"]


def test_generated_text_has_an_origin_without_a_content_path():
    doc = manual()
    foreword = [p for p in paras(doc.front) if p.origin and p.origin.part is Part.foreword]
    assert foreword and all(p.origin.path == () for p in foreword)
    assert any("นางทดสอบ ใจดี" in p.text for p in foreword)


def test_an_office_folder_with_only_a_foreword_template_is_used(tmp_path: Path):
    own = tmp_path / "test1"
    own.mkdir()
    (own / "foreword.txt.j2").write_text("คำนำของ {{ office_short_name }}", encoding="utf-8")
    default = ROOT / "templates" / "default"
    folders = TemplateFolders((own, default))
    doc = compose_manual(STAFF, ManualContext(OFFICE, 2570, folders))
    assert "คำนำของ สพป.ทดสอบ เขต ๑" in [p.text for p in paras(doc.front)]
    assert folders.find("manual.docx") == default / "manual.docx"
    assert TemplateFolders.for_office(tmp_path, "test1").folders == (own, tmp_path / "default")
    assert TemplateFolders.for_office(tmp_path, "other").folders == (tmp_path / "default",)
