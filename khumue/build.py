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
import hashlib
import json
import os
import queue
import shutil
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from khumue.compose import ManualContext, compose_manual
from khumue.content import OfficeContent, StaffEntry, load_office
from khumue.doctree import ManualDoc
from khumue.errors import KhumueError, Problem
from khumue.fiscal import fiscal_year_of
from khumue.layout import LayoutEngine, NoLayout, Render, engine_for
from khumue.libreoffice import libreoffice_available
from khumue.lint import lint_staff
from khumue.manualjob import (
    RECORD,
    JobResult,
    ManualJob,
    fingerprint,
    load_record,
    program_version,
    record_entry,
    reuse,
    run_job,
)
from khumue.output import OutputError, Staging, output_error, prepare_output, write_atomically
from khumue.progress import Progress
from khumue.publish import PUBLISH_FOLDER, ManualPdf, publish_files
from khumue.review import ReviewRow, review_markdown
from khumue.templates import MANUAL_DOCX, TemplateFolders
from khumue.wordml.writer import write_docx
from khumue.yearcycle import CHANGES_FOLDER, revision_for

__all__ = ["OutputError", "Paths", "build_office", "check_office", "output_error",
           "write_atomically"]

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
                 year: int | None = None, remember: bool = False) -> CheckResult:
    """Stage 1, load: validate and lint an office (or one staff member).

    Writes nothing, unless ``remember``: then each staff file's warnings are kept in the
    output folder (``.khumue-lint.json``, keyed by a digest of the files they come from and
    the program) and a file unchanged since the last build is not linted again.  Raises
    ContentError, UnknownOfficeError or UnknownStaffError."""
    content = load_office(paths.content, office_id, staff_id)
    fiscal_year = resolve_fiscal_year(content, year)
    cache_file = paths.out / office_id / str(fiscal_year) / LINT_CACHE
    cache = _read_json(cache_file) if remember else {}
    fresh: dict[str, object] = {}
    shared = content_files(content.path)
    warnings = {}
    for entry in content.staff:
        key = lint_key(entry, shared, fiscal_year)
        kept = cache.get(key)
        if isinstance(kept, list):
            warnings[entry.id] = [Problem(Path(p[0]), p[1], p[2], p[3]) for p in kept]
        else:
            warnings[entry.id] = lint_staff(entry, content.office, fiscal_year)
        fresh[key] = [[str(p.path), p.line, p.field, p.message] for p in warnings[entry.id]]
    if remember and fresh != {k: v for k, v in cache.items() if k in fresh}:
        try:
            write_atomically(cache_file, json.dumps(fresh, ensure_ascii=False).encode("utf-8"))
        except KhumueError:
            pass  # only a cache: the build says what is wrong with the folder
    return CheckResult(content, fiscal_year, warnings)


LINT_CACHE = ".khumue-lint.json"


def lint_key(entry: StaffEntry, shared: list[Path], fiscal_year: int) -> str:
    """A digest of what one staff member's warnings depend on."""
    digest = hashlib.sha256(f"{program_version()} {fiscal_year} {entry.id}".encode())
    for path in [entry.path, *shared]:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()


