"""The fiscal-year cycle: an office edits its content as a clerk would, builds the next year,
and the reviewer gets a tracked-changes manual marking exactly what changed."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from openxml_audit import FileFormat, OpenXmlValidator

from khumue.build.office import Paths, build_office
from khumue.cli.script import main
from khumue.layout.engine import NoLayout
from khumue.typeset.wordjoin import plain
from tests.conftest import ROOT, SEED_FILES, SEEDS, needs_seeds
from tests.docxread import W, element_text

TODAY = __import__("datetime").date(2027, 10, 5)


def _copy(tmp_path: Path, *offices: str) -> Paths:
    content = tmp_path / "content"
    for office in offices:
        shutil.copytree(ROOT / "content" / office, content / office)
    return Paths(content=content, out=tmp_path / "out")


def _edit(paths: Paths, office: str, staff: str, *replacements: tuple[str, str]) -> None:
    path = paths.content / office / "staff" / f"{staff}.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def _build(paths: Paths, office: str, year: int, **kw) -> Path:
    [manual] = build_office(office, paths=paths, year=year, engine=NoLayout(), today=TODAY,
                            **kw)
    return manual.path


def _document(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml"))


def _marked(root: etree._Element, kind: str) -> list[str]:
    """The text of every w:ins (or w:del) that holds runs of text (not a redrawn
    flowchart's drawing), in order."""
    out = []
    for mark in root.iter(f"{W}{kind}"):
        text = plain("".join(t.text or "" for t in mark.iter(f"{W}t", f"{W}delText")))
        if mark.find(f"{W}r") is not None and text.strip() and \
                mark.find(f".//{W}drawing") is None:
            out.append(text)
    return out


def _resolve(root: etree._Element, accept: bool) -> etree._Element:
    """The document as Word shows it after Accept All (or Reject All)."""
    root = etree.fromstring(etree.tostring(root))
    keep, drop = ("ins", "del") if accept else ("del", "ins")
    for row in list(root.iter(f"{W}tr")):
        if row.find(f"{W}trPr/{W}{drop}") is not None:
            row.getparent().remove(row)
    for p in list(root.iter(f"{W}p")):
        if p.find(f"{W}pPr/{W}rPr/{W}{drop}") is not None and p.getparent() is not None:
            p.getparent().remove(p)
    for mark in list(root.iter(f"{W}{drop}")):
        if mark.getparent() is not None and mark.getparent().tag != f"{W}rPr" and \
                mark.getparent().tag != f"{W}trPr":
            mark.getparent().remove(mark)
    for mark in list(root.iter(f"{W}{keep}")):
        parent = mark.getparent()
        if parent.tag in (f"{W}rPr", f"{W}trPr"):
            parent.remove(mark)
            continue
        index = parent.index(mark)
        for child in list(mark):
            for t in child.iter(f"{W}delText"):
                t.tag = f"{W}t"
            parent.insert(index, child)
            index += 1
        parent.remove(mark)
    return root


def _texts(root: etree._Element) -> list[str]:
    """Body paragraph texts without list labels, leaving out the table of contents and
    paragraphs holding only a drawing (the flowcharts show this year's)."""
    out = []
    for p in root.iter(f"{W}p"):
        if p.find(f".//{W}drawing") is not None:
            continue
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val", "").lower().startswith("toc"):
            continue
        if p.getparent().tag == f"{W}txbxContent":
            continue
        text = element_text(p)
        if "\t" in text:
            text = text.split("\t", 1)[1]
        if text.strip() and not re.fullmatch(r"[0-9๐-๙.]+", text.strip()):  # a row's number
            out.append(" ".join(text.split()))
    return out


@pytest.fixture(scope="module")
def cycle(tmp_path_factory) -> dict[str, Path]:
    """phayao2 and phayao1 built for 2570, edited as a clerk would, built for 2571."""
    tmp = tmp_path_factory.mktemp("cycle")
    paths = _copy(tmp, "phayao2", "phayao1", "sisaket1")
    last = {o: _build(paths, o, 2570) for o in ("phayao2", "phayao1", "sisaket1")}
    _edit(paths, "phayao2", "kotchaporn",
          ("      - text: แต่งตั้งคณะกรรมการพิจารณาจัดสรร", "      - text: แต่งตั้งคณะทำงานพิจารณาจัดสรร"),
          ("      - text: จัดสรรตามรายละเอียดที่กำหนด", "      - text: ตรวจสอบคุณสมบัติผู้ขอรับทุน\n"
           "        duration: 1 สัปดาห์\n      - text: จัดสรรตามรายละเอียดที่กำหนด"),
          ("      - term: สวัสดิการ\n        meaning: สวัสดิภาพที่จะเกิดขึ้นกับตัวเด็กนักเรียน "
           "ทั้งบุคคล ครอบครัว ชุมชน สถานศึกษา\n", ""))
    _edit(paths, "phayao1", "raprapa",
          ("ทบทวนภารกิจการจัดการศึกษา", "ทบทวนพันธกิจการจัดการศึกษา"),
          ("      - activity: กำหนดผลผลิต ผลลัพธ์",
           "      - activity: ทบทวนแผนร่วมกับสถานศึกษา\n        standard: ครบถ้วน\n"
           "      - activity: กำหนดผลผลิต ผลลัพธ์"))
    this = {o: _build(paths, o, 2571) for o in ("phayao2", "phayao1", "sisaket1")}
    return {"paths": paths.out, **{f"last-{o}": p for o, p in last.items()},
            **{f"this-{o}": p for o, p in this.items()}}


def test_one_word_changed_in_a_thai_sentence_is_marked_as_that_word(cycle):
    changes = _document(cycle["paths"] / "phayao2" / "2571" / "changes" / "kotchaporn.docx")
    deleted, inserted = _marked(changes, "del"), _marked(changes, "ins")
    # section 5 and the summary form's row both print the step: the word, not the sentence
    assert deleted.count("คณะกรรมการ") == 2 and inserted.count("คณะทำงาน") == 2
    assert "แต่งตั้งคณะกรรมการพิจารณาจัดสรร" not in deleted


def test_added_step_and_removed_definition_are_whole_units(cycle):
    changes = _document(cycle["paths"] / "phayao2" / "2571" / "changes" / "kotchaporn.docx")
    deleted, inserted = _marked(changes, "del"), _marked(changes, "ins")
    assert "ตรวจสอบคุณสมบัติผู้ขอรับทุน" in inserted  # the step, in section 5 and the form
    assert any("สวัสดิการ" in d and "สวัสดิภาพที่จะเกิดขึ้น" in "".join(deleted) for d in deleted)
    # the summary form got a whole inserted row; later steps' renumbering is not marked
    rows = [tr for tr in changes.iter(f"{W}tr") if tr.find(f"{W}trPr/{W}ins") is not None]
    assert len(rows) == 1 and "ตรวจสอบคุณสมบัติผู้ขอรับทุน" in element_text(rows[0])
    assert not any(t.strip() in ("5.5", "5.6", "6.") for t in inserted + deleted)
    assert set(deleted) <= {"คณะกรรมการ", "4.2", "สวัสดิการ",
                            " หมายถึง สวัสดิภาพที่จะเกิดขึ้นกับตัวเด็กนักเรียน ทั้งบุคคล ครอบครัว "
                            "ชุมชน สถานศึกษา"}, deleted
    assert set(inserted) <= {"คณะทำงาน", "5.4", "ตรวจสอบคุณสมบัติผู้ขอรับทุน", "4.", "1 สัปดาห์",
                             "กลุ่มส่งเสริมการจัดการศึกษา", "-"}, inserted
    # the redrawn flowchart: last year's drawing deleted, this year's inserted
    drawn = {kind: [m for m in changes.iter(f"{W}{kind}") if m.find(f".//{W}drawing") is not None
                    and "flowChartProcess" in etree.tostring(m, encoding="unicode")]
             for kind in ("ins", "del")}
    assert drawn["ins"] and drawn["del"]  # (a drawing per page the flowchart needs)
    assert any("ตรวจสอบคุณสมบัติผู้ขอรับทุน" in plain(etree.tostring(m, encoding="unicode"))
               for m in drawn["ins"])
    assert not any("ตรวจสอบคุณสมบัติผู้ขอรับทุน" in plain(etree.tostring(m, encoding="unicode"))
                   for m in drawn["del"])


def test_standard_row_added_and_cell_reworded(cycle):
    changes = _document(cycle["paths"] / "phayao1" / "2571" / "changes" / "raprapa.docx")
    deleted, inserted = _marked(changes, "del"), _marked(changes, "ins")
    # pythainlp's words: only the changed word of the cell is marked, not the cell
    assert "".join(deleted).startswith("ภาร") and len("".join(deleted)) <= len("ภารกิจ")
    assert "".join(inserted).startswith("พันธ")
    rows = [tr for tr in changes.iter(f"{W}tr") if tr.find(f"{W}trPr/{W}ins") is not None]
    assert len(rows) == 1 and "ทบทวนแผนร่วมกับสถานศึกษา" in element_text(rows[0])
    assert "ครบถ้วน" in inserted


@pytest.mark.parametrize("office,staff", [("phayao2", "kotchaporn"), ("phayao1", "raprapa")])
def test_accept_all_gives_this_years_manual_and_reject_all_last_years(cycle, office, staff):
    changes = _document(cycle["paths"] / office / "2571" / "changes" / f"{staff}.docx")
    this_year = _texts(_document(cycle[f"this-{office}"]))
    last_year = _texts(_document(cycle[f"last-{office}"]))
    assert _texts(_resolve(changes, accept=True)) == this_year
    # last year's manual was for 2570: its cover and foreword name that year
    rejected = [t.replace("2571", "2570").replace("๒๕๗๑", "๒๕๗๐")
                for t in _texts(_resolve(changes, accept=False))]
    assert rejected == last_year


def test_changes_carry_author_date_and_unique_ids_and_validate(cycle):
    path = cycle["paths"] / "phayao2" / "2571" / "changes" / "kotchaporn.docx"
    changes = _document(path)
    marks = list(changes.iter(f"{W}ins", f"{W}del"))
    assert marks and {m.get(f"{W}author") for m in marks} == {"สพป.พะเยา เขต 2"}
    assert {m.get(f"{W}date") for m in marks} == {"2027-10-05T00:00:00Z"}
    ids = [m.get(f"{W}id") for m in marks] + [b.get(f"{W}id")
                                              for b in changes.iter(f"{W}bookmarkStart")]
    assert len(ids) == len(set(ids))
    result = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365).validate(str(path))
    assert [str(e) for e in result.errors] == []


