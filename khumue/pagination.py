"""Page numbers as a reader sees them, from where LibreOffice laid the headings out.

The front matter (foreword, table of contents) is numbered with Thai letters ก ข ค …, as
OBEC's own manuals are (Word's ``thaiLetters`` format, ECMA-376 §17.18.59 ST_NumberFormat);
the body is numbered from 1 in the office's digits.  LibreOffice inserts a blank page where a
section restarts its numbering on an even page, which neither its PDF nor Word has, so pages
are counted from each section's first heading rather than from the first page.
"""

from __future__ import annotations

from khumue.digits import number
from khumue.model import Digits

# Word's thaiLetters sequence: the Thai consonants less the obsolete ฃ and ฅ.
THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"


def thai_letter(n: int) -> str:
    """The ``n``-th (from 1) page label in Thai letters: 1 → ก, 2 → ข, 45 → กก."""
    count = len(THAI_LETTERS)
    return THAI_LETTERS[(n - 1) % count] * ((n - 1) // count + 1)


def displayed_pages(pages: dict[str, int], front: list[str], body: list[str],
                    digits: Digits) -> dict[str, str]:
    """Bookmark → the page number printed on its page.  ``front`` and ``body`` list the
    bookmarks of each section in order; ``pages`` gives their physical pages."""
    shown: dict[str, str] = {}
    if front:
        start = pages[front[0]]
        shown.update({b: thai_letter(pages[b] - start + 1) for b in front})
    if body:
        start = pages[body[0]]
        shown.update({b: number(pages[b] - start + 1, digits) for b in body})
    return shown
