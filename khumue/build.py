"""The main job: every manual of an office, from content/ to out/, in named stages.

load (validate and lint every file, :func:`check_office`) → :func:`compose` (typeset trees) →
render (DOCX bytes in memory, :func:`renderer`) → lay out (a :mod:`khumue.layout` engine: TOC
page numbers, PDFs) → :func:`write`.
Nothing is written until every manual has rendered, and each file is written atomically
(a temporary file in the same folder, then ``os.replace``), so a failed build never leaves a
truncated file and never clobbers the previous good one.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import tempfile
from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from khumue.compose import ManualContext, compose_manual
from khumue.content import OfficeContent, StaffEntry, load_office
from khumue.doctree import ManualDoc
from khumue.errors import KhumueError, Problem
from khumue.fiscal import fiscal_year_of
from khumue.layout import LayoutEngine, Render, engine_for
from khumue.lint import lint_staff
from khumue.review import ReviewRow, review_markdown
from khumue.templates import MANUAL_DOCX, TemplateFolders
from khumue.wordml.writer import write_docx
from khumue.yearcycle import CHANGES_FOLDER, changes_since, revision_for

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    """Where the build reads and writes: content/, templates/ and the output folder."""

    content: Path = ROOT / "content"
    templates: Path = ROOT / "templates"
    out: Path = ROOT / "out"


@dataclass(frozen=True)
class BuiltManual:
    """One manual written: staff id, person's name and the DOCX path."""

    staff_id: str
    name: str
    path: Path


class StrictError(KhumueError):
    """``--strict`` and the content has warnings; ``warnings`` lists them."""

    def __init__(self, warnings: list[Problem]):
        self.warnings = warnings
        lines = "\n".join(str(w) for w in warnings)
        super().__init__(f"พบข้อควรตรวจ {len(warnings)} รายการ และสั่งให้เข้มงวด (--strict) "
                         f"จึงไม่ได้สร้างไฟล์ใด ๆ:\n{lines}")


@dataclass(frozen=True)
class CheckResult:
    """A validated office, the fiscal year to build, and its warnings by staff id."""

    content: OfficeContent
    fiscal_year: int
    warnings: dict[str, list[Problem]]

    @property
    def all_warnings(self) -> list[Problem]:
        """The office file's notices, then each staff member's warnings."""
        return [*self.content.notices,
                *(w for entry in self.content.staff for w in self.warnings[entry.id])]


def check_office(office_id: str, *, paths: Paths = Paths(), staff_id: str | None = None,
                 year: int | None = None) -> CheckResult:
    """Stage 1, load: validate and lint an office (or one staff member), writing nothing.

    Raises ContentError, UnknownOfficeError or UnknownStaffError."""
    content = load_office(paths.content, office_id, staff_id)
    fiscal_year = resolve_fiscal_year(content, year)
    warnings = {entry.id: lint_staff(entry, content.office, fiscal_year)
                for entry in content.staff}
    return CheckResult(content, fiscal_year, warnings)


def resolve_fiscal_year(content: OfficeContent, year: int | None,
                        today: dt.date | None = None) -> int:
    """The B.E. fiscal year to build: ``year`` if given, else the office's, else the current."""
    if year is not None:
        return year
    if content.office.fiscal_year is not None:
        return content.office.fiscal_year
    return fiscal_year_of(today or dt.date.today())


@dataclass(frozen=True)
class ComposedManual:
    """One staff member's manual as a typeset tree, with the content it came from."""

    entry: StaffEntry
    doc: ManualDoc


def compose(checked: CheckResult, templates: TemplateFolders) -> list[ComposedManual]:
    """Stage 2: the typeset tree of every manual of a checked office.  Raises TemplateError
    for a broken foreword template."""
    ctx = ManualContext(checked.content.office, checked.fiscal_year, templates)
    return [ComposedManual(entry, compose_manual(entry.staff, ctx))
            for entry in checked.content.staff]


