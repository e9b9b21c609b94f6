"""Steady under real use: a file of another office is refused, pasted units land where they
were pasted, a cell split by Enter stays in its cell, retyped row numbers are no edit, merged
cells come back merged, and a zip bomb is refused in a second and a few MB."""

from __future__ import annotations

import resource
import shutil
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from khumue.build.office import Paths, build_office
from khumue.cli.script import main
from khumue.layout.engine import NoLayout
from khumue.wordml.limits import MAX_PART_BYTES, check_package
from tests.conftest import ROOT, needs_office
from tests.docxread import Manual, W, element_text
from tests.test_word_edits import Office
from tests.wordedit import WordDocx, text_of, w


@pytest.fixture
def phayao1(tmp_path: Path) -> Office:
    return Office(tmp_path, "phayao1")


@pytest.fixture
def phayao2(tmp_path: Path) -> Office:
    return Office(tmp_path, "phayao2")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


# -- another office's file --------------------------------------------------------------------

def test_a_manual_of_another_office_is_refused_and_nothing_is_written(tmp_path):
    for office in ("phayao1", "phayao2"):
        shutil.copytree(ROOT / "content" / office, tmp_path / "content" / office)
    paths = Paths(content=tmp_path / "content", out=tmp_path / "out")
    [theirs] = build_office("phayao1", paths=paths, year=2570, engine=NoLayout())
    before = _snapshot(tmp_path / "content")
    result = CliRunner().invoke(main, ["--office", "phayao2", "--content", str(paths.content),
                                       "--import", str(theirs.path)])
    assert result.exit_code == 1, result.output  # every file given was refused
    assert "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพะเยา เขต 1 (phayao1)" in result.output
    assert "python build.py --office phayao1 --import" in result.output
    assert "--moved" in result.output
    assert "1 file(s) given, 0 imported, 1 refused" in result.output
    assert _snapshot(tmp_path / "content") == before
    # a staff member who really moved: said so, imported as this office's
    result = CliRunner().invoke(main, ["--office", "phayao2", "--content", str(paths.content),
                                       "--import", str(theirs.path), "--moved"])
    assert result.exit_code == 0, result.output
    moved = yaml.safe_load((paths.content / "phayao2" / "staff" / "raprapa.yaml").read_text(
        encoding="utf-8"))
    assert moved["name"] == "นางสาวรประภา พินิจสุวรรณ"


def test_a_hand_typed_manual_naming_another_office_is_refused(tmp_path):
    for office in ("phayao1", "phayao2"):
        shutil.copytree(ROOT / "content" / office, tmp_path / "content" / office)
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    for text, size in (("คู่มือการปฏิบัติงาน", 20), ("นางสาวทดสอบ ใจดี", 20),
                       ("ตำแหน่ง นักวิชาการศึกษา", 20),
                       ("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพะเยา เขต ๑", 20),
                       ("งานในหน้าที่รับผิดชอบ", 18), ("๑. งานทดสอบระบบ", 0)):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        if size:
            run.bold, run.font.size = True, Pt(size)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    path = tmp_path / "typed.docx"
    document.save(str(path))
    before = _snapshot(tmp_path / "content")
    result = CliRunner().invoke(main, ["--office", "phayao2", "--content",
                                       str(tmp_path / "content"), "--import", str(path)])
    assert result.exit_code == 1, result.output
    assert "(phayao1)" in result.output and "--office phayao1" in result.output
    assert _snapshot(tmp_path / "content") == before


# -- pasted units --------------------------------------------------------------------------------

def _labels(d: WordDocx, text: str):
    return [p for p in d.body.iterchildren(w("p")) if text_of(p) == text]


def test_a_work_standard_pasted_between_two_lands_between_them(phayao1):
    def edit(d: WordDocx) -> None:
        labels = _labels(d, "มาตรฐานการปฏิบัติงาน")
        two = next(p for p in labels if text_of(p.getnext()).startswith("เรื่อง ๒."))
        four = next(p for p in labels if text_of(p.getnext()).startswith("เรื่อง ๔."))
        d.paste_after([two, two.getnext(), two.getnext().getnext()],
                      four.getnext().getnext())
        d.set_text(d.paragraph("เรื่อง ๒.", 1), "เรื่อง ๗. งานประสานแผนกับหน่วยงานอื่น")

    before = [s["title"] for s in yaml.safe_load(phayao1.original)["work_standards"]]
    phayao1.run(phayao1.returned(edit))
    content = phayao1.content()
    after = [s["title"] for s in content["work_standards"]]
    assert after == [*before[:3], "งานประสานแผนกับหน่วยงานอื่น", *before[3:]]
    assert not any(s.get("title") == "ข้อความที่นำเข้าแต่ยังไม่ได้จัดเข้าส่วนใด"
                   for s in content.get("sections", []))
    headings = [h for h in phayao1.rebuilt().headings(1) if h.startswith("เรื่อง")]
    assert headings[3] == "เรื่อง ๗. งานประสานแผนกับหน่วยงานอื่น"


