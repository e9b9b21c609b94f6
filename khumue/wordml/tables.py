"""Tables (:class:`khumue.doctree.Table`) as WordprocessingML: fixed grids across the text
width, repeated header rows, rows kept whole when short, drawn flowchart symbols in cells.

References are to ECMA-376 Part 1 (5th ed.), §17.4 Tables.
"""

from __future__ import annotations

from dataclasses import replace

from docx.oxml.ns import qn
from lxml.etree import _Element

from khumue.doctree import Cell, CellSymbol, Change, Para, Row, Table
from khumue.flowchart import Symbol
from khumue.flowlayout import column_symbol, legend_symbol
from khumue.wordml import oxml
from khumue.wordml.blocks import BlockWriter
from khumue.wordml.measure import CELL_MARGINS_TWIPS, pt, row_height, split_width, twips
from khumue.wordml.oxml import el
from khumue.wordml.styles import BODY_PT, TEXT_WIDTH_TWIPS

LEGEND_ROW_PT = 22.0
SPLIT_ROWS_PT = 240.0  # rows estimated taller than this may break across pages


class TableWriter:
    """Writes tables; cell paragraphs go through ``blocks``."""

    def __init__(self, blocks: BlockWriter):
        self.blocks = blocks

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
        symbol's arrow reaches the next row."""
        spans = []
        column = 0
        for cell in row.cells:
            spans.append(sum(widths[column:column + cell.span]))
            column += cell.span
        height = None
        estimate = row_height(row.cells, spans, size or BODY_PT)
        if any(c.symbol is not None and c.symbol.arrow_down for c in row.cells):
            height = estimate
        out = []
        for cell, width in zip(row.cells, spans, strict=True):
            out.append(self.cell(cell, width, size, height, row.change))
        element = oxml.table_row(out, header=header, keep_whole=estimate <= SPLIT_ROWS_PT)
        if height is not None:
            element.find(qn("w:trPr")).append(
                el("w:trHeight", {"val": str(twips(height)), "hRule": "atLeast"}))
        if row.change is not None:  # its cells' paragraphs are marked as wholes too
            self.blocks.mark_row(element, row.change)
        return element

    def cell(self, cell: Cell, width: int, size: float | None,
             row_height_pt: float | None, change: Change | None = None) -> _Element:
        """A w:tc of ``width`` twips: its paragraphs, or its drawn symbol."""
        inner = width - CELL_MARGINS_TWIPS
        if cell.symbol is not None:
            paragraphs = [self.symbol_paragraph(cell.symbol, pt(inner), row_height_pt)]
        else:
            paragraphs = [self.blocks.para(p if p.change or not change else _with(p, change),
                                           size_pt=size, base=0, width=inner)
                          for p in cell.paras]
        return oxml.table_cell(width, paragraphs, span=cell.span, shaded=cell.shaded)

    def symbol_paragraph(self, symbol: CellSymbol, width: float,
                         height: float | None) -> _Element:
        """A summary-form symbol with its arrow down (``height`` pt: the row's), or a legend
        symbol."""
        if symbol.arrow_down or height is not None:
            drawing = column_symbol(symbol.symbol or Symbol.activity, width,
                                    height or LEGEND_ROW_PT, symbol.arrow_down, symbol.label)
        else:
            drawing = legend_symbol(symbol.symbol, width, LEGEND_ROW_PT)
        return self.blocks.drawing_paragraph(drawing, "symbol")


def _with(para: Para, change: Change) -> Para:
    """``para`` marked as a whole (its row was inserted or deleted)."""
    return replace(para, change=change)
