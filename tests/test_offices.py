"""The five real offices: each manual's parts, cells, fonts and digits, as a reviewer
checks them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from tests.conftest import HAVE_OFFICE, OFFICES
from tests.docxread import Manual, W, element_text

THAI_DIGIT = re.compile("[๐-๙]")
ARABIC_DIGIT = re.compile("[0-9]")
PROTECTED = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@\S+|\b[A-Za-z][\w-]*\d[\w-]*\b")


def manual(built: dict[str, Path], office: str) -> Manual:
    return Manual(built[office])


# -- typesetting common to every manual ------------------------------------------------------


@pytest.mark.parametrize("office", OFFICES)
def test_font_reaches_thai_text_through_complex_script_properties(built, office):
    styles = manual(built, office).document.styles.element
    rpr = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    fonts = rpr.find(f"{W}rFonts")
    assert fonts.get(qn("w:cs")) == "TH SarabunPSK"
    assert fonts.get(qn("w:ascii")) == "TH SarabunPSK"
    assert rpr.find(f"{W}szCs").get(qn("w:val")) == "32"  # 16 pt
    assert rpr.find(f"{W}sz").get(qn("w:val")) == "32"
    assert rpr.find(f"{W}lang").get(qn("w:bidi")) == "th-TH"
    # No style may override the font with another one (Word's default Calibri, Cordia …).
    for fonts in styles.iter(f"{W}rFonts"):
        assert fonts.get(qn("w:cs")) in (None, "TH SarabunPSK")


@pytest.mark.parametrize("office", OFFICES)
def test_headings_bold_and_larger_body_thai_distributed(built, office):
    styles = manual(built, office).document.styles
    h1 = styles["Heading 1"].element
    assert h1.find(f"{W}rPr/{W}b") is not None and h1.find(f"{W}rPr/{W}bCs") is not None
    assert int(h1.find(f"{W}rPr/{W}szCs").get(qn("w:val"))) > 32
    body = styles["Manual Body"].element
    assert body.find(f"{W}pPr/{W}jc").get(qn("w:val")) == "thaiDistribute"


@pytest.mark.parametrize("office", OFFICES)
def test_a4_with_regulation_margins(built, office):
    for section in manual(built, office).document.sections:
        assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
        assert section.left_margin.twips == 1701  # 3 cm
        assert section.right_margin.twips == 1134  # 2 cm
        assert abs(section.top_margin.cm - 2.5) < 0.01
        assert abs(section.bottom_margin.cm - 2.5) < 0.01


@pytest.mark.parametrize("office", OFFICES)
def test_every_table_repeats_its_header_rows(built, office):
    m = manual(built, office)
    for tbl in m.table_elements():
        header = element_text(tbl.find(f"{W}tr"))
        if "กิจกรรม/วิธีปฏิบัติ" in header or "ชื่องาน" in header:
            assert tbl.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None


@pytest.mark.parametrize("office", OFFICES)
def test_table_of_contents_is_a_field_listing_the_headings(built, office):
    m = manual(built, office)
    xml = m.body
    instructions = [i.text or "" for i in xml.iter(f"{W}instrText")]
    assert any(i.strip().startswith("TOC ") for i in instructions)
    toc_id = m.document.styles["toc 1"].style_id
    entries = [element_text(p).split("\t")[0] for p in xml.iter(f"{W}p")
               if p.find(f"{W}pPr/{W}pStyle") is not None
               and p.find(f"{W}pPr/{W}pStyle").get(qn("w:val")) == toc_id]
    # Headings may be broken into lines; the TOC lists them whole.
    assert ["".join(e.split()) for e in entries] == ["".join(h.split()) for h in m.headings(1)]
    assert entries[0] == "คำนำ"
    pages = [element_text(p).split("\t")[-1] for p in xml.iter(f"{W}p")
             if p.find(f"{W}pPr/{W}pStyle") is not None
             and p.find(f"{W}pPr/{W}pStyle").get(qn("w:val")) == toc_id]
    settings = m.part_xml("word/settings.xml")
    if HAVE_OFFICE:  # numbers from LibreOffice's layout: Word shows them with no prompt
        assert all(pages) and pages[0] == "ก"
        assert settings.find(f"{W}updateFields") is None
    else:  # Word fills the numbers when it updates the field on opening
        assert settings.find(f"{W}updateFields").get(qn("w:val")) == "true"


@pytest.mark.parametrize("office", OFFICES)
def test_page_numbers_in_header_front_matter_in_thai_letters(built, office):
    m = manual(built, office)
    headers = [h for h in m.header_texts() if h.strip()]
    assert len(headers) == 2  # front matter and body; cover and back cover have none
    formats = [p.get(qn("w:fmt")) for p in m.body.iter(f"{W}pgNumType")]
    digits = "thaiNumbers" if office in ("sisaket1", "phayao1", "sakonnakhon2") else "decimal"
    assert formats == ["thaiLetters", digits]


@pytest.mark.parametrize("office", OFFICES)
def test_parts_in_order_cover_foreword_toc_body_back_cover(built, office):
    m = manual(built, office)
    paragraphs = [p for p in m.paragraphs() if p.strip()]
    text = "\n".join(paragraphs)
    assert text.index("คำนำ") < text.index("สารบัญ")
    assert paragraphs[-1] == "กระทรวงศึกษาธิการ"  # back cover ends with the ministry
    assert paragraphs[-2] == "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"


@pytest.mark.parametrize("office", ("sisaket1", "phayao1", "sakonnakhon2"))
def test_thai_digit_offices_print_no_arabic_digit_outside_urls_and_codes(built, office):
    text = manual(built, office).all_text()
    stray = [m.group() for m in ARABIC_DIGIT.finditer(PROTECTED.sub("", text))]
    assert stray == []
    assert THAI_DIGIT.search(text)


@pytest.mark.parametrize("office", ("phayao2", "phetchabun1"))
def test_arabic_digit_offices_print_no_thai_digit(built, office):
    assert THAI_DIGIT.findall(manual(built, office).all_text()) == []


# -- each office: chosen text in the right part and cell -------------------------------------


def test_phayao1_standards_numbered_by_duty_with_url_kept_in_arabic(built):
    m = manual(built, "phayao1")
    titles = [t for t in m.headings(1) if t.startswith("เรื่อง")]
    assert [t.split(".")[0] for t in titles] == ["เรื่อง ๑", "เรื่อง ๒", "เรื่อง ๔", "เรื่อง ๕",
                                                 "เรื่อง ๖"]
    first = m.table_after("เรื่อง ๑.")
    assert first[0] == ["ที่", "กิจกรรม/วิธีปฏิบัติ", "มาตรฐานการปฏิบัติงาน"]
    row8 = first[8]
    assert row8[0] == "๘"
    assert "\twww.pyo1.go.th/pyo1" in row8[1]  # the failure to avoid: www.pyo๑.go.th
    cell = m.table_elements()[0].findall(f"{W}tr")[8].findall(f"{W}tc")[1]
    boxes = [d for d in cell.iter() if d.tag.endswith("docPr") and "check box" in d.get("name")]
    assert len(boxes) == 2  # the check boxes are drawn squares (no font has ☐)
    assert row8[2] == ""  # the seed's empty standard cell stays empty
    second = m.table_after("เรื่อง ๒.")
    assert "๔.๕\tจัดทำและตรวจสอบ \"ร่าง\" แผนปฏิบัติการประจำปีงบประมาณ ตามมติ" in second[4][1]
    assert second[5][1].startswith("นำเสนอ \"ร่าง\"")  # page-split row repaired
    assert "นาเสนอ" not in m.all_text()


def test_phayao1_duties_and_cover(built):
    m = manual(built, "phayao1")
    text = m.all_text()
    assert "๖.\tการจัดระบบงานสารบรรณของกลุ่ม และการประสานงาน" in text
    paragraphs = m.paragraphs()
    assert paragraphs[0] == "มาตรฐานการปฏิบัติงาน"
    assert "ตำแหน่ง นักวิเคราะห์นโยบายและแผนชำนาญการ" in paragraphs
    assert "ปีงบประมาณ พ.ศ. ๒๕๗๐" in paragraphs


def test_phayao2_summary_form_columns_and_rows(built):
    m = manual(built, "phayao2")
    form = m.table_after("9. แบบฟอร์มสรุปมาตรฐานงาน")
    assert form[0][0] == "ชื่องาน งานสวัสดิการและสงเคราะห์นักเรียน"
    assert form[1][0].startswith("วัตถุประสงค์ : เพื่อให้นักเรียนได้มีโอกาส")
    assert [c.replace("\n", "") for c in form[2]] == [
        "ลำดับที่", "ผังขั้นตอนการดำเนินงาน", "รายละเอียดงาน", "เวลาดำเนินการ",
        "มาตรฐานคุณภาพงาน", "ผู้รับผิดชอบ"]
    assert form[3][0] == "1."
    assert form[3][2:] == ["กำหนดนโยบายแนวปฏิบัติแจ้งหน่วยงานในสังกัด", "1 สัปดาห์", "-",
                           "กลุ่มส่งเสริมการจัดการศึกษา"]
    assert len(form) == 3 + 5
    forms = [t for t in m.tables() if t[0][0].startswith("ชื่องาน")]
    assert len(forms) == 2
    assert forms[1][3][2:] == ["กำหนดโครงการหรือกิจกรรมสร้างความเข้มแข็งของชุมชน แจ้งสถานศึกษา",
                               "พฤษภาคม", "มีแผนงาน / โครงการ", "กลุ่มส่งเสริมการจัดการศึกษา"]
    assert "5.3\tประชุมคณะกรรมการสถานศึกษาขั้นพื้นฐาน" in m.all_text()
    assert "-\tสร้างความร่วมมือ ร่วมใจในกิจกรรมต่าง ๆ" in m.all_text()


def test_phayao2_processes_sections_numbered_and_legend_follows_form(built):
    m = manual(built, "phayao2")
    sections = m.headings(2)
    assert sections[:9] == ["1. ชื่อกระบวนการงาน", "2. วัตถุประสงค์", "3. ขอบเขตของงาน",
                            "4. คำจำกัดความ", "5. ขั้นตอนการปฏิบัติงาน",
                            "6. Flow Chart การปฏิบัติงาน", "7. แบบฟอร์มที่ใช้",
                            "8. เอกสาร/หลักฐานอ้างอิง", "9. แบบฟอร์มสรุปมาตรฐานงาน"]
    legend = m.table_after("คำอธิบายสัญลักษณ์ผังขั้นตอน")
    assert [row[1] for row in legend][0] == "จุดเริ่มต้นหรือสิ้นสุดกระบวนการงาน"
    # the default foreword names the person, position and office
    foreword = "\n".join(m.paragraphs())
    assert "ของ นางกชพร คำวงษา ตำแหน่ง ผู้อำนวยการกลุ่มส่งเสริมการจัดการศึกษา" in foreword
    assert "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพะเยา เขต 2" in foreword


def test_sisaket1_page_split_rows_rejoined_and_repeated_items_kept(built):
    m = manual(built, "sisaket1")
    table = m.table_after("เรื่อง การบริหารงานของผู้อำนวยการกลุ่มส่งเสริมการจัดการศึกษา")
    assert [row[0] for row in table[1:]] == ["๑", "๒", "๓", "๔", "๕"]
    first = table[1][1].split("\n")
    assert first[-1] == "-\tปฏิบัติงานร่วมกับหรือสนับสนุนการปฏิบัติงานของหน่วยงานอื่นที่เกี่ยวข้องหรือที่ได้รับมอบหมาย"
    assert first.count("-\tดำเนินงานวิเทศสัมพันธ์") == 2
    assert table[2][1].startswith("กำกับ ติดตาม ตรวจสอบ")
    assert table[5][2].startswith("๑.\tมีการกลั่นกรองงาน")
    lunch = m.table_after("เรื่อง งานส่งเสริมโครงการอาหารกลางวันในโรงเรียน")
    assert lunch[10][0] == "๑๐"
    assert lunch[10][2].count("-\t") == 2


def test_phetchabun1_explicit_summary_rows_and_decimal_steps(built):
    m = manual(built, "phetchabun1")
    form = m.table_after("9. สรุปมาตรฐานของสำนักงานเขตพื้นที่การศึกษา")
    assert form[0][0] == "ชื่องาน งานการประชุมภายในสำนักงานเขตพื้นที่การศึกษา"  # as written
    rows = form[3:]
    assert len(rows) == 9
    assert rows[1][2].startswith("นำเสนอผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษา")
    assert rows[6][3] == "1 เดือน"
    assert rows[5][3] == ""
    text = m.all_text()
    assert "1.\tศึกษา วิเคราะห์ แนวทางการบริหารจัดการ" in text
    assert "มาตรฐานที่ 1 สำนักงานเขตพื้นที่การศึกษาบริหารจัดการโดยมุ่งผลสัมฤทธิ์" in text
    assert "7. แบบฟอร์มที่ใช้" in m.headings(2)
    assert "1. ชื่องาน" in m.headings(2)


def test_sakonnakhon2_name_repaired_steps_nested_and_sections_numbered(built):
    m = manual(built, "sakonnakhon2")
    text = m.all_text()
    assert not re.search("[\u0980-\u09ff]", text)  # no Bengali letter left
    assert text.count("นางสาวอาภากร ศรีตามาตร์") >= 3
    assert "๑)\tการปฏิบัติงานร่วมกับหรือสนับสนุนการปฏิบัติงาน ของส่วนราชการใน" in text
    assert "๑.๒\tเสนอแนวทางการปฏิบัติงานเพื่อให้ผู้มีอำนาจพิจารณาตัดสินใจ" in text
    assert "๒.๔\tติดตามประเมินผล" in text
    assert "๕.๑\tนิเทศ ติดตาม ตรวจสอบ" not in text
    sections = m.headings(2)
    assert "๗. ผลสำเร็จที่คาดหวัง" in sections
    assert "๙. กฎหมาย ระเบียบและเอกสารที่เกี่ยวข้อง" in sections
    assert "๘. เอกสาร/ หลักฐานอ้างอิง" in sections  # third process: no expected results
    assert "แผนภาพ แสดงกรอบภาระงาน" in text
    paragraphs = m.paragraphs()
    toc = paragraphs.index("สารบัญ")
    signature = max(i for i, p in enumerate(paragraphs[:toc]) if p == "นางสาวอาภากร ศรีตามาตร์")
    assert paragraphs[signature + 1] == "ศึกษานิเทศก์"
    assert m.headings(1)[-1] == "เอกสารอ้างอิง"


def test_short_rows_stay_whole_and_page_long_rows_may_run_on(built):
    m = manual(built, "sisaket1")
    table = m.table_elements()[0]  # standard 1: activity lists longer than a page
    rows = table.findall(f"{W}tr")
    whole = [r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows]
    assert whole[0]  # the header row
    assert not whole[1]  # the 17-item first activity may continue on the next page
    lunch = m.table_elements()[2]  # rows of two or three lines: each moves whole
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in lunch.findall(f"{W}tr"))