def test_an_unchanged_manual_gets_no_changes_file_and_review_says_so(cycle):
    out = cycle["paths"] / "sisaket1" / "2571"
    assert not (out / "changes" / "nawaporn.docx").exists()
    review = (out / "REVIEW.md").read_text(encoding="utf-8")
    assert "| ไม่เปลี่ยน |" in review
    phayao2 = (cycle["paths"] / "phayao2" / "2571" / "REVIEW.md").read_text(encoding="utf-8")
    assert "[ดูการแก้ไข](changes/kotchaporn.docx)" in phayao2
    assert "กระบวนการ" in phayao2 and "ผังงานเปลี่ยน 1" in phayao2


def test_a_changes_file_of_an_earlier_build_that_no_longer_applies_is_removed(tmp_path):
    paths = _copy(tmp_path, "phayao2")
    _build(paths, "phayao2", 2570)
    _edit(paths, "phayao2", "kotchaporn", ("แต่งตั้งคณะกรรมการ", "แต่งตั้งคณะทำงาน"))
    _build(paths, "phayao2", 2571)
    changes = paths.out / "phayao2" / "2571" / "changes" / "kotchaporn.docx"
    assert changes.exists()
    _edit(paths, "phayao2", "kotchaporn", ("แต่งตั้งคณะทำงาน", "แต่งตั้งคณะกรรมการ"))
    _build(paths, "phayao2", 2571)
    assert not changes.exists()


