"""A PDF's text layer as readers need it: every run of Thai text carries its text as
/ActualText (ISO 32000-1 §14.9.4), so copying, searching and pdftotext give "ขั้นตอน", not
"ขัน้ ตอน".

Why: LibreOffice writes each zero-advance Thai mark at the pen position after its base, which
is where the next letter starts, so extractors that order glyphs by position put the mark
after the next letter and add a space; and HarfBuzz decomposes sara am into nikhahit and sara
aa, which the font's ToUnicode reads as "ำา".  The runs' text in the order they are drawn is
right (it is the order LibreOffice shapes them in), so each text-showing operator is wrapped
in a marked-content span whose ActualText is that text, sara am repaired and marks in
canonical order.  Spans LibreOffice already gave an ActualText (variant glyphs from GSUB) are
kept as they are, except one holding only a mark: LibreOffice draws a mark by itself at a
line's end, and an extractor that orders by position would put it before the vowel below it
("รู้" read with the tone first), so its text joins its letter's span and its own is
:data:`NOTHING`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import pikepdf
from pikepdf import Dictionary, Name, Operator, String

from khumue.pdf.stream import TEXT_OPERATORS, Instruction, PageContent, TextState

# The ActualText of a mark whose text went to its letter's span: U+0000 (UTF-16BE with its
# BOM), not "": pdfium (Chrome's PDF viewer, pypdfium2) takes an empty ActualText as none and
# reads the mark's glyph again ("ส่่ง"), and skips a span whose text has nothing printable;
# poppler and pypdf read U+0000 as nothing too.
NOTHING = String(b"\xfe\xff\x00\x00")
_THAI = re.compile("[\u0e00-\u0e7f]")
_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+")  # vowels above/below, tones
_BFCHAR = re.compile(r"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(r"beginbfrange(.*?)endbfrange", re.S)
_PAIR = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_RANGE = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def add_actual_text(content: PageContent, maps: dict[str, dict[int, str]],
                    drop_given: bool = False) -> None:
    """Wrap every Thai text-showing operator of a page (``content``; ``maps``: each font's
    code → text by resource name) in a /Span with its ActualText.  LibreOffice's own spans
    are kept, unless ``drop_given``: on a page whose fonts all read each glyph as its letter
    (:mod:`khumue.pdf.fonts`) LibreOffice's spans (which may repeat a mark drawn outside them)
    are dropped and the text is read from the fonts like the rest."""
    spans = _Spans(maps)
    for _, instruction, state in content.walk():
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            spans.result.append(instruction)
        else:
            spans.take(instruction, state, drop_given)
    if spans.changed:
        content.instructions = spans.instructions()
        content.changed = True


class _Spans:
    """The page's instructions with spans to open, each a one-item list holding its text (a
    mark drawn on its own joins the span of the letter before it, whose text is still open
    to change)."""

    def __init__(self, maps: dict[str, dict[int, str]]):
        self.maps = maps
        self.result: list[Instruction | list[str]] = []
        self.last: list[str] | None = None  # the text of the last Thai span, while marks may follow
        self.changed = False

    def take(self, instruction: pikepdf.ContentStreamInstruction, state: TextState,
             drop_given: bool) -> None:
        name, operands = str(instruction.operator), list(instruction.operands)
        if name == "BDC" and state.marked[-1]:
            self.given(instruction, operands, drop_given)
        elif name in TEXT_OPERATORS:
            self.text(instruction, operands, state, drop_given)
        else:
            self.result.append(instruction)

    def given(self, instruction: pikepdf.ContentStreamInstruction, operands: list[Any],
              drop_given: bool) -> None:
        """A span LibreOffice gave its own ActualText."""
        if drop_given:
            self.result.append(pikepdf.ContentStreamInstruction([operands[0]], Operator("BMC")))
            self.changed = True
            return
        given = str(operands[1].ActualText)
        if self.last is not None and _MARKS.fullmatch(given):
            # LibreOffice's own span for a mark drawn by itself: its text goes to the
            # letter's span too
            self.last[0] = _repair(self.last[0] + given)
            self.result.append(pikepdf.ContentStreamInstruction(
                [operands[0], Dictionary(ActualText=NOTHING)], instruction.operator))
            self.changed = True
            return
        self.result.append(instruction)

    def text(self, instruction: pikepdf.ContentStreamInstruction, operands: list[Any],
             state: TextState, drop_given: bool) -> None:
        cmap = self.maps.get(state.font or "")
        text = _decode(operands, cmap) if cmap is not None else ""
        if (state.actual_text and not drop_given) or not text:
            self.result.append(instruction)  # drawn under an ActualText already, or nothing
            return
        if cmap is None or not _THAI.search(text):
            self.last = None
            self.result.append(instruction)
            return
        if self.last is not None and _MARKS.fullmatch(text):
            # a mark drawn by itself (LibreOffice does so at a line's end): its text goes to
            # its letter's span, so extractors that order by position cannot move it
            self.last[0] = _repair(self.last[0] + text)
            self.result += [pikepdf.ContentStreamInstruction(
                [Name.Span, Dictionary(ActualText=NOTHING)], Operator("BDC")), instruction,
                pikepdf.ContentStreamInstruction([], Operator("EMC"))]
            self.changed = True
            return
        leading = _MARKS.match(text)
        if leading and self.last is not None:
            # marks that begin a run belong to the letter the last span ended with (after a
            # mark drawn alone: "กล" "่" "ุมส" reads "กลุ่" "มส")
            self.last[0] = _repair(self.last[0] + leading.group())
            text = text[leading.end():]
        self.last = [_repair(text)]
        self.wrap(self.last, instruction)

    def wrap(self, span: list[str], instruction: pikepdf.ContentStreamInstruction) -> None:
        self.result += [span, instruction, pikepdf.ContentStreamInstruction([], Operator("EMC"))]
        self.changed = True

    def instructions(self) -> list[Instruction]:
        return [pikepdf.ContentStreamInstruction(
                    [Name.Span, Dictionary(ActualText=String(item[0]))], Operator("BDC"))
                if isinstance(item, list) else item for item in self.result]


def font_maps(content: PageContent, fixed: dict[tuple[int, int], dict[int, str]]
              ) -> dict[str, dict[int, str]]:
    """Each font of the page's code → text: from ``fixed`` (the fonts
    :mod:`khumue.pdf.fonts` fixed, by object) or from the font's own /ToUnicode."""
    return {key: fixed[font.objgen] if font.objgen in fixed else to_unicode(font)
            for key, font in content.fonts().items()}


