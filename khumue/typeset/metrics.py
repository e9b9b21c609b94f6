"""Text widths in TH SarabunPSK, from real font metrics.

The advance widths and the single line height of TH Sarabun New, regular and bold, are kept in
``fonts/th-sarabun-metrics.json`` (made by ``tools/make_metrics.py`` from Debian's Laksaman,
drawn from TH Sarabun New at 1.503 times its size, read at 1503 units per em; see
:mod:`khumue.layout.fonts`), so measuring needs no font installed.  Thai above and below marks
have no advance.  Kerning is not applied (TH Sarabun has none for Thai).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

# The zero-width break controls (:mod:`khumue.typeset.wordjoin`), ours or typed: no room.
LAYOUT_MARKS = "\u200b\u200c\u200d\u2060\ufeff"
METRICS_FILE = Path(__file__).resolve().parents[2] / "fonts" / "th-sarabun-metrics.json"


@dataclass(frozen=True)
class FaceMetrics:
    """Advance widths of one face: character → advance in em units (1.0 = the font size), and
    the single line height in em (OS/2 usWinAscent + usWinDescent, as Word spaces lines)."""

    advances: dict[int, float]
    fallback: float  # advance of a character the face lacks (the width of "ก")
    line: float
    _widths: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def width(self, text: str, size_pt: float) -> float:
        """Width of ``text`` set in this face at ``size_pt``, in points (the sum of the
        characters' advances, so widths add up over concatenation)."""
        return size_pt * self.em_width(text)

    def em_width(self, text: str) -> float:
        """Width of ``text`` in em; words are measured once and remembered."""
        cached = self._widths.get(text)
        if cached is None:
            advances, fallback = self.advances, self.fallback
            cached = sum(advances.get(ord(c), fallback) for c in text)
            if len(self._widths) < 200_000:  # bounded: memory does not grow with an office
                self._widths[text] = cached
        return cached


@cache
def face(bold: bool = False) -> FaceMetrics:
    """The metrics of TH SarabunPSK regular or bold."""
    data = json.loads(METRICS_FILE.read_text(encoding="utf-8"))["bold" if bold else "regular"]
    advances = {int(code): width for code, width in data["advances"].items()}
    advances.update({ord(c): 0.0 for c in LAYOUT_MARKS})  # break controls take no room
    return FaceMetrics(advances, advances.get(ord("ก"), 0.5), data["line"])


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Width in points of ``text`` in TH SarabunPSK at ``size_pt``."""
    return face(bold).width(text, size_pt)


def line_height(size_pt: float) -> float:
    """Height in points of one single-spaced line of TH SarabunPSK at ``size_pt``."""
    return face(False).line * size_pt
