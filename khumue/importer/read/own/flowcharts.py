"""A flowchart box a reviewer retyped (in Word or LibreOffice): its text comes back as the
step's ``short`` (the text the flowchart shows), or, typed back to the step's own text,
removes it.  The boxes of a drawn flowchart stand in the order of the steps without
sub-steps (:func:`khumue.typeset.flowchart.leaf_steps`)."""

from __future__ import annotations

from collections.abc import Sequence

from khumue.content.fieldpath import Loc
from khumue.content.model import Staff, Step
from khumue.importer.read.own.changes import ContentChanges
from khumue.importer.read.units import join_lines, squeeze
from khumue.typeset.alignment import align
from khumue.typeset.doctree import FlowchartFigure, Node
from khumue.typeset.flowchart import Symbol
from khumue.wordml.reader import Block, ReadPara, ReadShape

BOX_SHAPES = frozenset({"flowChartProcess", "flowChartDecision"})
_LEAVES = frozenset({Symbol.activity, Symbol.decision})


def box_edits(nodes: Sequence[Node], blocks: Sequence[Block], staff: Staff,
              changes: ContentChanges) -> None:
    """Every retyped box of the flowcharts ``nodes`` printed, found in the document's
    ``blocks``, into ``changes``."""
    figures = [n for n in nodes if isinstance(n, FlowchartFigure)]
    shown = [[n.text for n in f.chart.nodes if n.symbol in _LEAVES] for f in figures]
    figure_of = {id(texts): figure for texts, figure in zip(shown, figures, strict=True)}
    for tag, old, new in align(shown, drawn_flowcharts(blocks), lambda t: squeeze("".join(t))):
        if tag not in ("same", "pair") or old is None or new is None:
            continue
        figure = figure_of[id(old)]
        if len(old) != len(new) or figure.origin is None:
            continue
        paths = leaf_paths(staff, figure.origin.path[:2])
        for path, printed, box in zip(paths, old, new, strict=False):
            if squeeze(box) != squeeze(printed):
                changes.set_text((*path, "short"), box, printed)


def drawn_flowcharts(blocks: Sequence[Block]) -> list[list[str]]:
    """The texts of each drawn flowchart's boxes, in order: consecutive paragraphs holding
    boxes (a chart continued on the next page) are one flowchart."""
    out: list[list[str]] = []
    open_chart = False
    for block in blocks:
        boxes = _boxes(block.shapes) if isinstance(block, ReadPara) else []
        if boxes and not (isinstance(block, ReadPara) and block.text.strip()):
            if not open_chart:
                out.append([])
            out[-1] += boxes
            open_chart = True
        elif not (isinstance(block, ReadPara) and not block.text.strip() and not block.shapes):
            open_chart = False
    return out


def _boxes(shapes: Sequence[ReadShape]) -> list[str]:
    return [join_lines(s.text) for s in shapes if s.kind in BOX_SHAPES and s.text.strip()]


def leaf_paths(staff: Staff, process: Loc) -> list[Loc]:
    """The content paths of a process's steps without sub-steps, in the flowchart's order."""
    index = process[1]
    if not isinstance(index, int) or index >= len(staff.processes):
        return []
    out: list[Loc] = []

    def walk(steps: list[Step], path: Loc) -> None:
        for i, step in enumerate(steps):
            if step.steps:
                walk(step.steps, (*path, i, "steps"))
            else:
                out.append((*path, i))

    walk(staff.processes[index].steps, (*process, "steps"))
    return out
