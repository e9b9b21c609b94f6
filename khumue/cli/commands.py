"""The ``khumue`` command: one subcommand per thing an office does, as sqlite-utils has them.

    khumue build --office phayao2          # สร้างคู่มือทุกเล่ม
    khumue check --office phayao2          # ตรวจเนื้อหา ไม่เขียนไฟล์
    khumue import --office phayao2 returned/   # นำไฟล์ Word ที่แก้แล้วกลับเข้า content/
    khumue publish --office phayao2        # ไฟล์สำหรับเว็บไซต์และแบบ ITA
    khumue list                            # สำนักงานที่มี

Help is in Thai first (the clerk's language), the option names in English as everywhere
else; ``python build.py`` (:mod:`khumue.cli.script`) keeps its own flat options.  The end of a
build is a table (rich) of what was written.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Any

import click

from khumue.build.listing import office_lines
from khumue.build.office import BuiltManual
from khumue.cli.script import command_paths, run_build, run_check, run_import
from khumue.review.report import change_words

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
HELP = "แสดงวิธีใช้คำสั่งนี้แล้วจบ (show this help)"


def _command(name: str, text: str) -> Any:
    """A subcommand of :func:`khumue` named ``name`` with Thai help ``text`` (and -h)."""
    def made(function: Any) -> Any:
        helped = click.help_option("-h", "--help", help=HELP)(function)
        return khumue.command(name, context_settings=CONTEXT, help=text)(helped)
    return made


def _office(function: Any) -> Any:
    return click.option("--office", "office_id", metavar="ID", required=True,
                        help="รหัสสำนักงาน คือชื่อโฟลเดอร์ใน content/ เช่น phayao2 "
                             "(office id)")(function)


def _folders(function: Any) -> Any:
    function = click.option("--out", "out_dir", metavar="DIR",
                            type=click.Path(file_okay=False, path_type=Path),
                            help="โฟลเดอร์ผลลัพธ์ (ค่าเริ่มต้น out/) (output folder)")(function)
    return click.option("--content", "content_dir", metavar="DIR",
                        type=click.Path(file_okay=False, path_type=Path),
                        help="โฟลเดอร์เนื้อหา (ค่าเริ่มต้น content/) (content folder)")(function)


def _year(function: Any) -> Any:
    return click.option("--year", type=click.IntRange(2500, 2700), metavar="YEAR",
                        help="ปีงบประมาณ พ.ศ. (ค่าเริ่มต้น: ตาม office.yaml หรือปีปัจจุบัน) "
                             "(fiscal year, B.E.)")(function)


def _staff(function: Any) -> Any:
    return click.option("--staff", "staff_id", metavar="ID",
                        help="เฉพาะบุคลากรคนนี้ (ชื่อไฟล์ใน staff/ ไม่มี .yaml) "
                             "(one staff member)")(function)


@click.group(context_settings=CONTEXT, help=(
    "คู่มือการปฏิบัติงานของสำนักงานเขตพื้นที่การศึกษา: สร้างเป็น Word และ PDF จากเนื้อหาใน "
    "content/ ตรวจ นำการแก้ไขจาก Word กลับเข้า และเผยแพร่ (khumue: the work manuals of Thai "
    "Educational Service Area Offices)"))
@click.help_option("-h", "--help", help=HELP)
def khumue() -> None:
    # SIGTERM ends a command as Ctrl-C does: through every cleanup (LibreOffice, temp files)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


@_command("build", (
    "สร้างคู่มือทุกเล่มของสำนักงาน (หรือของบุคลากรคนเดียว) เป็น DOCX ใน out/ID/ปี/ พร้อม "
    "REVIEW.md และ review.html สำหรับผู้ตรวจ และไฟล์การแก้ไขเทียบกับปีก่อน (build the manuals)"))
@_office
@_staff
@_year
@click.option("--pdf", is_flag=True,
              help="สร้าง PDF คู่กับ DOCX ทุกเล่มด้วย (ต้องมี LibreOffice) (also PDFs)")
@click.option("--strict", is_flag=True,
              help="ถ้ามีข้อควรตรวจ ไม่สร้างไฟล์ใดเลย (warnings are errors)")
@click.option("--force", is_flag=True,
              help="สร้างใหม่ทุกเล่ม แม้เล่มที่ไม่เปลี่ยน (rebuild everything)")
@click.option("--compare", "compare_dir", metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="เทียบกับคู่มือในโฟลเดอร์นี้ (ค่าเริ่มต้น: ของปีงบประมาณก่อน) "
                   "(compare with the manuals in DIR)")
@click.option("--author", metavar="NAME",
              help="ชื่อผู้แก้ไขในไฟล์การแก้ไข (ค่าเริ่มต้น: ชื่อย่อของสำนักงาน) "
                   "(author of the tracked changes)")
@_folders
def build_command(office_id: str, content_dir: Path | None, out_dir: Path | None,
                  **given: Any) -> None:
    built, count = run_build(office_id, paths=command_paths(content_dir, out_dir), **given)
    _summary(office_id, built, count)


@_command("check", (
    "ตรวจเนื้อหาของสำนักงาน: ไฟล์ที่ผิดรูปแบบ และข้อควรตรวจพร้อมไฟล์ บรรทัด และช่อง "
    "โดยไม่เขียนไฟล์ใด (validate and lint, write nothing)"))
@_office
@_staff
@_year
@click.option("--strict", is_flag=True,
              help="จบด้วยรหัส 1 ถ้ามีข้อควรตรวจ (exit 1 on a warning)")
@_folders
def check_command(office_id: str, staff_id: str | None, year: int | None, strict: bool,
                  content_dir: Path | None, out_dir: Path | None) -> None:
    run_check(command_paths(content_dir, out_dir), office_id, staff_id, year, strict)


@_command("import", (
    "นำไฟล์ Word หรือ PDF (หรือโฟลเดอร์ของไฟล์: .docx .pdf .doc .odt .rtf) กลับเข้า content/ID/ "
    "แก้เฉพาะส่วนที่เปลี่ยนในที่เดิม; คู่มือที่พิมพ์เองเป็นไฟล์บุคลากรใหม่ "
    "(import returned Word files)"))
@_office
@_staff
@click.option("--reject-changes", is_flag=True,
              help="ไม่รับการแก้ไขแบบติดตามที่ยังค้างในไฟล์ (ค่าเริ่มต้น: รับตามที่เสนอ; "
                   "ทั้งสองแบบมีรายการให้ตรวจ) (leave tracked changes out)")
@click.option("--force", is_flag=True,
              help="เมื่อขัดกัน ให้ไฟล์ Word ชนะ และให้คู่มือที่พิมพ์เองแก้ไฟล์บุคลากรที่มีอยู่ได้ "
                   "(Word wins conflicts)")
@click.option("--moved", is_flag=True,
              help="คู่มือของสำนักงานอื่นเป็นของบุคลากรที่ย้ายมาที่นี่ ให้นำเข้าเป็นของสำนักงานนี้ "
                   "(ค่าเริ่มต้น: ไม่รับ และบอกว่าเป็นของสำนักงานใด) (a staff member who moved)")
@click.option("--content", "content_dir", metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="โฟลเดอร์เนื้อหา (ค่าเริ่มต้น content/) (content folder)")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path),
                metavar="ไฟล์หรือโฟลเดอร์...")
def import_command(office_id: str, staff_id: str | None, reject_changes: bool, force: bool,
                   moved: bool, content_dir: Path | None, paths: tuple[Path, ...]) -> None:
    from khumue.importer.job import ImportOptions

    options = ImportOptions(office_id, command_paths(content_dir, None), staff_id, force,
                            reject_changes, moved=moved)
    run_import(options, list(paths))


@_command("publish", (
    "สร้างไฟล์สำหรับเว็บไซต์ของสำนักงานใน out/ID/ปี/publish/: PDF ทุกเล่ม คู่มือทุกเล่มรวม "
    "เล่มเดียว index.html และรายการที่อยู่ของคู่มือสำหรับแบบ ITA (ต้องมี LibreOffice) "
    "(files for the website)"))
@_office
@_year
@click.option("--force", is_flag=True,
              help="สร้างใหม่ทุกเล่ม แม้เล่มที่ไม่เปลี่ยน (rebuild everything)")
@_folders
def publish_command(office_id: str, year: int | None, force: bool, content_dir: Path | None,
                    out_dir: Path | None) -> None:
    built, count = run_build(office_id, paths=command_paths(content_dir, out_dir), year=year,
                             force=force, publish=True)
    _summary(office_id, built, count)
    folder = built[0].path.parent / "publish"
    links = folder / "ita-links.txt"
    from rich.console import Console

    console = Console()
    console.print(f"ไฟล์สำหรับเว็บไซต์: {folder}/", markup=False, soft_wrap=True)
    if links.is_file():
        console.print(f"ที่อยู่ของคู่มือสำหรับแบบ ITA: {links}", markup=False, soft_wrap=True)
    else:
        console.print("เพิ่ม website: ใน office.yaml (ที่อยู่ที่นำโฟลเดอร์ publish ขึ้นเว็บ) "
                      "เพื่อให้ได้รายการที่อยู่ของคู่มือสำหรับแบบ ITA", markup=False, soft_wrap=True)


@_command("list", (
    "รายชื่อสำนักงานใน content/: ชื่อ ชื่อย่อ จำนวนบุคลากร และปีงบประมาณที่สร้างแล้ว "
    "(list the offices)"))
@_folders
def list_command(content_dir: Path | None, out_dir: Path | None) -> None:
    paths = command_paths(content_dir, out_dir)
    from rich.console import Console
    from rich.table import Table

    table = Table("รหัส", "สำนักงาน", "ชื่อย่อ", "บุคลากร", "ปีที่สร้างแล้ว")
    for line in office_lines(paths.content, paths.out):
        table.add_row(line.office_id, wrapped(line.name, 28), line.short_name, str(line.staff),
                      " ".join(str(y) for y in line.years) or "–")
    Console().print(table)


def wrapped(text: str, cells: int) -> str:
    """``text`` in lines of at most ``cells`` terminal cells, broken between Thai words
    (:mod:`khumue.typeset.thaiwords`), since a terminal table breaks only at spaces and Thai
    has none."""
    from rich.cells import cell_len

    from khumue.typeset.thaiwords import thai_words

    lines, line = [], ""
    for word in thai_words().tokens(text):
        if line and cell_len(line + word) > cells:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    return "\n".join([*lines, line.rstrip()])


def _summary(office_id: str, built: list[BuiltManual], warnings: int) -> None:
    """The end of a build: a table of the manuals written, where, and what to open next."""
    from rich.table import Table

    table = Table("บุคลากร", "ไฟล์", "หน้า", "เทียบกับปีก่อน")
    for manual in built:
        pages = str(manual.pages) if manual.pages is not None else "–"
        table.add_row(manual.name, manual.path.name, pages,
                      wrapped(change_words(manual.changes), 30))
    from rich.console import Console

    console = Console()
    console.print(table)
    folder = built[0].path.parent
    console.print(f"{office_id}: เขียนคู่มือ {len(built)} เล่มใน {folder}/ "
                  f"ข้อควรตรวจ {warnings} รายการ", markup=False, soft_wrap=True)
    if (folder / "review.html").is_file():
        console.print(f"ผู้ตรวจเปิด {folder / 'review.html'}", markup=False, soft_wrap=True)
