"""The key by which text is matched whatever its line breaks: a paragraph read back from Word,
a page's text read from a PDF, a block of the typeset tree."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")


def squeeze(text: str) -> str:
    """``text`` without white space or zero-width characters, NFC: the key for matching."""
    return _SPACE.sub("", unicodedata.normalize("NFC", text))
