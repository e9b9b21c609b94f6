"""Page numbers as a reader sees them, from where a layout engine put the headings.

The manual's :class:`~khumue.typeset.doctree.PageNumbering` says how each section is numbered (front
matter ก ข ค …, body from 1 in the office's digits).  LibreOffice inserts a blank page where a
section restarts its numbering on an even page, which neither its PDF nor Word has, so pages
are counted from each section's first listed heading rather than from the first page.
"""

from __future__ import annotations

from khumue.typeset.doctree import ManualDoc, Matter


def displayed_pages(pages: dict[str, int], manual: ManualDoc) -> dict[str, str]:
    """Bookmark → the page number printed on its page.  ``pages`` gives the physical page
    (from 1) of each table-of-contents bookmark; a bookmark the layout did not report is left
    out (its entry keeps no number)."""
    shown: dict[str, str] = {}
    for matter in Matter:
        names = [b for b in manual.bookmarks(matter) if b in pages]
        if not names:
            continue
        start = pages[names[0]]
        for name in names:
            shown[name] = manual.numbering.printed(matter, pages[name] - start + 1)
    return shown
