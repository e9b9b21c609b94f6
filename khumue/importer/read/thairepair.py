"""Thai text repaired where a PDF's text layer, a copy-paste from one, or OCR broke it.

The damage the seeds and the PDFs of the offices show, and what is done about it:

- glyph code points of the private use area (U+F700–U+F71A: the shifted marks and the
  tail-less ฐ ญ of Thai fonts made for Windows) instead of the letters: mapped back, always;
- nikhahit and sara aa (U+0E4D U+0E32) written for sara am (U+0E33): composed, always;
- Thai digits inside a web or e-mail address (www.pyo๑.go.th): Arabic, always (an address
  is a code: the office's Thai digits never apply to it);
- a mark put apart from its letter by a space or a line break ("ปั จจัย", "ขัน ้ตอน");
- sara am split into a space and sara aa ("ส านักงาน");
- sara am lost, sara aa left ("นาเสนอ", "กาหนด", "ดาเนินการ").

The last three are repaired only where the repaired text reads as fewer dictionary words
than the text as found (the office's words and pythainlp's dictionary, cut as the line
breaker cuts them: :class:`~khumue.typeset.thaiwords.ThaiWords`): "กา|หน|ด" → "กำหนด",
"นา|เสนอ" → "นำเสนอ".  Where both read as well ("นา|ระบบ" and "นำ|ระบบ"), sara am is put
back only in a file that has lost it elsewhere (a confident repair), when the word with it
is the more frequent in the Thai National Corpus, and the repair is doubtful: the clerk is
asked to check it.

OCR's own damage, in a scan only, is repaired by
:class:`~khumue.importer.read.ocrrepair.OcrRepair`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from khumue.content.fieldpath import Loc
from khumue.typeset.digits import arabic_digits
from khumue.typeset.thaiwords import ThaiWords, lexicon

# Thai fonts' private-use glyphs (the Microsoft/Apple Thai PUA block), to their letters.
PRIVATE_USE = {
    0xF700: "ฐ", 0xF701: "ิ", 0xF702: "ี", 0xF703: "ึ", 0xF704: "ื", 0xF705: "่", 0xF706: "้",
    0xF707: "๊", 0xF708: "๋", 0xF709: "์", 0xF70A: "่", 0xF70B: "้", 0xF70C: "๊", 0xF70D: "๋",
    0xF70E: "์", 0xF70F: "ญ", 0xF710: "ั", 0xF711: "ํ", 0xF712: "็", 0xF713: "่", 0xF714: "้",
    0xF715: "๊", 0xF716: "๋", 0xF717: "์", 0xF718: "ุ", 0xF719: "ู", 0xF71A: "ฺ",
}
_PRIVATE = re.compile("[\uf700-\uf71a]")
MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # vowel marks above and below, tone marks
_SPACE = r"[ \t\n\u00a0]+"
_BEFORE_MARK = re.compile(rf"(?<=[ก-ฮ{MARKS}]){_SPACE}(?=[{MARKS}])")
# Only ั and ็ need a letter after them in their syllable: a space after another mark may be
# the writer's ("มี ประสิทธิภาพ").
_AFTER_MARK = re.compile(rf"(?:(?<=[ก-ฮ][\u0e31\u0e47])|(?<=[ก-ฮ][\u0e31\u0e47][\u0e48-\u0e4b]))"
                         rf"{_SPACE}(?=[ก-ฮ])")
_MOVED_MARK = re.compile(r"([ก-ฮ][\u0e31\u0e34-\u0e37])([ก-ฮ])[ \t\n\u00a0]+([\u0e48-\u0e4b])")
_SPLIT_AM = re.compile(rf"(?<=[ก-ฮ])([\u0e48-\u0e4b]?){_SPACE}า")
_LOST_AM = re.compile(r"(?<=[ก-ฮ])([\u0e48-\u0e4b]?)า")
_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
THAI_RUN = re.compile(rf"[ก-ฮะ-ฺเ-ๅ{MARKS}]+")  # a run of Thai letters and marks


class RepairKind(StrEnum):
    """A kind of damage repaired."""

    private_use = "private_use"  # glyph code points U+F700–U+F71A
    nikhahit = "nikhahit"  # ํ + า for ำ
    address_digits = "address_digits"  # Thai digits in a web or e-mail address
    mark_apart = "mark_apart"  # a mark put apart from its letter
    sara_am_split = "sara_am_split"  # ำ read as " า"
    sara_am_lost = "sara_am_lost"  # ำ read as า
    ocr_mark = "ocr_mark"  # a mark OCR dropped, doubled or read as another


# In the clerk's words, for the report and the notes.
KIND_WORDS = {
    RepairKind.private_use: "รหัสอักษรพิเศษของฟอนต์ (U+F700–U+F71A)",
    RepairKind.nikhahit: "นิคหิตกับสระอา เป็นสระอำ",
    RepairKind.address_digits: "เลขไทยในที่อยู่เว็บหรืออีเมล",
    RepairKind.mark_apart: "วรรณยุกต์หรือสระที่แยกจากตัวอักษร",
    RepairKind.sara_am_split: "สระอำที่แยกเป็นช่องว่างกับสระอา",
    RepairKind.sara_am_lost: "สระอำที่หายเหลือสระอา",
    RepairKind.ocr_mark: "วรรณยุกต์หรือสระที่ OCR อ่านตก อ่านซ้ำ หรืออ่านผิด",
}


@dataclass(frozen=True)
class Repair:
    """One repair: its kind, the word as found and as repaired, and whether it is doubtful
    (both read as Thai words: the clerk checks it)."""

    kind: RepairKind
    before: str
    after: str
    doubtful: bool = False

    def __str__(self) -> str:
        return f"{KIND_WORDS[self.kind]}: \"{self.before}\" → \"{self.after}\""


class ThaiRepair:
    """Repairs Thai text with the dictionary of ``words``; call :meth:`text` for every text
    of one file, then :meth:`doubtful` for each again (it uses what the first pass found)."""

    def __init__(self, words: ThaiWords):
        self.words = words
        self.lost_am = 0  # confident repairs of a lost sara am in this file

    # -- the first pass: what is certain, and what reads better ---------------------------
    def text(self, text: str) -> tuple[str, list[Repair]]:
        """``text`` repaired, and its repairs (none: ``text`` itself)."""
        repairs: list[Repair] = []
        text = self._always(text, repairs)
        if not re.search("[ก-๛]", text):
            return text, repairs
        text = self._mark_moved(text, repairs)
        text = self._read_damage(text, repairs)
        for pattern, kind, replacement in (
                (_BEFORE_MARK, RepairKind.mark_apart, lambda m: ""),
                (_AFTER_MARK, RepairKind.mark_apart, lambda m: ""),
                (_SPLIT_AM, RepairKind.sara_am_split, lambda m: m.group(1) + "ำ")):
            text = self._where_better(text, pattern, kind, replacement, repairs)
        text = self._where_better(text, _LOST_AM, RepairKind.sara_am_lost,
                                  lambda m: m.group(1) + "ำ", repairs)
        self.lost_am += sum(r.kind is RepairKind.sara_am_lost for r in repairs)
        return text, repairs

    def _always(self, text: str, repairs: list[Repair]) -> str:
        if _PRIVATE.search(text):
            fixed = text.translate(PRIVATE_USE)
            repairs += [Repair(RepairKind.private_use, w, fixed_w) for w, fixed_w in
                        changed_words(text, fixed)]
            text = fixed
        if "\u0e4d\u0e32" in text:
            fixed = text.replace("\u0e4d\u0e32", "\u0e33")
            repairs += [Repair(RepairKind.nikhahit, w, f) for w, f in changed_words(text, fixed)]
            text = fixed
        for match in list(_ADDRESS.finditer(text)):
            address = match.group(0)
            if re.search("[๐-๙]", address):
                repairs.append(Repair(RepairKind.address_digits, address,
                                      arabic_digits(address)))
                text = text.replace(address, arabic_digits(address))
        return text

    def _mark_moved(self, text: str, repairs: list[Repair]) -> str:
        """A tone mark the PDF put after the syllable's final letter, apart ("ขัน ้ตอน"):
        back over that letter ("ขั้นตอน"), where that reads better."""
        for match in reversed(list(_MOVED_MARK.finditer(text))):
            start, end = _window(text, match.start(), match.end())
            before = text[start:end]
            head, final, mark = match.group(1), match.group(2), match.group(3)
            after = (text[start:match.start()] + head + mark + final + text[match.end():end])
            if self._cost(after) < self._cost(before):
                repairs.append(Repair(RepairKind.mark_apart, *self._quote(before, after)))
                text = text[:start] + after + text[end:]
        return text

    def _read_damage(self, text: str, repairs: list[Repair]) -> str:
        """The damage of how the text was read, repaired before the rest: none for text a
        file carries (:class:`~khumue.importer.read.ocrrepair.OcrRepair` repairs OCR's)."""
        return text

    def _quote(self, before: str, after: str) -> tuple[str, str]:
        """The words of ``after`` that differ from ``before``, and what they were: the
        repair as the clerk reads it ("นาเสนอ" → "นำเสนอ")."""
        head = 0
        while head < min(len(before), len(after)) and before[head] == after[head]:
            head += 1
        tail = 0
        while tail < min(len(before), len(after)) - head and \
                before[-1 - tail] == after[-1 - tail]:
            tail += 1
        at, first, last = 0, 0, len(after)
        for token in self.words.tokens(after):
            if at <= head:
                first = at
            if at + len(token) >= len(after) - tail and last == len(after):
                last = at + len(token)
            at += len(token)
        return before[first:len(before) - (len(after) - last)], after[first:last]

    def _where_better(self, text: str, pattern: re.Pattern[str], kind: RepairKind,
                      replacement: Callable[[re.Match[str]], str],
                      repairs: list[Repair]) -> str:
        """``text`` with each match of ``pattern`` replaced where that reads as fewer
        words (left to right, each on the text as repaired so far)."""
        at = 0
        while True:
            match = pattern.search(text, at)
            if match is None:
                return text
            start, end = _window(text, match.start(), match.end())
            before = text[start:end]
            after = text[start:match.start()] + replacement(match) + text[match.end():end]
            if self._cost(after) < self._cost(before):
                repairs.append(Repair(kind, *self._quote(before, after)))
                text = text[:start] + after + text[end:]
                at = start + len(after) - (end - match.end())
            else:
                at = match.start() + 1

    def _cost(self, text: str) -> tuple[int, int]:
        """(Thai letters in pieces no word covers, words): how badly ``text`` reads."""
        unknown = words = 0
        for token in self.words.tokens(text):
            if THAI_RUN.fullmatch(token):
                words += 1
                if not self.words.is_word(token):
                    unknown += len(token)
        return unknown, words

    # -- the second pass: sara am where both readings are words -----------------------------
    def doubtful(self, text: str) -> tuple[str, list[Repair]]:
        """``text`` with sara am put back where both readings are words but the file has
        lost sara am elsewhere and the word with it is the more frequent; each repair is
        doubtful.  Nothing when the file has lost no sara am."""
        if not self.lost_am or "า" not in text:
            return text, []
        counts = lexicon().log_counts
        repairs: list[Repair] = []
        out: list[str] = []
        for token in self.words.tokens(text):
            fixed = token
            match = _LOST_AM.search(token)
            if match and match.end() == len(token) and self.words.is_word(token):
                candidate = token[:match.start()] + match.group(1) + "ำ"
                if self.words.is_word(candidate) and \
                        counts.get(candidate, 0.0) > counts.get(token, 0.0) + 1.0:
                    fixed = candidate
                    repairs.append(Repair(RepairKind.sara_am_lost, token, candidate, True))
            out.append(fixed)
        return "".join(out), repairs


_CUT = re.compile(r"[ก-ฮ][\u0e31\u0e47](?![ก-๛])|[เแโใไ](?![ก-ฮ])"
                  r"|(?<![ก-๛])[\u0e31-\u0e3a\u0e47-\u0e4e]")


def is_cut_word(text: str) -> bool:
    """True when ``text`` holds a Thai word cut in the middle, as the edge of a page cuts it:
    ั or ็ with no letter after it ("ผลลั"), a leading vowel with no letter after it, a
    mark with no letter before it."""
    return _CUT.search(text) is not None


def repair_content(value: Any, repair: ThaiRepair,
                   path: Loc = ()) -> tuple[Any, list[tuple[Loc, Repair]]]:
    """Every text of ``value`` (plain content data: dicts, lists, strings) repaired, in
    two passes (:class:`ThaiRepair`); the repairs with the path of the value each is in."""
    found: list[tuple[Loc, Repair]] = []
    for fix in (repair.text, repair.doubtful):
        value = _each_text(value, path, fix, found)
    return value, found


def _each_text(value: Any, path: Loc, fix: Callable[[str], tuple[str, list[Repair]]],
               found: list[tuple[Loc, Repair]]) -> Any:
    if isinstance(value, str):
        fixed, repairs = fix(value)
        found += [(path, r) for r in repairs]
        return fixed
    if isinstance(value, dict):
        return {k: _each_text(v, (*path, k), fix, found) for k, v in value.items()}
    if isinstance(value, list):
        return [_each_text(v, (*path, i), fix, found) for i, v in enumerate(value)]
    return value


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of Thai letters (and the spaces that may be damage) around
    ``text[start:end]``, at most 24 characters either side: what a repair is judged on."""
    left = start
    while left > 0 and start - left < 24 and re.match(rf"[ก-๛{MARKS}]", text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and right - end < 24 and re.match(rf"[ก-๛{MARKS}]", text[right]):
        right += 1
    return left, right


def changed_words(before: str, after: str) -> Iterator[tuple[str, str]]:
    """The white-space separated words that differ between ``before`` and ``after`` (of the
    same number of words)."""
    for old, new in zip(before.split(), after.split(), strict=False):
        if old != new:
            yield old, new
