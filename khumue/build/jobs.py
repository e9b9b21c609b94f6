"""What one manual's job is and gives (:class:`ManualJob`, :class:`JobResult`), and whether a
manual must be built again at all (:func:`fingerprint`): the same content, templates, fonts,
program and options give the same files.  Light to import: a build with nothing to do reads
only this (the work itself is :mod:`khumue.build.manualjob`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from khumue.content.loading import StaffEntry
from khumue.typeset.compose.context import ManualContext
from khumue.typeset.doctree import Revision

if TYPE_CHECKING:
    from khumue.layout.blockpages import PageIndex
    from khumue.review.report import ReviewRow
    from khumue.typeset.doctree import ManualDoc

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
    index: PageIndex | None = None  # what the review page needs of ``doc``, when it is gone


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
