"""The manual as a tree of typeset blocks, between the content model and WordprocessingML.

:mod:`khumue.compose` builds these nodes from a staff member's content; :mod:`khumue.wordml`
writes them to DOCX.  Text in a node is final: digits are already the office's, labels already
numbered.  Nothing here knows XML, nothing in wordml knows about processes or standards.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from khumue.flowchart import Flowchart, Symbol

CHECK_BOX = "☐"  # the label of a check-list item; the writer draws it as a square


class Role(StrEnum):
    """What a paragraph is; the writer maps each role to a paragraph style of the template."""

    body = "body"  # Thai-distributed body text with a first-line indent
    list = "list"  # a labelled list item with a hanging indent
    plain = "plain"  # body text without indent (a name, a single line)
    label = "label"  # a centred bold line above a heading (not in the TOC)
    subtitle = "subtitle"  # a centred line below a heading
    caption = "caption"  # the centred caption of a figure
    signature = "signature"  # the foreword's signature block, centred in the right half
    cell = "cell"  # text in a table cell
    cell_head = "cell_head"  # a table header cell: centred bold
    cell_center = "cell_center"  # a centred cell (numbers, symbols)


@dataclass(frozen=True)
class Run:
    """A stretch of text; ``bold`` sets both w:b and w:bCs in the writer."""

    text: str
    bold: bool = False


@dataclass
class Para:
    """A paragraph.  ``label`` is a list label (set before a tab), ``level`` its depth (0-based).

    ``new_page`` starts the paragraph on a new page; ``keep_next`` keeps it on the page of the
    paragraph that follows.
    """

    runs: list[Run]
    role: Role = Role.body
    label: str | None = None
    level: int = 0
    new_page: bool = False
    keep_next: bool = False

    @property
    def text(self) -> str:
        """The paragraph's text, label first, as a reader sees it."""
        body = "".join(r.text for r in self.runs)
        return f"{self.label} {body}" if self.label else body


@dataclass
class Heading:
    """A heading: level 1 parts appear in the table of contents, level 2 sections do not."""

    text: str
    level: int = 1
    new_page: bool = False
    centered: bool = False


@dataclass(frozen=True)
class CellSymbol:
    """A flowchart symbol drawn in a table cell: ``symbol`` (None: the flow arrow of the
    legend) and, in the summary form, an arrow down to the next row labelled ``label``."""

    symbol: Symbol | None
    arrow_down: bool = False
    label: str = ""


@dataclass
class Cell:
    """A table cell: paragraphs (or a drawn symbol), the grid columns it spans, shading."""

    paras: list[Para]
    span: int = 1
    shaded: bool = False
    symbol: CellSymbol | None = None


@dataclass
class Table:
    """A table across the text width.

    ``widths`` are the columns' shares of the text width (they sum to 1).  ``header_rows`` repeat
    at the top of every page the table runs onto (ECMA-376 §17.4.49 w:tblHeader).  ``font_pt``
    is the size of the table's text in points.  ``keep_together`` keeps a short table on
    one page (every row kept with the next, ECMA-376 §17.3.1.15 w:keepNext).
    """

    widths: list[float]
    header_rows: list[list[Cell]]
    rows: list[list[Cell]]
    font_pt: float = 16.0
    keep_together: bool = False  # on one page (a short table such as the symbol legend)


@dataclass
class TableOfContents:
    """The table of contents: its title; the writer lists every level-1 heading of the manual."""

    title: str


@dataclass
class FlowchartFigure:
    """A process's flowchart, drawn as Word shapes; ``connector_labels`` label the off-page
    connectors where it continues on the next page."""

    chart: Flowchart
    connector_labels: tuple[str, ...] = ("1", "2", "3", "4", "5", "6", "7", "8", "9")


Node = Para | Heading | Table | TableOfContents | FlowchartFigure


@dataclass
class ManualDoc:
    """A whole manual: the cover's fields, the front matter, the body and the back cover's fields.

    ``cover`` and ``back`` are template variables (strings and lists of strings) for the DOCX
    template's cover and back cover; ``front`` and ``body`` are typeset nodes.
    """

    cover: dict[str, object]
    front: list[Node]
    body: list[Node]
