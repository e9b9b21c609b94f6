"""Command line: parses options, runs :func:`khumue.build.office.build_office`, reports.

Domain errors become ``Error: …`` on standard error with exit status 1; nothing else is
caught, so a bug shows its traceback.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from khumue.build.checking import CheckResult
from khumue.build.office import BuiltManual, Paths, build, check_office
from khumue.build.options import BuildOptions
from khumue.build.progress import Progress
from khumue.content.loading import office_ids
from khumue.errors import KhumueError

if TYPE_CHECKING:  # the importer loads when a file is imported
    from khumue.importer.job import ImportOptions


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--office", "office_id", metavar="ID",
              help="Office id, a folder of content/ (e.g. phayao2).")
@click.option("--staff", "staff_id", metavar="ID", help="Build only this staff member's manual.")
@click.option("--year", type=click.IntRange(2500, 2700), metavar="YEAR",
              help="Fiscal year, B.E. (default: office.yaml's, else the current one).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: out/).")
@click.option("--content", "content_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Content folder (default: content/).")
@click.option("--pdf", is_flag=True,
              help="Also write <staff-id>.pdf beside each DOCX (needs LibreOffice).")
@click.option("--publish", is_flag=True,
              help="Also write publish/: every manual's PDF, the office book (all manuals in "
                   "one PDF) and index.html, for the office's website (needs LibreOffice).")
@click.option("--check", is_flag=True,
              help="Validate and lint the content; write nothing.")
@click.option("--strict", is_flag=True,
              help="Treat lint warnings as errors: build nothing unless the content is clean.")
@click.option("--list", "list_offices", is_flag=True, help="List the offices and exit.")
@click.option("--import", "import_mode", is_flag=True,
              help="Import the Word and PDF files and folders given (PATH…: .docx, .pdf, "
                   ".doc, .odt, .rtf) into content/ID/: our manuals as the reviewers edited "
                   "them, merged into the content in place; hand-typed ones and other PDFs as "
                   "new staff files.")
@click.option("--reject-changes", is_flag=True,
              help="With --import: leave tracked changes still in the files out (default: "
                   "take them as proposed; either way they are listed).")
@click.option("--moved", is_flag=True,
              help="With --import: a manual of another office is a staff member who moved "
                   "here, imported into this office (default: refused, naming its office).")
@click.option("--force", is_flag=True,
              help="Build every manual again, even those unchanged since the last build; "
                   "with --import: the Word file wins a conflict, and a hand-typed file may "
                   "change an existing staff file.")
@click.argument("given", nargs=-1, type=click.Path(path_type=Path), metavar="[PATH]...")
@click.option("--compare", "compare_dir", type=click.Path(file_okay=False, path_type=Path),
              metavar="DIR", help="Compare with the manuals <staff-id>.docx in DIR (default: "
              "the previous fiscal year's output folder, when it exists).")
@click.option("--author", metavar="NAME",
              help="Author of the tracked changes (default: the office's short name).")
def main(office_id: str | None, staff_id: str | None, year: int | None, out_dir: Path | None,
         content_dir: Path | None, pdf: bool, publish: bool, check: bool, strict: bool,
         list_offices: bool, import_mode: bool, reject_changes: bool, moved: bool,
         force: bool, compare_dir: Path | None, author: str | None,
         given: tuple[Path, ...]) -> None:
    """Build the work manuals (คู่มือการปฏิบัติงาน) of an office as DOCX files."""
    # SIGTERM ends the build as Ctrl-C does: through every cleanup (LibreOffice, temp files)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    paths = command_paths(content_dir, out_dir)
    if list_offices:
        for ident in office_ids(paths.content):
            click.echo(ident)
        return
    if not office_id:
        valid = ", ".join(office_ids(paths.content))
        raise click.UsageError(f"ต้องระบุ --office ID (สำนักงานที่มี: {valid})")
    if given and not import_mode:
        raise click.UsageError("ไฟล์ที่ให้มาใช้กับ --import เท่านั้น: python build.py --office ID "
                               "--import ไฟล์หรือโฟลเดอร์ …")
    if import_mode:
        if not given:
            raise click.UsageError("--import ต้องตามด้วยไฟล์หรือโฟลเดอร์ของไฟล์ Word")
        from khumue.importer.job import ImportOptions

        run_import(ImportOptions(office_id, paths, staff_id, force, reject_changes, moved=moved),
                   list(given))
        return
    if check:
        run_check(paths, office_id, staff_id, year, strict)
        return
    built, count = run_build(office_id, paths=paths, staff_id=staff_id, year=year,
                             strict=strict, pdf=pdf, publish=publish, force=force,
                             compare_dir=compare_dir, author=author)
    for manual in built:
        click.echo(f"  wrote {manual.path}" + (" and .pdf" if pdf or publish else ""))
    review = " and REVIEW.md, review.html" if staff_id is None else ""
    click.echo(f"{office_id}: {len(built)} manual(s){review} written to "
               f"{built[0].path.parent}, {count} warning(s)")
    if publish:
        click.echo(f"{office_id}: for the website: {built[0].path.parent / 'publish'}/ "
                   "(index.html, the office book and each manual's PDF)")


def command_paths(content_dir: Path | None, out_dir: Path | None) -> Paths:
    """Where a command reads and writes: the folders given, else content/ and out/."""
    defaults = Paths()
    return Paths(content=content_dir or defaults.content, templates=defaults.templates,
                 out=out_dir or defaults.out)


def run_check(paths: Paths, office_id: str, staff_id: str | None, year: int | None,
              strict: bool) -> CheckResult:
    """Validate and lint, print every warning and a summary line; exit 1 on an error (or,
    ``strict``, on a warning)."""
    try:
        checked = check_office(office_id, paths=paths, staff_id=staff_id, year=year)
    except KhumueError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    for warning in checked.all_warnings:
        click.echo(f"warning: {warning}", err=True)
    count = len(checked.all_warnings)
    click.echo(f"{office_id}: {len(checked.content.staff)} staff file(s) valid, "
               f"{count} warning(s)")
    if strict and count:
        sys.exit(1)
    return checked


def run_build(office_id: str, **given: Any) -> tuple[list[BuiltManual], int]:
    """Build ``BuildOptions(office_id, **given)``, the warnings printed first and the progress
    on the way (rich's bar on a terminal, lines otherwise); the manuals written and the
    number of warnings.  Exits 1 with ``Error: …`` on a domain error."""
    progress: Progress | None = None
    try:
        options = BuildOptions(office_id, **given)
        checked = check_office(options.office_id, paths=options.paths,
                               staff_id=options.staff_id, year=options.year, remember=True)
        for warning in checked.all_warnings:
            click.echo(f"warning: {warning}", err=True)
        progress = Progress(len(checked.content.staff)) if sys.stderr.isatty() else \
            Progress(len(checked.content.staff), say=lambda line: click.echo(f"  {line}"))
        built = build(options, checked=checked, progress=progress)
    except KhumueError as exc:
        if progress is not None:
            progress.finish()
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    return built, len(checked.all_warnings)


def run_import(options: ImportOptions, given: list[Path]) -> None:
    """Import ``given`` (files and folders) into the office's content, printing what needs a
    look and a summary line; exits 1 on an error, or when every file was refused."""
    try:
        from khumue.importer.job import import_files

        report = import_files(options, given, progress=lambda line: click.echo(f"  {line}"))
    except KhumueError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    for row in report.files:
        for note in row.notes:
            if note.kind.value != "edit":
                click.echo(f"  ตรวจ: {row.source.name}: {note}")
        for conflict in row.conflicts:
            click.echo(f"  ขัดกัน: {row.source.name}: {conflict}")
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    written = len(report.written)
    given_count, refused = len(report.files), len(report.refused)
    click.echo(f"{options.office_id}: {given_count} file(s) given, "
               f"{given_count - refused} imported, {refused} refused, "
               f"{written} content file(s) written"
               + (f"; report: {report.report_file}" if report.report_file else ""))
    if report.refused and len(report.refused) == len(report.files):
        sys.exit(1)
    if written:
        click.echo(f"next: python build.py --office {options.office_id}")
