"""Lists, rich text and definitions from the labelled lines of a hand-typed manual, as the
content model's types (:class:`~khumue.content.model.Item`, :class:`~khumue.content.model.Block`,
:class:`~khumue.content.model.Definition`).  Nothing here keeps state between calls."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from khumue.content.model import Block, Definition, ListStyle
from khumue.content.model import Item as ListItem
from khumue.importer.read.lines import UNNUMBERED, Grid, Item, Label, LabelKind, Line

_STYLE_OF = {LabelKind.decimal: ListStyle.decimal, LabelKind.number: ListStyle.decimal,
             LabelKind.paren: ListStyle.paren, LabelKind.outline: ListStyle.outline,
             LabelKind.bullet: ListStyle.bullet, LabelKind.check: ListStyle.check,
             LabelKind.letter: ListStyle.bullet}
_TOP_NUMBERED = frozenset({LabelKind.decimal, LabelKind.paren, LabelKind.number})
# A figure's or a table's caption line ("แผนภาพ แสดง…", "ภาพที่ 1 …"): never part of a list.
CAPTION = re.compile(r"^(?:แผนภาพ|แผนภูมิ|ภาพที่|รูปที่|ตารางที่)(?:\s|[0-9๐-๙])")
# A line that names its own place in a series ("มาตรฐานที่ 1 …", "ตัวบ่งชี้ที่ 2 …"): an item
# under the numbered item before it, unlabelled (its words are its label).
ORDINAL = re.compile(r"^(?:มาตรฐานที่|ตัวบ่งชี้ที่|ตัวชี้วัดที่|ขั้นตอนที่|ขั้นที่|ข้อที่|ประเด็นที่)\s*"
                     r"[0-9๐-๙]{1,2}(?![0-9๐-๙])")


@dataclass
class _Draft:
    """A list item while its sub-items are still being read."""

    text: str
    numbered: bool
    depth: int
    items: list[_Draft] = field(default_factory=list)
    style: ListStyle | None = None

    def item(self) -> ListItem:
        return ListItem(text=self.text, items=[d.item() for d in self.items], style=self.style)


@dataclass(frozen=True)
class ListReading:
    """Items read from lines: the items, the top level's label style, and the unlabelled
    lines joined to the item before them (each worth a note)."""

    items: list[ListItem]
    style: ListStyle
    joined: list[str]


def items_of(lines: Sequence[Line]) -> ListReading:
    """Nested list items from labelled lines: outline numbers nest (5.1 under 5), bullets
    under a numbered item become its sub-list; an unlabelled line continues the item
    before it, and one that names its place in a series ("มาตรฐานที่ 2 …") is an
    unlabelled item under it."""
    labelled = [ln.label for ln in lines if ln.label is not None]
    if not labelled:
        return ListReading([ListItem(text=ln.text) for ln in lines], ListStyle.none, [])
    numbered_top = any(label.kind in _TOP_NUMBERED for label in labelled)
    outlines = [len(label.numbers) for label in labelled if label.kind is LabelKind.outline]
    base = 1 if numbered_top or not outlines else min(outlines)
    style = _STYLE_OF[labelled[0].kind]
    top: list[_Draft] = []
    stack: list[_Draft] = []
    joined: list[str] = []
    for line in lines:
        if line.label is None and stack and ORDINAL.match(line.text):
            parent = next((d for d in reversed(stack) if d.numbered), stack[-1])
            while stack[-1] is not parent:
                stack.pop()
            parent.style = parent.style or ListStyle.none
            parent.items.append(_Draft(line.text, False, parent.depth + 1))
            continue
        if line.label is None:
            if stack:
                stack[-1].text += " " + line.text
                joined.append(line.text)
            else:
                top.append(_Draft(line.text, False, 0))
            continue
        _place(_Draft(line.body, line.label.numbered, _depth(line.label, stack, base,
                                                              numbered_top)),
               line.label, top, stack)
    return ListReading([d.item() for d in top], style, joined)


def _depth(label: Label, stack: list[_Draft], base: int, numbered_top: bool) -> int:
    if label.kind in UNNUMBERED:
        if not stack:
            return 0
        return stack[-1].depth if not stack[-1].numbered else stack[-1].depth + 1
    if label.kind is LabelKind.outline:
        return max(len(label.numbers) - base, 0) if numbered_top else len(label.numbers) - base
    return 0


def _place(draft: _Draft, label: Label, top: list[_Draft], stack: list[_Draft]) -> None:
    while stack and stack[-1].depth >= draft.depth:
        stack.pop()
    if stack:
        parent = stack[-1]
        parent.items.append(draft)
        if label.kind in (LabelKind.bullet, LabelKind.check) and parent.numbered:
            parent.style = ListStyle.bullet if label.kind is LabelKind.bullet \
                else ListStyle.check
    else:
        top.append(draft)
    stack.append(draft)


def blocks_of(items: Sequence[Item], outline: bool) -> list[Block]:
    """Rich-text blocks from lines (and tables, kept as a line of text per row): paragraphs,
    and lists where lines are labelled ("numbered" for numbers, "bullets" for dashes,
    "checklist" for boxes).  ``outline``: a numbered list prints as an outline of its
    section here (a process's sections), so a decimal list keeps its own style; elsewhere
    a numbered list prints decimal, and an outline one ("4.1" under row 4) keeps its own."""
    out: list[Block] = []
    run: list[Line] = []
    for item in items:
        if isinstance(item, Grid):
            out += _list_block(run, outline)
            out += [Block(text=" ".join(t for t in row if t)) for row in item.texts()
                    if any(row)]
            continue
        if not item.text:
            continue
        if item.label is None and CAPTION.match(item.text):
            out += _list_block(run, outline)
            out.append(Block(caption=item.text))
        elif (item.label is not None and item.label.kind is not LabelKind.number) or \
                (run and item.label is None and not item.heading):
            run.append(item)
        else:
            out += _list_block(run, outline)
            out.append(Block(text=item.text))
    out += _list_block(run, outline)
    return out


def _list_block(run: list[Line], outline: bool) -> list[Block]:
    """The list ``run`` holds, as one block (and ``run`` emptied)."""
    if not run:
        return []
    reading = items_of(run)
    run.clear()
    if reading.style is ListStyle.bullet:
        return [Block(bullets=reading.items)]
    if reading.style is ListStyle.check:
        return [Block(checklist=reading.items)]
    default = ListStyle.outline if outline else ListStyle.decimal
    style = reading.style if reading.style in (ListStyle.paren, ListStyle.outline,
                                               ListStyle.decimal) and \
        reading.style is not default else None
    return [Block(numbered=reading.items, style=style)]


@dataclass(frozen=True)
class DefinitionReading:
    """Definitions read from lines, their label style (outline when numbered), and the lines
    that are not definitions."""

    definitions: list[Definition]
    style: ListStyle
    leftover: list[str]


def definitions_of(items: Sequence[Item]) -> DefinitionReading:
    """Definitions "term หมายถึง meaning"; an unlabelled line without หมายถึง continues the
    meaning before it."""
    terms: list[list[str]] = []
    leftover: list[str] = []
    numbered = False
    for item in items:
        if not isinstance(item, Line) or not item.text:
            continue
        body = item.body if item.label else item.text
        if "หมายถึง" not in body:
            if terms and not item.label:
                terms[-1][1] += " " + item.text
            else:
                leftover.append(item.text)
            continue
        numbered = numbered or bool(item.label and item.label.numbered)
        term, _, meaning = body.partition("หมายถึง")
        terms.append([term.strip() or "-", meaning.strip() or "-"])
    return DefinitionReading([Definition(term=t, meaning=m) for t, m in terms],
                             ListStyle.outline if numbered else ListStyle.none, leftover)