def _read_json(path: Path) -> dict[str, object]:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


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
                 author: str | None = None, today: dt.date | None = None,
                 force: bool = False, reporter: Progress | None = None,
                 publish: bool = False) -> list[BuiltManual]:
    """Build the manuals of ``office_id`` (or of one staff member) into
    ``<out>/<office-id>/<fiscal-year>/<staff-id>.docx`` (and ``.pdf`` when ``pdf``), and, for a
    whole office, the review report ``REVIEW.md`` beside them.

    The stages: load (:func:`check_office`) → per manual (:mod:`khumue.manualjob`): compose,
    render, lay out (``engine``; by default LibreOffice when it is installed, two office
    processes at once, so the TOC gets its page numbers), compare with last year → write
    (every file staged, then moved into place only when all are built, :mod:`khumue.output`).
    A manual whose content, templates, fonts, program and options are those of the last build
    is not built again, unless ``force``.  Raises ContentError (every problem of every file),
    UnknownOfficeError, UnknownStaffError, TemplateError, StrictError when ``strict`` and the
    content has warnings, LibreOfficeUnavailable when ``pdf`` and LibreOffice is missing,
    OutputError; a failed build leaves the previous files as they were.

    When the earlier fiscal year's manuals are there (``<out>/<office-id>/<N-1>/``, or
    ``compare_dir``), each manual that changed also gets ``changes/<staff-id>.docx``: this
    year's manual with tracked changes by ``author`` (default: the office's short name)
    dated ``today``; REVIEW.md says what changed in each.

    With ``publish`` (a whole office; implies ``pdf``), ``publish/`` beside them gets what
    the office's website shows (:mod:`khumue.publish`): every manual's PDF, the office book
    and index.html.
    """
    if publish and staff_id is not None:
        raise KhumueError("--publish ใช้กับทั้งสำนักงานเท่านั้น (รวมคู่มือทุกเล่มเป็นเล่มเดียว) "
                          "ให้สั่งโดยไม่ใส่ --staff")
    pdf = pdf or publish
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
    earlier = compare_dir or paths.out / office_id / str(fiscal_year - 1)
    revision = revision_for(author or content.office.short_name, today or dt.date.today())
    ctx = ManualContext(content.office, fiscal_year, templates)
    layout_kind = type(engine).__name__ if engine is not None else (
        "libreoffice" if pdf or libreoffice_available() is None else "none")
    record = {} if force else load_record(target)
    shared = content_files(content.path)
    jobs: list[tuple[ManualJob, str]] = []
    results: dict[str, JobResult] = {}
    reporter = reporter or Progress(len(content.staff), say=progress)
    for entry in content.staff:
        previous = earlier / f"{entry.id}.docx"
        same = previous.is_file() and previous.resolve() == (target / previous.name).resolve()
        job = ManualJob(entry, ctx, content.office.font, target, pdf,
                        previous if previous.is_file() and not same else None, revision)
        fp = fingerprint(job, [entry.path, *shared], layout_kind)
        kept = record.get(entry.id)
        reused = reuse(target, entry.id, kept) if kept and kept.get("fingerprint") == fp \
            else None
        if reused is not None:
            results[entry.id] = reused
            reporter.done(entry.id, f"{entry.staff.name} (ไม่เปลี่ยน ไม่ต้องสร้างใหม่)")
        else:
            jobs.append((job, fp))
    with Staging(target) as staging:
        if jobs:
            for result in run_jobs([j for j, _ in jobs], engine, pdf, staging, reporter):
                results[result.staff_id] = result
                for line in result.said:
                    reporter.message(line)
        built = [BuiltManual(e.id, e.staff.name, target / f"{e.id}.docx") for e in content.staff]
        rows = [results[e.id].row or ReviewRow(e.id, f"{e.id}.docx") for e in content.staff]
        if staff_id is None:
            report = review_markdown(content, fiscal_year, rows, checked.warnings)
            staging.write(target / "REVIEW.md", report.encode("utf-8"))
        published = (_publish(checked, office_id, target, templates, results, staging)
                     if publish else None)
        for job, fp in jobs:
            record[job.entry.id] = record_entry(fp, results[job.entry.id])
        staging.write(target / RECORD, json.dumps(record, ensure_ascii=False,
                                                  indent=1).encode("utf-8"))
        staging.commit()
    for job, _ in jobs:  # a changes file of an earlier build that no longer applies
        changes = target / CHANGES_FOLDER / f"{job.entry.id}.docx"
        if changes not in results[job.entry.id].files:
            changes.unlink(missing_ok=True)
    if published is not None:  # PDFs of staff members no longer in the office
        for old in (target / PUBLISH_FOLDER).glob("*.pdf"):
            if old not in published:
                old.unlink(missing_ok=True)
    reporter.finish()
    return built


def _publish(checked: CheckResult, office_id: str, target: Path, templates: TemplateFolders,
             results: Mapping[str, JobResult], staging: Staging) -> set[Path]:
    """Stage the publish folder's files (:mod:`khumue.publish`) from the manuals' PDFs, staged
    or already in place; returns their final paths.  The typeset trees are composed again (a
    manual not rebuilt has none in memory; composing costs milliseconds)."""
    folder = target / PUBLISH_FOLDER
    manuals = []
    for composed in compose(checked, templates):
        final = target / f"{composed.entry.id}.pdf"
        manuals.append(ManualPdf(composed.entry.id, composed.entry.staff, composed.doc,
                                 results[composed.entry.id].files.get(final, final)))
    try:
        generated = publish_files(checked.content.office, office_id, checked.fiscal_year,
                                  manuals, templates)
    except pikepdf.PdfError as exc:
        raise KhumueError(f"รวมไฟล์ PDF ของคู่มือเป็นเล่มเดียวไม่ได้: {exc} "
                          "ให้สั่งสร้างใหม่ด้วย --force") from None
    made = set()
    for manual in manuals:
        final = folder / f"{manual.staff_id}.pdf"
        try:
            shutil.copyfile(manual.pdf, staging.path(final))
        except OSError as exc:
            raise output_error(final, exc) from None
        made.add(final)
    for name, data in generated.items():
        staging.write(folder / name, data)
        made.add(folder / name)
    return made


