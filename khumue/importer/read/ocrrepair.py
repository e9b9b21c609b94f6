"""OCR's own damage to Thai text repaired, in a scan only (Tesseract's Thai model, read
through OCRmyPDF: :mod:`khumue.importer.read.pdf.ocr`).

What a scan of the offices' manuals shows, beside the damage a PDF's text layer carries
(:mod:`khumue.importer.read.thairepair` repairs that too, ำ read as ํ + า among it):

- a mark read twice ("ที่่"): one, always; ำ read as ํ, a space and า ("ผู้อํ านวยการ"): ำ,
  always;
- a tone mark or vowel mark dropped or read as another ("ขึน", "ทัวถึง", "สิงของ"), or ไ read
  as ใ ("ภายไน"): in a piece of Thai no dictionary word covers, the spelling one mark away
  that reads as fewer words with the pieces either side; the more frequent in the Thai
  National Corpus where several do, doubtful when the runner-up is nearly as frequent;
- a mark read where a word happened to cover it ("ดำ เนิ่น งาน", "ภาย ไน"): in a rare piece
  or a lone letter, the one mark away that makes it one common word with the piece before or
  after it ("ดำเนินงาน", "ภายใน");
- a short word that is a word but far rarer than the word one mark more ("ที" for "ที่",
  "ไน" for "ใน"): that word, doubtful (the clerk is asked to check it).

- a mark read where there is none ("กิจุกรรม", "บีริหาร", "ผีล": a speck under or over a
  letter): first, in a run of Thai letters no cut into dictionary words covers, the one
  mark taken away (or added, or read as another) near the letters no word covers that makes
  every letter lie in a word, in as few pieces, the most frequent where several do; then,
  word by word, taken away only where that makes one dictionary word of the piece and its
  neighbours, more frequent than the piece as read; doubtful either way (taking one away
  wherever the text reads as fewer words made the seeds' scans read worse: "การจัด" became
  "การจด"; a run every letter of which lies in a word is never touched).

Never repaired: an abbreviation ("สพฐ.", "กศจ.": a few letters before a full stop, which no
dictionary word covers, so that marks added to them would read as words: "ก็ศจี."), and a
piece the tokenizer cut badly where the dictionary covers the text another way ("ผลการ" cut
"ผ" "ลการ": a mark added to "ผ" only reads as well).  Both were repairs that damaged the
seeds' scans ("ผลการ" → "ผีลการ" four times in phayao1's); keeping off them raised field
recall by up to 4 points.

Not repaired: a letter read as another ("สพฐ." as "ang."): one letter away, too many words
are.
"""

from __future__ import annotations

import re

from khumue.importer.read.ocrruns import (
    ABOVE_BELOW,
    AI,
    BAD_MARKS,
    TONE,
    best_cost,
    merged,
    speck_mark,
)
from khumue.importer.read.thairepair import (
    MARKS,
    THAI_RUN,
    Repair,
    RepairKind,
    ThaiRepair,
    changed_words,
)
from khumue.typeset.thaiwords import lexicon


