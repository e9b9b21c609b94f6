"""The import job: Word files returned by an office's staff, into ``content/<office-id>/``
(``python build.py --office ID --import PATH…``).

Every file and every Word file of every folder given is read (.doc, .odt and .rtf converted
by LibreOffice first, :mod:`.sources`), finds its staff member (:mod:`.matching`), and is
merged into content/: a new staff member gets a new staff file; an existing one's files are
edited in place, only where the three-way merge of what the file was built from, what
content/ holds now and what came back says so (:mod:`.proposals`, :mod:`.routing`); an edit
to a part shared with others goes to the shared file.  Everything is validated together and
then written, each file atomically (:mod:`.writing`); a file that fails is refused with the
reason and does not stop the others.  The report (:mod:`.report`) is printed and written as
``content/<office-id>/import-report.md``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khumue.content.folders import Paths
from khumue.content.loading import OfficeContent, StaffEntry
from khumue.content.templates import TemplateFolders
from khumue.errors import ImportFailed, KhumueError
from khumue.importer.job.matching import (
    SAFE_ID,
    by_name,
    line_up_source,
    staff_id_from,
    staff_id_from_name,
)
from khumue.importer.job.newoffice import office_file, share
from khumue.importer.job.offices import foreign_office
from khumue.importer.job.proposals import (
    Planned,
    combine,
    notes_as_comments,
    plan_existing,
)
from khumue.importer.job.report import REPORT_FILE, FileReport, ImportReport, fields_found
from khumue.importer.job.sources import PDF, Conversions, Source, collect
from khumue.importer.job.writing import edited_texts, reload, validate, write_all
from khumue.importer.merge.yamlwrite import dump
from khumue.importer.read import Imported, content_data, import_docx
from khumue.importer.read.notes import Note
from khumue.review.lint import lint_staff

__all__ = ["ImportOptions", "ImportReport", "import_files", "staff_id_from"]


@dataclass(frozen=True)
class ImportOptions:
    """How to import: the office, where content/ and templates/ are, the staff id for a
    single file (``staff_id``), whether the Word file wins a conflict and a hand-typed file
    may change an existing staff file (``force``), whether tracked changes left in the files
    are left out (``reject_changes``), the day the report carries, and whether a file of
    another office is taken as a staff member who moved here (``moved``; else it is refused,
    :mod:`khumue.importer.job.offices`)."""

    office_id: str
    paths: Paths = field(default_factory=Paths)
    staff_id: str | None = None
    force: bool = False
    reject_changes: bool = False
    today: dt.date | None = None
    moved: bool = False


def import_files(options: ImportOptions, given: Sequence[Path],
                 progress: Callable[[str], None] = lambda _: None) -> ImportReport:
    """Import the Word files ``given`` (files and folders).  Raises ImportFailed when there
    is nothing to import (no file, an unsafe id, a content folder that does not load); a
    file that cannot be imported is refused in the report, the others go on."""
    office_id = options.office_id
    if not SAFE_ID.match(office_id):
        raise ImportFailed(f"รหัสสำนักงาน '{office_id}' ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข - และ _")
    files = collect(list(given))
    if not files:
        raise ImportFailed("ไม่พบไฟล์คู่มือ (.docx .pdf .doc .odt .rtf) ในที่ที่ให้มา: "
                           + ", ".join(str(p) for p in given))
    if options.staff_id is not None and (len(files) > 1 or not SAFE_ID.match(options.staff_id)):
        raise ImportFailed("--staff ใช้กับไฟล์เดียว และใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข - และ _")
    content = _current(options)
    report = ImportReport(office_id)
    with Conversions() as conversions:
        sources = conversions.sources(files)
        job = _Job(options, content, report, progress)
        for source in sources:
            job.read(source)
            progress(report.files[-1].summary())
        job.write()
    return report


def _current(options: ImportOptions) -> OfficeContent | None:
    folder = options.paths.content / options.office_id
    if not (folder / "office.yaml").is_file():
        return None
    content = reload(options.paths.content, options.office_id)
    if content is None:
        raise ImportFailed(f"อ่านเนื้อหาของ {folder} ไม่ได้ จึงนำเข้าไม่ได้: ให้สั่ง "
                           f"python build.py --office {options.office_id} --check แล้วแก้ก่อน")
    return content


class _Job:
    """One import: files read one by one, then written together."""

    def __init__(self, options: ImportOptions, content: OfficeContent | None,
                 report: ImportReport, progress: Callable[[str], None] = lambda _: None):
        self.options = options
        self.progress = progress  # hears a scan's pages as OCR reads them
        self.content = content
        self.report = report
        self.templates = TemplateFolders.for_office(options.paths.templates, options.office_id)
        self.planned: list[Planned] = []
        self.office: dict[str, Any] | None = None  # office.yaml to write, for a new office
        self.office_source = ""  # the file office.yaml is made from
        self.years: Counter[int] = Counter()  # the fiscal years a new office's covers name

    @property
    def folder(self) -> Path:
        return self.options.paths.content / self.options.office_id

    def read(self, source: Source) -> None:
        row = FileReport(source.path, converted=source.converted)
        self.report.files.append(row)
        if source.docx is None:
            row.refusal = source.refusal
            return
        try:
            imported = self._import(source.docx)
        except ImportFailed as exc:
            row.refusal = str(exc).removeprefix(f"{source.docx}: ")
            return
        row.read_as, row.notes = imported.read_as.value, list(imported.notes)
        row.fields = fields_found(imported.staff)
        foreign = foreign_office(imported, self.options.office_id,
                                 self.content.office.name if self.content else None,
                                 self.options.paths.content)
        if foreign is not None and not self.options.moved:
            row.refusal = foreign
            return
        if foreign is not None:
            row.notes.append(Note((), f"ย้ายมาจาก{imported.office.name} (--moved): นำเข้าเป็น"
                                      f"บุคลากรของ {self.options.office_id}"))
        try:
            self._plan(row, imported, source)
        except KhumueError as exc:
            row.refusal = str(exc)

    def _import(self, path: Path) -> Imported:
        """The manual at ``path``: a PDF (:mod:`khumue.importer.read.pdf`) or a DOCX."""
        words = tuple(self.content.office.words) if self.content else ()
        if path.suffix.lower() == PDF:
            from khumue.importer.read.pdf import import_pdf

            def pages(done: int, total: int) -> None:
                self.progress(f"{path.name}: อ่านภาพสแกนด้วย OCR หน้า {done}/{total}")

            return import_pdf(path, self.templates, words, pages=pages,
                              reject_changes=self.options.reject_changes, line_up=self._line_up)
        return import_docx(path, self.templates, reject_changes=self.options.reject_changes,
                           line_up=self._line_up, words=words)

    def _line_up(self, name: str, fiscal_year: int | None) -> dict[str, Any] | None:
        entry = by_name(self.content, name)
        if entry is None or self.content is None:
            return None
        return line_up_source(self.content, entry, fiscal_year)

    def _plan(self, row: FileReport, imported: Imported, source: Source) -> None:
        staff_id = self._staff_id(imported, source.path)
        row.staff_id = staff_id
        entry = next((e for e in self.content.staff if e.id == staff_id), None) \
            if self.content else None
        if entry is None:
            self._new(row, imported, staff_id)
            return
        if not imported.own and not self.options.force:
            raise ImportFailed(f"มีไฟล์ {entry.path.name} ของ{entry.staff.name}อยู่แล้ว และไฟล์นี้"
                               "พิมพ์เอง (ไม่ใช่ไฟล์ที่โปรแกรมนี้สร้าง): ถ้าจะแก้ไฟล์บุคลากรตามไฟล์นี้ "
                               "ให้เพิ่ม --force")
        planned = plan_existing(row, imported, entry, self.options.force)
        row.shared_with = self._sharing(entry, planned)
        self.planned.append(planned)

    def _staff_id(self, imported: Imported, path: Path) -> str:
        if self.options.staff_id:
            return self.options.staff_id
        if imported.staff_id and SAFE_ID.match(imported.staff_id):
            return imported.staff_id
        found = by_name(self.content, imported.staff.name)
        if found is not None:
            return found.id
        return staff_id_from_name(imported.staff.name) or staff_id_from(path)

    def _new(self, row: FileReport, imported: Imported, staff_id: str) -> None:
        target = _free(self.folder / "staff", staff_id, imported.staff.name, self.planned)
        row.staff_id = target.stem
        planned = Planned(row, new_file=(target, imported.data))
        self.planned.append(planned)
        if self.content is None:
            if imported.fiscal_year:
                self.years[imported.fiscal_year] += 1
            if self.office is None:
                self.office = content_data(imported.office)
                self.office_source = row.source.name

    def _sharing(self, entry: StaffEntry, planned: Planned) -> list[str]:
        """The other staff members who use a shared file the import changes."""
        if self.content is None:
            return []
        shared = {p for p in planned.proposals if p != entry.path}
        return sorted(e.id for e in self.content.staff if e.id != entry.id and
                      any(s.path in shared for s in e.sources))

    # -- writing -----------------------------------------------------------------------------
    def write(self) -> None:
        texts = self._texts([p for p in self.planned if not p.report.refusal])
        problem = validate(self.options.paths.content, self.options.office_id, texts)
        if problem is not None:
            for plan in self.planned:
                plan.report.refusal = plan.report.refusal or \
                    f"เนื้อหาที่ได้ตรวจไม่ผ่าน จึงไม่ได้เขียนไฟล์ใด: {problem}"
            texts = {}
        written = write_all(texts)
        for plan in self.planned:
            plan.report.written = [p for p in written if self._touches(plan, p)]
        self.report.written = written
        self._report_file()

    def _texts(self, planned: list[Planned]) -> dict[Path, str]:
        shared = share([p.new_file[1] for p in planned if p.new_file], self.folder) \
            if self.content is None else None
        combined = combine(planned)
        annotations: dict[Path, list[tuple[Any, str]]] = {}
        for plan in planned:
            for path, lines in plan.annotations.items():
                annotations.setdefault(path, []).extend(lines)
        texts = edited_texts(combined, annotations)
        for plan in planned:
            if plan.new_file is not None:
                path, data = plan.new_file
                header = [f"นำเข้าจาก {plan.report.source.name} เมื่อ {self._day()} "
                          f"({plan.report.how})",
                          "บรรทัดที่ขึ้นต้นด้วย # ตรวจ: คือสิ่งที่ควรตรวจ ลบทิ้งได้เมื่อตรวจแล้ว"]
                texts[path] = dump(data, notes_as_comments(plan.report.notes), header)
        if shared is not None:
            for path, data in shared.files.items():
                texts[path] = dump(data, {}, [f"{shared.notes[path]}: เขียนไว้ที่นี่ที่เดียว "
                                              f"(นำเข้าเมื่อ {self._day()})"])
        if self.office is not None:
            texts[self.folder / "office.yaml"] = office_file(self.office, self.years,
                                                             self.office_source)
        return texts

    def _touches(self, plan: Planned, path: Path) -> bool:
        return path in plan.proposals or path in plan.annotations or (
            plan.new_file is not None and plan.new_file[0] == path)

    def _day(self) -> str:
        return (self.options.today or dt.date.today()).isoformat()

    def _report_file(self) -> None:
        """REPORT_FILE beside the content, when the import wrote anything (an import that
        changed nothing, or refused every file, leaves content/ as it was)."""
        if not self.folder.is_dir() or not any(r.written for r in self.report.files):
            return  # nothing written: content/ stays as it was (the reasons were printed)
        content = reload(self.options.paths.content, self.options.office_id)
        if content is not None:
            ids = {r.staff_id for r in self.report.files if r.written}
            for entry in content.staff:
                if entry.id in ids:
                    self.report.warnings += lint_staff(entry, content.office)
        target = self.folder / REPORT_FILE
        try:
            write_all({target: self.report.markdown(self.options.today or dt.date.today())})
        except KhumueError:
            return
        self.report.report_file = target


def _free(folder: Path, staff_id: str, name: str, planned: list[Planned]) -> Path:
    """The file in ``folder`` (staff/) for a new staff member ``staff_id`` named ``name``:
    another person planned under the same id makes it "-2", "-3" …; the same person twice
    is refused."""
    names = {p.new_file[0]: p.new_file[1].get("name") for p in planned if p.new_file}
    target, n = folder / f"{staff_id}.yaml", 2
    while target in names:
        if names[target] == name:
            raise ImportFailed(f"อีกไฟล์หนึ่งนำเข้าเป็นบุคลากร {target.stem} แล้ว ให้นำเข้าทีละไฟล์ "
                               "หรือตั้งรหัสเองด้วย --staff")
        target, n = folder / f"{staff_id}-{n}.yaml", n + 1
    return target
