"""Word's automatic list numbers (numbering.xml, ECMA-376 Part 1 §17.9), as a reader sees
them: "5.1", "๕.๑", "(ก)".

A paragraph is numbered through w:numPr (its own, or its style's): w:numId picks a w:num, whose
w:abstractNumId picks the level templates (w:lvl: w:start, w:numFmt, w:lvlText "%1.%2."),
which w:lvlOverride/w:startOverride of the w:num may restart.  Each w:num keeps its own
counters; numbering a level resets the levels below it.  Thai formats are ours to map:
``thaiNumbers`` (๑ ๒ ๓), ``thaiLetters`` (ก ข ค, LibreOffice's sequence) and ``thaiCounting``
(หนึ่ง สอง สาม).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml.etree import _Element

from khumue.typeset.digits import thai_digits
from khumue.typeset.doctree import THAI_LETTERS


@dataclass
class Level:
    """One level template: first number, format, label template, and whether it shows every
    level's number in decimal (w:isLgl)."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False


@dataclass
class Numbering:
    """The numbering definitions of a document and the running counters while reading it."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)

    @classmethod
    def of(cls, document_part: object) -> Numbering:
        """The numbering of a python-docx document part (empty when it has none)."""
        try:
            root = document_part.numbering_part.element  # type: ignore[attr-defined]
        except Exception:
            return cls()
        return cls.parse(root)

    @classmethod
    def parse(cls, root: _Element) -> Numbering:
        numbering = cls()
        for abstract in root.iter(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.iter(qn("w:lvl")):
                levels[_int(lvl.get(qn("w:ilvl")), 0)] = _level(lvl)
            numbering.abstract[abstract.get(qn("w:abstractNumId")) or ""] = levels
        for num in root.iter(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            starts: dict[int, int] = {}
            for override in num.iter(qn("w:lvlOverride")):
                level = _int(override.get(qn("w:ilvl")), 0)
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    starts[level] = _int(start.get(qn("w:val")), 1)
                lvl = override.find(qn("w:lvl"))
                if lvl is not None and lvl.find(qn("w:start")) is not None:
                    starts[level] = _level(lvl).start
            numbering.nums[num.get(qn("w:numId")) or ""] = (
                ref.get(qn("w:val")) if ref is not None else "", starts)
        return numbering

    def label_for(self, props: _Element | None,
                  style_chain: list[_Element]) -> tuple[str, int] | None:
        """(label, level) of the next paragraph numbered by ``props`` (a w:pPr) or its style,
        advancing the counters; None when it is not numbered."""
        num_pr = props.find(qn("w:numPr")) if props is not None else None
        if num_pr is None:
            for style in style_chain:
                num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
                if num_pr is not None:
                    break
        if num_pr is None:
            return None
        num_id_el = num_pr.find(qn("w:numId"))
        ilvl_el = num_pr.find(qn("w:ilvl"))
        num_id = num_id_el.get(qn("w:val")) if num_id_el is not None else None
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        level = min(max(_int(ilvl_el.get(qn("w:val")) if ilvl_el is not None else None, 0), 0), 8)
        abstract_id, starts = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        counters = self.counters.setdefault(num_id, [None] * 9)
        template = levels.get(level, Level())
        if counters[level] is None:
            counters[level] = starts.get(level, template.start)
        else:
            counters[level] = (counters[level] or 0) + 1
        for deeper in range(level + 1, 9):
            counters[deeper] = None
        label = self.render(template, levels, counters, starts)
        return label, level

    def render(self, template: Level, levels: dict[int, Level], counters: list[int | None],
               starts: dict[int, int]) -> str:
        """``template.text`` with each %k replaced by level k-1's number in its format."""
        if template.fmt == "bullet":
            return template.text or "-"
        if template.fmt == "none":
            return template.text.replace("%", "").strip("0123456789") if "%" in template.text \
                else template.text
        out = template.text
        for k in range(9, 0, -1):
            token = f"%{k}"
            if token in out:
                lvl = levels.get(k - 1, Level())
                value = counters[k - 1]
                if value is None:
                    value = starts.get(k - 1, lvl.start)
                fmt = "decimal" if template.legal else lvl.fmt
                out = out.replace(token, format_number(value, fmt))
        return out


def format_number(value: int, fmt: str) -> str:
    """``value`` in the w:numFmt ``fmt`` (ECMA-376 §17.18.59 ST_NumberFormat); unknown formats
    fall back to decimal."""
    if fmt in ("thaiNumbers",):
        return thai_digits(str(value))
    if fmt == "thaiLetters":
        count = len(THAI_LETTERS)
        return THAI_LETTERS[(value - 1) % count] * ((value - 1) // count + 1) if value > 0 else ""
    if fmt == "thaiCounting":
        from pythainlp.util import num_to_thaiword

        return str(num_to_thaiword(value))
    if fmt in ("lowerLetter", "upperLetter"):
        letters = "abcdefghijklmnopqrstuvwxyz"
        text = letters[(value - 1) % 26] * ((value - 1) // 26 + 1) if value > 0 else ""
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        text = _roman(value)
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    if value <= 0 or value >= 4000:
        return str(value)
    out = ""
    for number, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                            (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                            (4, "iv"), (1, "i")):
        while value >= number:
            out += letters
            value -= number
    return out


def _level(lvl: _Element) -> Level:
    level = Level()
    start = lvl.find(qn("w:start"))
    if start is not None:
        level.start = _int(start.get(qn("w:val")), 1)
    fmt = lvl.find(qn("w:numFmt"))
    if fmt is not None:
        level.fmt = fmt.get(qn("w:val")) or "decimal"
    text = lvl.find(qn("w:lvlText"))
    if text is not None:
        level.text = text.get(qn("w:val")) or ""
    level.legal = lvl.find(qn("w:isLgl")) is not None
    return level


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
