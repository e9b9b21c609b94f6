"""A staff member's whole manual as a typeset tree.

The order of the parts, where the content has them: cover, foreword (คำนำ), table of contents
(สารบัญ), group roles, duties, free-form sections, work standards, processes (each with its
sections, standard summary form and symbol legend), references, back cover.  The table of
contents lists every level-1 heading; each gets its bookmark here, once.
"""

from __future__ import annotations

from khumue.content.fiscal import fiscal_year_bounds
from khumue.content.ita import indicator_for, pdf_keywords
from khumue.content.model import Digits, Staff
from khumue.typeset.compose.context import ManualContext
from khumue.typeset.compose.parts import PartsComposer
from khumue.typeset.compose.processes import compose_processes
from khumue.typeset.compose.standards import compose_standards
from khumue.typeset.compose.text import TextComposer
from khumue.typeset.digits import apply_digits
from khumue.typeset.doctree import (
    ContentsEntry,
    DocumentProperties,
    Heading,
    ManualDoc,
    Matter,
    Node,
    PageNumberFormat,
    PageNumbering,
)

SOURCE_FORMAT = 2  # the version of ManualDoc.source (2: with the office's and staff's ids)
TOC_BOOKMARK_BASE = 100000  # bookmarks are _Toc100000, _Toc100001 … as Word names its own


def compose_manual(staff: Staff, ctx: ManualContext, staff_id: str | None = None) -> ManualDoc:
    """The typeset tree of ``staff``'s manual (``staff_id``: the staff file's, kept with the
    content the manual carries).  Raises TemplateError for a broken foreword template."""
    text = TextComposer(ctx.office)
    parts = PartsComposer(staff, ctx, text)
    body: list[Node] = [
        *parts.group_roles(),
        *parts.duties(),
        *parts.sections(),
        *compose_standards(staff.work_standards, text),
        *compose_processes(staff.processes, staff.group, ctx.office.name, text),
        *parts.references(),
    ]
    front: list[Node] = parts.foreword()
    toc = parts.contents(_bookmark_headings(front, body))
    front.append(toc)
    body_format = (PageNumberFormat.thai_numbers if ctx.office.digits is Digits.thai
                   else PageNumberFormat.decimal)
    source = {"format": SOURCE_FORMAT, "fiscal_year": ctx.fiscal_year,
              "office_id": ctx.office_id, "staff_id": staff_id,
              "office": ctx.office.model_dump(mode="json", exclude_unset=True),
              "staff": staff.model_dump(mode="json", exclude_unset=True)}
    first_day, _ = fiscal_year_bounds(ctx.fiscal_year)
    properties = DocumentProperties(
        title=apply_digits(f"{staff.cover.title} {staff.name} ปีงบประมาณ พ.ศ. {ctx.fiscal_year}",
                           ctx.office.digits),
        author=apply_digits(staff.name, ctx.office.digits),
        subject=apply_digits(parts.full_position, ctx.office.digits),
        company=apply_digits(ctx.office.name, ctx.office.digits),
        date=first_day, keywords=pdf_keywords(indicator_for(ctx.fiscal_year, ctx.office.ita)))
    return ManualDoc(parts.cover(), front, body, PageNumbering(body=body_format), source,
                     properties=properties, words=tuple(ctx.office.words))


def _bookmark_headings(front: list[Node], body: list[Node]) -> list[ContentsEntry]:
    """Give every level-1 heading its bookmark; the table of contents' entries, in order."""
    entries: list[ContentsEntry] = []
    for matter, nodes in ((Matter.front, front), (Matter.body, body)):
        for node in nodes:
            if isinstance(node, Heading) and node.level == 1:
                node.bookmark = f"_Toc{TOC_BOOKMARK_BASE + len(entries)}"
                entries.append(ContentsEntry(node.display, node.bookmark, matter))
    return entries