@needs_seeds
def test_comparing_with_a_hand_typed_earlier_manual_goes_through_the_importer(tmp_path):
    from khumue.build.office import check_office
    from tests.handtyped_docx import handtyped_docx

    paths = _copy(tmp_path, "phayao2")
    earlier = tmp_path / "last-year"
    earlier.mkdir()
    seed = (SEEDS / SEED_FILES["phayao2"]).read_text(encoding="utf-8")
    handtyped_docx(seed, "typed", check_office("phayao2").content.staff[0].staff.processes,
                   earlier / "kotchaporn.docx")
    _edit(paths, "phayao2", "kotchaporn", ("แต่งตั้งคณะกรรมการ", "แต่งตั้งคณะทำงาน"))
    result = CliRunner().invoke(main, ["--office", "phayao2", "--content", str(paths.content),
                                       "--out", str(paths.out), "--year", "2570",
                                       "--compare", str(earlier), "--author", "นายตรวจ ทาน"])
    assert result.exit_code == 0, result.output
    changes = _document(paths.out / "phayao2" / "2570" / "changes" / "kotchaporn.docx")
    assert "คณะกรรมการ" in _marked(changes, "del") and "คณะทำงาน" in _marked(changes, "ins")
    assert {m.get(f"{W}author") for m in changes.iter(f"{W}ins")} == {"นายตรวจ ทาน"}
    this_year = _texts(_document(paths.out / "phayao2" / "2570" / "kotchaporn.docx"))
    assert _texts(_resolve(changes, accept=True)) == this_year


