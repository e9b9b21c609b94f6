"""Geometry of flowcharts, in points: boxes sized from TH Sarabun metrics, arrows, labels.

:func:`layout` places a :class:`~khumue.typeset.flowchart.Flowchart` as one column of symbols joined
by arrows, decisions' other branches routed on the right, and cuts it into drawings no taller
than a page, each cut marked by a pair of off-page connectors.  :func:`column_symbol` draws
one row of the summary form's flowchart column.  Text in a symbol is broken at Thai word
boundaries into balanced lines; the symbol is sized so that the lines fit the text rectangle
of its preset geometry (ECMA-376 Part 1, §20.1.10.56 ST_ShapeType, presetShapeDefinitions.xml)
with the insets the writer gives the text box.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from khumue.typeset.flowchart import Flowchart, Node, Symbol
from khumue.typeset.metrics import line_height, text_width
from khumue.typeset.thaibreak import balance

PRESET = {Symbol.start: "flowChartTerminator", Symbol.end: "flowChartTerminator",
          Symbol.activity: "flowChartProcess", Symbol.decision: "flowChartDecision",
          Symbol.connector: "flowChartConnector"}
# Text rectangle of each preset as fractions of the shape (l, t, r, b).
TEXT_RECT = {
    "flowChartProcess": (0.0, 0.0, 1.0, 1.0),
    "flowChartDecision": (0.25, 0.25, 0.75, 0.75),
    "flowChartTerminator": (1018 / 21600, 3163 / 21600, 20582 / 21600, 18437 / 21600),
    "flowChartConnector": (3163 / 21600, 3163 / 21600, 18437 / 21600, 18437 / 21600),
}
INSET_X = 4.0  # pt, left and right text insets of every shape (wps:bodyPr lIns, rIns)
INSET_Y = 2.0  # pt, top and bottom insets (tIns, bIns)
SLACK = 3.0  # pt added to each text width, so that Word never wraps a measured line again
GAP = 22.0  # pt between symbols: the length of a down arrow
ROUTE = 16.0  # pt between the widest symbol and a side route, and between routes


@dataclass(frozen=True)
class Box:
    """A symbol at (x, y) of size (w, h) holding ``lines`` of text."""

    symbol: Symbol
    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]

    @property
    def preset(self) -> str:
        return PRESET[self.symbol]

    @property
    def cx(self) -> float:
        return self.x + self.w / 2


@dataclass(frozen=True)
class Glue:
    """Where an arrow's end is glued: the index of a box in its drawing, and the side of the
    box ("top", "left", "bottom", "right"), whose connection site it sits on."""

    box: int
    side: str


@dataclass(frozen=True)
class Arrow:
    """A polyline from its first point to its last, with an arrowhead at the last;
    ``start`` and ``end`` say which boxes' sides its ends are glued to, when any."""

    points: tuple[tuple[float, float], ...]
    head: bool = True
    start: Glue | None = None
    end: Glue | None = None


@dataclass(frozen=True)
class Label:
    """Text without a frame (a branch label) in the rectangle (x, y, w, h)."""

    x: float
    y: float
    w: float
    h: float
    text: str


@dataclass
class Drawing:
    """One drawing: its size (pt) and shapes in drawing order, boxes first."""

    width: float
    height: float
    boxes: list[Box] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)


@dataclass(frozen=True)
class Style:
    """The text of a flowchart: size (pt) and the widest text line of each kind of symbol."""

    size_pt: float = 14.0
    activity_text: float = 220.0
    decision_text: float = 120.0
    terminator_text: float = 120.0

    def measure(self, text: str) -> float:
        return text_width(text, self.size_pt)

    @property
    def line(self) -> float:
        return line_height(self.size_pt)


