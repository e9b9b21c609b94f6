"""The default foreword of an imported manual: the text the template wrote and the
signature lines have no content field of their own, so they are collected while lining up,
and when a reviewer changed them they become the manual's own foreword."""

from __future__ import annotations

from typing import Any

from khumue.doctree import Part, Role
from khumue.importer.notes import Note
from khumue.importer.own.content import content_digits
from khumue.importer.units import Unit, squeeze
from khumue.model import Digits


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

    def apply(self, content: dict[str, Any], notes: list[Note]) -> None:
        """Make the edited foreword the manual's own (``content`` changed)."""
        if not (self.text_changed or self.signature_changed):
            return
        foreword = content.get("foreword")
        if not isinstance(foreword, dict):
            foreword = {"text": [content_digits(t, "", self.digits) for t in self.text]
                        or ["-"]}
            content["foreword"] = foreword
        if self.signature_changed and len(self.signature) >= 2:
            foreword["signature_name"] = self.signature[-2]
            foreword["signature_position"] = self.signature[-1]
        notes.append(Note(("foreword",), "คำนำถูกแก้ใน Word: นำข้อความในไฟล์มาใช้"))
