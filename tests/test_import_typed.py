"""What the importer reads in manuals typed by hand the way clerks really type them: covers
as label lines, lists typed inside one paragraph, summary forms with their own title rows,
and Thai text that a copy from a PDF broke.  Each test types a small manual in Word
(tests/typedmanual.py) and checks the fields that come back, and the notes the clerk gets."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from khumue.content import Paths
from khumue.content.templates import TemplateFolders
from khumue.importer.job import ImportOptions, import_files
from khumue.importer.read import import_docx
from khumue.importer.read.inline import split_items
from khumue.importer.read.notes import NoteKind
from khumue.importer.read.thairepair import RepairKind, ThaiRepair, is_cut_word
from khumue.typeset.thaiwords import thai_words
from tests.conftest import ROOT
from tests.typedmanual import TypedManual

TEMPLATES = TemplateFolders((ROOT / "templates" / "default",))
OFFICE = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาน่าน เขต ๑"


def _imported(manual: TypedManual, tmp_path: Path):
    return import_docx(manual.save(tmp_path / "typed.docx"), TEMPLATES)


def _repair(text: str) -> tuple[str, list]:
    return ThaiRepair(thai_words()).text(text)


# -- Thai text repair ----------------------------------------------------------------------
@pytest.mark.parametrize(("broken", "repaired", "kind"), [
    ("ก\uf70bอนหิน", "ก้อนหิน", RepairKind.private_use),  # a shifted mai tho glyph
    ("\uf700านข้อมูล", "ฐานข้อมูล", RepairKind.private_use),  # ฐ without its tail
    ("ทํางานร่วมกัน", "ทำงานร่วมกัน", RepairKind.nikhahit),
    ("www.nan๑.go.th", "www.nan1.go.th", RepairKind.address_digits),
    ("ปั จจัยแห่งความสำเร็จ", "ปัจจัยแห่งความสำเร็จ", RepairKind.mark_apart),
    ("ขัน ้ตอนการปฏิบัติงาน", "ขั้นตอนการปฏิบัติงาน", RepairKind.mark_apart),
    ("เป็ นไปตามระเบียบ", "เป็นไปตามระเบียบ", RepairKind.mark_apart),
    ("ส านักงานเขตพื้นที่การศึกษา", "สำนักงานเขตพื้นที่การศึกษา", RepairKind.sara_am_split),
    ("น้ าท่วมขัง", "น้ำท่วมขัง", RepairKind.sara_am_split),
    ("นาเสนอผู้บริหาร", "นำเสนอผู้บริหาร", RepairKind.sara_am_lost),
    ("กาหนดการประชุม", "กำหนดการประชุม", RepairKind.sara_am_lost),
    ("ดาเนินการตามแผน", "ดำเนินการตามแผน", RepairKind.sara_am_lost),
    ("ชานาญการพิเศษ", "ชำนาญการพิเศษ", RepairKind.sara_am_lost),
])
def test_each_kind_of_pdf_damage_is_repaired_and_counted(broken, repaired, kind):
    text, repairs = _repair(broken)
    assert text == repaired
    assert [r.kind for r in repairs] == [kind]
    assert not repairs[0].doubtful


@pytest.mark.parametrize("text", [
    "มี ประสิทธิภาพ",  # a space the writer typed after a vowel
    "ทุ่งนาเขียวขจี", "ตามาดูงาน", "ทาสีบ้าน", "มาทางนี้",  # า where it belongs
    "การรับ - ส่งหนังสือ", "นายกรัฐมนตรี", "www.nan1.go.th",
])
def test_text_that_reads_as_words_is_left_as_typed(text):
    assert _repair(text) == (text, [])


def test_a_lost_sara_am_where_both_read_as_words_is_put_back_only_as_doubtful():
    repair = ThaiRepair(thai_words())
    assert repair.doubtful("นาระบบเครือข่าย") == ("นาระบบเครือข่าย", [])  # no evidence yet
    repair.text("นาเสนอผู้บริหาร")  # the file has lost sara am elsewhere
    text, [made] = repair.doubtful("นาระบบเครือข่ายมาใช้")
    assert text == "นำระบบเครือข่ายมาใช้" and made.doubtful
    assert repair.doubtful("ทุ่งนาเขียว") == ("ทุ่งนาเขียว", [])  # นา is the more frequent


def test_a_word_cut_at_the_page_edge_is_recognised():
    assert is_cut_word("ผลลั ประ และ") and is_cut_word("สำนั การ")
    assert not any(is_cut_word(t) for t in ("มีแผนงาน / โครงการ", "เป็นไป", "๑ สัปดาห์"))


def test_repairs_come_in_with_the_import_and_a_doubtful_one_is_a_check_line(tmp_path):
    manual = TypedManual().cover("คู่มือการปฏิบัติงาน", "ชื่อ นางสาวสมศรี ใจดี",
                                 "ตาแหน่ง นักจัดการงานทั่วไป ระดับ ชานาญการ",
                                 "กลุ่มงาน กลุ่มอำนวยการ", OFFICE)
    manual.process("งานสารบรรณ", ["รับหนังสือ", "นาเสนอผู้บริหาร", "นาระบบเครือข่ายมาใช้"],
                   ["ระเบียบงานสารบรรณ ดูที่ www.nan๑.go.th"], numbers="๐๑๒๓๔๕๖๗๘๙")
    imported = _imported(manual, tmp_path)
    staff = imported.staff
    assert (staff.position, staff.level) == ("นักจัดการงานทั่วไป", "ชำนาญการ")  # "ตาแหน่ง" read
    assert [s.text for s in staff.processes[0].steps] == [
        "รับหนังสือ", "นำเสนอผู้บริหาร", "นำระบบเครือข่ายมาใช้"]
    assert staff.processes[0].references[0].text == "ระเบียบงานสารบรรณ ดูที่ www.nan1.go.th"
    repairs = [n for n in imported.notes if n.kind is NoteKind.repair]
    assert len(repairs) == 4  # ตำแหน่ง ชำนาญการ นำเสนอ www.nan1
    [doubtful] = [n for n in imported.notes if "ไม่แน่ใจ" in n.message]
    assert doubtful.kind is NoteKind.guess and doubtful.path[:3] == ("processes", 0, "steps")

    content = tmp_path / "content"
    (content / "nan1").mkdir(parents=True)
    (content / "nan1" / "office.yaml").write_text(f"name: {OFFICE}\nshort_name: สพป.น่าน เขต ๑\n",
                                                  encoding="utf-8")
    report = import_files(ImportOptions("nan1", Paths(content=content,
                                                      templates=ROOT / "templates")),
                          [tmp_path / "typed.docx"])
    [written] = [p for p in report.written if p.parent.name == "staff"]
    text = written.read_text(encoding="utf-8")
    assert "# ตรวจ: แก้คำที่อาจเสียจากการคัดลอก" in text and "นำระบบเครือข่าย" in text
    assert "ซ่อมคำไทย 4" in report.files[0].summary()


# -- covers --------------------------------------------------------------------------------
def test_a_cover_of_label_lines_gives_name_position_level_group_and_office(tmp_path):
    manual = TypedManual().heading("มาตรฐานการปฏิบัติงาน กลุ่มนโยบายและแผน", center=True)
    manual.cover("ชื่อ นางสาวรัตนา ศรีสุข", "ตำแหน่ง นักวิเคราะห์นโยบายและแผน ระดับ ชำนาญการ",
                 "กลุ่มงาน กลุ่มนโยบายและแผน", OFFICE)
    manual.heading("งานในหน้าที่รับผิดชอบ").line("๑. งานแผน").line("๒. งานงบประมาณ")
    imported = _imported(manual, tmp_path)
    staff = imported.staff
    assert (staff.name, staff.position, staff.level, staff.group) == (
        "นางสาวรัตนา ศรีสุข", "นักวิเคราะห์นโยบายและแผน", "ชำนาญการ", "กลุ่มนโยบายและแผน")
    assert (staff.cover.title, staff.cover.subtitle) == ("มาตรฐานการปฏิบัติงาน", "กลุ่มนโยบายและแผน")
    assert staff.sections == []  # no label line left over as a section
    assert staff.duties.title is None  # the heading the build gives anyway
    assert imported.office.name == OFFICE and imported.office.short_name == "สพป.น่าน เขต ๑"


def test_a_cover_with_the_level_after_the_position_and_a_title_block(tmp_path):
    manual = TypedManual().cover("คู่มือการปฏิบัติงานของเจ้าหน้าที่", ">>>> กลุ่มนิเทศ ติดตามและประเมินผล <<<<",
                                 "นางสาวอาภา ศรีสุข", "ศึกษานิเทศก์ชำนาญการพิเศษ",
                                 "กลุ่มนิเทศ ติดตามและประเมินผล", OFFICE)
    manual.heading("งานในหน้าที่รับผิดชอบ").line("๑. นิเทศ ติดตาม")
    staff = _imported(manual, tmp_path).staff
    assert (staff.name, staff.position, staff.level) == (
        "นางสาวอาภา ศรีสุข", "ศึกษานิเทศก์", "ชำนาญการพิเศษ")
    assert staff.cover.subtitle == "กลุ่มนิเทศ ติดตามและประเมินผล"
    assert staff.group == "กลุ่มนิเทศ ติดตามและประเมินผล"


def test_a_process_right_after_the_cover_keeps_the_cover_lines_on_the_cover(tmp_path):
    manual = TypedManual().cover("งานมาตรฐานสำนักงานเขตพื้นที่การศึกษา", "ของ นางวัชรี ชัยงาม",
                                 "ตำแหน่ง นักจัดการงานทั่วไป ชำนาญการ", "กลุ่มอำนวยการ", OFFICE)
    manual.process("งานมาตรฐานสำนักงานเขตพื้นที่การศึกษา", ["ศึกษา", "สรุปผล"])
    staff = _imported(manual, tmp_path).staff
    assert (staff.name, staff.position, staff.level, staff.group) == (
        "นางวัชรี ชัยงาม", "นักจัดการงานทั่วไป", "ชำนาญการ", "กลุ่มอำนวยการ")
    [process] = staff.processes
    assert process.title is None  # not the cover's lines run together
    assert staff.cover.subtitle == "งานมาตรฐานสำนักงานเขตพื้นที่การศึกษา"


# -- lists typed inside one paragraph --------------------------------------------------------
@pytest.mark.parametrize(("typed", "pieces"), [
    ("จัดทำแผน เสนอ กศจ. ๔.๑ จัดทำเอกสาร ๔.๒ แต่งตั้งคณะกรรมการ",
     ["จัดทำแผน เสนอ กศจ.", "๔.๑ จัดทำเอกสาร", "๔.๒ แต่งตั้งคณะกรรมการ"]),
    ("๑. มีการกลั่นกรองงาน ราชการ๒. มีการดำเนินการตามข้อ ๑ ๓. รายงานผล",
     ["๑. มีการกลั่นกรองงาน ราชการ", "๒. มีการดำเนินการตามข้อ ๑", "๓. รายงานผล"]),
    ("1.ระเบียบกระทรวง พ.ศ.2546 2.ประกาศกระทรวง", ["1.ระเบียบกระทรวง พ.ศ.2546", "2.ประกาศกระทรวง"]),
    ("-ดำเนินการภายใน ๕ วัน หลังได้รับจาก สพฐ.-ดำเนินการภายใน ๓ วันหลังจากนั้น",
     ["-ดำเนินการภายใน ๕ วัน หลังได้รับจาก สพฐ.", "-ดำเนินการภายใน ๓ วันหลังจากนั้น"]),
])
def test_items_typed_in_one_paragraph_are_split(typed, pieces):
    assert split_items(typed) == pieces


@pytest.mark.parametrize("typed", [
    "๒. รับ - ส่ง หนังสือราชการ", "- รับ - ส่งหนังสือ", "ดำเนินการตามข้อ 4.1 และ 4.2 ให้ครบ",
    "ไตรมาสที่ ๑ (ตุลาคม-ธันวาคม)", "ภายใน 5 วัน 2 ครั้ง", "ระเบียบ พ.ศ. 2546 ข้อ 2. วรรคสอง",
])
def test_numbers_in_running_text_do_not_split_it(typed):
    assert split_items(typed) == [typed]


def test_sub_steps_in_a_standard_cell_and_references_in_one_paragraph(tmp_path):
    manual = TypedManual().cover("คู่มือการปฏิบัติงาน", "นางสมใจ ตั้งใจ", "ตำแหน่ง นักจัดการงานทั่วไป",
                                 "กลุ่มอำนวยการ", OFFICE)
    manual.heading("มาตรฐานการปฏิบัติงาน", center=True).heading("มาตรฐานที่ ๒ งานประชุม", center=True)
    manual.table(("ที่", "กิจกรรม/วิธีปฏิบัติ", "มาตรฐานการปฏิบัติงาน"),
                 ("๑", "จัดประชุม เสนอ ผอ. ๑.๑ ทำหนังสือเชิญ ๑.๒ จัดสถานที่ ๑.๓ สรุปรายงาน",
                  "๑. ประชุมตรงเวลา ๒. มีรายงานการประชุม"))
    manual.line("เอกสารอ้างอิง : 1.ระเบียบงานสารบรรณ พ.ศ.2526 2.ระเบียบการประชุม พ.ศ.2548")
    staff = _imported(manual, tmp_path).staff
    [standard] = staff.work_standards
    assert (standard.number, standard.title) == (2, "งานประชุม")
    [row] = standard.rows
    lead, sub = row.activity
    assert lead.text == "จัดประชุม เสนอ ผอ."
    assert [i.text for i in sub.numbered] == ["ทำหนังสือเชิญ", "จัดสถานที่", "สรุปรายงาน"]
    assert sub.style == "outline"  # printed 1.1, 1.2 … as typed
    assert [i.text for i in row.standard[0].numbered] == ["ประชุมตรงเวลา", "มีรายงานการประชุม"]
    assert [i.text for i in staff.references[0].numbered] == [
        "ระเบียบงานสารบรรณ พ.ศ.2526", "ระเบียบการประชุม พ.ศ.2548"]


def test_numbered_series_lines_become_items_under_the_item_before(tmp_path):
    manual = TypedManual().cover("คู่มือการปฏิบัติงาน", "นางสมใจ ตั้งใจ", "ตำแหน่ง นักจัดการงานทั่วไป",
                                 "กลุ่มอำนวยการ", OFFICE)
    manual.heading("1. ชื่องาน งานมาตรฐาน").heading("2. วัตถุประสงค์").line("เพื่อให้ได้มาตรฐาน")
    manual.heading("3. ขอบเขตของงาน").line("3.1 จัดทำรายงาน ประกอบด้วย 2 มาตรฐาน คือ")
    manual.line("มาตรฐานที่ 1 บริหารจัดการมุ่งผลสัมฤทธิ์").line("มาตรฐานที่ 2 ขับเคลื่อนนโยบาย")
    manual.line("3.2 กำหนดผู้รับผิดชอบ")
    manual.heading("5. ขั้นตอนการปฏิบัติงาน").line("5.1 ศึกษา").line("5.2 รายงาน")
    [process] = _imported(manual, tmp_path).staff.processes
    first, second = process.scope[0].numbered
    assert first.text == "จัดทำรายงาน ประกอบด้วย 2 มาตรฐาน คือ" and first.style == "none"
    assert [i.text for i in first.items] == ["มาตรฐานที่ 1 บริหารจัดการมุ่งผลสัมฤทธิ์",
                                             "มาตรฐานที่ 2 ขับเคลื่อนนโยบาย"]
    assert second.text == "กำหนดผู้รับผิดชอบ"


# -- the summary form ------------------------------------------------------------------------
def _with_form(*rows: tuple[str, ...]) -> TypedManual:
    manual = TypedManual().cover("คู่มือการปฏิบัติงาน", "นางสมใจ ตั้งใจ", "ตำแหน่ง นักจัดการงานทั่วไป",
                                 "กลุ่มอำนวยการ", OFFICE)
    manual.process("งานประชุม", ["ศึกษาแนวทาง", "เสนอผู้มีอำนาจพิจารณาตัดสินใจ", "ดำเนินการ"])
    manual.table(*rows)
    return manual


def test_a_summary_form_with_its_own_title_rows_and_an_empty_flowchart_column(tmp_path):
    manual = _with_form(
        ("9. สรุปมาตรฐานงานประชุม", "", "", "", ""),
        ("ชื่องาน : งานประชุม", "", "", "", ""),
        ("วัตถุประสงค์ : เพื่อให้การประชุมเรียบร้อย", "", "", "", ""),
        ("ลำดับ", "ผังขั้นตอนการดำเนินงาน", "รายละเอียด", "เวลาดำเนินการ", "ผู้รับผิดชอบ"),
        ("1.", "", "ศึกษาแนวทาง", "1 สัปดาห์", "กลุ่มอำนวยการ"),
        ("2.", "", "เสนอผู้มีอำนาจ", "2 วัน", "กลุ่มอำนวยการ"),
        ("ลำดับที่", "ผังขั้นตอนการดำเนินงาน", "รายละเอียด", "เวลาดำเนินการ", "ผู้รับผิดชอบ"),
        ("3.", "", "ดำเนินการตามแผน", "1 เดือน", "กลุ่มอำนวยการ"))
    [process] = _imported(manual, tmp_path).staff.processes
    assert [s.duration for s in process.steps] == ["1 สัปดาห์", "2 วัน", "1 เดือน"]
    assert [s.detail for s in process.steps] == [None, "เสนอผู้มีอำนาจ", "ดำเนินการตามแผน"]
    assert process.responsible == "กลุ่มอำนวยการ"  # one party for every step: the process's
    assert all(s.responsible is None for s in process.steps)
    assert process.summary.title == "สรุปมาตรฐานงานประชุม"
    assert process.summary.name == "งานประชุม"
    decision = process.steps[1]
    assert decision.kind == "decision" and decision.yes.label == "อนุมัติ"


def test_a_form_column_cut_off_at_the_page_edge_is_left_for_the_clerk(tmp_path):
    manual = _with_form(
        ("ลำดับ", "ผังขั้นตอน", "รายละเอียด", "เวลาดำเนินการ", "มาตรฐาน"),
        ("1.", "", "ศึกษาแนวทาง", "1 สัปดาห์", "ผลลั ประ และ"),
        ("2.", "", "เสนอผู้มีอำนาจ", "2 วัน", "สำนั การ"),
        ("3.", "", "ดำเนินการ", "1 เดือน", "เอก"))
    imported = _imported(manual, tmp_path)
    [process] = imported.staff.processes
    assert [s.standard for s in process.steps] == [None, None, None]
    assert [s.duration for s in process.steps] == ["1 สัปดาห์", "2 วัน", "1 เดือน"]
    assert any("ถูกตัดที่ขอบหน้า" in n.message and "ผลลั ประ และ" in n.message
               for n in imported.notes)


def test_the_written_staff_file_loads_back(tmp_path):
    manual = _with_form(("ลำดับ", "ผังขั้นตอน", "รายละเอียด", "เวลาดำเนินการ", "ผู้รับผิดชอบ"),
                        ("1.", "", "ศึกษาแนวทาง", "1 สัปดาห์", "กลุ่ม ก"))
    imported = _imported(manual, tmp_path)
    assert yaml.safe_load(yaml.safe_dump(imported.data, allow_unicode=True)) == imported.data


def test_a_process_whose_section_numbers_were_lost_is_still_a_process(tmp_path):
    """A scan's OCR may drop "1." and "2." of a process's sections: after the process label,
    "ชื่องาน …" still opens the process, and "วัตถุประสงค์" (next in the nine sections'
    order) its objectives, each with a note to check; "ขั้นตอน…" typed as body text after
    the steps opens nothing."""
    manual = TypedManual().cover("คู่มือการปฏิบัติงาน", "นางสมใจ ตั้งใจ",
                                 "ตำแหน่ง นักจัดการงานทั่วไป", "กลุ่มอำนวยการ", OFFICE)
    manual.heading("คู่มือขั้นตอนการดำเนินงาน", center=True)
    manual.heading("ชื่องาน : งานสารบรรณ")
    manual.heading("วัตถุประสงค์").line("เพื่อให้งานสารบรรณเป็นไปด้วยดี")
    manual.heading("3. ขอบเขตของงาน").line("ทุกโรงเรียนในสังกัด")
    manual.heading("5. ขั้นตอนการปฏิบัติงาน").line("5.1 รับหนังสือ").line("5.2 เสนอหนังสือ")
    manual.line("ขอบเขตของการเสนอเป็นไปตามระเบียบ")  # body text: its section was met already
    imported = _imported(manual, tmp_path)
    [process] = imported.staff.processes
    assert process.name == "งานสารบรรณ"
    assert "เพื่อให้งานสารบรรณเป็นไปด้วยดี" in str(process.objectives)
    assert [s.text for s in process.steps][:2] == ["รับหนังสือ", "เสนอหนังสือ"]
    assert sum("ไม่มีเลขข้อ" in n.message for n in imported.notes) == 2
