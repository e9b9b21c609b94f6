"""A manual that comes as a PDF: ours from the Word file it carries (lossless), anyone
else's from its text layer (:mod:`.layer`), through the same recogniser as a manual typed in
Word, its Thai text repaired.

A PDF with no text layer (a scan) is read by OCR (:mod:`.ocr`, :mod:`.scanread`), then as
any other; without Tesseract it is refused with a Thai message naming what to install.  One
locked with a password and one that cannot be read are refused with a Thai message that
says which.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium

from khumue.content.templates import TemplateFolders
from khumue.errors import ImportFailed
from khumue.importer.read.handtyped import import_handtyped
from khumue.importer.read.notes import Note, NoteKind
from khumue.importer.read.result import Imported, ReadAs
from khumue.pdf.source import embedded_source

PageProgress = Callable[[int, int], None]  # (pages OCR'd, pages in all)

MAX_PDF_BYTES = 100 * 1024 * 1024  # a manual's PDF, scanned pages included, is well under
SCAN_CHARACTERS = 40  # fewer characters than this in the whole text layer: a scan


def import_pdf(path: Path, templates: TemplateFolders, words: tuple[str, ...] = (),
               pages: PageProgress | None = None, **options: object) -> Imported:
    """Import the PDF manual at ``path``: one of ours as the DOCX it carries
    (:func:`khumue.importer.read.import_docx` with ``options``), any other from its text
    layer, a scan by OCR (``pages`` hears its progress).  Raises ImportFailed (in Thai,
    naming the file) for a scan on a machine without OCR, a locked or broken PDF, or one
    that holds no manual."""
    data = _bytes(path)
    try:
        source = embedded_source(data)
    except pikepdf.PasswordError:
        raise ImportFailed(f"{path}: ไฟล์ PDF นี้ตั้งรหัสผ่านไว้ จึงเปิดอ่านไม่ได้: เปิดด้วยรหัสผ่าน"
                           "แล้วพิมพ์เป็น PDF ใหม่ที่ไม่มีรหัสผ่าน หรือใช้ไฟล์ Word") from None
    except pikepdf.PdfError:
        raise ImportFailed(f"{path}: ไฟล์ PDF นี้เสียหาย เปิดอ่านไม่ได้: ขอไฟล์ใหม่จากผู้จัดทำ "
                           "หรือใช้ไฟล์ Word") from None
    if source is not None:
        return _own(path, source, templates, options)
    from khumue.importer.read.pdf.layer import read_layer

    try:
        layer = read_layer(data)
    except pdfium.PdfiumError:
        raise ImportFailed(f"{path}: ไฟล์ PDF นี้เสียหาย เปิดอ่านไม่ได้") from None
    if layer.characters < SCAN_CHARACTERS:
        return _scan(path, data, layer.pages, words, pages)
    imported = import_handtyped(layer.document, path, words)
    imported.read_as = ReadAs.pdf
    return imported


def _scan(path: Path, data: bytes, count: int, words: tuple[str, ...],
          pages: PageProgress | None) -> Imported:
    """A scan (pictures of pages, no text) read by OCR, then as any PDF."""
    from khumue.importer.read.pdf import ocr
    from khumue.importer.read.pdf.layer import read_layer

    lacking = ocr.missing()
    if lacking:
        raise ImportFailed(
            f"{path}: ไฟล์ PDF นี้เป็นภาพสแกน ({count} หน้า) ไม่มีข้อความ ต้องอ่านด้วย OCR แต่"
            f"{lacking} แล้วนำเข้าใหม่ หรือใช้ไฟล์ Word ของคู่มือ")
    try:
        recognised = ocr.recognise(data, pages)
    except RuntimeError as exc:
        raise ImportFailed(f"{path}: อ่านภาพสแกนด้วย OCR ไม่สำเร็จ ({exc}): ใช้ไฟล์ Word "
                           "ของคู่มือ หรือสแกนใหม่ให้ชัดขึ้น") from None
    layer = read_layer(recognised.pdf, recognised.pages)
    if layer.characters < SCAN_CHARACTERS:
        raise ImportFailed(f"{path}: อ่านภาพสแกนด้วย OCR แล้วไม่พบข้อความ ({count} หน้า): "
                           "สแกนใหม่ให้ชัดขึ้น หรือใช้ไฟล์ Word ของคู่มือ")
    imported = import_handtyped(layer.document, path, words, ocr=True)
    imported.read_as = ReadAs.scan
    imported.notes.insert(0, Note((), f"อ่านจากภาพสแกน {count} หน้า ด้วย OCR: ตรวจทานข้อความ"
                                      "กับต้นฉบับทุกหน้า โดยเฉพาะวรรณยุกต์และตัวเลข",
                                  NoteKind.info))
    return imported


def _own(path: Path, source: bytes, templates: TemplateFolders,
         options: dict[str, object]) -> Imported:
    from khumue.importer.read import import_docx

    with tempfile.TemporaryDirectory(prefix="khumue-pdf-") as scratch:
        docx = Path(scratch) / (path.stem + ".docx")
        docx.write_bytes(source)
        try:
            imported = import_docx(docx, templates, **options)  # type: ignore[arg-type]
        except ImportFailed as exc:
            raise ImportFailed(str(exc).replace(str(docx), str(path))) from None
    imported.notes.insert(0, Note((), "อ่านจากไฟล์ Word ที่ฝังอยู่ในไฟล์ PDF นี้ (ไฟล์ PDF ที่โปรแกรม"
                                      "นี้สร้าง): ได้เนื้อหาครบเหมือนนำเข้าไฟล์ Word",
                                  NoteKind.info))
    return imported


def _bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFailed(f"{path}: เปิดไฟล์ไม่ได้ ({exc.strerror})") from None
    if size > MAX_PDF_BYTES:
        raise ImportFailed(f"{path}: ไฟล์ PDF ใหญ่เกิน {MAX_PDF_BYTES // 2**20} MB "
                           f"({size / 2**20:.0f} MB) จึงไม่ได้นำเข้า")
    return path.read_bytes()
