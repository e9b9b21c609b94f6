"""One manual's share of a build: compose, render, lay out, compare with last year, stage.

A :class:`ManualJob` holds everything one manual needs and nothing of the build's state, so
the build can run jobs one after another, in threads (each with its own LibreOffice), or in
worker processes; :func:`run_job` returns the staged files and what the review report says.
:func:`fingerprint` says whether a manual must be built again at all: the same content,
templates, fonts, program and options give the same files.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from khumue.build.output import output_error
from khumue.build.yearcycle import CHANGES_FOLDER, changes_since
from khumue.content.loading import StaffEntry
from khumue.content.templates import MANUAL_DOCX
from khumue.errors import KhumueError
from khumue.layout.blockpages import PrintedPages
from khumue.layout.engine import LaidOut, LayoutEngine
from khumue.review.pictures import Pictures, changed_pages, page_pictures
from khumue.review.report import ReviewRow
from khumue.typeset.compose import ManualContext, compose_manual
from khumue.typeset.doctree import ManualDoc, PageNumberFormat, Revision
from khumue.wordml.writer import write_docx

ROOT = Path(__file__).resolve().parents[2]
Report = Callable[[str, str], None]  # (staff id, stage or message)
PICTURES_FOLDER = ".khumue-review"  # each manual's page pictures, for review.html
LAID_OUT = "laid-out"  # the table of contents has its page numbers (LibreOffice)
NOT_LAID_OUT = "not-laid-out"  # left to Word's field update


@dataclass(frozen=True)
class ManualJob:
    """One manual to build: the staff member, what composing needs, where its files go (the
    final folder and the staging paths are decided by the build), whether a PDF is wanted,
    and the earlier manual to compare with, if any."""

    entry: StaffEntry
    ctx: ManualContext
    font: str | None
    target: Path
    pdf: bool
    previous: Path | None
    revision: Revision


@dataclass
class JobResult:
    """What a job made: final path → staged path, the review row, warnings to say, the
    layout the manual actually got (:data:`LAID_OUT` or :data:`NOT_LAID_OUT`) and the typeset
    tree it was written from (the review page and publish read the same tree)."""

    staff_id: str
    name: str
    files: dict[Path, Path] = field(default_factory=dict)
    row: ReviewRow | None = None
    said: list[str] = field(default_factory=list)
    layout: str = NOT_LAID_OUT
    toc_pages: dict[str, str] = field(default_factory=dict)  # bookmark → printed page
    physical_pages: dict[str, int] = field(default_factory=dict)  # bookmark → page from 1
    doc: ManualDoc | None = None  # None for a manual kept from the last build


def run_job(job: ManualJob, engine: LayoutEngine, stage: Callable[[Path], Path],
            report: Report = lambda _id, _stage: None) -> JobResult:
    """Build one manual with ``engine``; every file is written to ``stage(final path)``.
    Raises TemplateError, LibreOfficeFailed (with a PDF asked for), OutputError."""
    entry = job.entry
    result = JobResult(entry.id, entry.staff.name)
    report(entry.id, "render")
    doc = result.doc = compose_manual(entry.staff, job.ctx, entry.id)
    template = job.ctx.templates.find(MANUAL_DOCX)

    def render(toc_pages):  # type: ignore[no-untyped-def]
        return write_docx(doc, template, font=job.font, toc_pages=toc_pages)

    if engine.note is None:
        report(entry.id, "pdf" if job.pdf else "layout")
    laid_out = engine.lay_out(entry.id, doc, render, job.pdf)
    result.layout = LAID_OUT if laid_out.toc_pages is not None else NOT_LAID_OUT
    result.toc_pages = dict(laid_out.toc_pages or {})
    result.physical_pages = dict(laid_out.physical_pages or {})
    if laid_out.warning:
        result.said.append(f"warning: {laid_out.warning}")
    path = job.target / f"{entry.id}.docx"
    _stage(result, stage, path, laid_out.docx)
    pages = None
    pictures = Pictures()
    if laid_out.pdf is not None:
        _stage(result, stage, path.with_suffix(".pdf"), laid_out.pdf)
        pages = pdf_pages(laid_out.pdf)
        pictures = page_pictures(laid_out.pdf)
    result.row = ReviewRow(entry.id, path.name, pages)
    if job.previous is not None:
        report(entry.id, "compare")
        _compare(job, doc, laid_out, engine, result, stage, pictures)
    if pictures.pages:
        _stage(result, stage, job.target / PICTURES_FOLDER / f"{entry.id}.json",
               pictures.to_bytes())
    return result


def _compare(job: ManualJob, doc: ManualDoc, laid_out: LaidOut, engine: LayoutEngine,
             result: JobResult, stage: Callable[[Path], Path], pictures: Pictures) -> None:
    """The changes file against last year's manual (and, with PDFs, its pages that carry
    changes, as LibreOffice prints them)."""
    entry, row = job.entry, result.row
    assert row is not None
    try:
        comparison = changes_since(job.previous, doc, job.ctx, job.revision)  # type: ignore[arg-type]
    except KhumueError as exc:
        result.said.append(f"{entry.id}: เทียบกับ {job.previous} ไม่ได้: {exc}")
        return
    changes = job.target / CHANGES_FOLDER / f"{entry.id}.docx"
    changed = comparison.summary.changed
    result.row = ReviewRow(entry.id, row.file_name, row.pages, comparison.summary,
                           f"{CHANGES_FOLDER}/{changes.name}" if changed else None)
    if not changed:
        return
    data = write_docx(comparison.doc, job.ctx.templates.find(MANUAL_DOCX), font=job.font,
                      toc_pages=laid_out.toc_pages)
    _stage(result, stage, changes, data)
    if job.pdf:
        marked = engine.marked_pdf(f"{entry.id}-changes", data,
                                   doc.numbering.body is PageNumberFormat.thai_numbers,
                                   [e.bookmark for e in comparison.doc.contents],
                                   comparison.doc.properties)
        if marked is not None:
            _stage(result, stage, changes.with_suffix(".pdf"), marked.pdf)
            printed = PrintedPages(comparison.doc, marked.bookmark_pages, pdf_pages(marked.pdf))
            pictures.changed = changed_pages(marked.pdf, marked.pages, printed)
            pictures.changed_count = len(marked.pages)


def _stage(result: JobResult, stage: Callable[[Path], Path], final: Path, data: bytes) -> None:
    """Write ``data`` where ``final`` is staged.  Raises OutputError (the folder and the
    reason, in Thai) when it cannot be written: a full disk, a folder made read-only."""
    staged = stage(final)
    try:
        staged.write_bytes(data)
    except OSError as exc:
        staged.unlink(missing_ok=True)
        raise output_error(final, exc) from None
    result.files[final] = staged


def pdf_pages(data: bytes) -> int:
    """The number of pages of a PDF (its page objects; LibreOffice writes them uncompressed)."""
    import re

    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


# -- knowing when nothing changed ---------------------------------------------------------------


@cache
def program_version() -> str:
    """A digest of this program's own code and shipped data (the ITA indicators, font
    metrics): a new version builds everything again."""
    digest = hashlib.sha256()
    for path in (sorted((ROOT / "khumue").rglob("*.py")) +
                 sorted((ROOT / "khumue").rglob("*.yaml")) +
                 [ROOT / "fonts" / "th-sarabun-metrics.json"]):
        if path.is_file():
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def fingerprint(job: ManualJob, content_files: Iterable[Path], layout: str) -> str:
    """A digest of everything a manual's files depend on: its content files (the staff file,
    office.yaml, the shared files), the template files, the program, the fiscal year, the
    options, the earlier manual compared with, and its layout (:data:`LAID_OUT` or
    :data:`NOT_LAID_OUT`: a manual the build meant to lay out but could not has the
    fingerprint of one not laid out, so the next build lays it out)."""
    digest = hashlib.sha256()
    for path in content_files:
        _file(digest, path)
    for folder in job.ctx.templates.folders:
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                _file(digest, path)
    if job.previous is not None:
        _file(digest, job.previous)
    digest.update(json.dumps([program_version(), job.ctx.fiscal_year, job.pdf, job.font,
                              layout, job.revision.author]).encode())
    return digest.hexdigest()


def _file(digest: hashlib._Hash, path: Path) -> None:
    digest.update(str(path.name).encode())
    try:
        digest.update(path.read_bytes() if path.is_file() else b"-")
    except OSError:
        digest.update(b"?")
