"""Word manuals into content: :func:`import_docx` reads a DOCX and gives the office and staff
content (validated models, and the staff content in the form of ``staff/<id>.yaml``) with
notes for the clerk.

Two kinds of input, one entry point: a manual this program built (it carries its content,
:mod:`khumue.importer.read.own`: lossless, with the reviewer's edits in Word applied) and a manual
typed by hand (:mod:`khumue.importer.read.handtyped`: recognised by its Thai headings and shapes,
every guess noted).  Either way the content is validated once, with the model the YAML files
are validated with, and text that could not be placed is kept in a free-form section, never
dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from khumue.content.model import Staff
from khumue.content.templates import TemplateFolders
from khumue.errors import ImportFailed
from khumue.importer.read.handtyped import import_handtyped
from khumue.importer.read.handtyped.cover import read_cover
from khumue.importer.read.lines import lines_of_blocks
from khumue.importer.read.own import import_own
from khumue.importer.read.own.remarks import remarks
from khumue.importer.read.result import Imported, ReadAs, content_data, shorthand
from khumue.typeset.digits import arabic_digits
from khumue.wordml.embed import find_source
from khumue.wordml.reader import Block, ReadDocument, ReadPara, read_docx

__all__ = ["Imported", "LineUp", "ReadAs", "content_data", "import_docx", "shorthand"]


# For a file of ours that lost its embedded content: the content of the staff member the
# cover names, for the fiscal year it names (a source as embedded: office, staff,
# fiscal_year, staff_id), or None.
LineUp = Callable[[str, int | None], dict[str, Any] | None]
_YEAR = re.compile(r"ปีงบประมาณ\s*(?:พ\.ศ\.)?\s*([0-9๐-๙]{4})")


def import_docx(path: Path, templates: TemplateFolders, *, reject_changes: bool = False,
                line_up: LineUp | None = None, words: tuple[str, ...] = ()) -> Imported:
    """Import the Word manual at ``path``: ours from the content it carries, edits applied;
    ours that lost it (an editor dropped its custom XML) lined up against what ``line_up``
    gives for the person its cover names; anything else as typed by hand.  Tracked changes
    left in it are taken as proposed, or left out with ``reject_changes``; either way they
    are noted; ``words`` (the office's own terms) help repair a hand-typed file's Thai.
    Raises ImportFailed (in Thai, naming the file) for a file that is not a readable DOCX
    or not a manual."""
    document = read_docx(path, reject_changes=reject_changes)
    source = find_source(document.custom_xml)
    read_as = ReadAs.own
    if source is None and line_up is not None and _looks_ours(document):
        cover = _cover_blocks(document)
        name = read_cover(lines_of_blocks(cover)).name
        source = line_up(name, _year(cover)) if name else None
        read_as = ReadAs.lined_up
    if source is None:
        imported = import_handtyped(document, path, words)
        imported.notes += remarks(document, (), reject_changes)
        return imported
    try:
        own = import_own(document, source, templates, reject_changes)
    except ValidationError as exc:
        raise ImportFailed(f"{path}: เนื้อหาที่ฝังในไฟล์เสียหาย ({exc.error_count()} จุด)") \
            from None
    data = shorthand(own.data)
    try:
        staff = Staff.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                             for e in exc.errors()[:5])
        raise ImportFailed(f"{path}: นำเข้าแล้วได้เนื้อหาที่ไม่ครบตามแบบคู่มือ ({problems})") \
            from None
    return Imported(own.office, staff, data, read_as, own.fiscal_year, own.notes,
                    shorthand(own.base), own.staff_id, own.office_id)


def _looks_ours(document: ReadDocument) -> bool:
    """True for a document made from our template (its cover's name line in style Cover
    Name)."""
    return any(p.style == "Cover Name" for p in document.paragraphs())


def _year(blocks: list[Block]) -> int | None:
    for block in blocks:
        found = _YEAR.search(block.text) if isinstance(block, ReadPara) else None
        if found:
            return int(arabic_digits(found.group(1)))
    return None


def _cover_blocks(document: ReadDocument) -> list[Block]:
    end = document.section_ends[0] if document.section_ends else len(document.blocks) - 1
    return document.blocks[:end + 1]
