"""Text widths in TH SarabunPSK, from real font metrics.

The widths come from the font's advance widths (hmtx), in points at a given size.  Where TH
SarabunPSK itself is not installed, Laksaman (Debian's fonts-tlwg-laksaman, drawn from TH
Sarabun New at 1.503 times its size) is read with 1503 units per em, which gives TH Sarabun
New's advances (see :mod:`khumue.fonts`).  Thai above and below marks have no advance.
Kerning is not applied (TH Sarabun has none for Thai).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

from khumue.fonts import LAKSAMAN_DIR, SCALED_UPEM, FontError

_SOURCES = {
    False: (LAKSAMAN_DIR / "Laksaman.ttf", SCALED_UPEM),
    True: (LAKSAMAN_DIR / "Laksaman-Bold.ttf", SCALED_UPEM),
}


@dataclass(frozen=True)
class FaceMetrics:
    """Advance widths of one face: character → advance in em units (1.0 = the font size), and
    the single line height in em (OS/2 usWinAscent + usWinDescent, as Word spaces lines)."""

    advances: dict[int, float]
    fallback: float  # advance of a character the face lacks (the width of "ก")
    line: float = 1.302

    def width(self, text: str, size_pt: float) -> float:
        """Width of ``text`` set in this face at ``size_pt``, in points."""
        return size_pt * sum(self.advances.get(ord(c), self.fallback) for c in text)


@cache
def face(bold: bool = False) -> FaceMetrics:
    """The metrics of TH SarabunPSK regular or bold.  Raises FontError when no source font
    is installed."""
    path, upem = _SOURCES[bold]
    if not path.is_file():
        raise FontError(f"ไม่พบฟอนต์ {path} สำหรับวัดความกว้างข้อความ "
                        "ให้ติดตั้งด้วยคำสั่ง: apt-get install fonts-tlwg-laksaman")
    return _read(path, upem)


def _read(path: Path, upem: int) -> FaceMetrics:
    with TTFont(str(path)) as font:
        hmtx = font["hmtx"]
        advances = {code: hmtx[name][0] / upem for code, name in font.getBestCmap().items()}
        os2 = font["OS/2"]
        line = (os2.usWinAscent + os2.usWinDescent) / upem
    return FaceMetrics(advances, advances.get(ord("ก"), 0.5), line)


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Width in points of ``text`` in TH SarabunPSK at ``size_pt``."""
    return face(bold).width(text, size_pt)


def line_height(size_pt: float) -> float:
    """Height in points of one single-spaced line of TH SarabunPSK at ``size_pt``."""
    return face(False).line * size_pt