def size_box(node: Node, style: Style) -> tuple[float, float, tuple[str, ...]]:
    """(width, height, lines) of the symbol that holds ``node``'s text."""
    widest = {Symbol.activity: style.activity_text, Symbol.decision: style.decision_text}.get(
        node.symbol, style.terminator_text)
    lines = tuple(line.rstrip() for line in balance(node.text, widest, style.measure))
    text_w = max(style.measure(line) for line in lines) + SLACK
    text_h = len(lines) * style.line
    left, top, right, bottom = TEXT_RECT[PRESET[node.symbol]]
    w = (text_w + 2 * INSET_X) / (right - left)
    h = (text_h + 2 * INSET_Y) / (bottom - top)
    minimum = {Symbol.activity: (90.0, 26.0), Symbol.decision: (90.0, 44.0),
               Symbol.connector: (24.0, 24.0)}.get(node.symbol, (80.0, 24.0))
    if node.symbol is Symbol.connector:
        side = max(w, h, minimum[0])
        return side, side, lines
    return max(w, minimum[0]), max(h, minimum[1]), lines


def layout(chart: Flowchart, style: Style, max_height: float,
           connector_label: Callable[[int], str] = str) -> list[Drawing]:
    """``chart`` as drawings no taller than ``max_height`` pt, joined by off-page connectors
    labelled ``connector_label(1)``, ``connector_label(2)`` …"""
    sizes = [size_box(node, style) for node in chart.nodes]
    side = [e for e in chart.edges if not e.main]
    chunks = _cut(sizes, side, max_height, style)
    drawings = []
    for number, (first, last) in enumerate(chunks):
        top = number > 0
        bottom = number < len(chunks) - 1
        drawings.append(_draw(chart, sizes, first, last, style,
                              connector_label(number) if top else None,
                              connector_label(number + 1) if bottom else None))
    return drawings


def _connector(label: str, style: Style) -> tuple[float, float, tuple[str, ...]]:
    return size_box(Node(Symbol.connector, label), style)


def _cut(sizes: list[tuple[float, float, tuple[str, ...]]], side: list, max_height: float,
         style: Style) -> list[tuple[int, int]]:
    """Ranges of node indexes (inclusive) for each drawing; never cuts across a side edge."""
    connector = _connector("9", style)[1] + GAP
    forbidden = {cut for e in side for cut in range(min(e.source, e.target),
                                                    max(e.source, e.target))}
    chunks: list[tuple[int, int]] = []
    first = 0
    while first < len(sizes):
        height = connector if chunks else 0.0
        last = first
        best = None
        for i in range(first, len(sizes)):
            height += sizes[i][1] + (GAP if i > first else 0.0)
            if height + (connector if i < len(sizes) - 1 else 0.0) > max_height and i > first:
                break
            last = i
            if i not in forbidden:
                best = i
        end = len(sizes) - 1 if last == len(sizes) - 1 else (best if best is not None else last)
        chunks.append((first, end))
        first = end + 1
    return chunks


