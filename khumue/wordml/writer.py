"""Writing a typeset manual (:class:`khumue.typeset.doctree.ManualDoc`) into a DOCX template.

The template's cover and back cover are filled by docxtpl with autoescaping, so content such
as ``{{ x }}``, ``&`` or ``<`` comes out literally; the front matter and body are built as
WordprocessingML elements (:mod:`khumue.wordml.blocks`, :mod:`khumue.wordml.tables`) and put
where the template's ``{{ front }}`` and ``{{ body }}`` markers stand.  Content text never
passes through a template engine.  This package is the only code that writes WordprocessingML.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

from docx.document import Document
from docx.oxml.ns import qn
from docxtpl import DocxTemplate, Listing
from lxml.etree import _Element

from khumue.errors import TemplateError
from khumue.typeset.doctree import (
    CoverPage,
    Heading,
    ManualDoc,
    Matter,
    Node,
    PageNumberFormat,
    Para,
)
from khumue.typeset.itfont import is_it_font
from khumue.typeset.thaiwords import thai_words
from khumue.wordml.blocks import BlockWriter
from khumue.wordml.embed import embed_source
from khumue.wordml.env import (
    NO_REVISION,
    DocumentStyles,
    WriterEnv,
    WriterIds,
    document_parts,
)
from khumue.wordml.itdigits import arabic_in_psk, page_number_styles, style_in_font
from khumue.wordml.measure import balanced
from khumue.wordml.oxml import SETTINGS_ORDER, el, insert_ordered
from khumue.wordml.package import set_package_properties
from khumue.wordml.styles import (
    TEXT_WIDTH_TWIPS,
    document_font,
    set_default_font,
    style_font,
)
from khumue.wordml.template import BODY_MARKER, COVER_STYLES, FRONT_MARKER, set_page_numbering
from khumue.wordml.wordbreaks import mark_word_breaks

_SENTINEL = {Matter.front: "\u2063KHUMUE-FRONT\u2063", Matter.body: "\u2063KHUMUE-BODY\u2063"}
_MARKER = {Matter.front: FRONT_MARKER, Matter.body: BODY_MARKER}


def write_docx(manual: ManualDoc, template: Path, *, font: str | None = None,
               toc_pages: Mapping[str, str] | None = None) -> bytes:
    """The manual as DOCX bytes, built on ``template`` (a .docx file).

    ``font``, when given, replaces the template's font in every style.  ``toc_pages``
    (bookmark → printed page number) fills the table of contents' page numbers; without it
    Word is asked to update the fields on opening.  Page numbers follow
    ``manual.numbering``.  Raises TemplateError when the template is not a DOCX, or lacks a
    ``{{ front }}`` or ``{{ body }}`` marker or a manual style.
    """
    try:
        tpl = DocxTemplate(str(template))
        tpl.init_docx()
    except Exception as exc:  # not a zip, not a Word document, a damaged part
        raise TemplateError(f"แม่แบบ {template} เปิดเป็นเอกสาร Word ไม่ได้ ({type(exc).__name__}) "
                            "ให้เปิดใน Word แล้วบันทึกเป็น .docx อีกครั้ง หรือลบไฟล์นี้เพื่อใช้แม่แบบ"
                            "มาตรฐาน") from None
    document: Document = tpl.docx  # type: ignore[assignment]
    env = WriterEnv(DocumentStyles(document, template), toc_pages or {},
                    manual.revision or NO_REVISION)
    ids = WriterIds(document_parts(document))
    cover = _cover_variables(document, manual.cover)
    try:
        tpl.render({**cover, "front": _SENTINEL[Matter.front], "body": _SENTINEL[Matter.body]},
                   autoescape=True)
    except Exception as exc:  # jinja2 errors in text an office typed into its template
        raise TemplateError(f"แม่แบบ {template}: ข้อความแม่แบบบนปกใช้ไม่ได้ ({exc}) ตัวแปรที่ใช้ได้: "
                            f"{', '.join(cover)}, front, body") from None
    blocks = BlockWriter(env, ids)
    for matter in (Matter.front, Matter.body):
        nodes = manual.front if matter is Matter.front else manual.body
        _replace_marker(env, blocks, matter, nodes, manual.numbering.format_of(matter))
    if font:
        set_default_font(document, font)
    if is_it_font(document_font(document)):
        _arabic_digits_in_psk(document)
    _word_breaks(document, manual.words)
    if manual.source is not None:
        embed_source(document, manual.source)
    if manual.properties is not None:
        set_package_properties(document, manual.properties)
    if toc_pages is None:
        _update_fields_on_open(document)
    _declare_thai(document)
    buffer = io.BytesIO()
    document.save(buffer)
    moment = manual.properties.date if manual.properties else dt.date(1980, 1, 1)
    return fixed_zip(buffer.getvalue(), moment)


def _arabic_digits_in_psk(document: Document) -> None:
    """In a document set in TH SarabunIT๙, every Arabic digit (a web address, a code, an
    Arabic-digit office's numbers, page numbers) set in TH SarabunPSK, so that it shows as
    Arabic (:mod:`khumue.wordml.itdigits`): the body, and every header and footer."""
    arabic_in_psk(document.element.body)
    for part in document.part.package.iter_parts():
        if str(part.partname).startswith(("/word/header", "/word/footer")):
            arabic_in_psk(part.element)  # type: ignore[attr-defined]
            for style in page_number_styles(part.element):  # type: ignore[attr-defined]
                style_in_font(document.styles.element, style)


def _word_breaks(document: Document, words: tuple[str, ...]) -> None:
    """Thai lines break between words (:mod:`khumue.wordml.wordbreaks`): in the body (cover,
    front matter, body, back cover) and every header and footer."""
    dictionary = thai_words(words)
    mark_word_breaks(document.element.body, dictionary)
    for part in document.part.package.iter_parts():
        if str(part.partname).startswith(("/word/header", "/word/footer")):
            mark_word_breaks(part.element, dictionary)  # type: ignore[attr-defined]


def fixed_zip(data: bytes, day: dt.date) -> bytes:
    """``data`` (a zip package) with every entry dated ``day`` at midnight, in the same order
    and compression: the same content gives the same bytes, build after build."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def _cover_variables(document: Document, cover: CoverPage) -> dict[str, object]:
    """The cover's template variables; those set in a cover style are broken into balanced
    lines within the text width (docxtpl's Listing turns line feeds into w:br)."""
    out: dict[str, object] = {}
    for key, value in cover.variables().items():
        style = COVER_STYLES.get(key)
        if style is None or style not in document.styles:
            out[key] = value
        elif isinstance(value, list):
            out[key] = [_balanced_listing(document, v, style) for v in value]
        else:
            out[key] = _balanced_listing(document, value, style)
    return out


def _balanced_listing(document: Document, text: str, style: str) -> object:
    if not text:
        return text
    broken = balanced(text, TEXT_WIDTH_TWIPS, style_font(document, style))
    return Listing(broken) if "\n" in broken else text


def _replace_marker(env: WriterEnv, blocks: BlockWriter, matter: Matter, nodes: list[Node],
                    page_format: PageNumberFormat) -> None:
    """Put ``nodes`` where the marker paragraph of ``matter`` stands.  The marker carries the
    section break (w:sectPr, §17.6.17) that ends its part; it moves into the last paragraph,
    or, after a table of contents or a table (a section break inside a TOC field's result is
    lost when LibreOffice turns the field into an index) or a paragraph inserted or deleted
    since last year, stays as an emptied paragraph."""
    marker = _find_marker(env.styles.document, env.styles.template, matter)
    elements: list[_Element] = []
    for i, node in enumerate(nodes):
        elements.extend(blocks.node(node, first=i == 0))
    for element in elements:
        marker.addprevious(element)
    sect_pr = marker.find(qn("w:pPr") + "/" + qn("w:sectPr"))
    if sect_pr is not None:
        set_page_numbering(sect_pr, page_format.value, start=1)
    last = elements[-1] if elements else None
    # the section break must not stand in an inserted or deleted paragraph: accepting or
    # rejecting the change would take the break with it
    movable = bool(nodes) and isinstance(nodes[-1], Para | Heading) and \
        nodes[-1].change is None
    if sect_pr is not None and last is not None and movable and last.tag == qn("w:p"):
        last.get_or_add_pPr().append(sect_pr)
        marker.getparent().remove(marker)
    else:
        for r in marker.findall(qn("w:r")):
            marker.remove(r)


def _find_marker(document: Document, template: Path, matter: Matter) -> _Element:
    sentinel = _SENTINEL[matter]
    for p in document.element.body.iter(qn("w:p")):
        if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip() == sentinel:
            return p
    raise TemplateError(f"แม่แบบ {template} ไม่มีย่อหน้า {_MARKER[matter]} "
                        "ที่บอกตำแหน่งเนื้อหา")


def _update_fields_on_open(document: Document) -> None:
    """Ask Word to update fields (the TOC's page numbers) on opening (§17.15.1.90)."""
    settings = document.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    insert_ordered(settings, el("w:updateFields", {"val": "true"}), SETTINGS_ORDER)


def _declare_thai(document: Document) -> None:
    """Declare Thai the complex-script language of the theme fonts (§17.15.1.88)."""
    lang = document.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:bidi"), "th-TH")
