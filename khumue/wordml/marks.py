"""Tracked changes as Word writes them (ECMA-376 Part 1 §17.13.5): runs inside w:ins or
w:del (deleted text as w:delText), a paragraph's mark inserted or deleted (w:rPr/w:ins,
w:rPr/w:del, §17.13.5.16, §17.13.5.15) and a table row inserted or deleted (w:trPr/w:ins,
w:trPr/w:del, §17.13.5.19, §17.13.5.13), each with the revision's author and date and an
annotation id of its own."""

from __future__ import annotations

from lxml.etree import _Element

from khumue.typeset.doctree import Change, Revision
from khumue.wordml import oxml
from khumue.wordml.env import WriterIds


class Marks:
    """Marks elements changed by ``revision``; ids come from ``ids``."""

    def __init__(self, revision: Revision, ids: WriterIds):
        self.revision = revision
        self.ids = ids

    def runs(self, runs: list[_Element], change: Change | None) -> list[_Element]:
        """``runs`` as they are, or wrapped as one tracked insertion or deletion."""
        if change is None or not runs:
            return runs
        return [oxml.tracked(_kind(change), self.ids.bookmark(), self.revision.author,
                             self.revision.date, runs)]

    def paragraph(self, props: _Element, change: Change) -> None:
        """Mark the paragraph whose w:pPr is ``props`` inserted or deleted."""
        oxml.mark_paragraph(props, _kind(change), self.ids.bookmark(), self.revision.author,
                            self.revision.date)

    def row(self, row: _Element, change: Change) -> None:
        """Mark the table row ``row`` inserted or deleted."""
        oxml.mark_row(row, _kind(change), self.ids.bookmark(), self.revision.author,
                      self.revision.date)


def _kind(change: Change) -> str:
    return "ins" if change is Change.inserted else "del"
