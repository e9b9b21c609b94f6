"""Manuals that come as scans: pictures of pages (made here as a scanner makes them: grey
JPEG at 200 dpi, turned, with specks, written by Pillow) read by OCR (OCRmyPDF, Tesseract's
Thai model), then as any PDF, OCR's damage to Thai repaired and counted; without Tesseract a
scan is refused with a Thai message naming the package."""

from __future__ import annotations

import difflib
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2
import pytest
from docx.shared import Pt
from PIL import Image

from khumue.content.templates import TemplateFolders
from khumue.importer.read import ReadAs
from khumue.importer.read.ocrrepair import OcrRepair
from khumue.importer.read.pdf import import_pdf, ocr
from khumue.importer.read.pdf.layer import read_layer
from khumue.importer.read.pdf.scanread import read_again, ruling_lines
from khumue.importer.read.result import Imported
from khumue.importer.read.thairepair import RepairKind, ThaiRepair
from khumue.typeset.thaiwords import ThaiWords
from khumue.wordml.readtypes import ReadTable
from tests.conftest import ROOT, needs_ocr, needs_office
from tests.pdfmake import libreoffice_pdf, scan_of
from tests.refusal import assert_refused
from tests.typedmanual import TypedManual, standard_manual

TEMPLATES = TemplateFolders((ROOT / "templates" / "default",))
OFFICE = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาน่าน เขต ๑"
ACTIVITIES = ("รับหนังสือราชการจากระบบสารบรรณอิเล็กทรอนิกส์และลงทะเบียนรับ",
              "เสนอหนังสือต่อผู้บังคับบัญชาตามลำดับชั้นเพื่อพิจารณาสั่งการ",
              "ส่งเรื่องให้กลุ่มที่รับผิดชอบดำเนินการตามที่ได้รับมอบหมาย",
              "จัดเก็บหนังสือเข้าแฟ้มตามระเบียบงานสารบรรณ")
ROWS = 24


def _manual() -> TypedManual:
    """A cover and a work-standard table of 24 rows, two pages in all: row 13 is cut by the
    page break."""
    return standard_manual(OFFICE, [(str(i), ACTIVITIES[i % 4],
                                     f"ดำเนินการแล้วเสร็จภายใน {i} วันทำการ")
                                    for i in range(1, ROWS + 1)])


def _plain(text: str) -> str:
    return "".join(text.split())


def _alike(read: str, typed: str) -> float:
    return difflib.SequenceMatcher(None, _plain(read), _plain(typed), autojunk=False).ratio()


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    """The manual printed by LibreOffice, scanned turned by one degree, its second page on
    its side (a landscape page scanned upright), signed over the name line; imported."""
    folder = tmp_path_factory.mktemp("scan")
    pdf = libreoffice_pdf(_manual().save(folder / "typed.docx"), folder / "typed.pdf")
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) == 2
        [name] = [ln for ln in document.pages[0].extract_text_lines() if "ใจดี" in ln["text"]]
    scan = scan_of(pdf, folder / "scan.pdf", turn=1.0, landscape=(1,),
                   signature=(0, name["x0"] - 10, name["top"] - 12))
    pages: list[tuple[int, int]] = []
    imported = import_pdf(scan, TEMPLATES, pages=lambda done, total: pages.append((done, total)))
    done, total = pages[-1]  # the clerk saw each page as OCR read it, the sideways page
    assert done == total == 3  # read again, turned
    return imported


@needs_office
@needs_ocr
def test_a_signed_scanned_cover_comes_in_field_by_field(scanned):
    assert scanned.read_as is ReadAs.scan
    staff = scanned.staff
    assert (staff.position, staff.level, staff.group) == (
        "นักจัดการงานทั่วไป", "ชำนาญการ", "กลุ่มอำนวยการ")
    assert scanned.office.name == OFFICE
    # The signature's loops over the name line cost OCR a letter or two, not the line.
    assert staff.name.startswith("นางสาวสม") and staff.name.endswith(" ใจดี")
    assert scanned.notes[0].message.startswith("อ่านจากภาพสแกน 2 หน้า ด้วย OCR")


