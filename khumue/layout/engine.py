"""Layout engines: what lays a rendered manual out into pages, so that its table of contents
gets real page numbers and, when asked, a PDF.

:class:`LibreOfficeLayout` uses one headless LibreOffice for a whole build
(:mod:`khumue.layout.libreoffice`); :class:`NoLayout` is the engine of a machine without it: the
DOCX is written as rendered and Word fills the page numbers when it updates fields.  The build is
given an engine (:func:`engine_for` picks the best one here) and uses it as a context manager.
"""

from __future__ import annotations

import atexit
import multiprocessing
import shutil
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Protocol

from docx.shared import Twips

from khumue.layout.libreoffice import (
    INSTALL_HINT,
    LibreOfficeFailed,
    LibreOfficeProcess,
    LibreOfficeUnavailable,
    libreoffice_available,
)
from khumue.pdf.doc import finish_pdf
from khumue.pdf.fonts import fontconfig_finder
from khumue.pdf.pages import destination_pages, pdf_page
from khumue.typeset.doctree import DocumentProperties, ManualDoc, Matter, PageNumberFormat
from khumue.typeset.metrics import text_width
from khumue.typeset.pagination import displayed_pages
from khumue.wordml.styles import BODY_PT, TEXT_WIDTH_TWIPS

Render = Callable[[Mapping[str, str] | None], bytes]  # TOC page numbers → DOCX bytes
MAX_ROUNDS = 3  # a page number can move a TOC line, so lay out again, at most this often


@dataclass(frozen=True)
class LaidOut:
    """A manual after layout: the final DOCX, its PDF when asked for, the printed page number
    of each table-of-contents bookmark when known, and the physical page (1 = the cover) it
    stands on: in the PDF when there is one (LibreOffice's own count includes blank pages its
    PDF leaves out, :mod:`khumue.pdf.pages`)."""

    docx: bytes
    pdf: bytes | None = None
    toc_pages: Mapping[str, str] | None = None
    warning: str | None = None  # what went wrong with the layout, when the DOCX is without it
    physical_pages: Mapping[str, int] | None = None


@dataclass(frozen=True)
class MarkedPdf:
    """A tracked-changes document as LibreOffice prints it (change bars, struck and
    underlined words), the pages (from 1) that carry changes and the page of each
    table-of-contents bookmark, in the PDF."""

    pdf: bytes
    pages: tuple[int, ...]
    bookmark_pages: Mapping[str, int]


class LayoutEngine(Protocol):
    """Lays out manuals; ``note`` says, when not None, what the engine cannot do here."""

    note: str | None

    def lay_out(self, name: str, manual: ManualDoc, render: Render, pdf: bool) -> LaidOut:
        """Render ``manual`` (``name``: a file stem, e.g. the staff id) with its TOC page
        numbers; with ``pdf``, also its PDF."""
        ...

    def marked_pdf(self, name: str, docx: bytes, thai_numbers: bool,
                   bookmarks: Sequence[str] = (),
                   properties: DocumentProperties | None = None) -> MarkedPdf | None:
        """The PDF of a tracked-changes DOCX as printed, with the pages that carry changes
        (``bookmarks`` are its table-of-contents headings'; ``properties`` its metadata), or
        None when this engine makes no PDFs."""
        ...

    def __enter__(self) -> LayoutEngine: ...

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None: ...


