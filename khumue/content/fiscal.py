"""Fiscal years (ปีงบประมาณ) of the Thai government.

Fiscal year N (B.E.) runs from 1 October of C.E. year N-544 to 30 September of C.E. N-543,
named by the B.E. year in which it ends (Budget Procedure Act B.E. 2561, section 4).
B.E. = C.E. + 543.
"""

from __future__ import annotations

import datetime as dt

BE_OFFSET = 543


def fiscal_year_of(day: dt.date) -> int:
    """The B.E. fiscal year that contains ``day``: 2026-10-01 → 2570, 2026-09-30 → 2569."""
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)


def fiscal_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """First and last day (C.E. dates) of B.E. fiscal year ``year``.

    2570 → (2026-10-01, 2027-09-30)."""
    return dt.date(year - BE_OFFSET - 1, 10, 1), dt.date(year - BE_OFFSET, 9, 30)
