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

What the order of drawing gets wrong is put right in the content too, without moving a glyph
on the page (a test renders the pages before and after):

- marks drawn one after the other at the same pen position (zero advance, no adjustment
  between them) are drawn in Unicode's canonical order, so "รู้" reads U+0E39 U+0E49;
- a mark LibreOffice draws by itself is drawn with the marks after it, or swapped with the
  next lone mark (:func:`_move_lone_marks`);
- sara am, which HarfBuzz draws as nikhahit + sara aa: the nikhahit reads as nothing and the
  sara aa after it is drawn through a second code for the same glyph that reads "ำ".
"""

from __future__ import annotations

import io
import os
import subprocess
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pikepdf
from fontTools.ttLib import TTFont
from pikepdf import Array, Dictionary, Name

FontFinder = Callable[[str], Path | None]  # PostScript name → the font file, if found
NIKHAHIT, SARA_AA, SARA_AM = "\u0e4d", "\u0e32", "\u0e33"
_PRIVATE = range(0xE000, 0xF900)  # legacy Thai fonts give variant glyphs these code points


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


def fix_fonts(pdf: pikepdf.Pdf, find: FontFinder) -> set[tuple[int, int]]:
    """Give every embedded simple TrueType font of ``pdf`` (open, changed in place) a
    /ToUnicode CMap from its glyphs and put marks and sara am right in the pages' content
    (see the module's text).  A font whose source cannot be found or read is left as it is.
    Returns the fonts fixed (their object numbers and generations)."""
    fixed: dict[tuple[int, int], _Font | None] = {}
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        found: dict[str, _Font] = {}
        for key, font in fonts.items():
            if font.objgen not in fixed:
                fixed[font.objgen] = _Font.make(pdf, font, find)
            made = fixed[font.objgen]
            if made is not None:
                found[str(key)] = made
        if found:
            _page(pdf, page, found)
    return {objgen for objgen, made in fixed.items() if made is not None}


class _Font:
    """One embedded font: code → text, the width-less (mark) codes, and the extra code for
    sara aa in sara am."""

    def __init__(self, texts: dict[int, str], marks: set[int], nikhahit: set[int],
                 aa: set[int], aa_in_am: int | None):
        self.texts = texts
        self.marks = marks
        self.nikhahit = nikhahit
        self.aa = aa
        self.aa_in_am = aa_in_am
        self.watched = frozenset(marks | nikhahit | aa)  # codes a string may need changed for

    @staticmethod
    def make(pdf: pikepdf.Pdf, font: pikepdf.Object, find: FontFinder) -> _Font | None:
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
        except Exception:  # a font fontTools cannot read: leave the PDF's CMap
            return None
        marks = {c for c, n in codes.items() if subset["hmtx"][n][0] == 0}
        nikhahit = {c for c, t in texts.items() if t == NIKHAHIT}
        aa = {c for c, t in texts.items() if t == SARA_AA}
        aa_in_am = None
        if aa and nikhahit:
            aa_in_am = _add_code(font, codes[min(aa)], min(aa))
        if aa_in_am is not None:
            texts[aa_in_am] = SARA_AM
            for code in nikhahit:  # read through the sara aa after it
                texts[code] = ""
        font.ToUnicode = pdf.make_stream(_cmap(texts))
        return _Font(texts, marks, nikhahit, aa, aa_in_am)


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


def _page(pdf: pikepdf.Pdf, page: pikepdf.Page, fonts: dict[str, _Font]) -> None:
    current: _Font | None = None
    after_nikhahit = False  # a nikhahit drawn, its sara aa not yet
    changed = False
    result: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = []
    instructions = list(pikepdf.parse_content_stream(page))
    changed = _move_lone_marks(instructions, fonts)
    for instruction in instructions:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            result.append(instruction)
            continue
        name = str(instruction.operator)
        operands = list(instruction.operands)
        if name == "Tf" and operands:
            current = fonts.get(str(operands[0]))
        elif name in ("Tj", "TJ", "'", '"') and current is not None:
            edited = False
            new_operands: list[Any] = []
            for operand in operands:
                if isinstance(operand, Array):
                    items: list[Any] = []
                    for item in operand:
                        if isinstance(item, pikepdf.String):
                            data = bytes(item)
                            fixed, after_nikhahit = _string(data, current, after_nikhahit)
                            edited = edited or fixed != data
                            items.append(pikepdf.String(fixed) if fixed != data else item)
                        else:
                            items.append(item)
                    new_operands.append(Array(items))
                elif isinstance(operand, pikepdf.String):
                    data = bytes(operand)
                    fixed, after_nikhahit = _string(data, current, after_nikhahit)
                    edited = edited or fixed != data
                    new_operands.append(pikepdf.String(fixed))
                else:
                    new_operands.append(operand)
            if edited:
                instruction = pikepdf.ContentStreamInstruction(new_operands,
                                                               instruction.operator)
                changed = True
        result.append(instruction)
    if changed:
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(result))


_BETWEEN = {"Tm", "Tf", "BDC", "BMC", "EMC"}  # operators that draw nothing


def _move_lone_marks(instructions: list[Any], fonts: dict[str, _Font]) -> bool:
    """Draw marks LibreOffice draws by themselves (a lowered tone mark at a run's end) in the
    order they are read, without moving a glyph:

    - a lone mark followed, at the same point and in the same font, by a run that begins
      with marks is drawn with them: "กล" "่" "ุมส" becomes "กล" "" "ุ่มส" (marks have no
      advance, so each stays where it was);
    - two lone marks, each placed by its own text matrix, in the wrong order ("้" then "ู")
      swap their matrices and codes, so each is drawn where it was, in canonical order.

    Extractors that read in drawing order then read "กลุ่ม" and "รู้".  Changes
    ``instructions`` in place; returns whether anything moved."""
    changed = False
    matrix: tuple[float, ...] | None = None
    matrix_at: int | None = None
    font: tuple[str, float] | None = None
    for i, instruction in enumerate(instructions):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        name, operands = str(instruction.operator), list(instruction.operands)
        if name == "Tm":
            matrix, matrix_at = tuple(float(x) for x in operands), i
        elif name == "Tf" and len(operands) == 2:
            font = (str(operands[0]), float(operands[1]))
        elif name in ("BT", "Td", "TD", "T*"):
            matrix = matrix_at = None  # a position this pass does not follow
        lone = _only_string(instruction)
        if lone is None or font is None or matrix is None or font[0] not in fonts:
            continue
        found = fonts[font[0]]
        if not lone or not all(code in found.marks for code in lone):
            continue
        j, moved_to = i + 1, None  # moved_to: the Tm between, if any
        while j < len(instructions) and not isinstance(
                instructions[j], pikepdf.ContentStreamInlineImage) and \
                str(instructions[j].operator) in _BETWEEN:
            between = list(instructions[j].operands)
            if str(instructions[j].operator) == "Tm":
                moved_to = j
            elif str(instructions[j].operator) == "Tf" and \
                    (str(between[0]), float(between[1])) != font:
                break
            j += 1
        if j >= len(instructions) or isinstance(instructions[j],
                                                pikepdf.ContentStreamInlineImage) or \
                str(instructions[j].operator) not in ("Tj", "TJ"):
            continue  # something else drawn next, or the font changed
        following = instructions[j]
        first = _first_string(following)
        if not first or first[0] not in found.marks:
            continue
        second = _only_string(following)
        same_point = moved_to is None or tuple(
            float(x) for x in instructions[moved_to].operands) == matrix
        if second is not None and all(c in found.marks for c in second) and not same_point:
            assert moved_to is not None
            if matrix_at is not None and _repositioned_after(instructions, j) and \
                    _combining(found, second[0]) < _combining(found, lone[-1]):
                instructions[matrix_at], instructions[moved_to] = (
                    pikepdf.ContentStreamInstruction(instructions[moved_to].operands,
                                                     pikepdf.Operator("Tm")),
                    pikepdf.ContentStreamInstruction(instructions[matrix_at].operands,
                                                     pikepdf.Operator("Tm")))
                instructions[i], instructions[j] = instructions[j], instructions[i]
                matrix = tuple(float(x) for x in instructions[matrix_at].operands)
                changed = True
            continue
        if not same_point:
            continue
        lead = 0
        while lead < len(first) and first[lead] in found.marks:
            lead += 1
        moved = first[:lead] + lone + first[lead:]
        instructions[i] = pikepdf.ContentStreamInstruction([pikepdf.String(b"")],
                                                           pikepdf.Operator("Tj"))
        instructions[j] = _with_first_string(following, moved)
        changed = True
    return changed


def _repositioned_after(instructions: list[Any], j: int) -> bool:
    """True when what is drawn after instruction ``j`` does not start where ``j`` left the
    pen: the next positioning operator sets the matrix anew (Tm) or ends the text (ET)."""
    for instruction in instructions[j + 1:]:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            return False
        name = str(instruction.operator)
        if name in ("Tm", "ET"):
            return True
        if name not in ("BDC", "BMC", "EMC", "Tf"):
            return False
    return True


def _only_string(instruction: Any) -> bytes | None:
    """The codes of a Tj, or of a TJ of one string and no adjustment; else None."""
    name, operands = str(instruction.operator), list(instruction.operands)
    if name == "Tj" and len(operands) == 1 and isinstance(operands[0], pikepdf.String):
        return bytes(operands[0])
    if name == "TJ" and len(operands) == 1 and isinstance(operands[0], Array) and \
            len(operands[0]) == 1 and isinstance(operands[0][0], pikepdf.String):
        return bytes(operands[0][0])
    return None


def _first_string(instruction: Any) -> bytes | None:
    """The codes a Tj or TJ draws first, when nothing moves the pen before them."""
    operands = list(instruction.operands)
    if not operands:
        return None
    if isinstance(operands[0], pikepdf.String):
        return bytes(operands[0])
    if isinstance(operands[0], Array) and len(operands[0]) and \
            isinstance(operands[0][0], pikepdf.String):
        return bytes(operands[0][0])
    return None


def _with_first_string(instruction: Any, data: bytes) -> pikepdf.ContentStreamInstruction:
    operands = list(instruction.operands)
    if isinstance(operands[0], pikepdf.String):
        operands[0] = pikepdf.String(data)
    else:
        operands[0] = Array([pikepdf.String(data), *list(operands[0])[1:]])
    return pikepdf.ContentStreamInstruction(operands, instruction.operator)


def _string(data: bytes, font: _Font, after_nikhahit: bool) -> tuple[bytes, bool]:
    """One string of codes: runs of marks in canonical order, sara aa after a nikhahit
    through the sara-am code.  Returns the codes and whether a nikhahit still waits."""
    if font.watched.isdisjoint(data):
        return data, False if data else after_nikhahit
    codes = list(data)
    start = 0
    while start < len(codes):
        end = start
        while end < len(codes) and codes[end] in font.marks and _combining(font, codes[end]):
            end += 1
        if end - start > 1:
            codes[start:end] = sorted(codes[start:end], key=lambda c: _combining(font, c))
        start = max(end, start + 1)
    for i, code in enumerate(codes):
        if code in font.nikhahit:
            after_nikhahit = True
        elif after_nikhahit and code in font.aa and font.aa_in_am is not None:
            codes[i] = font.aa_in_am
            after_nikhahit = False
        elif code not in font.marks:
            after_nikhahit = False
    return bytes(codes), after_nikhahit


def _combining(font: _Font, code: int) -> int:
    text = font.texts.get(code, "")
    return unicodedata.combining(text[0]) if len(text) == 1 else 0
