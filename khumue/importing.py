"""The import job: a Word manual into ``content/<office-id>/`` (``python build.py --office ID
--import FILE.docx``).

Writes ``staff/<staff-id>.yaml`` (refusing to replace one unless ``force``) and, when the
office has none yet, ``office.yaml`` from the manual's cover; every note of the importer is
printed and written as a YAML comment beside the value it concerns.  Nothing is written
unless the imported content is valid; each file is written atomically.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from khumue.content import load_office
from khumue.errors import ImportFailed, KhumueError, Problem
from khumue.importer import Imported, content_data, import_docx
from khumue.importer.notes import Note
from khumue.importer.yamlwrite import dump
from khumue.lint import lint_staff
from khumue.options import Paths
from khumue.output import write_atomically
from khumue.templates import TemplateFolders

_SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")


@dataclass(frozen=True)
class ImportReport:
    """What an import wrote: the staff file, the office file when it was written, the notes
    and the lint warnings of the imported content."""

    staff_file: Path
    office_file: Path | None
    notes: list[Note]
    warnings: list[Problem]
    own: bool


def staff_id_from(path: Path) -> str:
    """A safe staff id from a file name: Latin letters and digits as they are, Thai
    romanised (pythainlp, Royal Institute system), anything else a dash; "manual" when
    nothing is left.  "คู่มือ กชพร 2569.docx" → "khumue-kotchaphon-2569"."""
    from pythainlp.transliterate import romanize

    words = re.split(r"[^0-9A-Za-z\u0e00-\u0e7f]+", path.stem)
    out = []
    for word in words:
        if not word:
            continue
        if re.search("[\u0e00-\u0e7f]", word):
            word = "".join(romanize(part, engine="royin") if re.match("[\u0e00-\u0e7f]", part)
                           else part for part in re.findall(r"[\u0e00-\u0e7f]+|[^\u0e00-\u0e7f]+",
                                                            word))
        out.append(word.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(out)).strip("-")[:60].strip("-")
    return slug or "manual"


def import_manual(office_id: str, docx: Path, *, paths: Paths | None = None,
                  staff_id: str | None = None, force: bool = False,
                  progress: Callable[[str], None] = lambda _: None) -> ImportReport:
    """Import ``docx`` as a staff member of office ``office_id``.  Raises ImportFailed (bad
    file, not a manual, a staff file that exists without ``force``, an unsafe id)."""
    paths = paths or Paths()
    if not _SAFE_ID.match(office_id):
        raise ImportFailed(f"รหัสสำนักงาน '{office_id}' ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข - และ _")
    staff_id = staff_id or staff_id_from(docx)
    if not _SAFE_ID.match(staff_id):
        raise ImportFailed(f"รหัสบุคลากร '{staff_id}' ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข - และ _ "
                           "(กำหนดเองด้วย --staff)")
    folder = paths.content / office_id
    staff_file = folder / "staff" / f"{staff_id}.yaml"
    if staff_file.exists() and not force:
        raise ImportFailed(f"มีไฟล์ {staff_file} อยู่แล้ว ถ้าต้องการเขียนทับให้เพิ่ม --force "
                           "หรือตั้งรหัสใหม่ด้วย --staff")
    templates = TemplateFolders.for_office(paths.templates, office_id)
    imported = import_docx(docx, templates)
    office_file = folder / "office.yaml"
    writes: list[tuple[Path, str]] = []
    today = dt.date.today().isoformat()
    header = [f"นำเข้าจาก {docx.name} เมื่อ {today}"
              + (" (ไฟล์ที่โปรแกรมนี้สร้าง)" if imported.own else " (ไฟล์ที่พิมพ์เอง)"),
              "บรรทัดที่ขึ้นต้นด้วย # คือสิ่งที่ควรตรวจ ลบทิ้งได้เมื่อตรวจแล้ว"]
    writes.append((staff_file, dump(imported.data, _comments(imported.notes), header)))
    if not office_file.exists():
        writes.append((office_file, dump(content_data(imported.office), {}, [
            f"สร้างจากปกของ {docx.name}: ตรวจชื่อ ชื่อย่อ และเลขที่ใช้ (digits: thai หรือ arabic)"])))
    elif not imported.own:
        _check_office_name(office_file, imported, progress)
    for path, text in writes:
        write_atomically(path, text.encode("utf-8"))  # OutputError names the path
    try:
        content = load_office(paths.content, office_id, staff_id)
    except KhumueError as exc:  # our own YAML must read back: a bug if it does not
        raise ImportFailed(f"อ่านไฟล์ที่นำเข้ากลับไม่ได้: {exc}") from exc
    warnings = lint_staff(content.staff[0], content.office)
    for note in imported.notes:
        progress(f"ตรวจ: {staff_file}: {note}")
    return ImportReport(staff_file, office_file if len(writes) > 1 else None, imported.notes,
                        warnings, imported.own)


def _comments(notes: list[Note]) -> dict[tuple[str | int, ...], list[str]]:
    out: dict[tuple[str | int, ...], list[str]] = {}
    for note in notes:
        out.setdefault(note.path, []).append(f"ตรวจ: {note.message}")
    return out


def _check_office_name(office_file: Path, imported: Imported,
                       progress: Callable[[str], None]) -> None:
    text = office_file.read_text(encoding="utf-8", errors="replace")
    name = imported.office.name
    if name and name not in text:
        progress(f"ตรวจ: ชื่อสำนักงานบนปก \"{name}\" ไม่ตรงกับ {office_file}")
