"""Writing a typeset manual (:class:`khumue.doctree.ManualDoc`) into a DOCX template.

The template's cover and back cover are filled by docxtpl with autoescaping, so content such
as ``{{ x }}``, ``&`` or ``<`` comes out literally; the front matter and body are built as
WordprocessingML elements and put where the template's ``{{ front }}`` and ``{{ body }}``
markers stand.  Content text never passes through a template engine.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx.document import Document
from docx.oxml.ns import qn
from docxtpl import DocxTemplate, Listing
from lxml.etree import _Element

from khumue.doctree import (
    CHECK_BOX,
    Cell,
    CellSymbol,
    FlowchartFigure,
    Heading,
    ManualDoc,
    Node,
    Para,
    Role,
    Run,
    Table,
    TableOfContents,
)
from khumue.errors import KhumueError
from khumue.flowchart import Symbol
from khumue.flowlayout import Box, Drawing, Style, column_symbol, layout, legend_symbol
from khumue.metrics import line_height, text_width
from khumue.model import Digits
from khumue.thaibreak import balance
from khumue.wordml import oxml
from khumue.wordml.drawing import DrawingWriter
from khumue.wordml.oxml import el
from khumue.wordml.styles import ROLE_STYLES, TEXT_WIDTH_TWIPS, set_default_font, style_font
from khumue.wordml.template import set_page_numbering

_SENTINEL = {"front": "\u2063KHUMUE-FRONT\u2063", "body": "\u2063KHUMUE-BODY\u2063"}
_LIST_BASE_TWIPS = 425  # left indent of a level-0 list item in body text
_LEVEL_STEP_TWIPS = 567  # further indent of each nested level
_CELL_MARGINS_TWIPS = 2 * 85  # left and right cell margins (oxml.table)
_SAFETY = 0.98  # of the available width: our "fits" must never be Word's "does not fit"
# Cover variables broken into balanced lines, with the template style that sets each.
_COVER_STYLES = {"title": "Cover Title", "subtitle": "Cover Subtitle", "cover_items": "Cover Item",
                 "person_name": "Cover Name", "position_line": "Cover Text",
                 "work_unit": "Cover Text", "group": "Cover Group", "office_name": "Cover Text",
                 "fiscal_year_line": "Cover Year"}
_BALANCED_ROLES = (Role.label, Role.subtitle, Role.cell_head)
_FLOW_TEXT_PT = 14.0  # text in flowchart symbols
_FLOW_PAGE_PT = 560.0  # the tallest drawing of a flowchart: a page's text height less a heading
_LEGEND_ROW_PT = 22.0
_SPLIT_ROWS_PT = 240.0  # rows estimated taller than this may break across pages


class TemplateError(KhumueError):
    """The DOCX template lacks a marker or a style the manual needs."""


def toc_bookmarks(manual: ManualDoc) -> tuple[list[str], list[str]]:
    """The bookmark names the writer gives the level-1 headings of the front matter and of
    the body, in order: what the table of contents lists and links to."""
    front = [n for n in manual.front if isinstance(n, Heading) and n.level == 1]
    body = [n for n in manual.body if isinstance(n, Heading) and n.level == 1]
    names = [f"_Toc{100000 + i}" for i in range(len(front) + len(body))]
    return names[:len(front)], names[len(front):]


def write_docx(manual: ManualDoc, template: Path, *, digits: Digits,
               font: str | None = None, toc_pages: dict[str, str] | None = None) -> bytes:
    """The manual as DOCX bytes, built on ``template``.

    ``digits`` sets the body's page-number format (``thaiNumbers`` or ``decimal``); ``font``,
    when given, replaces the template's font in every style.  ``toc_pages`` (bookmark → printed
    page number, see :func:`toc_bookmarks`) fills the table of contents' page numbers; without
    it Word is asked to update the fields on opening.  Raises TemplateError when the template
    lacks a ``{{ front }}`` or ``{{ body }}`` marker or a manual style.
    """
    tpl = DocxTemplate(str(template))
    tpl.init_docx()
    document: Document = tpl.docx  # type: ignore[assignment]
    writer = _BodyWriter(document, template, toc_pages)
    cover = {key: writer.cover_value(key, value) for key, value in manual.cover.items()}
    tpl.render({**cover, **_SENTINEL}, autoescape=True)
    headings = [n for n in (*manual.front, *manual.body) if isinstance(n, Heading)]
    writer.plan_toc(headings)
    writer.replace_marker("front", manual.front, page_format=None)
    body_format = "thaiNumbers" if digits is Digits.thai else "decimal"
    writer.replace_marker("body", manual.body, page_format=body_format)
    if font:
        set_default_font(document, font)
    if toc_pages is None:
        _update_fields_on_open(document)
    _declare_thai(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class _BodyWriter:
    def __init__(self, document: Document, template: Path,
                 toc_pages: dict[str, str] | None = None):
        self.document = document
        self.template = template
        self.toc_pages = toc_pages or {}
        self.style_ids: dict[str, str] = {}
        self.bookmarks: dict[int, str] = {}  # id(Heading) → bookmark name
        self.toc: list[tuple[str, str]] = []  # (text, bookmark)
        self.next_id = 1
        self.shape_ids = 0
        self.drawings = DrawingWriter(self._shape_id, self._box_paragraph)

    def _shape_id(self) -> int:
        self.shape_ids += 1
        return self.shape_ids

    def _box_paragraph(self, lines: tuple[str, ...], size_pt: float) -> _Element:
        props = oxml.ppr(self.style(ROLE_STYLES[Role.cell_center]))
        return oxml.paragraph(props, oxml.run("\n".join(lines), size_pt=size_pt))

    def drawing_paragraph(self, drawing: Drawing, name: str, *, exact: bool = False,
                          new_page: bool = False) -> _Element:
        """A centred paragraph holding ``drawing``; ``exact`` makes its line exactly the
        drawing's height (so that a table row is as tall as the drawing, no taller)."""
        props = oxml.ppr(self.style(ROLE_STYLES[Role.cell_center]), page_break_before=new_page)
        if exact:
            spacing = el("w:spacing", {"before": "0", "after": "0",
                                       "line": str(round(drawing.height * 20)),
                                       "lineRule": "exact"})
            jc = props.find(qn("w:jc"))
            if jc is not None:
                jc.addprevious(spacing)
            else:
                props.append(spacing)
        return oxml.paragraph(props, self.drawings.inline(drawing, name, _FLOW_TEXT_PT))

    def style(self, name: str) -> str:
        if name not in self.style_ids:
            try:
                self.style_ids[name] = self.document.styles[name].style_id
            except KeyError:
                raise TemplateError(
                    f"แม่แบบ {self.template} ไม่มีสไตล์ '{name}' ที่คู่มือต้องใช้ "
                    "(อย่าลบหรือเปลี่ยนชื่อสไตล์ของแม่แบบ ให้แก้รูปแบบของสไตล์แทน)") from None
        return self.style_ids[name]

    def balanced(self, text: str, style_name: str, width_twips: int,
                 size_pt: float | None = None) -> str:
        """``text`` broken into balanced lines (joined by line feeds, which the runs turn into
        w:br) at Thai word boundaries, measured in the style's font (or at ``size_pt``) within
        ``width_twips``.  Text that fits is returned as is."""
        size, bold = style_font(self.document, style_name)
        lines = balance(text, width_twips / 20 * _SAFETY,
                        lambda s: text_width(s, size_pt or size, bold))
        return "\n".join(line.rstrip() for line in lines)

    def cover_value(self, key: str, value: object) -> object:
        style = _COVER_STYLES.get(key)
        if style is None or style not in self.document.styles:
            return value
        if isinstance(value, list):
            return [self.cover_value(key, v) for v in value]
        if isinstance(value, str) and value:
            broken = self.balanced(value, style, TEXT_WIDTH_TWIPS)
            return Listing(broken) if "\n" in broken else value
        return value

    def plan_toc(self, headings: list[Heading]) -> None:
        for n, heading in enumerate(h for h in headings if h.level == 1):
            name = f"_Toc{100000 + n}"
            self.bookmarks[id(heading)] = name
            self.toc.append((heading.text, name))

    # -- markers -------------------------------------------------------------------------------
    def replace_marker(self, which: str, nodes: list[Node], page_format: str | None) -> None:
        marker = self._find_marker(_SENTINEL[which])
        elements: list[_Element] = []
        for i, node in enumerate(nodes):
            elements.extend(self.node(node, first=i == 0))
        for element in elements:
            marker.addprevious(element)
        sect_pr = marker.find(qn("w:pPr") + "/" + qn("w:sectPr"))
        if sect_pr is not None and page_format:
            set_page_numbering(sect_pr, page_format, start=1)
        last = elements[-1] if elements else None
        # A section break inside a TOC field's result is lost when LibreOffice turns the field
        # into an index; after a TOC (or a table) the emptied marker carries the break.
        movable = bool(nodes) and isinstance(nodes[-1], Para | Heading)
        if sect_pr is not None and last is not None and movable and last.tag == qn("w:p"):
            props = last.find(qn("w:pPr"))
            if props is None:
                props = oxml.ppr()
                last.insert(0, props)
            props.append(sect_pr)
            marker.getparent().remove(marker)
        else:  # keep the marker paragraph as the carrier of the section break, emptied
            for r in marker.findall(qn("w:r")):
                marker.remove(r)

    def _find_marker(self, sentinel: str) -> _Element:
        for p in self.document.element.body.iter(qn("w:p")):
            if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip() == sentinel:
                return p
        name = "{{ front }}" if "FRONT" in sentinel else "{{ body }}"
        raise TemplateError(f"แม่แบบ {self.template} ไม่มีย่อหน้า {name} ที่บอกตำแหน่งเนื้อหา")

    # -- nodes ---------------------------------------------------------------------------------
    def node(self, node: Node, first: bool = False) -> list[_Element]:
        if isinstance(node, Para):
            return [self.para(node, no_break=first)]
        if isinstance(node, Heading):
            return [self.heading(node, no_break=first)]
        if isinstance(node, Table):
            return [self.table(node), self.spacer()]
        if isinstance(node, TableOfContents):
            return self.table_of_contents(node, no_break=first)
        if isinstance(node, FlowchartFigure):
            return self.flowchart(node)
        raise TypeError(f"unknown node {node!r}")

    def para(self, para: Para, *, no_break: bool = False, size_pt: float | None = None,
             base: int = _LIST_BASE_TWIPS, width: int = TEXT_WIDTH_TWIPS) -> _Element:
        style = self.style(ROLE_STYLES[para.role])
        if para.role in _BALANCED_ROLES and len(para.runs) == 1:
            run = para.runs[0]
            text = self.balanced(run.text, ROLE_STYLES[para.role], width, size_pt)
            para = Para([Run(text, run.bold)], para.role, para.label, para.level,
                        para.new_page, para.keep_next)
        ind: dict[str, str] | None = None
        tabs = None
        runs: list[_Element] = []
        indent = base + para.level * _LEVEL_STEP_TWIPS
        if para.label:
            hanging = _hanging(para.label)
            ind = {"left": str(indent + hanging), "hanging": str(hanging)}
            tabs = [("left", indent + hanging)]
            if para.label == CHECK_BOX:  # no font has ☐ that we may use: draw the box
                side = (size_pt or 16.0) * 0.55
                box = Box(Symbol.activity, 0.5, 0.5, side, side, ())
                runs.append(self.drawings.inline(Drawing(side + 1, side + 1, [box]),
                                                 "check box", size_pt or 16.0))
                runs.append(oxml.run("\t", size_pt=size_pt))
            else:
                runs.append(oxml.run(para.label + "\t", size_pt=size_pt))
        elif para.role is Role.list or (para.level and para.role is Role.cell):
            ind = {"left": str(indent), "firstLine": "0"}
        runs += [oxml.run(r.text, bold=r.bold, size_pt=size_pt) for r in para.runs]
        props = oxml.ppr(style, keep_next=para.keep_next,
                         page_break_before=para.new_page and not no_break, ind=ind, tabs=tabs)
        return oxml.paragraph(props, *runs)

    def heading(self, heading: Heading, *, no_break: bool = False) -> _Element:
        style = f"Heading {heading.level}"
        props = oxml.ppr(self.style(style),
                         page_break_before=heading.new_page and not no_break,
                         jc="center" if heading.centered else None)
        text = oxml.run(self.balanced(heading.text, style, TEXT_WIDTH_TWIPS))
        name = self.bookmarks.get(id(heading))
        if name is None:
            return oxml.paragraph(props, text)
        ident = self.next_id
        self.next_id += 1
        return oxml.paragraph(props, *oxml.bookmark(name, ident, text))

    def spacer(self) -> _Element:
        return oxml.paragraph(oxml.ppr(self.style(ROLE_STYLES[Role.plain])))

    def table(self, table: Table) -> _Element:
        widths = _split_width(TEXT_WIDTH_TWIPS, table.widths)
        size = None if table.font_pt == 16.0 else table.font_pt
        rows = [self.row(cells, widths, size, header=True) for cells in table.header_rows]
        rows += [self.row(cells, widths, size) for cells in table.rows]
        if table.keep_together:
            for row in rows[:-1]:
                for props in row.iter(qn("w:pPr")):
                    if props.find(qn("w:keepNext")) is None:
                        style = props.find(qn("w:pStyle"))
                        keep = el("w:keepNext")
                        if style is not None:
                            style.addnext(keep)
                        else:
                            props.insert(0, keep)
        return oxml.table(widths, rows)

    def row(self, cells: list[Cell], widths: list[int], size: float | None,
            header: bool = False) -> _Element:
        spans = []
        column = 0
        for cell in cells:
            spans.append(sum(widths[column:column + cell.span]))
            column += cell.span
        height = None
        estimate = self.row_height(cells, spans, size or 16.0)
        if any(c.symbol is not None and c.symbol.arrow_down for c in cells):
            height = estimate
        out = []
        for cell, width in zip(cells, spans, strict=True):
            inner = width - _CELL_MARGINS_TWIPS
            if cell.symbol is not None:
                paragraphs = [self.symbol_paragraph(cell.symbol, inner / 20, height)]
            else:
                paragraphs = [self.para(p, size_pt=size, base=0, width=inner)
                              for p in cell.paras]
            out.append(oxml.table_cell(width, paragraphs, span=cell.span, shaded=cell.shaded))
        # Short rows move whole to the next page; a row taller than a third of a page may run
        # on, rather than leave most of a page empty.
        row = oxml.table_row(out, header=header, keep_whole=estimate <= _SPLIT_ROWS_PT)
        if height is not None:
            row.find(qn("w:trPr")).append(
                el("w:trHeight", {"val": str(round(height * 20)), "hRule": "atLeast"}))
        return row

    def row_height(self, cells: list[Cell], widths: list[int], size: float) -> float:
        """A row's height in pt: the tallest cell's text, its lines counted with the font
        metrics in a slightly narrower column than Word's (so that we never count fewer lines
        than Word), and at least room for a summary-form symbol and its arrow."""
        line = line_height(size)
        tallest = 0.0
        for cell, width in zip(cells, widths, strict=True):
            inner = (width - _CELL_MARGINS_TWIPS) / 20 * 0.95
            lines = sum(len(balance(p.text, inner - _indent_pt(p), lambda s: text_width(s, size)))
                        for p in cell.paras if p.text)
            tallest = max(tallest, lines * line)
        return max(tallest + 2.0, 40.0)

    def symbol_paragraph(self, symbol: CellSymbol, width: float,
                         height: float | None) -> _Element:
        if symbol.arrow_down or height is not None:
            drawing = column_symbol(symbol.symbol or Symbol.activity, width,
                                    height or _LEGEND_ROW_PT, symbol.arrow_down, symbol.label)
        else:
            drawing = legend_symbol(symbol.symbol, width, _LEGEND_ROW_PT)
        return self.drawing_paragraph(drawing, "symbol", exact=False)

    def table_of_contents(self, toc: TableOfContents, *, no_break: bool) -> list[_Element]:
        """The TOC field (ECMA-376 §17.16.5.68) over Heading 1, its cached result listing every
        level-1 heading as a hyperlink with a PAGEREF field to the heading's bookmark."""
        title = oxml.paragraph(oxml.ppr(self.style("TOC Heading"), page_break_before=not no_break),
                               oxml.run(toc.title))
        style = self.style("toc 1")
        paragraphs: list[_Element] = []
        for i, (text, bookmark) in enumerate(self.toc):
            runs: list[_Element] = []
            if i == 0:
                runs += oxml.field_begin('TOC \\o "1-1" \\h \\z \\u')
            page = self.toc_pages.get(bookmark)
            link = oxml.hyperlink(bookmark, oxml.run(text), oxml.run("\t"),
                                  *oxml.field(f"PAGEREF {bookmark} \\h",
                                              [oxml.run(page)] if page else []))
            runs.append(link)
            if i == len(self.toc) - 1:
                runs.append(oxml.field_end())
            paragraphs.append(oxml.paragraph(oxml.ppr(style), *runs))
        return [title, *paragraphs]

    def flowchart(self, figure: FlowchartFigure) -> list[_Element]:
        """The flowchart as shape groups, one per page it needs, joined by off-page
        connectors."""
        style = Style(_FLOW_TEXT_PT)
        labels = figure.connector_labels
        drawings = layout(figure.chart, style, _FLOW_PAGE_PT,
                          lambda n: labels[n - 1] if n <= len(labels) else str(n))
        return [self.drawing_paragraph(d, "flowchart", new_page=i > 0)
                for i, d in enumerate(drawings)] + [self.spacer()]


