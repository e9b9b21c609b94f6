"""What changed since last year's manual, marked the way Word marks a colleague's edits.

:func:`compare_manuals` lines last year's typeset tree up with this year's and returns this
year's tree with tracked changes (:class:`~khumue.typeset.doctree.Change`): a paragraph, heading,
list item, step, definition or table row that is new is inserted as a whole, one that is gone
is put back where it stood and deleted as a whole, and one that was reworded keeps its
unchanged words and marks only the words that changed, at Thai word boundaries (the words lines
break between, :mod:`khumue.typeset.thaiwords`; Word's own Compare and Open-XML-PowerTools'
WmlComparer split words only at spaces, so a Thai sentence is one word to them).  Units are
matched by their text within the order of the manual (difflib over keys without white space or
labels), so inserting a step does not show every later step as changed, and renumbering (5.3
becoming 5.4) is not a change. The table of contents and the cover show this year's; a flowchart
that changed is shown as last year's deleted and this year's inserted (so Accept All gives this
year's drawing and Reject All last year's), and is named in the summary.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from typing import TypeVar

from khumue.redline.summary import ChangeSummary
from khumue.typeset.alignment import align as _align
from khumue.typeset.doctree import (
    Cell,
    Change,
    FlowchartFigure,
    Heading,
    ManualDoc,
    Node,
    Para,
    Part,
    Revision,
    Row,
    Run,
    Table,
    TableOfContents,
)
from khumue.typeset.textkey import squeeze
from khumue.typeset.thaiwords import thai_words

U = TypeVar("U", Row, Para)
_NUMBER_ONLY = re.compile(r"^[0-9๐-๙]+\.?$")


@dataclass
class Comparison:
    """This year's manual with its changes marked, and their summary."""

    doc: ManualDoc
    summary: ChangeSummary


def compare_manuals(old: ManualDoc, new: ManualDoc, revision: Revision) -> Comparison:
    """``new`` with tracked changes against ``old`` (both typeset trees of one staff
    member's manual), each change by ``revision``."""
    merger = _Merger()
    front = merger.nodes(old.front, new.front)
    body = merger.nodes(old.body, new.body)
    doc = replace(new, front=front, body=body, revision=revision)
    return Comparison(doc, merger.summary)


def _key(node: Node) -> str:
    if isinstance(node, Para):
        return f"p:{squeeze(node.body_text)}"
    if isinstance(node, Heading):
        return f"h{node.level}:{squeeze(node.text)}"
    if isinstance(node, Table):
        head = node.header_rows[0] if node.header_rows else (node.rows[0] if node.rows else None)
        return "t:" + (_row_key(head) if head else "")
    if isinstance(node, TableOfContents):
        return "toc"
    return "f:" + "|".join(squeeze(n.text) for n in node.chart.nodes)


def _row_key(row: Row) -> str:
    return "|".join(squeeze(" ".join(p.body_text for p in c.paras)) for c in row.cells)


