"""Command line: parses options, runs :func:`khumue.build.build_office`, reports.

Domain errors become ``Error: …`` on standard error with exit status 1; nothing else is
caught, so a bug shows its traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from khumue.build import Paths, build_office, check_office
from khumue.content import office_ids
from khumue.errors import KhumueError


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
@click.option("--check", is_flag=True,
              help="Validate and lint the content; write nothing.")
@click.option("--strict", is_flag=True,
              help="Treat lint warnings as errors: build nothing unless the content is clean.")
@click.option("--list", "list_offices", is_flag=True, help="List the offices and exit.")
def main(office_id: str | None, staff_id: str | None, year: int | None, out_dir: Path | None,
         content_dir: Path | None, pdf: bool, check: bool, strict: bool,
         list_offices: bool) -> None:
    """Build the work manuals (คู่มือการปฏิบัติงาน) of an office as DOCX files."""
    defaults = Paths()
    paths = Paths(content=content_dir or defaults.content, templates=defaults.templates,
                  out=out_dir or defaults.out)
    if list_offices:
        for ident in office_ids(paths.content):
            click.echo(ident)
        return
    if not office_id:
        valid = ", ".join(office_ids(paths.content))
        raise click.UsageError(f"ต้องระบุ --office ID (สำนักงานที่มี: {valid})")
    try:
        checked = check_office(office_id, paths=paths, staff_id=staff_id, year=year)
        for warning in checked.all_warnings:
            click.echo(f"warning: {warning}", err=True)
        count = len(checked.all_warnings)
        if check:
            click.echo(f"{office_id}: {len(checked.content.staff)} staff file(s) valid, "
                       f"{count} warning(s)")
            if strict and count:
                sys.exit(1)
            return
        built = build_office(office_id, paths=paths, staff_id=staff_id, year=year,
                             strict=strict, checked=checked, pdf=pdf,
                             progress=lambda line: click.echo(f"  {line}"))
    except KhumueError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    for manual in built:
        click.echo(f"  wrote {manual.path}" + (" and .pdf" if pdf else ""))
    review = " and REVIEW.md" if staff_id is None else ""
    click.echo(f"{office_id}: {len(built)} manual(s){review} written to "
               f"{built[0].path.parent}, {count} warning(s)")
