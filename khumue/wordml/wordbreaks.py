"""Thai lines that break between words in Word and LibreOffice: every paragraph of the written
document gets the zero-width break controls :mod:`khumue.typeset.wordjoin` decides, inside
the w:t elements (ECMA-376 Part 1 §17.3.3.31) that hold the places.

A paragraph's text is read as a reader sees it, run after run (a word may span runs); a tab,
a line break, a drawing, a field code or deleted text ends a stretch, since no word runs
across them.  Paragraphs nested in text boxes are stretches of their own.  Whether a word
fits on one line is measured with TH Sarabun's metrics at the run's size, in the width of the
table cell (w:tcW, less its margins) or of the text column the paragraph stands in, less its
indent: a word wider than that is broken between its parts.
"""

from __future__ import annotations

from collections.abc import Iterator

from docx.oxml.ns import qn
from lxml.etree import _Element

from khumue.typeset.thaiwords import ThaiWords
from khumue.typeset.wordjoin import marks
from khumue.wordml.measure import CELL_MARGINS_TWIPS, SAFETY, pt
from khumue.wordml.styles import BODY_PT, TEXT_WIDTH_TWIPS

_TEXT = qn("w:t")
_P = qn("w:p")
_ENDS = frozenset({qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:delText"), qn("w:instrText"),
                   qn("w:drawing"), qn("w:pict"), qn("w:object"), qn("w:sym"), qn("w:ptab")})
_PROPERTIES = frozenset({qn("w:pPr"), qn("w:rPr"), qn("w:tblPr"), qn("w:tcPr")})


def mark_word_breaks(root: _Element, words: ThaiWords) -> None:
    """Give every paragraph under ``root`` (a document body, a header) its break controls."""
    for paragraph in root.iter(_P):
        line = _line(paragraph)
        for stretch in _stretches(paragraph):
            _mark(stretch, words, line)


def _stretches(paragraph: _Element) -> Iterator[list[_Element]]:
    """The paragraph's w:t elements in reading order, in stretches no word crosses."""
    stretch: list[_Element] = []
    for element in _walk(paragraph):
        if element.tag == _TEXT:
            stretch.append(element)
        elif stretch:
            yield stretch
            stretch = []
    if stretch:
        yield stretch


def _walk(element: _Element) -> Iterator[_Element]:
    """w:t elements and the elements that end a stretch, in document order, not entering
    nested paragraphs (a text box's) nor properties."""
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _PROPERTIES:
            continue
        if child.tag == _TEXT or child.tag in _ENDS or child.tag == _P:
            yield child
        else:
            yield from _walk(child)


def _mark(stretch: list[_Element], words: ThaiWords, line: tuple[float, float]) -> None:
    """Insert the break controls of the stretch's text into its w:t elements, each before
    the character it precedes."""
    texts = [t.text or "" for t in stretch]
    placed = marks("".join(texts), words, *line)
    if not placed:
        return
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text)
    pending: dict[int, list[tuple[int, str]]] = {}
    k = 0
    for at, char in placed:
        while k + 1 < len(stretch) and starts[k + 1] <= at:
            k += 1
        pending.setdefault(k, []).append((at - starts[k], char))
    for k, inserts in pending.items():
        text, pieces, last = texts[k], [], 0
        for at, char in inserts:
            pieces += [text[last:at], char]
            last = at
        stretch[k].text = "".join(pieces) + text[last:]


def _line(paragraph: _Element) -> tuple[float, float]:
    """``paragraph``'s text size (its first run's, pt) and how wide its lines are (pt): its
    cell's width (or the text column's), less its left indent."""
    width = TEXT_WIDTH_TWIPS
    cell = next(paragraph.iterancestors(qn("w:tc")), None)
    if cell is not None:
        measured = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
        if measured is not None and (measured.get(qn("w:w")) or "").isdigit():
            width = int(measured.get(qn("w:w")) or 0) - CELL_MARGINS_TWIPS
    indent = paragraph.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    if indent is not None and (indent.get(qn("w:left")) or "").lstrip("-").isdigit():
        width -= int(indent.get(qn("w:left")) or 0)
    size = BODY_PT
    half_points = paragraph.find(f"{qn('w:r')}/{qn('w:rPr')}/{qn('w:szCs')}")
    if half_points is not None and (half_points.get(qn("w:val")) or "").isdigit():
        size = int(half_points.get(qn("w:val")) or 0) / 2
    return size, round(pt(width) * SAFETY, 1)
