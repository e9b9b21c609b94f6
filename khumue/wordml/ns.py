"""The XML namespaces of ``wordml/``, in one map, and :func:`qn` for a prefixed tag.

python-docx's ``docx.oxml.ns.qn`` knows the WordprocessingML core (w, wp, a, r …); the
drawing, markup-compatibility and VML namespaces Word 2010 and later write are added here
(ECMA-376 Part 1 §20, Part 3 for mc; MS-ODRAWXML for wps and wpg).
"""

from __future__ import annotations

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "ds": "http://schemas.openxmlformats.org/officeDocument/2006/customXml",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
}
WORD_URI = "http://schemas.microsoft.com/office/word"
MC = NS["mc"]
V = NS["v"]


def qn(tag: str) -> str:
    """Clark notation of a prefixed tag: ``qn("wps:wsp")`` →
    ``{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}wsp``."""
    prefix, _, name = tag.partition(":")
    return f"{{{NS[prefix]}}}{name}"
