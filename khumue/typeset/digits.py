"""Thai and Arabic digits, as an office chooses to print them.

Offices print either Thai digits (๐๑๒๓๔๕๖๗๘๙) or Arabic digits everywhere a reader reads a
number: list numbers, dates, table numbers, page numbers.  Web addresses, e-mail addresses and
codes (a token mixing Latin letters and digits, such as ``ISO9001`` or ``PYO2-01``) keep Arabic
digits whatever the choice, and Thai digits typed inside them are repaired to Arabic, because a
URL such as ``www.pyo๑.go.th`` does not work.
"""

from __future__ import annotations

import re

from khumue.content.model import Digits

ARABIC = "0123456789"
THAI = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans(ARABIC, THAI)
_TO_ARABIC = str.maketrans(THAI, ARABIC)

# Spans that keep Arabic digits (URLs, e-mail addresses, Latin-letter codes); the lint uses
# them too, to look for digits against the office's choice outside them.
PROTECTED_SPANS = re.compile(
    r"""(?ix)
    (?:https?://|www\.)[^\s<>"'“”]+        # web address
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+         # e-mail address
    | [a-z][\w./-]*\.(?:go\.th|ac\.th|or\.th|co\.th|in\.th|com|org|net)(?:/[^\s]*)?  # bare host
    | \b(?=[a-z0-9-]*[a-z])(?=[a-z0-9-]*[0-9๐-๙])[a-z0-9๐-๙][a-z0-9๐-๙-]*\b  # code: letters+digits
    """
)


def thai_digits(text: str) -> str:
    """Arabic digits → Thai digits in all of ``text`` (no protection)."""
    return text.translate(_TO_THAI)


def arabic_digits(text: str) -> str:
    """Thai digits → Arabic digits in all of ``text``."""
    return text.translate(_TO_ARABIC)


def apply_digits(text: str, digits: Digits) -> str:
    """``text`` with every reader-facing number in the office's digits.

    URLs, e-mail addresses and codes are left in Arabic digits (Thai digits in them become
    Arabic).  Example: ``apply_digits("ข้อ 4 www.pyo1.go.th", Digits.thai)`` →
    ``"ข้อ ๔ www.pyo1.go.th"``.
    """
    convert = thai_digits if digits is Digits.thai else arabic_digits
    out: list[str] = []
    last = 0
    for match in PROTECTED_SPANS.finditer(text):
        out.append(convert(text[last:match.start()]))
        out.append(arabic_digits(match.group()))
        last = match.end()
    out.append(convert(text[last:]))
    return "".join(out)

