"""Bad content gets a clear error naming file, line and field; nothing in out/ is lost or
half-written; content that looks like template code or markup comes out literally."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from khumue.build import office as build_module
from khumue.build.office import Paths, build_office
from khumue.cli.script import main
from khumue.errors import ContentError, UnknownOfficeError
from khumue.layout.engine import NoLayout
from tests.conftest import ROOT
from tests.docxread import Manual

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

OFFICE = """\
name: สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต 1
short_name: สพป.ทดสอบ เขต 1
digits: thai
"""

STAFF = """\
name: นางทดสอบ ใจดี
position: นักจัดการงานทั่วไป
group: กลุ่มอำนวยการ
processes:
  - name: งานทดสอบ
    objectives: เพื่อทดสอบ
    steps:
      - text: ขั้นที่หนึ่ง
        duration: 1 วัน
"""


def make_office(root: Path, staff: str = STAFF, office: str = OFFICE) -> Paths:
    folder = root / "content" / "test1"
    (folder / "staff").mkdir(parents=True)
    (folder / "office.yaml").write_text(office, encoding="utf-8")
    (folder / "staff" / "somchai.yaml").write_text(staff, encoding="utf-8")
    return Paths(content=root / "content", templates=ROOT / "templates", out=root / "out")


def problems(paths: Paths) -> list[str]:
    with pytest.raises(ContentError) as info:
        build_office("test1", paths=paths)
    return [str(p) for p in info.value.problems]


def staff_file(paths: Paths) -> str:
    return str(paths.content / "test1" / "staff" / "somchai.yaml")


def test_yaml_syntax_error_names_its_line(tmp_path):
    paths = make_office(tmp_path, STAFF.replace("    objectives: เพื่อทดสอบ",
                                                "    objectives: เพื่อทดสอบ: ผิด"))
    [message] = problems(paths)
    assert message.startswith(f"{staff_file(paths)}:6: เขียน YAML ผิดรูปแบบ")
    assert "เครื่องหมายคำพูด" in message  # says how to fix it


def test_missing_required_field(tmp_path):
    paths = make_office(tmp_path, STAFF.replace("position: นักจัดการงานทั่วไป\n", ""))
    assert problems(paths) == [f"{staff_file(paths)}:1: position: ขาดหัวข้อ 'position' ซึ่งต้องกรอก"]


def test_wrong_type_names_the_field_path_and_line(tmp_path):
    paths = make_office(tmp_path, STAFF.replace("duration: 1 วัน", "duration: 7"))
    [message] = problems(paths)
    assert message.startswith(f"{staff_file(paths)}:9: processes[1].steps[1].duration: "
                              "ต้องเป็นข้อความ แต่ได้ ตัวเลข 7")


def test_unknown_key_is_an_error_with_a_suggestion(tmp_path):
    paths = make_office(tmp_path, STAFF.replace("    steps:", "    stepz: []\n    steps:"))
    [message] = problems(paths)
    assert message.startswith(f"{staff_file(paths)}:7: processes[1].stepz: ไม่รู้จักหัวข้อ 'stepz'")
    assert "หมายถึง 'steps' หรือไม่?" in message


def test_every_problem_of_every_file_is_reported_in_file_and_line_order(tmp_path):
    paths = make_office(tmp_path, STAFF.replace("group: กลุ่มอำนวยการ", "group: [ก, ข]")
                        .replace("duration: 1 วัน", "duraton: 1 วัน"),
                        OFFICE.replace("digits: thai", "digits: thia"))
    found = problems(paths)
    assert [f.split(": ")[0] for f in found] == [
        f"{paths.content}/test1/office.yaml:3", f"{staff_file(paths)}:3",
        f"{staff_file(paths)}:9"]
    assert "ต้องเป็นหนึ่งใน 'thai' หรือ 'arabic'" in found[0]


def test_duplicate_key_is_an_error(tmp_path):
    paths = make_office(tmp_path, STAFF + "name: ชื่อซ้ำ\n")
    assert problems(paths) == [f"{staff_file(paths)}:10: name: หัวข้อนี้ซ้ำกับที่เขียนไว้ก่อนหน้า"
                               "ในระดับเดียวกัน ให้รวมเป็นหัวข้อเดียว"]


def test_control_character_is_an_error(tmp_path):
    paths = make_office(tmp_path, STAFF.replace("objectives: เพื่อทดสอบ",
                                                'objectives: "เพื่อ\\x07ทดสอบ"'))
    [message] = problems(paths)
    assert message.startswith(f"{staff_file(paths)}:6: processes[1].objectives: "
                              "มีอักขระควบคุมที่มองไม่เห็น (U+0007")


def test_block_with_two_kinds_says_which(tmp_path):
    paths = make_office(tmp_path, STAFF.replace("objectives: เพื่อทดสอบ",
                                                "objectives: {text: ก, bullets: [ข]}"))
    [message] = problems(paths)
    assert "แต่ละย่อหน้าต้องมีหัวข้อเดียว" in message and "(พบ text, bullets)" in message


def test_template_code_and_markup_in_content_come_out_literally(tmp_path):
    weird = "{{ name }} {% if x %} & <b>ตัวหนา</b> A&B <w:t>"
    paths = make_office(tmp_path, STAFF.replace("name: นางทดสอบ ใจดี", f'name: "{weird}"')
                        .replace("objectives: เพื่อทดสอบ", f'objectives: "{weird}"'))
    [manual] = build_office("test1", paths=paths)
    document = Manual(manual.path)
    paragraphs = document.paragraphs()
    assert weird in paragraphs  # on the cover (docxtpl), escaped, not evaluated
    assert weird in document.all_text().split("\n")  # in the body
    assert document.tables()  # the summary form is there, the file is whole


def test_invalid_content_writes_nothing_and_keeps_the_previous_manual(tmp_path):
    paths = make_office(tmp_path)
    [manual] = build_office("test1", paths=paths, year=2570)
    good = manual.path.read_bytes()
    (paths.content / "test1" / "staff" / "somchai.yaml").write_text(
        STAFF.replace("position:", "posit:"), encoding="utf-8")
    problems(paths)
    assert manual.path.read_bytes() == good
    assert sorted(os.listdir(manual.path.parent)) == [".khumue-build.json", "REVIEW.md",
                                                      "review.html", "somchai.docx"]


def test_a_full_disk_while_a_manual_is_written_names_the_folder_and_keeps_the_old_files(
        tmp_path, monkeypatch):
    """--force on a full disk: the manual cannot be staged.  A Thai message naming the place
    and the reason, no traceback, the previous files as they were."""
    paths = make_office(tmp_path)
    [manual] = build_office("test1", paths=paths, year=2570, engine=NoLayout())
    good = manual.path.read_bytes()
    write_bytes = Path.write_bytes

    def disk_full(self: Path, data: bytes) -> int:
        if ".khumue-staging-" in str(self):
            raise OSError(28, "No space left on device")
        return write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    result = CliRunner().invoke(main, ["--office", "test1", "--content", str(paths.content),
                                       "--out", str(paths.out), "--year", "2570", "--force"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is None or \
        isinstance(result.exception, SystemExit)
    assert "ดิสก์เต็ม" in result.output and str(manual.path.parent) in result.output
    assert manual.path.read_bytes() == good
    assert not [p for p in manual.path.parent.iterdir() if p.name.startswith(".khumue-staging")]


def test_a_failed_write_leaves_neither_a_truncated_file_nor_a_temporary_one(tmp_path,
                                                                          monkeypatch):
    paths = make_office(tmp_path)
    [manual] = build_office("test1", paths=paths, year=2570)
    good = manual.path.read_bytes()

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(build_module.OutputError, match="ดิสก์เต็ม") as info:
        build_office("test1", paths=paths, year=2570)
    assert str(manual.path.parent) in str(info.value)
    assert manual.path.read_bytes() == good
    assert sorted(os.listdir(manual.path.parent)) == [".khumue-build.json", "REVIEW.md",
                                                      "review.html", "somchai.docx"]


def test_unknown_office_lists_the_valid_ones():
    with pytest.raises(UnknownOfficeError) as info:
        build_office("phayao9")
    assert "phayao1, phayao2" in str(info.value)


# -- the command line --------------------------------------------------------------------------


def test_cli_builds_one_staff_member_with_progress_and_summary(tmp_path):
    result = CliRunner().invoke(main, ["--office", "phayao2", "--staff", "kotchaporn",
                                       "--out", str(tmp_path), "--year", "2569"])
    assert result.exit_code == 0, result.output
    assert "kotchaporn: นางกชพร คำวงษา" in result.output
    assert (tmp_path / "phayao2" / "2569" / "kotchaporn.docx").is_file()
    assert result.output.strip().endswith(f"phayao2: 1 manual(s) written to "
                                          f"{tmp_path}/phayao2/2569, 0 warning(s)")
    assert not (tmp_path / "phayao2" / "2569" / "REVIEW.md").exists()  # one manual: no report


def test_cli_bad_content_exits_1_with_the_problems(tmp_path):
    paths = make_office(tmp_path, STAFF.replace("position:", "posit:"))
    result = CliRunner().invoke(main, ["--office", "test1", "--content", str(paths.content),
                                       "--out", str(paths.out)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: พบข้อผิดพลาดในเนื้อหา 2 จุด (ยังไม่ได้สร้างไฟล์ใด ๆ)")
    assert f"{staff_file(paths)}:2: posit: ไม่รู้จักหัวข้อ 'posit'" in result.output
    assert not paths.out.exists()


def test_cli_unknown_office_and_list(tmp_path):
    result = CliRunner().invoke(main, ["--office", "nowhere"])
    assert result.exit_code == 1
    assert "สำนักงานที่มี: phayao1, phayao2, phetchabun1, sakonnakhon2, sisaket1" in result.output
    listed = CliRunner().invoke(main, ["--list"])
    assert listed.output.split() == ["phayao1", "phayao2", "phetchabun1", "sakonnakhon2",
                                     "sisaket1"]


def test_office_template_overrides_default(tmp_path):
    paths = make_office(tmp_path)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates" / "default", templates / "default")
    shutil.copytree(ROOT / "templates" / "default", templates / "test1")
    (templates / "test1" / "foreword.txt.j2").write_text("คำนำของสำนักงาน {{ name }}",
                                                         encoding="utf-8")
    [manual] = build_office("test1", paths=Paths(paths.content, templates, paths.out))
    assert "คำนำของสำนักงาน นางทดสอบ ใจดี" in Manual(manual.path).paragraphs()


def test_office_font_replaces_the_template_font_in_every_style(tmp_path):
    paths = make_office(tmp_path, office=OFFICE + "font: TH Sarabun New\n")
    [manual] = build_office("test1", paths=paths)
    styles = Manual(manual.path).document.styles.element
    fonts = {f.get(f"{{{W_NS}}}cs") for f in styles.iter(f"{{{W_NS}}}rFonts")}
    assert fonts == {"TH Sarabun New"}


def test_without_libreoffice_the_docx_still_builds_and_says_how_to_get_page_numbers(
        tmp_path, monkeypatch):
    from khumue.layout import engine as layout_module
    from khumue.layout import libreoffice as libreoffice_module
    missing = "ไม่พบ LibreOffice (soffice) ติดตั้ง…"
    monkeypatch.setattr(layout_module, "libreoffice_available", lambda: missing)
    monkeypatch.setattr(libreoffice_module, "libreoffice_available", lambda: missing)
    said: list[str] = []
    [manual] = build_office("phayao2", paths=Paths(out=tmp_path), progress=said.append)
    assert "bash tools/install-system-packages.sh" in said[0]
    document = Manual(manual.path)
    settings = document.part_xml("word/settings.xml")
    assert settings.find(f"{{{W_NS}}}updateFields").get(f"{{{W_NS}}}val") == "true"
    assert not manual.path.with_suffix(".pdf").exists()
    from khumue.layout.libreoffice import LibreOfficeUnavailable
    with pytest.raises(LibreOfficeUnavailable) as info:
        build_office("phayao2", paths=Paths(out=tmp_path / "pdf"), pdf=True)
    assert str(info.value) == missing
    assert not (tmp_path / "pdf").exists()


def test_a_machine_without_the_thai_fonts_still_builds_with_balanced_headings(tmp_path,
                                                                               monkeypatch):
    from khumue.layout import fonts
    monkeypatch.setattr(fonts, "LAKSAMAN_DIR", tmp_path / "no-fonts")
    [manual] = build_office("phayao2", paths=Paths(out=tmp_path), engine=NoLayout())
    headings = Manual(manual.path).headings(1)
    assert "งานประสานและส่งเสริมสถานศึกษาให้\nมีบทบาทในการสร้างความเข้มแข็งของชุมชน" in headings