class _Merger:
    def __init__(self) -> None:
        self.summary = ChangeSummary()
        self.title = ""  # the level-1 heading the units at hand stand under

    # -- sequences ------------------------------------------------------------------------------
    def nodes(self, olds: list[Node], news: list[Node]) -> list[Node]:
        out: list[Node] = []
        for _tag, old, new in _align(olds, news, _key):
            if isinstance(new, Heading) and new.level == 1:
                self.title = new.text
            if isinstance(old, FlowchartFigure) and isinstance(new, FlowchartFigure) and \
                    (_key(old) != _key(new) or old.chart.edges != new.chart.edges):
                # a flowchart redrawn: last year's deleted, this year's inserted, so that
                # Reject All gives last year's drawing and Accept All this year's
                self.summary.flowcharts.append(self.title)
                out += [replace(old, change=Change.deleted), replace(new, change=Change.inserted)]
            elif old is not None and new is not None:
                out.append(self.pair(old, new))
            elif old is not None:
                gone = self.deleted(old)
                if gone is not None:
                    out.append(gone)
            elif new is not None:
                out.append(self.inserted(new))
        return out

    def pair(self, old: Node, new: Node) -> Node:
        if isinstance(new, Para) and isinstance(old, Para):
            return self.para(old, new)
        if isinstance(new, Heading) and isinstance(old, Heading):
            runs = self.runs([Run(old.text)], [Run(new.text)], _part(new))
            return replace(new, runs=runs) if runs is not None else new
        if isinstance(new, Table) and isinstance(old, Table):
            header = self.rows(old.header_rows, new.header_rows, _part(new))
            rows = self.rows(old.rows, new.rows, _part(new))
            return replace(new, header_rows=header, rows=rows)
        return new

    def deleted(self, old: Node) -> Node | None:
        part = _part(old)
        if isinstance(old, Para):
            self.summary.deletions[part] += 1
            return replace(old, change=Change.deleted, new_page=False)
        if isinstance(old, Heading):
            self.summary.deletions[part] += 1
            return replace(old, change=Change.deleted, bookmark=None, new_page=False)
        if isinstance(old, Table):
            self.summary.deletions[part] += len(old.rows)
            return replace(old, header_rows=[replace(r, change=Change.deleted)
                                             for r in old.header_rows],
                           rows=[replace(r, change=Change.deleted) for r in old.rows],
                           change=Change.deleted)
        if isinstance(old, FlowchartFigure):  # its process is gone: so is its flowchart
            self.summary.flowcharts.append(self.title)
            return replace(old, change=Change.deleted)
        return None  # a table of contents: this year's is shown

    def inserted(self, new: Node) -> Node:
        part = _part(new)
        if isinstance(new, Para):
            self.summary.insertions[part] += 1
            return replace(new, change=Change.inserted)
        if isinstance(new, Heading):
            self.summary.insertions[part] += 1
            return replace(new, change=Change.inserted)
        if isinstance(new, Table):
            self.summary.insertions[part] += len(new.rows)
            return replace(new, header_rows=[replace(r, change=Change.inserted)
                                             for r in new.header_rows],
                           rows=[replace(r, change=Change.inserted) for r in new.rows],
                           change=Change.inserted)
        if isinstance(new, FlowchartFigure):
            self.summary.flowcharts.append(self.title)
            return replace(new, change=Change.inserted)
        return new

    # -- rows and cells ----------------------------------------------------------------------
    def rows(self, olds: list[Row], news: list[Row], part: str) -> list[Row]:
        out: list[Row] = []
        for tag, old, new in _align(olds, news, _row_key):
            if tag == "same":
                assert new is not None
                out.append(new)
            elif tag == "pair":
                assert old is not None and new is not None
                cells = [self.cell(o, n, part) for o, n in zip(old.cells, new.cells, strict=False)]
                cells += new.cells[len(cells):]
                out.append(replace(new, cells=cells))
            elif old is not None:
                out.append(self.whole(old, Change.deleted, part))
            elif new is not None:
                out.append(self.whole(new, Change.inserted, part))
        return out

    def whole(self, unit: U, change: Change, part: str) -> U:
        """``unit`` (a row or a paragraph) inserted or deleted as a whole, and counted."""
        counter = self.summary.insertions if change is Change.inserted \
            else self.summary.deletions
        counter[part] += 1
        return replace(unit, change=change)

    def cell(self, old: Cell, new: Cell, part: str) -> Cell:
        if new.symbol is not None:
            return new
        paras: list[Para] = []
        for tag, o, n in _align(old.paras, new.paras, lambda p: f"p:{squeeze(p.body_text)}"):
            if tag in ("same", "pair"):
                assert o is not None and n is not None
                paras.append(self.para(o, n))
            elif o is not None:
                paras.append(self.whole(o, Change.deleted, part))
            elif n is not None:
                paras.append(self.whole(n, Change.inserted, part))
        return replace(new, paras=paras)

    # -- words -----------------------------------------------------------------------------------
    def para(self, old: Para, new: Para) -> Para:
        if _NUMBER_ONLY.match(new.body_text.strip()) and _NUMBER_ONLY.match(
                old.body_text.strip()):
            return new  # a row's number: renumbering is not a change
        runs = self.runs(old.runs, new.runs, _part(new))
        return replace(new, runs=runs) if runs is not None else new

    def runs(self, old: list[Run], new: list[Run], part: str) -> list[Run] | None:
        """``new`` with its changed words marked against ``old``; None when they read the
        same."""
        if squeeze("".join(r.text for r in old)) == squeeze("".join(r.text for r in new)):
            return None
        if len(old) != len(new) or any(o.bold != n.bold for o, n in zip(old, new, strict=True)):
            self.summary.deletions[part] += 1
            self.summary.insertions[part] += 1
            return [replace(r, change=Change.deleted) for r in old] + \
                [replace(r, change=Change.inserted) for r in new]
        out: list[Run] = []
        for o, n in zip(old, new, strict=True):
            out += self.words(o, n, part)
        return _joined(out)

    def words(self, old: Run, new: Run, part: str) -> list[Run]:
        if old.text == new.text:
            return [new]
        a = thai_words().tokens(old.text)
        b = thai_words().tokens(new.text)
        out: list[Run] = []
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                out.append(Run("".join(b[j1:j2]), new.bold))
                continue
            if i2 > i1:
                out.append(Run("".join(a[i1:i2]), old.bold, Change.deleted))
                self.summary.deletions[part] += 1
            if j2 > j1:
                out.append(Run("".join(b[j1:j2]), new.bold, Change.inserted))
                self.summary.insertions[part] += 1
        return out


def _joined(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for r in runs:
        if out and out[-1].bold == r.bold and out[-1].change == r.change:
            out[-1] = Run(out[-1].text + r.text, r.bold, r.change)
        elif r.text:
            out.append(r)
    return out


def _part(node: object) -> str:
    origin = getattr(node, "origin", None)
    return origin.part.value if origin is not None else Part.foreword.value
