"""Line ends inside a word in our PDFs, as a Thai proofreader reads them: in table cells, body
text, flowchart boxes and headings.

    python tools/linebreaks.py                 # builds the five offices' PDFs, then measures
    python tools/linebreaks.py a.pdf b.pdf     # measures these (the default dictionary)

Each page's characters are read with pdfium (pypdfium2), with our text layer's ActualText, and
grouped into lines (one baseline) of blocks: the tagged paragraph, heading or cell a
character's marked content belongs to (the PDF's structure tree), or, for untagged text, the
drawn shape it stands in (a flowchart box) or the column it starts in.  At every line end
inside a block where the line's last character and the next line's first are Thai letters,
the block's text is cut into words (:class:`khumue.typeset.thaiwords.ThaiWords`: the Royal
Institute's list, pythainlp's, the office's terms) and the line end counts as inside a word
when a dictionary word spans it.  Prints, per office and kind, the line ends inside a word
and all line ends between Thai letters, and each case with its page.
"""

from __future__ import annotations

import ctypes
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khumue.typeset.thaiwords import THAI_LETTER, ThaiWords, thai_words  # noqa: E402

OFFICES = ("phayao1", "phayao2", "phetchabun1", "sakonnakhon2", "sisaket1")
KINDS = ("cells", "body", "boxes", "headings")
_BLOCKS = {"P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "TD", "TH", "LBody", "Caption"}
_PATH = 2  # FPDF_PAGEOBJ_PATH


@dataclass
class Line:
    kind: str
    block: object
    y: float
    x: float
    text: str = ""


@dataclass
class Counts:
    """Line ends between Thai letters (``ends``) and those inside a word (``inside``, with
    each case as "page N: left|right"), per kind of text."""

    ends: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    inside: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})

    def add(self, other: Counts) -> None:
        for kind in KINDS:
            self.ends[kind] += other.ends[kind]
            self.inside[kind] += other.inside[kind]

    @property
    def total_inside(self) -> int:
        return sum(len(v) for v in self.inside.values())


def measure_pdf(pdf: Path, words: ThaiWords, typed: str = "") -> Counts:
    """The line ends of every page of ``pdf``.  ``typed``, the text of the document it was
    made from, tells a line end at a space (which the PDF does not keep) from one without."""
    import pypdfium2

    counts = Counts()
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for number, page in enumerate(document, start=1):
            for block in _blocks(page_lines(page)):
                _junctions(block, words, number, counts, typed)
    finally:
        document.close()
    return counts


def page_lines(page: object) -> list[Line]:
    """The page's lines of text, in the order they are drawn, each with its kind and block."""
    import pypdfium2.raw as raw

    tagged = _tagged(page)
    boxes = _boxes(page)
    text_page = page.get_textpage()  # type: ignore[attr-defined]
    lines: list[Line] = []
    for i in range(text_page.count_chars()):
        char = chr(raw.FPDFText_GetUnicode(text_page, i))
        if char in "\r\n\ufffe" or (raw.FPDFText_IsGenerated(text_page, i) and char != " "):
            continue  # pdfium's own line ends (the spaces it finds in gaps are the text's)
        x, y = ctypes.c_double(0), ctypes.c_double(0)
        raw.FPDFText_GetCharOrigin(text_page, i, x, y)
        obj = raw.FPDFText_GetTextObject(text_page, i)
        mcid = raw.FPDFPageObj_GetMarkedContentID(obj) if obj else -1
        kind, block = tagged.get(mcid, ("", None))
        last = lines[-1] if lines else None
        if block is None and last is not None and abs(last.y - y.value) <= 2 and char == " ":
            kind, block = last.kind, last.block  # a space between words is its line's
        elif block is None or kind == "body":  # text in a drawn shape is a box's, tagged or not
            inside = _box(x.value, y.value, boxes)
            if inside is not None:
                kind, block = "boxes", ("box", inside)
            elif block is None:
                kind, block = "body", ("column", round(x.value / 40))
        if last is None or last.block != block or abs(last.y - y.value) > 2:
            last = Line(kind, block, y.value, x.value)
            lines.append(last)
        last.text += char
    return lines


def _tagged(page: object) -> dict[int, tuple[str, object]]:
    """Marked-content id → (kind, block element) from the page's structure tree."""
    import pypdfium2.raw as raw

    out: dict[int, tuple[str, object]] = {}
    visited = [0]  # elements seen: each one's number is its identity
    tree = raw.FPDF_StructTree_GetForPage(page.raw)  # type: ignore[attr-defined]
    if not tree:
        return out

    def kind_of(types: list[str]) -> str:
        if any(t in ("TD", "TH") for t in types):
            return "cells"
        if any(re.fullmatch(r"H\d?", t) for t in types):
            return "headings"
        return "body"

    def walk(element: object, chain: list[tuple[str, int]]) -> None:
        size = raw.FPDF_StructElement_GetType(element, None, 0)
        buffer = ctypes.create_string_buffer(size)
        raw.FPDF_StructElement_GetType(element, buffer, size)
        visited[0] += 1
        here = chain + [(buffer.raw.decode("utf-16-le").rstrip("\x00"), visited[0])]
        blocks = [c for c in here if c[0] in _BLOCKS]
        block = (blocks[-1][1] if blocks else here[-1][1])
        for k in range(max(raw.FPDF_StructElement_GetMarkedContentIdCount(element), 0)):
            mcid = raw.FPDF_StructElement_GetMarkedContentIdAtIndex(element, k)
            if mcid >= 0:
                out[mcid] = (kind_of([t for t, _ in here]), ("tag", block))
        for k in range(raw.FPDF_StructElement_CountChildren(element)):
            child = raw.FPDF_StructElement_GetChildAtIndex(element, k)
            if child:
                walk(child, here)

    try:
        for k in range(raw.FPDF_StructTree_CountChildren(tree)):
            walk(raw.FPDF_StructTree_GetChildAtIndex(tree, k), [])
    finally:
        raw.FPDF_StructTree_Close(tree)
    return out


