"""Flowchart drawings as native, editable Word shapes (DrawingML).

A :class:`~khumue.flowlayout.Drawing` becomes one inline drawing (``wp:inline``, ECMA-376
Part 1 §20.4.2.8) holding a shape group (``wpg:wgp``, Word 2010's wordprocessingGroup), so
the flowchart moves with its paragraph and stays with its section.  Each symbol is a
``wps:wsp`` with a preset geometry (§20.1.9.18 a:prstGeom: flowChartProcess,
flowChartDecision, flowChartTerminator, flowChartConnector) and a text box (``wps:txbx``)
whose lines are separated by w:br exactly as measured; arrows are connector shapes
(``wps:cNvCnPr``) with a straight connector preset or, for the routes beside the column, a
custom path (§20.1.9.8 a:custGeom), each ending in a triangle (a:tailEnd).  A user can move a
box or retype its text in Word; LibreOffice renders the same shapes.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.oxml.ns import qn
from lxml import etree
from lxml.etree import _Element

from khumue.flowlayout import INSET_X, INSET_Y, Arrow, Box, Drawing, Label

NS = {
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
}
EMU_PER_PT = 12700
LINE_EMU = 9525  # 0.75 pt outlines and arrows


def emu(points: float) -> str:
    """Points → EMU (English Metric Units, 12 700 per point), as an attribute string."""
    return str(round(points * EMU_PER_PT))


def _e(tag: str, attrs: dict[str, str] | None = None, *children: _Element) -> _Element:
    prefix, name = tag.split(":")
    element = etree.Element(f"{{{NS[prefix]}}}{name}", nsmap={prefix: NS[prefix]})
    for key, value in (attrs or {}).items():
        if ":" in key:
            p, n = key.split(":")
            element.set(f"{{{NS[p]}}}{n}", value)
        else:
            element.set(key, value)
    element.extend(children)
    return element


class DrawingWriter:
    """Builds drawings; ``next_id`` hands out the document-wide unique ids that wp:docPr and
    every shape's wps:cNvPr need.  ``paragraph`` turns (lines, style id) into the w:p that a
    text box holds (built by the writer, which owns the paragraph styles)."""

    def __init__(self, next_id: Callable[[], int],
                 paragraph: Callable[[tuple[str, ...], float], _Element]):
        self.next_id = next_id
        self.paragraph = paragraph

    def inline(self, drawing: Drawing, name: str, text_pt: float) -> _Element:
        """A w:r holding ``drawing`` as an inline shape group (its top-left at the origin)."""
        cx, cy = emu(drawing.width), emu(drawing.height)
        group = _e("wpg:wgp", None,
                   _e("wpg:cNvGrpSpPr"),
                   _e("wpg:grpSpPr", None, _xfrm(0, 0, drawing.width, drawing.height,
                                                 group=True)),
                   self.frame(drawing))
        for box in drawing.boxes:
            group.append(self.box(box, text_pt))
        for arrow in drawing.arrows:
            group.append(self.arrow(arrow))
        for label in drawing.labels:
            group.append(self.label(label, text_pt))
        ident = self.next_id()
        inline = _e("wp:inline", {"distT": "0", "distB": "0", "distL": "0", "distR": "0"},
                    _e("wp:extent", {"cx": cx, "cy": cy}),
                    _e("wp:effectExtent", {"l": "0", "t": "0", "r": "0", "b": "0"}),
                    _e("wp:docPr", {"id": str(ident), "name": f"{name} {ident}"}),
                    _e("wp:cNvGraphicFramePr"),
                    _e("a:graphic", None, _e("a:graphicData", {"uri": NS["wpg"]}, group)))
        run = etree.Element(qn("w:r"))
        drawing_el = etree.SubElement(run, qn("w:drawing"))
        drawing_el.append(inline)
        return run

    def frame(self, drawing: Drawing) -> _Element:
        """An invisible rectangle over the whole group.  LibreOffice sizes a group by its
        shapes' bounding box rather than by a:chExt; with the frame the two agree, so shapes
        keep their size and place in both applications."""
        return _e("wps:wsp", None,
                  _e("wps:cNvPr", {"id": str(self.next_id()), "name": "frame"}),
                  _e("wps:cNvSpPr"),
                  _e("wps:spPr", None,
                     _xfrm(0, 0, drawing.width, drawing.height),
                     _e("a:prstGeom", {"prst": "rect"}, _e("a:avLst")),
                     _e("a:noFill"), _e("a:ln", None, _e("a:noFill"))),
                  _body())

    def box(self, box: Box, text_pt: float) -> _Element:
        """A symbol: preset geometry, white fill, black outline, its lines centred."""
        shape = _e("wps:wsp", None,
                   _e("wps:cNvPr", {"id": str(self.next_id()), "name": box.preset}),
                   _e("wps:cNvSpPr"),
                   _e("wps:spPr", None,
                      _xfrm(box.x, box.y, box.w, box.h),
                      _e("a:prstGeom", {"prst": box.preset}, _e("a:avLst")),
                      _e("a:solidFill", None, _e("a:srgbClr", {"val": "FFFFFF"})),
                      _outline(arrow=False)))
        if box.lines:
            shape.append(_e("wps:txbx", None, _e("w:txbxContent", None,
                                                  self.paragraph(box.lines, text_pt))))
        shape.append(_body())
        return shape

    def label(self, label: Label, text_pt: float) -> _Element:
        """A branch label: a frameless, unfilled text box."""
        return _e("wps:wsp", None,
                  _e("wps:cNvPr", {"id": str(self.next_id()), "name": "label"}),
                  _e("wps:cNvSpPr", {"txBox": "1"}),
                  _e("wps:spPr", None,
                     _xfrm(label.x, label.y, label.w, label.h),
                     _e("a:prstGeom", {"prst": "rect"}, _e("a:avLst")),
                     _e("a:noFill"),
                     _e("a:ln", None, _e("a:noFill"))),
                  _e("wps:txbx", None, _e("w:txbxContent", None,
                                          self.paragraph((label.text,), text_pt))),
                  _body(anchor="t"))

    def arrow(self, arrow: Arrow) -> _Element:
        """A connector along ``arrow.points``: straight when it has two points, else a path."""
        xs = [x for x, _ in arrow.points]
        ys = [y for _, y in arrow.points]
        left, top = min(xs), min(ys)
        width, height = max(xs) - left, max(ys) - top
        (x0, y0), (x1, y1) = arrow.points[0], arrow.points[-1]
        if len(arrow.points) == 2:
            flips = {}
            if x1 < x0:
                flips["flipH"] = "1"
            if y1 < y0:
                flips["flipV"] = "1"
            geometry = _e("a:prstGeom", {"prst": "straightConnector1"}, _e("a:avLst"))
            xfrm = _xfrm(left, top, width, height, flips=flips)
        else:
            path = _e("a:path", {"w": emu(width), "h": emu(height), "fill": "none"})
            for i, (x, y) in enumerate(arrow.points):
                step = _e("a:moveTo" if i == 0 else "a:lnTo", None,
                          _e("a:pt", {"x": emu(x - left), "y": emu(y - top)}))
                path.append(step)
            geometry = _e("a:custGeom", None, _e("a:avLst"), _e("a:gdLst"), _e("a:ahLst"),
                          _e("a:cxnLst"), _e("a:rect", {"l": "0", "t": "0", "r": "r", "b": "b"}),
                          _e("a:pathLst", None, path))
            xfrm = _xfrm(left, top, width, height)
        return _e("wps:wsp", None,
                  _e("wps:cNvPr", {"id": str(self.next_id()), "name": "arrow"}),
                  _e("wps:cNvCnPr"),
                  _e("wps:spPr", None, xfrm, geometry, _outline(arrow=arrow.head)),
                  _body())


def _xfrm(x: float, y: float, w: float, h: float, group: bool = False,
          flips: dict[str, str] | None = None) -> _Element:
    xfrm = _e("a:xfrm", flips or None, _e("a:off", {"x": emu(x), "y": emu(y)}),
              _e("a:ext", {"cx": emu(w), "cy": emu(h)}))
    if group:
        xfrm.append(_e("a:chOff", {"x": "0", "y": "0"}))
        xfrm.append(_e("a:chExt", {"cx": emu(w), "cy": emu(h)}))
    return xfrm


def _outline(arrow: bool) -> _Element:
    line = _e("a:ln", {"w": str(LINE_EMU)},
              _e("a:solidFill", None, _e("a:srgbClr", {"val": "000000"})))
    if arrow:
        line.append(_e("a:tailEnd", {"type": "triangle", "w": "med", "len": "med"}))
    return line


def _body(anchor: str = "ctr") -> _Element:
    return _e("wps:bodyPr", {"rot": "0", "vert": "horz", "wrap": "square",
                             "lIns": emu(INSET_X), "tIns": emu(INSET_Y),
                             "rIns": emu(INSET_X), "bIns": emu(INSET_Y),
                             "anchor": anchor, "anchorCtr": "0"},
              _e("a:noAutofit"))
