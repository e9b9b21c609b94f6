"""The reviewer's page (``review.html``): every manual of an office as pages to look at.

A group director or the office's director reviews the manuals before signing; they judge a
manual by its pages, not by a Markdown table (REVIEW.md stays, for the clerk).  One HTML
file beside the manuals, in Thai and in the office's digits, that opens from the folder in
any browser and works offline (pictures are data URIs, no script or font is fetched):

- the office at a glance: manuals, pages, warnings, ITA-ready manuals, manuals changed since
  last year, and a filter (all / has warnings / not ITA-ready / changed), which is also the
  page's address (``review.html#warnings``), so a link can open it filtered;
- a section per manual, by group: name, position, links to its DOCX, PDF and changes file
  (and the changes file's PDF), a strip of its pages (:mod:`khumue.review.pictures`; a click opens
  the PDF at that page), its warnings in words, each with the page its block is printed on
  (:mod:`khumue.layout.blockpages`) and, smaller, ``file:line`` for the clerk, its ITA readiness
  (:mod:`khumue.content.ita`), and the pages of its changes file that carry changes, as LibreOffice
  prints them.

Without PDFs (no LibreOffice, or a build without ``--pdf``) the page says how to get the
pictures and shows the rest.  Template ``review.html.j2``, which an office may replace in
``templates/<office-id>/``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from khumue.content.ita import Indicator, indicator_for, readiness
from khumue.content.model import Office, Staff
from khumue.content.templates import TemplateFolders
from khumue.errors import Problem
from khumue.layout.blockpages import PageFinder, PageIndex
from khumue.review.pictures import Pictures
from khumue.review.report import ReviewRow, change_words
from khumue.typeset.digits import apply_digits
from khumue.typeset.doctree import ManualDoc

REVIEW_TEMPLATE = "review.html.j2"
FILTERS = (("all", "ทั้งหมด"), ("warnings", "มีข้อควรตรวจ"), ("not-ita", "ยังไม่พร้อมสำหรับ ITA"),
           ("changed", "เปลี่ยนจากปีก่อน"))


@dataclass
class ReviewManual:
    """What the page shows of one manual: its staff id and content, typeset tree (or what
    the page needs of it, :class:`~khumue.layout.blockpages.PageIndex`), review row,
    warnings, pictures, the physical page of each table-of-contents bookmark, and its files
    that exist (names relative to the page: ``kotchaporn.pdf``, ``changes/kotchaporn.docx``)."""

    staff_id: str
    staff: Staff
    doc: ManualDoc | PageIndex
    row: ReviewRow
    warnings: Sequence[Problem] = ()
    pictures: Pictures = field(default_factory=Pictures)
    physical_pages: Mapping[str, int] = field(default_factory=dict)
    files: frozenset[str] = frozenset()


def review_html(office: Office, fiscal_year: int, manuals: Sequence[ReviewManual],
                templates: TemplateFolders, no_pictures: str | None = None) -> str:
    """The page, rendered from the office's ``review.html.j2`` (else the default).
    ``no_pictures`` is what to say when no manual has page pictures (how to get them).
    Raises TemplateError naming the template when it cannot be rendered."""
    def digits(text: str) -> str:
        return apply_digits(text, office.digits)

    indicator = indicator_for(fiscal_year, office.ita)
    shown = [_manual(m, digits, indicator) for m in manuals]
    groups: dict[str, list[dict[str, Any]]] = {}
    for manual in shown:
        groups.setdefault(manual["group"], []).append(manual)
    counted = [m for m in shown if m["pages"] is not None]
    compared = [m for m in manuals if m.row.changes is not None]
    context = {
        "office": {"name": digits(office.name), "short_name": digits(office.short_name)},
        "fiscal_year": digits(str(fiscal_year)),
        "totals": {
            "manuals": digits(str(len(manuals))),
            "pages": digits(str(sum(m["pages"] for m in counted))) if counted else None,
            "warnings": digits(str(sum(len(m.warnings) for m in manuals))),
            "ita_ready": digits(str(sum(1 for m in shown if m["ita"]["ready"]))),
            "changed": digits(str(sum(1 for m in shown if m["changed"])))
            if compared else None,
            "compared": digits(str(len(compared))),
        },
        "filters": [f for f in FILTERS if f[0] != "changed" or compared],
        "ita": {"label": indicator.label, "cited": digits(indicator.cited)},
        "groups": list(groups.items()),
        "no_pictures": digits(no_pictures) if no_pictures and
        not any(m.pictures.pages for m in manuals) else None,
    }
    return templates.render_html(REVIEW_TEMPLATE, context, "หน้าตรวจทาน (review.html)")


def _manual(manual: ReviewManual, digits: Any, indicator: Indicator) -> dict[str, Any]:
    """One manual's part of the template's context."""
    pictures, sid = manual.pictures, manual.staff_id
    pdf = f"{sid}.pdf" if f"{sid}.pdf" in manual.files else None
    finder = PageFinder(manual.doc, manual.physical_pages, pictures.texts,
                        len(pictures.pages) or manual.row.pages)
    warnings = []
    for problem in manual.warnings:
        place = finder.find(problem.at) if problem.at else None
        warnings.append({
            "message": digits(problem.message),
            "page": place.physical if place and pictures.pages else None,
            "where": digits(_where(place.printed, place.heading)) if place else None,
            "clerk": problem.where,
        })
    pages_with = {w["page"] for w in warnings if w["page"] is not None}
    ita = readiness(manual.staff, indicator)
    changes = manual.row.changes
    changes_file = manual.row.changes_file
    count = len(pictures.pages) or manual.row.pages
    position = manual.doc.properties.subject if manual.doc.properties else manual.staff.position
    return {
        "id": sid, "name": digits(manual.staff.name), "position": digits(position),
        "group": digits(manual.staff.group),
        "docx": f"{sid}.docx", "pdf": pdf,
        "changes_docx": changes_file if changes_file in manual.files else None,
        "changes_pdf": _changes_pdf(changes_file, manual.files),
        "pages": count,
        "pages_text": digits(f"{count} หน้า") if count else None,
        "thumbnails": [{"page": n, "src": src, "label": digits(_label(finder, n, count)),
                        "warned": n in pages_with}
                       for n, src in enumerate(pictures.pages, start=1)],
        "warnings": warnings,
        "warnings_count": digits(str(len(warnings))),
        "ita": {"ready": ita.ready, "text": digits(ita.summary()), "label": indicator.label},
        "changed": bool(changes and changes.changed),
        "changes_text": digits(change_words(changes)),
        "changed_pages": [{"page": n, "label": digits(f"หน้า {printed}" if printed
                                                      else f"แผ่นที่ {n}"), "src": src}
                          for n, printed, src in pictures.changed],
        "changed_more": digits(str(pictures.changed_count - len(pictures.changed)))
        if pictures.changed_count > len(pictures.changed) else None,
    }


def _changes_pdf(changes_file: str | None, files: frozenset[str]) -> str | None:
    if not changes_file:
        return None
    pdf = changes_file.rsplit(".", 1)[0] + ".pdf"
    return pdf if pdf in files else None


def _label(finder: PageFinder, page: int, count: int | None) -> str:
    """A thumbnail's caption: "ปก", "หน้า ๓", "ปกหลัง"."""
    if page == 1:
        return "ปก"
    if count is not None and page == count:
        return "ปกหลัง"
    printed = finder.printed(page)
    return f"หน้า {printed}" if printed else f"แผ่นที่ {page}"


def _where(printed: str, heading: str) -> str:
    """Where a warning's block is: "หน้า ๑๒ ในส่วน ‹heading›", "ปก"."""
    if not printed:
        return heading
    short = heading if len(heading) <= 60 else heading[:57].rstrip() + "…"
    return f"หน้า {printed} ในส่วน “{short}”"