def content_files(folder: Path) -> list[Path]:
    """The office's files every manual depends on: office.yaml and the shared files."""
    files = [folder / "office.yaml"]
    for kind in ("groups", "processes", "standards"):
        if (folder / kind).is_dir():
            files += sorted(p for p in (folder / kind).iterdir() if p.suffix in (".yaml", ".yml"))
    return files


def run_jobs(jobs: list[ManualJob], engine: LayoutEngine | None, pdf: bool, staging: Staging,
             reporter: Progress) -> list[JobResult]:
    """Build ``jobs``: with the engine given, one after another; else with LibreOffice, two
    office processes at once (one per core); without it, in two worker processes when there
    are enough manuals to pay for starting them."""
    stage = staging.path
    if isinstance(engine, NoLayout) and len(jobs) >= PARALLEL_FROM and WORKERS > 1:
        return _in_processes(jobs, staging, reporter)  # stateless: workers make their own
    if engine is not None:
        return [_done(run_job(job, engine, stage, reporter.stage), reporter) for job in jobs]
    chosen = engine_for(pdf)
    if isinstance(chosen, NoLayout):
        if chosen.note:
            reporter.message(chosen.note)
        if len(jobs) >= PARALLEL_FROM and WORKERS > 1:
            return _in_processes(jobs, staging, reporter)
        with chosen:
            return [_done(run_job(job, chosen, stage, reporter.stage), reporter) for job in jobs]
    engines = [chosen]
    if len(jobs) > 1 and WORKERS > 1:
        try:
            engines.append(type(chosen)())
        except KhumueError:
            pass  # one office process will do
    return _in_threads(jobs, engines, stage, reporter)


PARALLEL_FROM = 8  # manuals: fewer are built in this process (starting workers costs ~1 s)
WORKERS = min(2, os.cpu_count() or 1)


def _done(result: JobResult, reporter: Progress) -> JobResult:
    reporter.done(result.staff_id, result.name)
    return result


def _in_threads(jobs: list[ManualJob], engines: list[LayoutEngine],
                stage: Callable[[Path], Path], reporter: Progress) -> list[JobResult]:
    free: queue.SimpleQueue[LayoutEngine] = queue.SimpleQueue()
    for one in engines:
        free.put(one)
    lock = threading.Lock()

    def locked_stage(final: Path) -> Path:
        with lock:
            return stage(final)

    def work(job: ManualJob) -> JobResult:
        engine = free.get()
        try:
            return _done(run_job(job, engine, locked_stage, reporter.stage), reporter)
        finally:
            free.put(engine)

    try:
        with ThreadPoolExecutor(max_workers=len(engines)) as pool:
            return list(pool.map(work, jobs))
    finally:
        for one in engines:
            one.__exit__(None, None, None)


def _in_processes(jobs: list[ManualJob], staging: Staging,
                  reporter: Progress) -> list[JobResult]:
    folder = staging.scratch()
    results = []
    with ProcessPoolExecutor(max_workers=WORKERS) as pool:
        futures = [pool.submit(_job_in_process, job, folder) for job in jobs]
        for future in futures:
            result = future.result()
            for final, staged in result.files.items():
                staging.adopt(staged, final)
            results.append(_done(result, reporter))
    return results


def _job_in_process(job: ManualJob, folder: Path) -> JobResult:
    """Run in a worker process: build one manual without layout into ``folder``."""
    counter = iter(range(1_000_000))

    def stage(final: Path) -> Path:
        return folder / f"{job.entry.id}-{next(counter)}-{final.name}"

    with NoLayout() as engine:
        return run_job(job, engine, stage)
