"""What a build is asked to do (:class:`BuildOptions`), fixed once the command line has been
read, as MkDocs' build takes its validated config; where it reads and writes is
:class:`~khumue.content.folders.Paths`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from khumue.content.folders import Paths
from khumue.errors import KhumueError

__all__ = ["BuildOptions", "Paths"]


@dataclass(frozen=True)
class BuildOptions:
    """One build: the office (``office_id``), one staff member only (``staff_id``), the
    fiscal year (``year``, B.E.; default: the office's, else the one in progress), whether
    lint warnings stop it (``strict``), PDFs (``pdf``), the publish folder (``publish``,
    implies PDFs), whether unchanged manuals are built again (``force``), where last year's
    manuals are (``compare_dir``; default ``<out>/<office>/<N-1>/``), who signs the tracked
    changes (``author``; default the office's short name) and the day they carry
    (``today``)."""

    office_id: str
    paths: Paths = field(default_factory=Paths)
    staff_id: str | None = None
    year: int | None = None
    strict: bool = False
    pdf: bool = False
    publish: bool = False
    force: bool = False
    compare_dir: Path | None = None
    author: str | None = None
    today: dt.date | None = None

    def __post_init__(self) -> None:
        if self.publish and self.staff_id is not None:
            raise KhumueError("--publish ใช้กับทั้งสำนักงานเท่านั้น (รวมคู่มือทุกเล่มเป็นเล่มเดียว) "
                              "ให้สั่งโดยไม่ใส่ --staff")

    @property
    def wants_pdf(self) -> bool:
        """True when the build writes PDFs (asked for, or needed to publish)."""
        return self.pdf or self.publish

    @property
    def whole_office(self) -> bool:
        return self.staff_id is None

    @property
    def day(self) -> dt.date:
        return self.today or dt.date.today()
