"""List items a clerk typed inside one paragraph, split into the lines they are.

Clerks often type a step's sub-steps, or a numbered list of references, into one paragraph
(or one table cell) instead of one paragraph each: "จัดทำแผน … กศจ. ๔.๑ จัดทำเอกสาร …
๔.๒ แต่งตั้ง …", "๑. มีการกลั่นกรอง … ราชการ๒. มีการดำเนินการ …", "1.ระเบียบ … พ.ศ.2546
2.ประกาศ …", "-ดำเนินการภายใน ๕ วัน … สพฐ.-ดำเนินการภายใน ๓ วัน …".  Numbers in running
text are everywhere ("ข้อ ๑", "พ.ศ. ๒๕๔๗", "ภายใน ๕ วัน"), so a split is made only where
the labels run in sequence: outline numbers N.1, N.2, … (at least two, the same N),
decimal numbers that continue the paragraph's own label (it starts "๑." and "๒." follows),
and dashes that continue a paragraph opened by a dash, after a full stop, a bracket or a
space and before a Thai letter (never "รับ-ส่ง", "ตุลาคม-ธันวาคม").
"""

from __future__ import annotations

import re

from khumue.typeset.digits import arabic_digits

_DIGIT = "[0-9๐-๙]"
_OUTLINE = re.compile(rf"(?:(?<=\s)|^)({_DIGIT}{{1,2}})\.({_DIGIT}{{1,2}})(?![.0-9๐-๙])\s*"
                      r"(?=[ก-ฮเแโใไ\"“(])")
_DECIMAL = re.compile(rf"(?:(?<=[\sก-๙)\"”])|^)({_DIGIT}{{1,2}})\.(?![0-9๐-๙.])\s*"
                      r"(?=[ก-ฮเแโใไ\"“(])")
_OPENING = re.compile(rf"^\s*(?:-\s*)?\(?({_DIGIT}{{1,2}})[.)]\s*\S")
_DASH = re.compile(r"(?:(?<=[.)\]])|(?<=[.)\]]\s)|(?<=\s))-\s*(?=[ก-ฮเแโใไ])")
_NOT_AFTER = frozenset({"ข้อ", "ข้อที่", "ตาม", "ตามข้อ", "ที่", "ฉบับ", "ฉบับที่", "มาตรา", "หน้า",
                        "และ", "หรือ"})
_SHORTEST = 8  # characters: a dash piece shorter than this is a word pair, not an item


def split_items(text: str) -> list[str]:
    """``text`` (one paragraph, white space folded) as the list lines it holds: itself
    alone when it holds none.  The pieces keep their labels as typed ("๔.๑ จัดทำ …")."""
    for splitter in (_outline_cuts, _decimal_cuts, _dash_cuts):
        cuts = splitter(text)
        if cuts:
            bounds = [0, *cuts, len(text)]
            pieces = [text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]
            return [p for p in pieces if p]
    return [text]


def _outline_cuts(text: str) -> list[int]:
    """Where N.1, N.2, … start, when at least two follow in order (N the same)."""
    best: list[int] = []
    for first in _OUTLINE.finditer(text):
        if int(arabic_digits(first.group(2))) != 1 or _after_reference(text, first.start()):
            continue
        parent, want, cuts = first.group(1), 2, [first.start()]
        for later in _OUTLINE.finditer(text, first.end()):
            same = arabic_digits(later.group(1)) == arabic_digits(parent)
            if same and int(arabic_digits(later.group(2))) == want and \
                    not _after_reference(text, later.start()):
                cuts.append(later.start())
                want += 1
        if len(cuts) >= 2:
            best = cuts
            break
    return [c for c in best if c > 0]


def _decimal_cuts(text: str) -> list[int]:
    """Where 2., 3., … start in a paragraph that opens with 1. (or any n.: n+1, n+2 …)."""
    opening = _OPENING.match(text)
    if not opening:
        return []
    want = int(arabic_digits(opening.group(1))) + 1
    cuts = []
    for match in _DECIMAL.finditer(text, opening.end()):
        if int(arabic_digits(match.group(1))) == want and \
                not _after_reference(text, match.start()):
            cuts.append(match.start())
            want += 1
    return cuts


def _dash_cuts(text: str) -> list[int]:
    """Where a dash item starts, in a paragraph that opens with a dash."""
    if not text.lstrip().startswith(("-", "–")):
        return []
    cuts = [m.start() for m in _DASH.finditer(text, text.index("-") + 1)]
    bounds = [0, *cuts, len(text)]
    if any(len(text[a:b].strip(" -")) < _SHORTEST for a, b in zip(bounds, bounds[1:],
                                                                   strict=False)):
        return []
    return cuts


def _after_reference(text: str, at: int) -> bool:
    """True when the number at ``at`` follows a word that cites it ("ข้อ ๔.๑", "ตาม ๒.")."""
    before = text[:at].split()
    return bool(before) and before[-1] in _NOT_AFTER