def test_text_naming_an_earlier_fiscal_year_or_a_date_outside_it_is_a_warning(tmp_path):
    paths = _copy(tmp_path, "phayao2")
    _edit(paths, "phayao2", "kotchaporn",
          ("    references: []\n", "    references: [แผนปฏิบัติการประจำปีงบประมาณ 2569, "
                                   "ประชุมวันที่ 15 มีนาคม 2568, ประชุมวันที่ 1 ตุลาคม 2569]\n"))
    result = CliRunner().invoke(main, ["--office", "phayao2", "--content", str(paths.content),
                                       "--year", "2570", "--check"])
    assert "ปีงบประมาณ 2569\" เป็นปีงบประมาณก่อนหน้า" in result.output
    assert "\"15 มีนาคม 2568\" อยู่นอกปีงบประมาณ 2570" in result.output
    assert "1 ตุลาคม 2569\" อยู่นอก" not in result.output  # the first day of fiscal year 2570


def test_a_process_removed_since_last_year_has_its_label_paragraph_deleted_too(tmp_path):
    """The label above a process heading is balanced into lines by the writer; the
    rebuilt paragraph keeps its change, so the removed process's label is deleted too."""
    paths = _copy(tmp_path, "phayao2")
    _build(paths, "phayao2", 2570)
    path = paths.content / "phayao2" / "staff" / "kotchaporn.yaml"
    text = path.read_text(encoding="utf-8")
    second = text.index("  - label: คู่มือขั้นตอนการดำเนินงาน", text.index("label:") + 10)
    path.write_text(text[:second].rstrip("\n") + "\n", encoding="utf-8")
    _build(paths, "phayao2", 2571)
    changes = _document(paths.out / "phayao2" / "2571" / "changes" / "kotchaporn.docx")
    labels = [p for p in changes.iter(f"{W}p") if element_text(p).strip() ==
              "คู่มือขั้นตอนการดำเนินงาน" or "".join(
                  t.text or "" for t in p.iter(f"{W}delText")) == "คู่มือขั้นตอนการดำเนินงาน"]
    deleted = [p for p in labels if p.find(f"{W}pPr/{W}rPr/{W}del") is not None]
    assert len(labels) == 2 and len(deleted) == 1
    [label] = deleted
    assert label.find(f".//{W}t") is None  # every run of it in w:del, as w:delText
    assert label.find(f"{W}del/{W}r/{W}delText") is not None