def _boxes(page: object) -> list[tuple[float, float, float, float]]:
    """The bounds (left, bottom, right, top) of the drawn shapes a text can stand in: paths
    neither a thin rule nor as wide as the text column."""
    import pypdfium2.raw as raw

    out = []
    for obj in page.get_objects(filter=[_PATH]):  # type: ignore[attr-defined]
        left, bottom, right, top = (ctypes.c_float(0) for _ in range(4))
        raw.FPDFPageObj_GetBounds(obj.raw, left, bottom, right, top)
        width, height = right.value - left.value, top.value - bottom.value
        if 12 < width < 300 and 12 < height < 200:
            out.append((left.value, bottom.value, right.value, top.value))
    return out


def _box(x: float, y: float, boxes: list[tuple[float, float, float, float]]
         ) -> tuple[float, float, float, float] | None:
    """The smallest drawn shape around a character's origin (a flowchart box), if any."""
    around = [b for b in boxes if b[0] - 1 <= x <= b[2] + 1 and b[1] - 1 <= y <= b[3] + 1]
    return min(around, key=lambda b: (b[2] - b[0]) * (b[3] - b[1])) if around else None


def _blocks(lines: list[Line]) -> Iterator[list[Line]]:
    """The lines of each block, top to bottom, one block after another."""
    order: dict[object, list[Line]] = {}
    for line in lines:
        order.setdefault(line.block, []).append(line)
    for block_lines in order.values():
        merged: list[Line] = []
        for line in sorted(block_lines, key=lambda ln: -ln.y):
            if merged and abs(merged[-1].y - line.y) <= 2:
                first, second = sorted((merged[-1], line), key=lambda ln: ln.x)
                merged[-1] = Line(first.kind, first.block, first.y, first.x,
                                  first.text + second.text)
            else:
                merged.append(line)
        yield merged


def _junctions(lines: list[Line], words: ThaiWords, page: int, counts: Counts,
               typed: str = "") -> None:
    """Count the line ends between Thai letters in one block, and those inside a word (not
    those where the typed text has a space: the line broke at it)."""
    text, ends = "", []
    for k, line in enumerate(lines):
        if k and text and line.text and THAI_LETTER.match(text[-1]) and \
                THAI_LETTER.match(line.text[0]) and lines[k - 1].y - line.y < 40:
            ends.append((len(text), line.kind))
        text += line.text
    if not ends:
        return
    spans, start = [], 0
    for token in words.tokens(text):
        spans.append((start, start + len(token), token))
        start += len(token)
    for at, kind in ends:
        left, right = text[max(0, at - 8):at], text[at:at + 8]
        if typed and f"{left} {right}" in typed and f"{left}{right}" not in typed:
            continue  # a space the line broke at
        counts.ends[kind] += 1
        for begin, end, token in spans:
            if begin < at < end and words.is_word(token):
                counts.inside[kind].append(f"page {page}: {text[begin:at]}|{text[at:end]} "
                                           f"(…{text[max(0, at - 12):at]}|{text[at:at + 12]}…)")
                break


def typed_text(docx: Path) -> str:
    """The text of every paragraph of ``docx`` (its break controls removed), one a line; ""
    when there is no such file."""
    import zipfile

    from lxml import etree

    from khumue.typeset.wordjoin import plain

    if not docx.is_file():
        return ""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    return "\n".join(plain("".join(t.text or "" for t in p.iter(f"{w}t")))
                     for p in root.iter(f"{w}p"))


def office_counts(folder: Path) -> dict[str, Counts]:
    """Each office's counts from the PDFs under ``folder/<office>/<year>/``, with the
    office's own terms in the dictionary."""
    from khumue.content import Paths, load_office

    out = {}
    for office in OFFICES:
        words = thai_words(tuple(load_office(Paths().content, office).office.words),
                           compounds=False)
        counts = Counts()
        for pdf in sorted((folder / office).glob("*/*.pdf")):
            counts.add(measure_pdf(pdf, words, typed_text(pdf.with_suffix(".docx"))))
        out[office] = counts
    return out


def build_offices(folder: Path) -> None:
    """Every office's manuals with PDFs into ``folder`` (LibreOffice needed)."""
    for office in OFFICES:
        subprocess.run([sys.executable, str(ROOT / "build.py"), "--office", office, "--pdf",
                        "--out", str(folder), "--force"], check=True, capture_output=True)


def report(counts: dict[str, Counts], examples: int = 8) -> str:
    """The figures as lines to print: per office and kind, inside / all, then examples."""
    out = []
    for office, c in counts.items():
        cells = "  ".join(f"{kind} {len(c.inside[kind])}/{c.ends[kind]}" for kind in KINDS)
        out.append(f"line ends inside a word: {office:13} {cells}")
        for kind in KINDS:
            for case in c.inside[kind][:examples]:
                out.append(f"    {kind}: {case}")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    if argv:
        counts = {Path(a).name: measure_pdf(Path(a), thai_words(compounds=False),
                                            typed_text(Path(a).with_suffix(".docx")))
                  for a in argv}
    else:
        with tempfile.TemporaryDirectory(prefix="khumue-linebreaks-") as scratch:
            build_offices(Path(scratch))
            counts = office_counts(Path(scratch))
    print(report(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
