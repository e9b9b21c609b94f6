"""What :mod:`khumue.wordml.reader` gives: a Word document as plain blocks, no XML."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadShape:
    """A drawn shape: its kind (a DrawingML preset such as ``flowChartDecision``, or a VML
    shape type) and the text it holds."""

    kind: str
    text: str


@dataclass(frozen=True)
class ReadRevision:
    """A tracked change left in the document (ECMA-376 Part 1 §17.13.5): ``kind`` "ins",
    "del", "moveFrom", "moveTo", "paragraph-ins", "paragraph-del", "row-ins" or "row-del";
    its author and date as written (w:author, w:date); the text it changes; and the text of
    the paragraph (or row) it stands in."""

    kind: str
    author: str
    date: str
    text: str
    context: str = ""


@dataclass(frozen=True)
class ReadComment:
    """A reviewer's comment (word/comments.xml, §17.13.4.2): its id, author, date and text,
    and the text of the paragraph its range starts in."""

    id: str
    author: str
    date: str
    text: str
    anchor: str = ""


@dataclass(frozen=True)
class ReadPara:
    """One paragraph as displayed.  ``label`` is Word's automatic list label (None when the
    number, if any, is typed in ``text``), ``level`` its list level (0-based);
    ``outline_level`` 0 for a Heading 1; ``size_pt`` the largest run size in points;
    ``indent_twips`` the left indent in twentieths of a point."""

    text: str
    style: str = ""
    label: str | None = None
    level: int | None = None
    outline_level: int | None = None
    bold: bool = False
    size_pt: float | None = None
    centered: bool = False
    indent_twips: int = 0
    page_break_before: bool = False
    shapes: tuple[ReadShape, ...] = ()
    comments: tuple[str, ...] = ()  # ids of the comments whose range starts here
    revisions: tuple[int, ...] = ()  # indexes of its tracked changes in the document's list

    @property
    def full_text(self) -> str:
        """Label and text as a reader sees them: "5.1 กำหนด…"."""
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass(frozen=True)
class ReadCell:
    """A table cell: its paragraphs, the grid columns it spans, and whether it continues a
    vertically merged cell above it (its text is then the merged cell's, not its own)."""

    paras: list[ReadPara]
    span: int = 1
    continued: bool = False

    @property
    def text(self) -> str:
        return "\n".join(p.full_text for p in self.paras).strip()


@dataclass(frozen=True)
class ReadTable:
    """A table: rows of cells on the grid (an empty cell stands for the columns a row
    leaves out before or after its own, w:gridBefore, w:gridAfter); ``header_rows`` repeat
    on each page (w:tblHeader)."""

    rows: list[list[ReadCell]]
    header_rows: int = 0


Block = ReadPara | ReadTable


@dataclass(frozen=True)
class ReadDocument:
    """A DOCX as blocks; ``section_ends`` are the indexes of the blocks that end a section
    (w:sectPr); ``custom_xml`` the package's custom XML parts (part name → bytes); ``title``
    the core properties' title; ``revisions`` the tracked changes left in it, as read
    (taken, or rejected); ``comments`` the reviewers' comments; ``it_digits`` how many
    Arabic digits were read as Thai ones because TH SarabunIT๙ shows them so."""

    blocks: list[Block]
    section_ends: list[int]
    custom_xml: dict[str, bytes]
    title: str = ""
    revisions: tuple[ReadRevision, ...] = ()
    comments: tuple[ReadComment, ...] = ()
    it_digits: int = 0

    def paragraphs(self) -> list[ReadPara]:
        """Every top-level paragraph, in order."""
        return [b for b in self.blocks if isinstance(b, ReadPara)]
