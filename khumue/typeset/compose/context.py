"""What composing a manual needs besides the staff member's content."""

from __future__ import annotations

from dataclasses import dataclass

from khumue.content.model import Office
from khumue.content.templates import TemplateFolders


@dataclass(frozen=True)
class ManualContext:
    """The office, the fiscal year (B.E.) being built, where templates are looked up, and
    the office's id (kept in the manuals, so that a returned file says where it belongs)."""

    office: Office
    fiscal_year: int
    templates: TemplateFolders
    office_id: str | None = None
