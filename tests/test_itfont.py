"""TH SarabunIT๙: an office set in it gets real Thai digits and web addresses that show Arabic
digits (set in TH SarabunPSK), in the DOCX, in the PDF's text and on the rendered page; the
layout font draws 0-9 as Thai as the real one does; a hand-typed manual in IT๙ imports as its
page shows; the lint says what the font does."""

from __future__ import annotations

import ctypes
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from khumue.build.office import Paths, build_office, check_office
from khumue.content.templates import TemplateFolders
from khumue.importer.read import import_docx
from khumue.layout.engine import NoLayout
from khumue.layout.fonts import prepare_fonts
from khumue.layout.libreoffice import LAKSAMAN_DIR
from khumue.typeset.itfont import IT_FAMILY, arabic_spans, is_it_font
from khumue.typeset.wordjoin import plain
from tests.conftest import ROOT, needs_office

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
URL = "www.pyo1.go.th/pyo1"  # phayao1's address, in its work standards


def it_office(base: Path, digits: str = "thai") -> Path:
    content = base / "content"
    shutil.copytree(ROOT / "content" / "phayao1", content / "phayao1")
    office = content / "phayao1" / "office.yaml"
    text = office.read_text("utf-8").replace("digits: thai", f"digits: {digits}")
    office.write_text(text + f"font: {IT_FAMILY}\n", "utf-8")
    return content


def runs_of(docx: Path, part: str = "word/document.xml") -> list[tuple[str, str | None]]:
    """(text, the run's own font) of every run with text."""
    root = etree.fromstring(zipfile.ZipFile(docx).read(part))
    out = []
    for r in root.iter(f"{{{W}}}r"):
        text = plain("".join(t.text or "" for t in r.iter(f"{{{W}}}t")))
        fonts = r.find(f"{{{W}}}rPr/{{{W}}}rFonts")
        if text:
            out.append((text, fonts.get(f"{{{W}}}ascii") if fonts is not None else None))
    return out


def test_the_names_and_spans_it_knows():
    assert all(is_it_font(n) for n in ("TH SarabunIT๙", "TH Sarabun IT9", "THSarabunIT๙"))
    assert not is_it_font("TH SarabunPSK") and not is_it_font(None)
    text = "ดู www.pyo1.go.th ข้อ 3 รหัส PYO2-01 และ ๔"
    assert [text[s:e] for s, e in arabic_spans(text)] == ["www.pyo1.go.th", "3", "PYO2-01"]


@pytest.mark.parametrize("digits", ["thai", "arabic"])
def test_every_arabic_digit_is_set_in_psk_and_the_rest_in_it(tmp_path, digits):
    [manual] = build_office("phayao1", paths=Paths(content=it_office(tmp_path, digits),
                                                   out=tmp_path / "out"),
                            year=2570, engine=NoLayout())
    runs = runs_of(manual.path)
    assert (URL, "TH SarabunPSK") in runs  # the address shows Arabic digits
    for text, font in runs:
        if re.search("[0-9]", text):
            assert font == "TH SarabunPSK", text
    thai = [t for t, _ in runs if re.search("[๐-๙]", t)]
    if digits == "thai":
        assert thai and "๑" in "".join(thai)  # real Thai characters, in the office's IT๙
    else:
        assert not thai
        assert any(re.fullmatch(r"[0-9.]+", t) for t, _ in runs)  # labels, in PSK
    styles = zipfile.ZipFile(manual.path).read("word/styles.xml").decode()
    assert 'w:cs="TH SarabunIT๙"' in styles
    # the page numbers of the headers and footers too
    package = zipfile.ZipFile(manual.path)
    footers = [n for n in package.namelist() if re.match(r"word/(header|footer)\d*\.xml", n)]
    numbers = [(t, f) for n in footers for t, f in runs_of(manual.path, n)
               if re.search("[0-9]", t)]
    assert numbers and all(f == "TH SarabunPSK" for _, f in numbers)


@pytest.mark.skipif(not (LAKSAMAN_DIR / "Laksaman.ttf").is_file(),
                    reason="Laksaman (fonts-tlwg-laksaman) is not installed")
def test_the_layout_font_draws_arabic_digits_as_thai(tmp_path):
    from fontTools.ttLib import TTFont

    prepare_fonts(tmp_path)
    it = TTFont(str(tmp_path / "THSarabunIT9-Regular.ttf")).getBestCmap()
    psk = TTFont(str(tmp_path / "THSarabunPSK-Regular.ttf")).getBestCmap()
    assert [it[0x30 + i] == it[0x0E50 + i] for i in range(10)] == [True] * 10
    assert psk[0x31] != psk[0x0E51]
    listing = subprocess.run(["fc-scan", "--format", "%{family}\n",
                              str(tmp_path / "THSarabunIT9-Regular.ttf")],
                             capture_output=True, text=True)
    if listing.returncode == 0:
        assert IT_FAMILY in listing.stdout