class OcrRepair(ThaiRepair):
    """:class:`~khumue.importer.read.thairepair.ThaiRepair` for text read by OCR: OCR's
    marks are repaired first (as :mod:`this module <khumue.importer.read.ocrrepair>` says),
    then the rest as for a PDF's text; the repairs are of kind ``RepairKind.ocr_mark``."""

    def _read_damage(self, text: str, repairs: list[Repair]) -> str:
        """OCR's marks repaired: ำ read apart as ํ and า; one of a doubled mark; in a piece
        of Thai no word covers (judged with the pieces either side), the mark dropped or
        misread, where one mark more or another makes it read better (the more frequent
        reading in the Thai National Corpus where several do); a word that is one, but far
        rarer than the word one mark more ("ที" for "ที่", "เรือง" for "เรื่อง"): that word,
        doubtful."""
        for match in reversed(list(_AM_APART.finditer(text))):
            start, end = match.span()
            fixed = text[:start] + "ำ" + text[end:]
            repairs.append(Repair(RepairKind.ocr_mark, *self._quote(text, fixed)))
            text = fixed
        fixed = _DOUBLED.sub(r"\1", text)
        if fixed != text:
            repairs += [Repair(RepairKind.ocr_mark, w, f) for w, f in changed_words(text, fixed)]
            text = fixed
        text = THAI_RUN.sub(lambda m: merged(self.words, speck_mark(
            self.words, m.group(), repairs, self._quote), repairs), text)
        counts = lexicon().log_counts
        tokens = self.words.tokens(text)
        kept = _abbreviated(tokens)
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if not THAI_RUN.fullmatch(token) or index in kept:
                index += 1
                continue
            known = self.words.is_word(token)
            if known and len(token) > SHORT:
                self._rarer(tokens, index, repairs)
                index += 1
                continue
            first = max(index - 1, 0)
            head, tail = "".join(tokens[first:index]), "".join(tokens[index + 1:index + 2])
            window = head + token + tail
            as_read = min(self._cost(window), best_cost(self.words, window))
            found = as_read
            ranked: list[tuple[float, str]] = []
            for candidate in (head + c + tail for c in _one_mark_away(token)):
                cost = self._cost(candidate)
                if cost > found:
                    continue
                score = sum(counts.get(t, 0.0) for t in self.words.tokens(candidate))
                if cost < found:
                    found, ranked = cost, []
                if cost == found and cost < as_read:
                    ranked.append((score, candidate))
            if ranked:
                ranked.sort(reverse=True)
                score, best = ranked[0]
                doubtful = len(ranked) > 1 and ranked[1][0] > score - 1.0
                repairs.append(Repair(RepairKind.ocr_mark, *self._quote(window, best),
                                      doubtful))
                tokens[first:index + 2] = [best]
                index = first + 1
                continue
            if not any(i in kept for i in range(index + 1, index + 3)) and \
                    self._mark_extra(tokens, index, repairs):
                index = first + 1
                continue
            if known and self._cost(window) <= best_cost(self.words, window):
                self._rarer(tokens, index, repairs)  # (not a piece of the tokenizer's bad cut)
            index += 1
        return "".join(tokens)

    def _mark_extra(self, tokens: list[str], index: int, repairs: list[Repair]) -> bool:
        """A mark a speck added ("บีริหาร", "ชุมชุน"): taken away where the letters either
        side of it then lie in one dictionary word, at least as long as the piece as read and
        e (2.7) times as frequent (:meth:`_frequency`), doubtful; True when a mark was.
        ("จัด" stays in "การจัด": "การจด" is rarer than "จัด".)"""
        counts = lexicon().log_counts
        token = tokens[index]
        first = max(index - 1, 0)
        head, tail = "".join(tokens[first:index]), "".join(tokens[index + 1:index + 3])
        window = head + token + tail
        found = self._cost(window)
        for at in range(1, len(token)):
            if token[at] not in ABOVE_BELOW + TONE:
                continue
            candidate = head + token[:at] + token[at + 1:] + tail
            if self._cost(candidate) >= found:
                continue
            edit, start = len(head) + at, 0
            for word in self.words.tokens(candidate):
                if start < edit < start + len(word) and len(word) >= len(token) and \
                        self.words.is_word(word) and \
                        self._frequency(word, edit - start) > counts.get(token, 0.0) + 1.0:
                    repairs.append(Repair(RepairKind.ocr_mark, *self._quote(window, candidate),
                                          True))
                    tokens[first:index + 3] = [candidate]
                    return True
                start += len(word)
        return False

    def _frequency(self, word: str, at: int) -> float:
        """How frequent ``word`` is (natural log of its count in the Thai National Corpus);
        for a compound the corpus does not count ("ผลการดำเนินงาน"), that of its most
        frequent dictionary word across position ``at`` ("ผล")."""
        counts = lexicon().log_counts
        if word in counts:
            return counts[word]
        return max((counts.get(word[i:j], 0.0) for i in range(at) for j in range(at + 1,
                    len(word) + 1) if self.words.is_word(word[i:j])), default=0.0)

    def _rarer(self, tokens: list[str], index: int, repairs: list[Repair]) -> None:
        """A word far rarer than the word one mark more (or with ไ and ใ swapped): that
        word, doubtful ("ที" for "ที่", "ไน" for "ใน")."""
        counts = lexicon().log_counts
        token = tokens[index]
        if len(token) < 2:  # a lone letter is a piece of a cut, not a word OCR misread
            return
        rarer = counts.get(token, 0.0) + RARER
        more = [c for c in [*_one_mark_away(token, more_only=True), *_ai_swapped(token)]
                if counts.get(c, 0.0) > rarer]
        if more:
            best = max(more, key=lambda c: counts.get(c, 0.0))
            repairs.append(Repair(RepairKind.ocr_mark, token, best, True))
            tokens[index] = best