def renderer(manual: ManualDoc, templates: TemplateFolders, font: str | None) -> Render:
    """Stage 3: a function from TOC page numbers (or None) to the manual's DOCX bytes, built
    on the first ``manual.docx`` of ``templates``.  Raises TemplateError."""
    template = templates.find(MANUAL_DOCX)

    def render(toc_pages: Mapping[str, str] | None) -> bytes:
        return write_docx(manual, template, font=font, toc_pages=toc_pages)

    return render


def build_office(office_id: str, *, paths: Paths = Paths(), staff_id: str | None = None,
                 year: int | None = None, strict: bool = False, pdf: bool = False,
                 engine: LayoutEngine | None = None,
                 progress: Callable[[str], None] = lambda _: None,
                 checked: CheckResult | None = None, compare_dir: Path | None = None,
                 author: str | None = None, today: dt.date | None = None) -> list[BuiltManual]:
    """Build the manuals of ``office_id`` (or of one staff member) into
    ``<out>/<office-id>/<fiscal-year>/<staff-id>.docx`` (and ``.pdf`` when ``pdf``), and, for a
    whole office, the review report ``REVIEW.md`` beside them.

    The stages: load (:func:`check_office`) → :func:`compose` → render (:func:`renderer`) →
    lay out (``engine``; by default :func:`khumue.layout.engine_for`, which uses LibreOffice
    when it is installed, so that the TOC gets its page numbers) → write
    (:func:`write_atomically`, only after every manual has been laid out).  Raises
    ContentError (every problem of every file), UnknownOfficeError, UnknownStaffError,
    TemplateError, StrictError when ``strict`` and the content has warnings,
    LibreOfficeUnavailable when ``pdf`` and LibreOffice is missing, all before writing
    anything.  ``checked`` reuses a :func:`check_office` result.

    When the earlier fiscal year's manuals are there (``<out>/<office-id>/<N-1>/``, or
    ``compare_dir``), each manual that changed also gets ``changes/<staff-id>.docx``: this
    year's manual with tracked changes by ``author`` (default: the office's short name)
    dated ``today``; REVIEW.md says what changed in each.
    """
    checked = checked or check_office(office_id, paths=paths, staff_id=staff_id, year=year)
    if strict and checked.all_warnings:
        raise StrictError(checked.all_warnings)
    content, fiscal_year = checked.content, checked.fiscal_year
    if not content.staff:
        raise KhumueError(f"สำนักงาน {office_id} ยังไม่มีไฟล์บุคลากรใน "
                          f"{content.path / 'staff'}/ จึงไม่มีคู่มือให้สร้าง")
    templates = TemplateFolders.for_office(paths.templates, office_id)
    target = paths.out / office_id / str(fiscal_year)
    prepare_output(target)
    manuals = compose(checked, templates)
    earlier = compare_dir or paths.out / office_id / str(fiscal_year - 1)
    revision = revision_for(author or content.office.short_name, today or dt.date.today())
    ctx = ManualContext(content.office, fiscal_year, templates)
    outputs: list[tuple[Path, bytes]] = []
    stale: list[Path] = []
    built: list[BuiltManual] = []
    rows: list[ReviewRow] = []
    # An engine passed in stays open for the caller; one made here is closed here.
    with nullcontext(engine) if engine is not None else engine_for(pdf) as layout:
        if layout.note:
            progress(layout.note)
        for manual in manuals:
            entry = manual.entry
            render = renderer(manual.doc, templates, content.office.font)
            laid_out = layout.lay_out(entry.id, manual.doc, render, pdf)
            if laid_out.warning:
                progress(f"warning: {laid_out.warning}")
            path = target / f"{entry.id}.docx"
            outputs.append((path, laid_out.docx))
            if laid_out.pdf is not None:
                outputs.append((path.with_suffix(".pdf"), laid_out.pdf))
            built.append(BuiltManual(entry.id, entry.staff.name, path))
            row = ReviewRow(entry.id, path.name)
            previous = earlier / f"{entry.id}.docx"
            changes = target / CHANGES_FOLDER / f"{entry.id}.docx"
            if previous.is_file() and previous.resolve() != path.resolve():
                try:
                    comparison = changes_since(previous, manual.doc, ctx, revision)
                except KhumueError as exc:
                    progress(f"{entry.id}: เทียบกับ {previous} ไม่ได้: {exc}")
                else:
                    row = ReviewRow(entry.id, path.name, changes=comparison.summary,
                                    changes_file=f"{CHANGES_FOLDER}/{changes.name}"
                                    if comparison.summary.changed else None)
                    if comparison.summary.changed:
                        outputs.append((changes, renderer(comparison.doc, templates,
                                                          content.office.font)(laid_out.toc_pages)))
            if changes.exists() and not any(p == changes for p, _ in outputs):
                stale.append(changes)
            rows.append(row)
            progress(f"{entry.id}: {entry.staff.name}")
    if staff_id is None:
        report = review_markdown(content, fiscal_year, rows, checked.warnings)
        outputs.append((target / "REVIEW.md", report.encode("utf-8")))
    write(outputs)
    for path in stale:  # a changes file of an earlier build that no longer applies
        path.unlink(missing_ok=True)
    return built


