"""What composing a manual needs besides the staff member's content."""

from __future__ import annotations

from dataclasses import dataclass

from khumue.model import Office
from khumue.templates import TemplateFolders


@dataclass(frozen=True)
class ManualContext:
    """The office, the fiscal year (B.E.) being built and where templates are looked up."""

    office: Office
    fiscal_year: int
    templates: TemplateFolders
