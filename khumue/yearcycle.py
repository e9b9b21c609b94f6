"""The fiscal-year cycle: this year's manual against last year's, as a tracked-changes DOCX.

The earlier manual is ``<out>/<office>/<N-1>/<staff-id>.docx`` (or one in a folder given with
``--compare``), ours or typed by hand: it is read back through the importer (ours losslessly,
from the content it carries) and composed again with this year's office and fiscal year, so
that what differs is what the content says, not the year printed on the cover or in the
default foreword.  :func:`khumue.compare.compare_manuals` marks the differences.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from khumue.compare import Comparison, compare_manuals
from khumue.compose import ManualContext, compose_manual
from khumue.doctree import ManualDoc, Revision
from khumue.errors import KhumueError
from khumue.importer import import_docx
from khumue.model import Staff

CHANGES_FOLDER = "changes"


@dataclass(frozen=True)
class Earlier:
    """Where earlier manuals are looked for, and who signs the changes."""

    folder: Path
    revision: Revision


def revision_for(author: str, today: dt.date) -> Revision:
    """A revision by ``author`` dated ``today`` (midnight UTC, so one day's builds agree)."""
    return Revision(author, f"{today.isoformat()}T00:00:00Z")


def changes_since(previous: Path, manual: ManualDoc, staff_ctx: ManualContext,
                  revision: Revision) -> Comparison:
    """This year's ``manual`` with tracked changes against the manual in ``previous``.
    Raises KhumueError when the earlier file cannot be read as a manual."""
    imported = import_docx(previous, staff_ctx.templates)
    try:
        staff = Staff.model_validate(imported.staff)
    except ValidationError as exc:  # import_docx validates; kept for safety
        raise KhumueError(f"{previous}: อ่านเนื้อหาคู่มือปีก่อนไม่ได้ ({exc.error_count()} จุด)") \
            from None
    old = compose_manual(staff, staff_ctx)
    return compare_manuals(old, manual, revision)
