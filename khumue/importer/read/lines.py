"""A hand-typed Word manual as a stream of lines and tables, with list labels recognised.

Hand-typed manuals number their lists in every way Word allows: typed ("5.1 ", "๕.๑ ",
"(๑) ", "1) ", "- 2.1 "), or Word's automatic numbering (whose label
:mod:`khumue.wordml.reader` has already computed).  Here each paragraph becomes a
:class:`Line` with its label parsed into a :class:`Label` (the kind and the numbers, in Arabic
digits), its body, and whether it looks like a heading; empty paragraphs (spacing) are dropped;
a paragraph broken with manual line breaks becomes one line per break when it is a list or
body text, and stays one heading when it is a heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from khumue.importer.read.inline import split_items
from khumue.typeset.digits import arabic_digits
from khumue.wordml.reader import Block, ReadDocument, ReadPara, ReadShape, ReadTable

_LABEL = re.compile(
    r"^\s*(?P<bullet>[-–•●◦▪○■□☐✓*]\s*)?"
    r"(?P<label>\(?[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})*(?:[.)]|\s\.(?=\S))?|\([ก-ฮ]\)|[ก-ฮ]\))?"
    r"(?=\s|$|[^\s0-9๐-๙.])\s*")
_SPACES = re.compile(r"[ \t\u00a0\u200b]+")
HEADING_PT = 17.0  # a bold line at least this large is a heading in a hand-typed manual


class LabelKind(StrEnum):
    """The kinds of list label a hand-typed manual uses."""

    outline = "outline"  # 5.1, ๕.๑
    decimal = "decimal"  # 5.
    paren = "paren"  # 5) or (5)
    number = "number"  # a bare 5
    bullet = "bullet"  # - • ●
    check = "check"  # ☐
    letter = "letter"  # (ก) ก)

    @property
    def numbered(self) -> bool:
        """True for the kinds that hold numbers."""
        return self in NUMBERED


NUMBERED = frozenset({LabelKind.outline, LabelKind.decimal, LabelKind.paren, LabelKind.number})
UNNUMBERED = frozenset({LabelKind.bullet, LabelKind.check, LabelKind.letter})


@dataclass(frozen=True)
class Label:
    """A list label: its kind, the numbers it holds (in Arabic digits) and its text as
    typed."""

    kind: LabelKind
    numbers: tuple[int, ...] = ()
    text: str = ""

    @property
    def numbered(self) -> bool:
        return self.kind.numbered


def parse_label(text: str) -> tuple[Label | None, str]:
    """(label, body) of a line: "- 2.1 เพื่อ…" → (outline (2, 1), "เพื่อ…")."""
    match = _LABEL.match(text)
    if not match or match.end() == 0:
        return None, text.strip()
    bullet, raw = match.group("bullet"), match.group("label")
    body = text[match.end():].strip()
    if raw:
        digits = arabic_digits(raw)
        numbers = tuple(int(n) for n in re.findall(r"[0-9]+", digits))
        if raw.startswith("(") and raw[1:2] in "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ":
            return Label(LabelKind.letter, (), raw), body
        if re.fullmatch(r"[ก-ฮ]\)", raw):
            return Label(LabelKind.letter, (), raw), body
        if len(numbers) > 1:
            return Label(LabelKind.outline, numbers, raw), body
        if digits.endswith(")") or digits.startswith("("):
            return Label(LabelKind.paren, numbers, raw), body
        if digits.endswith("."):
            return Label(LabelKind.decimal, numbers, raw), body
        if not body:
            return None, text.strip()
        return Label(LabelKind.number, numbers, raw), body
    if bullet:
        kind = LabelKind.check if bullet.strip() in ("□", "☐") else LabelKind.bullet
        if not body:
            return None, text.strip()
        return Label(kind, (), bullet.strip()), body
    return None, text.strip()


def parse_word_label(label: str) -> Label:
    """A label Word computed from numbering.xml, classified like a typed one."""
    parsed, _ = parse_label(label + " x")
    return parsed or Label(LabelKind.bullet, (), label)


@dataclass
class Line:
    """One line of a hand-typed manual."""

    text: str  # as read, label included, white space folded
    body: str  # without its label
    label: Label | None = None
    heading: bool = False
    bold: bool = False
    centered: bool = False
    size_pt: float | None = None
    page_break: bool = False
    indent: int = 0
    shapes: list[ReadShape] = field(default_factory=list)


@dataclass
class Grid:
    """A table: each row as its cells, each cell as its lines; header rows repeated by hand
    or by w:tblHeader are kept (the recogniser knows its headers)."""

    rows: list[list[list[Line]]]

    def texts(self) -> list[list[str]]:
        return [[" ".join(line.text for line in cell) for cell in row] for row in self.rows]


Item = Line | Grid


def lines_of(document: ReadDocument) -> list[Item]:
    """The document as lines and grids, in order."""
    return lines_of_blocks(document.blocks)


def lines_of_blocks(blocks: Sequence[Block]) -> list[Item]:
    """Paragraphs and tables as lines and grids, in order."""
    out: list[Item] = []
    for block in blocks:
        if isinstance(block, ReadTable):
            out.append(_grid(block))
        else:
            out.extend(para_lines(block))
    return out


def para_lines(para: ReadPara) -> list[Line]:
    """The lines of one paragraph (none for an empty one, unless it holds shapes)."""
    heading = para.outline_level is not None or (
        para.bold and ((para.size_pt or 0) >= HEADING_PT or para.centered)
        and len(para.text) < 160)
    pieces = [para.text] if heading else para.text.split("\n")
    out: list[Line] = []
    for i, piece in enumerate(pieces):
        folded = _SPACES.sub(" ", piece.replace("\n", " ")).strip()
        if not folded and not (para.label and i == 0):
            continue
        worded = para.label is not None and i == 0
        typed = f"{para.label} {folded}".strip() if worded else folded
        for j, text in enumerate([typed] if heading else split_items(typed)):
            typed_label = parse_label(folded)[0] if worded and j == 0 else None
            if worded and j == 0 and not (typed_label and typed_label.numbered and
                                          parse_word_label(para.label or "").kind in UNNUMBERED):
                label: Label | None = parse_word_label(para.label or "")
                body = folded if text == typed else text[len(para.label or ""):].strip()
            elif worded and j == 0:  # Word's bullet, a number typed after it: "• 1) …"
                text = text[len(para.label or ""):].strip()
                label, body = parse_label(text)
            else:
                label, body = parse_label(text)
            out.append(Line(text, body, label, heading, para.bold, para.centered,
                            para.size_pt, para.page_break_before and i == 0 and j == 0,
                            para.indent_twips))
    if para.shapes:
        if out:
            out[-1].shapes.extend(para.shapes)
        else:
            out.append(Line("", "", shapes=list(para.shapes),
                            page_break=para.page_break_before))
    return out


def _grid(table: ReadTable) -> Grid:
    rows = []
    for row in table.rows:
        cells: list[list[Line]] = []
        for cell in row:
            lines = [] if cell.continued else [ln for p in cell.paras for ln in para_lines(p)]
            cells.append(lines)
            cells.extend([] for _ in range(cell.span - 1))
        rows.append(cells)
    return Grid(rows)
