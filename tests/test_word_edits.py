"""Word as the office's editor: our manuals, edited the way Word writes edits
(:mod:`tests.wordedit`: runs split at the edit with their own w:rsidR, w14:paraId on every
paragraph, w:ins/w:del with author and date, word/comments.xml with its ranges, pasted
paragraphs without their bookmarks), imported back into a copy of content/ with one command;
each test checks the YAML value and the manual built again from it."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from khumue.build.office import Paths, build_office
from khumue.cli.script import main
from khumue.layout.engine import NoLayout
from khumue.wordml.reader import read_docx
from tests.conftest import OFFICES, ROOT, needs_office
from tests.docxread import Manual
from tests.wordedit import WordDocx, text_of, w

STAFF = {"sisaket1": "nawaporn", "phayao2": "kotchaporn", "phayao1": "raprapa",
         "sakonnakhon2": "apakorn", "phetchabun1": "watcharin"}


class Office:
    """A copy of one office's content, its manual built, and imports into the copy."""

    def __init__(self, root: Path, office: str):
        self.root, self.office = root, office
        shutil.copytree(ROOT / "content" / office, root / "content" / office)
        self.paths = Paths(content=root / "content", out=root / "out")
        [manual] = build_office(office, paths=self.paths, year=2570, engine=NoLayout())
        self.built = manual.path
        self.staff_file = root / "content" / office / "staff" / f"{STAFF[office]}.yaml"
        self.original = self.staff_file.read_text(encoding="utf-8")

    def returned(self, change: Callable[[WordDocx], None], name: str = "returned.docx",
                 source: Path | None = None) -> Path:
        document = WordDocx(source or self.built)
        change(document)
        return document.save(self.root / name)

    def run(self, *args: str | Path) -> str:
        result = CliRunner().invoke(main, ["--office", self.office, "--content",
                                           str(self.paths.content), "--import",
                                           *map(str, args)])
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
        return result.output

    def content(self) -> dict:
        return yaml.safe_load(self.staff_file.read_text(encoding="utf-8"))

    def changed_lines(self) -> list[str]:
        """The staff file's lines that differ from before the import."""
        before = self.original.splitlines()
        after = self.staff_file.read_text(encoding="utf-8").splitlines()
        return [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
                if line[:1] in "+-" and not line.startswith(("+++", "---"))]

    def rebuilt(self) -> Manual:
        [manual] = build_office(self.office, paths=Paths(content=self.paths.content,
                                                         out=self.root / "again"),
                                year=2570, engine=NoLayout())
        return Manual(manual.path)


@pytest.fixture
def phayao2(tmp_path: Path) -> Office:
    return Office(tmp_path, "phayao2")


@pytest.fixture
def phayao1(tmp_path: Path) -> Office:
    return Office(tmp_path, "phayao1")


def steps(content: dict, process: int = 0) -> list:
    return content["processes"][process]["steps"]


def step_text(step) -> str:
    return step if isinstance(step, str) else step["text"]


# -- words -----------------------------------------------------------------------------------


def test_a_word_changed_comes_back_and_only_its_line_changes(phayao2):
    returned = phayao2.returned(lambda d: d.replace(d.paragraph("5.3\tแต่งตั้ง"), "แต่งตั้ง",
                                                   "จัดตั้ง"))
    phayao2.run(returned)
    assert step_text(steps(phayao2.content())[2]) == "จัดตั้งคณะกรรมการพิจารณาจัดสรร"
    assert phayao2.changed_lines() == ["-      - text: แต่งตั้งคณะกรรมการพิจารณาจัดสรร",
                                       "+      - text: จัดตั้งคณะกรรมการพิจารณาจัดสรร"]
    assert "5.3\tจัดตั้งคณะกรรมการพิจารณาจัดสรร" in phayao2.rebuilt().paragraphs()


