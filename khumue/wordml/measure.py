"""Measures of the typeset page: indents of list labels, column widths, balanced lines and
row heights, from TH Sarabun metrics (:mod:`khumue.typeset.metrics`).

Units: twips (1/20 pt, ``docx.shared.Twips``) for WordprocessingML lengths, points for text.
"""

from __future__ import annotations

from docx.shared import Twips

from khumue.typeset.doctree import Cell, Para
from khumue.typeset.metrics import line_height, text_width
from khumue.typeset.thaibreak import balance, line_count

LIST_BASE_TWIPS = 425  # left indent of a level-0 list item in body text
LEVEL_STEP_TWIPS = 567  # further indent of each nested level
CELL_MARGINS_TWIPS = 2 * 85  # left and right cell margins (oxml.table)
SAFETY = 0.98  # of the available width: our "fits" must never be Word's "does not fit"
ROW_MIN_PT = 40.0  # room for a summary-form symbol and its arrow


def pt(twips: int | float) -> float:
    """Twips → points."""
    return Twips(round(twips)).pt


def twips(points: float) -> int:
    """Points → twips, rounded."""
    return round(points * 20)


def hanging(label: str) -> int:
    """Hanging indent (twips) that fits a list label at 16 pt: "-" 0.6 cm, "5.1" 1 cm …"""
    if len(label) <= 1:
        return 340
    if len(label) <= 3:
        return 567
    if len(label) <= 5:
        return 794
    return 1021


def indent_pt(para: Para) -> float:
    """The left indent (pt) of a paragraph in a cell: its level and its label's hanging."""
    return pt(para.level * LEVEL_STEP_TWIPS + (hanging(para.label) if para.label else 0))


def split_width(total: int, shares: list[float]) -> list[int]:
    """``total`` twips split by ``shares`` (summing to 1) into whole twips summing to it."""
    widths = [round(total * s) for s in shares]
    widths[-1] += total - sum(widths)
    return widths


def balanced(text: str, width_twips: int, font: tuple[float, bool]) -> str:
    """``text`` broken into balanced lines (joined by line feeds, which runs turn into w:br)
    at Thai word boundaries, measured in ``font`` (size in pt, bold) within ``width_twips``.
    Text that fits is returned as is."""
    size, bold = font
    lines = balance(text, pt(width_twips) * SAFETY, lambda s: text_width(s, size, bold))
    return "\n".join(line.rstrip() for line in lines)


def row_height(cells: list[Cell], widths: list[int], size: float) -> float:
    """A row's height in pt: the tallest cell's text, its lines counted with the font
    metrics in a slightly narrower column than Word's (so that we never count fewer lines
    than Word), and at least room for a summary-form symbol and its arrow."""
    line = line_height(size)
    tallest = 0.0
    for cell, width in zip(cells, widths, strict=True):
        inner = pt(width - CELL_MARGINS_TWIPS) * 0.95
        lines = sum(line_count(p.text, inner - indent_pt(p), lambda s: text_width(s, size))
                    for p in cell.paras if p.text)
        tallest = max(tallest, lines * line)
    return max(tallest + 2.0, ROW_MIN_PT)