def test_two_work_standards_pasted_together_keep_their_place_and_order(phayao1):
    def edit(d: WordDocx) -> None:
        labels = _labels(d, "มาตรฐานการปฏิบัติงาน")
        one, two = labels[1], labels[2]  # (labels[0] is the part's own title page)
        assert text_of(one.getnext()).startswith("เรื่อง ๑.")
        four = next(p for p in labels if text_of(p.getnext()).startswith("เรื่อง ๔."))
        d.paste_after([one, one.getnext(), one.getnext().getnext(),
                       two, two.getnext(), two.getnext().getnext()], four.getnext().getnext())
        d.set_text(d.paragraph("เรื่อง ๑.", 1), "เรื่อง ๘. งานแรกที่วาง")
        d.set_text(d.paragraph("เรื่อง ๒.", 1), "เรื่อง ๙. งานที่สองที่วาง")

    before = [s["title"] for s in yaml.safe_load(phayao1.original)["work_standards"]]
    phayao1.run(phayao1.returned(edit))
    after = [s["title"] for s in phayao1.content()["work_standards"]]
    assert after == [*before[:3], "งานแรกที่วาง", "งานที่สองที่วาง", *before[3:]]


def test_a_process_pasted_between_two_lands_between_them(tmp_path):
    office = Office(tmp_path, "phayao2")
    label = "คู่มือขั้นตอนการดำเนินงาน"

    def edit(d: WordDocx) -> None:
        labels = _labels(d, label)
        blocks = d.blocks_between(labels[0], labels[1])
        d.paste_after(blocks, labels[1].getprevious())
        d.set_text(d.paragraph("งานสวัสดิการและสงเคราะห์นักเรียน", 1), "งานทุนการศึกษาใหม่")

    before = [p["name"] for p in yaml.safe_load(office.original)["processes"]]
    office.run(office.returned(edit))
    after = [p["name"] for p in office.content()["processes"]]
    assert after == [before[0], "งานทุนการศึกษาใหม่", *before[1:]]


# -- table edits ---------------------------------------------------------------------------------

def _standard_table(d: WordDocx, number: str):
    heading = d.paragraph(f"เรื่อง {number}.")
    return heading.getnext()


def test_a_cell_split_by_enter_stays_in_its_cell_with_its_checklist(phayao1):
    intro = "เผยแพร่ประกาศต่อสาธารณชน"

    def edit(d: WordDocx) -> None:
        d.enter(d.paragraph(intro), intro + " ")

    phayao1.run(phayao1.returned(edit))
    content = phayao1.content()
    activity = content["work_standards"][0]["rows"][7]["activity"]
    assert activity[0] == intro
    assert activity[1] == "และผู้มีส่วนเกี่ยวข้องทราบ"
    assert activity[2] == {"checklist": ["รูปเล่มแผนพัฒนาการศึกษาขั้นพื้นฐาน",
                                         "www.pyo1.go.th/pyo1"]}
    assert not any(s.get("title") == "ข้อความที่นำเข้าแต่ยังไม่ได้จัดเข้าส่วนใด"
                   for s in content.get("sections", []))


def test_a_row_deleted_and_the_numbers_below_retyped_is_one_deletion(phayao1):
    def edit(d: WordDocx) -> None:
        table = _standard_table(d, "๑")
        rows = list(table.iterchildren(w("tr")))
        d.delete(rows[3])  # row ๓ (after the header row)
        for row in rows[4:]:
            number = row.find(w("tc"))
            d.set_cell(number, chr(ord(text_of(number).strip()) - 1))

    before = yaml.safe_load(phayao1.original)["work_standards"][0]["rows"]
    phayao1.run(phayao1.returned(edit))
    content = phayao1.content()
    assert content["work_standards"][0]["rows"] == [*before[:2], *before[3:]]
    assert "sections" not in content or not any(
        s.get("title") == "ข้อความที่นำเข้าแต่ยังไม่ได้จัดเข้าส่วนใด" for s in content["sections"])
    changed = phayao1.changed_lines()
    assert all("activity" in line or "standard" in line or "ลบใน Word" in line
               or line.strip(" +-") == "" for line in changed), changed


