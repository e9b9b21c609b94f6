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

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khumue.build.checking import CheckResult, StrictError, check_office
    from khumue.build.office import BuiltManual, build, build_office
    from khumue.build.options import BuildOptions
    from khumue.content.folders import Paths
    from khumue.errors import OutputError

# Each name is imported when first used, so that importing one module of the stage does
# not import the whole stage.
_EXPORTS = {
    "BuildOptions": "khumue.build.options",
    "BuiltManual": "khumue.build.office",
    "CheckResult": "khumue.build.checking",
    "OutputError": "khumue.errors",
    "Paths": "khumue.content.folders",
    "StrictError": "khumue.build.checking",
    "build": "khumue.build.office",
    "build_office": "khumue.build.office",
    "check_office": "khumue.build.checking",
}
__all__ = ["BuildOptions", "BuiltManual", "CheckResult", "OutputError", "Paths", "StrictError",
           "build", "build_office", "check_office"]


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