def write(outputs: list[tuple[Path, bytes]]) -> None:
    """Stage 5: write every file, each atomically."""
    for path, data in outputs:
        write_atomically(path, data)


class OutputError(KhumueError):
    """The output folder cannot take the files (a file in the way, no permission, a full or
    read-only disk); the message names the path and the cause in Thai."""


def output_error(path: Path, exc: OSError) -> OutputError:
    """An OSError while writing ``path``, said as a clerk can act on it."""
    causes = {errno.ENOSPC: "ดิสก์เต็ม ให้ลบไฟล์ที่ไม่ใช้หรือเลือกที่เก็บอื่นด้วย --out",
              errno.EROFS: "ดิสก์นี้เขียนไม่ได้ (อ่านได้อย่างเดียว) ให้เลือกที่เก็บอื่นด้วย --out",
              errno.EACCES: "ไม่มีสิทธิ์เขียนที่นี่ ให้เลือกที่เก็บอื่นด้วย --out",
              errno.EPERM: "ไม่มีสิทธิ์เขียนที่นี่ ให้เลือกที่เก็บอื่นด้วย --out",
              errno.ENOTDIR: "มีไฟล์ชื่อเดียวกับโฟลเดอร์ที่ต้องใช้อยู่ในเส้นทางนี้ ให้ย้ายหรือเปลี่ยนชื่อไฟล์นั้น",
              errno.EEXIST: "มีไฟล์ชื่อเดียวกับโฟลเดอร์ที่ต้องใช้อยู่แล้ว ให้ย้ายหรือเปลี่ยนชื่อไฟล์นั้น",
              errno.EISDIR: "มีโฟลเดอร์ชื่อเดียวกับไฟล์ที่จะเขียน ให้ย้ายหรือเปลี่ยนชื่อโฟลเดอร์นั้น"}
    cause = causes.get(exc.errno or 0, exc.strerror or str(exc))
    return OutputError(f"เขียน {path} ไม่ได้: {cause} (ไฟล์ที่มีอยู่เดิมยังอยู่ครบ)")


def prepare_output(folder: Path) -> None:
    """Check, before any work is done and without creating anything, that ``folder`` can be
    made and written: its nearest existing ancestor is a folder we may write in (or it is
    one).  Raises OutputError."""
    current = folder
    while not current.exists() and current != current.parent:
        if current.is_symlink():  # a dangling link where a folder must go
            raise output_error(folder, OSError(errno.ENOTDIR, "dangling link"))
        current = current.parent
    if not current.is_dir():
        raise output_error(folder, OSError(errno.ENOTDIR, "not a directory"))
    if not os.access(current, os.W_OK | os.X_OK):
        raise output_error(folder, OSError(errno.EACCES, "permission denied"))


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and os.replace,
    so that readers see the old file or the new one, never a part of either.  Raises
    OutputError naming the path."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise output_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise output_error(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
