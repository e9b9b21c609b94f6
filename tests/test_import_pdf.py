"""Manuals that come as PDFs: ours back losslessly from the Word file they carry, anyone
else's from the text layer (printed here by LibreOffice, a real producer), and the PDFs that
cannot be read refused with a Thai message, nothing written (scans: test_import_scan.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import yaml
from PIL import Image

from khumue.build.office import build_office
from khumue.content import Paths
from khumue.content.templates import TemplateFolders
from khumue.importer.job import ImportOptions, import_files
from khumue.importer.read import ReadAs
from khumue.importer.read.pdf import import_pdf
from khumue.layout.engine import LibreOfficeLayout
from khumue.pdf.source import SOURCE_NAME, embedded_source
from tests.conftest import ROOT, needs_office
from tests.pdfmake import damaged_sara_am, libreoffice_pdf
from tests.refusal import assert_refused
from tests.typedmanual import TypedManual, standard_manual

TEMPLATES = TemplateFolders((ROOT / "templates" / "default",))
OFFICE = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาน่าน เขต ๑"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@needs_office
def test_our_pdf_carries_its_word_file_and_imports_with_content_unchanged(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "phayao2", content / "phayao2")
    shutil.copytree(ROOT / "content" / "groups", content / "groups",
                    dirs_exist_ok=True) if (ROOT / "content" / "groups").is_dir() else None
    paths = Paths(content=content, out=tmp_path / "out")
    with LibreOfficeLayout() as engine:
        [built] = build_office("phayao2", paths=paths, year=2570, pdf=True, engine=engine)
    pdf = built.path.with_suffix(".pdf")
    with pikepdf.open(pdf) as document:
        [spec] = document.Root.AF
        assert spec.AFRelationship == pikepdf.Name.Source
        assert document.open_metadata()["pdfaid:part"] == "3"
        assert SOURCE_NAME in document.attachments
    assert embedded_source(pdf.read_bytes()) == built.path.read_bytes()
    before = _snapshot(content)
    report = import_files(ImportOptions("phayao2", paths), [pdf])
    assert report.written == [] and not report.refused
    assert _snapshot(content) == before
    [row] = report.files
    assert row.read_as == ReadAs.own.value and row.staff_id == "kotchaporn"


def _long_manual() -> TypedManual:
    return standard_manual(OFFICE, [
        (str(i), f"ลงทะเบียนรับหนังสือราชการฉบับที่ {i} ในระบบสารบรรณอิเล็กทรอนิกส์ "
                 "และเสนอผู้บังคับบัญชาตามลำดับชั้นภายในวันเดียวกัน",
         f"ดำเนินการแล้วเสร็จภายใน {i} วันทำการ") for i in range(1, 31)])


@needs_office
def test_a_pdf_printed_by_libreoffice_reads_like_the_word_file(tmp_path):
    docx = _long_manual().save(tmp_path / "long.docx")
    pdf = libreoffice_pdf(docx, tmp_path / "long.pdf")
    with pikepdf.open(pdf) as document:
        assert len(document.pages) >= 3  # the table goes on over two page breaks
    imported = import_pdf(pdf, TEMPLATES)
    assert imported.read_as is ReadAs.pdf
    staff = imported.staff
    assert (staff.name, staff.position, staff.level, staff.group) == (
        "นางสาวสมศรี ใจดี", "นักจัดการงานทั่วไป", "ชำนาญการ", "กลุ่มอำนวยการ")
    assert imported.office.name == OFFICE
    [standard] = staff.work_standards
    assert (standard.number, standard.title) == (1, "งานสารบรรณ")
    assert len(standard.rows) == 30  # one table again, no header row typed in between
    for i, row in enumerate(standard.rows, start=1):
        assert "".join(row.activity[0].text.split()) == (
            f"ลงทะเบียนรับหนังสือราชการฉบับที่{i}ในระบบสารบรรณอิเล็กทรอนิกส์"
            "และเสนอผู้บังคับบัญชาตามลำดับชั้นภายในวันเดียวกัน")
        assert "".join(row.standard[0].text.split()) == f"ดำเนินการแล้วเสร็จภายใน{i}วันทำการ"


@needs_office
def test_a_pdf_whose_sara_am_reads_as_space_and_sara_aa_is_repaired(tmp_path):
    docx = _long_manual().save(tmp_path / "long.docx")
    pdf = damaged_sara_am(docx, tmp_path / "broken.pdf")
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    layer = document[0].get_textpage().get_text_range()
    document.close()
    assert "ำ" not in layer and "ส านักงาน" in layer  # the damage is in the text layer
    imported = import_pdf(pdf, TEMPLATES)
    assert imported.staff.position == "นักจัดการงานทั่วไป" and imported.staff.level == "ชำนาญการ"
    assert imported.office.name == OFFICE
    assert "".join(imported.staff.work_standards[0].rows[4].standard[0].text.split()) == \
        "ดำเนินการแล้วเสร็จภายใน5วันทำการ"
    assert sum("สระอำที่แยก" in n.message for n in imported.notes) >= 30


def test_a_pdf_locked_with_a_password_is_refused(tmp_path):
    source = tmp_path / "open.pdf"
    Image.new("RGB", (200, 200), "white").save(source)
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(source) as document:
        document.save(locked, encryption=pikepdf.Encryption(owner="o", user="secret"))
    assert_refused(tmp_path, locked, "รหัสผ่าน")


def test_a_broken_pdf_is_refused(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n")
    assert_refused(tmp_path, broken, "เสียหาย")


# -- a new office from its folder ----------------------------------------------------------
def test_a_folder_of_our_manuals_makes_a_new_office_with_its_shared_group_once(tmp_path):
    from khumue.layout.engine import NoLayout
    from tests.docxread import Manual

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "sakonnakhon2", content / "sakonnakhon2")
    staff = content / "sakonnakhon2" / "staff"
    second = (staff / "apakorn.yaml").read_text(encoding="utf-8").replace(
        "นางสาวอาภากร ศรีตามาตร์", "นางสาวสุดา ศรีตามาตร์")
    (staff / "suda.yaml").write_text(second, encoding="utf-8")
    built = build_office("sakonnakhon2", paths=Paths(content=content, out=tmp_path / "out"),
                         year=2570, engine=NoLayout())
    folder = tmp_path / "returned"
    folder.mkdir()
    for manual in built:
        shutil.copy(manual.path, folder / manual.path.name)

    fresh = tmp_path / "fresh"  # a machine where the office is not in content/ yet
    report = import_files(ImportOptions("newoffice", Paths(content=fresh)), [folder])
    assert not report.refused and len(report.files) == 2
    new = fresh / "newoffice"
    [group_file] = (new / "groups").glob("*.yaml")
    group = yaml.safe_load(group_file.read_text(encoding="utf-8"))
    assert group["name"] == "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา" and group["group_roles"]
    for path in (new / "staff").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["group"] == group_file.stem and "group_roles" not in data
        assert all(set(p) == {"use"} for p in data["processes"])  # the same processes, once
    assert len(list((new / "processes").glob("*.yaml"))) == 3
    office = (new / "office.yaml").read_text(encoding="utf-8")
    assert "# ตรวจ: ชื่อเต็มของสำนักงาน" in office and "fiscal_year: 2570" in office

    rebuilt = build_office("newoffice", paths=Paths(content=fresh, out=tmp_path / "out2"),
                           year=2570, engine=NoLayout())
    by_name = {m.path.name: m.path for m in rebuilt}
    for manual in built:
        assert Manual(by_name[manual.path.name]).all_text() == Manual(manual.path).all_text()


@needs_office
def test_running_headers_and_page_numbers_of_a_pdf_are_left_out(tmp_path):
    from docx.oxml import parse_xml

    manual = _long_manual()
    section = manual.document.sections[0]
    section.header.paragraphs[0].text = "คู่มือการปฏิบัติงาน กลุ่มอำนวยการ ปีงบประมาณ ๒๕๖๙"
    footer = section.footer.paragraphs[0]
    footer._p.append(parse_xml(
        '<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    pdf = libreoffice_pdf(manual.save(tmp_path / "headed.docx"), tmp_path / "headed.pdf")
    imported = import_pdf(pdf, TEMPLATES)
    text = "\n".join(str(v) for v in _strings(imported.data))
    assert "ปีงบประมาณ ๒๕๖๙" not in text  # the running header, on every page, is furniture
    assert len(imported.staff.work_standards[0].rows) == 30  # page numbers did not split it
    assert not imported.staff.sections  # nothing left over


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
