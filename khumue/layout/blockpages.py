"""Where a manual's blocks are printed: the page a reviewer turns to for a warning.

A warning stands at a value of the staff member's content (its field path,
:attr:`khumue.errors.Problem.at`); the typeset tree says which blocks were made from which
value (:class:`~khumue.typeset.doctree.Origin`) and under which table-of-contents heading; the
layout says the physical page of each such heading (LibreOffice,
:class:`~khumue.layout.engine.LaidOut`); the PDF's text (:mod:`khumue.review.pictures`) says on
which page, from the heading's on, the block's words are.  So a warning on the third step of a
process points at the page that prints that step, and, when the PDF is not there, at the page its
process starts on.

Pages are counted two ways: physically from 1 (the cover), as the thumbnails are, and as
printed (:meth:`~khumue.typeset.doctree.PageNumbering.printed`: front matter ก ข ค from the first
front-matter heading's page, body 1 2 3 in the office's digits from the first body
heading's page; the cover and the last page, the back cover, print none).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from khumue.content.fieldpath import Loc
from khumue.typeset.doctree import (
    DocumentProperties,
    FlowchartFigure,
    Heading,
    ManualDoc,
    Matter,
    Node,
    PageNumbering,
    Para,
    Role,
    Table,
    TableOfContents,
)
from khumue.typeset.textkey import squeeze

COVER_FIELDS = frozenset({"name", "position", "level", "group", "work_unit", "cover"})
KEY_CHARS = 24  # the start of a block's text looked for on the pages (it may break a page)
MIN_KEY_CHARS = 4  # shorter text ("-", "๑.") says nothing about where it is


@dataclass(frozen=True)
class PagePlace:
    """Where a block is printed: the physical page (from 1), the number printed on it ("๑๒",
    "ข", or "" for the covers) and the table-of-contents heading of its part."""

    physical: int
    printed: str
    heading: str


@dataclass(frozen=True)
class _Block:
    path: Loc
    text: str
    bookmark: str | None  # of the table-of-contents heading it stands under
    heading: str


@dataclass(frozen=True)
class PageIndex:
    """What finding a manual's pages needs of its typeset tree, and no more: its page
    numbering, the bookmarks of each matter, each block made from content (its path, the
    start of its text, the heading it stands under) and its document properties.  A build
    keeps this of every manual for the review page instead of the tree (a few KB, not the
    tree's MB), so that its memory does not grow with the number of manuals."""

    numbering: PageNumbering
    marks: Mapping[Matter, tuple[str, ...]]
    blocks: tuple[_Block, ...]
    properties: DocumentProperties | None = None

    def bookmarks(self, matter: Matter) -> list[str]:
        return list(self.marks[matter])


def page_index(doc: ManualDoc | PageIndex) -> PageIndex:
    """The :class:`PageIndex` of ``doc`` (itself, when it is one)."""
    if isinstance(doc, PageIndex):
        return doc
    blocks = tuple(_Block(b.path, squeeze(b.text)[:KEY_CHARS], b.bookmark, b.heading)
                   for b in _blocks(doc))
    return PageIndex(doc.numbering, {m: tuple(doc.bookmarks(m)) for m in Matter}, blocks,
                     doc.properties)


class PrintedPages:
    """The number printed on each physical page of a manual: ``doc``'s numbering from the
    physical page of its first front-matter and first body bookmark (``physical_pages``);
    ``page_count`` pages in all, the last the back cover."""

    def __init__(self, doc: ManualDoc | PageIndex, physical_pages: Mapping[str, int],
                 page_count: int | None = None):
        self.numbering = doc.numbering
        self.page_count = page_count
        self.starts = {matter: min((physical_pages[b] for b in doc.bookmarks(matter)
                                    if b in physical_pages), default=None)
                       for matter in Matter}

    def __call__(self, physical: int) -> str:
        """The number printed on physical page ``physical`` ("" on the covers)."""
        if physical <= 1 or (self.page_count is not None and physical >= self.page_count):
            return ""
        for matter in (Matter.body, Matter.front):
            start = self.starts[matter]
            if start is not None and physical >= start:
                return self.numbering.printed(matter, physical - start + 1)
        return ""


class PageFinder:
    """The pages of one manual's blocks.

    ``doc`` is the manual's typeset tree (or its :class:`PageIndex`); ``physical_pages``
    the physical page of each table-of-contents bookmark (empty when it was not laid out);
    ``texts`` each page's text
    without white space (empty without a PDF); ``page_count`` the number of pages, when
    known.  With the texts, each block's page is found in document order, from the page of
    the block before it and before the next part's first page, so that a step's words
    repeated in the summary form further on do not move the step."""

    def __init__(self, doc: ManualDoc | PageIndex, physical_pages: Mapping[str, int],
                 texts: Sequence[str] = (), page_count: int | None = None):
        index = page_index(doc)
        self.pages = dict(physical_pages)
        self.texts = list(texts)
        self.printed = PrintedPages(index, physical_pages,
                                    page_count or (len(self.texts) or None))
        self.blocks = list(index.blocks)
        self.block_pages = self._sweep()

    def find(self, at: Loc) -> PagePlace | None:
        """Where the value at content path ``at`` is printed (the first block made from it
        or, when none is, from the nearest value that holds it: a process's, for its
        flowchart); None when the layout does not know (not laid out, or a value the manual
        does not print)."""
        if not self.pages:
            return None
        inside = [i for i, b in enumerate(self.blocks) if b.path[:len(at)] == at]
        if at and at[0] in COVER_FIELDS and not inside:
            return PagePlace(1, "", "ปก")
        for end in range(len(at) - 1, 1, -1):  # the nearest value holding it, short of the
            if inside:                          # whole list ("processes")
                break
            inside = [i for i, b in enumerate(self.blocks) if b.path[:end] == at[:end]]
        found = [i for i in inside if self.block_pages[i] is not None]
        if not found:
            return None
        page = self.block_pages[found[0]]
        assert page is not None
        return PagePlace(page, self.printed(page), self.blocks[found[0]].heading)

    def _sweep(self) -> list[int | None]:
        """Each block's physical page: its part's first page without the pages' texts, else
        the first page from the block before's (and not past the next part's first page)
        that holds the start of its text."""
        out: list[int | None] = []
        current: int | None = None
        bookmark: str | None = None
        ends = self._part_ends()
        for index, block in enumerate(self.blocks):
            if block.bookmark != bookmark:
                bookmark = block.bookmark
                current = self.pages.get(bookmark or "")
            if current is None or not self.texts:
                out.append(current)
                continue
            key = squeeze(block.text)[:KEY_CHARS]
            if len(key) >= MIN_KEY_CHARS:
                for page in range(current, ends[index] + 1):
                    if key in self.texts[page - 1]:
                        current = page
                        break
            out.append(current)
        return out

    def _part_ends(self) -> list[int]:
        """For each block, the last page its part may be on: the next part's first page."""
        ends: list[int] = []
        end, mine = len(self.texts), None
        for block in reversed(self.blocks):
            if block.bookmark != mine:
                if mine is not None and mine in self.pages:
                    end = min(self.pages[mine], len(self.texts))
                mine = block.bookmark
            ends.append(end)
        return ends[::-1]


def _blocks(doc: ManualDoc) -> Iterator[_Block]:
    """Every block of the tree made from content, with its text, in document order; a label
    line above a heading ("คู่มือขั้นตอนการดำเนินงาน") stands under that heading, on its page."""
    bookmark, heading = None, ""
    labels: list[Node] = []
    for _, node in doc.nodes():
        if isinstance(node, Para) and node.role is Role.label:
            labels.append(node)
            continue
        if isinstance(node, Heading) and node.bookmark is not None:
            bookmark, heading = node.bookmark, " ".join(node.display.split())
        for held in [*labels, node]:
            for path, text in _texts(held):
                yield _Block(path, text, bookmark, heading)
        labels = []
    for held in labels:
        for path, text in _texts(held):
            yield _Block(path, text, bookmark, heading)


def _texts(node: Node) -> Iterator[tuple[Loc, str]]:
    origin = getattr(node, "origin", None)
    if isinstance(node, Para | Heading):
        if origin is not None and origin.path:
            yield origin.path, node.text if isinstance(node, Para) else node.display
    elif isinstance(node, Table):
        for row in [*node.header_rows, *node.rows]:
            for cell in row.cells:
                where = cell.origin or row.origin or origin
                for para in cell.paras:
                    mine = para.origin or where
                    if mine is not None and mine.path:
                        yield mine.path, para.body_text
    elif isinstance(node, FlowchartFigure | TableOfContents):
        if origin is not None and origin.path:
            yield origin.path, ""
