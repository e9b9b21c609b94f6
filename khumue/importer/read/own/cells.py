"""Two edits Word makes to the shape of the text, not its words: a paragraph split in two by
Enter (:func:`splits` finds it among the lined-up units, :func:`split_paragraph` places the
second half), and table cells merged with Merge Cells (:func:`merged_cell`)."""

from __future__ import annotations

from khumue.importer.read.own.changes import ContentChanges
from khumue.importer.read.own.content import content_digits, sibling_of
from khumue.importer.read.own.placing import element_like
from khumue.importer.read.units import Unit, squeeze
from khumue.typeset.doctree import Merge, Row

Op = tuple[str, Unit | None, Unit | None, Unit | None]  # (tag, old, new, new's second half)


def splits(ops: list[tuple[str, Unit | None, Unit | None]]) -> list[Op]:
    """The lined-up units, each paragraph split in two by Enter as one op with both halves
    (a changed unit beside an added one whose texts, one after the other, are the old
    unit's)."""
    out: list[Op] = []
    i = 0
    while i < len(ops):
        if i + 1 < len(ops):
            (t1, e1, a1), (t2, e2, a2) = ops[i], ops[i + 1]
            old = e1 if (t1, t2) == ("pair", "inserted") else \
                e2 if (t1, t2) == ("inserted", "pair") else None
            if old is not None and a1 is not None and a2 is not None and \
                    old.kind == a1.kind == a2.kind == "para" and \
                    squeeze(old.text) == squeeze(a1.text + a2.text):
                out.append(("pair", old, a1, a2))
                i += 2
                continue
        out.append((*ops[i], None))
        i += 1
    return out


def split_paragraph(changes: ContentChanges, e: Unit, second: Unit) -> None:
    """The second half of ``e`` split by Enter follows it as an element of the same list (a
    field of one paragraph becomes two); ``e`` itself keeps the first half."""
    if e.origin is None or not e.origin.path:
        return
    text = content_digits(second.text, "", changes.digits)
    target = sibling_of(changes.data, e.origin.path)
    if target is None:
        changes.extend_field(e.origin.path, text, second.text)
        return
    list_path, index, template = target
    element, why = element_like(template, text)
    if element is None:
        changes.unplace(second.text, why)
        return
    changes.insert(list_path, index, element, second.text, "แยกย่อหน้าใน Word")


def merged_cell(changes: ContentChanges, e: Unit, a: Unit, column: int) -> bool:
    """True when the document's cell ``column`` of row ``a`` continues the cell above
    (Merge Cells, ECMA-376 Part 1 §17.4.85 w:vMerge): the row's content there went up into
    the merged cell (read there as added), and the row now says it is merged."""
    cells = a.node if isinstance(a.node, list) else []
    if column >= len(cells) or not getattr(cells[column], "continued", False):
        return False
    built = e.node.cells[column] if isinstance(e.node, Row) else None
    if built is None or built.origin is None or built.merge is Merge.continued:
        return True  # merged as built: nothing changed
    path = built.origin.path
    changes.merge_up(path[:-1], str(path[-1]))
    return True
