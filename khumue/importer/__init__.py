"""Word manuals into content: :func:`import_docx` reads a DOCX and gives the office and staff
content (validated models, and the staff content in the form of ``staff/<id>.yaml``) with
notes for the clerk.

Two kinds of input, one entry point: a manual this program built (it carries its content,
:mod:`khumue.importer.own`: lossless, with the reviewer's edits in Word applied) and a manual
typed by hand (:mod:`khumue.importer.handtyped`: recognised by its Thai headings and shapes,
every guess noted).  Either way the content is validated once, with the model the YAML files
are validated with, and text that could not be placed is kept in a free-form section, never
dropped.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from khumue.errors import ImportFailed
from khumue.importer.handtyped import import_handtyped
from khumue.importer.own import import_own
from khumue.importer.result import Imported, ReadAs, content_data, shorthand
from khumue.model import Staff
from khumue.templates import TemplateFolders
from khumue.wordml.embed import find_source
from khumue.wordml.reader import read_docx

__all__ = ["Imported", "ReadAs", "content_data", "import_docx", "shorthand"]


def import_docx(path: Path, templates: TemplateFolders) -> Imported:
    """Import the Word manual at ``path``.  Raises ImportFailed (in Thai, naming the file)
    for a file that is not a readable DOCX or not a manual."""
    document = read_docx(path)
    source = find_source(document.custom_xml)
    if source is None:
        return import_handtyped(document, path)
    try:
        own = import_own(document, source, templates)
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
    return Imported(own.office, staff, data, ReadAs.own, own.fiscal_year, own.notes)
