"""The main job: every manual of an office, from content/ to out/, in named stages.

load (validate every file) → compose (typeset trees) → render (DOCX bytes in memory) → write.
Nothing is written until every manual has rendered, and each file is written atomically
(a temporary file in the same folder, then ``os.replace``), so a failed build never leaves a
truncated file and never clobbers the previous good one.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from khumue.compose import ManualContext, compose_manual
from khumue.content import OfficeContent, load_office
from khumue.errors import KhumueError, Problem
from khumue.fiscal import fiscal_year_of
from khumue.lint import lint_staff
from khumue.model import Digits
from khumue.office import OfficeProcess, office_available
from khumue.pagination import displayed_pages
from khumue.review import ReviewRow, review_markdown
from khumue.wordml.writer import toc_bookmarks, write_docx

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
        return [w for entry in self.content.staff for w in self.warnings[entry.id]]


def check_office(office_id: str, *, paths: Paths = Paths(), staff_id: str | None = None,
                 year: int | None = None) -> CheckResult:
    """Validate and lint an office (or one staff member) without writing anything.

    Raises ContentError, UnknownOfficeError or UnknownStaffError."""
    content = load_office(paths.content, office_id, staff_id)
    warnings = {entry.id: lint_staff(entry, content.office) for entry in content.staff}
    return CheckResult(content, resolve_fiscal_year(content, year), warnings)


def template_dir(paths: Paths, office_id: str) -> Path:
    """``templates/<office-id>/`` when it holds a manual.docx, else ``templates/default/``."""
    own = paths.templates / office_id
    return own if (own / "manual.docx").is_file() else paths.templates / "default"


def resolve_fiscal_year(content: OfficeContent, year: int | None,
                        today: dt.date | None = None) -> int:
    """The B.E. fiscal year to build: ``year`` if given, else the office's, else the current."""
    if year is not None:
        return year
    if content.office.fiscal_year is not None:
        return content.office.fiscal_year
    return fiscal_year_of(today or dt.date.today())


def build_office(office_id: str, *, paths: Paths = Paths(), staff_id: str | None = None,
                 year: int | None = None, strict: bool = False, pdf: bool = False,
                 layout: bool | None = None,
                 progress: Callable[[str], None] = lambda _: None,
                 checked: CheckResult | None = None) -> list[BuiltManual]:
    """Build the manuals of ``office_id`` (or of one staff member) into
    ``<out>/<office-id>/<fiscal-year>/<staff-id>.docx`` (and ``.pdf`` when ``pdf``), and, for a
    whole office, the review report ``REVIEW.md`` beside them.

    With LibreOffice (``layout`` None: when installed; True: required) one office process lays
    every manual out and the table of contents gets its page numbers; without it the TOC waits
    for Word to update its fields.  Raises ContentError (every problem of every file),
    UnknownOfficeError, UnknownStaffError, TemplateError, StrictError when ``strict`` and the
    content has warnings, OfficeUnavailable when LibreOffice is needed and missing, all before
    writing anything.  ``checked`` reuses a :func:`check_office` result.
    """
    checked = checked or check_office(office_id, paths=paths, staff_id=staff_id, year=year)
    if strict and checked.all_warnings:
        raise StrictError(checked.all_warnings)
    content, fiscal_year = checked.content, checked.fiscal_year
    if not content.staff:
        raise KhumueError(f"สำนักงาน {office_id} ยังไม่มีไฟล์บุคลากรใน "
                          f"{content.path / 'staff'}/ จึงไม่มีคู่มือให้สร้าง")
    use_office = pdf or layout is True or (layout is None and office_available() is None)
    if not use_office:
        progress("no LibreOffice: the table of contents gets its page numbers when Word "
                 "updates fields; for page numbers and PDFs run "
                 "bash tools/install-system-packages.sh")
    templates = template_dir(paths, office_id)
    ctx = ManualContext(content.office, fiscal_year, templates)
    target = paths.out / office_id / str(fiscal_year)
    rendered: list[tuple[Path, bytes]] = []
    built: list[BuiltManual] = []
    office = OfficeProcess() if use_office else None
    try:
        with tempfile.TemporaryDirectory(prefix="khumue-") as scratch:
            for entry in content.staff:
                manual = compose_manual(entry.staff, ctx)

                def render(pages: dict[str, str] | None, manual=manual) -> bytes:
                    return write_docx(manual, templates / "manual.docx",
                                      digits=content.office.digits, font=content.office.font,
                                      toc_pages=pages)

                data = render(None)
                pdf_data = None
                if office is not None:
                    data, pdf_data = _paginate(office, render, data, toc_bookmarks(manual),
                                               content.office.digits, Path(scratch) / entry.id,
                                               pdf)
                path = target / f"{entry.id}.docx"
                rendered.append((path, data))
                if pdf_data is not None:
                    rendered.append((path.with_suffix(".pdf"), pdf_data))
                built.append(BuiltManual(entry.id, entry.staff.name, path))
                progress(f"{entry.id}: {entry.staff.name}")
    finally:
        if office is not None:
            office.close()
    if staff_id is None:
        rows = [ReviewRow(b.staff_id, b.path.name) for b in built]
        report = review_markdown(content, fiscal_year, rows, checked.warnings)
        rendered.append((target / "REVIEW.md", report.encode("utf-8")))
    for path, data in rendered:
        write_atomically(path, data)
    return built


def _paginate(office: OfficeProcess, render: Callable[[dict[str, str] | None], bytes],
              data: bytes, bookmarks: tuple[list[str], list[str]], digits: Digits,
              scratch: Path, pdf: bool) -> tuple[bytes, bytes | None]:
    """Lay the manual out, write the printed page of every heading into its TOC, and lay it
    out again until the numbers hold (a number can move a TOC line, so at most three rounds);
    returns the final DOCX and, when ``pdf``, its PDF."""
    front, body = bookmarks
    names = front + body
    docx = scratch.with_suffix(".docx")
    pdf_path = scratch.with_suffix(".pdf") if pdf else None
    docx.write_bytes(data)
    pages = displayed_pages(office.layout(docx, names).pages, front, body, digits)
    for _ in range(3):
        data = render(pages)
        docx.write_bytes(data)
        layout = office.layout(docx, names, pdf_path, native_digits=digits is Digits.thai)
        again = displayed_pages(layout.pages, front, body, digits)
        if again == pages:
            break
        pages = again
    return data, (pdf_path.read_bytes() if pdf_path else None)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and os.replace,
    so that readers see the old file or the new one, never a part of either."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
