"""A PDF's text layer read as a document of paragraphs and tables
(:class:`~khumue.wordml.readtypes.ReadDocument`), so that the recogniser of hand-typed
manuals reads it as it reads a Word file.

Per page: the tables from their ruling lines (pdfplumber's table finder), the drawn shapes
outside them (rectangles and curves: a flowchart, whose text becomes the shapes' text), and
the characters (:mod:`.glyphs`) sorted into the tables' cells, the shapes and the page.
Visual lines become paragraphs by their geometry: a paragraph ends where a line ends with
room left for the next line's first word, before a line that starts with a list label, a
change of size or weight, a gap wider than a line, or a centred line.  Running headers and
footers (the same line at the top or foot of most pages, page numbers) are dropped; lines
are joined without a space between two Thai letters (Thai lines wrap between words, not at
spaces).  A table that goes on over a page break is one table again.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pdfplumber
import pypdfium2 as pdfium

from khumue.importer.read.lines import parse_label
from khumue.importer.read.pdf.glyphs import Glyph, VisualLine, page_glyphs, visual_lines
from khumue.importer.read.pdf.scanread import (
    Rules,
    body_sizes,
    noise,
    read_again,
    ruling_lines,
    scan_glyphs,
)
from khumue.typeset.digits import arabic_digits
from khumue.typeset.thaiwords import thai_words
from khumue.wordml.readtypes import Block, ReadCell, ReadDocument, ReadPara, ReadShape, ReadTable

BAND = 0.08  # share of the page height at its top and foot where running lines stand
_PAGE_NUMBER = re.compile(r"^[-–(\[]?\s*(?:หน้า|page)?\s*[0-9๐-๙ivxlcdm]{1,4}\s*[-–)\]]?$",
                          re.IGNORECASE)
_THAI = re.compile("[ก-๛]")


@dataclass
class _Placed:
    """A block and where it starts on its page (pt from the top)."""

    top: float
    block: Block


@dataclass
class PdfLayer:
    """A PDF's pages as blocks, and how many characters its text layer has."""

    document: ReadDocument
    characters: int
    pages: int


def read_layer(data: bytes, ocr_text: Sequence[str] | None = None) -> PdfLayer:
    """The text layer of the PDF ``data`` as a document; with ``ocr_text`` (Tesseract's
    text of each page), ``data`` is a scan OCRmyPDF gave a text layer, read as
    :mod:`.scanread` says.  Raises pdfium.PdfiumError for a file pdfium cannot open
    (broken, or locked with a password)."""
    document = pdfium.PdfDocument(data)
    rules: list[Rules | None] = [None] * len(document)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:  # each page parsed once: OCR layers
            if ocr_text is None:                          # are big
                glyphs = [page_glyphs(document[i]) for i in range(len(document))]
            else:
                rules = [ruling_lines(document[i]) for i in range(len(document))]
                glyphs = body_sizes([scan_glyphs(page, text) for page, text in
                                     zip(pdf.pages, [*ocr_text, *[""] * len(pdf.pages)],
                                         strict=False)])
            sizes = Counter(round(g.size) for page in glyphs for g in page if not g.mark)
            body = sizes.most_common(1)[0][0] if sizes else 16.0
            placed: list[list[_Placed]] = []
            heights: list[float] = []
            for number, (page, page_chars, ruled) in enumerate(zip(pdf.pages, glyphs, rules,
                                                                   strict=False)):
                heights.append(float(page.height))
                picture = document[number] if ruled is not None else None
                placed.append(_page(page, page_chars, body, ruled, picture))
    finally:
        document.close()
    running = _running(placed, heights)
    blocks: list[Block] = []
    for on_page in placed:
        kept = [p.block for p in on_page if id(p) not in running]
        if blocks and kept and isinstance(blocks[-1], ReadTable) and \
                isinstance(kept[0], ReadTable) and _same_columns(blocks[-1], kept[0]):
            then = kept.pop(0)
            assert isinstance(then, ReadTable)
            blocks[-1] = _continued(blocks[-1], then)
        blocks += kept
    count = sum(len(page) for page in glyphs)
    return PdfLayer(ReadDocument(blocks, [len(blocks) - 1] if blocks else [], {}), count,
                    len(glyphs))


