"""A process's flowchart as nodes and edges, before any geometry.

The nodes are a start terminator, one node per step that has no sub-steps (in the order the
steps are read, so 1.1, 1.2 … 2.1 …), and an end terminator.  Each node flows down to the
next; a decision's "no" branch (or any branch with a ``goto``) is an extra edge that loops
back or jumps forward, labelled.  Symbols follow the legend (คำอธิบายสัญลักษณ์ผังขั้นตอน):
terminator, activity rectangle, decision diamond, off-page connector.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from khumue.content.model import Process, Step, StepKind

YES = "ใช่"
NO = "ไม่ใช่"


class Symbol(StrEnum):
    """The flowchart symbols and their meaning in the legend."""

    start = "start"  # จุดเริ่มต้นหรือสิ้นสุดกระบวนการงาน
    end = "end"
    activity = "activity"  # กิจกรรมงานหรือการปฏิบัติ
    decision = "decision"  # การตัดสินใจ
    connector = "connector"  # จุดเชื่อมต่อระหว่างหน้า


@dataclass(frozen=True)
class Node:
    """One symbol: its kind and the text it holds."""

    symbol: Symbol
    text: str


@dataclass(frozen=True)
class Edge:
    """An arrow from node ``source`` to node ``target`` (indexes), with an optional label.
    ``main`` edges go straight down to the next node; the others are drawn beside the column."""

    source: int
    target: int
    label: str = ""

    @property
    def main(self) -> bool:
        return self.target == self.source + 1


@dataclass(frozen=True)
class Flowchart:
    """Nodes in reading order and the edges between them."""

    nodes: list[Node]
    edges: list[Edge]


def leaf_steps(steps: list[Step]) -> list[Step]:
    """The steps without sub-steps, depth first: the flowchart's boxes."""
    out: list[Step] = []
    for step in steps:
        out.extend(leaf_steps(step.steps) if step.steps else [step])
    return out


def flowchart_of(process: Process, text: dict[int, str] | None = None,
                 start: str = "เริ่มต้น", end: str = "สิ้นสุด") -> Flowchart:
    """The flowchart of ``process``.  ``text`` may give each leaf step's printed text (by
    position), e.g. with the office's digits; otherwise the step's ``short`` or ``text``."""
    leaves = leaf_steps(process.steps)
    nodes = [Node(Symbol.start, start)]
    for i, step in enumerate(leaves):
        symbol = Symbol.decision if step.kind is StepKind.decision else Symbol.activity
        shown = (text or {}).get(i, step.short or step.text)
        nodes.append(Node(symbol, shown))
    nodes.append(Node(Symbol.end, end))
    index = {step.id: i + 1 for i, step in enumerate(leaves) if step.id}
    for top in process.steps:  # a branch to a step with sub-steps goes to its first one
        for step in top.walk():
            if step.id and step.id not in index:
                index[step.id] = leaves.index(leaf_steps([step])[0]) + 1
    edges: list[Edge] = []
    for i in range(len(nodes) - 1):
        current = leaves[i - 1] if 0 < i <= len(leaves) else None
        if current is None or current.kind is not StepKind.decision:
            edges.append(Edge(i, i + 1))
            continue
        yes, no = current.yes, current.no
        yes_target = index[yes.goto] if yes and yes.goto else i + 1
        no_target = index[no.goto] if no and no.goto else max(i - 1, 1)
        edges.append(Edge(i, yes_target, (yes.label if yes else None) or YES))
        edges.append(Edge(i, no_target, (no.label if no else None) or NO))
    return Flowchart(nodes, edges)
