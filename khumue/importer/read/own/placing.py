"""Where a paragraph a reviewer added in Word belongs: beside the unit before it, in the list
whose labels look like its own ("5.4" after the bullet notes of step 5.3 is a step, not one
more note), and as the kind of element that list holds."""

from __future__ import annotations

import re
from typing import Any

from khumue.content.fieldpath import Loc
from khumue.importer.read.own.content import locate, sibling_of
from khumue.typeset.digits import arabic_digits
from khumue.typeset.doctree import CHECK_BOX

PART_LISTS_PATHS = {("work_standards",), ("processes",), ("sections",)}
_BULLETS = re.compile(r"^[-–•●○■▪◦*]$")
_NUMBER = re.compile(r"^\(?([0-9]+(?:\.[0-9]+)*)([.)]?)$")


def label_shape(label: str | None) -> tuple[str, int]:
    """What a list label looks like: ("none", 0), ("check", 0), ("bullet", 0), ("letter",
    0), or a number's kind and how many numbers it holds: "5.3" → ("outline", 2), "๕." →
    ("decimal", 1), "1)" → ("paren", 1)."""
    if not label:
        return "none", 0
    text = arabic_digits(label.strip())
    if text in (CHECK_BOX, "□"):
        return "check", 0
    if _BULLETS.match(text):
        return "bullet", 0
    match = _NUMBER.match(text)
    if not match:
        return "letter", 0
    count = match.group(1).count(".") + 1
    if count > 1:
        return "outline", count
    return ("paren" if match.group(2) == ")" or text.startswith("(") else "decimal"), 1


def target_of(data: Any, previous: Loc, label: str | None,
              labels: dict[Loc, str | None]) -> tuple[Loc, int, Any] | None:
    """(list path, index, an element like the new one) for a paragraph labelled ``label``
    added after the unit made from ``previous``: the nearest list, going up from
    ``previous``, whose element there has a label of the same shape; else the position after
    ``previous`` itself (:func:`~khumue.importer.read.own.content.sibling_of`)."""
    want = label_shape(label)
    for end in range(len(previous), 1, -1):  # never a whole part: a paragraph is not one
        here = previous[:end]
        if isinstance(here[-1], int) and here in labels and label_shape(labels[here]) == want:
            _, _, value = locate(data, here)
            return here[:-1], here[-1] + 1, value
    if len(previous) <= 2 and previous[:1] in PART_LISTS_PATHS:
        return None
    return sibling_of(data, previous)


def element_like(template: Any, text: str) -> tuple[dict[str, Any] | None, str]:
    """(a new list element holding ``text``, of the kind ``template`` is: a definition "term
    หมายถึง meaning", or an item, paragraph or step; "") or (None, why not: a definition
    without หมายถึง)."""
    if isinstance(template, dict) and "term" in template:
        term, sep, meaning = text.partition("หมายถึง")
        if not sep:
            return None, "คำจำกัดความที่เพิ่มต้องมีคำว่า \"หมายถึง\""
        return {"term": term.strip(), "meaning": meaning.strip()}, ""
    return {"text": text}, ""
