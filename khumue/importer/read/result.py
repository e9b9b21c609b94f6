"""What an import gives: the office and staff content as validated models, how the file was
read, and the notes for the clerk."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from khumue.content.model import Office, Staff
from khumue.importer.read.notes import Note


class ReadAs(StrEnum):
    """How a Word file was read."""

    own = "own"  # a manual this program built: from the content it carries
    lined_up = "lined_up"  # ours, its embedded content lost: lined up against content/
    handtyped = "handtyped"  # typed by hand: recognised by its headings and shapes
    pdf = "pdf"  # a PDF of anyone's: its text layer, recognised as a hand-typed manual
    scan = "scan"  # a scanned PDF: read by OCR, then as a PDF


@dataclass
class Imported:
    """An imported manual: ``office`` and ``staff`` validated (once), ``data`` the staff
    content in the form a clerk writes it (the YAML file's), how it was read, the fiscal
    year it names (when found), the notes; for one of our manuals also the content it was
    built from (``base``, plain data) and the staff member and office it says it is for."""

    office: Office
    staff: Staff
    data: dict[str, Any]
    read_as: ReadAs
    fiscal_year: int | None = None
    notes: list[Note] = field(default_factory=list)
    base: dict[str, Any] | None = None
    staff_id: str | None = None
    office_id: str | None = None

    @property
    def own(self) -> bool:
        """True when the file was built by this program (its content embedded or not)."""
        return self.read_as not in (ReadAs.handtyped, ReadAs.pdf, ReadAs.scan)


def content_data(model: BaseModel, *, defaults: bool = False) -> dict[str, Any]:
    """A model's content as a clerk writes it: only what was given (``defaults``: also
    values equal to their default are left out), nothing that is None, and text-only
    paragraphs, items and steps as their text (:func:`shorthand`)."""
    dumped = model.model_dump(mode="json", exclude_unset=not defaults,
                              exclude_defaults=defaults, exclude_none=True)
    value = shorthand(dumped)
    assert isinstance(value, dict)
    return value


def shorthand(value: Any) -> Any:
    """Content in the short form a clerk writes: a paragraph, list item or step that is only
    text (``{"text": "…"}``) as the text itself; everything else unchanged."""
    if isinstance(value, dict):
        if set(value) == {"text"} and isinstance(value["text"], str):
            return value["text"]
        return {k: shorthand(v) if isinstance(v, dict | list) else v for k, v in value.items()}
    if isinstance(value, list):
        return [shorthand(v) for v in value]
    return value