def test_a_cell_of_a_work_standard_edited(phayao1):
    returned = phayao1.returned(lambda d: d.replace(
        d.paragraph("ทบทวนภารกิจการจัดการศึกษา"), "ทบทวนภารกิจ", "ทบทวนพันธกิจ"))
    phayao1.run(returned)
    row = phayao1.content()["work_standards"][0]["rows"][0]
    assert row["activity"] == "ทบทวนพันธกิจการจัดการศึกษาของสำนักงานเขตพื้นที่การศึกษา"
    table = phayao1.rebuilt().table_after("งานจัดทำแผนพัฒนาการศึกษาขั้นพื้นฐาน")
    assert table[1][1] == "ทบทวนพันธกิจการจัดการศึกษาของสำนักงานเขตพื้นที่การศึกษา"


@pytest.mark.parametrize("reject", [False, True], ids=["taken", "rejected"])
def test_tracked_changes_left_unaccepted_are_taken_or_rejected_and_listed(phayao2, reject):
    returned = phayao2.returned(lambda d: d.replace(
        d.paragraph("5.2\tกำหนดรายละเอียด"), "กำหนด", "จัดทำ", track=True,
        author="นางสาวตรวจ ทาน"))
    output = phayao2.run(returned, *(["--reject-changes"] if reject else []))
    text = step_text(steps(phayao2.content())[1])
    assert text == ("กำหนดรายละเอียดแจ้งสถานศึกษา" if reject else "จัดทำรายละเอียดแจ้งสถานศึกษา")
    said = "ไม่ได้นำมาใช้ (--reject-changes)" if reject else "นำมาใช้ตามที่เสนอ"
    line = f"โดย นางสาวตรวจ ทาน เมื่อ 2026-11-20: แก้ \"กำหนด\" เป็น \"จัดทำ\" {said}"
    assert line in output
    report = (phayao2.root / "content" / "phayao2" / "import-report.md").read_text("utf-8")
    assert line in report
    assert f"# ตรวจ: การแก้ไขแบบติดตามที่ยังไม่ได้ยอมรับ{line}" in phayao2.staff_file.read_text(
        "utf-8")


# -- comments ---------------------------------------------------------------------------------


def test_a_reviewers_comment_is_kept_beside_the_step_and_listed_in_review(phayao2):
    returned = phayao2.returned(lambda d: d.comment(d.paragraph("5.3\tแต่งตั้ง"),
                                                    "ควรระบุระยะเวลา"))
    phayao2.run(returned)
    lines = phayao2.staff_file.read_text("utf-8").splitlines()
    at = lines.index("      - text: แต่งตั้งคณะกรรมการพิจารณาจัดสรร")
    assert lines[at - 1] == "      # ตรวจ: ผู้อำนวยการกลุ่ม: ควรระบุระยะเวลา"
    assert phayao2.content() == yaml.safe_load(phayao2.original)  # a comment, no edit
    build_office("phayao2", paths=phayao2.paths, year=2570, engine=NoLayout())
    review = (phayao2.paths.out / "phayao2" / "2570" / "REVIEW.md").read_text("utf-8")
    assert f"kotchaporn.yaml:{at}: ข้อที่ต้องตรวจ: ผู้อำนวยการกลุ่ม: ควรระบุระยะเวลา" in review
    phayao2.run(returned)  # the same file again: the comment is not written twice
    assert phayao2.staff_file.read_text("utf-8").count("ควรระบุระยะเวลา") == 1


# -- moved, added, deleted --------------------------------------------------------------------


def test_two_steps_swapped_after_a_step_with_bullet_notes_keep_all_their_fields(phayao2):
    def swap(d: WordDocx) -> None:
        later = d.paragraph("5.5\tสรุปและรายงาน")
        d.move_after(later, d.paragraph("5.4\tติดตาม").getprevious())

    before = steps(yaml.safe_load(phayao2.original), 1)
    phayao2.run(phayao2.returned(swap))
    after = steps(phayao2.content(), 1)
    assert len(after) == len(before) == 5
    assert after[:3] == before[:3]  # 5.3 keeps its bullet notes
    assert after[3] == before[4] and after[4] == before[3]  # durations, standards and all
    paragraphs = phayao2.rebuilt().paragraphs()
    assert paragraphs.index("5.4\tสรุปและรายงานผลการดำเนินงาน") < paragraphs.index(
        "5.5\tติดตาม การดำเนินงานของโรงเรียน")


