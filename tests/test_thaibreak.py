"""The heading breaker: lines join back to the text, break only between words and outside
protected phrases, fit the width, and are as balanced as the words allow."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from khumue.typeset.metrics import text_width
from khumue.typeset.thaibreak import PROTECTED, atoms, balance
from khumue.typeset.thaiwords import thai_words

WORDS = ["งาน", "ส่งเสริม", "สนับสนุน", "การ", "ระดม", "ทรัพยากร", "เพื่อ", "ศึกษา", "ประสาน",
         "และ", "สถานศึกษา", "ให้", "มี", "บทบาท", "ใน", "สร้าง", "ความเข้มแข็ง", "ของ", "ชุมชน",
         "นิเทศ", "ติดตาม", "ประเมินผล", "คณะกรรมการ", "ขั้นพื้นฐาน"]
PHRASES = ["นางกชพร คำวงษา", "เขต 2", "พ.ศ. 2546", "สพป.", "สำนักงานเขตพื้นที่การศึกษา",
           "ภายใน 7 วัน"]
pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(PHRASES), st.just(" "))
headings = st.lists(pieces, min_size=1, max_size=12).map("".join).filter(lambda t: t.strip())


def measure(text: str) -> float:
    return text_width(text, 20, True)


def breaks(lines: list[str]) -> list[int]:
    return list(itertools.accumulate(len(line) for line in lines))[:-1]


@settings(max_examples=150, deadline=None)
@given(headings, st.floats(min_value=60, max_value=450))
def test_lines_join_back_fit_and_break_only_between_words(text, width):
    lines = balance(text, width, measure)
    assert "".join(lines) == text
    tokens = thai_words().boundaries(text)
    protected = [range(m.start() + 1, m.end()) for m in PROTECTED.finditer(text)]
    for position in breaks(lines):
        assert position in tokens, (text, lines)
        assert not any(position in inside for inside in protected), (text, lines)
    pieces = set(atoms(text))  # (in the text's context: a line alone may read otherwise)
    for line in lines:
        assert measure(line.rstrip()) <= width or line in pieces, (line, width)


@settings(max_examples=150, deadline=None)
@given(headings, st.floats(min_value=60, max_value=450))
def test_lines_are_the_fewest_and_as_balanced_as_the_words_allow(text, width):
    lines = balance(text, width, measure)
    pieces = atoms(text)
    if len(pieces) > 10:
        return  # the brute force below is exponential
    widths = [measure(line.rstrip()) for line in lines]
    # No split into the same number of lines has a shorter longest line, and none fits in fewer.
    for cuts in itertools.combinations(range(1, len(pieces)), len(lines) - 1):
        bounds = [0, *cuts, len(pieces)]
        other = [measure("".join(pieces[a:b]).rstrip()) for a, b in itertools.pairwise(bounds)]
        assert max(other) >= max(widths) - 1e-9, (text, lines)
    for fewer in range(1, len(lines)):
        for cuts in itertools.combinations(range(1, len(pieces)), fewer - 1):
            bounds = [0, *cuts, len(pieces)]
            assert any(measure("".join(pieces[a:b]).rstrip()) > width
                       for a, b in itertools.pairwise(bounds))
    # Balanced: of the splits into as many lines with no longer longest line, none is more
    # even (a smaller sum of squared widths).  A half-empty last line is allowed only where
    # the words or the width leave no other way.
    squares = sum(w * w for w in widths)
    for cuts in itertools.combinations(range(1, len(pieces)), len(lines) - 1):
        bounds = [0, *cuts, len(pieces)]
        spans = list(itertools.pairwise(bounds))
        other = [measure("".join(pieces[a:b]).rstrip()) for a, b in spans]
        fits = all(w <= width or b - a == 1 for w, (a, b) in zip(other, spans, strict=True))
        if fits and max(other) <= max(widths) + 1e-9:
            assert squares <= sum(w * w for w in other) + 1e-6, (text, lines)


def test_a_heading_that_fits_is_left_alone():
    text = "งานสวัสดิการและสงเคราะห์นักเรียน"
    assert balance(text, 453, measure) == [text]


def test_seed_heading_breaks_like_a_typesetter():
    text = "งานประสานและส่งเสริมสถานศึกษาให้มีบทบาทในการสร้างความเข้มแข็งของชุมชน"
    lines = balance(text, 300, measure)
    assert lines == ["งานประสานและส่งเสริมสถานศึกษาให้", "มีบทบาทในการสร้างความเข้มแข็งของชุมชน"]


def test_names_districts_years_and_abbreviations_stay_whole():
    assert "นางกชพร คำวงษา " in atoms("ของ นางกชพร คำวงษา ตำแหน่ง")
    assert "เขต 2" in atoms("สพป.พะเยา เขต 2")
    assert "สพป." in atoms("สพป.พะเยา เขต 2")
    assert "พ.ศ. 2546" in atoms("ประกาศ พ.ศ. 2546")
    assert "7 วัน" in atoms("ภายใน 7 วัน")


@settings(max_examples=150, deadline=None)
@given(headings, st.floats(min_value=60, max_value=450))
def test_line_count_is_the_number_of_balanced_lines(text, width):
    from khumue.typeset.thaibreak import line_count

    assert line_count(text, width, measure) == len(balance(text, width, measure))
