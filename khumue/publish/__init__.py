"""Publishing an office's manuals for its website (``python build.py --office ID --publish``).

``out/<office-id>/<fiscal-year>/publish/`` holds, from the manuals' PDFs (PDF/A-2b, tagged,
text that reads back, see :mod:`khumue.pdf.doc`):

- ``<staff-id>.pdf``: each manual;
- ``<office-id>-<fiscal-year>-all.pdf``: the office book, every manual in one PDF with an
  outline manual → part → process (:mod:`khumue.publish.book`);
- ``index.html``: the manuals listed by group with their PDFs, in Thai, one self-contained
  file that works offline and from the folder (template ``index.html.j2``, which an office
  may replace in ``templates/<office-id>/``);
- ``ita-links.txt``, when office.yaml gives the ``website:`` the folder is put under: the
  office book and every manual, one line each, its title, a tab, and its address there,
  ready to paste into the ITA system's form.

This is what the ITA's indicator for work manuals (o10 in 2567, :mod:`khumue.content.ita`) asks an
office to publish.
"""

from __future__ import annotations

import io
import re
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from khumue.content.ita import indicator_for, pdf_keywords
from khumue.content.model import Office, Staff
from khumue.content.templates import TemplateFolders
from khumue.typeset.digits import apply_digits
from khumue.typeset.doctree import Heading, ManualDoc, Part

if TYPE_CHECKING:  # the book's PDF tools are loaded when a book is made
    from khumue.publish.book import OutlineNode

PUBLISH_FOLDER = "publish"
INDEX_TEMPLATE = "index.html.j2"
LINKS = "ita-links.txt"
GATHERED = {Part.process: "คู่มือขั้นตอนการดำเนินงาน", Part.work_standard: "มาตรฐานการปฏิบัติงาน"}


@dataclass(frozen=True)
class ManualPdf:
    """A built manual to publish: its staff id, content, typeset tree and where its PDF is
    now (staged or already in place)."""

    staff_id: str
    staff: Staff
    doc: ManualDoc
    pdf: Path


def book_name(office_id: str, fiscal_year: int) -> str:
    """The office book's file name, e.g. ``phayao2-2568-all.pdf`` (plain ASCII: it goes on
    websites)."""
    return f"{office_id}-{fiscal_year}-all.pdf"


def manual_outline(doc: ManualDoc, title: str) -> OutlineNode:
    """A manual's item of the book's outline: ``title`` (opening the cover), and under it the
    level-1 headings of its parts; processes and work standards are gathered under one item
    per part ("คู่มือขั้นตอนการดำเนินงาน", "มาตรฐานการปฏิบัติงาน")."""
    from khumue.publish.book import OutlineNode

    children: list[OutlineNode] = []
    gathered: OutlineNode | None = None
    for node in [*doc.front, *doc.body]:
        if not isinstance(node, Heading) or node.level != 1 or node.bookmark is None:
            continue
        item = OutlineNode(_one_line(node.display), node.bookmark)  # digits applied already
        part = node.origin.part if node.origin else None
        if part in GATHERED:
            name = GATHERED[part]  # type: ignore[index]
            if gathered is None or gathered.title != name:
                gathered = OutlineNode(name, node.bookmark)
                children.append(gathered)
            gathered.children.append(item)
        else:
            gathered = None
            children.append(item)
    return OutlineNode(title, None, children)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def publish_files(office: Office, office_id: str, fiscal_year: int,
                  manuals: Sequence[ManualPdf], templates: TemplateFolders) -> dict[str, bytes]:
    """The generated files of the publish folder, by name: the office book and index.html
    (the manuals' own PDFs are copied as they are).  Raises TemplateError for a broken index
    template, pikepdf.PdfError for an unreadable manual PDF."""
    from khumue.publish.book import BookManual, office_book

    def digits(text: str) -> str:
        return apply_digits(text, office.digits)

    book = office_book(
        [BookManual(m.pdf, manual_outline(m.doc, digits(f"{m.staff.name} {_position(m)}")))
         for m in manuals],
        title=digits(f"คู่มือการปฏิบัติงาน {office.name} ปีงบประมาณ พ.ศ. {fiscal_year}"),
        author=digits(office.name),
        subject=digits(f"คู่มือการปฏิบัติงานของเจ้าหน้าที่ {len(manuals)} เล่ม"),
        keywords=pdf_keywords(indicator_for(fiscal_year, office.ita)))
    name = book_name(office_id, fiscal_year)
    index = index_html(office, fiscal_year, manuals, name, book, templates)
    out = {name: book, "index.html": index.encode("utf-8")}
    if office.website:
        out[LINKS] = ita_links(office, fiscal_year, manuals, name).encode("utf-8")
    return out


