"""Word manuals into content: :func:`import_docx` reads a DOCX and gives the office and staff
content (the data of ``office.yaml`` and ``staff/<id>.yaml``) with notes for the clerk.

Two kinds of input, one entry point: a manual this program built (it carries its content,
:mod:`khumue.importer.own`: lossless, with the reviewer's edits in Word applied) and a manual
typed by hand (:mod:`khumue.importer.handtyped`: recognised by its Thai headings and shapes,
every guess noted).  Either way the content is validated with the same model the YAML files
are, and text that could not be placed is kept in a free-form section, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from khumue.errors import ImportFailed
from khumue.importer.notes import Note
from khumue.model import Office, Staff
from khumue.templates import TemplateFolders
from khumue.wordml.embed import find_source
from khumue.wordml.reader import read_docx


@dataclass
class Imported:
    """An imported manual: ``office`` and ``staff`` content as plain data, the fiscal year
    it names (when found), whether it was our own output, and the notes."""

    office: dict[str, Any]
    staff: dict[str, Any]
    fiscal_year: int | None = None
    own: bool = False
    notes: list[Note] = field(default_factory=list)


def import_docx(path: Path, templates: TemplateFolders) -> Imported:
    """Import the Word manual at ``path``.  Raises ImportFailed (in Thai, naming the file)
    for a file that is not a readable DOCX or not a manual."""
    document = read_docx(path)
    source = find_source(document.custom_xml)
    if source is not None:
        from khumue.importer.own import import_own

        try:
            own = import_own(document, source, templates)
        except ValidationError as exc:
            raise ImportFailed(f"{path}: เนื้อหาที่ฝังในไฟล์เสียหาย ({exc.error_count()} จุด)") \
                from None
        imported = Imported(own.office, own.staff, own.fiscal_year, True, own.notes)
    else:
        from khumue.importer.handtyped import import_handtyped

        imported = import_handtyped(document, path)
    imported.staff = shorthand(imported.staff)
    _validate(imported, path)
    return imported


def shorthand(value: Any) -> Any:
    """Content in the short form a clerk writes: a paragraph, list item or step that is only
    text (``{"text": "…"}``) as the text itself; everything else unchanged."""
    if isinstance(value, dict):
        if set(value) == {"text"} and isinstance(value["text"], str):
            return value["text"]
        return {k: _shorthand_field(k, v) for k, v in value.items()}
    if isinstance(value, list):
        return [shorthand(v) for v in value]
    return value


def _shorthand_field(key: str, value: Any) -> Any:
    # a foreword's or a section's text is rich text (a list); a mapping's own keys stay
    return shorthand(value) if isinstance(value, dict | list) else value


def _validate(imported: Imported, path: Path) -> None:
    """The imported content must pass the model as YAML content does."""
    try:
        Office.model_validate(imported.office)
        Staff.model_validate(imported.staff)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                             for e in exc.errors()[:5])
        raise ImportFailed(f"{path}: นำเข้าแล้วได้เนื้อหาที่ไม่ครบตามแบบคู่มือ ({problems})") from None
