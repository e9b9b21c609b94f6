"""Breaking Thai headings where a typesetter would: at word boundaries, into balanced lines.

Thai has no spaces between words, so Word breaks a long heading wherever its dictionary
allows, often leaving one short word alone on the last line.  :func:`balance` breaks it
ourselves: at word boundaries (:mod:`khumue.typeset.thaiwords`, which knows compounds), never
inside a protected phrase (a
person's title and name, "เขต 2", "พ.ศ. 2546", an abbreviation such as สพป., a number with
its unit), into the fewest lines that fit, as even as those boundaries allow.  Widths come
from :mod:`khumue.typeset.metrics`, so our line count is Word's.

Other text is broken by the layout engine, told where it may break by
:mod:`khumue.typeset.wordjoin`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from khumue.typeset.thaiwords import thai_words

_DIGIT = "0-9๐-๙"
# Names of institutions that a typesetter does not split across lines.
TERMS = ("สำนักงานเขตพื้นที่การศึกษา", "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
         "กระทรวงศึกษาธิการ", "คณะกรรมการสถานศึกษาขั้นพื้นฐาน", "การศึกษาขั้นพื้นฐาน",
         "ประถมศึกษา", "มัธยมศึกษา", "สถานศึกษา")
PROTECTED = re.compile(
    rf"""(?x)
    {"|".join(TERMS)} |
    (?:นางสาว|นาง|นาย|ดร\.|ว่าที่\s?ร\.?ต\.?|ว่าที่ร้อยตรี)[ก-๙]+\s+[ก-๙]+   # title, name, surname
    | (?:เขต|ข้อ|ที่|ฉบับที่|มาตรา|ชั้น|หน้า)\s*[{_DIGIT}][{_DIGIT}.]*         # เขต 2, ข้อ 4.1
    | (?:พ\.ศ\.|ค\.ศ\.|พุทธศักราช)\s*[{_DIGIT}]+                           # พ.ศ. 2546
    | (?<![ก-๙])(?:[ก-ฮ]{{1,4}}\.)+(?:[ก-ฮ]{{1,2}}(?![ก-๙]))?               # สพป. พ.ร.บ. กศจ.
    | [{_DIGIT}][{_DIGIT},.]*\s*(?:วัน|สัปดาห์|เดือน|ปี|ชั่วโมง|นาที|คน|บาท|แห่ง|%)?  # 7 วัน
    """
)

Measure = Callable[[str], float]


@lru_cache(maxsize=20_000)
def atoms(text: str) -> tuple[str, ...]:
    """``text`` cut into the smallest pieces a line may break between: words, with protected
    phrases and each word's following spaces kept whole.  Joined, they are ``text``."""
    bounds = thai_words().boundaries(text)
    for match in PROTECTED.finditer(text):
        bounds -= set(range(match.start() + 1, match.end()))
    # A break never comes before a space (spaces stay at the end of the line they follow).
    bounds = {b for b in bounds if b in (0, len(text)) or not text[b].isspace()}
    cuts = sorted(bounds)
    return tuple(text[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if b > a)


MAX_BALANCED_LINES = 12  # beyond this many lines text is filled, not balanced


def _filled(pieces: tuple[str, ...], width: float,
            line_width: Callable[[int, int], float]) -> list[str]:
    """Lines filled word by word (each as long as fits), for text far longer than a heading."""
    lines: list[str] = []
    start = 0
    for j in range(1, len(pieces) + 1):
        if j - start > 1 and line_width(start, j) > width:
            lines.append("".join(pieces[start:j - 1]))
            start = j - 1
    lines.append("".join(pieces[start:]))
    return lines


def line_count(text: str, width: float, measure: Measure) -> int:
    """How many lines :func:`balance` gives ``text`` (the fewest that fit), found by filling
    lines word by word, which needs the same number, in linear time."""
    if measure(text.rstrip()) <= width:
        return 1
    count, used = 1, 0.0
    for piece in atoms(text):
        full, bare = measure(piece), measure(piece.rstrip())
        if used and used + bare > width:
            count, used = count + 1, 0.0
        used += full
    return count


def balance(text: str, width: float, measure: Measure) -> list[str]:
    """``text`` as the fewest lines no wider than ``width`` (in the unit of ``measure``, which
    must add up over concatenation, as advance widths do), breaking only between
    :func:`atoms`, the longest line as short as possible, then the most even.

    Returns ``[text]`` when it fits.  ``"".join(result) == text`` always: a space at a break
    stays at the end of its line, where it takes no room.  A single atom wider than ``width``
    gets a line of its own (it cannot be broken).
    """
    if measure(text.rstrip()) <= width:
        return [text]
    pieces = atoms(text)
    n = len(pieces)
    # ``measure`` adds up over concatenation (advance widths), so a line's width is a
    # difference of prefix sums, less the space its last atom ends with.
    prefix = [0.0]
    for piece in pieces:
        prefix.append(prefix[-1] + measure(piece))
    trailing = [measure(p) - measure(p.rstrip()) for p in pieces]

    def line_width(i: int, j: int) -> float:
        return prefix[j] - prefix[i] - trailing[j - 1]

    # Pass 1: the fewest lines, then the shortest longest line (exact by prefixes: a prefix
    # with fewer lines, or as many and a shorter longest line, is never worse to extend).
    inf = (n + 1, float("inf"))
    best: list[tuple[int, float]] = [(0, 0.0)] + [inf] * n
    for j in range(1, n + 1):
        for i in range(j - 1, -1, -1):
            w = line_width(i, j)
            if w > width and i < j - 1:
                break  # longer lines only get wider
            lines, longest = best[i]
            best[j] = min(best[j], (lines + 1, max(longest, w)))
    count, cap = best[n]
    if count > MAX_BALANCED_LINES:  # no heading is this long: fill lines, in linear time
        return _filled(pieces, width, line_width)
    # Pass 2: of the splits into that many lines none longer than that, the most even one
    # (the smallest sum of squared widths).
    cost = [[float("inf")] * (n + 1) for _ in range(count + 1)]
    back = [[0] * (n + 1) for _ in range(count + 1)]
    cost[0][0] = 0.0
    for k in range(1, count + 1):
        for j in range(1, n + 1):
            for i in range(j - 1, -1, -1):
                w = line_width(i, j)
                if (w > cap + 1e-9 or w > width) and i < j - 1:
                    break  # a line of several words fits the width, and no line passes cap
                if w > cap + 1e-9:
                    continue
                candidate = cost[k - 1][i] + w * w
                if candidate < cost[k][j]:
                    cost[k][j], back[k][j] = candidate, i
    cuts = []
    j = n
    for k in range(count, 0, -1):
        cuts.append(j)
        j = back[k][j]
    cuts.append(0)
    cuts.reverse()
    return ["".join(pieces[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]
