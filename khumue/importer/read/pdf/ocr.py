"""A scan read by OCR: OCRmyPDF, with Tesseract's Thai and English models, deskewing each
page and turning it upright, one page per core.

What comes back is the scan with a text layer (the deskewed page images, each OCR'd cluster
drawn invisibly over its letters, as OCRmyPDF's renderer draws it) and Tesseract's own text
of each page (the "sidecar"), which knows where Tesseract put a space between Thai words;
the text layer only puts one after every cluster.  :mod:`.scanread` reads the two together.

Tesseract and its Thai model are Debian packages (``tesseract-ocr``, ``tesseract-ocr-tha``,
installed by ``tools/install-system-packages.sh``); OCRmyPDF is a pip package.  Without
them :func:`missing` says what to install, in Thai.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pluggy

LANGUAGES = ("tha", "eng")
PACKAGES = "tesseract-ocr tesseract-ocr-tha"
hookimpl = pluggy.HookimplMarker("ocrmypdf")

PageProgress = Callable[[int, int], None]  # (pages done, pages in all)
_progress: PageProgress | None = None  # the callback of the OCR running now, if any


@dataclass(frozen=True)
class Recognised:
    """A scan as OCR read it: the PDF with its text layer, and Tesseract's text of each page
    (one string a page, lines ended by newlines, words apart by spaces)."""

    pdf: bytes
    pages: list[str]


def missing() -> str | None:
    """What this machine lacks to read a scan, as a Thai sentence for the clerk (naming the
    Debian packages to install), or None when OCR can run."""
    try:
        import ocrmypdf  # noqa: F401
    except ImportError:
        return "ยังไม่ได้ติดตั้งโปรแกรมอ่านภาพสแกน (OCRmyPDF): สั่ง pip install ocrmypdf"
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        return f"ยังไม่ได้ติดตั้งโปรแกรม Tesseract: ติดตั้งแพ็กเกจ {PACKAGES}"
    try:
        listed = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True,
                                timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return f"เรียกโปรแกรม Tesseract ไม่ได้: ติดตั้งแพ็กเกจ {PACKAGES} ใหม่"
    lacking = [lang for lang in LANGUAGES if lang not in listed]
    if lacking:
        return ("Tesseract ยังไม่มีแบบอ่านภาษา " + ", ".join(lacking)
                + f": ติดตั้งแพ็กเกจ {PACKAGES}")
    return None


def recognise(data: bytes, progress: PageProgress | None = None) -> Recognised:
    """OCR every page of the PDF ``data`` (pictures of pages): deskewed, turned upright
    when Tesseract is sure it is on its side, at the resolution of its images.  Pages run in
    parallel, one per core; ``progress`` hears (pages done, pages in all) as they finish.
    Raises RuntimeError (with OCRmyPDF's reason) when OCR fails; call :func:`missing` first."""
    import ocrmypdf

    global _progress
    with tempfile.TemporaryDirectory(prefix="khumue-ocr-") as scratch:
        folder = Path(scratch)
        source, out, sidecar = folder / "scan.pdf", folder / "ocr.pdf", folder / "text.txt"
        source.write_bytes(data)
        _progress = progress
        streams = sys.stdout, sys.stderr  # OCRmyPDF's API swaps sys.stderr and leaves it so
        quiet = logging.getLogger("ocrmypdf")
        level = quiet.level
        quiet.setLevel(logging.ERROR)  # its warnings ("lots of diacritics") are not the clerk's
        try:
            code = ocrmypdf.ocr(
                source, out, language=list(LANGUAGES), deskew=True, rotate_pages=True,
                force_ocr=True, sidecar=sidecar, output_type="pdf", optimize=0,
                progress_bar=False, jobs=os.cpu_count() or 1,
                plugins=[__name__])
        except Exception as exc:  # OCRmyPDF raises its own exceptions, many kinds
            raise RuntimeError(f"{type(exc).__name__}: {exc}") from None
        finally:
            _progress = None
            sys.stdout, sys.stderr = streams
            quiet.setLevel(level)
        if int(code) != 0:
            raise RuntimeError(f"OCRmyPDF exit code {int(code)}")
        pages = sidecar.read_text(encoding="utf-8").split("\f")
        return Recognised(out.read_bytes(), pages)


class _PageBar:
    """OCRmyPDF's progress bar protocol (``ocrmypdf.pluginspec.ProgressBar``), passing the
    pages OCR'd so far to the callback of the OCR running now."""

    def __init__(self, *, total: float | None = None, desc: str | None = None,
                 **_: Any) -> None:
        self.total = int(total or 0)
        self.ocr = desc == "OCR"
        self.done = 0.0
        self.told = -1

    def __enter__(self) -> _PageBar:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def update(self, n: float = 1, *, completed: float | None = None) -> None:
        self.done = completed if completed is not None else self.done + n
        pages = int(self.done + 1e-6)
        if self.ocr and _progress is not None and pages != self.told:
            self.told = pages
            _progress(pages, self.total)


@hookimpl
def get_progressbar_class() -> type[_PageBar]:
    """OCRmyPDF's plugin hook: the progress bar to use (:class:`_PageBar`)."""
    return _PageBar
