"""The pages of an OCR'd scan (:mod:`.ocr`) as the glyphs and ruling lines the PDF reader
(:mod:`.layer`) reads any PDF page from.

Glyphs: OCRmyPDF's text layer draws each cluster Tesseract read at the place it read it,
followed by a space; Tesseract's own text of the page (the sidecar) holds the same letters
in the same order, with spaces only between words.  The two are walked together, so that
each letter keeps its place on the page and the spaces are Tesseract's: the letters of a
word are made to touch (no gap reads as a space), a word's first letter stands apart, and
letters of a word Tesseract boxed out of their order put back in it; a lone dot or "?"
(a speck) is dropped, as are short runs of letters far smaller than the body.  A
scan's font sizes are Tesseract's estimates from the height of each line, which vary from
line to line by more than a heading differs from the body: every size under 1.6 times the
body's is the body's, 16 pt (the body size of official Thai documents, Regulation of the
Prime Minister's Office on Correspondence B.E. 2526), and no letter is bold.  Lines with
no Thai letter and no digit that are at most three characters long (specks, a stamp's edge,
a signature read as letters) are dropped.

Ruling lines: a scan has no drawn lines, so the table borders are found in the page's
picture, rendered at :data:`DPI`: the rows (columns) of dark pixels that run at least
:data:`MIN_RULE_PT` (:data:`MIN_COLUMN_RULE_PT`) with gaps of at most two pixels, rows next
to each other being one line; a vertical line counts only where it starts and ends on
horizontal ones (a letter's stroke does not) and, when shorter than a horizontal border,
where another goes on above or below it (a column's border runs down the rows; the tail of
a letter between two rules does not).  They are given to pdfplumber's table finder
as explicit lines (its "explicit" strategy), as if the PDF had drawn them.  A table's
first-column cell that has ink but no letter (Tesseract's page reading misses a "3." alone
in a wide ลำดับ cell) is read again alone (:func:`read_again`).
"""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass, replace

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
from PIL import ImageOps

from khumue.importer.read.pdf.glyphs import MARKS, SPACE_GAP, Glyph, _with_mark

BODY_PT = 16.0  # the body size of official Thai documents
DPI = 100  # the resolution ruling lines are looked for at
DARK = 190  # a grey level (0 black … 255 white) below which a pixel is ink
MIN_RULE_PT = 40.0  # a horizontal border is at least this long (pt)
MIN_COLUMN_RULE_PT = 14.0  # a vertical border (one row of a table) at least this long (pt)
RULES_READ = frozenset("|¦")  # a table's border read as a letter: dropped
SPECKS_READ = frozenset(".,:;'`?")  # what a speck alone is read as
SPECK = 0.6  # × the median OCR size: a "line" this much smaller is specks read as letters
LARGER = 1.6  # × the median OCR size: a line this much larger is set larger than the body
_THAI_OR_DIGIT = re.compile("[ก-๛0-9]")


RuleLine = dict[str, float | str]  # pdfplumber's line: object_type, x0, x1, top, bottom, …


@dataclass(frozen=True)
class Rules:
    """A page's ruling lines as pdfplumber's explicit lines (dicts of ``object_type``
    "line", ``x0 x1 top bottom`` in pt from the page's top left)."""

    horizontal: list[RuleLine]
    vertical: list[RuleLine]

    @property
    def ruled(self) -> bool:
        """True when there are lines enough for a table: two each way."""
        return len(self.horizontal) >= 2 and len(self.vertical) >= 2

    def table_settings(self) -> dict[str, object]:
        """pdfplumber's table settings that find the tables these lines rule."""
        return {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": self.vertical,
                "explicit_horizontal_lines": self.horizontal}


def scan_glyphs(page: pdfplumber.page.Page, text: str) -> list[Glyph]:
    """The letters on the OCR'd ``page`` (in the order Tesseract read them), spaced as
    Tesseract's ``text`` of the page spaces them; sizes as Tesseract estimated them (see
    :func:`body_sizes`)."""
    chars = [c for c in page.chars if c["text"].strip()]
    letters = "".join(c["text"] for c in chars)
    spaced = text if "".join(text.split()) == letters else None
    apart: list[bool] = []
    if spaced is not None:
        gap = False
        for ch in spaced:
            if ch.isspace():
                gap = True
            else:
                apart.append(gap)
                gap = False
    out: list[Glyph] = []
    word_starts: list[bool] = []
    ruled = False  # a rule read as a letter just before
    for index, char in enumerate(chars):
        ch = char["text"]
        if ch in RULES_READ:
            ruled = True
            continue
        if ch in MARKS and out:
            out[-1] = replace(out[-1], text=_with_mark(out[-1].text, ch))
            continue
        out.append(Glyph(ch, float(char["x0"]), float(char["x1"]), float(char["top"]),
                         float(char["bottom"]), float(char["size"]), False))
        word_starts.append(ruled or (apart[index] if spaced is not None else True))
        ruled = False
    if spaced is None:
        return out
    out, word_starts = _without_specks(out, word_starts)
    _in_reading_order(out, word_starts)
    for index in range(1, len(out)):
        before, glyph = out[index - 1], out[index]
        if not _same_row(before, glyph):
            continue
        if word_starts[index]:
            room = SPACE_GAP * 2 * max(before.size, glyph.size)
            if glyph.x0 - before.x1 < room:
                out[index - 1] = replace(before, x1=max(before.x0, glyph.x0 - room))
        elif glyph.x0 > before.x1:
            out[index - 1] = replace(before, x1=glyph.x0)
    return out


