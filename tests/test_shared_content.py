"""Content written once: a group's name, director and roles in groups/, a process or work
standard done by several staff in processes/ and standards/, referenced from staff files."""

from __future__ import annotations

from pathlib import Path

import pytest

from khumue.build.office import Paths, build_office, check_office
from khumue.errors import ContentError
from khumue.layout.engine import NoLayout
from tests.docxread import Manual

OFFICE = "name: สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต 1\nshort_name: สพป.ทดสอบ เขต 1\n"
GROUP = """\
name: กลุ่มส่งเสริมการจัดการศึกษา
director: นางสาวผู้นำ กลุ่มดี
group_roles:
  title: บทบาทหน้าที่กลุ่มส่งเสริมการจัดการศึกษา
  items: [งานส่งเสริมการศึกษา, งานกิจการนักเรียน]
"""
PROCESS = """\
name: งานทุนการศึกษา
objectives: เพื่อจัดสรรทุน
responsible: กลุ่มส่งเสริมการจัดการศึกษา
steps:
  - text: ประกาศรับสมัคร
    duration: 1 สัปดาห์
  - text: คัดเลือก
"""
STAFF = """\
name: {name}
position: นักวิชาการศึกษา
group: {group}
processes:
  - use: scholarship
work_standards:
  - use: {standard}
"""
STANDARD = "title: งานทุน\nrows:\n  - activity: ประกาศรับสมัคร\n    standard: ตามกำหนด\n"


def office(root: Path, staff: dict[str, str], extra: dict[str, str] | None = None) -> Paths:
    folder = root / "content" / "test1"
    files = {"office.yaml": OFFICE, "groups/promotion.yaml": GROUP,
             "processes/scholarship.yaml": PROCESS, "standards/scholarship.yaml": STANDARD,
             **{f"staff/{k}.yaml": v for k, v in staff.items()}, **(extra or {})}
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return Paths(content=root / "content", out=root / "out")


def two_staff(group: str = "promotion", standard: str = "scholarship") -> dict[str, str]:
    return {"somchai": STAFF.format(name="นายสมชาย ใจดี", group=group, standard=standard),
            "somsri": STAFF.format(name="นางสมศรี ใจดี", group="กลุ่มส่งเสริมการจัดการศึกษา",
                                   standard=standard)}


def test_a_group_and_a_shared_process_are_written_once_and_used_by_each(tmp_path):
    paths = office(tmp_path, two_staff())
    manuals = build_office("test1", paths=paths, year=2570, engine=NoLayout())
    assert len(manuals) == 2
    for built in manuals:
        manual = Manual(built.path)
        text = manual.all_text()
        assert "บทบาทหน้าที่กลุ่มส่งเสริมการจัดการศึกษา" in manual.headings(1)
        assert "ผู้อำนวยการกลุ่ม นางสาวผู้นำ กลุ่มดี" in text  # the group's director
        assert "๑.\tงานส่งเสริมการศึกษา" in manual.paragraphs()
        assert "๓.๑\tประกาศรับสมัคร" in manual.paragraphs()
        assert "กลุ่มส่งเสริมการจัดการศึกษา" in text  # the group's name by its id, too
        assert "ตามกำหนด" in text


def test_a_staff_file_may_give_its_own_group_roles(tmp_path):
    staff = two_staff()
    staff["somchai"] += "group_roles:\n  items: [งานเฉพาะของฉัน]\n"
    paths = office(tmp_path, staff)
    somchai = build_office("test1", paths=paths, year=2570, engine=NoLayout(),
                           staff_id="somchai")[0]
    paragraphs = Manual(somchai.path).paragraphs()
    assert "๑.\tงานเฉพาะของฉัน" in paragraphs and "๑.\tงานส่งเสริมการศึกษา" not in paragraphs


def test_a_reference_to_nothing_names_the_file_line_and_what_exists(tmp_path):
    paths = office(tmp_path, two_staff(standard="scholarshp"))
    with pytest.raises(ContentError) as info:
        check_office("test1", paths=paths)
    messages = [str(p) for p in info.value.problems]
    assert any("staff/somchai.yaml:7: work_standards[1].use: ไม่มีมาตรฐานการปฏิบัติงานชื่อ "
               "'scholarshp' ใน standards/ ที่มี: scholarship" in m for m in messages), messages


def test_an_unused_shared_file_is_a_warning_and_warnings_point_into_shared_files(tmp_path):
    paths = office(tmp_path, two_staff(),
                   extra={"groups/unused.yaml": "name: กลุ่มที่ไม่มีใคร\n"})
    checked = check_office("test1", paths=paths, year=2570)
    warnings = [str(w) for w in checked.all_warnings]
    assert any("groups/unused.yaml: ไม่มีบุคลากรคนใดใช้กลุ่มนี้" in w for w in warnings)
    # the second step of the shared process has no duration: said at its own file and line
    assert any("processes/scholarship.yaml:7: steps[2]:" in w and "ไม่มีเวลาดำเนินการ" in w
               for w in warnings), warnings
    # one staff member's check does not call the other's group unused
    single = check_office("test1", paths=paths, staff_id="somchai", year=2570)
    assert not any("ไม่มีบุคลากรคนใดใช้" in str(w) for w in single.all_warnings)


def test_a_shared_file_with_an_error_is_reported_with_its_own_line(tmp_path):
    paths = office(tmp_path, two_staff(),
                   extra={"processes/scholarship.yaml": PROCESS.replace("steps:", "stepz:")})
    with pytest.raises(ContentError) as info:
        check_office("test1", paths=paths)
    problems = [str(p) for p in info.value.problems]
    assert any("processes/scholarship.yaml:4: stepz: ไม่รู้จักหัวข้อ 'stepz'" in p
               for p in problems)
    assert not any("staff/" in p for p in problems), problems  # no errors that follow from it