@needs_office
@needs_ocr
def test_a_scanned_table_going_on_over_a_turned_landscape_page_is_one_standard(scanned):
    [standard] = scanned.staff.work_standards
    assert (standard.number, standard.title) == (1, "งานสารบรรณ")
    assert len(standard.rows) == ROWS  # row 13, cut by the page break, joined again
    for i, row in enumerate(standard.rows, start=1):
        activity = " ".join(b.text for b in row.activity)
        assert _alike(activity, ACTIVITIES[i % 4]) >= 0.9, (i, activity)
        standard_text = _plain(" ".join(b.text for b in row.standard))
        if i == 13:  # Tesseract may miss "วันทำการ", alone atop page 2 under the rule
            assert standard_text.startswith("ดำเนินการแล้วเสร็จภายใน13"), standard_text
            continue
        assert standard_text == f"ดำเนินการแล้วเสร็จภายใน{i}วันทำการ", i
    assert "ตามลำดับ" in _plain(" ".join(b.text for b in standard.rows[12].activity))


@needs_office
@needs_ocr
def test_ocr_damage_is_repaired_and_counted_the_doubtful_marked(scanned):
    repaired = [n.message for n in scanned.notes if "ที่ OCR อ่าน" in n.message]
    assert repaired  # Tesseract drops marks ("ภายไน", "ทัวไป"): repaired, each told
    assert any("ไม่แน่ใจ" in m for m in repaired)  # a guess is marked for the clerk
    assert sum("นิคหิตกับสระอา" in n.message for n in scanned.notes) >= ROWS  # ดํา → ดำ


@needs_ocr
def test_a_scan_of_a_page_of_ours_reads_as_our_pdf_text(built, tmp_path):
    pdf = built["phayao2"].with_suffix(".pdf")
    if not pdf.is_file():
        pytest.skip("the office was built without LibreOffice: no PDF to scan")
    document = pypdfium2.PdfDocument(str(pdf))
    texts = [page.get_textpage().get_text_range() for page in document]
    document.close()
    number = max(range(len(texts)), key=lambda i: len(_plain(texts[i])))  # the fullest page
    page = tmp_path / "page.pdf"
    with pikepdf.open(pdf) as source, pikepdf.new() as one:
        one.pages.append(source.pages[number])
        one.save(page)
    recognised = ocr.recognise(scan_of(page, tmp_path / "scan.pdf").read_bytes())
    layer = read_layer(recognised.pdf, recognised.pages)
    read = "\n".join(b.text for b in layer.document.blocks if not isinstance(b, ReadTable))
    if not read.strip():
        read = recognised.pages[0]
    ours = texts[number]
    repaired = "\n".join(OcrRepair(ThaiWords(())).text(line)[0] for line in read.splitlines())
    assert _alike(repaired, ours) >= 0.9
    assert _alike(repaired, ours) > _alike(read, ours)  # the repair brings it nearer ours


@needs_office
def test_ruling_lines_of_a_scanned_table_are_found_in_its_picture(tmp_path):
    table = TypedManual().table(("ที่", "กิจกรรม", "มาตรฐาน"), ("1", "ปฏิบัติ", "ภายใน 1 วัน"),
                                ("2", "ตรวจสอบ", "ภายใน 2 วัน"))
    table.document.styles["Normal"].font.size = Pt(16)  # a manual's body size
    pdf = libreoffice_pdf(table.save(tmp_path / "t.docx"), tmp_path / "t.pdf")
    scan = scan_of(pdf, tmp_path / "scan.pdf", turn=0.0)
    document = pypdfium2.PdfDocument(str(scan))
    rules = ruling_lines(document[0])
    assert rules.ruled
    with pdfplumber.open(scan) as opened:
        [found] = opened.pages[0].find_tables(rules.table_settings())
    assert len(found.rows) == 3 and all(len(r.cells) == 3 for r in found.rows)
    if ocr.missing() is None:  # first-column cells a page's reading missed, read alone
        letters = read_again(document[0], [row.cells[0] for row in found.rows])
        by_row: dict[int, str] = {}
        for glyph in letters:
            by_row[round(glyph.top)] = by_row.get(round(glyph.top), "") + glyph.text
        assert [t.rstrip(".") for t in list(by_row.values())[1:]] == ["1", "2"]
    document.close()


def _blank_scan(tmp_path: Path) -> Path:
    page = Image.new("RGB", (1240, 1754), "white")
    pdf = tmp_path / "scan.pdf"
    page.save(pdf, save_all=True, append_images=[page.copy()], resolution=150)
    return pdf


