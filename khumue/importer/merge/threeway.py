"""A three-way merge of content, unit by unit: what a manual was built from (``base``), what
content/ holds now (``ours``) and what came back from Word (``theirs``), all as plain data in
one form (:func:`canonical`).

A unit changed on one side only is taken from that side; changed on both sides the same way,
taken once; changed on both sides differently, it is a :class:`Conflict` and ``ours`` is kept
(nothing is silently overwritten).  Mappings merge key by key; lists element by element,
their elements lined up with the base's (:mod:`khumue.typeset.alignment`), so an element edited on
one side and another added on the other both come through.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from khumue.content.fieldpath import Loc
from khumue.content.model import Staff
from khumue.typeset.alignment import align

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()


@dataclass(frozen=True)
class Conflict:
    """A unit changed in content/ (``ours``) and differently in Word (``theirs``), at
    ``path`` (0-based); MISSING for a side that deleted it."""

    path: Loc
    ours: Any
    theirs: Any


def canonical(content: Any) -> dict[str, Any]:
    """Staff content (plain data, shorthand or not, or a model) in the one form merging
    compares: validated, dumped with only the values given."""
    return Staff.model_validate(content).model_dump(mode="json", exclude_unset=True)


def merge3(base: Any, ours: Any, theirs: Any, path: Loc = (),
           prefer_theirs: bool = False) -> tuple[Any, list[Conflict]]:
    """(the merged value, the conflicts).  ``prefer_theirs``: a conflict is settled for
    ``theirs`` (and still reported)."""
    if _same(theirs, base) or _same(ours, theirs):
        return ours, []
    if _same(ours, base):
        return theirs, []
    if isinstance(base, dict) and isinstance(ours, dict) and isinstance(theirs, dict):
        return _mappings(base, ours, theirs, path, prefer_theirs)
    if isinstance(base, list) and isinstance(ours, list) and isinstance(theirs, list):
        return _lists(base, ours, theirs, path, prefer_theirs)
    return (theirs if prefer_theirs else ours), [Conflict(path, ours, theirs)]


def _same(a: Any, b: Any) -> bool:
    return a is b or (a is not MISSING and b is not MISSING and a == b)


def _mappings(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], path: Loc,
              prefer_theirs: bool) -> tuple[dict[str, Any], list[Conflict]]:
    out: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    keys = list(ours) + [k for k in theirs if k not in ours] + \
        [k for k in base if k not in ours and k not in theirs]
    for key in keys:
        value, found = merge3(base.get(key, MISSING), ours.get(key, MISSING),
                              theirs.get(key, MISSING), (*path, key), prefer_theirs)
        conflicts += found
        if value is not MISSING:
            out[key] = value
    return out, conflicts


_NAMING = ("text", "term", "name", "title", "detail", "activity", "use")


def key_of(value: Any) -> str:
    """A value as a key for telling equal values."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def identity(value: Any) -> str:
    """A list element as a key for lining lists up: what names it (a step's or item's text,
    a definition's term, a process's name …), so that an element whose other fields changed
    is still the same element, and elements alike in all but their text are not."""
    if isinstance(value, dict):
        for name in _NAMING:
            if name in value:
                return key_of(value[name])
    return key_of(value)


def _matches(base: list[Any], side: list[Any]) -> tuple[dict[int, int], dict[int, list[int]]]:
    """How ``side`` stands to ``base``: base index → side index of the same or changed
    element; and, after each base index (-1: before the first), the side's new elements."""
    found: dict[int, int] = {}
    added: dict[int, list[int]] = {}
    last = -1
    for _, old, new in align(list(enumerate(base)), list(enumerate(side)),
                             lambda pair: identity(pair[1])):
        if old is not None:
            last = old[0]
            if new is not None:
                found[last] = new[0]
        elif new is not None:
            added.setdefault(last, []).append(new[0])
    return found, added


def _lists(base: list[Any], ours: list[Any], theirs: list[Any], path: Loc,
           prefer_theirs: bool) -> tuple[list[Any], list[Conflict]]:
    ours_at, ours_added = _matches(base, ours)
    theirs_at, theirs_added = _matches(base, theirs)
    out: list[Any] = []
    conflicts: list[Conflict] = []

    def added_after(index: int) -> None:
        mine = [ours[j] for j in ours_added.get(index, [])]
        out.extend(mine)
        out.extend(theirs[j] for j in theirs_added.get(index, []) if theirs[j] not in mine)

    added_after(-1)
    for i, old in enumerate(base):
        o, t = ours_at.get(i), theirs_at.get(i)
        here = (*path, len(out))
        if o is not None and t is not None:
            value, found = merge3(old, ours[o], theirs[t], here, prefer_theirs)
            out.append(value)
            conflicts += found
        elif o is not None and ours[o] != old:  # changed here, deleted in Word
            conflicts.append(Conflict(here, ours[o], MISSING))
            if not prefer_theirs:
                out.append(ours[o])
        elif t is not None and theirs[t] != old:  # deleted here, changed in Word
            conflicts.append(Conflict(here, MISSING, theirs[t]))
            if prefer_theirs:
                out.append(theirs[t])
        added_after(i)
    return out, conflicts
