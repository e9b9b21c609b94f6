"""Text as printed: the office's digits, rich-text blocks and list labels.

Every text of a manual passes through :meth:`TextComposer.t`, so digits follow the office's
choice (web addresses, e-mail addresses and codes keep Arabic digits, :mod:`khumue.typeset.digits`).
List labels ("5.1", "๑.", "1)", "-", ☐) are made here and kept apart from the item's text.
"""

from __future__ import annotations

from collections.abc import Iterable

from khumue.content.model import Block, Item, ListStyle, Office
from khumue.typeset.digits import apply_digits
from khumue.typeset.doctree import CHECK_BOX, Origin, Para, Role, Run

BULLET = "-"


class TextComposer:
    """Turns content text into paragraphs in ``office``'s digits."""

    def __init__(self, office: Office):
        self.office = office

    def t(self, text: str) -> str:
        """Text as printed: the office's digits (URLs, e-mails and codes keep Arabic)."""
        return apply_digits(text, self.office.digits)

    def para(self, text: str, role: Role = Role.body, origin: Origin | None = None, *,
             label: str | None = None, level: int = 0, new_page: bool = False,
             keep_next: bool = False) -> Para:
        """One paragraph of ``text`` (and ``label``) in the office's digits."""
        return Para([Run(self.t(text))], role, self.t(label) if label else None, level,
                    new_page, keep_next, origin)

    def blocks(self, blocks: Iterable[Block], role: Role, origin: Origin, parent: str = "",
               level: int = 0, numbered: ListStyle = ListStyle.decimal) -> list[Para]:
        """Paragraphs of rich text made from the blocks at ``origin`` (each block's origin is
        its position below it).  ``parent`` is the number that outline labels extend
        ("5" → 5.1); ``numbered`` is the default style of a ``numbered`` list here."""
        out: list[Para] = []
        for index, block in enumerate(blocks):
            here = origin.at(index)
            items = block.list_items
            if items is not None:
                kind = ("numbered" if block.numbered is not None else
                        "bullets" if block.bullets is not None else "checklist")
                style = block.style or (numbered if block.numbered is not None
                                        else block.list_style)
                out += self.items(items, style, here.at(kind), parent, level,
                                  in_cell=role is Role.cell)
            elif block.bold is not None:
                out.append(Para([Run(self.t(block.bold), bold=True)], plain_role(role),
                                level=level, keep_next=True, origin=here))
            elif block.caption is not None:
                out.append(self.para(block.caption, Role.caption, here))
            else:
                out.append(self.para(block.text or "", role, here, level=level))
        return out

    def items(self, items: list[Item], style: ListStyle, origin: Origin, parent: str = "",
              level: int = 0, in_cell: bool = False) -> list[Para]:
        """A labelled list and its nested lists, depth first; item ``i`` comes from
        ``origin.at(i)``, its sub-items from ``origin.at(i, 'items', j)``."""
        out: list[Para] = []
        for index, item in enumerate(items):
            path, label = list_label(style, index + 1, parent)
            here = origin.at(index)
            out.append(self.para(item.text, Role.cell if in_cell else Role.list, here,
                                 label=label or None, level=level))
            if item.items:
                child = item.style or child_style(style)
                out += self.items(item.items, child, here.at("items"), path, level + 1, in_cell)
        return out


def list_label(style: ListStyle, number: int, parent: str) -> tuple[str, str]:
    """(number path for children, printed label) of item ``number`` in a list of ``style``:
    outline 2 under "5" → ("5.2", "5.2"); decimal → ("5.2", "2."); paren → ("5.2", "2)");
    bullet → ("5", "-"); check → ("5", "☐"); none → ("5", "")."""
    path = f"{parent}.{number}" if parent else str(number)
    if style is ListStyle.outline:
        return path, path
    if style is ListStyle.decimal:
        return path, f"{number}."
    if style is ListStyle.paren:
        return path, f"{number})"
    if style is ListStyle.bullet:
        return parent, BULLET
    if style is ListStyle.check:
        return parent, CHECK_BOX
    return parent, ""


def child_style(style: ListStyle) -> ListStyle:
    """Default style of a nested list: numbered lists nest as outlines (1 → 1.1)."""
    if style in (ListStyle.decimal, ListStyle.outline, ListStyle.paren):
        return ListStyle.outline
    return style


def plain_role(role: Role) -> Role:
    """The role of an unindented line among paragraphs of ``role`` (in a cell: a cell)."""
    return Role.cell if role is Role.cell else Role.plain


def plain_text(blocks: list[Block]) -> list[str]:
    """Every paragraph and list item of ``blocks`` as plain text, in order."""
    out: list[str] = []

    def items(its: list[Item]) -> None:
        for it in its:
            out.append(it.text)
            items(it.items)

    for b in blocks:
        if b.list_items is not None:
            items(b.list_items)
        else:
            out.append(b.text or b.bold or b.caption or "")
    return out
