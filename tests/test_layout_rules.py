"""Flowchart geometry and page-number rules, below the build: where every symbol and arrow
goes (points), how a chart too tall for a page is cut, and the number printed on each page."""

from __future__ import annotations

import pytest

from khumue.typeset.doctree import (
    ContentsEntry,
    CoverPage,
    ManualDoc,
    Matter,
    PageNumberFormat,
    PageNumbering,
    TableOfContents,
)
from khumue.typeset.flowchart import Edge, Flowchart, Node, Symbol
from khumue.typeset.flowlayout import GAP, ROUTE, Style, layout
from khumue.typeset.pagination import displayed_pages

STYLE = Style(14.0)


def chart(n: int, back: tuple[int, int] | None = None) -> Flowchart:
    nodes = [Node(Symbol.start, "เริ่มต้น")]
    nodes += [Node(Symbol.activity, f"ขั้นตอนที่ {i}") for i in range(1, n + 1)]
    nodes.append(Node(Symbol.end, "สิ้นสุด"))
    edges = [Edge(i, i + 1) for i in range(len(nodes) - 1)]
    if back:
        edges.append(Edge(*back, label="ไม่ใช่"))
    return Flowchart(nodes, edges)


def test_symbols_stack_centred_with_a_down_arrow_across_each_gap():
    [drawing] = layout(chart(3), STYLE, 560.0)
    boxes = drawing.boxes
    assert [b.symbol for b in boxes] == [Symbol.start, Symbol.activity, Symbol.activity,
                                         Symbol.activity, Symbol.end]
    centre = drawing.width / 2
    assert all(abs(b.cx - centre) < 1e-6 for b in boxes)
    for upper, lower, arrow in zip(boxes, boxes[1:], drawing.arrows, strict=False):
        assert lower.y - (upper.y + upper.h) == pytest.approx(GAP)
        assert arrow.points == ((centre, upper.y + upper.h), (centre, lower.y))
    assert drawing.height == pytest.approx(boxes[-1].y + boxes[-1].h)


def test_a_branch_back_is_routed_beside_the_column_and_labelled():
    [drawing] = layout(chart(3, back=(3, 1)), STYLE, 560.0)
    routed = [a for a in drawing.arrows if len(a.points) == 4]
    [route] = routed
    source, target = drawing.boxes[3], drawing.boxes[1]
    widest = max(b.w for b in drawing.boxes)
    x = drawing.width / 2 + widest / 2 + ROUTE
    assert route.points == ((source.x + source.w, source.y + source.h / 2),
                            (x, source.y + source.h / 2), (x, target.y + target.h / 2),
                            (target.x + target.w, target.y + target.h / 2))
    [label] = drawing.labels
    assert label.text == "ไม่ใช่" and label.x > x
    assert label.x + label.w <= drawing.width + 1e-6  # the label stays inside the drawing


def test_a_tall_chart_is_cut_into_pages_joined_by_numbered_connectors():
    drawings = layout(chart(20), STYLE, 400.0, lambda n: "๐๑๒๓"[n])
    assert len(drawings) > 1
    assert all(d.height <= 400.0 for d in drawings)
    first, second = drawings[0], drawings[1]
    assert first.boxes[-1].symbol is Symbol.connector and first.boxes[-1].lines == ("๑",)
    assert second.boxes[0].symbol is Symbol.connector and second.boxes[0].lines == ("๑",)
    steps = [b for d in drawings for b in d.boxes if b.symbol is Symbol.activity]
    assert len(steps) == 20  # every step drawn once


def test_a_chart_is_never_cut_inside_a_branch():
    plain = layout(chart(20), STYLE, 400.0)
    texts = [[b.lines for b in d.boxes] for d in plain]
    # without the branch, the first page ends between steps 5 and 8
    assert ("ขั้นตอนที่ 5",) in texts[0] and ("ขั้นตอนที่ 8",) not in texts[0]
    for d in layout(chart(20, back=(7, 5)), STYLE, 400.0):
        texts_here = [b.lines for b in d.boxes]
        if ("ขั้นตอนที่ 5",) in texts_here:
            assert ("ขั้นตอนที่ 7",) in texts_here


@pytest.mark.parametrize(("fmt", "page", "printed"), [
    (PageNumberFormat.thai_letters, 1, "ก"), (PageNumberFormat.thai_letters, 3, "ค"),
    (PageNumberFormat.thai_letters, 33, "ฤ"), (PageNumberFormat.thai_letters, 43, "ฮ"),
    (PageNumberFormat.thai_letters, 44, "กก"),
    (PageNumberFormat.thai_numbers, 12, "๑๒"), (PageNumberFormat.decimal, 12, "12"),
])
def test_printed_page_numbers(fmt, page, printed):
    numbering = PageNumbering(front=fmt, body=fmt)
    assert numbering.printed(Matter.front, page) == printed
    assert numbering.printed(Matter.body, page) == printed


def _manual(body: PageNumberFormat) -> ManualDoc:
    cover = CoverPage(*[""] * 2, (), *[""] * 9)
    toc = TableOfContents("สารบัญ", [ContentsEntry("คำนำ", "f0", Matter.front),
                                     ContentsEntry("สารบัญ", "f1", Matter.front),
                                     ContentsEntry("บทที่ 1", "b0", Matter.body),
                                     ContentsEntry("บทที่ 2", "b1", Matter.body)])
    return ManualDoc(cover, [toc], [], PageNumbering(body=body))


def test_pages_count_from_each_sections_first_heading():
    # LibreOffice put a blank page before the front matter (physical 3) and the body starts
    # at physical 5: the printed numbers restart at ก and at 1 (๑).
    pages = {"f0": 3, "f1": 4, "b0": 5, "b1": 9}
    assert displayed_pages(pages, _manual(PageNumberFormat.thai_numbers)) == {
        "f0": "ก", "f1": "ข", "b0": "๑", "b1": "๕"}
    assert displayed_pages(pages, _manual(PageNumberFormat.decimal))["b1"] == "5"


def test_a_bookmark_the_layout_did_not_report_gets_no_number():
    shown = displayed_pages({"f0": 3, "b0": 5}, _manual(PageNumberFormat.decimal))
    assert shown == {"f0": "ก", "b0": "1"}
