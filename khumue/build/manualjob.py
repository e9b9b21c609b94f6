"""One manual's share of a build: compose, render, lay out, compare with last year, stage.

A :class:`~khumue.build.jobs.ManualJob` holds everything one manual needs and nothing of the
build's state, so the build can run jobs one after another, in threads (each with its own
LibreOffice), or in worker processes; :func:`run_job` returns the staged files and what the
review report says.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from khumue.build.jobs import LAID_OUT, NOT_LAID_OUT, PICTURES_FOLDER, JobResult, ManualJob, Report
from khumue.build.yearcycle import CHANGES_FOLDER, changes_since
from khumue.content.templates import MANUAL_DOCX
from khumue.errors import KhumueError, output_error
from khumue.layout.blockpages import PrintedPages
from khumue.layout.engine import LaidOut, LayoutEngine
from khumue.review.pictures import Pictures, changed_pages, page_pictures
from khumue.review.report import ReviewRow
from khumue.typeset.compose import compose_manual
from khumue.typeset.doctree import ManualDoc, PageNumberFormat
from khumue.wordml.writer import write_docx

__all__ = ["JobResult", "ManualJob", "run_job"]


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
