"""ITA readiness: what each real manual lacks, a manual that has it all, the gaps reaching the
clerk as warnings with the line to fix, and the indicator of each fiscal year (o13, o10 …),
which an office may override."""

from __future__ import annotations

import shutil

import pytest

from khumue.build.office import Paths, check_office
from khumue.content.ita import LAW_WORDS, indicator_for, readiness
from khumue.content.loading import load_office
from khumue.content.model import Staff
from khumue.content.templates import TemplateFolders
from khumue.errors import ContentError
from khumue.review.report import ReviewRow, review_markdown
from khumue.typeset.compose import ManualContext, compose_manual
from tests.conftest import ROOT


def staff_of(office: str) -> Staff:
    return load_office(ROOT / "content", office).staff[0].staff


def test_each_office_is_judged_by_what_its_manual_holds():
    assert readiness(staff_of("phayao2")).summary() == "พร้อม"
    # phetchabun1: its summary form has 9 rows, two without a time
    assert readiness(staff_of("phetchabun1")).summary() == "ขาด: เวลา 2 จาก 9 ขั้นตอน"
    sakon = readiness(staff_of("sakonnakhon2"))
    assert (sakon.processes, sakon.timed, sakon.laws) == (3, 0, 6)
    assert sakon.summary() == f"ขาด: เวลา {sakon.rows} จาก {sakon.rows} ขั้นตอน"
    assert [gap.loc for gap in sakon.gaps] == [("processes", 0), ("processes", 1),
                                               ("processes", 2)]
    for office in ("phayao1", "sisaket1"):  # duty lists and work standards only
        assert readiness(staff_of(office)).summary() == \
            "ขาด: ขั้นตอน (ไม่มีกระบวนการ), กฎหมาย/ระเบียบที่อ้างอิง"


def test_law_words_find_laws_and_rules_but_not_plain_documents():
    for text in ("พระราชบัญญัติการศึกษาแห่งชาติ พ.ศ. 2542", "พ.ร.บ.ระเบียบข้าราชการครู",
                 "ระเบียบกระทรวงการคลังว่าด้วยการเบิกจ่าย", "ประกาศกระทรวงศึกษาธิการ",
                 "หนังสือสั่งการ ที่ ศธ 04009/ว 123", "กฎ ก.ค.ศ. ว่าด้วย"):
        assert LAW_WORDS.search(text), text
    for text in ("หลักสูตรแกนกลางการศึกษาขั้นพื้นฐาน", "แบบรายงานผลการนิเทศ", "คู่มือการใช้งาน"):
        assert not LAW_WORDS.search(text), text


def test_gaps_reach_the_clerk_with_their_lines_and_go_when_filled():
    found = check_office("sakonnakhon2").all_warnings
    timeless = [w for w in found if "ไม่ระบุระยะเวลาของขั้นตอนใดเลย" in w.message]
    assert [(w.path.name, w.line, w.field) for w in timeless] == [
        ("apakorn.yaml", 78, "processes[1]"), ("apakorn.yaml", 116, "processes[2]"),
        ("apakorn.yaml", 151, "processes[3]")]
    staff = staff_of("sakonnakhon2")
    timed = [p.model_copy(update={"steps": [s.model_copy(update={"duration": "1 วัน"})
                                            for s in p.steps]}) for p in staff.processes]
    assert readiness(staff.model_copy(update={"processes": timed})).ready
    # phayao1 given a process whose references name no law
    process = timed[0].model_copy(update={"references": ["แบบรายงานผลการนิเทศ"]})
    phayao1 = staff_of("phayao1").model_copy(update={"processes": [process]})
    assert [gap.loc for gap in readiness(phayao1).gaps] == [("references",)]
    law = ["ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ พ.ศ. 2526"]
    assert readiness(phayao1.model_copy(update={"references": law})).ready


def test_the_indicator_is_the_one_of_the_fiscal_year():
    assert [indicator_for(year).code for year in (2550, 2564, 2565, 2566, 2567, 2570)] == [
        "o13", "o13", "o13", "o10", "o10", "o10"]
    assert indicator_for(2567).name == "คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่"
    assert "o8" in indicator_for(2568).note  # where the sources disagree, the data says so


def test_an_office_overrides_its_years_indicator_in_office_yaml(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "sakonnakhon2", content / "sakonnakhon2")
    office = content / "sakonnakhon2" / "office.yaml"
    office.write_text(office.read_text("utf-8") + "ita:\n  code: o8\n  name: คู่มือการปฏิบัติงาน"
                      "\n  asks: [steps, laws]\n", "utf-8")
    checked = check_office("sakonnakhon2", paths=Paths(content=content, out=tmp_path), year=2570)
    messages = [w.message for w in checked.all_warnings]
    assert not any("o10" in m for m in messages)
    # the year's indicator no longer asks for step times: no gap, no row warning cites it
    assert not any("ไม่ระบุระยะเวลาของขั้นตอนใดเลย" in m for m in messages)
    [entry] = checked.content.staff
    indicator = checked.content.office.ita
    assert indicator is not None and indicator.code == "o8"
    assert readiness(entry.staff, indicator_for(2570, indicator)).ready
    report = review_markdown(checked.content, 2570, [ReviewRow(entry.id, "apakorn.docx")],
                             checked.warnings)
    assert "| ITA o8 |" in report and "(ตัวชี้วัด o8 คู่มือการปฏิบัติงาน)" in report
    ctx = ManualContext(checked.content.office, 2570,
                        TemplateFolders.for_office(ROOT / "templates", "sakonnakhon2"))
    properties = compose_manual(entry.staff, ctx).properties
    assert properties is not None and properties.keywords.endswith("; ITA o8")


def test_a_wrong_indicator_code_names_the_line(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "phayao2", content / "phayao2")
    office = content / "phayao2" / "office.yaml"
    office.write_text(office.read_text("utf-8") + "ita:\n  code: ตัวชี้วัด 10\n", "utf-8")
    with pytest.raises(ContentError) as info:
        check_office("phayao2", paths=Paths(content=content, out=tmp_path))
    lines = len(office.read_text("utf-8").splitlines())
    assert f"office.yaml:{lines}: ita.code:" in str(info.value)
