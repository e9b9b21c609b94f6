"""A page's content stream, parsed once and written once, and walked with its text state
(ISO 32000-1 §9.3, §9.4) and marked-content sequences (§14.6): the font fix
(:mod:`khumue.pdf.marks`) and the text layer (:mod:`khumue.pdf.text`) both read and edit the
same instructions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary

Instruction = pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage
TEXT_OPERATORS = frozenset({"Tj", "TJ", "'", '"'})
_UNFOLLOWED = frozenset({"BT", "Td", "TD", "T*"})  # positions a walk does not follow


@dataclass
class TextState:
    """Where a walk is: the font in use (its resource name and size, Tf), the last text
    matrix set (Tm: its operands and the instruction's index) while no other operator has
    moved the pen, and the open marked-content sequences (for each: whether it gives an
    /ActualText)."""

    font: str | None = None
    size: float = 0.0
    matrix: tuple[float, ...] | None = None
    matrix_at: int | None = None
    marked: list[bool] = field(default_factory=list)

    @property
    def actual_text(self) -> bool:
        """True inside a marked-content sequence that gives an ActualText."""
        return any(self.marked)


class PageContent:
    """The instructions of one page of ``pdf`` (a list to edit in place, or replace), put
    back into the page by :meth:`write` when anything changed."""

    def __init__(self, pdf: pikepdf.Pdf, page: pikepdf.Page):
        self.pdf = pdf
        self.page = page
        self.instructions: list[Instruction] = list(pikepdf.parse_content_stream(page))
        self.changed = False

    def fonts(self) -> dict[str, pikepdf.Object]:
        """The page's fonts by resource name ("/F1")."""
        fonts = self.page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        return {str(key): font for key, font in fonts.items()}

    def walk(self) -> Iterator[tuple[int, Instruction, TextState]]:
        """Every instruction with its index and the state after it."""
        state = TextState()
        for i, instruction in enumerate(self.instructions):
            if not isinstance(instruction, pikepdf.ContentStreamInlineImage):
                follow(state, i, instruction)
            yield i, instruction, state

    def write(self) -> None:
        if self.changed:
            self.page.obj.Contents = self.pdf.make_stream(
                pikepdf.unparse_content_stream(self.instructions))


def follow(state: TextState, index: int, instruction: pikepdf.ContentStreamInstruction) -> None:
    """``state`` after ``instruction`` (at ``index``)."""
    name, operands = str(instruction.operator), list(instruction.operands)
    if name == "Tm":
        state.matrix, state.matrix_at = tuple(float(x) for x in operands), index
    elif name == "Tf" and len(operands) == 2:
        state.font, state.size = str(operands[0]), float(operands[1])
    elif name in _UNFOLLOWED:
        state.matrix = state.matrix_at = None
    elif name == "BDC":
        properties = operands[1] if len(operands) > 1 else None
        state.marked.append(isinstance(properties, Dictionary) and "/ActualText" in properties)
    elif name == "BMC":
        state.marked.append(False)
    elif name == "EMC" and state.marked:
        state.marked.pop()


def operator(instruction: Instruction) -> str:
    """The operator's name ("" for an inline image)."""
    if isinstance(instruction, pikepdf.ContentStreamInlineImage):
        return ""
    return str(instruction.operator)


def only_string(instruction: Instruction) -> bytes | None:
    """The codes of a Tj, or of a TJ of one string and no adjustment; else None."""
    name = operator(instruction)
    if name not in ("Tj", "TJ"):
        return None
    operands = list(instruction.operands)  # type: ignore[union-attr]
    if name == "Tj" and len(operands) == 1 and isinstance(operands[0], pikepdf.String):
        return bytes(operands[0])
    if name == "TJ" and len(operands) == 1 and isinstance(operands[0], Array) and \
            len(operands[0]) == 1 and isinstance(operands[0][0], pikepdf.String):
        return bytes(operands[0][0])
    return None


def first_string(instruction: Any) -> bytes | None:
    """The codes a Tj or TJ draws first, when nothing moves the pen before them."""
    operands = list(instruction.operands)
    if not operands:
        return None
    if isinstance(operands[0], pikepdf.String):
        return bytes(operands[0])
    if isinstance(operands[0], Array) and len(operands[0]) and \
            isinstance(operands[0][0], pikepdf.String):
        return bytes(operands[0][0])
    return None


def with_first_string(instruction: Any, data: bytes) -> pikepdf.ContentStreamInstruction:
    """``instruction`` drawing ``data`` instead of its first string."""
    operands = list(instruction.operands)
    if isinstance(operands[0], pikepdf.String):
        operands[0] = pikepdf.String(data)
    else:
        operands[0] = Array([pikepdf.String(data), *list(operands[0])[1:]])
    return pikepdf.ContentStreamInstruction(operands, instruction.operator)