def test_a_step_added_a_definition_moved_and_one_deleted(phayao2):
    def edit(d: WordDocx) -> None:
        step = d.paragraph("5.3\tแต่งตั้ง")
        d.insert_after(step, step, "ตรวจสอบคุณสมบัติผู้ขอรับทุน", label="5.4")
        d.delete(d.paragraph("4.2\tสวัสดิการ"))
        first = d.paragraph("4.1\tคณะกรรมการสถานศึกษา")
        d.move_after(first, d.paragraph("4.2\tชุมชน"))

    phayao2.run(phayao2.returned(edit))
    content = phayao2.content()
    texts = [step_text(s) for s in steps(content)]
    assert texts[3] == "ตรวจสอบคุณสมบัติผู้ขอรับทุน" and len(texts) == 6
    assert [d["term"] for d in content["processes"][0]["definitions"]] == ["ทุนการศึกษา"]
    assert [d["term"] for d in content["processes"][1]["definitions"]] == [
        "ชุมชน", "คณะกรรมการสถานศึกษาขั้นพื้นฐาน"]
    assert "5.4\tตรวจสอบคุณสมบัติผู้ขอรับทุน" in phayao2.rebuilt().paragraphs()


def test_rows_of_a_work_standard_moved_added_and_deleted(phayao1):
    def edit(d: WordDocx) -> None:
        table = d.table("กิจกรรม/วิธีปฏิบัติ")
        rows = table.findall(w("tr"))
        d.move_after(rows[2], rows[3])  # rows 2 and 3 of the standard change places
        d.delete(rows[-1])

    before = yaml.safe_load(phayao1.original)["work_standards"][0]["rows"]
    phayao1.run(phayao1.returned(edit))
    after = phayao1.content()["work_standards"][0]["rows"]
    assert after == [before[0], before[2], before[1], *before[3:-1]]


def test_summary_form_cells_go_into_their_step(phayao2):
    def edit(d: WordDocx) -> None:
        table = d.table("เวลาดำเนินการ")
        row = table.findall(w("tr"))[3 + 2]  # the third step's row
        cells = row.findall(w("tc"))
        d.replace(cells[3].find(w("p")), "1 สัปดาห์", "2 สัปดาห์")
        d.set_text(cells[5].find(w("p")), "กลุ่มส่งเสริมฯ และสถานศึกษา")

    phayao2.run(phayao2.returned(edit))
    step = steps(phayao2.content())[2]
    assert (step["duration"], step["responsible"]) == ("2 สัปดาห์", "กลุ่มส่งเสริมฯ และสถานศึกษา")


# -- the flowchart ------------------------------------------------------------------------------


def test_a_retyped_flowchart_box_becomes_the_steps_short_text(phayao2):
    phayao2.run(phayao2.returned(lambda d: d.retype_box(
        "กำหนดนโยบายแนวปฏิบัติ แจ้งหน่วยงานในสังกัด", "กำหนดนโยบาย")))
    step = steps(phayao2.content())[0]
    assert step["short"] == "กำหนดนโยบาย"
    assert step["text"] == "กำหนดนโยบายแนวปฏิบัติ แจ้งหน่วยงานในสังกัด"
    rebuilt = phayao2.rebuilt()
    shapes = [s.text for p in read_docx(rebuilt.path).paragraphs() for s in p.shapes]
    assert "กำหนดนโยบาย" in shapes


# -- the person, part headings, whole parts -----------------------------------------------------