def ita_links(office: Office, fiscal_year: int, manuals: Sequence[ManualPdf],
              book_file: str) -> str:
    """The manuals' addresses under ``office.website``: a first line saying what the list is
    for (the year's ITA indicator), then the office book and each manual, "title<TAB>URL",
    titles in the office's digits, addresses as they are."""
    assert office.website is not None
    base = office.website.rstrip("/") + "/"
    indicator = indicator_for(fiscal_year, office.ita)

    def digits(text: str) -> str:
        return apply_digits(text, office.digits)

    lines = [digits(f"# คู่มือการปฏิบัติงานของเจ้าหน้าที่ {office.short_name} ปีงบประมาณ พ.ศ. "
                    f"{fiscal_year} สำหรับ{indicator.cited}"),
             digits(f"คู่มือการปฏิบัติงานของเจ้าหน้าที่ทุกเล่มรวมในไฟล์เดียว ({len(manuals)} เล่ม)")
             + f"\t{base}{urllib.parse.quote(book_file)}"]
    for manual in manuals:
        title = digits(f"คู่มือการปฏิบัติงาน {manual.staff.name} {_one_line(_position(manual))}")
        lines.append(f"{title}\t{base}{urllib.parse.quote(manual.staff_id)}.pdf")
    return "\n".join(lines) + "\n"


def _position(manual: ManualPdf) -> str:
    props = manual.doc.properties
    return props.subject if props else manual.staff.position


def index_html(office: Office, fiscal_year: int, manuals: Sequence[ManualPdf], book_file: str,
               book: bytes, templates: TemplateFolders) -> str:
    """The index page: the office, the book, and the manuals by group (in the order their
    groups first appear), each with its PDF's size and pages; every text a reader reads in
    the office's digits (file names stay as they are).  Raises TemplateError."""
    import pikepdf

    def digits(text: str) -> str:
        return apply_digits(text, office.digits)

    groups: dict[str, list[dict[str, object]]] = {}
    for manual in manuals:
        with pikepdf.open(manual.pdf) as pdf:
            pages = len(pdf.pages)
        groups.setdefault(digits(manual.staff.group), []).append({
            "name": digits(manual.staff.name), "position": digits(_position(manual)),
            "file": f"{manual.staff_id}.pdf",
            "about": digits(f"{pages} หน้า, {_size(manual.pdf.stat().st_size)}"),
            "processes": [digits(p.title or p.name) for p in manual.staff.processes],
        })
    with pikepdf.open(io.BytesIO(book)) as pdf:
        book_pages = len(pdf.pages)
    context = {
        "office": {"name": digits(office.name), "short_name": digits(office.short_name),
                   "obec": digits(office.obec), "ministry": digits(office.ministry)},
        "fiscal_year": digits(str(fiscal_year)),
        "count": digits(str(len(manuals))),
        "book": {"file": book_file,
                 "about": digits(f"{book_pages} หน้า, {_size(len(book))}")},
        "groups": list(groups.items()),
    }
    return templates.render_html(INDEX_TEMPLATE, context, "หน้ารายการคู่มือ (index.html)")


def _size(size: int) -> str:
    """A file size as a reader says it: "350 KB", "2.4 MB"."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"
