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
("รู้" read with the tone first), so its text joins its letter's span and its own is empty.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Collection, Sequence

import pikepdf
from pikepdf import Dictionary, Name, Operator, String

_THAI = re.compile("[\u0e00-\u0e7f]")
_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+")  # vowels above/below, tones
_TEXT_OPERATORS = ("Tj", "TJ", "'", '"')
_BFCHAR = re.compile(r"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(r"beginbfrange(.*?)endbfrange", re.S)
_PAIR = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_RANGE = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def fix_text_layer(data: bytes) -> bytes:
    """``data`` (a PDF) with ActualText on every Thai text run.  A PDF that cannot be read
    is returned as it is."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError:
        return data
    with pdf:
        add_actual_text(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def add_actual_text(pdf: pikepdf.Pdf, fixed: Collection[tuple[int, int]] = ()) -> None:
    """Wrap every Thai text-showing operator of every page of ``pdf`` (open, changed in
    place) in a /Span with its ActualText.  LibreOffice's own spans are kept, except on a
    page whose fonts are all in ``fixed`` (their /ToUnicode rebuilt from the glyphs,
    :mod:`khumue.pdffonts`): there the fonts say every glyph's text, LibreOffice's spans
    (which may repeat a mark drawn outside them) are dropped and the text is read from
    the fonts like the rest."""
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        _page(pdf, page, bool(fixed) and all(f.objgen in fixed for f in fonts.values()))


def _page(pdf: pikepdf.Pdf, page: pikepdf.Page, drop_given: bool = False) -> None:
    resources = page.obj.get("/Resources", Dictionary())
    fonts = resources.get("/Font", Dictionary())
    maps = {str(key): _to_unicode(font) for key, font in fonts.items()}
    # instructions, and for each span to open, a one-item list holding its text (a mark drawn
    # on its own joins the span of the letter before it, whose text is still open to change)
    result: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage
                 | list[str]] = []
    current: dict[int, str] | None = None
    spans: list[bool] = []  # for each open marked-content sequence: has it an ActualText?
    last: list[str] | None = None  # the text of the last Thai span, while marks may follow
    changed = False
    for instruction in pikepdf.parse_content_stream(page):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            result.append(instruction)
            continue
        operands, operator = list(instruction.operands), instruction.operator
        name = str(operator)
        if name == "BDC":
            properties = operands[1] if len(operands) > 1 else None
            given = (str(properties.ActualText) if isinstance(properties, Dictionary)
                     and "/ActualText" in properties else None)
            if given is not None and drop_given:
                spans.append(False)
                result.append(pikepdf.ContentStreamInstruction([operands[0]], Operator("BMC")))
                changed = True
                continue
            spans.append(given is not None)
            if given is not None and last is not None and _MARKS.fullmatch(given):
                # LibreOffice's own span for a mark drawn by itself: its text goes to the
                # letter's span too
                last[0] = _repair(last[0] + given)
                result.append(pikepdf.ContentStreamInstruction(
                    [operands[0], Dictionary(ActualText=String(""))], operator))
                changed = True
                continue
        elif name == "BMC":
            spans.append(False)
        elif name == "EMC" and spans:
            spans.pop()
        elif name == "Tf" and operands:
            current = maps.get(str(operands[0]))
        if name in _TEXT_OPERATORS:
            text = _decode(operands, current) if current is not None else ""
            if any(spans) or not text:
                pass  # drawn under an ActualText already, or nothing drawn
            elif current is None or not _THAI.search(text):
                last = None
            elif last is not None and _MARKS.fullmatch(text):
                # a mark drawn by itself (LibreOffice does so at a line's end): its text goes
                # to its letter's span, so extractors that order by position cannot move it
                last[0] = _repair(last[0] + text)
                result += [[""], instruction, pikepdf.ContentStreamInstruction([], Operator("EMC"))]
                changed = True
                continue
            else:
                leading = _MARKS.match(text)
                if leading and last is not None:
                    # marks that begin a run belong to the letter the last span ended with
                    # (after a mark drawn alone: "กล" "่" "ุมส" reads "กลุ่" "มส")
                    last[0] = _repair(last[0] + leading.group())
                    text = text[leading.end():]
                last = [_repair(text)]
                result += [last, instruction, pikepdf.ContentStreamInstruction([], Operator("EMC"))]
                changed = True
                continue
        result.append(instruction)
    if changed:
        stream = [pikepdf.ContentStreamInstruction([Name.Span, Dictionary(
                      ActualText=String(item[0]))], Operator("BDC"))
                  if isinstance(item, list) else item for item in result]
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(stream))


def _to_unicode(font: pikepdf.Object) -> dict[int, str]:
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