def _page(page: pdfplumber.page.Page, glyphs: list[Glyph], body: float,
          rules: Rules | None = None, picture: pdfium.PdfPage | None = None) -> list[_Placed]:
    if rules is None:
        found = page.find_tables()
    else:
        found = page.find_tables(rules.table_settings()) if rules.ruled else []
    tables = [t for t in found if len(t.rows) >= 1 and len(t.rows[0].cells) >= 2]
    scan = rules is not None
    if picture is not None:  # a scan: a table's first-column cell Tesseract left empty
        glyphs = glyphs + read_again(picture, [
            box for t in tables for row in t.rows if (box := row.cells[0]) is not None
            and not any(_within(*g.middle, box) for g in glyphs)])
    boxes = [t.bbox for t in tables]
    shapes = [s for s in _shapes(page) if not any(_inside(s[1], b) for b in boxes)]
    in_cells: dict[int, list[Glyph]] = {}
    in_shapes: dict[int, list[Glyph]] = {}
    free: list[Glyph] = []
    for glyph in glyphs:
        x, y = glyph.middle
        cell_of = next((i for i, b in enumerate(boxes) if _within(x, y, b)), None)
        shape = next((i for i, s in enumerate(shapes) if _within(x, y, s[1])), None)
        if cell_of is not None:
            in_cells.setdefault(cell_of, []).append(glyph)
        elif shape is not None:
            in_shapes.setdefault(shape, []).append(glyph)
        else:
            free.append(glyph)
    left = min((g.x0 for g in glyphs), default=72.0)
    right = max((g.x1 for g in glyphs), default=float(page.width) - 72.0)
    lines = [ln for ln in visual_lines(free) if not (scan and noise(ln.text))]
    out = [_Placed(top, para) for top, para in _paragraphs(lines, left, right, body, scan)]
    for number, table in enumerate(tables):
        out.append(_Placed(table.bbox[1], _table(table, in_cells.get(number, []), body,
                                                 scan)))
    if shapes:
        drawn = tuple(ReadShape(kind, " ".join(ln.text for ln in visual_lines(
            in_shapes.get(i, [])))) for i, (kind, _) in enumerate(shapes))
        out.append(_Placed(min(s[1][1] for s in shapes), ReadPara("", shapes=drawn)))
    out.sort(key=lambda p: p.top)
    return out


def _same_columns(first: ReadTable, then: ReadTable) -> bool:
    return bool(first.rows and then.rows) and len(first.rows[-1]) == len(then.rows[0])


def _continued(first: ReadTable, then: ReadTable) -> ReadTable:
    """A table that goes on over a page break, as one: the header typed (or repeated)
    again at the top of the next page left out, and a first row with nothing in its first
    cell (a row the break cut in two) joined to the last row, each cell's text going on
    from where it stopped."""
    rows = list(then.rows)
    header = [_key(c) for c in first.rows[0]] if first.rows else []
    if rows and [_key(c) for c in rows[0]] == header:
        rows.pop(0)
    joined = list(first.rows)
    if rows and joined and not _key(rows[0][0]) and any(_key(c) for c in rows[0]):
        joined[-1] = [_joined_cells(a, b) for a, b in zip(joined[-1], rows.pop(0), strict=True)]
    return ReadTable(joined + rows, first.header_rows)


def _joined_cells(first: ReadCell, then: ReadCell) -> ReadCell:
    if not first.paras or not then.paras:
        return ReadCell(first.paras + then.paras, first.span)
    last, going_on = first.paras[-1], then.paras[0]
    glue = "" if _THAI.match(last.text[-1:]) and _THAI.match(going_on.text[:1]) else " "
    merged = ReadPara(last.text + glue + going_on.text, bold=last.bold, size_pt=last.size_pt,
                      indent_twips=last.indent_twips)
    return ReadCell([*first.paras[:-1], merged, *then.paras[1:]], first.span)


def _key(cell: ReadCell) -> str:
    return "".join(cell.text.split())


def _table(table: pdfplumber.table.Table, glyphs: list[Glyph], body: float,
           scan: bool = False) -> ReadTable:
    rows: list[list[ReadCell]] = []
    for row in table.rows:
        cells = []
        for box in row.cells:
            if box is None:
                cells.append(ReadCell([]))
                continue
            inside = [g for g in glyphs if _within(*g.middle, box)]
            lines = [ln for ln in visual_lines(inside) if not (scan and noise(ln.text))]
            paras = [p for _, p in _paragraphs(lines, box[0] + 2, box[2] - 2, body, scan)]
            if scan and not cells:
                paras = _row_number(paras)
            cells.append(ReadCell(paras))
        rows.append(cells)
    return ReadTable(rows)


_OCR_NUMBER = re.compile(r"^\s*([0-9๐-๙]{1,3})\s*[.,:;]?[\s.,:;'`\-]*$")


def _row_number(paras: list[ReadPara]) -> list[ReadPara]:
    """A scanned row's first cell as its number: "2:", "4,", "3. -" (OCR's reading of
    "2." and a speck) read as "2." (the ที่ column numbers the rows)."""
    match = _OCR_NUMBER.match(" ".join(p.text for p in paras)) if paras else None
    if match is None:
        return paras
    return [replace(paras[0], text=match.group(1) + ".")]


