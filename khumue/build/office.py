"""The main job: every manual of an office, from content/ to out/, in named stages, as
MkDocs' ``build(config)`` runs its stages over a validated config.

:func:`build` takes :class:`~khumue.build.options.BuildOptions` and runs: load (validate and lint,
:func:`~khumue.build.checking.check_office`) → :func:`plan` (which manuals must be built, and the
fingerprint of each) → :func:`run` (each manual composed, rendered, laid out and compared with
last year's, :mod:`khumue.build.manualjob`, in parallel where it pays,
:mod:`khumue.build.running`) →
:func:`reports` (REVIEW.md) → :func:`publish` (``publish/``, when asked) → the build record
→ commit (every file was staged; all are moved into place at once, :mod:`khumue.build.output`) →
:func:`prune` (files an earlier build made that no longer apply).  Nothing is written until
every manual has been built, and each file is replaced atomically, so a failed build never
leaves a truncated file and never clobbers the previous good one.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khumue.build.checking import CheckResult, StrictError, check_office, content_files
from khumue.build.jobs import (
    LAID_OUT,
    NOT_LAID_OUT,
    PICTURES_FOLDER,
    JobResult,
    ManualJob,
    fingerprint,
    program_version,
)
from khumue.build.options import BuildOptions, Paths
from khumue.build.output import OutputError, Staging, output_error, prepare_output, write_atomically
from khumue.build.progress import Progress
from khumue.build.record import RECORD, BuildRecord, ManualRecord, relative_name
from khumue.build.yearcycle import CHANGES_FOLDER, revision_for
from khumue.content.loading import StaffEntry
from khumue.content.templates import TemplateFolders
from khumue.errors import KhumueError
from khumue.layout.libreoffice import libreoffice_available
from khumue.publish import PUBLISH_FOLDER
from khumue.redline.summary import ChangeSummary
from khumue.review.report import REVIEW_PAGE, ReviewRow, review_markdown
from khumue.typeset.compose.context import ManualContext

if TYPE_CHECKING:  # the stages a build with nothing to do never runs are imported as it runs them
    from khumue.layout.blockpages import PageIndex
    from khumue.layout.engine import LayoutEngine
    from khumue.typeset.doctree import ManualDoc

__all__ = ["BuildOptions", "BuiltManual", "CheckResult", "OutputError", "Paths", "StrictError",
           "build", "build_office", "check_office", "output_error", "write_atomically"]


@dataclass(frozen=True)
class BuiltManual:
    """One manual written: staff id, person's name, the DOCX path, its pages when laid out
    and what changed since last year (None: nothing to compare with)."""

    staff_id: str
    name: str
    path: Path
    pages: int | None = None
    changes: ChangeSummary | None = None


@dataclass
class Plan:
    """What a build will do: where its files go, the layout its manuals are meant to get,
    the jobs to run (each with its fingerprint) and the manuals kept as last built; and each
    manual's typeset tree, composed once in the build (by its job, or by :meth:`tree` for a
    kept manual) for the writer, the review page and publish."""

    options: BuildOptions
    checked: CheckResult
    templates: TemplateFolders
    target: Path
    layout: str
    record: BuildRecord
    ctx: ManualContext
    jobs: list[tuple[ManualJob, str]] = field(default_factory=list)
    kept: dict[str, ManualRecord] = field(default_factory=dict)
    trees: dict[str, ManualDoc] = field(default_factory=dict)
    indexes: dict[str, PageIndex] = field(default_factory=dict)

    def tree(self, entry: StaffEntry) -> ManualDoc:
        """``entry``'s typeset tree: the one its job wrote (kept when publishing), else
        composed now, once."""
        if entry.id not in self.trees:
            from khumue.typeset.compose import compose_manual

            self.trees[entry.id] = compose_manual(entry.staff, self.ctx, entry.id)
        return self.trees[entry.id]

    def index(self, entry: StaffEntry) -> ManualDoc | PageIndex:
        """What the review page needs of ``entry``'s tree: the page index its job left,
        else its tree."""
        return self.indexes.get(entry.id) or self.tree(entry)


def build_office(office_id: str, *, engine: LayoutEngine | None = None,
                 checked: CheckResult | None = None,
                 progress: Progress | Callable[[str], None] | None = None,
                 **options: Any) -> list[BuiltManual]:
    """:func:`build` of ``BuildOptions(office_id, **options)``."""
    return build(BuildOptions(office_id, **options), engine=engine, checked=checked,
                 progress=progress)


def build(options: BuildOptions, *, engine: LayoutEngine | None = None,
          checked: CheckResult | None = None,
          progress: Progress | Callable[[str], None] | None = None) -> list[BuiltManual]:
    """Build the manuals ``options`` asks for into ``<out>/<office-id>/<fiscal-year>/
    <staff-id>.docx`` (and ``.pdf`` when PDFs are asked for), and, for a whole office, the
    review report ``REVIEW.md`` beside them; ``publish/`` when publishing.

    ``engine`` lays the manuals out (default: LibreOffice when it is installed, two office
    processes at once, so the tables of contents get their page numbers); ``checked`` is the
    office already loaded and linted; ``progress`` takes the build's progress (a
    :class:`~khumue.build.progress.Progress`, or a function given each line).

    A manual whose content, templates, fonts, program, options and layout are those of the
    last build is not built again, unless ``options.force``.  When the earlier fiscal year's
    manuals are there (``<out>/<office-id>/<N-1>/``, or ``options.compare_dir``), each
    manual that changed also gets ``changes/<staff-id>.docx`` with tracked changes.

    Raises ContentError (every problem of every file), UnknownOfficeError,
    UnknownStaffError, TemplateError, StrictError (``strict`` and warnings),
    LibreOfficeUnavailable (PDFs asked for and no LibreOffice), OutputError; a failed build
    leaves the previous files as they were."""
    checked = checked or check_office(options.office_id, paths=options.paths,
                                      staff_id=options.staff_id, year=options.year)
    if options.strict and checked.all_warnings:
        raise StrictError(checked.all_warnings)
    steps = plan(options, checked, engine)
    reporter = progress if isinstance(progress, Progress) else Progress(
        len(checked.content.staff), say=progress or (lambda _: None))
    for staff_id, kept in steps.kept.items():
        reporter.done(staff_id, f"{kept.name} (ไม่เปลี่ยน ไม่ต้องสร้างใหม่)")
    try:
        with Staging(steps.target) as staging:
            results = run(steps, engine, staging, reporter)
            reports(steps, results, staging)
            published = publish(steps, results, staging) if options.publish else None
            _record(steps, results, staging)
            staging.commit()
    finally:
        reporter.finish()
    prune(steps, results, published)
    built = []
    for entry in checked.content.staff:
        row = results[entry.id].row
        built.append(BuiltManual(entry.id, entry.staff.name, steps.target / f"{entry.id}.docx",
                                 row.pages if row else None, row.changes if row else None))
    return built


def plan(options: BuildOptions, checked: CheckResult, engine: LayoutEngine | None) -> Plan:
    """Stage 2: the output folder made ready, and for each manual a job, or its record when
    it was built under the same fingerprint and its files are all there."""
    content, fiscal_year = checked.content, checked.fiscal_year
    if not content.staff:
        raise KhumueError(f"สำนักงาน {options.office_id} ยังไม่มีไฟล์บุคลากรใน "
                          f"{content.path / 'staff'}/ จึงไม่มีคู่มือให้สร้าง")
    paths = options.paths
    templates = TemplateFolders.for_office(paths.templates, options.office_id)
    target = paths.out / options.office_id / str(fiscal_year)
    prepare_output(target)
    record = BuildRecord.load(target)
    ctx = ManualContext(content.office, fiscal_year, templates, options.office_id)
    steps = Plan(options, checked, templates, target, _meant_layout(options, engine), record,
                 ctx)
    earlier = options.compare_dir or paths.out / options.office_id / str(fiscal_year - 1)
    revision = revision_for(options.author or content.office.short_name, options.day)
    shared = content_files(content.path)
    for entry in content.staff:
        previous = earlier / f"{entry.id}.docx"
        same = previous.is_file() and previous.resolve() == (target / previous.name).resolve()
        job = ManualJob(entry, ctx, content.office.font, target, options.wants_pdf,
                        previous if previous.is_file() and not same else None, revision)
        fp = fingerprint(job, [entry.path, *shared], steps.layout)
        kept = None if options.force else record.reusable(entry.id, fp)
        if kept is not None:
            steps.kept[entry.id] = kept
        else:
            steps.jobs.append((job, fp))
    return steps


def _meant_layout(options: BuildOptions, engine: LayoutEngine | None) -> str:
    """The layout the manuals are meant to get: laid out when an engine other than NoLayout
    is given, or when none is given and LibreOffice is there (or PDFs are asked for)."""
    if engine is not None:
        from khumue.layout.engine import NoLayout

        return NOT_LAID_OUT if isinstance(engine, NoLayout) else LAID_OUT
    if options.wants_pdf or libreoffice_available() is None:
        return LAID_OUT
    return NOT_LAID_OUT


def run(steps: Plan, engine: LayoutEngine | None, staging: Staging,
        reporter: Progress) -> dict[str, JobResult]:
    """Stage 3: every job run, its files staged; the results of kept manuals from the
    record."""
    results = {staff_id: JobResult(staff_id, kept.name,
                                   {steps.target / f: steps.target / f for f in kept.files},
                                   kept.row(staff_id),
                                   toc_pages=dict(kept.toc_pages),
                                   physical_pages=dict(kept.physical_pages))
               for staff_id, kept in steps.kept.items()}
    if steps.jobs:
        from khumue.build.running import run_jobs
        from khumue.layout.blockpages import page_index

        for result in run_jobs([j for j, _ in steps.jobs], engine, steps.options.wants_pdf,
                               staging, reporter):
            results[result.staff_id] = result
            if result.index is not None and steps.options.whole_office:
                steps.indexes[result.staff_id] = result.index
            elif result.doc is not None and steps.options.whole_office:  # for the reports
                steps.indexes[result.staff_id] = page_index(result.doc)
                if steps.options.publish:
                    steps.trees[result.staff_id] = result.doc
            result.doc = None  # a tree is MBs: kept only as far as publishing needs it
            for line in result.said:
                reporter.message(line)
    return results


def reports(steps: Plan, results: Mapping[str, JobResult], staging: Staging) -> None:
    """Stage 4: for a whole office, REVIEW.md (for the clerk) and review.html (the
    reviewer's page, :mod:`khumue.review.page`)."""
    if not steps.options.whole_office:
        return
    checked, target = steps.checked, steps.target
    content = checked.content
    rows = [results[e.id].row or ReviewRow(e.id, f"{e.id}.docx") for e in content.staff]
    report = review_markdown(content, checked.fiscal_year, rows, checked.warnings)
    staging.write(target / "REVIEW.md", report.encode("utf-8"))
    no_pictures = _no_pictures(steps)
    key = _review_key(steps, no_pictures)
    if key is not None and steps.record.review == key and (target / REVIEW_PAGE).is_file():
        return  # nothing it shows changed: the page stays as it is
    steps.record.review = key
    from khumue.review.page import ReviewManual, review_html
    from khumue.review.pictures import Pictures

    manuals = []
    for entry, row in zip(content.staff, rows, strict=True):
        result = results[entry.id]
        final = target / PICTURES_FOLDER / f"{entry.id}.json"
        try:
            pictures = Pictures.from_bytes(result.files.get(final, final).read_bytes())
        except OSError:
            pictures = Pictures()
        manuals.append(ReviewManual(
            entry.id, entry.staff, steps.index(entry), row,
            checked.warnings.get(entry.id, []), pictures, result.physical_pages,
            frozenset(relative_name(f, target) for f in result.files)))
    page = review_html(content.office, checked.fiscal_year, manuals, steps.templates,
                       no_pictures)
    staging.write(target / REVIEW_PAGE, page.encode("utf-8"))


def _review_key(steps: Plan, no_pictures: str) -> str | None:
    """A digest of what the review page shows when no manual was built (each manual's
    fingerprint, the warnings, what it says without pictures); None when one was."""
    if steps.jobs:
        return None
    digest = hashlib.sha256(program_version().encode())
    for staff_id, kept in sorted(steps.kept.items()):
        digest.update(f"{staff_id} {kept.fingerprint}".encode())
        for problem in steps.checked.warnings.get(staff_id, []):
            digest.update(f"{problem} {problem.at}".encode())
    digest.update(no_pictures.encode())
    return digest.hexdigest()


def _no_pictures(steps: Plan) -> str:
    """What the review page says when it has no page pictures: how to get them."""
    command = f"python build.py --office {steps.options.office_id} --pdf"
    if steps.options.wants_pdf:
        return ("LibreOffice สร้างไฟล์ PDF ไม่ได้ในครั้งนี้ จึงยังไม่มีภาพหน้ากระดาษ "
                f"ดูข้อความที่การสร้างแจ้งไว้ แล้วสั่ง {command} อีกครั้ง")
    missing = libreoffice_available()
    if missing is not None:
        return (f"ภาพหน้ากระดาษของคู่มือต้องใช้ LibreOffice ซึ่งยังใช้ไม่ได้ในเครื่องนี้ ({missing}) "
                f"เมื่อติดตั้งแล้ว สั่ง {command}")
    return (f"ภาพหน้ากระดาษมาจากไฟล์ PDF ที่ LibreOffice สร้าง: สั่ง {command} "
            "เพื่อให้หน้านี้แสดงทุกหน้าของทุกเล่ม")


def publish(steps: Plan, results: Mapping[str, JobResult], staging: Staging) -> set[Path]:
    """Stage 5: the publish folder's files (:mod:`khumue.publish`) staged from the manuals'
    PDFs, staged or already in place, with the manuals' typeset trees (:meth:`Plan.tree`);
    returns their final paths."""
    import pikepdf

    from khumue.publish import ManualPdf, publish_files

    checked, target = steps.checked, steps.target
    folder = target / PUBLISH_FOLDER
    manuals = []
    for entry in checked.content.staff:
        final = target / f"{entry.id}.pdf"
        manuals.append(ManualPdf(entry.id, entry.staff, steps.tree(entry),
                                 results[entry.id].files.get(final, final)))
    try:
        generated = publish_files(checked.content.office, steps.options.office_id,
                                  checked.fiscal_year, manuals, steps.templates)
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


def _record(steps: Plan, results: Mapping[str, JobResult], staging: Staging) -> None:
    """The build record: each manual built, under the fingerprint of the layout it actually
    got (a manual meant to be laid out that was not is built again next time)."""
    record = steps.record
    shared = content_files(steps.checked.content.path)
    for job, fp in steps.jobs:
        result = results[job.entry.id]
        if result.layout != steps.layout:
            fp = fingerprint(job, [job.entry.path, *shared], result.layout)
        row = result.row
        record.manuals[job.entry.id] = ManualRecord(
            fp, result.name, tuple(sorted(relative_name(p, steps.target) for p in result.files)),
            row.pages if row else None, row.changes if row else None,
            row.changes_file if row else None, result.toc_pages, result.physical_pages)
    staging.write(steps.target / RECORD, record.to_bytes())


def prune(steps: Plan, results: Mapping[str, JobResult], published: set[Path] | None) -> None:
    """Stage 6: what an earlier build made that no longer applies: a changes file (and its
    PDF) of a manual that no longer changed, page pictures of a manual now built without
    PDFs, the published PDF of a staff member no longer there."""
    for job, _ in steps.jobs:
        made = results[job.entry.id].files
        for old in (steps.target / CHANGES_FOLDER / f"{job.entry.id}.docx",
                    steps.target / CHANGES_FOLDER / f"{job.entry.id}.pdf",
                    steps.target / PICTURES_FOLDER / f"{job.entry.id}.json"):
            if old not in made:
                old.unlink(missing_ok=True)
    if published is not None:
        for old in (steps.target / PUBLISH_FOLDER).glob("*.pdf"):
            if old not in published:
                old.unlink(missing_ok=True)
