"""Stage 2, typeset: a staff member's content composed into the manual's typeset tree.

Takes: a :class:`~khumue.content.model.Staff` and a :class:`ManualContext` (office, fiscal
year, templates).
Gives: a :class:`ManualDoc` (:mod:`khumue.typeset.doctree`: parts, headings, tables, the
flowcharts, the table of contents, page numbering, each block's origin in the content) from
:func:`compose_manual`; every writer below (Word, the review page, publish, the comparison)
reads this one tree.

Modules: ``compose/`` (content → tree), ``doctree``, ``flowchart`` (a process as nodes and
edges) and ``flowlayout`` (its geometry), Thai text (``thaibreak``: lines at word boundaries,
``metrics``: widths from TH Sarabun's metrics, ``digits``: Thai/Arabic digits, ``itfont``: TH
SarabunIT๙'s digits, ``textkey``), ``pagination`` (printed page numbers from laid-out pages)
and ``alignment`` (two sequences of units lined up, for the comparison and the import).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khumue.typeset.compose import ManualContext, compose_manual
    from khumue.typeset.doctree import ManualDoc

# Each name is imported when first used, so that importing one module of the stage does
# not import the whole stage.
_EXPORTS = {
    "ManualContext": "khumue.typeset.compose",
    "ManualDoc": "khumue.typeset.doctree",
    "compose_manual": "khumue.typeset.compose",
}
__all__ = ["ManualContext", "ManualDoc", "compose_manual"]


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
