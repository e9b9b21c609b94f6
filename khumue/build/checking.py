"""Stage 1 of a build, load: read and validate an office's content, lint it, and decide the
fiscal year (:func:`check_office`).  ``--check`` stops here."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from khumue.build.jobs import program_version
from khumue.build.options import Paths
from khumue.build.output import write_atomically
from khumue.build.record import BuildRecord
from khumue.content.fiscal import fiscal_year_of
from khumue.content.loading import OfficeContent, StaffEntry, load_office
from khumue.content.parsedfiles import PARSED_FILE, ParsedFiles
from khumue.errors import KhumueError, Problem


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


def check_office(office_id: str, *, paths: Paths | None = None, staff_id: str | None = None,
                 year: int | None = None, remember: bool = False) -> CheckResult:
    """Validate and lint an office (or one staff member).

    Writes nothing, unless ``remember``: then each staff file's warnings are kept in the
    output folder's build record (:mod:`khumue.build.record`, keyed by a digest of the files they
    come from and the program) and a file unchanged since the last build is not linted
    again, and the files' parses are kept in ``out/<office-id>/.khumue-parsed``
    (:mod:`khumue.content.parsedfiles`) so that an unchanged file is not parsed again.
    Raises ContentError, UnknownOfficeError or UnknownStaffError."""
    paths = paths or Paths()
    parsed = ParsedFiles(paths.out / office_id / PARSED_FILE, program_version()) \
        if remember else None
    content = load_office(paths.content, office_id, staff_id, parsed)
    fiscal_year = resolve_fiscal_year(content, year)
    record = BuildRecord.load(paths.out / office_id / str(fiscal_year)) if remember else None
    shared = content_files(content.path)
    warnings = {}
    fresh: dict[str, list[Problem]] = {}
    for entry in content.staff:
        key = lint_key(entry, shared, fiscal_year)
        kept = record.lint.get(key) if record is not None else None
        if kept is None:  # (the lint loads only when a file must be linted again)
            from khumue.review.lint import lint_staff

            kept = lint_staff(entry, content.office, fiscal_year)
        warnings[entry.id] = kept
        fresh[key] = warnings[entry.id]
    if record is not None and any(record.lint.get(k) != v for k, v in fresh.items()):
        record.lint = fresh if staff_id is None else {**record.lint, **fresh}
        record.save_lint(write_atomically)
    return CheckResult(content, fiscal_year, warnings)


def lint_key(entry: StaffEntry, shared: list[Path], fiscal_year: int) -> str:
    """A digest of what one staff member's warnings depend on."""
    digest = hashlib.sha256(f"{program_version()} {fiscal_year} {entry.id}".encode())
    for path in [entry.path, *shared]:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()


def resolve_fiscal_year(content: OfficeContent, year: int | None,
                        today: dt.date | None = None) -> int:
    """The B.E. fiscal year to build: ``year`` if given, else the office's, else the current."""
    if year is not None:
        return year
    if content.office.fiscal_year is not None:
        return content.office.fiscal_year
    return fiscal_year_of(today or dt.date.today())


def content_files(folder: Path) -> list[Path]:
    """The office's files every manual depends on: office.yaml and the shared files."""
    files = [folder / "office.yaml"]
    for kind in ("groups", "processes", "standards"):
        if (folder / kind).is_dir():
            files += sorted(p for p in (folder / kind).iterdir() if p.suffix in (".yaml", ".yml"))
    return files
