"""Every paragraph and table row of each seed is in its manual.

The seed is text extracted from the office's Word/PDF file.  Its words (runs of text between
white space, after removing stray HTML and markdown) are looked up in the manual's text with
white space removed, so re-joined line wraps still count.  List numbers and digits are
normalised: an office's digit choice and our numbering are not losses.  The share of words
found is printed and must reach 98%; the words not found are printed for the reviewer.
"""

from __future__ import annotations

import html
import re

import pytest

from khumue.typeset.digits import arabic_digits
from tests.conftest import OFFICES, SEED_FILES, SEEDS, needs_seeds
from tests.docxread import Manual

THRESHOLD = 0.98
_LABEL = re.compile(r"^[\d.()\-–•:/]+$")  # list labels, lone numbers and punctuation
_SYMBOLS = re.compile(r"^[○□◇▭⬭→↓]+$")  # flowchart symbols typed as text; we draw them


def seed_words(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text)  # stray HTML of table cells
    text = html.unescape(text)
    text = re.sub(r"[#*]+|>>>>|<<<<", " ", text)  # markdown and decoration
    words = [re.sub(r"\.{3,}$", "", w) for w in arabic_digits(text).split()]  # "เขต....."
    return [w for w in words if not _LABEL.match(w) and not _SYMBOLS.match(w)]


def coverage(seed: str, document_text: str) -> tuple[float, list[str]]:
    """(share of the seed's words found in the document, the words not found)."""
    haystack = "".join(arabic_digits(document_text).split())
    words = seed_words(seed)
    missing = [w for w in words if w not in haystack]
    return 1 - len(missing) / len(words), missing


def test_coverage_measure_fails_when_a_row_is_dropped():
    seed = "ที่\tกิจกรรม\n๑\tทบทวนภารกิจการจัดการศึกษา\tมีรายงานและข้อมูลสารสนเทศ\n"
    full, _ = coverage(seed, "ที่ กิจกรรม 1 ทบทวนภารกิจการจัดการศึกษา มีรายงานและข้อมูลสารสนเทศ")
    dropped, missing = coverage(seed, "ที่ กิจกรรม")
    assert full == 1.0
    assert dropped < THRESHOLD
    assert missing == ["ทบทวนภารกิจการจัดการศึกษา", "มีรายงานและข้อมูลสารสนเทศ"]


@needs_seeds
@pytest.mark.parametrize("office", OFFICES)
def test_seed_words_are_in_the_manual(built, office, capsys):
    seed = (SEEDS / SEED_FILES[office]).read_text(encoding="utf-8")
    share, missing = coverage(seed, Manual(built[office]).all_text())
    with capsys.disabled():
        print(f"\n{office}: {share:.1%} of the seed's words found; not found: {missing}")
    assert share >= THRESHOLD, f"{office}: only {share:.1%} of the seed is in the manual"
