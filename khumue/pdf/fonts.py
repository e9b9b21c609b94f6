"""The text of each glyph in a PDF's embedded Thai fonts, as the glyph itself says.

Extractors that ignore ActualText (pypdf; pdfminer; PDF.js, Firefox's viewer, where support
was still an open pull request, mozilla/pdf.js#20014) read a simple font's text from its
/ToUnicode CMap alone, one code at a time, in the order the glyphs are drawn.  LibreOffice
7.4 builds that CMap from the character cluster a glyph first appeared in, so Thai glyphs
reached through the font's GSUB get another mark's character: in TH SarabunPSK
"uni0E48.low" (a lowered mai ek) was read as U+0E39 and sara uu as U+0E48, so "ส่งเสริม" came
out "สูงเสริม".  :func:`fix_fonts` rebuilds the CMap from the glyphs: each glyph of the
embedded subset is found in the font the PDF was made with (by its outline), and its text is
the character the font's cmap gives it, or, for a glyph only reached by substitution, that of
the glyph it substitutes (ISO 32000-1 §9.10.3).

A font is read (:func:`read_font`, which changes nothing) apart from being given its new
CMap (:func:`install_font`).  What the order of drawing gets wrong is put right in the pages'
content by :mod:`khumue.pdf.marks`.
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import pikepdf
from fontTools.ttLib import TTFont
from pikepdf import Array, Dictionary, Name

from khumue.pdf.text import to_unicode
from khumue.typeset.wordjoin import LAYOUT_MARKS

FontFinder = Callable[[str], Path | None]  # PostScript name → the font file, if found
NIKHAHIT, SARA_AA, SARA_AM = "\u0e4d", "\u0e32", "\u0e33"
_PRIVATE = range(0xE000, 0xF900)  # legacy Thai fonts give variant glyphs these code points
# LibreOffice's font subsets carry head.modified = 0, which fontTools reports on every read:
# not the user's business
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)


def fontconfig_finder(conf: Path | None) -> FontFinder:
    """Find a font file by its PostScript name with fontconfig (``fc-match``), reading
    ``conf`` (the fonts.conf LibreOffice laid the PDF out with) when given."""
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)} if conf else None

    @cache
    def find(postscript: str) -> Path | None:
        try:
            found = subprocess.run(["fc-match", "-f", "%{file}|%{postscriptname}",
                                    f":postscriptname={postscript}"], capture_output=True,
                                   text=True, env=env, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        path, _, name = found.partition("|")
        return Path(path) if name == postscript and Path(path).is_file() else None

    return find


@dataclass
class FontText:
    """What one embedded font's codes read as: code → text, the width-less (mark) codes,
    the nikhahit and sara aa codes, and (once installed) the extra code for sara aa in sara
    am; ``aa_glyph`` is the glyph that code draws."""

    texts: dict[int, str]
    marks: set[int]
    nikhahit: set[int]
    aa: set[int]
    aa_glyph: str | None = None
    aa_in_am: int | None = None
    watched: frozenset[int] = field(init=False)  # the codes a string may need changed for

    def __post_init__(self) -> None:
        self.watched = frozenset(self.marks | self.nikhahit | self.aa)


def read_font(font: pikepdf.Object, find: FontFinder) -> FontText | None:
    """What the codes of ``font`` (a simple TrueType font embedded in a PDF) read as, from
    its glyphs found by outline in the font file ``find`` gives for its name.  None when the
    font is not one to fix: another kind, its source not found or unreadable, a glyph the
    source lacks.  Changes nothing."""
    descriptor = font.get("/FontDescriptor")
    if font.get("/Subtype") != Name.TrueType or not isinstance(descriptor, Dictionary) \
            or "/FontFile2" not in descriptor or "/Encoding" in font:
        return None
    source = find(str(font.BaseFont).split("+")[-1])
    if source is None:
        return None
    try:
        subset = TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()))
        glyphs = _glyph_texts(source)
        codes = {code & 0xFF: name for table in subset["cmap"].tables
                 for code, name in table.cmap.items()}
        texts = {}
        for code, name in codes.items():
            text = glyphs.get(_outline(subset, name))
            if text is None:
                return None  # a glyph not in the source: not the font we think it is
            texts[code] = text
        marks = {c for c, n in codes.items() if subset["hmtx"][n][0] == 0}
    except Exception:  # a font fontTools cannot read: leave the PDF's CMap
        return None
    for code, given in to_unicode(font).items():
        if code in texts and given and not given.strip(LAYOUT_MARKS):
            # a zero-width break control (:mod:`khumue.typeset.wordjoin`): HarfBuzz draws it
            # with the space glyph moved back by its width, which LibreOffice gives a code of
            # its own that reads as the control; it reads as nothing, and is no Thai mark
            texts[code] = ""
            marks.discard(code)
    nikhahit = {c for c, t in texts.items() if t == NIKHAHIT}
    aa = {c for c, t in texts.items() if t == SARA_AA}
    return FontText(texts, marks, nikhahit, aa, codes[min(aa)] if aa and nikhahit else None)


def install_font(pdf: pikepdf.Pdf, font: pikepdf.Object, reading: FontText) -> FontText:
    """Give ``font`` (changed in place) its /ToUnicode from ``reading``, and a code that
    draws sara aa and reads "ำ" when the font draws sara am as nikhahit + sara aa (the
    nikhahit then reads as nothing).  Returns what the codes read as now."""
    texts = dict(reading.texts)
    aa_in_am = None
    if reading.aa_glyph is not None:
        aa_in_am = _add_code(font, reading.aa_glyph, min(reading.aa))
    if aa_in_am is not None:
        texts[aa_in_am] = SARA_AM
        for code in reading.nikhahit:  # read through the sara aa after it
            texts[code] = ""
    font.ToUnicode = pdf.make_stream(_cmap(texts))
    return replace(reading, texts=texts, aa_in_am=aa_in_am)


def fix_fonts(pdf: pikepdf.Pdf, find: FontFinder) -> dict[tuple[int, int], FontText]:
    """Every embedded font of ``pdf`` that can be fixed, read and installed once
    (:func:`read_font`, :func:`install_font`), by its object number and generation."""
    fixed: dict[tuple[int, int], FontText] = {}
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        for font in fonts.values():
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            reading = read_font(font, find)
            if reading is not None:
                fixed[font.objgen] = install_font(pdf, font, reading)
    return fixed


def _outline(font: TTFont, name: str) -> tuple[object, ...]:
    """What a glyph looks like: its points, contour ends and advance width."""
    glyf = font["glyf"]
    coordinates, ends, _ = glyf[name].getCoordinates(glyf)
    return (tuple(map(tuple, coordinates)), tuple(ends), font["hmtx"][name][0])


@cache
def _glyph_texts(path: Path) -> dict[tuple[object, ...], str]:
    """Outline → text for every glyph of the font at ``path``: from its cmap (not the
    private-use points of legacy Thai fonts), else from the glyph it substitutes (GSUB
    single and ligature substitutions, followed until nothing changes)."""
    font = TTFont(str(path))
    text: dict[str, str] = {}
    for point, name in sorted(font.getBestCmap().items()):
        if point not in _PRIVATE:
            text.setdefault(name, chr(point))
        if 0x0E50 <= point <= 0x0E59:
            text[name] = chr(point)  # TH SarabunIT๙ draws 0-9 with these: they read as Thai
    subtables = []
    if "GSUB" in font:
        for lookup in font["GSUB"].table.LookupList.Lookup:
            for table in lookup.SubTable:
                subtables.append(getattr(table, "ExtSubTable", table))
    changed = True
    while changed:
        changed = False
        for table in subtables:
            for before, after in getattr(table, "mapping", {}).items():
                after = after[0] if isinstance(after, list) and len(after) == 1 else after
                if isinstance(after, str) and before in text and after not in text:
                    text[after] = text[before]
                    changed = True
            for first, ligatures in getattr(table, "ligatures", {}).items():
                for ligature in ligatures:
                    parts = [first, *ligature.Component]
                    if ligature.LigGlyph not in text and all(p in text for p in parts):
                        text[ligature.LigGlyph] = "".join(text[p] for p in parts)
                        changed = True
    outlines: dict[tuple[object, ...], str] = {}
    for name in font.getGlyphOrder():
        if name in text:
            outlines.setdefault(_outline(font, name), text[name])
    return outlines


def _add_code(font: pikepdf.Object, glyph: str, like: int) -> int | None:
    """A new code of ``font`` drawing ``glyph`` with the width of code ``like``: added to
    the embedded font's cmap, /LastChar and /Widths.  None when all 256 codes are used."""
    first, last = int(font.FirstChar), int(font.LastChar)
    if last >= 255:
        return None
    code = last + 1
    file = font.FontDescriptor.FontFile2
    # a fresh, lazily read copy: only its cmap is decompiled, so only the cmap is rewritten
    # (the other tables are copied as they are)
    edited = TTFont(io.BytesIO(file.read_bytes()), lazy=True, recalcTimestamp=False)
    for table in edited["cmap"].tables:
        table.cmap[(table.cmap and max(table.cmap) & 0xFF00) | code] = glyph
    out = io.BytesIO()
    edited.save(out)
    data = out.getvalue()
    file.write(data)
    file.Length1 = len(data)
    widths = list(font.Widths)
    widths.append(widths[like - first])
    font.Widths = Array(widths)
    font.LastChar = code
    return code


def _cmap(texts: dict[int, str]) -> bytes:
    """A /ToUnicode CMap (Adobe-Identity-UCS, one-byte codes) for code → text."""
    lines = [f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>"
             for code, text in sorted(texts.items())]
    chunks = [lines[i:i + 100] for i in range(0, len(lines), 100)]
    body = "".join(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n"
                   for chunk in chunks)
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n" + body +
            "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode()