def to_unicode(font: pikepdf.Object) -> dict[int, str]:
    """Character code → text, from a simple font's /ToUnicode CMap (bfchar and bfrange)."""
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    cmap = stream.read_bytes().decode("latin-1")
    out: dict[int, str] = {}
    for block in _BFCHAR.findall(cmap):
        for code, text in _PAIR.findall(block):
            out[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be", errors="replace")
    for block in _BFRANGE.findall(cmap):
        for low, high, text in _RANGE.findall(block):
            start = int.from_bytes(bytes.fromhex(text), "big")
            for i, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                out[code] = chr(start + i)
    return out


def _decode(operands: Sequence[object], cmap: dict[int, str]) -> str:
    parts: list[str] = []

    def string(value: object) -> None:
        if isinstance(value, pikepdf.String):
            parts.append("".join(cmap.get(code, "") for code in bytes(value)))

    for operand in operands:
        if isinstance(operand, pikepdf.Array):
            for item in operand:
                string(item)
        else:
            string(operand)
    return "".join(parts)


def _repair(text: str) -> str:
    """The text as typed: sara am as one character (HarfBuzz draws it as nikhahit + sara aa,
    which the font's ToUnicode reads as "ำา" or "ํา"), and the marks above and below a letter
    in Unicode's canonical order (a tone mark may be drawn before the vowel below it, giving
    "รู้" with U+0E49 before U+0E39, which a search for "รู้" does not find; NFC reorders
    marks by combining class and composes nothing in Thai)."""
    text = text.replace("\u0e33\u0e32", "\u0e33").replace("\u0e4d\u0e32", "\u0e33")
    return unicodedata.normalize("NFC", text)