def _paragraphs(lines: Sequence[VisualLine], left: float, right: float,
                body: float, scan: bool = False) -> list[tuple[float, ReadPara]]:
    """Visual lines (in drawing order) as paragraphs, each with the top of its first line.
    In a ``scan`` a line's first word is its first Thai word (OCR's spaces are only the
    typist's, and a scan has no weight or size to tell a heading from its body)."""
    out: list[tuple[float, ReadPara]] = []
    run: list[VisualLine] = []
    for line in lines:
        if run and _continues(run[-1], line, left, right, scan):
            run.append(line)
            continue
        if run:
            out.append(_para(run, left, right, body))
        run = [line]
    if run:
        out.append(_para(run, left, right, body))
    return out


def _continues(previous: VisualLine, line: VisualLine, left: float, right: float,
               scan: bool = False) -> bool:
    size = max(previous.size, line.size, 1.0)
    label, _ = parse_label(line.text)
    first_word = _first_thai_word(line) if scan else line.first_word
    return not (
        label is not None
        or abs(previous.size - line.size) > 1.0 or previous.bold != line.bold
        or line.top - previous.bottom > size * 0.9 or line.top < previous.top
        or previous.x1 + first_word + size * 0.5 < right
        or _centered(previous, left, right) or _centered(line, left, right))


def _first_thai_word(line: VisualLine) -> float:
    """The width (pt) of ``line``'s first word as the line breaker cuts Thai (its share of
    the line's letters, of the line's width): what did not fit on the line before."""
    text = line.text
    head = text.split(" ", 1)[0]
    if _THAI.match(head):
        head = thai_words().tokens(head)[0]
    return (line.x1 - line.x0) * len(head) / max(len(text), 1)


def _centered(line: VisualLine, left: float, right: float) -> bool:
    middle = (line.x0 + line.x1) / 2
    return line.x0 - left > line.size * 2 and abs(middle - (left + right) / 2) < line.size * 1.5


def _para(run: list[VisualLine], left: float, right: float, body: float) -> tuple[float, ReadPara]:
    text = ""
    for line in run:
        piece = line.text
        if text and not (_THAI.match(text[-1]) and _THAI.match(piece[:1])):
            text += " "
        text += piece
    first = run[0]
    large = first.size >= body * 1.12
    return first.top, ReadPara(text, bold=first.bold or large, size_pt=round(first.size, 1),
                               centered=_centered(first, left, right) and len(run) == 1,
                               indent_twips=max(int((first.x0 - left) * 20), 0))


def _shapes(page: pdfplumber.page.Page) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The drawn shapes of a flowchart on ``page``: (kind, box) for each rectangle and
    closed curve at least 12 pt each way; a curve of four corners at the middles of its
    box's sides is a diamond (a decision)."""
    out = []
    for rect in page.rects:
        if rect["width"] >= 12 and rect["height"] >= 12:
            out.append(("flowChartProcess", (rect["x0"], rect["top"], rect["x1"],
                                             rect["bottom"])))
    for curve in page.curves:
        if curve["width"] < 12 or curve["height"] < 12:
            continue
        box = (curve["x0"], curve["top"], curve["x1"], curve["bottom"])
        out.append(("flowChartDecision" if _diamond(curve, box) else "flowChartTerminator",
                    box))
    return out


def _diamond(curve: dict, box: tuple[float, float, float, float]) -> bool:
    points = curve.get("pts") or []
    if not 4 <= len(points) <= 6:
        return False
    mid_x, mid_y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    near = [any(abs(x - px) < 2 and abs(y - py) < 2 for x, y in points)
            for px, py in ((mid_x, box[1]), (box[2], mid_y), (mid_x, box[3]), (box[0], mid_y))]
    return all(near)


def _running(pages: list[list[_Placed]], heights: list[float]) -> set[int]:
    """The blocks that are running headers or footers: a paragraph in the top or foot band
    of its page that is a page number, or whose words (digits aside) stand in that band on
    at least two pages and a third of them."""
    seen: Counter[str] = Counter()
    banded: list[tuple[_Placed, str]] = []
    for page, height in zip(pages, heights, strict=True):
        for placed in page:
            block = placed.block
            if not isinstance(block, ReadPara) or not block.text:
                continue
            if placed.top < height * BAND or placed.top > height * (1 - BAND):
                key = re.sub(r"[0-9๐-๙]+", "#", arabic_digits("".join(block.text.split())))
                banded.append((placed, key))
                seen[key] += 1
    wanted = max(2, len(pages) // 3)
    return {id(p) for p, key in banded
            if seen[key] >= wanted or (isinstance(p.block, ReadPara) and
                                       _PAGE_NUMBER.match(p.block.text.strip()))}


def _within(x: float, y: float, box: tuple[float, float, float, float]) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _inside(inner: tuple[float, float, float, float],
            outer: tuple[float, float, float, float]) -> bool:
    return inner[0] >= outer[0] - 1 and inner[1] >= outer[1] - 1 and \
        inner[2] <= outer[2] + 1 and inner[3] <= outer[3] + 1
