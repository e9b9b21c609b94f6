"""A scan read by OCR: OCRmyPDF, with Tesseract's Thai and English models, deskewing each
page, one page per core; a page that does not read as Thai is read again turned upright
(Tesseract's orientation detection costs a quarter of the time: it runs only there).

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
import re
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
    """OCR every page of the PDF ``data`` (pictures of pages): deskewed, at the resolution
    of its images; a page that does not read as Thai upright (:func:`reads_upright`) is
    read again turned the way Tesseract's orientation detection says (a landscape page
    scanned on its side).  Pages run in parallel, one per core; ``progress`` hears (pages
    done, pages in all) as they finish, the pages read again counted on top.  Raises
    RuntimeError (with OCRmyPDF's reason) when OCR fails; call :func:`missing` first."""
    import pikepdf

    with tempfile.TemporaryDirectory(prefix="khumue-ocr-") as scratch:
        folder = Path(scratch)
        source = folder / "scan.pdf"
        source.write_bytes(data)
        pdf, pages = _ocrmypdf(source, folder / "first", progress, rotate=False)
        with pikepdf.open(pdf) as first:
            count = len(first.pages)
        pages = [*pages[:count], *[""] * (count - len(pages))]  # one text a page
        again = [i for i, text in enumerate(pages) if not reads_upright(text)]
        if not again:
            return Recognised(pdf.read_bytes(), pages)
        done = count

        def more(finished: int, total: int) -> None:  # OCRmyPDF counts the pages skipped too
            if progress is not None:
                progress(done + round(finished * len(again) / max(total, 1)), done + len(again))

        turned, turned_pages = _ocrmypdf(source, folder / "again", more, rotate=True,
                                         pages=again)
        with pikepdf.open(pdf) as first, pikepdf.open(turned) as second:
            for index in again:
                first.pages[index] = second.pages[index]
                pages[index] = turned_pages[index] if index < len(turned_pages) else ""
            out = folder / "merged.pdf"
            first.save(out)
        return Recognised(out.read_bytes(), pages)


def read_cell(png: bytes) -> str:
    """Tesseract's text of one table cell's picture (PNG bytes), read as a block of lines
    (``--psm 6``), "" when Tesseract cannot run or reads nothing.  For the short texts a
    page's reading misses, alone in a wide cell ("3." in the ลำดับ column)."""
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        return ""
    try:
        done = subprocess.run([tesseract, "stdin", "stdout", "--psm", "6", "-l",
                               "+".join(LANGUAGES)], input=png, capture_output=True,
                              timeout=60, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.decode("utf-8", "replace").strip() if done.returncode == 0 else ""


UPRIGHT_SHARE = 0.5  # of a page's Thai letters, in dictionary words: it was read upright


def reads_upright(text: str) -> bool:
    """True when Tesseract's ``text`` of a page reads as Thai read upright: at least half
    of its Thai letters in dictionary words of three letters or more (the seeds' scans:
    0.83 to 0.93 a page; a page read on its side, 0.20, Tesseract making Thai-looking
    strings of its lines).  A page with no Thai (blank, a picture) is read again too."""
    from khumue.typeset.thaiwords import thai_words

    words = thai_words()
    pieces = [t for t in words.tokens(text) if _THAI.fullmatch(t)]
    letters = sum(len(t) for t in pieces)
    known = sum(len(t) for t in pieces if len(t) >= 3 and words.is_word(t))
    return letters > 0 and known >= UPRIGHT_SHARE * letters


_THAI = re.compile("[\u0e01-\u0e5b]+")


def _ocrmypdf(source: Path, stem: Path, progress: PageProgress | None, rotate: bool,
              pages: list[int] | None = None) -> tuple[Path, list[str]]:
    """Run OCRmyPDF on ``source`` (only its ``pages``, 0-based, if given): the PDF it
    writes and Tesseract's text of each page."""
    import ocrmypdf

    global _progress
    out, sidecar = stem.with_suffix(".pdf"), stem.with_suffix(".txt")
    _progress = progress
    streams = sys.stdout, sys.stderr  # OCRmyPDF's API swaps sys.stderr and leaves it so
    quiet = logging.getLogger("ocrmypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # its warnings ("lots of diacritics") are not the clerk's
    chosen = None if pages is None else ",".join(str(i + 1) for i in pages)
    try:
        code = ocrmypdf.ocr(
            source, out, language=list(LANGUAGES), deskew=True, rotate_pages=rotate,
            force_ocr=True, sidecar=sidecar, output_type="pdf", optimize=0,
            progress_bar=False, jobs=os.cpu_count() or 1, plugins=[__name__], pages=chosen)
    except Exception as exc:  # OCRmyPDF raises its own exceptions, many kinds
        raise RuntimeError(f"{type(exc).__name__}: {exc}") from None
    finally:
        _progress = None
        sys.stdout, sys.stderr = streams
        quiet.setLevel(level)
    if int(code) != 0:
        raise RuntimeError(f"OCRmyPDF exit code {int(code)}")
    return out, sidecar.read_text(encoding="utf-8").split("\f")


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