class NoLayout:
    """No layout: the DOCX as rendered, its TOC numbers left to Word's field update."""

    def __init__(self, note: str | None = None):
        self.note = note

    def lay_out(self, name: str, manual: ManualDoc, render: Render, pdf: bool) -> LaidOut:
        if pdf:
            raise LibreOfficeUnavailable(self.note or f"ต้องมี LibreOffice {INSTALL_HINT}")
        return LaidOut(render(None))

    def marked_pdf(self, name: str, docx: bytes, thai_numbers: bool,
                   bookmarks: Sequence[str] = (),
                   properties: DocumentProperties | None = None) -> MarkedPdf | None:
        return None

    def __enter__(self) -> NoLayout:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class LibreOfficeLayout:
    """One headless LibreOffice for the build.  Raises LibreOfficeUnavailable when it,
    its UNO bridge or the layout font is missing, LibreOfficeFailed when it cannot start."""

    def __init__(self, process: LibreOfficeProcess | None = None) -> None:
        self.note: str | None = None
        self.process = process or LibreOfficeProcess()
        self.scratch = Path(tempfile.mkdtemp(prefix="khumue-"))
        self.failed: str | None = None

    def lay_out(self, name: str, manual: ManualDoc, render: Render, pdf: bool) -> LaidOut:
        """Lay the manual out, write the printed page of every listed heading into its TOC,
        and lay it out again until the numbers hold (at most :data:`MAX_ROUNDS` rounds).

        When LibreOffice fails (stops answering, crashes), the DOCX is rendered without page
        numbers and the failure is said in ``warning`` (and for the rest of the build); with
        ``pdf`` it is an error (LibreOfficeFailed), since the PDF was asked for."""
        if self.failed is not None:
            if pdf:
                raise LibreOfficeFailed(self.failed)
            return LaidOut(render(None), warning=None)
        try:
            return self._lay_out(name, manual, render, pdf)
        except LibreOfficeFailed as exc:
            self.failed = str(exc)
            self.process.close()
            if pdf:
                raise
            return LaidOut(render(None), warning=f"{exc}: เขียน {name}.docx โดยไม่มีเลขหน้าใน"
                                                  "สารบัญ (Word เติมให้เมื่อเปิดไฟล์)")

    def _lay_out(self, name: str, manual: ManualDoc, render: Render, pdf: bool) -> LaidOut:
        names = manual.bookmarks(Matter.front) + manual.bookmarks(Matter.body)
        docx = self.scratch / f"{name}.docx"
        pdf_path = docx.with_suffix(".pdf") if pdf else None
        native = manual.numbering.body is PageNumberFormat.thai_numbers
        data = render(None)
        docx.write_bytes(data)
        first = self.process.layout(docx, names)
        pages = displayed_pages(first.pages, manual)
        if not pdf and toc_has_room(manual):
            # the numbers cannot move a TOC line, so no page moves: no second layout
            return LaidOut(render(pages), None, pages, physical_pages=first.pages)
        for _ in range(MAX_ROUNDS):
            data = render(pages)
            docx.write_bytes(data)
            layout = self.process.layout(docx, names, pdf_path, native_digits=native)
            again = displayed_pages(layout.pages, manual)
            if again == pages:
                break
            pages = again
        pdf_data = self._finish(pdf_path.read_bytes(), manual.properties, data) \
            if pdf_path else None
        physical = layout.pages
        if pdf_data is not None:
            found = destination_pages(pdf_data, names)
            physical = {n: found.get(n, pdf_page(p, layout.pages, found))
                        for n, p in layout.pages.items()}
        return LaidOut(data, pdf_data, pages, physical_pages=physical)

    def _finish(self, raw: bytes, properties: DocumentProperties | None,
                source: bytes | None = None) -> bytes:
        """LibreOffice's PDF finished (:func:`finish_pdf_with_fonts`), carrying ``source``
        (the DOCX it was printed from) when given, in another process: pure Python work
        that would hold the GIL."""
        try:
            return _finisher().submit(finish_pdf_with_fonts, raw, properties,
                                      self.process.fonts_conf, source).result()
        except (OSError, RuntimeError):  # the worker could not start or died: here, then
            return finish_pdf_with_fonts(raw, properties, self.process.fonts_conf, source)

    def marked_pdf(self, name: str, docx: bytes, thai_numbers: bool,
                   bookmarks: Sequence[str] = (),
                   properties: DocumentProperties | None = None) -> MarkedPdf | None:
        """The tracked-changes DOCX ``docx`` exported as LibreOffice prints it (finished as
        a manual's PDF is, with ``properties``), with the pages of the PDF that carry changes
        (``bookmarks``, the table-of-contents headings', place them:
        :func:`~khumue.pdf.pages.pdf_page`); None when LibreOffice has failed in this build
        (or fails now: the changes file is still written)."""
        if self.failed is not None:
            return None
        path = self.scratch / f"{name}-changes.docx"
        path.write_bytes(docx)
        pdf = path.with_suffix(".pdf")
        try:
            layout = self.process.layout(path, list(bookmarks), pdf,
                                         native_digits=thai_numbers, redlines=True)
        except LibreOfficeFailed as exc:
            self.failed = str(exc)
            self.process.close()
            return None
        data = self._finish(pdf.read_bytes(), properties)
        found = destination_pages(data, bookmarks)
        return MarkedPdf(data, tuple(sorted({pdf_page(p, layout.pages, found)
                                             for p in layout.redline_pages})), found)

    def close(self) -> None:
        self.process.close()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def __enter__(self) -> LibreOfficeLayout:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def finish_pdf_with_fonts(data: bytes, properties: DocumentProperties | None,
                          fonts_conf: Path | None, source: bytes | None = None) -> bytes:
    """:func:`khumue.pdf.doc.finish_pdf` with the fonts LibreOffice laid out with (found
    through ``fonts_conf``); a top-level function, so a worker process can run it."""
    return finish_pdf(data, properties, fontconfig_finder(fonts_conf), source)


_FINISHER: list[ProcessPoolExecutor] = []
_FINISHER_LOCK = threading.Lock()


def _finisher() -> ProcessPoolExecutor:
    """One worker process for the whole build that finishes PDFs (started on first use,
    with "spawn": the build has threads, which fork does not copy safely)."""
    with _FINISHER_LOCK:
        if not _FINISHER:
            _FINISHER.append(ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")))
            atexit.register(_FINISHER[0].shutdown, cancel_futures=True)
        return _FINISHER[0]


TOC_NUMBER_PT = 30.0  # room for a page number of three digits and the dot leader's start


def toc_has_room(manual: ManualDoc) -> bool:
    """True when every table-of-contents line keeps room for its page number, so writing the
    numbers in cannot wrap a line (and move the pages after it)."""
    width = Twips(TEXT_WIDTH_TWIPS).pt * 0.95
    return all(text_width(entry.text, BODY_PT) + TOC_NUMBER_PT <= width
               for entry in manual.contents)


def engine_for(pdf: bool) -> LayoutEngine:
    """The best engine here: LibreOffice when it is installed (required when ``pdf``: raises
    LibreOfficeUnavailable saying how to install it), else :class:`NoLayout` with a note."""
    missing = libreoffice_available()
    if missing and not pdf:
        return NoLayout("no LibreOffice: the table of contents gets its page numbers when Word "
                        "updates fields; for page numbers and PDFs run "
                        "bash tools/install-system-packages.sh")
    try:
        return LibreOfficeLayout()
    except LibreOfficeFailed as exc:
        if pdf:
            raise
        return NoLayout(f"{exc}: the manuals are written without page numbers in their "
                        "tables of contents (Word fills them in on opening)")
