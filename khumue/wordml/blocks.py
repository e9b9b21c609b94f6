"""Typeset blocks (:mod:`khumue.typeset.doctree`) as WordprocessingML: paragraphs, headings with
their bookmarks, the table of contents field, flowcharts; tables in :mod:`khumue.wordml.tables`.

References are to ECMA-376 Part 1 (5th ed.), §17 WordprocessingML.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from lxml.etree import _Element

from khumue.typeset.doctree import (
    CHECK_BOX,
    Change,
    FlowchartFigure,
    Heading,
    Node,
    Para,
    Role,
    Run,
    Table,
    TableOfContents,
)
from khumue.typeset.flowchart import Symbol
from khumue.typeset.flowlayout import Box, Drawing, Style, layout
from khumue.wordml import oxml
from khumue.wordml.drawing import DrawingWriter
from khumue.wordml.env import WriterEnv, WriterIds
from khumue.wordml.marks import Marks
from khumue.wordml.measure import LEVEL_STEP_TWIPS, balanced, hanging
from khumue.wordml.styles import ROLE_STYLES
from khumue.wordml.tables import TableWriter

BALANCED_ROLES = (Role.label, Role.subtitle, Role.cell_head)  # broken into balanced lines
FLOW_TEXT_PT = 14.0  # text in flowchart symbols
FLOW_PAGE_PT = 560.0  # the tallest drawing of a flowchart: a page's text height less a heading
CHECK_BOX_SHARE = 0.55  # the drawn check box's side, as a share of the font size


class BlockWriter:
    """Writes blocks into elements; reads ``env``, counts ids in ``ids``.  :meth:`under`
    gives a writer for a sub-tree in a narrowed environment (sharing the ids)."""

    def __init__(self, env: WriterEnv, ids: WriterIds, drawings: DrawingWriter | None = None):
        self.env = env
        self.ids = ids
        self.marks = Marks(env.revision, ids)
        # the box writer closes over env, not self: a cycle through self would keep the
        # document's tree (lxml's memory, which Python's collector does not count) until a
        # full collection, manual after manual
        self.drawings = drawings or DrawingWriter(ids.drawing, partial(_box_paragraph, env))

    def under(self, env: WriterEnv) -> BlockWriter:
        """A writer of the same document in ``env``."""
        return BlockWriter(env, self.ids, self.drawings)

    def node(self, node: Node, first: bool = False) -> list[_Element]:
        """The elements of one block; ``first`` (the first block of a section) never starts
        a new page itself, the section break does."""
        if isinstance(node, Para):
            return [self.para(node, no_break=first)]
        if isinstance(node, Heading):
            return [self.heading(node, no_break=first)]
        if isinstance(node, Table):
            tables = TableWriter(self.env, self.marks, lambda p, env: self.under(env).para(p),
                                 lambda d, name, env: self.under(env).drawing_paragraph(d, name))
            return [tables.table(node), self.spacer(node.change)]
        if isinstance(node, TableOfContents):
            return self.table_of_contents(node, no_break=first)
        if isinstance(node, FlowchartFigure):
            return self.flowchart(node)
        raise TypeError(f"unknown node {node!r}")

    def para(self, para: Para, *, no_break: bool = False) -> _Element:
        """A w:p of ``para``.  A label is set before a tab stop at a hanging indent of the
        environment's ``indent_base`` twips plus one step per level; a label, subtitle or
        header cell is broken into balanced lines within the environment's width.  An
        inserted or deleted paragraph (or one in an inserted or deleted unit) is marked all
        through: its label, its runs and its paragraph mark."""
        env = self.env
        style_name = ROLE_STYLES[para.role]
        if para.role in BALANCED_ROLES and len(para.runs) == 1:
            run = para.runs[0]
            para = replace(para, runs=[replace(run, text=balanced(run.text, env.width,
                                                                  env.font(style_name)))])
        change = para.change or env.change
        ind: dict[str, str] | None = None
        tabs = None
        runs: list[_Element] = []
        indent = env.indent_base + para.level * LEVEL_STEP_TWIPS
        if para.label:
            hang = hanging(para.label)
            ind = {"left": str(indent + hang), "hanging": str(hang)}
            tabs = [("left", indent + hang)]
            runs += self.marks.runs(self._label(para.label), change)
        elif para.role is Role.list or (para.level and para.role is Role.cell):
            ind = {"left": str(indent), "firstLine": "0"}
        runs += self.text_runs(para.runs, change)
        props = oxml.ppr(env.style(style_name), keep_next=para.keep_next,
                         page_break_before=para.new_page and not no_break, ind=ind, tabs=tabs)
        if change is not None:
            self.marks.paragraph(props, change)
        return oxml.paragraph(props, *runs)

    def _label(self, label: str) -> list[_Element]:
        size = self.env.size_pt
        if label == CHECK_BOX:  # no font has ☐ that we may use: draw the box
            return [self.check_box(size or 16.0), oxml.run("\t", size_pt=size)]
        return [oxml.run(label + "\t", size_pt=size)]

    def text_runs(self, runs: list[Run], whole: Change | None = None) -> list[_Element]:
        """The w:r of each run, an inserted or deleted one inside its w:ins or w:del."""
        out: list[_Element] = []
        for r in runs:
            element = oxml.run(r.text, bold=r.bold, size_pt=self.env.size_pt)
            out += self.marks.runs([element], r.change or whole)
        return out

    def check_box(self, size_pt: float) -> _Element:
        """A run holding an empty square drawn as a shape, sized to the text."""
        side = size_pt * CHECK_BOX_SHARE
        box = Box(Symbol.activity, 0.5, 0.5, side, side, ())
        return self.drawings.inline(Drawing(side + 1, side + 1, [box]), "check box", size_pt)

    def heading(self, heading: Heading, *, no_break: bool = False) -> _Element:
        """A w:p in style Heading 1 or 2, balanced to the text width; a bookmarked heading
        (one the table of contents lists) is wrapped in its bookmark (§17.13.6.2)."""
        style = f"Heading {heading.level}"
        props = oxml.ppr(self.env.style(style),
                         page_break_before=heading.new_page and not no_break,
                         jc="center" if heading.centered else None)
        if heading.runs is not None or heading.change is not None:  # compared with a year before
            label = [Run(heading.label + " ")] if heading.label else []
            runs = label + (heading.runs if heading.runs is not None else [Run(heading.text)])
            texts = self.text_runs(runs, heading.change)
            if heading.change is not None:
                self.marks.paragraph(props, heading.change)
        else:
            texts = [oxml.run(balanced(heading.display, self.env.width, self.env.font(style)))]
        if heading.bookmark is None:
            return oxml.paragraph(props, *texts)
        return oxml.paragraph(props, *oxml.bookmark(heading.bookmark, self.ids.bookmark(),
                                                    *texts))

    def spacer(self, change: Change | None = None) -> _Element:
        """An empty plain paragraph (after a table or a figure), its mark inserted or
        deleted with the table or figure (``change``)."""
        props = oxml.ppr(self.env.style(ROLE_STYLES[Role.plain]))
        change = change or self.env.change
        if change is not None:
            self.marks.paragraph(props, change)
        return oxml.paragraph(props)

    def table_of_contents(self, toc: TableOfContents, *, no_break: bool) -> list[_Element]:
        """The TOC field (§17.16.5.68) over Heading 1, its cached result listing every entry
        as a hyperlink with a PAGEREF field to the heading's bookmark, holding the printed
        page number when the manual has been laid out."""
        title = oxml.paragraph(oxml.ppr(self.env.style("TOC Heading"),
                                        page_break_before=not no_break),
                               oxml.run(toc.title))
        style = self.env.style("toc 1")
        paragraphs: list[_Element] = []
        for i, entry in enumerate(toc.entries):
            runs: list[_Element] = []
            if i == 0:
                runs += oxml.field_begin('TOC \\o "1-1" \\h \\z \\u')
            page = self.env.toc_pages.get(entry.bookmark)
            link = oxml.hyperlink(entry.bookmark, oxml.run(entry.text), oxml.run("\t"),
                                  *oxml.field(f"PAGEREF {entry.bookmark} \\h",
                                              [oxml.run(page)] if page else []))
            runs.append(link)
            if i == len(toc.entries) - 1:
                runs.append(oxml.field_end())
            paragraphs.append(oxml.paragraph(oxml.ppr(style), *runs))
        return [title, *paragraphs]

    def flowchart(self, figure: FlowchartFigure) -> list[_Element]:
        """The flowchart as shape groups, one per page it needs, joined by off-page
        connectors."""
        labels = figure.connector_labels
        drawings = layout(figure.chart, Style(FLOW_TEXT_PT), FLOW_PAGE_PT,
                          lambda n: labels[n - 1] if n <= len(labels) else str(n))
        writer = self.under(self.env.local(change=figure.change)) if figure.change else self
        return [writer.drawing_paragraph(d, "flowchart", new_page=i > 0)
                for i, d in enumerate(drawings)] + [writer.spacer()]

    def drawing_paragraph(self, drawing: Drawing, name: str, *,
                          new_page: bool = False) -> _Element:
        """A centred paragraph holding ``drawing`` inline; in an inserted or deleted unit
        (the environment's change), the drawing's run is inside w:ins or w:del and the
        paragraph's mark is marked too (ECMA-376 Part 1 §17.13.5)."""
        props = oxml.ppr(self.env.style(ROLE_STYLES[Role.cell_center]),
                         page_break_before=new_page)
        change = self.env.change
        if change is not None:
            self.marks.paragraph(props, change)
        run = self.drawings.inline(drawing, name, FLOW_TEXT_PT)
        return oxml.paragraph(props, *self.marks.runs([run], change))


def _box_paragraph(env: WriterEnv, lines: tuple[str, ...], size_pt: float) -> _Element:
    """The paragraph inside a flowchart symbol: ``lines`` centred at ``size_pt`` (pt)."""
    props = oxml.ppr(env.style(ROLE_STYLES[Role.cell_center]))
    return oxml.paragraph(props, oxml.run("\n".join(lines), size_pt=size_pt))
