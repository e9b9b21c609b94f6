"""The manual's Word file carried inside its PDF, so that the PDF comes back losslessly.

An office often keeps only the PDF it published.  Each PDF we make carries the DOCX it was
printed from as an associated file of the document (ISO 19005-3 §6.8, PDF/A-3: a file
specification in the catalog's /AF array, /AFRelationship /Source, its embedded file stream
with its MIME type as /Subtype and /Params /ModDate).  A PDF/A-2 file may embed only PDF/A
files, so a PDF that carries its source says PDF/A-3b in its XMP identification
(pdfaid:part 3); the pages, the text layer and the tags are as before.  Importing such a PDF
is importing the DOCX it carries (:func:`embedded_source`).
"""

from __future__ import annotations

import io
import re
import zipfile

import pikepdf

SOURCE_NAME = "manual.docx"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_DESCRIPTION = "คู่มือฉบับ Word ที่ใช้พิมพ์ไฟล์ PDF นี้ (นำเข้าได้ด้วย khumue import)"


def embed_source(pdf: pikepdf.Pdf, docx: bytes) -> None:
    """Attach ``docx`` to ``pdf`` (open, changed in place) as its source: an embedded file
    named :data:`SOURCE_NAME` in the names tree and in the catalog's /AF with
    /AFRelationship /Source, and the XMP identification made PDF/A-3b.  The modification
    date is the DOCX's own (docProps/core.xml dcterms:modified), so the same DOCX gives the
    same PDF bytes."""
    modified = _modified(docx)
    spec = pikepdf.AttachedFileSpec(pdf, docx, description=_DESCRIPTION, filename=SOURCE_NAME,
                                    mime_type=DOCX_MIME, mod_date=modified,
                                    relationship=pikepdf.Name.Source)
    pdf.attachments[SOURCE_NAME] = spec
    spec_object = pdf.Root.Names.EmbeddedFiles.Names[-1]
    pdf.Root.AF = pikepdf.Array([spec_object])
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["pdfaid:part"] = "3"
        meta["pdfaid:conformance"] = "B"


def embedded_source(data: bytes) -> bytes | None:
    """The DOCX a PDF of ours carries (:func:`embed_source`), or None: a PDF from anyone
    else, or one whose attachment is not a Word file.  Raises pikepdf.PdfError for a file
    that is not a readable PDF (pikepdf.PasswordError for one locked with a password)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        spec = pdf.attachments.get(SOURCE_NAME)
        if spec is None:
            return None
        docx = spec.get_file().read_bytes()
    return docx if docx[:2] == b"PK" else None


def _modified(docx: bytes) -> str:
    """The DOCX's dcterms:modified as a PDF date (D:YYYYMMDDHHmmSSZ); a fixed date when it
    has none."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            core = package.read("docProps/core.xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile):
        core = ""
    found = re.search(r"<dcterms:modified[^>]*>(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)", core)
    return "D:" + ("".join(found.groups()) if found else "20000101000000") + "Z"
