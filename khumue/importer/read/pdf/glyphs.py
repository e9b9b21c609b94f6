"""The characters a PDF page draws, with where and how (pdfium's text page, through
pypdfium2), and the visual lines they make.

pdfium gives each character in the order the content stream draws it, its Unicode value
(from the font's /ToUnicode), its box (the loose one: the glyph's advance across, the font's
ascent and descent up and down, so that the gap between two boxes is the space between the
letters, whatever their ink), font size and weight.  Word and LibreOffice draw a
line's Thai clusters in reading order, but draw the space glyphs of a line apart (in another
font, after the letters), so a space is taken from the gap between two letters rather than
from the space glyphs.  Coordinates here are PDF points with the origin at the page's top
left (``top`` grows downwards), as pdfplumber gives them.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

MARKS = frozenset(chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)))
SPACE_GAP = 0.22  # × font size: a gap wider than this between two letters is a space
BOLD_WEIGHT = 600  # pdfium's font weight at which a font is bold
# The order of the marks over or under one letter, as Thai is typed: vowel, tone, the rest.
_MARK_ORDER = {m: i for i, m in enumerate("ัิีึืฺุู็่้๊๋์ํ๎")}


@dataclass(frozen=True)
class Glyph:
    """One drawn letter and the marks drawn with it (or a mark drawn apart): its text, box
    (pt, from the page's top left), font size (pt) and whether its font is bold."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def mark(self) -> bool:
        """True for a Thai mark drawn over or under the letter before it."""
        return len(self.text) == 1 and self.text in MARKS

    @property
    def middle(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


@dataclass
class VisualLine:
    """A line of text as drawn: its glyphs in drawing order, its text (spaces from the gaps
    between letters) and its box."""

    glyphs: list[Glyph] = field(default_factory=list)

    @property
    def letters(self) -> list[Glyph]:
        return [g for g in self.glyphs if not g.mark]

    @property
    def text(self) -> str:
        out: list[str] = []
        last: Glyph | None = None
        for glyph in self.glyphs:
            if not glyph.mark and last is not None and \
                    glyph.x0 - last.x1 > SPACE_GAP * max(glyph.size, last.size):
                out.append(" ")
            out.append(glyph.text)
            if not glyph.mark:
                last = glyph
        return "".join(out).strip()

    @property
    def first_word(self) -> float:
        """The width (pt) of the line's text up to its first space: at least what did not
        fit at the end of the line before, when this line goes on from it."""
        letters = self.letters or self.glyphs
        end = letters[0].x1
        for before, glyph in zip(letters, letters[1:], strict=False):
            if glyph.x0 - before.x1 > SPACE_GAP * max(glyph.size, before.size):
                break
            end = glyph.x1
        return end - letters[0].x0

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.letters or self.glyphs)

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.letters or self.glyphs)

    @property
    def top(self) -> float:
        return min(g.top for g in self.letters or self.glyphs)

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.letters or self.glyphs)

    @property
    def size(self) -> float:
        return max((g.size for g in self.glyphs), default=0.0)

    @property
    def bold(self) -> bool:
        letters = self.letters or self.glyphs
        return sum(g.bold for g in letters) * 2 > len(letters)


def page_glyphs(page: pdfium.PdfPage) -> list[Glyph]:
    """The characters ``page`` draws, in drawing order: neither the ones pdfium makes up
    (line ends, spaces it infers) nor drawn spaces."""
    textpage = page.get_textpage()
    height = page.get_height()
    out: list[Glyph] = []
    weight_of = pdfium_c.FPDFText_GetFontWeight
    for index in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(textpage.raw, index):
            continue
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
        text = chr(code) if code else ""
        if not text.strip() or text in "\ufffe\uffff":
            continue
        box = pdfium_c.FS_RECTF()
        if not pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, index, ctypes.byref(box)):
            continue
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
        glyph = Glyph(text, box.left, box.right, height - box.top, height - box.bottom, size,
                      weight_of(textpage.raw, index) >= BOLD_WEIGHT)
        if glyph.mark and out and not out[-1].mark and _over(glyph, out[-1]):
            out[-1] = replace(out[-1], text=_with_mark(out[-1].text, text))
        else:
            out.append(glyph)
    textpage.close()
    return out


