"""The manual as a tree of typeset blocks, between the content model and WordprocessingML.

:mod:`khumue.typeset.compose` builds these nodes from a staff member's content; :mod:`khumue.wordml`
writes them to DOCX; the pagination, the LibreOffice worker, and later the importer and the
year-to-year comparison read them.  Everything that is decided about a manual is decided here,
once: the printed text (digits already the office's), each list label apart from its text,
which headings the table of contents lists and the bookmark each gets, the cover's fields, and
how pages are numbered.  Every block also knows where it came from (:class:`Origin`: the part
of the manual and the content path, such as ``processes[2].steps[3]``).  Nothing here knows
XML; nothing in :mod:`khumue.wordml` knows about processes or standards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum

from khumue.content.fieldpath import Loc, field_path
from khumue.typeset.digits import thai_digits
from khumue.typeset.flowchart import Flowchart, Symbol

CHECK_BOX = "☐"  # the label of a check-list item; the writer draws it as a square


class Part(StrEnum):
    """The parts of a manual, in the order they are printed."""

    cover = "cover"
    foreword = "foreword"  # คำนำ
    contents = "contents"  # สารบัญ
    group_roles = "group_roles"  # บทบาทหน้าที่ของกลุ่ม
    duties = "duties"  # งานในหน้าที่รับผิดชอบ
    section = "section"  # a free-form part
    work_standard = "work_standard"  # มาตรฐานการปฏิบัติงาน เรื่อง …
    process = "process"  # คู่มือขั้นตอนการดำเนินงาน
    references = "references"  # เอกสารอ้างอิง
    back_cover = "back_cover"


@dataclass(frozen=True)
class Origin:
    """Where a block came from: the part of the manual and the path of the content value it
    was made from (a staff file's field path, 0-based: ``('processes', 1, 'steps', 2)``).

    An empty path is text the manual adds itself (a section heading, a column header)."""

    part: Part
    path: Loc = ()

    @property
    def field(self) -> str:
        """The path as a clerk reads it: ``processes[2].steps[3]``."""
        return field_path(self.path)

    def at(self, *more: str | int) -> Origin:
        """The origin of a value below this one: ``origin.at('rows', 3, 'activity')``."""
        return Origin(self.part, (*self.path, *more))


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


class Change(StrEnum):
    """A tracked change against an earlier manual (ECMA-376 Part 1 §17.13.5: w:ins, w:del)."""

    inserted = "inserted"
    deleted = "deleted"


@dataclass(frozen=True)
class Revision:
    """Who made the tracked changes of a manual and when: every w:ins and w:del carries
    them (w:author, w:date as ISO 8601)."""

    author: str
    date: str


@dataclass(frozen=True)
class Run:
    """A stretch of text; ``bold`` sets both w:b and w:bCs in the writer; ``change`` marks
    it inserted or deleted since the earlier manual."""

    text: str
    bold: bool = False
    change: Change | None = None


@dataclass
class Para:
    """A paragraph.  ``label`` is a list label (printed before a tab: "5.1", "๑.", "-", ☐),
    ``level`` its depth (0-based).

    ``new_page`` starts the paragraph on a new page; ``keep_next`` keeps it on the page of the
    paragraph that follows.
    """

    runs: list[Run]
    role: Role = Role.body
    label: str | None = None
    level: int = 0
    new_page: bool = False
    keep_next: bool = False
    origin: Origin | None = None
    change: Change | None = None  # the whole paragraph inserted or deleted

    @property
    def body_text(self) -> str:
        """The paragraph's text without its label."""
        return "".join(r.text for r in self.runs)

    @property
    def text(self) -> str:
        """The paragraph's text, label first, as a reader sees it."""
        return f"{self.label} {self.body_text}" if self.label else self.body_text


@dataclass
class Heading:
    """A heading.  Level 1 headings with a ``bookmark`` are listed in the table of contents;
    level 2 (a process's numbered sections) are not.  ``label`` is the number printed before
    the text ("5.", "เรื่อง ๔.").
    """

    text: str
    level: int = 1
    new_page: bool = False
    centered: bool = False
    label: str | None = None
    bookmark: str | None = None
    origin: Origin | None = None
    change: Change | None = None  # the whole heading inserted or deleted
    runs: list[Run] | None = None  # the text with its changed words marked, when compared

    @property
    def display(self) -> str:
        """The heading as printed: label, a space, text."""
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass(frozen=True)
class CellSymbol:
    """A flowchart symbol drawn in a table cell: ``symbol`` (None: the flow arrow of the
    legend) and, in the summary form, an arrow down to the next row labelled ``label``."""

    symbol: Symbol | None
    arrow_down: bool = False
    label: str = ""


class Merge(StrEnum):
    """A cell's part in a vertical merge (ECMA-376 Part 1 §17.4.85 w:vMerge): the first cell
    of the merged one, or one that continues the cell above."""

    restart = "restart"
    continued = "continue"


@dataclass
class Cell:
    """A table cell: paragraphs (or a drawn symbol), the grid columns it spans, shading, its
    part in a vertical merge."""

    paras: list[Para]
    span: int = 1
    shaded: bool = False
    symbol: CellSymbol | None = None
    origin: Origin | None = None
    merge: Merge | None = None


@dataclass
class Row:
    """A table row: its cells and the content it was made from (a standard's row, a step)."""

    cells: list[Cell]
    origin: Origin | None = None
    change: Change | None = None  # the whole row inserted or deleted (w:trPr/w:ins, w:del)


@dataclass
class Table:
    """A table across the text width.

    ``widths`` are the columns' shares of the text width (they sum to 1).  ``header_rows`` repeat
    at the top of every page the table runs onto (ECMA-376 §17.4.49 w:tblHeader).  ``font_pt``
    is the size of the table's text in points.  ``keep_together`` keeps a short table on
    one page (every row kept with the next, ECMA-376 §17.3.1.15 w:keepNext).
    """

    widths: list[float]
    header_rows: list[Row]
    rows: list[Row]
    font_pt: float = 16.0
    keep_together: bool = False
    origin: Origin | None = None
    change: Change | None = None  # the whole table inserted or deleted (its rows are too)


class Matter(StrEnum):
    """The two numbered sections of a manual: front matter (foreword, table of contents) and
    body."""

    front = "front"
    body = "body"


@dataclass(frozen=True)
class ContentsEntry:
    """A line of the table of contents: the heading's text, the bookmark on the heading it
    links to, and the section whose numbering its page number follows."""

    text: str
    bookmark: str
    matter: Matter


@dataclass
class TableOfContents:
    """The table of contents: its title and its entries (every bookmarked level-1 heading)."""

    title: str
    entries: list[ContentsEntry] = field(default_factory=list)
    origin: Origin | None = None


@dataclass
class FlowchartFigure:
    """A process's flowchart, drawn as Word shapes; ``connector_labels`` label the off-page
    connectors where it continues on the next page.  A flowchart that changed since an
    earlier manual shows this year's, unmarked; only the flowchart of a process added or
    removed as a whole is marked (``change``)."""

    chart: Flowchart
    connector_labels: tuple[str, ...] = ("1", "2", "3", "4", "5", "6", "7", "8", "9")
    origin: Origin | None = None
    change: Change | None = None  # the process's whole flowchart inserted or deleted


Node = Para | Heading | Table | TableOfContents | FlowchartFigure


@dataclass(frozen=True)
class CoverPage:
    """The fields of the cover and back cover, as printed (the template places them; its
    variables are exactly these field names).  ``cover_items`` is a list of lines."""

    title: str
    subtitle: str
    cover_items: tuple[str, ...]
    person_name: str
    position_line: str
    work_unit: str
    group: str
    office_name: str
    office_short_name: str
    obec: str
    ministry: str
    fiscal_year_line: str

    def variables(self) -> dict[str, str | list[str]]:
        """The fields as template variables (name → text, or list of lines)."""
        out: dict[str, str | list[str]] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = list(value) if isinstance(value, tuple) else value
        return out


class PageNumberFormat(StrEnum):
    """A page-number format, named as ECMA-376 §17.18.59 ST_NumberFormat names it."""

    thai_letters = "thaiLetters"  # ก ข ค …
    thai_numbers = "thaiNumbers"  # ๑ ๒ ๓ …
    decimal = "decimal"  # 1 2 3 …


# The thaiLetters sequence as LibreOffice prints it (i18npool defaultnumberingprovider.cxx,
# table_Alphabet_th): the consonants less ฃ ฅ ฆ, with ฤ and ฦ in their places; past ฮ the
# letters double (กก).
THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮ"


@dataclass(frozen=True)
class PageNumbering:
    """How a manual's pages are numbered: the cover has none; the front matter is numbered
    from 1 in ``front`` (ก ข ค, as OBEC's own manuals are), the body from 1 in ``body`` (the
    office's digits); the back cover has none."""

    front: PageNumberFormat = PageNumberFormat.thai_letters
    body: PageNumberFormat = PageNumberFormat.decimal

    def format_of(self, matter: Matter) -> PageNumberFormat:
        return self.front if matter is Matter.front else self.body

    def printed(self, matter: Matter, page: int) -> str:
        """The number printed on the ``page``-th page (from 1) of ``matter``:
        thaiLetters 1 → ก, 44 → กก; thaiNumbers 12 → ๑๒."""
        fmt = self.format_of(matter)
        if fmt is PageNumberFormat.thai_letters:
            count = len(THAI_LETTERS)
            return THAI_LETTERS[(page - 1) % count] * ((page - 1) // count + 1)
        if fmt is PageNumberFormat.thai_numbers:
            return thai_digits(str(page))
        return str(page)


@dataclass(frozen=True)
class DocumentProperties:
    """What File > Info shows of a manual: its title, author (the staff member), subject
    (the position), company (the office), language, and the date it carries (the first day of
    its fiscal year, so the same content always gives the same file); and the keywords of its
    PDF (the year's ITA indicator)."""

    title: str
    author: str
    subject: str
    company: str
    date: dt.date
    language: str = "th-TH"
    keywords: str = ""


@dataclass
class ManualDoc:
    """A whole manual: the cover's fields, the front matter, the body and how pages are
    numbered.  The back cover repeats fields of ``cover``.  ``source`` is the content the
    manual was composed from, as JSON-able data (kept inside the DOCX, so that importing it
    later starts from exactly that content).  ``words`` are the office's own terms, kept
    whole where lines break (:mod:`khumue.typeset.thaiwords`)."""

    cover: CoverPage
    front: list[Node]
    body: list[Node]
    numbering: PageNumbering = field(default_factory=PageNumbering)
    source: Mapping[str, object] | None = None
    revision: Revision | None = None  # set when the tree marks changes since an earlier one
    properties: DocumentProperties | None = None
    words: tuple[str, ...] = ()

    def nodes(self) -> Iterator[tuple[Matter, Node]]:
        """Every top-level block with the section it is in, in order."""
        for node in self.front:
            yield Matter.front, node
        for node in self.body:
            yield Matter.body, node

    @property
    def contents(self) -> list[ContentsEntry]:
        """The table of contents' entries (empty when the manual has none)."""
        for node in self.front:
            if isinstance(node, TableOfContents):
                return node.entries
        return []

    def bookmarks(self, matter: Matter) -> list[str]:
        """The bookmarks of the headings the table of contents lists in ``matter``, in order."""
        return [e.bookmark for e in self.contents if e.matter is matter]
