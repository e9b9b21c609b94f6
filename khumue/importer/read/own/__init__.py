"""Importing a manual this program built, possibly edited in Word: lossless.

The DOCX carries the content it was built from (:mod:`khumue.wordml.embed`).  That content
is composed again into the typeset tree the file was written from, and the tree's text units
are lined up with the document's (difflib over keys without white space or labels,
:mod:`khumue.typeset.alignment`; :mod:`.editor` says what the differences come to).  The cover says
who the manual is now for (:mod:`.cover`), retyped flowchart boxes give their steps' short
texts (:mod:`.flowcharts`), the default foreword stays the template's unless a reviewer
wrote their own (:mod:`.foreword`), and comments and unaccepted tracked changes become notes
at the values they concern (:mod:`.remarks`).  Renumbering (5.3 → 5.4) is not an edit.
What cannot be placed is kept in a free-form section and noted, never dropped.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from khumue.content.fieldpath import Loc
from khumue.content.model import Office, Staff
from khumue.content.templates import TemplateFolders
from khumue.importer.read.notes import Note
from khumue.importer.read.own.changes import ContentChanges
from khumue.importer.read.own.cover import cover_edits
from khumue.importer.read.own.editor import Editor
from khumue.importer.read.own.flowcharts import box_edits
from khumue.importer.read.own.foreword import GeneratedForeword
from khumue.importer.read.own.remarks import remarks
from khumue.importer.read.units import document_units, expected_units
from khumue.typeset.compose import ManualContext, compose_manual
from khumue.typeset.compose.parts import PartsComposer
from khumue.typeset.compose.text import TextComposer
from khumue.wordml.reader import ReadDocument, ReadPara

DEFAULT_YEAR = 2570  # composing a source that names no fiscal year


@dataclass
class OwnImport:
    """The content recovered from one of our manuals: the office (validated), the staff
    content it was built from (``base``) and as the reviewers left it (``data``, edits
    applied), both as plain data (the form of the YAML files), the fiscal year it was built
    for, the staff member and office it says it is for, and notes for the clerk."""

    office: Office
    data: dict[str, Any]
    base: dict[str, Any]
    fiscal_year: int | None
    staff_id: str | None = None
    office_id: str | None = None
    notes: list[Note] = field(default_factory=list)


def import_own(document: ReadDocument, source: dict[str, Any], templates: TemplateFolders,
               rejected: bool = False) -> OwnImport:
    """The content of ``document`` from its embedded ``source`` (or, for a file that lost
    it, the content it is lined up against), with the edits made in Word applied.
    ``rejected``: the document was read with its tracked changes left out.  Raises
    pydantic.ValidationError when the embedded content is not valid."""
    office = Office.model_validate(dict(source.get("office") or {}))
    base = copy.deepcopy(dict(source.get("staff") or {}))
    staff = Staff.model_validate(base)
    fiscal_year = source.get("fiscal_year")
    year = fiscal_year if isinstance(fiscal_year, int) else DEFAULT_YEAR
    ctx = ManualContext(office, year, templates)
    manual = compose_manual(staff, ctx)
    data = copy.deepcopy(base)
    default = _default_foreword(ctx)
    _, printed_name, printed_position = default(base)
    cover_end, body_end = section_bounds(document)
    notes = cover_edits(document.blocks[:cover_end + 1], manual.cover, data, office.digits) \
        if cover_end >= 0 else []
    changes = ContentChanges(data, office.digits)
    foreword = GeneratedForeword(office.digits)
    editor = Editor(changes, foreword)
    blocks = document.blocks[cover_end + 1:body_end + 1] if cover_end >= 0 else []
    nodes = [n for _, n in manual.nodes()]
    editor.align(expected_units(nodes), document_units(blocks))
    editor.finish()
    box_edits(nodes, blocks, staff, changes)
    changes.apply()
    foreword.apply(data, changes.notes, default, (printed_name, printed_position))
    placed = [(e.origin.path if e.origin else (), a.node) for e, a in editor.pairs
              if isinstance(a.node, ReadPara)]
    notes += changes.notes + remarks(document, _with_added(placed, editor), rejected)
    return OwnImport(office, data, base, fiscal_year if isinstance(fiscal_year, int) else None,
                     _text(source.get("staff_id")), _text(source.get("office_id")), notes)


def _with_added(placed: list[tuple[Loc, ReadPara]],
                editor: Editor) -> list[tuple[Loc, ReadPara]]:
    """The paragraphs found, then those added (at the path of the unit before them)."""
    out = list(placed)
    for added in editor.added:
        node, before = added.unit.node, added.previous
        if isinstance(node, ReadPara):
            out.append((before.origin.path if before and before.origin else (), node))
    return out


def _default_foreword(ctx: ManualContext) -> Callable[[dict[str, Any]], tuple[list[str], str,
                                                                            str]]:
    def default(data: dict[str, Any]) -> tuple[list[str], str, str]:
        staff = Staff.model_validate(data)
        text = TextComposer(ctx.office)
        parts = PartsComposer(staff, ctx, text)
        return ([text.t(p) for p in parts.default_foreword()], text.t(staff.name),
                text.t(parts.full_position))
    return default


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def section_bounds(document: ReadDocument) -> tuple[int, int]:
    """(index of the cover's last block, index of the body's last block): our template has
    four sections, cover, front matter, body and back cover."""
    ends = document.section_ends
    if len(ends) >= 3:
        return ends[0], ends[2]
    if len(ends) == 2:
        return ends[0], ends[1]
    return -1, len(document.blocks) - 1
