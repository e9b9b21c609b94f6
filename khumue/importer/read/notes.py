"""What an import tells the clerk: a note at a field of the content (printed, written in the
import report, and, for what needs the clerk, as a ``# ตรวจ:`` comment beside the value)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from khumue.content.fieldpath import Loc, field_path


class NoteKind(StrEnum):
    """What a note is about."""

    guess = "guess"  # the importer had to guess (a hand-typed manual) or could not place text
    edit = "edit"  # a value that came back changed from Word
    comment = "comment"  # a reviewer's comment in Word
    revision = "revision"  # a tracked change left unaccepted in Word
    conflict = "conflict"  # changed in content/ and differently in Word
    repair = "repair"  # Thai text a PDF or a copy-paste broke, repaired (a doubtful one: guess)
    info = "info"  # how the file was read, for the report only


# The kinds written beside the value in a staff file that already exists (an edit is only
# reported: the value itself shows it).
FLAGGED = frozenset({NoteKind.guess, NoteKind.comment, NoteKind.revision, NoteKind.conflict})


@dataclass(frozen=True)
class Note:
    """``message`` about the value at ``path`` (0-based, as :mod:`khumue.content.fieldpath`)."""

    path: Loc
    message: str
    kind: NoteKind = NoteKind.guess

    def __str__(self) -> str:
        where = field_path(self.path)
        return f"{where}: {self.message}" if where else self.message
