"""Thai marks in a page's content drawn in the order they are read, without moving a glyph
on the page (a test renders the pages before and after), for the fonts :mod:`khumue.pdf.fonts`
fixed:

- marks drawn one after the other at the same pen position (zero advance, no adjustment
  between them) are drawn in Unicode's canonical order, so "รู้" reads U+0E39 U+0E49;
- a mark LibreOffice draws by itself is drawn with the marks after it, or swapped with the
  next lone mark (:func:`move_lone_marks`);
- sara am, which HarfBuzz draws as nikhahit + sara aa: the nikhahit reads as nothing and the
  sara aa after it is drawn through a second code for the same glyph that reads "ำ".
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pikepdf
from pikepdf import Array

from khumue.pdf.fonts import FontText
from khumue.pdf.stream import (
    PageContent,
    first_string,
    only_string,
    operator,
    with_first_string,
)

_BETWEEN = {"Tm", "Tf", "BDC", "BMC", "EMC"}  # operators that draw nothing


def fix_marks(content: PageContent, fonts: dict[str, FontText]) -> None:
    """Put the marks of ``content`` (fonts by resource name) in reading order (see the
    module's text); ``content.changed`` says whether anything moved."""
    if not fonts:
        return
    content.changed = move_lone_marks(content, fonts) or content.changed
    after_nikhahit = False  # a nikhahit drawn, its sara aa not yet
    for i, instruction, state in content.walk():
        current = fonts.get(state.font or "")
        if current is None or operator(instruction) not in ("Tj", "TJ", "'", '"'):
            continue
        operands, after_nikhahit, edited = _strings(list(instruction.operands),  # type: ignore[union-attr]
                                                    current, after_nikhahit)
        if edited:
            content.instructions[i] = pikepdf.ContentStreamInstruction(
                operands, instruction.operator)  # type: ignore[union-attr]
            content.changed = True


def _strings(operands: list[Any], font: FontText,
             after_nikhahit: bool) -> tuple[list[Any], bool, bool]:
    """The operands of a text-showing operator with each string's codes fixed; whether a
    nikhahit still waits for its sara aa; whether anything changed."""
    edited = False
    out: list[Any] = []
    for operand in operands:
        if isinstance(operand, Array):
            items: list[Any] = []
            for item in operand:
                if isinstance(item, pikepdf.String):
                    data = bytes(item)
                    fixed, after_nikhahit = _string(data, font, after_nikhahit)
                    edited = edited or fixed != data
                    items.append(pikepdf.String(fixed) if fixed != data else item)
                else:
                    items.append(item)
            out.append(Array(items))
        elif isinstance(operand, pikepdf.String):
            data = bytes(operand)
            fixed, after_nikhahit = _string(data, font, after_nikhahit)
            edited = edited or fixed != data
            out.append(pikepdf.String(fixed))
        else:
            out.append(operand)
    return out, after_nikhahit, edited


def move_lone_marks(content: PageContent, fonts: dict[str, FontText]) -> bool:
    """Draw marks LibreOffice draws by themselves (a lowered tone mark at a run's end) in the
    order they are read, without moving a glyph:

    - a lone mark followed, at the same point and in the same font, by a run that begins
      with marks is drawn with them: "กล" "่" "ุมส" becomes "กล" "" "ุ่มส" (marks have no
      advance, so each stays where it was);
    - two lone marks, each placed by its own text matrix, in the wrong order ("้" then "ู")
      swap their matrices and codes, so each is drawn where it was, in canonical order.

    Extractors that read in drawing order then read "กลุ่ม" and "รู้".  Changes the
    instructions in place; returns whether anything moved."""
    changed = False
    instructions = content.instructions
    for i, instruction, state in content.walk():
        lone = only_string(instruction)
        found = fonts.get(state.font or "")
        if not lone or found is None or state.matrix is None or \
                not all(code in found.marks for code in lone):
            continue
        after = _next_drawn(instructions, i, (state.font, state.size))
        if after is None:
            continue  # something else drawn next, or the font changed
        j, moved_to = after
        following = instructions[j]
        first = first_string(following)
        if not first or first[0] not in found.marks:
            continue
        second = only_string(following)
        same_point = moved_to is None or tuple(
            float(x) for x in instructions[moved_to].operands) == state.matrix  # type: ignore[union-attr]
        if second is not None and all(c in found.marks for c in second) and not same_point:
            assert moved_to is not None
            if state.matrix_at is not None and _repositioned_after(instructions, j) and \
                    _combining(found, second[0]) < _combining(found, lone[-1]):
                _swap(instructions, i, j, state.matrix_at, moved_to)
                state.matrix = tuple(float(x) for x in instructions[state.matrix_at].operands)  # type: ignore[union-attr]
                changed = True
            continue
        if same_point:
            lead = 0
            while lead < len(first) and first[lead] in found.marks:
                lead += 1
            instructions[i] = pikepdf.ContentStreamInstruction([pikepdf.String(b"")],
                                                               pikepdf.Operator("Tj"))
            instructions[j] = with_first_string(following, first[:lead] + lone + first[lead:])
            changed = True
    return changed


def _next_drawn(instructions: list[Any], i: int,
                font: tuple[str | None, float]) -> tuple[int, int | None] | None:
    """(the index of the Tj or TJ drawn next after ``i``, the Tm between them if any), when
    only operators that draw nothing stand between and the font stays ``font``."""
    j, moved_to = i + 1, None
    while j < len(instructions) and operator(instructions[j]) in _BETWEEN:
        between = list(instructions[j].operands)
        if operator(instructions[j]) == "Tm":
            moved_to = j
        elif operator(instructions[j]) == "Tf" and (str(between[0]), float(between[1])) != font:
            return None
        j += 1
    if j >= len(instructions) or operator(instructions[j]) not in ("Tj", "TJ"):
        return None
    return j, moved_to


def _swap(instructions: list[Any], i: int, j: int, matrix_at: int, moved_to: int) -> None:
    """Draw the lone marks at ``i`` and ``j`` the other way round, each where it was: their
    text matrices (at ``matrix_at`` and ``moved_to``) and their strings change places."""
    instructions[matrix_at], instructions[moved_to] = (
        pikepdf.ContentStreamInstruction(instructions[moved_to].operands,
                                         pikepdf.Operator("Tm")),
        pikepdf.ContentStreamInstruction(instructions[matrix_at].operands,
                                         pikepdf.Operator("Tm")))
    instructions[i], instructions[j] = instructions[j], instructions[i]


def _repositioned_after(instructions: list[Any], j: int) -> bool:
    """True when what is drawn after instruction ``j`` does not start where ``j`` left the
    pen: the next positioning operator sets the matrix anew (Tm) or ends the text (ET)."""
    for instruction in instructions[j + 1:]:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            return False
        name = str(instruction.operator)
        if name in ("Tm", "ET"):
            return True
        if name not in ("BDC", "BMC", "EMC", "Tf"):
            return False
    return True


def _string(data: bytes, font: FontText, after_nikhahit: bool) -> tuple[bytes, bool]:
    """One string of codes: runs of marks in canonical order, sara aa after a nikhahit
    through the sara-am code.  Returns the codes and whether a nikhahit still waits."""
    if font.watched.isdisjoint(data):
        return data, False if data else after_nikhahit
    codes = list(data)
    start = 0
    while start < len(codes):
        end = start
        while end < len(codes) and codes[end] in font.marks and _combining(font, codes[end]):
            end += 1
        if end - start > 1:
            codes[start:end] = sorted(codes[start:end], key=lambda c: _combining(font, c))
        start = max(end, start + 1)
    for i, code in enumerate(codes):
        if code in font.nikhahit:
            after_nikhahit = True
        elif after_nikhahit and code in font.aa and font.aa_in_am is not None:
            codes[i] = font.aa_in_am
            after_nikhahit = False
        elif code not in font.marks:
            after_nikhahit = False
    return bytes(codes), after_nikhahit


def _combining(font: FontText, code: int) -> int:
    text = font.texts.get(code, "")
    return unicodedata.combining(text[0]) if len(text) == 1 else 0