def _over(mark: Glyph, letter: Glyph) -> bool:
    """True when ``mark`` is drawn over or under ``letter`` (within a letter's width of it:
    a mark's box is its own glyph's, shifted by the font's positioning)."""
    x = (mark.x0 + mark.x1) / 2
    return letter.x0 - letter.size * 0.6 <= x <= letter.x1 + letter.size * 0.3 and \
        abs(mark.middle[1] - letter.middle[1]) < letter.size


def _with_mark(cluster: str, mark: str) -> str:
    """``cluster`` (a letter and its marks so far) with ``mark`` in its place: vowel marks
    before tone marks, as Thai is typed."""
    order = _MARK_ORDER.get(mark, 99)
    at = len(cluster)
    while at > 1 and _MARK_ORDER.get(cluster[at - 1], -1) > order:
        at -= 1
    return cluster[:at] + mark + cluster[at:]


def visual_lines(glyphs: Iterable[Glyph]) -> list[VisualLine]:
    """``glyphs`` (drawing order) as lines: a letter joins the line of one of the last lines
    at its height and near it (:func:`_same_line`), else starts one; each line's letters
    are then put left to right.
    A mark goes to the letter it is drawn over or under, wherever the content stream draws
    it (LibreOffice draws a line's tone marks after its letters), after that letter's other
    marks in the order Thai is typed (vowel before tone)."""
    lines: list[VisualLine] = []
    marks: list[Glyph] = []
    for glyph in glyphs:
        if glyph.mark:
            marks.append(glyph)
            continue
        line = next((ln for ln in reversed(lines[-12:]) if _same_line(ln, glyph)), None)
        if line is None:
            lines.append(VisualLine([glyph]))
        else:
            line.glyphs.append(glyph)
    for line in lines:  # a letter with its marks is one glyph: left to right is Thai order
        line.glyphs.sort(key=lambda g: g.x0)
    for mark in marks:
        _attach(lines, mark)
    return [ln for ln in lines if ln.text]


_BELOW = frozenset("ฺุู")  # the marks drawn under their letter; the others go over it


def _attach(lines: list[VisualLine], mark: Glyph) -> None:
    """Put ``mark``, drawn apart from the letter before it, after the letter nearest to it:
    on the line nearest it, the letter nearest its middle; after the marks that come
    before it there."""
    x, y = mark.middle
    best: tuple[float, float, VisualLine, int] | None = None
    for line in lines:
        size = line.size or mark.size
        gap = max(line.top - y, y - line.bottom, 0.0)
        if gap > size:
            continue
        for index, glyph in enumerate(line.glyphs):
            if glyph.mark:
                continue
            across = 0.0 if glyph.x0 - 0.5 <= x <= glyph.x1 + 0.5 else \
                min(abs(x - glyph.x0), abs(x - glyph.x1))
            if across > size:
                continue
            if best is None or (gap, across) < best[:2]:
                best = (gap, across, line, index)
    if best is None:
        return  # a mark over nothing: dropped
    _, _, line, index = best
    glyph = line.glyphs[index]
    line.glyphs[index] = replace(glyph, text=_with_mark(glyph.text, mark.text))


def _same_line(line: VisualLine, glyph: Glyph) -> bool:
    """True when ``glyph`` stands on ``line``: its middle at the height of the line's
    letters, and no further from them than four letters' width (drawn later, in another
    font, or in its place)."""
    letters = line.glyphs
    near = min(letters, key=lambda g: abs(g.middle[0] - glyph.middle[0]))
    size = max(glyph.size, near.size)
    return abs(glyph.middle[1] - near.middle[1]) < size * 0.45 and \
        line.x0 - size * 4 < glyph.x0 and glyph.x0 - line.x1 < size * 4