def _without_specks(glyphs: list[Glyph], word_starts: list[bool]) -> tuple[list[Glyph],
                                                                           list[bool]]:
    """``glyphs`` without the dots Tesseract reads from specks: a word of one ".", ",", ":",
    ";", "'", "`" or "?" alone (a full stop belongs to the word before it)."""
    keep = [not (word_starts[i] and glyph.text in SPECKS_READ and
                 (i + 1 == len(glyphs) or word_starts[i + 1] or
                  not _same_row(glyph, glyphs[i + 1])))
            for i, glyph in enumerate(glyphs)]
    return ([g for g, k in zip(glyphs, keep, strict=True) if k],
            [w for w, k in zip(word_starts, keep, strict=True) if k])


def _same_row(before: Glyph, glyph: Glyph) -> bool:
    return abs(glyph.top - before.top) <= glyph.size * 0.5


def _in_reading_order(glyphs: list[Glyph], word_starts: list[bool]) -> None:
    """Letters of a word that Tesseract read in one order but boxed out of it (a cluster
    boxed too wide, "ชํา" over the "น" after it) moved left, in place, so that left to right
    is the order read: each starts before the next letter of its word and ends where that
    starts.  Words keep their places (Tesseract may read a table's columns out of order)."""
    for index in range(len(glyphs) - 2, -1, -1):
        glyph, after = glyphs[index], glyphs[index + 1]
        if not word_starts[index + 1] and _same_row(glyph, after) and glyph.x0 >= after.x0:
            x0 = after.x0 - 0.1
            glyphs[index] = replace(glyph, x0=x0, x1=min(glyph.x1, after.x0))


def body_sizes(pages: list[list[Glyph]]) -> list[list[Glyph]]:
    """``pages`` with every size near the body's (the median) made 16 pt, the larger ones
    scaled with it, and the runs of three letters or fewer far smaller than the body
    (specks read as letters) dropped.  A longer small run is kept: Tesseract boxes a line
    that touches a table's border too small ("ลงทะเบียนรับ" at the foot of a cell)."""
    sizes = [g.size for page in pages for g in page if g.size > 0]
    if not sizes:
        return pages
    median = statistics.median(sizes)
    scale = BODY_PT / median
    return [[replace(g, size=BODY_PT if g.size < median * LARGER else round(g.size * scale, 1))
             for g, letters in zip(page, _word_lengths(page), strict=True)
             if g.size >= median * SPECK or letters > 3] for page in pages]


def _word_lengths(glyphs: list[Glyph]) -> list[int]:
    """For each glyph, how many glyphs its OCR'd line has (the run it is in of glyphs of
    about one size on one row: OCRmyPDF sizes the text to the line's box)."""
    runs: list[list[int]] = []
    for index, glyph in enumerate(glyphs):
        last = glyphs[runs[-1][-1]] if runs else None
        if last is not None and abs(last.size - glyph.size) <= 0.05 * glyph.size and \
                _same_row(last, glyph):
            runs[-1].append(index)
        else:
            runs.append([index])
    lengths = [0] * len(glyphs)
    for run in runs:
        for index in run:
            lengths[index] = len(run)
    return lengths


CELL_DPI = 300  # the resolution a cell Tesseract missed is read again at
CELL_MARGIN = 5  # pixels (at CELL_DPI) left off each side of a cell: its borders
CELL_INK = 60  # dark pixels (at CELL_DPI) a cell needs to be read again: not a speck


def read_again(picture: pdfium.PdfPage,
               cells: list[tuple[float, float, float, float]]) -> list[Glyph]:
    """Letters for those of ``cells`` (x0, top, x1, bottom in pt) that hold ink in
    ``picture`` (the scanned page): each read alone by Tesseract
    (:func:`~khumue.importer.read.pdf.ocr.read_cell`), its letters placed along the cell's
    middle, body size.  For cells the page's reading left empty: it misses a short text
    alone in a wide cell (the row numbers "3.", "4." of a summary form's ลำดับ column)."""
    from khumue.importer.read.pdf.ocr import read_cell

    if not cells:
        return []
    scale = CELL_DPI / 72
    image = picture.render(scale=scale, grayscale=True).to_pil().convert("L")
    out: list[Glyph] = []
    for x0, top, x1, bottom in cells:
        crop = image.crop((int(x0 * scale) + CELL_MARGIN, int(top * scale) + CELL_MARGIN,
                           int(x1 * scale) - CELL_MARGIN, int(bottom * scale) - CELL_MARGIN))
        if crop.width <= 0 or crop.height <= 0 or (np.asarray(crop) < 128).sum() < CELL_INK:
            continue
        crop = ImageOps.expand(crop, border=20, fill=255)  # Tesseract wants a white margin
        png = io.BytesIO()
        crop.save(png, "PNG")
        text = " ".join(read_cell(png.getvalue()).split())
        middle, at = (top + bottom) / 2, x0 + 3.0
        for ch in text:
            if not ch.isspace():
                out.append(Glyph(ch, at, at + BODY_PT / 2, middle - BODY_PT / 2,
                                 middle + BODY_PT / 2, BODY_PT, False))
            at += BODY_PT / 2
    return out


