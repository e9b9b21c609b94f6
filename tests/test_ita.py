"""ITA readiness (indicator o10): what each real manual lacks, a manual that has it all, and
the gaps reaching the clerk as warnings with the line to fix."""

from __future__ import annotations

from khumue.build import check_office
from khumue.content import load_office
from khumue.ita import LAW_WORDS, readiness
from khumue.model import Staff
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