def _merged(manual: Manual, heading: str) -> list[list[str | None]]:
    """The vertical merges of the table after ``heading``: each row's cells' w:vMerge."""
    table = next(t for t in manual.table_elements()
                 if t.getprevious() is not None and heading in element_text(t.getprevious()))
    out = []
    for tr in table.iterchildren(f"{W}tr"):
        row = []
        for tc in tr.iterchildren(f"{W}tc"):
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            row.append(None if merge is None else merge.get(f"{W}val", "continue"))
        out.append(row)
    return out


def test_two_activity_cells_merged_in_word_come_back_merged(phayao1):
    def edit(d: WordDocx) -> None:
        d.merge_down(_standard_table(d, "๑"), 2, 1)  # rows ๒ and ๓ (after the header row)

    before = yaml.safe_load(phayao1.original)["work_standards"][0]["rows"]
    phayao1.run(phayao1.returned(edit))
    rows = phayao1.content()["work_standards"][0]["rows"]
    assert rows[1]["activity"] == [before[1]["activity"], before[2]["activity"]]
    assert rows[2].get("merged") == ["activity"] and not rows[2].get("activity")
    assert rows[2]["standard"] == before[2]["standard"]
    merges = _merged(phayao1.rebuilt(), "งานจัดทำแผนพัฒนาการศึกษาขั้นพื้นฐาน")
    assert merges[2][1] == "restart" and merges[3][1] == "continue"
    assert merges[2][2] is None and merges[3][2] is None


@needs_office
def test_cells_merged_in_libreoffice_come_back_merged(phayao1):
    from tests.test_word_edits import lo_client

    saved = phayao1.root / "merged-in-libreoffice.docx"
    done = lo_client(phayao1.built, saved, "merge", "ทบทวนภารกิจการจัดการศึกษา", "B3", "B4")
    assert done["merged"] == 1
    before = yaml.safe_load(phayao1.original)["work_standards"][0]["rows"]
    phayao1.run(saved)
    rows = phayao1.content()["work_standards"][0]["rows"]
    assert rows[2].get("merged") == ["activity"]
    assert rows[1]["activity"][0] == before[1]["activity"]


# -- limits --------------------------------------------------------------------------------------

def zip_bomb(path: Path, inflated: int) -> Path:
    """A DOCX-shaped zip whose word/document.xml inflates to ``inflated`` bytes of valid XML:
    one deflated megabyte of spaces, repeated (raw deflate blocks ended by a full flush join
    end to end), so making it takes milliseconds."""
    chunk = b" " * 2**20
    parts = []
    for data, final in ((b"<w:document xmlns:w='urn:x'>", False), (chunk, False),
                        (b"</w:document>", True)):
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        parts.append(packer.compress(data) + packer.flush(zlib.Z_FINISH if final else
                                                          zlib.Z_FULL_FLUSH))
    count = inflated // len(chunk)
    body = parts[0] + parts[1] * count + parts[2]
    size = len(b"<w:document xmlns:w='urn:x'>") + len(b"</w:document>") + count * len(chunk)
    entries = [("[Content_Types].xml", b"<Types xmlns='urn:y'/>", 0, 0),
               ("word/document.xml", body, 8, size)]
    out, central = bytearray(), bytearray()
    for name, data, method, real in entries:
        crc = zlib.crc32(data) if method == 0 else 0
        real = real or len(data)
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, len(data),
                           real, len(name), 0) + name.encode() + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc,
                               len(data), real, len(name), 0, 0, 0, 0, 0, offset) + name.encode()
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                                 len(central), len(out), 0)
    path.write_bytes(bytes(out))
    return path


def test_a_zip_bomb_is_refused_in_a_second_under_a_512_mib_limit(tmp_path):
    bomb = zip_bomb(tmp_path / "returned.docx", 2 * 2**30)  # 2 GB inflated, 2 MB on disk
    assert bomb.stat().st_size < 3 * 2**20
    shutil.copytree(ROOT / "content" / "phayao2", tmp_path / "content" / "phayao2")
    before = _snapshot(tmp_path / "content")

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20))

    start = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--office", "phayao2",
                             "--content", str(tmp_path / "content"), "--import", str(bomb)],
                            preexec_fn=limited, capture_output=True, text=True, timeout=60)
    assert "MemoryError" not in result.stderr and "Traceback" not in result.stderr
    assert "ไม่รับไฟล์นี้" in result.stdout and "2,048 MB" in result.stdout, result.stdout
    assert "เกินที่รับได้ 250 MB" in result.stdout
    assert _snapshot(tmp_path / "content") == before
    assert time.perf_counter() - start < 20  # the process, imports and all