def test_a_new_person_in_the_position(phayao2):
    def edit(d: WordDocx) -> None:
        for p in list(d.root.iter(w("p"))):  # cover, foreword text and signature
            while "นางกชพร คำวงษา" in text_of(p):
                d.replace(p, "นางกชพร คำวงษา", "นายสมชาย ใจดี")
        d.replace(d.paragraph("ตำแหน่ง ผู้อำนวยการกลุ่ม"), "ผู้อำนวยการกลุ่ม", "นักวิชาการศึกษา")

    phayao2.run(phayao2.returned(edit))
    content = phayao2.content()
    assert content["name"] == "นายสมชาย ใจดี"
    assert content["position"] == "นักวิชาการศึกษาส่งเสริมการจัดการศึกษา"
    assert "foreword" not in content  # the template's foreword, now for the new person
    manual = phayao2.rebuilt()
    assert "นายสมชาย ใจดี" in manual.all_text() and "นางกชพร" not in manual.all_text()


def test_a_part_heading_retitled(phayao1):
    phayao1.run(phayao1.returned(lambda d: d.replace(
        d.paragraph("งานในหน้าที่รับผิดชอบ"), "งานในหน้าที่รับผิดชอบ", "ภาระงานที่รับผิดชอบ")))
    assert phayao1.content()["duties"]["title"] == "ภาระงานที่รับผิดชอบ"
    assert "ภาระงานที่รับผิดชอบ" in phayao1.rebuilt().headings(1)


def test_a_whole_work_standard_pasted_in_and_another_deleted(phayao1):
    def edit(d: WordDocx) -> None:
        label = next(p for p in d.body.iterchildren(w("p"))
                     if text_of(p) == "มาตรฐานการปฏิบัติงาน" and p.getnext() is not None
                     and text_of(p.getnext()).startswith("เรื่อง ๒."))
        heading, table = label.getnext(), label.getnext().getnext()
        last = [p for p in d.body.iterchildren(w("p"))
                if text_of(p) == "มาตรฐานการปฏิบัติงาน"][-1]
        spacer = last.getnext().getnext().getnext()
        d.paste_after([label, heading, table], spacer)
        d.set_text(d.paragraph("เรื่อง ๒.", 1), "เรื่อง ๗. งานประสานแผนกับหน่วยงานอื่น")
        third = next(p for p in d.body.iterchildren(w("p"))
                     if text_of(p) == "มาตรฐานการปฏิบัติงาน" and text_of(
                         p.getnext()).startswith("เรื่อง ๔."))
        for block in [third, third.getnext(), third.getnext().getnext()]:
            d.delete(block)

    before = yaml.safe_load(phayao1.original)["work_standards"]
    phayao1.run(phayao1.returned(edit))
    after = phayao1.content()["work_standards"]
    titles = [s["title"] for s in after]
    assert "งานประสานแผนกับหน่วยงานอื่น" in titles and len(after) == len(before)
    assert before[2]["title"] not in titles
    pasted = after[titles.index("งานประสานแผนกับหน่วยงานอื่น")]
    assert pasted["number"] == 7 and len(pasted["rows"]) == len(before[1]["rows"])
    assert "งานประสานแผนกับหน่วยงานอื่น" in " ".join(phayao1.rebuilt().headings(1))


def test_a_whole_process_deleted(phayao2):
    def edit(d: WordDocx) -> None:
        labels = [p for p in d.body.iterchildren(w("p"))
                  if text_of(p) == "คู่มือขั้นตอนการดำเนินงาน"]
        for block in d.blocks_between(labels[1], None):
            if block.find(f".//{w('sectPr')}") is not None:
                break
            block.getparent().remove(block)

    phayao2.run(phayao2.returned(edit))
    [process] = phayao2.content()["processes"]
    assert process["name"] == "งานสวัสดิการและสงเคราะห์นักเรียน"


def test_a_file_that_lost_its_embedded_content_is_lined_up_against_the_staff_file(phayao2):
    def edit(d: WordDocx) -> None:
        d.drop_embedded_content()
        d.replace(d.paragraph("5.3\tแต่งตั้ง"), "แต่งตั้ง", "จัดตั้ง")

    output = phayao2.run(phayao2.returned(edit, "no-embedded.docx"))
    assert "เนื้อหาที่ฝังไว้หายไป" in output and "→ kotchaporn" in output
    assert phayao2.changed_lines() == ["-      - text: แต่งตั้งคณะกรรมการพิจารณาจัดสรร",
                                       "+      - text: จัดตั้งคณะกรรมการพิจารณาจัดสรร"]


