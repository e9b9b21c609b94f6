"""The default foreword of an imported manual: the text the template wrote and the
signature lines have no content field of their own, so they are collected while lining up.
When a reviewer changed them they become the manual's own foreword, unless the change only
names the new person the cover names (the template writes the same text for them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from khumue.content.model import Digits
from khumue.importer.read.notes import Note, NoteKind
from khumue.importer.read.own.content import content_digits
from khumue.importer.read.units import Unit, squeeze
from khumue.typeset.doctree import Part, Role

# The default foreword for a staff member's content: its paragraphs, the signature's name
# and position, as printed.
DefaultForeword = Callable[[dict[str, Any]], tuple[list[str], str, str]]


class GeneratedForeword:
    """The generated foreword's paragraphs and signature as the document has them."""

    def __init__(self, digits: Digits):
        self.digits = digits
        self.text: list[str] = []
        self.signature: list[str] = []
        self.text_changed = False
        self.signature_changed = False

    @staticmethod
    def holds(unit: Unit | None, heading: bool = False) -> bool:
        """True for a unit of the generated foreword (its heading too when ``heading``)."""
        return unit is not None and unit.origin is not None and \
            unit.origin.part is Part.foreword and not unit.origin.path and \
            (heading or unit.kind != "heading")

    def seen(self, expected: Unit, actual: Unit) -> None:
        """``expected`` (a unit of the generated foreword) stands in the document as
        ``actual``."""
        changed = squeeze(actual.text) != squeeze(expected.text)
        if getattr(expected.node, "role", None) is Role.signature:
            self.signature.append(actual.text)
            self.signature_changed = self.signature_changed or changed
        else:
            self.text.append(actual.text)
            self.text_changed = self.text_changed or changed

    def added(self, actual: Unit) -> None:
        self.text.append(actual.text)
        self.text_changed = True

    def deleted(self) -> None:
        self.text_changed = True

    def apply(self, content: dict[str, Any], notes: list[Note], default: DefaultForeword,
              before: tuple[str, str] = ("", "")) -> None:
        """Make the edited foreword the manual's own (``content`` changed), when it is not
        what the template writes for ``content`` as it now stands (``default``): the name
        and position the manual printed (``before``) may still stand where the reviewer did
        not retype them, since the template writes the new ones there."""
        if not (self.text_changed or self.signature_changed):
            return
        text, name, position = default(content)
        renamed = [(old, new) for old, new in zip(before, (name, position), strict=True)
                   if old and old != new]

        def same(mine: list[str], theirs: list[str]) -> bool:
            for old, new in renamed:
                mine = [m.replace(old, new) for m in mine]
            return [squeeze(m) for m in mine] == [squeeze(t) for t in theirs]

        own_text = self.text_changed and not same(self.text, text)
        signed = [s for s in self.signature if s.strip()]
        own_signature = self.signature_changed and len(signed) >= 2 and \
            not same(signed[-2:], [name, position])
        foreword = content.get("foreword")
        if not isinstance(foreword, dict):
            if not (own_text or own_signature):
                return  # the template's foreword for the new person: it stays the template's
            foreword = {"text": [content_digits(t, "", self.digits) for t in self.text]
                        or ["-"]}
            content["foreword"] = foreword
        if own_signature:
            foreword["signature_name"] = content_digits(signed[-2], "", self.digits)
            foreword["signature_position"] = content_digits(signed[-1], "", self.digits)
        notes.append(Note(("foreword",), "คำนำถูกแก้ใน Word: นำข้อความในไฟล์มาใช้", NoteKind.edit))
