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
        text = _THAI_LETTERS.sub(lambda m: self._merged(self._speck_mark(m.group(), repairs),
                                                        repairs), text)
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
            found = min(self._cost(window), self._best_cost(window))
            ranked: list[tuple[float, str]] = []
            for candidate in (head + c + tail for c in _one_mark_away(token)):
                cost = self._cost(candidate)
                if cost > found:
                    continue
                score = sum(counts.get(t, 0.0) for t in self.words.tokens(candidate))
                if cost < found:
                    found, ranked = cost, []
                if cost == found and cost < min(self._cost(window), self._best_cost(window)):
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
            if known and self._cost(window) <= self._best_cost(window):
                self._rarer(tokens, index, repairs)  # (not a piece of the tokenizer's bad cut)
            index += 1
        return "".join(tokens)

    def _speck_mark(self, run: str, repairs: list[Repair]) -> str:
        """A run of Thai letters no cut into dictionary words covers, mended by one mark
        taken away, added or read as another, near the letters no word covers, where that
        makes every letter lie in a word, in as few pieces; the most frequent reading where
        several do (doubtful when the next is nearly as frequent, and a mark taken away
        always is).  A speck read as a mark ("กิจุกรรม", "ทราบูอย่าง") is taken
        away here, before marks are added word by word: added next to a speck's mark, they
        make it worse ("ก็จุกรรม").  A run every letter of which lies in a word is left as
        it is (so "การจัด" stays)."""
        if len(run) > _LONGEST_RUN:
            return run
        cost, spans = self._best_cut(run)
        if cost[0] == 0:
            return run
        near = {at for a, b in spans for at in range(max(a - 1, 1), min(b + 2, len(run) + 1))}
        counts = lexicon().log_counts
        ranked: list[tuple[tuple[int, int], float, str]] = []
        for candidate in _edits(run, near):
            found, _ = self._best_cut(candidate)
            if found[0] == 0 and found[1] <= cost[1]:
                score = sum(counts.get(t, 0.0) for t in self.words.tokens(candidate))
                ranked.append((found, -score, candidate))
        if not ranked:
            return run
        ranked.sort()
        (cost, score, best), runner_up = ranked[0], ranked[1:2]
        doubtful = len(best) < len(run) or any(  # a speck's mark, or a close second reading
            c == cost and s < score + 1.0 for c, s, _ in runner_up)
        before, after = self._quote(run, best)
        if not THAI_RUN.search(after):  # a mark away between two words: say the whole run
            before, after = run, best
        repairs.append(Repair(RepairKind.ocr_mark, before, after, doubtful))
        return best

    def _merged(self, run: str, repairs: list[Repair]) -> str:
        """A run of Thai letters cut into words, a rare one or a lone letter among them,
        where one mark taken away, added or read as another in that piece makes it one
        common word with the piece before or after it (or both): "ดำ เนิ่น งาน" →
        "ดำเนินงาน", "ภาย ไน" → "ภายใน".  An OCR mark a dictionary word happened to cover;
        doubtful as :meth:`_speck_mark` says.  At most :data:`MERGES` a run; a run of common
        words is never touched."""
        counts = lexicon().log_counts
        for _ in range(MERGES):
            pieces = self._cut(run)
            found = None
            for k, piece in enumerate(pieces):
                rarity = counts.get(piece, 0.0)
                if len(piece) > 1 and rarity >= RARE:
                    continue
                before = pieces[k - 1] if k > 0 else ""
                after = pieces[k + 1] if k + 1 < len(pieces) else ""
                ranked = []
                for edited in _edits(piece, set(range(1, len(piece) + 1))):
                    for head, tail in ((before, ""), ("", after), (before, after)):
                        word = head + edited + tail
                        if (head or tail) and self.words.is_word(word) and \
                                counts.get(word, 0.0) >= max(COMMON, rarity + 2.0):
                            ranked.append((-len(head + tail), -counts[word], head, edited,
                                           tail))
                if ranked:
                    ranked.sort()
                    found = (k, ranked)
                    break
            if found is None:
                return run
            k, ranked = found
            _, frequency, head, edited, tail = ranked[0]
            first = k - 1 if head else k
            last = k + 2 if tail else k + 1
            window = "".join(pieces[first:last])
            fixed = head + edited + tail
            doubtful = len(edited) < len(pieces[k]) or any(
                r[0] == ranked[0][0] and r[1] < frequency + 1.0 for r in ranked[1:2])
            repairs.append(Repair(RepairKind.ocr_mark, window, fixed, doubtful))
            run = "".join(pieces[:first]) + fixed + "".join(pieces[last:])
        return run

    def _cut(self, text: str) -> list[str]:
        """``text`` cut into words the best way the dictionary allows (:meth:`_best_cost`),
        letters no word covers one piece each."""
        size = len(text)
        best: list[tuple[int, int]] = [(0, 0)] + [(size + 1, 0)] * size
        back = [0] * (size + 1)
        for i in range(size):
            for j in range(i + 1, min(size, i + _LONGEST) + 1):
                word = self.words.is_word(text[i:j])
                if not word and j > i + 1:
                    continue
                unknown, pieces = best[i]
                piece = (unknown + (0 if word else 1), pieces + 1)
                if piece < best[j]:
                    best[j], back[j] = piece, i
        out: list[str] = []
        at = size
        while at > 0:
            out.append(text[back[at]:at])
            at = back[at]
        return out[::-1]

    def _best_cut(self, text: str) -> tuple[tuple[int, int], list[tuple[int, int]]]:
        """(:meth:`_best_cost` of ``text``, the spans of its letters no word covers in that
        cut)."""
        size = len(text)
        best: list[tuple[int, int]] = [(0, 0)] + [(size + 1, 0)] * size
        back = [0] * (size + 1)
        for i in range(size):
            for j in range(i + 1, min(size, i + _LONGEST) + 1):
                unknown, pieces = best[i]
                word = self.words.is_word(text[i:j])
                if not word and j > i + 1:
                    continue  # letters no word covers go one piece each (joined below)
                piece = (unknown + (0 if word else 1), pieces + 1)
                if piece < best[j]:
                    best[j], back[j] = piece, i
        spans: list[tuple[int, int]] = []
        at = size
        while at > 0:
            start = back[at]
            if not self.words.is_word(text[start:at]):
                if spans and spans[-1][0] == at:
                    spans[-1] = (start, spans[-1][1])
                else:
                    spans.append((start, at))
            at = start
        return best[size], spans

    def _best_cost(self, text: str) -> tuple[int, int]:
        """:meth:`_cost` of ``text`` cut into words the best way the dictionary allows
        (fewest letters in no word, then fewest pieces), which the tokenizer may miss: it
        cuts "ผลการปฏิบัติงาน" as "ผ", "ลการ", "ปฏิบัติงาน", and a mark added to the lone
        "ผ" must not look like a repair ("ผีลการ")."""
        best: list[tuple[int, int]] = [(0, 0)] + [(len(text) + 1, 0)] * len(text)
        for i in range(len(text)):
            if not THAI_RUN.fullmatch(text[i]):
                best[i + 1] = min(best[i + 1], best[i])  # a space or a sign: no piece
                continue
            for j in range(i + 1, min(len(text), i + _LONGEST) + 1):
                if not THAI_RUN.fullmatch(text[j - 1]):
                    break
                unknown, pieces = best[i]
                piece = (unknown + (0 if self.words.is_word(text[i:j]) else j - i), pieces + 1)
                best[j] = min(best[j], piece)
        return best[len(text)]

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
            if token[at] not in _ABOVE_BELOW + _TONE:
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


