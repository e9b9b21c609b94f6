"""Tables (:class:`khumue.typeset.doctree.Table`) as WordprocessingML: fixed grids across the text
width, repeated header rows, rows kept whole when short, drawn flowchart symbols in cells.

The table writer writes the grid, rows and cells; a cell's paragraphs and drawings are
written by the callbacks it is given, with the environment narrowed to the cell (its width,
the table's text size, no list indent of the body, the row's change).

References are to ECMA-376 Part 1 (5th ed.), §17.4 Tables.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.oxml.ns import qn
from lxml.etree import _Element

from khumue.typeset.doctree import Cell, CellSymbol, Para, Row, Table
from khumue.typeset.flowchart import Symbol
from khumue.typeset.flowlayout import Drawing, column_symbol, legend_symbol
from khumue.wordml import oxml
from khumue.wordml.env import WriterEnv
from khumue.wordml.marks import Marks
from khumue.wordml.measure import CELL_MARGINS_TWIPS, pt, row_height, split_width, twips
from khumue.wordml.oxml import el
from khumue.wordml.styles import BODY_PT, TEXT_WIDTH_TWIPS

LEGEND_ROW_PT = 22.0
SPLIT_ROWS_PT = 240.0  # rows estimated taller than this may break across pages

ParaWriter = Callable[[Para, WriterEnv], _Element]  # a paragraph in an environment
DrawingWriter = Callable[[Drawing, str, WriterEnv], _Element]  # a drawing's paragraph


class TableWriter:
    """Writes tables in ``env``; cell paragraphs go through ``para``, drawn symbols through
    ``drawing``; rows are marked through ``marks``."""

    def __init__(self, env: WriterEnv, marks: Marks, para: ParaWriter, drawing: DrawingWriter):
        self.env = env
        self.marks = marks
        self.para = para
        self.drawing = drawing

    def table(self, table: Table) -> _Element:
        """A w:tbl across the text width (§17.4.38); ``keep_together`` keeps every paragraph
        with the next (w:keepNext, §17.3.1.15) so the table stays on one page."""
        widths = split_width(TEXT_WIDTH_TWIPS, table.widths)
        size = None if table.font_pt == BODY_PT else table.font_pt
        rows = [self.row(row, widths, size, header=True) for row in table.header_rows]
        rows += [self.row(row, widths, size) for row in table.rows]
        if table.keep_together:
            for row in rows[:-1]:
                for props in row.iter(qn("w:pPr")):
                    props.get_or_add_keepNext()
        return oxml.table(widths, rows)

    def row(self, row: Row, widths: list[int], size: float | None,
            header: bool = False) -> _Element:
        """A w:tr.  Short rows move whole to the next page; a row taller than a third of a
        page may run on, rather than leave most of a page empty.  A row with a summary-form
        symbol is at least as tall as its estimated text (w:trHeight, §17.4.81), so that the
        symbol's arrow reaches the next row.  An inserted or deleted row is marked, and so is
        everything in it (its cells' runs and paragraph marks, its drawings)."""
        spans = []
        column = 0
        for cell in row.cells:
            spans.append(sum(widths[column:column + cell.span]))
            column += cell.span
        estimate = row_height(row.cells, spans, size or BODY_PT)
        height = estimate if any(c.symbol is not None and c.symbol.arrow_down
                                 for c in row.cells) else None
        change = row.change or self.env.change
        cells = [self.cell(cell, width, self.env.local(
            size_pt=size, indent_base=0, width=width - CELL_MARGINS_TWIPS, change=change),
            height) for cell, width in zip(row.cells, spans, strict=True)]
        element = oxml.table_row(cells, header=header, keep_whole=estimate <= SPLIT_ROWS_PT)
        if height is not None:
            element.find(qn("w:trPr")).append(
                el("w:trHeight", {"val": str(twips(height)), "hRule": "atLeast"}))
        if row.change is not None:
            self.marks.row(element, row.change)
        return element

    def cell(self, cell: Cell, width: int, env: WriterEnv,
             row_height_pt: float | None) -> _Element:
        """A w:tc of ``width`` twips: its paragraphs, or its drawn symbol."""
        if cell.symbol is not None:
            paragraphs = [self.symbol_paragraph(cell.symbol, pt(env.width), row_height_pt, env)]
        else:
            paragraphs = [self.para(p, env) for p in cell.paras]
        return oxml.table_cell(width, paragraphs, span=cell.span, shaded=cell.shaded,
                               merge=cell.merge.value if cell.merge else None)

    def symbol_paragraph(self, symbol: CellSymbol, width: float, height: float | None,
                         env: WriterEnv) -> _Element:
        """A summary-form symbol with its arrow down (``height`` pt: the row's), or a legend
        symbol."""
        if symbol.arrow_down or height is not None:
            drawing = column_symbol(symbol.symbol or Symbol.activity, width,
                                    height or LEGEND_ROW_PT, symbol.arrow_down, symbol.label)
        else:
            drawing = legend_symbol(symbol.symbol, width, LEGEND_ROW_PT)
        return self.drawing(drawing, "symbol", env)