def _char_fonts(pdf: Path) -> list[tuple[str, str]]:
    """(character, font) of every character pdfium reads, page after page."""
    import pypdfium2
    import pypdfium2.raw as raw

    out = []
    document = pypdfium2.PdfDocument(str(pdf))
    for page in document:
        text = page.get_textpage()
        for i in range(text.count_chars()):
            buffer = ctypes.create_string_buffer(128)
            flags = ctypes.c_int()
            raw.FPDFText_GetFontInfo(text.raw, i, buffer, 128, ctypes.byref(flags))
            out.append((chr(raw.FPDFText_GetUnicode(text.raw, i)), buffer.value.decode()))
    return out


@needs_office
@pytest.mark.parametrize("digits", ["thai", "arabic"])
def test_the_pdf_reads_and_shows_the_offices_digits_and_the_address_arabic(tmp_path, digits):
    [manual] = build_office("phayao1", paths=Paths(content=it_office(tmp_path, digits),
                                                   out=tmp_path / "out"), year=2570, pdf=True)
    pdf = manual.path.with_suffix(".pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert URL in text  # the address reads back with its Arabic digits
    page = subprocess.run(["pdftotext", "-f", "5", "-l", "5", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    if digits == "thai":
        assert "เรื่อง ๑." in text  # the manual's numbers, as Thai characters
        assert not re.search("[0-9]", text.replace(URL, "").replace("pyo1", ""))
        assert page.split()[0] == "๒"  # its page numbers too
    else:
        assert "เรื่อง 1." in text and not re.search("[๐-๙]", text)
        assert page.split()[0] == "2"  # an IT๙ page number would read ๒
    chars = _char_fonts(pdf)
    drawn = {f.split("+")[-1].split("-")[0] for c, f in chars if "0" <= c <= "9"}
    assert drawn == {"THSarabunPSK"}  # on the page, 0-9 are drawn Arabic, page numbers too
    thai = {f.split("+")[-1].split("-")[0] for c, f in chars if "๐" <= c <= "๙"}
    if digits == "thai":  # the body's in the office's font (the page numbers' in PSK)
        assert "THSarabunIT9" in thai
    else:
        assert not thai


def _it_docx(path: Path) -> Path:
    """A small manual typed in TH SarabunIT๙ with Arabic code points, as such offices type."""
    document = Document()
    fonts = document.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:rFonts')}")
    for slot in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{slot}"), IT_FAMILY)
    for text in ("คู่มือการปฏิบัติงาน", "นางสมใจ ตั้งใจงาน", "ตำแหน่ง นักจัดการงานทั่วไป ชำนาญการ",
                 "กลุ่มอำนวยการ", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพะเยา เขต 2"):
        document.add_paragraph().add_run(text).bold = True
    document.add_paragraph().add_run("งานในหน้าที่รับผิดชอบ").bold = True
    document.add_paragraph("1. งานสารบรรณ ตามระเบียบ พ.ศ. 2526")
    document.add_paragraph("2. งานเว็บไซต์ www.pyo2.go.th")
    document.save(str(path))
    return path


def test_a_manual_typed_in_it_imports_as_its_page_shows(tmp_path):
    imported = import_docx(_it_docx(tmp_path / "it.docx"),
                           TemplateFolders.for_office(ROOT / "templates", "none"))
    office = imported.office
    assert office is not None and office.digits.value == "thai" and office.font == IT_FAMILY
    assert imported.staff.duties is not None
    duties = [item.text for item in imported.staff.duties.items]
    assert duties == ["งานสารบรรณ ตามระเบียบ พ.ศ. ๒๕๒๖", "งานเว็บไซต์ www.pyo2.go.th"]
    [note] = [n for n in imported.notes if IT_FAMILY in n.message]
    assert "แสดงเลขอารบิก (0-9) เป็นเลขไทย" in note.message


def test_the_lint_says_what_it_does_with_digits(tmp_path):
    content = it_office(tmp_path)
    staff = content / "phayao1" / "staff" / "raprapa.yaml"
    staff.write_text(staff.read_text("utf-8").replace("กำหนดกลยุทธ์จัดการศึกษา",
                                                      "กำหนดกลยุทธ์ 5 ด้าน"), "utf-8")
    checked = check_office("phayao1", paths=Paths(content=content, out=tmp_path), year=2570)
    [digits] = [w for w in checked.all_warnings if "เนื้อหาใช้เลขอารบิก" in w.message]
    assert f"ฟอนต์ {IT_FAMILY} ของสำนักงานแสดงเลขอารบิก (0-9) เป็นรูปเลขไทย" in digits.message
    assert "คู่มือจึงเก็บเป็นเลขไทยจริง" in digits.message
