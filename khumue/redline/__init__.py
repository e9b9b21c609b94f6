"""Stage 6, redline: what changed since last year, as Word's tracked changes.

Takes: two typeset trees of one manual (last year's, read back and composed with this year's
office and fiscal year, and this year's) and the :class:`~khumue.typeset.doctree.Revision`
(author, date) the changes carry.
Gives: a :class:`Comparison` from :func:`compare_manuals`: this year's tree with every
difference marked as insertions and deletions (ECMA-376 Part 1 §17.13.5, written by
:mod:`khumue.wordml`) and a :class:`ChangeSummary` (how many, in which parts) for the reports.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khumue.redline.compare import Comparison, compare_manuals
    from khumue.redline.summary import ChangeSummary

# Each name is imported when first used, so that importing one module of the stage does
# not import the whole stage.
_EXPORTS = {
    "ChangeSummary": "khumue.redline.summary",
    "Comparison": "khumue.redline.compare",
    "compare_manuals": "khumue.redline.compare",
}
__all__ = ["ChangeSummary", "Comparison", "compare_manuals"]


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
