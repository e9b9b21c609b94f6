"""Runs of Thai letters OCR damaged, cut and mended whole: the best cut of a text into
dictionary words (:func:`cut`, :func:`best_cut`, :func:`best_cost`: the tokenizer's one cut
may be worse), a speck's mark in a run no cut covers (:func:`speck_mark`), and a mark a
dictionary word happened to cover (:func:`merged`).  :class:`~khumue.importer.read.ocrrepair.
OcrRepair` runs them before its word-by-word repairs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from khumue.importer.read.thairepair import THAI_RUN, Repair, RepairKind
from khumue.typeset.thaiwords import ThaiWords, lexicon

Quote = Callable[[str, str], tuple[str, str]]  # (before, after) → the words that differ
ABOVE_BELOW = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47"  # vowel marks
TONE = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # tone marks and thanthakhat
BAD_MARKS = re.compile(f"(?<![ก-ฮ])[{ABOVE_BELOW}]|(?<![ก-ฮ{ABOVE_BELOW}])[{TONE}]"
                       f"|[{ABOVE_BELOW}][{ABOVE_BELOW}]|[{TONE}][{TONE}]")
AI = {"ไ": "ใ", "ใ": "ไ"}
LONGEST_RUN = 60  # letters: a longer run (a line typed without spaces) is not searched
MERGES = 3  # OCR marks mended in one run of Thai letters by :func:`merged`
RARE = 6.0  # natural log of a word's count: rarer than this (or a lone letter), it may be OCR's
COMMON = 7.0  # … and the word one mark away that takes its neighbours in, at least this common
_LONGEST = 24  # letters of the longest dictionary word tried in a cut


def speck_mark(words: ThaiWords, run: str, repairs: list[Repair],
               quote: Quote) -> str:
    """A run of Thai letters no cut into dictionary words covers, mended by one mark
    taken away, added or read as another, near the letters no word covers, where that
    makes every letter lie in a word, in as few pieces; the most frequent reading where
    several do (doubtful when the next is nearly as frequent, and a mark taken away
    always is).  A speck read as a mark ("กิจุกรรม", "ทราบูอย่าง") is taken
    away here, before marks are added word by word: added next to a speck's mark, they
    make it worse ("ก็จุกรรม").  A run every letter of which lies in a word is left as
    it is (so "การจัด" stays)."""
    if len(run) > LONGEST_RUN:
        return run
    cost, spans = best_cut(words, run)
    if cost[0] == 0:
        return run
    near = {at for a, b in spans for at in range(max(a - 1, 1), min(b + 2, len(run) + 1))}
    counts = lexicon().log_counts
    ranked: list[tuple[tuple[int, int], float, str]] = []
    for candidate in edits(run, near):
        found, _ = best_cut(words, candidate)
        if found[0] == 0 and found[1] <= cost[1]:
            score = sum(counts.get(t, 0.0) for t in words.tokens(candidate))
            ranked.append((found, -score, candidate))
    if not ranked:
        return run
    ranked.sort()
    (cost, score, best), runner_up = ranked[0], ranked[1:2]
    doubtful = len(best) < len(run) or any(  # a speck's mark, or a close second reading
        c == cost and s < score + 1.0 for c, s, _ in runner_up)
    before, after = quote(run, best)
    if not THAI_RUN.search(after):  # a mark away between two words: say the whole run
        before, after = run, best
    repairs.append(Repair(RepairKind.ocr_mark, before, after, doubtful))
    return best


def merged(words: ThaiWords, run: str, repairs: list[Repair]) -> str:
    """A run of Thai letters cut into words, a rare one or a lone letter among them,
    where one mark taken away, added or read as another in that piece makes it one
    common word with the piece before or after it (or both): "ดำ เนิ่น งาน" →
    "ดำเนินงาน", "ภาย ไน" → "ภายใน".  An OCR mark a dictionary word happened to cover;
    doubtful as :func:`speck_mark` says.  At most :data:`MERGES` a run; a run of common
    words is never touched."""
    counts = lexicon().log_counts
    for _ in range(MERGES):
        pieces = cut(words, run)
        found = None
        for k, piece in enumerate(pieces):
            rarity = counts.get(piece, 0.0)
            if len(piece) > 1 and rarity >= RARE:
                continue
            before = pieces[k - 1] if k > 0 else ""
            after = pieces[k + 1] if k + 1 < len(pieces) else ""
            ranked = []
            for edited in edits(piece, set(range(1, len(piece) + 1))):
                for head, tail in ((before, ""), ("", after), (before, after)):
                    word = head + edited + tail
                    if (head or tail) and words.is_word(word) and \
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


def cut(words: ThaiWords, text: str) -> list[str]:
    """``text`` cut into words the best way the dictionary allows (:func:`best_cost`),
    letters no word covers one piece each."""
    size = len(text)
    best: list[tuple[int, int]] = [(0, 0)] + [(size + 1, 0)] * size
    back = [0] * (size + 1)
    for i in range(size):
        for j in range(i + 1, min(size, i + _LONGEST) + 1):
            word = words.is_word(text[i:j])
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


def best_cut(words: ThaiWords,
             text: str) -> tuple[tuple[int, int], list[tuple[int, int]]]:
    """((letters in no word, pieces) of :func:`cut` of ``text``, the spans of its letters
    no word covers in that cut, neighbours joined)."""
    pieces = cut(words, text)
    spans: list[tuple[int, int]] = []
    unknown = at = 0
    for piece in pieces:
        if not words.is_word(piece):
            unknown += len(piece)
            if spans and spans[-1][1] == at:
                spans[-1] = (spans[-1][0], at + len(piece))
            else:
                spans.append((at, at + len(piece)))
        at += len(piece)
    return (unknown, len(pieces)), spans


def best_cost(words: ThaiWords, text: str) -> tuple[int, int]:
    """(letters in no word, pieces) of ``text`` cut into words the best way the dictionary
    allows (fewest letters in no word, then fewest pieces), which the tokenizer may miss: it
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
            piece = (unknown + (0 if words.is_word(text[i:j]) else j - i), pieces + 1)
            best[j] = min(best[j], piece)
    return best[len(text)]


def edits(run: str, near: set[int]) -> list[str]:
    """``run`` with one vowel or tone mark taken away, added or read as another, or ไ and ใ
    swapped, at the positions in ``near``, as Thai spelling allows."""
    marks = ABOVE_BELOW + TONE
    out: list[str] = []
    for at in sorted(near):
        if at < len(run) and run[at] in marks:
            out.append(run[:at] + run[at + 1:])
            out += [run[:at] + m + run[at + 1:] for m in marks if m != run[at]]
        out += [run[:at] + m + run[at:] for m in marks]
        if at < len(run) and run[at] in AI:
            out.append(run[:at] + AI[run[at]] + run[at + 1:])
    return [c for c in dict.fromkeys(out) if not BAD_MARKS.search(c)]
