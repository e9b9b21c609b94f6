"""What an import tells the clerk: a note at a field of the content (printed, and written as
a YAML comment beside the value)."""

from __future__ import annotations

from dataclasses import dataclass

from khumue.fieldpath import Loc, field_path


@dataclass(frozen=True)
class Note:
    """``message`` about the value at ``path`` (0-based, as :mod:`khumue.fieldpath`)."""

    path: Loc
    message: str

    def __str__(self) -> str:
        where = field_path(self.path)
        return f"{where}: {self.message}" if where else self.message
