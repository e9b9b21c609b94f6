"""Stage 7, review: what a reviewer reads before signing.

Takes: the office's content, the manuals built (typeset trees, their PDFs and the
comparison's summaries).
Gives: lint warnings on a staff member's content (:func:`lint_staff`, ``lint``: empty cells,
digits against the office's choice, what the year's ITA indicator asks and a manual lacks),
REVIEW.md (:func:`review_markdown`, ``report``) and review.html, the office's manuals as pages
(:func:`review_html`, ``page``, with the page pictures of ``pictures``).
"""

from khumue.review.lint import lint_staff
from khumue.review.page import review_html
from khumue.review.report import review_markdown

__all__ = ["lint_staff", "review_html", "review_markdown"]