def _edits(run: str, near: set[int]) -> list[str]:
    """``run`` with one vowel or tone mark taken away, added or read as another, or ไ and ใ
    swapped, at the positions in ``near``, as Thai spelling allows."""
    marks = _ABOVE_BELOW + _TONE
    out: list[str] = []
    for at in sorted(near):
        if at < len(run) and run[at] in marks:
            out.append(run[:at] + run[at + 1:])
            out += [run[:at] + m + run[at + 1:] for m in marks if m != run[at]]
        out += [run[:at] + m + run[at:] for m in marks]
        if at < len(run) and run[at] in _AI:
            out.append(run[:at] + _AI[run[at]] + run[at + 1:])
    return [c for c in dict.fromkeys(out) if not _BAD_MARKS.search(c)]


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


_THAI_LETTERS = re.compile("[ก-ฮะ-ฺเ-ๅ็-๎]+")  # a run of Thai letters and marks
_LONGEST_RUN = 60  # letters: a longer run (a line typed without spaces) is not searched
MERGES = 3  # OCR marks mended in one run of Thai letters by :meth:`OcrRepair._merged`
RARE = 6.0  # natural log of a word's count: rarer than this (or a lone letter), it may be OCR's
COMMON = 7.0  # … and the word one mark away that takes its neighbours in, at least this common
ABBREVIATION = 5  # Thai letters and marks before a full stop: at most this many
_LONGEST = 24  # letters of the longest dictionary word tried in :meth:`OcrRepair._best_cost`
SHORT = 4  # a word this long or shorter may be OCR's split of a longer one
RARER = 3.0  # natural log: a word 20 times rarer than the word one mark more is OCR's
_AM_APART = re.compile("\u0e4d\\s+\u0e32")  # ำ read as ํ, a space, า ("ผู้อํ านวยการ")
_DOUBLED = re.compile(f"([{MARKS}])\\1+")
_ABOVE_BELOW = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47"  # vowel marks
_TONE = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # tone marks and thanthakhat
_BAD_MARKS = re.compile(f"(?<![ก-ฮ])[{_ABOVE_BELOW}]|(?<![ก-ฮ{_ABOVE_BELOW}])[{_TONE}]"
                        f"|[{_ABOVE_BELOW}][{_ABOVE_BELOW}]|[{_TONE}][{_TONE}]")


def _one_mark_away(token: str, more_only: bool = False) -> list[str]:
    """The spellings of ``token`` with one vowel or tone mark more, or (unless
    ``more_only``) one of its marks another, a tone mark and sara aa read
    for sara am ("ล้า" for "ลำ") or ไ and ใ swapped, that Thai spelling allows (a mark over
    or under a letter, a tone after it or after its vowel mark)."""
    out: list[str] = []
    marks = _ABOVE_BELOW + _TONE
    for at in range(1, len(token) + 1):
        for mark in marks:
            out.append(token[:at] + mark + token[at:])
            if not more_only and at < len(token) and token[at] in marks and token[at] != mark:
                out.append(token[:at] + mark + token[at + 1:])
    if not more_only:
        out += [token[:m.start()] + "ำ" + token[m.end():] for m in _AM_AS_TONE.finditer(token)]
        out += _ai_swapped(token)
    return [c for c in out if not _BAD_MARKS.search(c)]


_AM_AS_TONE = re.compile("(?<=[ก-ฮ])[\u0e48\u0e49]า")  # ำ's nikhahit read as a tone mark
_AI = {"ไ": "ใ", "ใ": "ไ"}


def _ai_swapped(token: str) -> list[str]:
    """``token`` with one sara ai maimalai read as sara ai maimuan, or the other way: the
    letters OCR confuses most ("ไน" for "ใน")."""
    return [token[:at] + _AI[ch] + token[at + 1:] for at, ch in enumerate(token) if ch in _AI]
