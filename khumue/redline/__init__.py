"""Stage 6, redline: what changed since last year, as Word's tracked changes.

Takes: two typeset trees of one manual (last year's, read back and composed with this year's
office and fiscal year, and this year's) and the :class:`~khumue.typeset.doctree.Revision`
(author, date) the changes carry.
Gives: a :class:`Comparison` from :func:`compare_manuals`: this year's tree with every
difference marked as insertions and deletions (ECMA-376 Part 1 §17.13.5, written by
:mod:`khumue.wordml`) and a :class:`ChangeSummary` (how many, in which parts) for the reports.
"""

from khumue.redline.compare import ChangeSummary, Comparison, compare_manuals

__all__ = ["ChangeSummary", "Comparison", "compare_manuals"]
