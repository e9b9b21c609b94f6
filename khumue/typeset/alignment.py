"""Lining two sequences up: last year's units and this year's, or a manual's typeset units
and a Word document's paragraphs.

:func:`align` walks both in order and says, for each unit, whether it is the same on both
sides (equal keys), a changed version of one on the other side (same kind, similar key:
difflib's ratio at least 0.5), gone, or new.  The year comparison (:mod:`khumue.redline.compare`)
and the import of our own edited manuals (:mod:`khumue.importer.read.own`) both use it.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
SIMILAR = 0.5  # difflib ratio from which two units of one kind are versions of each other


def _kind(unit: object) -> str:
    kind = getattr(unit, "kind", None)
    return kind if isinstance(kind, str) else type(unit).__name__


def align(olds: list[T], news: list[T], key: Callable[[T], str],
          by_position: bool = False) -> list[tuple[str, T | None, T | None]]:
    """The two sequences lined up: ("same", old, new) for equal keys, ("pair", old, new) for
    a changed version, ("deleted", old, None), ("inserted", None, new), in the new order
    with deleted units where they stood.  With ``by_position``, a changed stretch with as
    many units of the same kinds on both sides pairs them in order, however different."""
    out: list[tuple[str, T | None, T | None]] = []
    matcher = difflib.SequenceMatcher(None, [key(o) for o in olds], [key(n) for n in news],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += [("same", o, n) for o, n in zip(olds[i1:i2], news[j1:j2], strict=True)]
            continue
        a, b = olds[i1:i2], news[j1:j2]
        if by_position and len(a) == len(b) and all(
                _kind(o) == _kind(n) for o, n in zip(a, b, strict=True)):
            found = list(zip(a, b, strict=True))
        else:
            found = pairs(a, b, key)
        i = j = 0
        for pa, pb in found:
            while a[i] is not pa:
                out.append(("deleted", a[i], None))
                i += 1
            while b[j] is not pb:
                out.append(("inserted", None, b[j]))
                j += 1
            out.append(("pair", pa, pb))
            i += 1
            j += 1
        out += [("deleted", o, None) for o in a[i:]]
        out += [("inserted", None, n) for n in b[j:]]
    return out


def pairs(olds: list[T], news: list[T], key: Callable[[T], str]) -> list[tuple[T, T]]:
    """Versions of each other in two stretches that differ: same kind and similar key,
    in order."""
    found: list[tuple[T, T]] = []
    start = 0
    for old in olds:
        best, best_j = 0.0, -1
        for j in range(start, len(news)):
            if _kind(news[j]) != _kind(old):
                continue
            ratio = difflib.SequenceMatcher(None, key(old), key(news[j]), autojunk=False).ratio()
            if ratio > best:
                best, best_j = ratio, j
        if best_j >= 0 and best >= SIMILAR:
            found.append((old, news[best_j]))
            start = best_j + 1
    return found
