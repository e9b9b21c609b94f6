"""The build job: ``python build.py --office ID`` from content/ to ``out/<office>/<year>/``.

Takes: a :class:`BuildOptions` (the office, staff, fiscal year, PDFs, publish …).
Gives: the files in out/ (each manual's DOCX and PDF, changes/, REVIEW.md, review.html,
publish/), staged and moved into place all at once, and the list of :class:`BuiltManual`, from
:func:`build_office` (or :func:`build`); :func:`check_office` validates and lints without
writing.

Stages (``office``): load (``checking``) → plan → run (``running``, each manual a
``manualjob``: compose, render, lay out, compare with last year's, ``yearcycle``) → reports →
publish → the build record (``record``) → commit (``output``) → prune; ``progress`` shows it,
``listing`` tells what ``khumue list`` shows.
"""

from khumue.build.checking import CheckResult, StrictError, check_office
from khumue.build.office import BuiltManual, build, build_office
from khumue.build.options import BuildOptions
from khumue.content.folders import Paths
from khumue.errors import OutputError

__all__ = ["BuildOptions", "BuiltManual", "CheckResult", "OutputError", "Paths", "StrictError",
           "build", "build_office", "check_office"]
