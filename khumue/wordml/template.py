"""The default DOCX template: styles, A4 page set-up, cover, back cover, headers and markers.

``python tools/make_template.py`` writes ``templates/default/manual.docx`` from this module.
Offices restyle it in Word (or copy it to ``templates/<office-id>/manual.docx``); the build
keeps its styles, sections, headers and cover, and fills:

- docxtpl variables on the cover and back cover: the fields of
  :class:`khumue.typeset.doctree.CoverPage` (``title``, ``person_name``, ``office_name`` …);
- two marker paragraphs, ``{{ front }}`` (foreword, table of contents) and ``{{ body }}`` (the
  rest), each replaced by typeset content; each marker carries the section break that ends its
  part, so the front matter and the body keep their own page numbering.

Sections (ECMA-376 §17.6): 1 cover (no page number), 2 front matter (page
numbers ก ข ค, ``thaiLetters``), 3 body (1, 2, 3 in the office's digits), 4 back cover.
Page: A4 portrait, margins left 3 cm, right 2 cm (the correspondence regulation, ระเบียบสำนัก
นายกรัฐมนตรีว่าด้วยงานสารบรรณ), top and bottom 2.5 cm.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Cm, Twips

from khumue.wordml.oxml import el, field, insert_ordered, run
from khumue.wordml.styles import DEFAULT_FONT, define_styles

FRONT_MARKER = "{{ front }}"
BODY_MARKER = "{{ body }}"

_COVER = [
    ("Cover Title", "{{ title }}"),
    ("Cover Subtitle", "{%p if subtitle %}"),
    ("Cover Subtitle", "{{ subtitle }}"),
    ("Cover Subtitle", "{%p endif %}"),
    ("Cover Item", "{%p for item in cover_items %}"),
    ("Cover Item", "{{ item }}"),
    ("Cover Item", "{%p endfor %}"),
    ("Cover Year", "{{ fiscal_year_line }}"),
    ("Cover Name", "{{ person_name }}"),
    ("Cover Text", "{{ position_line }}"),
    ("Cover Text", "{%p if work_unit %}"),
    ("Cover Text", "{{ work_unit }}"),
    ("Cover Text", "{%p endif %}"),
    ("Cover Group", "{{ group }}"),
    ("Cover Text", "{{ office_name }}"),
    ("Cover Text", "{{ obec }}"),
    ("Cover Text", "{{ ministry }}"),
]
_BACK = [
    ("Cover Group", "{{ group }}"),
    ("Cover Text", "{{ office_name }}"),
    ("Cover Text", "{{ obec }}"),
    ("Cover Text", "{{ ministry }}"),
]

# The paragraph style of each cover variable: the writer breaks its text into balanced lines
# measured in that style.  ``item`` is the loop variable over ``cover_items``.
COVER_STYLES: dict[str, str] = {}
for _style, _text in (*_COVER, *_BACK):
    if _text.startswith("{{ "):
        _name = _text.strip("{} ")
        COVER_STYLES.setdefault("cover_items" if _name == "item" else _name, _style)


def build_default_template(path: Path, font: str = DEFAULT_FONT) -> None:
    """Write the default manual template to ``path`` (a .docx file)."""
    document = Document()
    _drop_styles_with_effects(document)
    define_styles(document, font)
    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)

    cover = document.sections[0]
    _page_setup(cover)
    for style, text in _COVER:
        document.add_paragraph(text, style=style)
    _end_section_in_last_paragraph(document)

    document.add_paragraph(FRONT_MARKER, style="Manual Body")
    _end_section_in_last_paragraph(document)
    document.add_paragraph(BODY_MARKER, style="Manual Body")
    _end_section_in_last_paragraph(document)
    for style, text in _BACK:
        document.add_paragraph(text, style=style)

    cover, front, main, back = document.sections
    for section in (cover, back):
        section.header.is_linked_to_previous = False
    for section, fmt in ((front, "thaiLetters"), (main, "decimal")):
        section.header.is_linked_to_previous = False
        header = section.header.paragraphs[0]
        header.style = document.styles["Header"]
        for r in field("PAGE", [run("1")]):
            header._p.append(r)
        set_page_numbering(section._sectPr, fmt, start=1)
    for section in (front, main, back):
        section.start_type = WD_SECTION.NEW_PAGE
    document.core_properties.title = "คู่มือการปฏิบัติงาน"
    document.core_properties.author = "khumue"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def _drop_styles_with_effects(document) -> None:  # type: ignore[no-untyped-def]
    """Remove python-docx's stylesWithEffects part (a Word 2010 copy of styles.xml): once our
    styles differ from it, Word may report the file as unreadable content."""
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)


def _page_setup(section) -> None:  # type: ignore[no-untyped-def]
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
    section.header_distance, section.footer_distance = Cm(1.25), Cm(1.25)


def _end_section_in_last_paragraph(document) -> None:  # type: ignore[no-untyped-def]
    """Start a new section after the last paragraph, carrying the section break in that
    paragraph's own w:pPr instead of in an extra empty paragraph (which could add a page)."""
    document.add_section(WD_SECTION.NEW_PAGE)
    body = document.element.body
    paragraphs = list(body.iterchildren(qn("w:p")))
    breaker, last = paragraphs[-1], paragraphs[-2]
    sect_pr = breaker.find(qn("w:pPr")).find(qn("w:sectPr"))
    last.get_or_add_pPr().append(sect_pr)
    body.remove(breaker)


# Child order of w:sectPr (CT_SectPr, ECMA-376 Part 1 §17.6.17).
_SECTPR_ORDER = ["headerReference", "footerReference", "footnotePr", "endnotePr", "type",
                 "pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols",
                 "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
                 "rtlGutter", "docGrid", "printerSettings", "sectPrChange"]


def set_page_numbering(sect_pr, fmt: str, start: int | None = None) -> None:  # type: ignore[no-untyped-def]
    """Set a section's page-number format (w:pgNumType/@w:fmt, ECMA-376 §17.6.12, e.g.
    ``decimal``, ``thaiNumbers``, ``thaiLetters``) and, when given, its first number."""
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    attrs = {"fmt": fmt}
    if start is not None:
        attrs["start"] = str(start)
    insert_ordered(sect_pr, el("w:pgNumType", attrs), _SECTPR_ORDER)
