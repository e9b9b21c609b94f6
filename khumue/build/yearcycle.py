"""The fiscal-year cycle: this year's manual against last year's, as a tracked-changes DOCX.

The earlier manual is ``<out>/<office>/<N-1>/<staff-id>.docx`` (or one in a folder given with
``--compare``), ours or typed by hand: it is read back through the importer (ours losslessly,
from the content it carries) and composed again with this year's office and fiscal year, so
that what differs is what the content says, not the year printed on the cover or in the
default foreword.  :func:`khumue.redline.compare.compare_manuals` marks the differences.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from khumue.typeset.doctree import Revision

if TYPE_CHECKING:  # the importer and the comparison load when a manual is compared
    from khumue.redline.compare import Comparison
    from khumue.typeset.compose import ManualContext
    from khumue.typeset.doctree import ManualDoc

CHANGES_FOLDER = "changes"


def revision_for(author: str, today: dt.date) -> Revision:
    """A revision by ``author`` dated ``today`` (midnight UTC, so one day's builds agree)."""
    return Revision(author, f"{today.isoformat()}T00:00:00Z")


def changes_since(previous: Path, manual: ManualDoc, staff_ctx: ManualContext,
                  revision: Revision) -> Comparison:
    """This year's ``manual`` with tracked changes against the manual in ``previous``.
    Raises KhumueError when the earlier file cannot be read as a manual."""
    from khumue.importer.read import import_docx
    from khumue.redline.compare import compare_manuals
    from khumue.typeset.compose import compose_manual

    old = compose_manual(import_docx(previous, staff_ctx.templates).staff, staff_ctx)
    return compare_manuals(old, manual, revision)