def _draw(chart: Flowchart, sizes: list[tuple[float, float, tuple[str, ...]]], first: int,
          last: int, style: Style, top: str | None, bottom: str | None) -> Drawing:
    indexes = range(first, last + 1)
    edges = [e for e in chart.edges if not e.main and e.source in indexes
             and e.target in indexes]
    half = max(sizes[i][0] for i in indexes) / 2
    routes = _route_offsets(edges, sizes)
    labels = [_label(e.label, 0, 0, style).w for e in edges]
    extra = (max(routes.values()) + ROUTE + 3 + max(labels)) if routes else 0.0
    width = 2 * (half + extra)
    cx = width / 2
    drawing = Drawing(width, 0.0)
    y = 0.0
    previous: Box | None = None
    if top is not None:
        w, h, lines = _connector(top, style)
        previous = Box(Symbol.connector, cx - w / 2, y, w, h, lines)
        drawing.boxes.append(previous)
        y += h + GAP
    boxes: dict[int, Box] = {}
    index: dict[int, int] = {}  # node → its box's position in drawing.boxes
    for i in indexes:
        w, h, lines = sizes[i]
        box = Box(chart.nodes[i].symbol, cx - w / 2, y, w, h, lines)
        boxes[i] = box
        drawing.boxes.append(box)
        index[i] = len(drawing.boxes) - 1
        if previous is not None and (i == first or _has_main(chart, i - 1)):
            drawing.arrows.append(Arrow(((cx, previous.y + previous.h), (cx, y)), True,
                                        Glue(len(drawing.boxes) - 2, "bottom"),
                                        Glue(len(drawing.boxes) - 1, "top")))
        previous = box
        y += h + GAP
    if bottom is not None and previous is not None:
        w, h, lines = _connector(bottom, style)
        box = Box(Symbol.connector, cx - w / 2, y, w, h, lines)
        drawing.boxes.append(box)
        drawing.arrows.append(Arrow(((cx, previous.y + previous.h), (cx, y)), True,
                                    Glue(len(drawing.boxes) - 2, "bottom"),
                                    Glue(len(drawing.boxes) - 1, "top")))
        y += h + GAP
    drawing.height = y - GAP
    for edge in chart.edges:
        if edge.main and edge.label and edge.source in boxes:
            source = boxes[edge.source]
            drawing.labels.append(_label(edge.label, cx + 3, source.y + source.h, style))
    for edge in edges:
        source, target = boxes[edge.source], boxes[edge.target]
        x = cx + half + ROUTE + routes[edge]
        sy = source.y + source.h / 2
        ty = target.y + target.h / 2
        drawing.arrows.append(Arrow(((source.x + source.w, sy), (x, sy), (x, ty),
                                     (target.x + target.w, ty)), True,
                                    Glue(index[edge.source], "right"),
                                    Glue(index[edge.target], "right")))
        label = _label(edge.label, x + 3, 0, style)  # right of the route, level with the branch
        drawing.labels.append(Label(label.x, sy - label.h / 2, label.w, label.h, label.text))
    return drawing


def _has_main(chart: Flowchart, source: int) -> bool:
    return any(e.main and e.source == source for e in chart.edges)


def _route_offsets(edges: list, sizes: list) -> dict:
    """Each side edge's distance from the first route: nested or overlapping spans get their
    own lane, the shortest span nearest the column."""
    offsets: dict = {}
    lanes: list[list[tuple[int, int]]] = []
    for edge in sorted(edges, key=lambda e: abs(e.target - e.source)):
        span = (min(edge.source, edge.target), max(edge.source, edge.target))
        for lane, taken in enumerate(lanes):
            if all(span[1] < a or span[0] > b for a, b in taken):
                taken.append(span)
                offsets[edge] = lane * ROUTE
                break
        else:
            lanes.append([span])
            offsets[edge] = (len(lanes) - 1) * ROUTE
    return offsets


def _label(text: str, x: float, y: float, style: Style) -> Label:
    return Label(x, y, style.measure(text) + SLACK + 2 * INSET_X, style.line + 2 * INSET_Y, text)


def column_symbol(symbol: Symbol, width: float, height: float, arrow: bool,
                  label: str = "", style: Style = Style()) -> Drawing:
    """One row of the summary form's flowchart column: ``symbol`` centred at the top of a
    ``width`` × ``height`` pt cell and, when ``arrow``, an arrow down to the cell's bottom,
    just above the next row's symbol.  ``label`` marks a decision's "yes" arrow."""
    w, h = {Symbol.decision: (44.0, 26.0), Symbol.connector: (18.0, 18.0)}.get(
        symbol, (44.0, 18.0))
    top = 3.0
    box = Box(symbol, (width - w) / 2, top, w, h, ())
    drawing = Drawing(width, height, [box])
    if arrow:
        drawing.arrows.append(Arrow(((width / 2, top + h), (width / 2, height))))
        if label:
            drawing.labels.append(_label(label, width / 2 + 2, top + h, style))
    return drawing


def legend_symbol(symbol: Symbol | None, width: float, height: float) -> Drawing:
    """A legend row's symbol centred in ``width`` × ``height`` pt; None draws the flow arrow."""
    if symbol is None:
        return Drawing(width, height, [], [Arrow(((width / 2 - 16, height / 2),
                                                   (width / 2 + 16, height / 2)))])
    w, h = {Symbol.decision: (36.0, 20.0), Symbol.connector: (14.0, 14.0)}.get(
        symbol, (36.0, 14.0))
    return Drawing(width, height, [Box(symbol, (width - w) / 2, (height - h) / 2, w, h, ())])