# -- the clerk's files -------------------------------------------------------------------------


def test_importing_each_offices_unchanged_manual_changes_no_byte_of_content(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    paths = Paths(content=tmp_path / "content", out=tmp_path / "out")
    for office in OFFICES:
        [manual] = build_office(office, paths=paths, year=2570, engine=NoLayout())
        result = CliRunner().invoke(main, ["--office", office, "--content",
                                           str(paths.content), "--import",
                                           str(manual.path.parent)])
        assert result.exit_code == 0, result.output
        assert "0 content file(s) written" in result.output
    compared = subprocess.run(["diff", "-r", str(ROOT / "content"), str(paths.content)],
                              capture_output=True, text=True)
    assert compared.stdout == ""


def test_a_step_edited_in_content_and_differently_in_word_is_a_conflict(phayao2):
    returned = phayao2.returned(lambda d: (
        d.replace(d.paragraph("5.3\tแต่งตั้ง"), "แต่งตั้ง", "จัดตั้ง"),
        d.replace(d.paragraph("5.1\tกำหนดนโยบาย"), "กำหนดนโยบาย", "วางนโยบาย")))
    edited = phayao2.original.replace("      - text: แต่งตั้งคณะกรรมการพิจารณาจัดสรร",
                                      "      - text: แต่งตั้งคณะทำงานพิจารณาจัดสรร")
    phayao2.staff_file.write_text(edited, encoding="utf-8")
    output = phayao2.run(returned)
    texts = [step_text(s) for s in steps(phayao2.content())]
    assert texts[2] == "แต่งตั้งคณะทำงานพิจารณาจัดสรร"  # content/'s, not overwritten
    assert texts[0] == "วางนโยบายแนวปฏิบัติ แจ้งหน่วยงานในสังกัด"  # one side only: taken
    conflict = ("ขัดกัน: ใน content/ เป็น \"แต่งตั้งคณะทำงานพิจารณาจัดสรร\" แต่ในไฟล์ Word เป็น "
                "\"จัดตั้งคณะกรรมการพิจารณาจัดสรร\" คงข้อความใน content/ ไว้")
    assert conflict in output
    lines = phayao2.staff_file.read_text("utf-8").splitlines()
    at = lines.index("      - text: แต่งตั้งคณะทำงานพิจารณาจัดสรร")
    assert lines[at - 1] == f"      # ตรวจ: {conflict}"


def test_an_edit_to_shared_group_roles_goes_to_the_group_file(tmp_path):
    office = Office(tmp_path, "sakonnakhon2")
    group = tmp_path / "content" / "sakonnakhon2" / "groups" / "supervision.yaml"
    other = office.staff_file.with_name("other.yaml")
    other.write_text(office.original.replace("name: นางสาวอาภากร", "name: นางสาวอื่น"),
                     encoding="utf-8")
    before = group.read_text("utf-8")
    output = office.run(office.returned(lambda d: d.replace(
        d.paragraph("๒.๔\tงานทดสอบ"), "งานทดสอบ", "งานทดสอบและประเมิน")))
    assert office.staff_file.read_text("utf-8") == office.original  # the link stays
    assert group.read_text("utf-8") == before.replace("        - งานทดสอบทางการศึกษา",
                                                      "        - งานทดสอบและประเมินทางการศึกษา")
    report = (tmp_path / "content" / "sakonnakhon2" / "import-report.md").read_text("utf-8")
    assert "แก้ส่วนที่ใช้ร่วมกับ: other" in report and "→ apakorn" in output


def test_two_returned_files_editing_one_shared_unit_differently_write_neither(tmp_path):
    office = Office(tmp_path, "sakonnakhon2")
    other = office.staff_file.with_name("other.yaml")
    other.write_text(office.original.replace("name: นางสาวอาภากร", "name: นางสาวอื่น"),
                     encoding="utf-8")
    built = {m.staff_id: m.path for m in build_office("sakonnakhon2", paths=office.paths,
                                                      year=2570, engine=NoLayout())}
    group = tmp_path / "content" / "sakonnakhon2" / "groups" / "supervision.yaml"
    before = group.read_text("utf-8")
    first = office.returned(lambda d: d.replace(d.paragraph("๒.๔\tงานทดสอบ"), "งานทดสอบ",
                                                "งานทดสอบและประเมิน"), "a.docx", built["apakorn"])
    second = office.returned(lambda d: (
        d.replace(d.paragraph("๒.๔\tงานทดสอบ"), "งานทดสอบ", "งานจัดสอบ"),
        d.replace(d.paragraph("๒.๑\tงานส่งเสริม"), "งานส่งเสริม", "งานพัฒนา")),
        "b.docx", built["other"])
    output = office.run(first, second)
    assert "ไฟล์ Word สองไฟล์แก้ไม่ตรงกัน: \"งานทดสอบและประเมินทางการศึกษา\" และ " \
           "\"งานจัดสอบทางการศึกษา\" จึงไม่ได้นำมาใช้ทั้งสอง" in output
    assert group.read_text("utf-8") == before.replace(
        "        - งานส่งเสริมการวัดและ ประเมินผลการศึกษา",
        "        - งานพัฒนาการวัดและ ประเมินผลการศึกษา")


@needs_office
def test_five_returned_files_in_one_command(tmp_path, capsys):
    """One edited, one with tracked changes, one with a comment, one saved as .doc by
    LibreOffice (which keeps no embedded content), one unchanged: one command."""
    shared = Office(tmp_path, "phayao2")  # one office of five staff members
    staff = shared.root / "content" / "phayao2" / "staff"
    for office in ("phayao1", "sisaket1", "sakonnakhon2", "phetchabun1"):
        src = ROOT / "content" / office / "staff" / f"{STAFF[office]}.yaml"
        text = src.read_text("utf-8").replace("group: supervision", "group: กลุ่มนิเทศ")
        (staff / src.name).write_text(text, encoding="utf-8")
    built = {m.staff_id: m.path for m in build_office("phayao2", paths=shared.paths,
                                                      year=2570, engine=NoLayout())}
    folder = shared.root / "returned"
    folder.mkdir()
    shared.returned(lambda d: d.replace(d.paragraph("5.3\tแต่งตั้ง"), "แต่งตั้ง", "จัดตั้ง"),
                    "returned/kotchaporn-edited.docx", built["kotchaporn"])
    shared.returned(lambda d: d.replace(d.paragraph("ทบทวนภารกิจ"), "ภารกิจ", "พันธกิจ",
                                        track=True), "returned/raprapa-tracked.docx",
                    built["raprapa"])
    shared.returned(lambda d: d.comment(d.paragraph("คำนำ"), "ตรวจคำนำอีกครั้ง"),
                    "returned/nawaporn-comment.docx", built["nawaporn"])
    subprocess.run(["soffice", "--headless", "--convert-to", "doc", "--outdir", str(folder),
                    str(built["apakorn"])], check=True, capture_output=True, timeout=300)
    shutil.copy(built["watcharin"], folder / "unchanged.docx")
    output = shared.run(folder)
    with capsys.disabled():
        print("\n" + output)
    assert "5 file(s) given, 5 imported, 0 refused" in output
    assert "apakorn.doc (ไฟล์ของโปรแกรมนี้ที่เนื้อหาที่ฝังไว้หายไป" in output
    report = (shared.root / "content" / "phayao2" / "import-report.md").read_text("utf-8")
    with capsys.disabled():
        print(report)
    raprapa = yaml.safe_load((staff / "raprapa.yaml").read_text("utf-8"))
    assert raprapa["work_standards"][0]["rows"][0]["activity"].startswith("ทบทวนพันธกิจ")
    assert "# ตรวจ: ผู้อำนวยการกลุ่ม: ตรวจคำนำอีกครั้ง" in (staff / "nawaporn.yaml").read_text(
        "utf-8")


def lo_client(source: Path, target: Path, operation: str, *arguments: str) -> dict:
    """Do ``operation`` on ``source`` in LibreOffice (tests/lo_client.py) and save to
    ``target``."""
    from khumue.layout.libreoffice import _uno_python

    python = _uno_python()
    assert python is not None
    done = subprocess.run([python, str(ROOT / "tests" / "lo_client.py"), str(source),
                           str(target), operation, *arguments], capture_output=True,
                          text=True, timeout=300, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@needs_office
def test_a_word_edited_and_saved_by_libreoffice_comes_back(phayao2):
    edited = phayao2.returned(lambda d: d.replace(d.paragraph("5.3\tแต่งตั้ง"), "แต่งตั้ง",
                                                 "จัดตั้ง"))
    saved = phayao2.root / "saved-by-libreoffice.docx"
    lo_client(edited, saved, "save")
    output = phayao2.run(saved)
    assert "(ไฟล์ที่โปรแกรมนี้สร้าง)" in output  # LibreOffice keeps the embedded content
    assert phayao2.changed_lines() == ["-      - text: แต่งตั้งคณะกรรมการพิจารณาจัดสรร",
                                       "+      - text: จัดตั้งคณะกรรมการพิจารณาจัดสรร"]


@needs_office
def test_a_box_retyped_in_libreoffice_becomes_the_steps_short_text(phayao2):
    saved = phayao2.root / "retyped-in-libreoffice.docx"
    done = lo_client(phayao2.built, saved, "retype", "กำหนดรายละเอียดแจ้งสถานศึกษา",
                     "แจ้งสถานศึกษา")
    assert done["retyped"] == 1
    phayao2.run(saved)
    step = steps(phayao2.content())[1]
    assert step["short"] == "แจ้งสถานศึกษา" and step["text"] == "กำหนดรายละเอียดแจ้งสถานศึกษา"


def test_a_whole_process_pasted_in(phayao2):
    """Process 1 copied (label, heading, nine sections, flowchart, summary form, legend) and
    pasted after process 2, its name retyped."""
    def edit(d: WordDocx) -> None:
        labels = [p for p in d.body.iterchildren(w("p"))
                  if text_of(p) == "คู่มือขั้นตอนการดำเนินงาน"]
        blocks = d.blocks_between(labels[0], labels[1])
        end = next(b for b in d.blocks_between(labels[1], None)
                   if b.find(f".//{w('sectPr')}") is not None)
        d.paste_after(blocks, end.getprevious())
        d.set_text(d.paragraph("งานสวัสดิการและสงเคราะห์นักเรียน", 1), "งานทุนการศึกษาใหม่")

    before = yaml.safe_load(phayao2.original)["processes"]
    phayao2.run(phayao2.returned(edit))
    after = phayao2.content()["processes"]
    assert len(after) == 3 and after[:2] == before
    assert len(after[2]["steps"]) == len(before[0]["steps"])
    assert "งานทุนการศึกษาใหม่" in yaml.safe_dump(after[2], allow_unicode=True)


def test_a_section_deleted(tmp_path):
    office = Office(tmp_path, "sakonnakhon2")

    def edit(d: WordDocx) -> None:
        heading = d.paragraph("ขั้นตอนและแนวปฏิบัติงาน")
        for block in d.blocks_between(heading, None):
            style = block.find(f"{w('pPr')}/{w('pStyle')}")
            if block is not heading and style is not None and style.get(w("val")) in (
                    "Heading1", "ManualLabel"):
                break
            block.getparent().remove(block)

    before = yaml.safe_load(office.original)
    office.run(office.returned(edit))
    after = office.content()
    assert "sections" not in after
    assert after["processes"] == before["processes"]


def test_a_duties_item_moved(phayao1):
    def edit(d: WordDocx) -> None:
        d.move_after(d.paragraph("๑.\tงานการจัดทำแผน"), d.paragraph("๒.\tการจัดทำแผนปฏิบัติการ"))

    before = yaml.safe_load(phayao1.original)["duties"]["items"]
    phayao1.run(phayao1.returned(edit))
    assert phayao1.content()["duties"]["items"] == [before[1], before[0], *before[2:]]
