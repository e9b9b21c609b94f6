"""TH SarabunIT๙: the letters of TH SarabunPSK, with Thai digit glyphs at the code points of the
Arabic digits U+0030–0039, which many Thai government offices type in so that "123" shows
as "๑๒๓".

Its text and its page disagree: a PDF's text, a search and a screen reader read "123" where
the page shows ๑๒๓, and a web address typed in it (www.pyo2.go.th) shows Thai digits, which is
wrong.  So an office set in IT๙ gets its digits as real characters (``digits: thai``:
U+0E50–0E59, shown the same in both fonts), and every Arabic digit left (web addresses,
e-mail addresses, codes; all numbers of an office that prints Arabic digits) is set in TH
SarabunPSK, where it shows as Arabic (:mod:`khumue.wordml.itdigits`).  LibreOffice lays it out
with a font made like the TH SarabunPSK one (:mod:`khumue.layout.fonts`), its Arabic digits drawn as
Thai; an imported manual typed in IT๙ is read as its page shows, in Thai digits.
"""

from __future__ import annotations

import re

from khumue.typeset.digits import PROTECTED_SPANS

IT_FAMILY = "TH SarabunIT๙"
IT_POSTSCRIPT = "THSarabunIT9"  # PostScript names are ASCII
PSK_FAMILY = "TH SarabunPSK"
_ARABIC = re.compile("[0-9]+")


def is_it_font(name: str | None) -> bool:
    """True for TH SarabunIT๙ however it is written ("TH SarabunIT๙", "TH Sarabun IT9",
    "THSarabunIT๙")."""
    return re.sub(r"[\s_-]+", "", name or "").lower() in ("thsarabunit๙", "thsarabunit9")


def arabic_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of ``text`` that must show Arabic digits: each web address,
    e-mail address or code holding a digit, and every other run of Arabic digits; sorted,
    not overlapping."""
    spans = [m.span() for m in PROTECTED_SPANS.finditer(text) if _ARABIC.search(m.group())]
    taken = list(spans)
    for match in _ARABIC.finditer(text):
        start, end = match.span()
        if not any(s <= start and end <= e for s, e in taken):
            spans.append((start, end))
    return sorted(spans)