def test_a_letter_stroke_as_tall_as_a_header_row_is_no_column_border(tmp_path):
    """A standard's header typed twice on a page (its table goes on), each row just the
    height of its text: the stem of "ฏ" in "ปฏิบัติ" runs from rule to rule, at the same x
    in both headers, yet it borders no column (sisaket1's scan split มาตรฐานการปฏิ|บัติงาน)."""
    from PIL import ImageDraw

    dpi = 200
    px = dpi / 72  # pt to px
    page = Image.new("L", (round(595 * px), round(842 * px)), 255)
    draw = ImageDraw.Draw(page)
    left, right, columns = 84 * px, 516 * px, (84, 228, 372, 516)
    for top in (187, 468):  # the header, then the same header after the first rows
        header, body = top * px, (top + 14.4) * px
        end = (top + 14.4 + 200) * px
        for y in (header, body, end):
            draw.line((left, y, right, y), fill=0, width=2)
        for x in columns:
            draw.line((x * px, header, x * px, end), fill=0, width=2)
        draw.line((445 * px, header, 445 * px, body), fill=0, width=2)  # ฏ's stem
    pdf = tmp_path / "page.pdf"
    page.save(pdf, resolution=dpi)
    document = pypdfium2.PdfDocument(str(pdf))
    rules = ruling_lines(document[0])
    document.close()
    assert sorted({round(float(v["x0"])) for v in rules.vertical}) == list(columns)


def test_a_scan_is_refused_naming_the_package_where_tesseract_is_missing(tmp_path,
                                                                          monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    assert ocr.PACKAGES in (ocr.missing() or "")
    assert_refused(tmp_path, _blank_scan(tmp_path), "tesseract-ocr-tha")


@needs_ocr
def test_a_blank_scan_is_refused_saying_ocr_found_no_text(tmp_path):
    assert_refused(tmp_path, _blank_scan(tmp_path), "อ่านภาพสแกนด้วย OCR แล้วไม่พบข้อความ")


# -- OCR's damage to Thai, repaired ------------------------------------------------------
@pytest.mark.parametrize(("read", "typed", "doubtful"), [
    ("ขึนอยู่กับ", "ขึ้นอยู่กับ", False),  # a tone mark dropped
    ("นักจัดการงานทัวไป", "นักจัดการงานทั่วไป", False),
    ("สิงของ", "สิ่งของ", False),
    ("ภายไน 5 วัน", "ภายใน 5 วัน", False),  # ใ read as ไ
    ("ที่่ทำการ", "ที่ทำการ", False),  # a mark read twice
    ("ผู้อํ านวยการ", "ผู้อำนวยการ", False),  # ำ read as ํ, a space and า
    ("ตามล้าดับ", "ตามลำดับ", False),  # ำ's nikhahit read as a tone mark
    ("เรือง ๑. งานสารบรรณ", "เรื่อง ๑. งานสารบรรณ", True),  # a word, but a rare one
    ("กลุ่มบีริหารงาน", "กลุ่มบริหารงาน", True),  # a speck read as a mark
    ("รายงานผีลการดำเนินงาน", "รายงานผลการดำเนินงาน", True),  # … in a compound
    ("โครงการ/กิจุกรรม", "โครงการ/กิจกรรม", True),  # … under a word with a mark of its own
    ("เสนอเพื่อพิจารุณา", "เสนอเพื่อพิจารณา", True),
    ("ดำเนิ่นงานวิเทศสัมพันธ์", "ดำเนินงานวิเทศสัมพันธ์", True),  # ดำ เนิ่น งาน are words
])
def test_ocr_damage_is_repaired(read, typed, doubtful):
    text, repairs = OcrRepair(ThaiWords(())).text(read)
    assert text == typed
    assert [r.kind for r in repairs] == [RepairKind.ocr_mark]
    assert repairs[0].doubtful is doubtful


@pytest.mark.parametrize("text", ["ดำเนินการแล้วเสร็จภายใน 5 วันทำการ", "ขั้นตอนการปฏิบัติงาน",
                                  "การประเมินผลการปฏิบัติราชการ", "www.spm.go.th",
                                  "การจัดการศึกษา",  # not "การจด": จัด is the commoner
                                  "นางสาวสมรี ใจดี",  # a name misread: no dictionary word
                                  # abbreviations: no word covers their letters
                                  "เสนอขอความเห็นชอบ กศจ. และ สพฐ. ภายใน พ.ศ. 2567",
                                  # cut "ผ" "ลการ" by the tokenizer, yet words
                                  "ผลการปฏิบัติงาน"])
def test_text_ocr_did_not_damage_is_left_as_it_is(text):
    assert OcrRepair(ThaiWords(())).text(text) == (text, [])


def test_a_pdf_text_layer_is_not_given_ocr_repairs():
    assert ThaiRepair(ThaiWords(())).text("ขึนอยู่กับ") == ("ขึนอยู่กับ", [])
