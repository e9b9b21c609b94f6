"""A manual's PDF made ready to publish: a text layer that reads back (:mod:`khumue.pdf.text`)
and the metadata a website, a search engine and the ITA check read.

LibreOffice writes the PDF as PDF/A-2b (ISO 19005-2), tagged (ISO 32000-1 §14.8), with the
document's language; its metadata comes from the DOCX's core properties, where the author is
the staff member.  A published manual is the office's document, so the PDF's author is the
office.  The XMP packet and the document information dictionary are changed together, as
PDF/A requires (ISO 19005-2 §6.6.3), and the file stays PDF/A.
"""

from __future__ import annotations

import io

import pikepdf

from khumue.pdf.fonts import FontFinder, fix_fonts
from khumue.pdf.marks import fix_marks
from khumue.pdf.source import embed_source
from khumue.pdf.stream import PageContent
from khumue.pdf.text import add_actual_text, font_maps
from khumue.typeset.doctree import DocumentProperties


def finish_pdf(data: bytes, properties: DocumentProperties | None,
               find: FontFinder | None = None, source: bytes | None = None) -> bytes:
    """``data`` (LibreOffice's PDF of a manual) with its fonts' /ToUnicode rebuilt from their
    glyphs (when ``find`` finds the fonts it was made with, :mod:`khumue.pdf.fonts`),
    ActualText on its Thai text runs and,
    when ``properties`` is given, title, author (the office, ``properties.company``),
    subject, keywords and language set (both XMP and /Info), and the viewer told to show the
    title; with ``source`` (the DOCX it was printed from) carrying that file, PDF/A-3b
    (:mod:`khumue.pdf.source`).  A PDF that cannot be read is returned as it is."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError:
        return data
    with pdf:
        fix_text(pdf, find)
        if properties is not None:
            set_metadata(pdf, title=properties.title, author=properties.company,
                         subject=properties.subject, language=properties.language,
                         keywords=properties.keywords)
        if source is not None:
            embed_source(pdf, source)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def fix_text(pdf: pikepdf.Pdf, find: FontFinder | None) -> None:
    """The text layer of ``pdf`` (open, changed in place) made right: every font ``find``
    finds gets its /ToUnicode from its glyphs (:mod:`khumue.pdf.fonts`), its marks drawn in
    reading order (:mod:`khumue.pdf.marks`), and every Thai run its ActualText
    (:mod:`khumue.pdf.text`); each page's content is parsed once and written once."""
    fixed = fix_fonts(pdf, find) if find is not None else {}
    texts = {objgen: font.texts for objgen, font in fixed.items()}
    for page in pdf.pages:
        content = PageContent(pdf, page)
        fonts = {key: fixed[f.objgen] for key, f in content.fonts().items() if f.objgen in fixed}
        fix_marks(content, fonts)
        add_actual_text(content, font_maps(content, texts),
                        drop_given=bool(fixed) and len(fonts) == len(content.fonts()))
        content.write()


def set_metadata(pdf: pikepdf.Pdf, *, title: str, author: str, subject: str,
                 language: str = "th-TH", keywords: str = "") -> None:
    """Set the metadata of ``pdf`` (open, changed in place): XMP dc:title, dc:creator,
    dc:description, dc:language, pdf:Keywords and the matching /Info entries, the catalog's
    /Lang (ISO 32000-1 §14.9.2) and /ViewerPreferences /DisplayDocTitle."""
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = title
        meta["dc:creator"] = [author]
        meta["dc:description"] = subject
        meta["dc:language"] = [language]
        if keywords:
            meta["pdf:Keywords"] = keywords
    pdf.Root.Lang = pikepdf.String(language)
    preferences = pdf.Root.get("/ViewerPreferences")
    if not isinstance(preferences, pikepdf.Dictionary):
        preferences = pikepdf.Dictionary()
        pdf.Root.ViewerPreferences = preferences
    preferences.DisplayDocTitle = True
