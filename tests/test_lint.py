"""Each lint fires on a seed that has the problem, stays quiet on a clean manual, and reaches
the reviewer through the build's output, --check, --strict and REVIEW.md."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from khumue.build.office import Paths, StrictError, build_office, check_office
from khumue.cli.script import main
from tests.conftest import ROOT, SEED_FILES, SEEDS, needs_seeds


def warnings(office: str, content: Path = ROOT / "content") -> list[str]:
    return [str(w) for w in check_office(office, paths=Paths(content=content)).all_warnings]


def copy_office(tmp_path: Path, office: str) -> Path:
    shutil.copytree(ROOT / "content" / office, tmp_path / "content" / office)
    return tmp_path / "content"


def test_empty_standard_cells_of_phayao1():
    found = [w for w in warnings("phayao1") if "ว่าง ให้กรอกก่อนลงนาม" in w]
    assert [w.split(": ")[1] for w in found] == [
        "work_standards[1].rows[6].standard", "work_standards[1].rows[7].standard",
        "work_standards[1].rows[8].standard", "work_standards[1].rows[9].standard",
        "work_standards[2].rows[8].standard"]
    assert found[0].startswith("content/phayao1/staff/raprapa.yaml:42: ")


def test_items_repeated_within_a_cell_of_sisaket1():
    found = [w for w in warnings("sisaket1") if "ซ้ำกับ" in w]
    assert len(found) == 4
    assert "work_standards[1].rows[1].activity[2].bullets[13].text: รายการ \"ดำเนินงานวิเทศสัมพันธ์\" " \
           "ซ้ำกับ work_standards[1].rows[1].activity[2].bullets[9].text" in found[-1]


@needs_seeds
def test_foreign_letters_in_a_thai_name_as_the_sakonnakhon2_seed_has_them(tmp_path):
    seed = (SEEDS / SEED_FILES["sakonnakhon2"]).read_text(encoding="utf-8")
    broken = next(line for line in seed.splitlines() if "ศรีดา" in line).strip()
    content = copy_office(tmp_path, "sakonnakhon2")
    path = content / "sakonnakhon2" / "staff" / "apakorn.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nname: นางสาวอาภากร ศรีตามาตร์", f"\nname: {broken}"),
                    encoding="utf-8")
    [found] = [w for w in warnings("sakonnakhon2", content) if "อักษรของภาษาอื่น" in w]
    assert found.split(": ")[1] == "name"
    assert "BENGALI LETTER" in found and f'"{broken.split()[-1]}"' in found
    assert f"apakorn.yaml:{text.split(chr(10)).index('name: นางสาวอาภากร ศรีตามาตร์') + 1}:" \
        in found


def test_text_that_normalize_would_change(tmp_path):
    # No seed has a doubled or misordered mark, so one is typed here: "เป็็น" (two ็).
    content = copy_office(tmp_path, "phayao2")
    path = content / "phayao2" / "staff" / "kotchaporn.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "พิจารณาจัดหาทุนการศึกษาให้กับนักเรียนตามโอกาส",
        "พิจารณาจัดหาทุนการศึกษาให้เป็็นไปตามโอกาส"), encoding="utf-8")
    [found] = warnings("phayao2", content)
    assert "processes[1].scope[1].numbered[1].text" in found
    assert "\"พิจารณาจัดหาทุนการศึกษาให้เป็็นไปตามโอกาส\"" in found
    assert "ควรเป็น \"พิจารณาจัดหาทุนการศึกษาให้เป็นไปตามโอกาส\"" in found


def test_digits_against_the_office_choice_in_sakonnakhon2():
    [found] = [w for w in warnings("sakonnakhon2") if "เลขอารบิก" in w]
    assert found.startswith("content/sakonnakhon2/staff/apakorn.yaml:")
    assert "foreword.text[1].text" in found and "แต่สำนักงานเลือกพิมพ์เลขไทย" in found


def test_summary_rows_without_duration_or_responsible_in_phetchabun1():
    found = warnings("phetchabun1")
    assert any("ไม่มีผู้รับผิดชอบในแถวใดเลย" in w for w in found)
    durations = [w.split(": ")[1] for w in found if "ไม่มีเวลาดำเนินการ" in w]
    assert durations == ["processes[1].summary.rows[6]", "processes[1].summary.rows[9]"]


def test_a_clean_manual_has_no_warning():
    assert warnings("phayao2") == []


# -- how warnings reach the reviewer ------------------------------------------------------------


def test_every_build_prints_the_lint_and_writes_the_review_report(tmp_path):
    result = CliRunner().invoke(main, ["--office", "phayao1", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert "warning: content/phayao1/staff/raprapa.yaml:42: work_standards[1].rows[6]" in \
        result.output
    [year] = [p for p in (tmp_path / "phayao1").iterdir() if p.name.isdigit()]
    report = year / "REVIEW.md"
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# รายงานตรวจทานก่อนลงนาม: สพป.พะเยา เขต 1 ปีงบประมาณ พ.ศ. ")
    assert ("| นางสาวรประภา พินิจสุวรรณ | raprapa.docx | – | 0 | 5 | 8 | "
            "ขาด: ขั้นตอน (ไม่มีกระบวนการ), กฎหมาย/ระเบียบที่อ้างอิง | – |") in lines
    assert "## นางสาวรประภา พินิจสุวรรณ (raprapa.docx)" in lines
    assert sum(line.startswith("- content/phayao1/staff/raprapa.yaml:") for line in lines) == 8


def test_check_writes_nothing(tmp_path):
    result = CliRunner().invoke(main, ["--office", "sisaket1", "--check", "--out",
                                       str(tmp_path / "out")])
    assert result.exit_code == 0
    assert result.output.strip().endswith("sisaket1: 1 staff file(s) valid, 6 warning(s)")
    assert not (tmp_path / "out").exists()


def test_strict_refuses_to_build_with_warnings_and_writes_nothing(tmp_path):
    with pytest.raises(StrictError) as info:
        build_office("sisaket1", paths=Paths(out=tmp_path), strict=True)
    assert len(info.value.warnings) == 6
    assert not any(tmp_path.iterdir())
    result = CliRunner().invoke(main, ["--office", "sisaket1", "--strict", "--out",
                                       str(tmp_path)])
    assert result.exit_code == 1
    assert "Error: พบข้อควรตรวจ 6 รายการ และสั่งให้เข้มงวด (--strict)" in result.output
    clean = CliRunner().invoke(main, ["--office", "phayao2", "--strict", "--out",
                                      str(tmp_path)])
    assert clean.exit_code == 0
