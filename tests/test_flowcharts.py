"""Flowcharts read back from the DOCX XML: one symbol per step of the right preset geometry in
order with the step's text, an arrow joining each consecutive pair, a decision's labelled
branches reaching their targets, every text fitting its box by the font metrics, and the
summary form's column and the legend drawn with the same symbols."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from khumue.typeset.flowlayout import INSET_X, INSET_Y, TEXT_RECT
from khumue.typeset.metrics import line_height, text_width
from tests.docxread import Manual, W, element_text

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
WPG = "{http://schemas.microsoft.com/office/word/2010/wordprocessingGroup}"
EMU = 12700.0
SYMBOLS = {"flowChartTerminator", "flowChartProcess", "flowChartDecision", "flowChartConnector"}


@dataclass
class Shape:
    name: str
    geometry: str  # preset name, or "path"
    x: float  # pt
    y: float
    w: float
    h: float
    lines: list[str]
    points: list[tuple[float, float]]  # an arrow's points, start to end, in pt
    head: bool

    @property
    def cx(self) -> float:
        return self.x + self.w / 2


def shapes_of(group) -> list[Shape]:
    out = []
    for wsp in group.iter(f"{WPS}wsp"):
        off = wsp.find(f"{WPS}spPr/{A}xfrm/{A}off")
        ext = wsp.find(f"{WPS}spPr/{A}xfrm/{A}ext")
        xfrm = wsp.find(f"{WPS}spPr/{A}xfrm")
        x, y = int(off.get("x")) / EMU, int(off.get("y")) / EMU
        w, h = int(ext.get("cx")) / EMU, int(ext.get("cy")) / EMU
        preset = wsp.find(f"{WPS}spPr/{A}prstGeom")
        geometry = preset.get("prst") if preset is not None else "path"
        paragraph = wsp.find(f".//{W}txbxContent/{W}p")
        lines = element_text(paragraph).split("\n") if paragraph is not None else []
        points: list[tuple[float, float]] = []
        if geometry == "straightConnector1":
            x0, x1 = (x + w, x) if xfrm.get("flipH") else (x, x + w)
            y0, y1 = (y + h, y) if xfrm.get("flipV") else (y, y + h)
            points = [(x0, y0), (x1, y1)]
        elif geometry == "bentConnector3":  # an elbow: across to adj1, down, across
            x0, x1 = (x + w, x) if xfrm.get("flipH") else (x, x + w)
            y0, y1 = (y + h, y) if xfrm.get("flipV") else (y, y + h)
            adjust = int(wsp.find(f"{WPS}spPr/{A}prstGeom/{A}avLst/{A}gd").get("fmla")[4:])
            middle = x0 + (-1 if xfrm.get("flipH") else 1) * w * adjust / 100000
            points = [(x0, y0), (middle, y0), (middle, y1), (x1, y1)]
        head = wsp.find(f"{WPS}spPr/{A}ln/{A}tailEnd") is not None
        out.append(Shape(wsp.find(f"{WPS}cNvPr").get("name"), geometry, x, y, w, h, lines,
                         points, head))
    return out


def flowchart_groups(path: Path, process_title: str) -> list[list[Shape]]:
    """The shape groups of section 6 of the process whose heading contains the title."""
    body = Manual(path).body
    in_process = in_section = False
    groups = []
    for child in body.iterchildren():
        text = element_text(child) if child.tag == f"{W}p" else ""
        style = child.find(f"{W}pPr/{W}pStyle")
        style_id = style.get(f"{W}val") if style is not None else ""
        if style_id == "Heading1":
            in_process = process_title in text.replace("\n", "")
        elif style_id == "Heading2":
            in_section = in_process and "Flow Chart" in text
        elif in_section:
            groups += [shapes_of(g) for g in child.iter(f"{WPG}wgp")]
    return groups


def symbols(shapes: list[Shape]) -> list[Shape]:
    return [s for s in shapes if s.geometry in SYMBOLS]


def arrows(shapes: list[Shape]) -> list[Shape]:
    return [s for s in shapes if s.points]


def joined(a: Shape, b: Shape, shapes: list[Shape], tolerance: float = 0.5) -> bool:
    """An arrow of ``shapes`` runs from the bottom centre of ``a`` to the top centre of ``b``."""
    return any(abs(p[0][0] - a.cx) < tolerance and abs(p[0][1] - (a.y + a.h)) < tolerance
               and abs(p[-1][0] - b.cx) < tolerance and abs(p[-1][1] - b.y) < tolerance
               for p in (s.points for s in arrows(shapes)))


def assert_column(shapes: list[Shape]) -> None:
    column = symbols(shapes)
    for a, b in zip(column, column[1:], strict=False):
        assert joined(a, b, shapes), f"no arrow from {a.lines} to {b.lines}"
    assert all(s.head for s in arrows(shapes))


def assert_text_fits(shapes: list[Shape], size: float = 14.0) -> None:
    for shape in symbols(shapes):
        left, top, right, bottom = TEXT_RECT[shape.geometry]
        width = shape.w * (right - left) - 2 * INSET_X
        height = shape.h * (bottom - top) - 2 * INSET_Y
        for line in shape.lines:
            assert text_width(line, size) <= width, (line, width)
        assert len(shape.lines) * line_height(size) <= height + 0.01, (shape.lines, height)


def test_phayao2_first_process_one_symbol_per_step_in_order(built):
    [group] = flowchart_groups(built["phayao2"], "ส่งเสริมสนับสนุนการระดมทรัพยากร")
    column = symbols(group)
    assert [s.geometry for s in column] == ["flowChartTerminator", *["flowChartProcess"] * 5,
                                            "flowChartTerminator"]
    assert ["".join(s.lines) for s in column] == [
        "เริ่มต้น", "กำหนดนโยบายแนวปฏิบัติ แจ้งหน่วยงานในสังกัด", "กำหนดรายละเอียดแจ้งสถานศึกษา",
        "แต่งตั้งคณะกรรมการพิจารณาจัดสรร", "จัดสรรตามรายละเอียดที่กำหนด", "รายงานผลการดำเนินงาน",
        "สิ้นสุด"]
    assert_column(group)
    assert len(arrows(group)) == 6
    assert_text_fits(group)


def test_sakonnakhon2_decisions_branch_to_their_targets_and_chart_continues(built):
    groups = flowchart_groups(built["sakonnakhon2"], "ปฏิบัติงานร่วมกับหรือสนับสนุน")
    assert len(groups) == 2  # too long for one page
    first, second = groups
    # off-page connectors: the first drawing ends with one, the second starts with its twin
    assert symbols(first)[-1].geometry == "flowChartConnector"
    assert symbols(second)[0].geometry == "flowChartConnector"
    assert symbols(first)[-1].lines == symbols(second)[0].lines == ["๑"]
    steps = symbols(first)[1:-1] + symbols(second)[1:]
    assert [s.geometry for s in steps] == [
        "flowChartProcess", "flowChartDecision", "flowChartProcess", "flowChartProcess",
        "flowChartProcess", "flowChartDecision", "flowChartProcess", "flowChartProcess",
        "flowChartTerminator"]
    for group in groups:
        assert_column(group)
        assert_text_fits(group)
        column = symbols(group)
        for decision in (s for s in column if s.geometry == "flowChartDecision"):
            before = column[column.index(decision) - 1]
            after = column[column.index(decision) + 1]
            labels = {"".join(s.lines): s for s in group if s.name == "label"}
            # "อนุมัติ" goes on down to the next step …
            assert joined(decision, after, group)
            yes = labels["อนุมัติ"]
            assert yes.y >= decision.y + decision.h - 0.5 and yes.x > decision.cx
            # … "ไม่อนุมัติ" leaves the right vertex and returns to the step before.
            [loop] = [a for a in arrows(group) if a.geometry == "bentConnector3"
                      and abs(a.points[0][1] - (decision.y + decision.h / 2)) < 0.5]
            assert abs(loop.points[0][0] - (decision.x + decision.w)) < 0.5
            assert abs(loop.points[-1][0] - (before.x + before.w)) < 0.5
            assert abs(loop.points[-1][1] - (before.y + before.h / 2)) < 0.5
            no = labels["ไม่อนุมัติ"]
            assert abs(no.y + no.h / 2 - loop.points[0][1]) < 0.5 and no.x > loop.points[1][0]


@pytest.mark.parametrize("office", ["phayao2", "phetchabun1", "sakonnakhon2"])
def test_every_flowchart_text_fits_its_box(built, office):
    body = Manual(built[office]).body
    groups = [shapes_of(g) for g in body.iter(f"{WPG}wgp")]
    assert groups
    for group in groups:
        assert_text_fits(group)


def test_summary_form_column_has_one_symbol_per_row_joined_by_arrows(built):
    m = Manual(built["phetchabun1"])
    form = next(t for t in m.table_elements() if "ชื่องาน" in element_text(t.find(f"{W}tr")))
    rows = form.findall(f"{W}tr")[3:]
    assert len(rows) == 9
    kinds = []
    for i, row in enumerate(rows):
        cell = row.findall(f"{W}tc")[1]
        [group] = list(cell.iter(f"{WPG}wgp"))
        shapes = shapes_of(group)
        [symbol] = symbols(shapes)
        kinds.append(symbol.geometry)
        frame = next(s for s in shapes if s.name == "frame")
        down = arrows(shapes)
        if i < len(rows) - 1:  # an arrow from the symbol down to the bottom of the row
            [arrow] = down
            assert abs(arrow.points[0][1] - (symbol.y + symbol.h)) < 0.5
            assert abs(arrow.points[-1][1] - frame.h) < 0.5
            height = row.find(f"{W}trPr/{W}trHeight")
            assert abs(int(height.get(f"{W}val")) / 20 - frame.h) < 0.1
        else:
            assert down == []
    assert kinds == ["flowChartTerminator", *["flowChartProcess"] * 7, "flowChartTerminator"]


def test_legend_shows_the_real_symbols(built):
    m = Manual(built["phayao2"])
    legend = m.table_after("คำอธิบายสัญลักษณ์ผังขั้นตอน")
    assert [row[1] for row in legend] == [
        "จุดเริ่มต้นหรือสิ้นสุดกระบวนการงาน", "กิจกรรมงานหรือการปฏิบัติ", "การตัดสินใจ",
        "ทิศทางหรือการเคลื่อนไหวของงาน", "จุดเชื่อมต่อระหว่างหน้า (ถ้าไม่จบภายใน 1 หน้า)"]
    table = next(t for t in m.table_elements()
                 if "จุดเริ่มต้นหรือสิ้นสุดกระบวนการงาน" in element_text(t))
    drawn = []
    for row in table.findall(f"{W}tr"):
        shapes = shapes_of(next(row.iter(f"{WPG}wgp")))
        drawn.append([s.geometry for s in shapes if s.geometry in SYMBOLS] or
                     ["arrow" for s in arrows(shapes)])
    assert drawn == [["flowChartTerminator"], ["flowChartProcess"], ["flowChartDecision"],
                     ["arrow"], ["flowChartConnector"]]