def test_a_part_larger_than_its_header_says_is_refused_while_it_inflates(tmp_path):
    bomb = zip_bomb(tmp_path / "lying.docx", MAX_PART_BYTES + 2**21)
    data = bytearray(bomb.read_bytes())
    # the headers say 1000 bytes; the deflated data inflates far past that
    for signature, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = data.find(signature, data.find(b"word/document.xml") - 60)
        start = data.rfind(signature, 0, data.find(b"word/document.xml", start) + 1)
        data[start + at:start + at + 4] = struct.pack("<I", 1000)
    bomb.write_bytes(bytes(data))
    start = time.perf_counter()
    with pytest.raises(Exception) as refused:
        check_package(bomb)
    assert time.perf_counter() - start < 1
    assert "lying.docx" in str(refused.value)


def test_xml_nested_beyond_reason_is_refused(tmp_path):
    import zipfile

    deep = "<a>" * 300 + "</a>" * 300
    path = tmp_path / "deep.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types xmlns='urn:y'/>")
        package.writestr("word/document.xml", deep)
    with pytest.raises(Exception, match="ซ้อนกันลึกเกิน 200 ชั้น"):
        check_package(path)


def test_an_odt_past_the_limits_is_refused_before_libreoffice_opens_it(tmp_path, monkeypatch):
    import zipfile

    from khumue.importer.job import ImportOptions, import_files

    bomb = tmp_path / "bomb.odt"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", b"<a>" + b" " * (300 * 2**20) + b"</a>")
    assert bomb.stat().st_size < 2**20
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice: a conversion would be refused
    content = tmp_path / "content"           # for a different reason
    report = import_files(ImportOptions("test1", Paths(content=content)), [bomb])
    [row] = report.files
    assert row.refusal is not None and "300 MB เกินที่รับได้ 250 MB" in row.refusal
    assert report.written == [] and not content.exists()


# -- the build's cost stays flat ----------------------------------------------------------------


def test_a_written_manual_leaves_no_cycle_holding_its_word_tree():
    """A worker builds manual after manual: a reference cycle that holds a document's tree
    (lxml's memory, which Python's collector does not count) piles up until a rare full
    collection, so memory grows with the number of manuals."""
    import gc

    from docx.document import Document

    from khumue.content.templates import MANUAL_DOCX
    from khumue.wordml.writer import write_docx
    from tests.test_compose import DEFAULT_TEMPLATES, manual

    doc = manual()  # with a flowchart: its boxes are written by a callback
    gc.collect()
    gc.disable()
    try:
        assert write_docx(doc, DEFAULT_TEMPLATES.find(MANUAL_DOCX)).startswith(b"PK")
        alive = [o for o in gc.get_objects() if isinstance(o, Document)]
    finally:
        gc.enable()
    assert alive == []


def test_a_file_parsed_in_the_last_build_is_read_back_and_a_changed_one_parsed_again(tmp_path):
    from khumue.build.checking import check_office
    from khumue.content.parsedfiles import PARSED_FILE

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "phayao2", content / "test1")
    paths = Paths(content=content, out=tmp_path / "out")
    first = check_office("test1", paths=paths, year=2570, remember=True)
    kept = paths.out / "test1" / PARSED_FILE
    assert kept.is_file()
    again = check_office("test1", paths=paths, year=2570, remember=True)
    assert [e.staff for e in again.content.staff] == [e.staff for e in first.content.staff]
    assert [e.lines.items() for e in again.content.staff] == \
        [e.lines.items() for e in first.content.staff]  # errors still name their lines
    staff = content / "test1" / "staff" / "kotchaporn.yaml"
    staff.write_text(staff.read_text(encoding="utf-8").replace("นางกชพร คำวงษา", "นางอื่น คำวงษา"),
                     encoding="utf-8")
    changed = check_office("test1", paths=paths, year=2570, remember=True)
    assert changed.content.staff[0].staff.name == "นางอื่น คำวงษา"
    # a kept file another program damaged is as good as none
    kept.write_bytes(b"\xff garbage")
    assert [e.staff for e in check_office("test1", paths=paths, year=2570,
                                          remember=True).content.staff] == \
        [e.staff for e in changed.content.staff]


def test_a_file_with_a_notice_is_never_read_back_so_the_notice_is_said_every_build(tmp_path):
    from khumue.build.checking import check_office

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "phayao2", content / "test1")
    staff = content / "test1" / "staff" / "kotchaporn.yaml"
    staff.write_bytes(b"\xff\xfe" + staff.read_text(encoding="utf-8").encode("utf-16-le"))
    paths = Paths(content=content, out=tmp_path / "out")
    for _ in range(2):
        checked = check_office("test1", paths=paths, year=2570, remember=True)
        assert any("UTF-16" in str(n) for n in checked.all_warnings)
