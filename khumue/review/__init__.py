"""Stage 7, review: what a reviewer reads before signing.

Takes: the office's content, the manuals built (typeset trees, their PDFs and the
comparison's summaries).
Gives: lint warnings on a staff member's content (:func:`lint_staff`, ``lint``: empty cells,
digits against the office's choice, what the year's ITA indicator asks and a manual lacks),
REVIEW.md (:func:`review_markdown`, ``report``) and review.html, the office's manuals as pages
(:func:`review_html`, ``page``, with the page pictures of ``pictures``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khumue.review.lint import lint_staff
    from khumue.review.page import review_html
    from khumue.review.report import review_markdown

# Each name is imported when first used, so that importing one module of the stage does
# not import the whole stage.
_EXPORTS = {
    "lint_staff": "khumue.review.lint",
    "review_html": "khumue.review.page",
    "review_markdown": "khumue.review.report",
}
__all__ = ["lint_staff", "review_html", "review_markdown"]


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
