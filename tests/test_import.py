"""Importing Word manuals into content: our own output (lossless, with the edits a reviewer
made in Word), hand-typed manuals in two typing styles made from the seeds, Word's numbering
formats, and the files that are not manuals at all."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from khumue.build.office import Paths, build_office, check_office
from khumue.cli.script import main
from khumue.content.model import Staff
from khumue.content.templates import TemplateFolders
from khumue.errors import ImportFailed
from khumue.importer.job import ImportOptions, import_files, staff_id_from
from khumue.importer.merge.yamlwrite import dump
from khumue.importer.read import content_data, import_docx
from khumue.layout.engine import NoLayout
from khumue.typeset.wordjoin import plain
from khumue.wordml.numbering import Numbering
from khumue.wordml.reader import read_docx
from tests.conftest import OFFICES, ROOT, SEED_FILES, SEEDS, needs_seeds
from tests.docxread import Manual
from tests.wordedit import replace_seen

TEMPLATES = TemplateFolders((ROOT / "templates" / "default",))
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def own_builds(tmp_path_factory) -> dict[str, Path]:
    """Each office built once without layout: office id → its manual."""
    out = tmp_path_factory.mktemp("own")
    return {office: build_office(office, paths=Paths(out=out), year=2570,
                                 engine=NoLayout())[0].path for office in OFFICES}


def rebuild(tmp_path: Path, docx: Path, office: str = "test1", staff: str = "imported") -> Path:
    """Import ``docx`` into a fresh content folder through the command line, build it, and
    return the new manual."""
    content = tmp_path / "content"
    result = CliRunner().invoke(main, ["--office", office, "--content", str(content),
                                       "--import", str(docx), "--staff", staff])
    assert result.exit_code == 0, result.output
    [manual] = build_office(office, paths=Paths(content=content, out=tmp_path / "out"),
                            year=2570, engine=NoLayout())
    return manual.path


def staff_yaml(tmp_path: Path, office: str = "test1", staff: str = "imported") -> dict:
    path = tmp_path / "content" / office / "staff" / f"{staff}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# -- our own output ------------------------------------------------------------------------------


@pytest.mark.parametrize("office", OFFICES)
def test_round_trip_gives_the_same_document_text_part_for_part(office, own_builds, tmp_path):
    original = Manual(own_builds[office])
    again = Manual(rebuild(tmp_path, own_builds[office], office))
    assert again.paragraphs() == original.paragraphs()
    assert again.tables() == original.tables()
    assert again.header_texts() == original.header_texts()


def _edit(path: Path, out: Path, change) -> Path:
    document = Document(str(path))
    change(document)
    document.save(str(out))
    return out


def _paragraph_starting(document, text: str) -> Paragraph:
    return next(p for p in document.paragraphs if plain(p.text).startswith(text))


def test_a_word_changed_in_a_step_comes_back_into_the_content(own_builds, tmp_path):
    def change(document):
        step = _paragraph_starting(document, "5.3\tแต่งตั้งคณะกรรมการพิจารณาจัดสรร")
        for r in step.runs:
            r.text = replace_seen(r.text, "แต่งตั้ง", "จัดตั้ง")

    edited = _edit(own_builds["phayao2"], tmp_path / "edited.docx", change)
    manual = Manual(rebuild(tmp_path, edited, "phayao2"))
    steps = staff_yaml(tmp_path, "phayao2")["processes"][0]["steps"]
    assert steps[2]["text"] == "จัดตั้งคณะกรรมการพิจารณาจัดสรร"
    assert "5.3\tจัดตั้งคณะกรรมการพิจารณาจัดสรร" in manual.paragraphs()
    raw = (tmp_path / "content" / "phayao2" / "staff" / "imported.yaml").read_text("utf-8")
    assert "# ตรวจ: แก้ไขใน Word: \"แต่งตั้งคณะกรรมการพิจารณาจัดสรร\"" in raw


def test_a_step_added_and_a_definition_removed_in_word_come_back(own_builds, tmp_path):
    def change(document):
        step = _paragraph_starting(document, "5.3\t")
        new = copy.deepcopy(step._p)
        step._p.addnext(new)
        added = Paragraph(new, step._parent)
        added.runs[0].text = "5.4\t"
        for r in added.runs[1:]:
            r.text = ""
        added.runs[-1].text = "ตรวจสอบรายชื่อผู้ได้รับทุน"
        gone = _paragraph_starting(document, "4.2\tสวัสดิการ")
        gone._p.getparent().remove(gone._p)

    edited = _edit(own_builds["phayao2"], tmp_path / "edited.docx", change)
    manual = Manual(rebuild(tmp_path, edited, "phayao2"))
    process = staff_yaml(tmp_path, "phayao2")["processes"][0]
    texts = [s["text"] if isinstance(s, dict) else s for s in process["steps"]]
    assert texts[3] == "ตรวจสอบรายชื่อผู้ได้รับทุน" and len(texts) == 6
    assert [d["term"] for d in process["definitions"]] == ["ทุนการศึกษา"]
    # renumbered by the build: the added step is 5.4, the one after it 5.5
    assert "5.4\tตรวจสอบรายชื่อผู้ได้รับทุน" in manual.paragraphs()
    assert "5.5\tจัดสรรตามรายละเอียดที่กำหนด" in manual.paragraphs()


def test_a_row_added_to_a_standard_table_comes_back(own_builds, tmp_path):
    def change(document):
        table = next(t for t in document.tables
                     if "กิจกรรม/วิธีปฏิบัติ" in plain(t.rows[0].cells[1].text))
        last = table.rows[-1]._tr
        new = copy.deepcopy(last)
        last.addnext(new)
        cells = new.findall(f"{{{W_NS}}}tc")
        for cell, text in zip(cells, ("๔", "ทบทวนแผนกับสถานศึกษา", "มีรายงานผลการทบทวน"),
                              strict=True):
            paragraphs = cell.findall(f"{{{W_NS}}}p")
            for extra in paragraphs[1:]:
                cell.remove(extra)
            p = Paragraph(paragraphs[0], None)
            for r in p.runs:
                r.text = ""
            (p.runs[0] if p.runs else p.add_run()).text = text

    edited = _edit(own_builds["phayao1"], tmp_path / "edited.docx", change)
    manual = Manual(rebuild(tmp_path, edited, "phayao1"))
    rows = staff_yaml(tmp_path, "phayao1")["work_standards"][0]["rows"]
    assert len(rows) == 10
    assert rows[-1] == {"activity": ["ทบทวนแผนกับสถานศึกษา"], "standard": ["มีรายงานผลการทบทวน"]}
    table = manual.table_after("งานจัดทำแผนพัฒนาการศึกษาขั้นพื้นฐาน")
    assert table[-1] == ["๑๐", "ทบทวนแผนกับสถานศึกษา", "มีรายงานผลการทบทวน"]


def test_the_default_foreword_edited_in_word_becomes_the_manuals_own(own_builds, tmp_path):
    def change(document):
        first = _paragraph_starting(document, "คู่มือการปฏิบัติงานฉบับนี้")
        first.runs[0].text = replace_seen(first.runs[0].text, "คู่มือการปฏิบัติงานฉบับนี้",
                                          "คู่มือฉบับปรับปรุงนี้")

    edited = _edit(own_builds["phayao2"], tmp_path / "edited.docx", change)
    manual = Manual(rebuild(tmp_path, edited, "phayao2"))
    foreword = staff_yaml(tmp_path, "phayao2")["foreword"]["text"]
    assert foreword[0].startswith("คู่มือฉบับปรับปรุงนี้")
    assert any(p.startswith("คู่มือฉบับปรับปรุงนี้") for p in manual.paragraphs())


# -- hand-typed manuals ------------------------------------------------------------------------


def _count_steps(steps) -> int:
    return sum(1 + _count_steps(s.steps) for s in steps)


@needs_seeds
@pytest.mark.parametrize("style", ["typed", "word"])
@pytest.mark.parametrize("office", OFFICES)
def test_hand_typed_manual_imports_with_the_transcriptions_counts(office, style, tmp_path,
                                                                   capsys):
    from tests.handtyped_docx import handtyped_docx
    from tests.test_seed_coverage import coverage

    seed = (SEEDS / SEED_FILES[office]).read_text(encoding="utf-8")
    transcribed = check_office(office).content.staff[0].staff
    docx = handtyped_docx(seed, style, transcribed.processes, tmp_path / f"{office}.docx")
    imported = import_docx(docx, TEMPLATES)
    assert not imported.own
    staff = Staff.model_validate(imported.staff)
    assert len(staff.processes) == len(transcribed.processes)
    assert len(staff.work_standards) == len(transcribed.work_standards)
    assert [len(w.rows) for w in staff.work_standards] == \
        [len(w.rows) for w in transcribed.work_standards]
    assert [_count_steps(p.steps) for p in staff.processes] == \
        [_count_steps(p.steps) for p in transcribed.processes]
    built = rebuild(tmp_path / "built", docx, office)
    share, missing = coverage(seed, Manual(built).all_text())
    with capsys.disabled():
        print(f"\n{office} ({style}): {share:.1%} of the seed's words; not found: {missing[:6]}")
    assert share >= 0.95
    if staff.work_standards:
        assert any("มาตรฐานการปฏิบัติงาน (เดาจากหัวตาราง)" in n.message for n in imported.notes)
    if staff.processes:
        assert any(n.path[:1] == ("processes",) for n in imported.notes)


@needs_seeds
def test_a_diamond_in_the_drawn_flowchart_makes_its_step_a_decision(tmp_path):
    from tests.handtyped_docx import handtyped_docx

    seed = (SEEDS / SEED_FILES["sakonnakhon2"]).read_text(encoding="utf-8")
    transcribed = check_office("sakonnakhon2").content.staff[0].staff
    docx = handtyped_docx(seed, "word", transcribed.processes, tmp_path / "s.docx")
    staff = Staff.model_validate(import_docx(docx, TEMPLATES).staff)
    decisions = [s.text for p in staff.processes for top in p.steps for s in top.walk()
                 if s.kind.value == "decision"]
    assert decisions == [s.text for p in transcribed.processes for top in p.steps
                         for s in top.walk() if s.kind.value == "decision"]
    # the flowchart's texts (DrawingML and its VML fallback) are not read as body text
    typed = Staff.model_validate(import_docx(
        handtyped_docx(seed, "typed", [], tmp_path / "t.docx"), TEMPLATES).staff)
    assert [len(p.steps) for p in staff.processes] == [len(p.steps) for p in typed.processes]


def _typed_manual(path: Path) -> Path:
    """A small manual typed by hand with python-docx: bold centred cover, Word numbering in
    Thai digits for the steps, a work-standard table with a merged cell."""
    document = Document()

    def line(text: str, bold: bool = False, size: float | None = None, center: bool = False):
        p = document.add_paragraph()
        r = p.add_run(text)
        r.bold = bold
        if size:
            r.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    for text in ("คู่มือการปฏิบัติงาน", "นางสมใจ ตั้งใจงาน", "ตำแหน่ง นักจัดการงานทั่วไป ชำนาญการ",
                 "กลุ่มอำนวยการ", "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาลำปาง ลำพูน"):
        line(text, bold=True, size=20, center=True)
    line("งานในหน้าที่รับผิดชอบ", bold=True, size=18)
    line("๑. งานสารบรรณ")
    line("๒. งานประชุม")
    line("มาตรฐานการปฏิบัติงาน", bold=True, size=18, center=True)
    line("เรื่อง ๑. งานสารบรรณ", bold=True, size=18, center=True)
    table = document.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ("ที่", "กิจกรรม/วิธีปฏิบัติ", "มาตรฐานการปฏิบัติงาน"),
                          strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("๑", "รับหนังสือ", "ภายใน ๑ วัน"), strict=True):
        cell.text = text
    merged = table.rows[2].cells[1].merge(table.rows[2].cells[2])
    table.rows[2].cells[0].text = "๒"
    merged.text = "ลงทะเบียนรับ"
    line("คู่มือขั้นตอนการดำเนินงาน", bold=True, size=18, center=True)
    line("งานรับหนังสือราชการ", bold=True, size=18, center=True)
    for number, (title, body) in enumerate((
            ("ชื่องาน", ["งานรับหนังสือราชการ"]), ("วัตถุประสงค์", ["เพื่อรับหนังสือได้ทันเวลา"]),
            ("ขอบเขตของงาน", ["หนังสือที่ส่งถึงสำนักงาน"]), ("ขั้นตอนการปฏิบัติงาน", []),
            ("Flow Chart การปฏิบัติงาน", []), ("เอกสารอ้างอิง", ["ระเบียบงานสารบรรณ พ.ศ. ๒๕๒๖"])),
            start=1):
        line(f"{'๑๒๓๔๕๖'[number - 1]}. {title}", bold=True, size=16)
        for text in body:
            line(text)
        if title.startswith("ขั้นตอน"):
            numbering = document.part.numbering_part.element
            numbering.append(etree.fromstring(
                f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="77"><w:lvl w:ilvl="0">'
                '<w:start w:val="1"/><w:numFmt w:val="thaiNumbers"/><w:lvlText w:val="๔.%1"/>'
                '</w:lvl></w:abstractNum>'))
            numbering.append(etree.fromstring(
                f'<w:num xmlns:w="{W_NS}" w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
            for text in ("รับหนังสือจากผู้ส่ง", "ลงทะเบียนรับในระบบ", "เสนอผู้บริหาร"):
                p = line(text)
                p._p.get_or_add_pPr().append(etree.fromstring(
                    f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="77"/>'
                    '</w:numPr>'))
    document.save(str(path))
    return path


def test_a_small_hand_typed_manual_is_recognised(tmp_path):
    imported = import_docx(_typed_manual(tmp_path / "typed.docx"), TEMPLATES)
    staff = Staff.model_validate(imported.staff)
    assert (staff.name, staff.position, staff.level, staff.group) == (
        "นางสมใจ ตั้งใจงาน", "นักจัดการงานทั่วไป", "ชำนาญการ", "กลุ่มอำนวยการ")
    assert content_data(imported.office) == {"name": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาลำปาง ลำพูน",
                               "short_name": "สพม.ลำปาง ลำพูน", "digits": "thai"}
    assert [i.text for i in staff.duties.items] == ["งานสารบรรณ", "งานประชุม"]
    [standard] = staff.work_standards
    assert (standard.number, standard.title) == (1, "งานสารบรรณ")
    assert [r.activity[0].text for r in standard.rows] == ["รับหนังสือ", "ลงทะเบียนรับ"]
    [process] = staff.processes
    assert process.name == "งานรับหนังสือราชการ"
    assert [s.text for s in process.steps] == ["รับหนังสือจากผู้ส่ง", "ลงทะเบียนรับในระบบ",
                                              "เสนอผู้บริหาร"]
    assert process.references[0].text == "ระเบียบงานสารบรรณ พ.ศ. ๒๕๒๖"  # as typed


def test_word_numbering_formats_restarts_and_overrides():
    numbering = Numbering.parse(etree.fromstring(f"""
        <w:numbering xmlns:w="{W_NS}">
          <w:abstractNum w:abstractNumId="1">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="thaiNumbers"/>
              <w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="thaiNumbers"/>
              <w:lvlText w:val="%1.%2"/></w:lvl>
          </w:abstractNum>
          <w:abstractNum w:abstractNumId="2">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="thaiLetters"/>
              <w:lvlText w:val="(%1)"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
          <w:num w:numId="3"><w:abstractNumId w:val="1"/>
            <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
        </w:numbering>"""))

    def label(num: int, level: int = 0) -> str | None:
        props = etree.fromstring(f'<w:pPr xmlns:w="{W_NS}"><w:numPr><w:ilvl w:val="{level}"/>'
                                 f'<w:numId w:val="{num}"/></w:numPr></w:pPr>')
        found = numbering.label_for(props, [])
        return found[0] if found else None

    assert [label(1), label(1, 1), label(1, 1), label(1), label(1, 1)] == \
        ["๑.", "๑.๑", "๑.๒", "๒.", "๒.๑"]
    assert [label(2), label(2), label(2)] == ["(ก)", "(ข)", "(ค)"]
    assert label(3) == "๕."  # its own counters, started at 5
    assert label(0) is None


def test_shapes_text_is_read_once_from_the_choice_not_the_vml_fallback(tmp_path):
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    document = Document()
    p = document.add_paragraph("ก่อนรูป")
    run = etree.fromstring(
        f'<w:r xmlns:w="{W_NS}" xmlns:mc="{mc}" xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp xmlns:wps='
        '"http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:a='
        '"http://schemas.openxmlformats.org/drawingml/2006/main"><wps:spPr><a:prstGeom '
        'prst="flowChartDecision"/></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r><w:t>'
        'อนุมัติหรือไม่</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing>'
        '</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>'
        '<w:t>อนุมัติหรือไม่</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>'
        '</mc:Fallback></mc:AlternateContent></w:r>')
    p._p.append(run)
    document.save(str(tmp_path / "shape.docx"))
    [para] = read_docx(tmp_path / "shape.docx").paragraphs()
    assert para.text == "ก่อนรูป"
    assert [(s.kind, s.text) for s in para.shapes] == [("flowChartDecision", "อนุมัติหรือไม่")]


# -- bad input ------------------------------------------------------------------------------------


def _empty_docx(path: Path) -> Path:
    Document().save(str(path))
    return path


def _letter(path: Path) -> Path:
    document = Document()
    document.add_paragraph("เรียน ผู้อำนวยการ")
    document.add_paragraph("ด้วยข้าพเจ้าขอลาพักผ่อน ตั้งแต่วันที่ ๑ ถึง ๓ ธันวาคม")
    document.save(str(path))
    return path


def _corrupt(path: Path, own: Path) -> Path:
    path.write_bytes(own.read_bytes()[:4000])
    return path


def _not_word_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hello")
    return path


@pytest.mark.parametrize(("maker", "words"), [
    (lambda p, own: (p.write_text("ไม่ใช่ไฟล์ Word", encoding="utf-8"), p)[1], "ไม่ใช่ไฟล์ .docx"),
    (lambda p, own: (p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), p)[1],
     "รุ่นเก่า (.doc)"),
    (lambda p, own: (p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64
                                   + "EncryptedPackage".encode("utf-16-le")), p)[1],
     "ตั้งรหัสผ่าน"),
    (lambda p, own: _corrupt(p, own), "เปิดเป็นเอกสาร Word ไม่ได้"),
    (lambda p, own: _not_word_zip(p), "เปิดเป็นเอกสาร Word ไม่ได้"),
    (lambda p, own: _empty_docx(p), "เอกสารว่าง"),
    (lambda p, own: _letter(p), "ไม่พบส่วนของคู่มือการปฏิบัติงาน"),
], ids=["text", "doc", "password", "corrupt", "zip", "empty", "letter"])
def test_a_file_that_is_not_a_manual_gets_a_clear_thai_error_and_nothing_is_written(
        maker, words, own_builds, tmp_path):
    bad = maker(tmp_path / "bad.docx", own_builds["phayao2"])
    content = tmp_path / "content"
    result = CliRunner().invoke(main, ["--office", "test1", "--content", str(content),
                                       "--import", str(bad)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert str(bad) in result.output and words in result.output
    assert not content.exists()


def test_importing_into_an_existing_staff_file_edits_it_in_place(own_builds, tmp_path):
    """A staff file that exists is merged into, not replaced: the clerk's own comment
    stays, and an unchanged manual changes nothing."""
    content = tmp_path / "content"
    options = ImportOptions("phayao2", Paths(content=content, out=tmp_path / "out"),
                            staff_id="kotchaporn")
    import_files(options, [own_builds["phayao2"]])
    target = content / "phayao2" / "staff" / "kotchaporn.yaml"
    target.write_text(target.read_text("utf-8") + "# แก้เอง\n", encoding="utf-8")
    before = target.read_bytes()
    report = import_files(options, [own_builds["phayao2"]])
    assert report.written == [] and target.read_bytes() == before
    with pytest.raises(ImportFailed, match="--staff ใช้กับไฟล์เดียว"):
        import_files(options, [own_builds["phayao2"], own_builds["phayao1"]])


def test_staff_id_from_a_thai_file_name():
    assert staff_id_from(Path("คู่มือ 2569 (final).docx")).startswith("khumue-2569-final")
    assert staff_id_from(Path("Somchai_Manual.docx")) == "somchai-manual"
    assert staff_id_from(Path("....docx")) == "manual"


def test_yaml_keeps_thai_order_and_comments():
    data = {"name": "นางสมใจ", "yes": "ใช่", "steps": [{"text": "2546", "duration": "1 วัน"}]}
    text = dump(data, {("steps", 0, "duration"): ["ตรวจ: เวลา"], ("gone", 3): ["ท้าย"]},
                ["หัว"])
    # a comment about a value that is not there goes to the top
    assert text.splitlines()[:4] == ["# หัว", "# ท้าย", "name: นางสมใจ", "'yes': ใช่"]
    assert "    # ตรวจ: เวลา\n    duration: 1 วัน" in text
    assert yaml.safe_load(text) == data
    assert "\\u" not in text


def test_a_built_manual_keeps_its_content_inside(own_builds):
    with zipfile.ZipFile(own_builds["phayao2"]) as package:
        parts = [n for n in package.namelist() if n.startswith("customXml/item")]
        texts = [package.read(n).decode("utf-8") for n in parts]
    assert any("urn:khumue:content:1" in t and "นางกชพร คำวงษา" in t for t in texts)


def test_two_headings_of_one_process_section_are_both_kept(tmp_path):
    """"9. กฎหมาย ระเบียบ…" and "10. เอกสารอ้างอิง" both name the references: the second is
    kept after the first, its heading as a bold line, and a note says so."""
    document = Document()
    for text in ("คู่มือการปฏิบัติงาน", "นางสมใจ ตั้งใจงาน", "ตำแหน่ง นักจัดการงานทั่วไป",
                 "กลุ่มอำนวยการ", "คู่มือขั้นตอนการดำเนินงาน", "งานรับหนังสือราชการ"):
        run = document.add_paragraph().add_run(text)
        run.bold, run.font.size = True, Pt(20)
    for title, body in (("1. ชื่องาน", "งานรับหนังสือราชการ"), ("2. วัตถุประสงค์", "เพื่อรับหนังสือ"),
                        ("3. ขั้นตอนการปฏิบัติงาน", "3.1 รับหนังสือ"),
                        ("9. กฎหมาย ระเบียบที่เกี่ยวข้อง", "ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ"),
                        ("10. เอกสารอ้างอิง", "คู่มืองานสารบรรณ สพฐ.")):
        document.add_paragraph().add_run(title).bold = True
        document.add_paragraph(body)
    document.save(str(tmp_path / "two.docx"))
    imported = import_docx(tmp_path / "two.docx", TEMPLATES)
    [process] = imported.staff.processes
    assert process.references is not None
    texts = [b.text or b.bold for b in process.references]
    assert texts == ["ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ", "10. เอกสารอ้างอิง",
                     "คู่มืองานสารบรรณ สพฐ."]
    assert process.titles.references == "กฎหมาย ระเบียบที่เกี่ยวข้อง"
    assert any("รวมไว้ต่อกัน" in n.message and n.path == ("processes", 0, "references")
               for n in imported.notes)


def test_a_row_that_starts_in_a_later_column_reads_its_cells_under_their_headers(tmp_path):
    """w:gridBefore: a row whose first cell stands under the second column (as Word writes a
    row whose first cell was deleted); its cells must stay under their own headers."""
    from khumue.importer.read.handtyped.standards import read_standard
    from khumue.importer.read.lines import Grid, lines_of

    document = Document()
    table = document.add_table(rows=3, cols=3)
    for r, texts in enumerate((("ที่", "กิจกรรม/วิธีปฏิบัติ", "มาตรฐานการปฏิบัติงาน"),
                               ("1", "รับหนังสือ", "ภายใน 1 วัน"),
                               ("", "ลงทะเบียนรับ", "ภายในวันเดียวกัน"))):
        for cell, text in zip(table.rows[r].cells, texts, strict=True):
            cell.text = text
    row = table.rows[2]._tr
    row.remove(row.tc_lst[0])
    row.get_or_add_trPr().append(etree.fromstring(
        f'<w:gridBefore xmlns:w="{W_NS}" w:val="1"/>'))
    document.save(str(tmp_path / "grid.docx"))
    [grid] = [it for it in lines_of(read_docx(tmp_path / "grid.docx")) if isinstance(it, Grid)]
    assert grid.texts()[2] == ["", "ลงทะเบียนรับ", "ภายในวันเดียวกัน"]
    # a row without its number continues the row before (a row split over a page break)
    [joined] = read_standard(0, "งานสารบรรณ", grid).standard.rows
    assert [b.text for b in joined.activity] == ["รับหนังสือ", "ลงทะเบียนรับ"]
    assert [b.text for b in joined.standard] == ["ภายใน 1 วัน", "ภายในวันเดียวกัน"]