def _abbreviated(tokens: list[str]) -> set[int]:
    """The indexes of ``tokens`` inside an abbreviation: a few Thai letters ended by a
    full stop ("สพฐ.", "กศจ.", "ผอ.", "พ.ศ."), which no dictionary word covers, so that
    adding marks to its letters reads "better" ("ก็ศจี.").  Thai does not end sentences
    with a full stop, so letters before one are an abbreviation."""
    kept: set[int] = set()
    for end, token in enumerate(tokens):
        if not token.startswith("."):
            continue
        letters, start = 0, end
        while start > 0 and THAI_RUN.fullmatch(tokens[start - 1]) and \
                letters + len(tokens[start - 1]) <= ABBREVIATION:
            start -= 1
            letters += len(tokens[start])
        kept.update(range(start, end))
    return kept


ABBREVIATION = 5  # Thai letters and marks before a full stop: at most this many
SHORT = 4  # a word this long or shorter may be OCR's split of a longer one
RARER = 3.0  # natural log: a word 20 times rarer than the word one mark more is OCR's
_AM_APART = re.compile("\u0e4d\\s+\u0e32")  # ำ read as ํ, a space, า ("ผู้อํ านวยการ")
_DOUBLED = re.compile(f"([{MARKS}])\\1+")


def _one_mark_away(token: str, more_only: bool = False) -> list[str]:
    """The spellings of ``token`` with one vowel or tone mark more, or (unless
    ``more_only``) one of its marks another, a tone mark and sara aa read
    for sara am ("ล้า" for "ลำ") or ไ and ใ swapped, that Thai spelling allows (a mark over
    or under a letter, a tone after it or after its vowel mark)."""
    out: list[str] = []
    marks = ABOVE_BELOW + TONE
    for at in range(1, len(token) + 1):
        for mark in marks:
            out.append(token[:at] + mark + token[at:])
            if not more_only and at < len(token) and token[at] in marks and token[at] != mark:
                out.append(token[:at] + mark + token[at + 1:])
    if not more_only:
        out += [token[:m.start()] + "ำ" + token[m.end():] for m in _AM_AS_TONE.finditer(token)]
        out += _ai_swapped(token)
    return [c for c in out if not BAD_MARKS.search(c)]


_AM_AS_TONE = re.compile("(?<=[ก-ฮ])[\u0e48\u0e49]า")  # ำ's nikhahit read as a tone mark


def _ai_swapped(token: str) -> list[str]:
    """``token`` with one sara ai maimalai read as sara ai maimuan, or the other way: the
    letters OCR confuses most ("ไน" for "ใน")."""
    return [token[:at] + AI[ch] + token[at + 1:] for at, ch in enumerate(token) if ch in AI]
