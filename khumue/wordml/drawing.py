"""Flowchart drawings as native, editable Word shapes (DrawingML).

A :class:`~khumue.typeset.flowlayout.Drawing` becomes one inline drawing (``wp:inline``, ECMA-376
Part 1 §20.4.2.8) holding a shape group (``wpg:wgp``, Word 2010's wordprocessingGroup), so
the flowchart moves with its paragraph and stays with its section.  Each symbol is a
``wps:wsp`` with a preset geometry (§20.1.9.18 a:prstGeom: flowChartProcess,
flowChartDecision, flowChartTerminator, flowChartConnector) and a text box (``wps:txbx``)
whose lines are separated by w:br exactly as measured; arrows are connector shapes
(``wps:cNvCnPr``) glued to the boxes' connection sites (a:stCxn, a:endCxn), straight
(straightConnector1) or, for the routes beside the column, elbows (bentConnector3), each
ending in a triangle (a:tailEnd).  Every drawing is wrapped in mc:AlternateContent with a VML
fallback holding the same texts, as Word writes it.  A user can move a box (its arrows
follow) or retype its text in Word; LibreOffice renders the same shapes.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.oxml.ns import qn
from lxml import etree
from lxml.etree import _Element

from khumue.typeset.flowlayout import INSET_X, INSET_Y, Arrow, Box, Drawing, Label
from khumue.wordml.ns import MC, NS, V

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


# The connection sites of each preset (presetShapeDefinitions.xml, cxnLst) by side: the
# rectangle-like flowchart shapes have four (top, left, bottom, right), the circle eight.
SITES = {"flowChartConnector": {"top": 0, "left": 2, "bottom": 4, "right": 6}}
RECT_SITES = {"top": 0, "left": 1, "bottom": 2, "right": 3}
MIN_SPAN_EMU = 1000  # a connector's box is never narrower (its adjust value stays finite)


class DrawingWriter:
    """Builds drawings; ``next_id`` hands out the document-wide unique ids that wp:docPr and
    every shape's wps:cNvPr need.  ``paragraph`` turns (lines, style id) into the w:p that a
    text box holds (built by the writer, which owns the paragraph styles)."""

    def __init__(self, next_id: Callable[[], int],
                 paragraph: Callable[[tuple[str, ...], float], _Element]):
        self.next_id = next_id
        self.paragraph = paragraph

    def inline(self, drawing: Drawing, name: str, text_pt: float) -> _Element:
        """A w:r holding ``drawing`` as Word writes a shape group: an mc:AlternateContent
        whose mc:Choice (Requires="wpg") holds the DrawingML group inline (its top-left at the
        origin) and whose mc:Fallback holds a VML copy with the same texts, for applications
        that do not read wpg (MS-ODRAWXML §2.2.7; wps and wpg are not made ignorable)."""
        cx, cy = emu(drawing.width), emu(drawing.height)
        group = _e("wpg:wgp", None,
                   _e("wpg:cNvGrpSpPr"),
                   _e("wpg:grpSpPr", None, _xfrm(0, 0, drawing.width, drawing.height,
                                                 group=True)),
                   self.frame(drawing))
        ids = []
        for box in drawing.boxes:
            shape = self.box(box, text_pt)
            ids.append(shape.find(f"{{{NS['wps']}}}cNvPr").get("id"))
            group.append(shape)
        for arrow in drawing.arrows:
            group.append(self.arrow(arrow, drawing, ids))
        for label in drawing.labels:
            group.append(self.label(label, text_pt))
        ident = self.next_id()
        inline = _e("wp:inline", {"distT": "0", "distB": "0", "distL": "0", "distR": "0"},
                    _e("wp:extent", {"cx": cx, "cy": cy}),
                    _e("wp:effectExtent", {"l": "0", "t": "0", "r": "0", "b": "0"}),
                    _e("wp:docPr", {"id": str(ident), "name": f"{name} {ident}"}),
                    _e("wp:cNvGraphicFramePr"),
                    _e("a:graphic", None, _e("a:graphicData", {"uri": NS["wpg"]}, group)))
        drawing_el = etree.Element(qn("w:drawing"))
        drawing_el.append(inline)
        choice = etree.Element(f"{{{MC}}}Choice", {"Requires": "wpg"},
                               nsmap={"wpg": NS["wpg"], "wps": NS["wps"]})
        choice.append(drawing_el)
        fallback = etree.Element(f"{{{MC}}}Fallback")
        fallback.append(self.vml(drawing, text_pt))
        alternate = etree.Element(f"{{{MC}}}AlternateContent", nsmap={"mc": MC})
        alternate.append(choice)
        alternate.append(fallback)
        run = etree.Element(qn("w:r"))
        run.append(alternate)
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

    def arrow(self, arrow: Arrow, drawing: Drawing, ids: list[str]) -> _Element:
        """A connector along ``arrow.points``, as Word draws one: a straight connector
        (straightConnector1) between two points, an elbow (bentConnector3, its middle segment
        placed by adj1, §20.1.9.18) for a route beside the column; its ends glued to the
        boxes' connection sites (a:stCxn, a:endCxn) so that moving a box in Word drags its
        arrows."""
        (x0, y0), (x1, y1) = arrow.points[0], arrow.points[-1]
        left, top = min(x0, x1), min(y0, y1)
        width, height = abs(x1 - x0), abs(y1 - y0)
        flips = {}
        if x1 < x0:
            flips["flipH"] = "1"
        if y1 < y0:
            flips["flipV"] = "1"
        if len(arrow.points) == 2:
            geometry = _e("a:prstGeom", {"prst": "straightConnector1"}, _e("a:avLst"))
            xfrm = _xfrm(left, top, width, height, flips=flips)
        else:
            route = arrow.points[1][0]  # the x of the middle (vertical) segment
            span = max(int(emu(width)), MIN_SPAN_EMU)
            along = (route - x0) if x1 >= x0 else (x0 - route)
            adjust = round(int(emu(along)) * 100000 / span)
            geometry = _e("a:prstGeom", {"prst": "bentConnector3"},
                          _e("a:avLst", None, _e("a:gd", {"name": "adj1",
                                                           "fmla": f"val {adjust}"})))
            xfrm = _xfrm(left, top, width, height, flips=flips, min_cx=MIN_SPAN_EMU)
        props = _e("wps:cNvCnPr")
        for tag, glue in (("a:stCxn", arrow.start), ("a:endCxn", arrow.end)):
            if glue is not None:
                preset = drawing.boxes[glue.box].preset
                site = SITES.get(preset, RECT_SITES)[glue.side]
                props.append(_e(tag, {"id": ids[glue.box], "idx": str(site)}))
        return _e("wps:wsp", None,
                  _e("wps:cNvPr", {"id": str(self.next_id()), "name": "arrow"}),
                  props,
                  _e("wps:spPr", None, xfrm, geometry, _outline(arrow=arrow.head)),
                  _body())

    def vml(self, drawing: Drawing, text_pt: float) -> _Element:
        """The VML copy of a drawing (w:pict/v:group, ECMA-376 Part 4 §19): the same boxes,
        texts, arrows and labels, in a coordinate space of twentieths of a point."""
        group = etree.Element(f"{{{V}}}group", {
            "style": f"width:{drawing.width:.2f}pt;height:{drawing.height:.2f}pt",
            "coordsize": f"{_tw(drawing.width)},{_tw(drawing.height)}",
            "coordorigin": "0,0"}, nsmap={"v": V})
        for box in drawing.boxes:
            shape = _vml_shape(box.preset, box.x, box.y, box.w, box.h)
            if box.lines:
                shape.append(self._vml_text(box.lines, text_pt))
            group.append(shape)
        for arrow in drawing.arrows:
            points = " ".join(f"{_tw(x)},{_tw(y)}" for x, y in arrow.points)
            line = etree.SubElement(group, f"{{{V}}}polyline",
                                    {"points": points, "filled": "f", "strokeweight": ".75pt",
                                     "style": "position:absolute"})
            if arrow.head:
                etree.SubElement(line, f"{{{V}}}stroke", {"endarrow": "block"})
        for label in drawing.labels:
            box = _vml_shape("rect", label.x, label.y, label.w, label.h)
            box.set("stroked", "f")
            box.set("filled", "f")
            box.append(self._vml_text((label.text,), text_pt))
            group.append(box)
        pict = etree.Element(qn("w:pict"))
        pict.append(group)
        return pict

    def _vml_text(self, lines: tuple[str, ...], text_pt: float) -> _Element:
        box = etree.Element(f"{{{V}}}textbox",
                            {"inset": f"{INSET_X}pt,{INSET_Y}pt,{INSET_X}pt,{INSET_Y}pt"})
        content = etree.SubElement(box, qn("w:txbxContent"))
        content.append(self.paragraph(lines, text_pt))
        return box


def _tw(points: float) -> int:
    return round(points * 20)


def _vml_shape(preset: str, x: float, y: float, w: float, h: float) -> _Element:
    """A VML shape standing for a DrawingML preset, positioned in the group's coordinates."""
    style = f"position:absolute;left:{_tw(x)};top:{_tw(y)};width:{_tw(w)};height:{_tw(h)}"
    attrs = {"style": style, "strokeweight": ".75pt", "fillcolor": "white"}
    if preset == "flowChartDecision":
        return etree.Element(f"{{{V}}}shape", {**attrs, "coordsize": "21600,21600",
                                               "path": "m10800,l,10800,10800,21600,21600,"
                                                       "10800xe"})
    if preset == "flowChartTerminator":
        return etree.Element(f"{{{V}}}roundrect", {**attrs, "arcsize": "50%"})
    if preset == "flowChartConnector":
        return etree.Element(f"{{{V}}}oval", attrs)
    return etree.Element(f"{{{V}}}rect", attrs)


def _xfrm(x: float, y: float, w: float, h: float, group: bool = False,
          flips: dict[str, str] | None = None, min_cx: int = 0) -> _Element:
    cx = str(max(int(emu(w)), min_cx))
    xfrm = _e("a:xfrm", flips or None, _e("a:off", {"x": emu(x), "y": emu(y)}),
              _e("a:ext", {"cx": cx, "cy": emu(h)}))
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