def _indent_pt(para: Para) -> float:
    """The left indent (pt) of a paragraph in a cell: its level and its label's hanging."""
    return (para.level * _LEVEL_STEP_TWIPS + (_hanging(para.label) if para.label else 0)) / 20


def _hanging(label: str) -> int:
    """Hanging indent (twips) that fits a list label at 16 pt: "-" 0.6 cm, "5.1" 1 cm …"""
    if len(label) <= 1:
        return 340
    if len(label) <= 3:
        return 567
    if len(label) <= 5:
        return 794
    return 1021


def _split_width(total: int, shares: list[float]) -> list[int]:
    widths = [round(total * s) for s in shares]
    widths[-1] += total - sum(widths)
    return widths


def _update_fields_on_open(document: Document) -> None:
    """Ask Word to update fields (the TOC's page numbers) on opening (§17.15.1.90)."""
    settings = document.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    update = el("w:updateFields", {"val": "true"})
    later = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
             "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
             "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
             "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
             "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")
    for child in settings:
        if child.tag.split("}")[1] in later:
            child.addprevious(update)
            break
    else:
        settings.append(update)


def _declare_thai(document: Document) -> None:
    """Declare Thai the complex-script language of the theme fonts (§17.15.1.88)."""
    lang = document.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:bidi"), "th-TH")
