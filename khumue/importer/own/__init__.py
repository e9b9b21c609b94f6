"""Importing a manual this program built, possibly edited in Word: lossless.

The DOCX carries the content it was built from (:mod:`khumue.wordml.embed`).  That content
is composed again into the typeset tree the file was written from, and the tree's text units
are lined up with the document's (difflib over keys without white space or labels,
:mod:`khumue.alignment`): units that match are unchanged; a unit whose text differs is an
edit to the content field it came from (its :class:`~khumue.doctree.Origin`); a unit only in
the document is a paragraph, list item, step or table row the reviewer added, put beside the
unit before it; a unit only in the tree was deleted.  Renumbering (5.3 → 5.4) is not an edit.
What cannot be placed is kept in a free-form section and noted, never dropped
(:mod:`.editor`).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from khumue.compose import ManualContext, compose_manual
from khumue.doctree import Matter
from khumue.importer.notes import Note
from khumue.importer.own.editor import Editor
from khumue.importer.units import document_units, expected_units
from khumue.model import Office, Staff
from khumue.templates import TemplateFolders
from khumue.wordml.reader import ReadDocument

DEFAULT_YEAR = 2570  # composing a source that names no fiscal year


@dataclass
class OwnImport:
    """The content recovered from one of our manuals: the office (validated) and the staff
    content as plain data (the form of the YAML files, edits applied), the fiscal year it
    was built for, and notes for the clerk."""

    office: Office
    data: dict[str, Any]
    fiscal_year: int | None
    notes: list[Note] = field(default_factory=list)


def import_own(document: ReadDocument, source: dict[str, Any],
               templates: TemplateFolders) -> OwnImport:
    """The content of ``document`` from its embedded ``source``, with the edits made in Word
    applied.  Raises pydantic.ValidationError when the embedded content is not valid."""
    office = Office.model_validate(dict(source.get("office") or {}))
    data = copy.deepcopy(dict(source.get("staff") or {}))
    staff = Staff.model_validate(data)
    fiscal_year = source.get("fiscal_year")
    year = fiscal_year if isinstance(fiscal_year, int) else DEFAULT_YEAR
    manual = compose_manual(staff, ManualContext(office, year, templates))
    editor = Editor(data, office.digits)
    front_end, body_end = section_bounds(document)
    blocks = document.blocks[front_end + 1:body_end + 1] if front_end >= 0 else []
    expected = expected_units([n for m, n in manual.nodes() if m is Matter.front]) + \
        expected_units([n for m, n in manual.nodes() if m is Matter.body])
    editor.align(expected, document_units(blocks))
    editor.finish()
    return OwnImport(office, data, fiscal_year if isinstance(fiscal_year, int) else None,
                     editor.notes)


def section_bounds(document: ReadDocument) -> tuple[int, int]:
    """(index of the cover's last block, index of the body's last block): our template has
    four sections, cover, front matter, body and back cover."""
    ends = document.section_ends
    if len(ends) >= 3:
        return ends[0], ends[2]
    if len(ends) == 2:
        return ends[0], ends[1]
    return -1, len(document.blocks) - 1
