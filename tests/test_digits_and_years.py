"""Thai digits outside URLs, e-mail addresses and codes; fiscal years."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from khumue.content.fiscal import fiscal_year_bounds, fiscal_year_of
from khumue.content.model import Digits
from khumue.typeset.digits import apply_digits, arabic_digits, thai_digits

THAI = Digits.thai


def test_numbers_become_thai_but_urls_emails_and_codes_keep_arabic():
    assert apply_digits("ข้อ 4.1 พ.ศ. 2546", THAI) == "ข้อ ๔.๑ พ.ศ. ๒๕๔๖"
    assert apply_digits("ดูที่ www.pyo1.go.th/pyo1 หน้า 3", THAI) == "ดูที่ www.pyo1.go.th/pyo1 หน้า ๓"
    assert apply_digits("http://pyo1.go.th/a?b=2", THAI) == "http://pyo1.go.th/a?b=2"
    assert apply_digits("ส่ง saraban1@obec.go.th ภายใน 7 วัน", THAI) == \
        "ส่ง saraban1@obec.go.th ภายใน ๗ วัน"
    assert apply_digits("รหัส PYO2-01 ISO9001 ข้อ 2", THAI) == "รหัส PYO2-01 ISO9001 ข้อ ๒"


def test_thai_digits_typed_in_a_url_are_repaired():
    assert apply_digits("www.pyo๑.go.th/pyo๑", THAI) == "www.pyo1.go.th/pyo1"
    assert apply_digits("www.pyo๑.go.th/pyo๑", Digits.arabic) == "www.pyo1.go.th/pyo1"


def test_arabic_office_turns_thai_digits_arabic():
    assert apply_digits("ภายใน ๗ วัน", Digits.arabic) == "ภายใน 7 วัน"


@given(st.text())
def test_conversion_changes_digits_only(text):
    thai = apply_digits(text, THAI)
    assert len(thai) == len(text)
    assert arabic_digits(thai) == arabic_digits(text)
    assert thai_digits(arabic_digits(thai)) == thai_digits(arabic_digits(text))


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2150, 12, 31)))
def test_every_day_lies_in_its_fiscal_year(day):
    first, last = fiscal_year_bounds(fiscal_year_of(day))
    assert first <= day <= last
    assert (first.month, first.day, last.month, last.day) == (10, 1, 9, 30)


def test_fiscal_year_2570_runs_october_2026_to_september_2027():
    assert fiscal_year_bounds(2570) == (dt.date(2026, 10, 1), dt.date(2027, 9, 30))
    assert fiscal_year_of(dt.date(2026, 9, 30)) == 2569
    assert fiscal_year_of(dt.date(2026, 10, 1)) == 2570