def noise(text: str) -> bool:
    """True for a line OCR read from specks, a stamp or a signature: no Thai letter and no
    digit, at most three characters."""
    plain = "".join(text.split())
    return len(plain) <= 3 and not _THAI_OR_DIGIT.search(plain)


def ruling_lines(page: pdfium.PdfPage) -> Rules:
    """The ruling lines of the scanned ``page``, found in its picture."""
    scale = DPI / 72
    image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
    dark = np.asarray(image) < DARK
    to_pt = 72 / DPI
    horizontal = [_line(a * to_pt, b * to_pt, at * to_pt, at * to_pt)
                  for at, a, b in _lines(dark, round(MIN_RULE_PT / to_pt))]
    vertical = [_line(at * to_pt, at * to_pt, a * to_pt, b * to_pt)
                for at, a, b in _lines(dark.T, round(MIN_COLUMN_RULE_PT / to_pt))]
    vertical = [v for v in vertical if _ends_on_rules(v, horizontal)]
    vertical = [v for v in vertical if _in_a_column(v, vertical)]
    return Rules(horizontal, vertical)


def _line(x0: float, x1: float, top: float, bottom: float) -> RuleLine:
    """A line as pdfplumber's table finder takes it (pt from the page's top left)."""
    return {"object_type": "line", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "width": x1 - x0, "height": bottom - top}


def _in_a_column(line: RuleLine, vertical: list[RuleLine], near: float = 2.5) -> bool:
    """True when the vertical ``line`` is long (:data:`MIN_RULE_PT`) or another vertical
    line goes on from its end, above or below it, at its x (within ``near`` pt): a column's
    border goes down the rows, the tail of a letter between two rules ("ฏ" in "ปฏิบัติ" in a
    header row just its height) does not, though the same header typed again lower on the
    page has the same tail at the same x."""
    x, top, bottom = float(line["x0"]), float(line["top"]), float(line["bottom"])
    return bottom - top >= MIN_RULE_PT or any(
        abs(float(v["x0"]) - x) <= near and
        (abs(float(v["top"]) - bottom) <= near or abs(float(v["bottom"]) - top) <= near)
        for v in vertical if v is not line)


def _ends_on_rules(line: RuleLine, horizontal: list[RuleLine],
                   near: float = 4.0) -> bool:
    """True when the vertical ``line`` starts and ends on horizontal lines (within ``near``
    pt), as a table's borders do and the strokes of letters do not."""
    x = float(line["x0"])

    def on(y: float) -> bool:
        return any(abs(float(h["top"]) - y) <= near and
                   float(h["x0"]) - near <= x <= float(h["x1"]) + near for h in horizontal)

    return on(float(line["top"])) and on(float(line["bottom"]))


def _lines(dark: np.ndarray, shortest: int, max_gap: int = 2) -> list[tuple[float, int, int]]:
    """The long runs of ink along the rows of ``dark`` (a bool array), as lines: (row,
    start, end) in pixels, runs on neighbouring rows that overlap being one line (at their
    middle row)."""
    runs: list[tuple[int, int, int]] = []
    edges = np.diff(np.pad(dark, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    for row in np.flatnonzero(dark.sum(axis=1) >= shortest):
        starts = np.flatnonzero(edges[row] == 1)
        ends = np.flatnonzero(edges[row] == -1)
        first: int = int(starts[0])
        last: int = int(ends[0])
        for start, end in zip(starts[1:], ends[1:], strict=True):
            if start - last <= max_gap:
                last = int(end)
                continue
            if last - first >= shortest:
                runs.append((int(row), first, last))
            first, last = int(start), int(end)
        if last - first >= shortest:
            runs.append((int(row), first, last))
    groups: list[list[tuple[int, int, int]]] = []
    for run in runs:
        for group in reversed(groups[-8:]):
            at, begins, ends_at = group[-1]
            if run[0] - at <= 2 and run[1] < ends_at and begins < run[2]:
                group.append(run)
                break
        else:
            groups.append([run])
    return [(sum(r[0] for r in g) / len(g), min(r[1] for r in g), max(r[2] for r in g))
            for g in groups]
