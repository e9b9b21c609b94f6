"""Where a layout engine may break a line of Thai, said in the text itself with characters
that take no room: a zero-width joiner inside a word, a zero-width space between words.

Word and LibreOffice break Thai lines with dictionaries of their own, and both cut compounds
they do not know: LibreOffice's ICU prints ช่วย|เหลือ, รับผิด|ชอบ, ถูก|ต้อง.  So inside every
word of our segmentation (:mod:`khumue.typeset.thaiwords`) that an engine could cut, between
each two of its character clusters, goes U+200D ZERO WIDTH JOINER: Word's own
"No-Width Non Break" (Insert › Symbol › Special Characters) and, for ICU and any engine
following Unicode's
line breaking (UAX #14 rules LB8a and LB9), no break on either side.  (U+2060 WORD JOINER,
Unicode's choice for this, works in LibreOffice too, but Word documents no handling of it.)
Around such a word, between it and the Thai letter next to it, goes U+200B ZERO WIDTH SPACE
(UAX #14 class ZW: a break is allowed after it), so that the engine still has a place to
break once its own places inside the word are taken away; Word's "No-Width Optional Break"
(U+200C) is not used, since UAX #14 makes it a combining mark where LibreOffice never breaks.
Words with no place an engine could cut (one syllable, or not in any dictionary) get nothing.
A word too wide for its line is broken between its parts (:func:`marks`).

The characters exist only in the DOCX: the typeset tree, the embedded content, the comparison
and the lint see the text as typed, the reader removes them (:func:`plain`) and the PDF's
layout font has no glyph for them, so its text reads as typed too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial

from pythainlp.tokenize import tcc

from khumue.typeset.metrics import LAYOUT_MARKS, text_width
from khumue.typeset.thaiwords import LETTERS, THAI_LETTER, ThaiWords

__all__ = ["LAYOUT_MARKS", "ZWJ", "ZWSP", "marks", "plain", "with_marks"]

ZWSP = "\u200b"  # a break may come here
ZWJ = "\u200d"  # no break here
_STRIP = str.maketrans("", "", LAYOUT_MARKS)

Mark = tuple[int, str]  # (offset in the text, character to insert before it)
Measure = Callable[[str], float]  # text → width in pt
COMPOUND_SHARE = 0.5  # of a line: the widest compound (not a Royal Institute word) kept whole
# A closing bracket or quote against a Thai letter ("SAR)ตาม"): UAX #14 allows no break
# there (LB30), and LibreOffice, finding none in a line that runs from Latin text into Thai,
# breaks inside the Thai word instead ("SAR)ต|าม"); a zero-width space after the bracket gives
# it one.  Never before an opening bracket: ICU allows no break between a zero-width space
# and "(" after Thai, LibreOffice takes the space for one, and breaks the next word instead.
_BRACKETED = re.compile(f"[)\\]}}”’»](?=[{LETTERS}])")


def plain(text: str) -> str:
    """``text`` without zero-width break controls (ours, or a clerk's typed in Word)."""
    return text.translate(_STRIP) if any(c in text for c in LAYOUT_MARKS) else text


@lru_cache(maxsize=100_000)
def marks(text: str, words: ThaiWords, size_pt: float | None = None,
          room: float = 0.0) -> tuple[Mark, ...]:
    """Where the break controls go in ``text`` (free of them), in order.

    The text is cut into units where a line may break, between words in both readings
    (:meth:`ThaiWords.boundaries`: การ|จัดการศึกษา, not การจัด|การศึกษา).  A unit of two
    syllables or more is set apart by a :data:`ZWSP` from the Thai letters beside it, so that
    ICU reads it alone, and, when ICU's dictionary does not hold it whole (a compound, a name:
    ICU would cut it), gets a :data:`ZWJ` between each two of its character clusters.

    With ``size_pt`` (the text's size: widths from TH Sarabun's metrics) and ``room`` (the
    line's width, pt), a unit that is a
    word of the Royal Institute's list stays whole when it fits on a line, any other when it
    takes at most half a line (:data:`COMPOUND_SHARE`); a wider one is cut into its words in
    the Royal Institute's reading, else in the other, else its :meth:`ThaiWords.parts`, each
    kept whole by the same rule."""
    if not THAI_LETTER.search(text):
        return ()
    measure = None if size_pt is None else partial(text_width, size_pt=size_pt)
    cuts = sorted(words.boundaries(text))
    readings = [_cuts(text, words.royal), _cuts(text, words)]
    units: list[tuple[int, int]] = []
    for begin, end in zip(cuts, cuts[1:], strict=False):
        _place(text, begin, end, words, measure, room, readings, units)
    kept = [(b, e) for b, e in units if words.syllables(text[b:e]) > 1]
    joins = {at for b, e in kept if not words.icu_knows(text[b:e]) for at in _inside(text, b, e)}
    spaces = {at for span in kept for at in span if 0 < at < len(text)
              and THAI_LETTER.match(text[at - 1]) and THAI_LETTER.match(text[at])}
    spaces |= {m.end() for m in _BRACKETED.finditer(text)}
    return tuple(sorted([(at, ZWJ) for at in joins] + [(at, ZWSP) for at in spaces - joins]))


def _cuts(text: str, reading: ThaiWords) -> set[int]:
    """The offsets between two tokens of one reading."""
    out, at = set(), 0
    for token in reading.tokens(text):
        at += len(token)
        out.add(at)
    return out


def _place(text: str, begin: int, end: int, words: ThaiWords, measure: Measure | None,
           room: float, readings: list[set[int]], units: list[tuple[int, int]]) -> None:
    """Add the unit ``text[begin:end]`` to ``units`` when it fits on a line, else its words in
    the Royal Institute's reading (then in the other, then its parts), each the same way."""
    unit = text[begin:end]
    if not THAI_LETTER.match(unit):
        return
    share = 1.0 if words.is_royal(unit) else COMPOUND_SHARE
    if measure is None or measure(unit) <= room * share:
        units.append((begin, end))
        return
    for k, reading in enumerate(readings):
        inner = sorted(at for at in reading if begin < at < end)
        if inner:
            for a, b in zip([begin, *inner], [*inner, end], strict=True):
                _place(text, a, b, words, measure, room, readings[k + 1:], units)
            return
    parts = words.parts(unit)
    at = begin
    for part in parts if len(parts) > 1 else ():
        _place(text, at, at + len(part), words, measure, room, [], units)
        at += len(part)


def _inside(text: str, start: int, end: int) -> list[int]:
    """The places inside the word ``text[start:end]`` an engine could break it: between any
    two of its character clusters (pythainlp's TCC, never inside one), since ICU cuts a word
    it does not know anywhere (นิ|เท|ศก์), not only into smaller words."""
    return [start + at for at in _clusters(text[start:end])]


@lru_cache(maxsize=50_000)
def _clusters(token: str) -> tuple[int, ...]:
    """The offsets inside ``token`` between two of its character clusters, Thai on both
    sides."""
    return tuple(at for at in sorted(tcc.tcc_pos(token)) if 0 < at < len(token)
                 and THAI_LETTER.match(token[at - 1]) and THAI_LETTER.match(token[at]))



def with_marks(text: str, words: ThaiWords, size_pt: float | None = None,
               room: float = 0.0) -> str:
    """``text`` with its break controls in place (:func:`marks`)."""
    pieces, last = [], 0
    for at, char in marks(text, words, size_pt, room):
        pieces += [text[last:at], char]
        last = at
    return "".join(pieces) + text[last:]
