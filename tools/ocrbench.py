"""How long a scan's import takes beside Tesseract's own time on the same pages.

    python tools/ocrbench.py [manual.pdf]     # default: phayao2's manual, built here

The manual's PDF is scanned as a scanner gives it back (``scan_of`` in tests/pdfmake.py:
200 dpi grey JPEG pages, turned half a degree, specks), then timed two ways, on all cores
both: Tesseract alone (``tesseract page.png - -l tha+eng``, one single-threaded process
per page image, as many at once as there are cores: the least any OCR of these pages
costs) and the import (``import_pdf``: OCRmyPDF, reading, recognising, repairing).
Target: the import within 1.5x Tesseract's time.  tools/bench.py prints the same line.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def tesseract_seconds(scan: Path, folder: Path) -> float:
    """Seconds Tesseract takes on the page images of ``scan``, one process per page, as many
    at once as there are cores (the images taken out beforehand, not timed)."""
    import pikepdf

    images = []
    with pikepdf.open(scan) as document:
        for number, page in enumerate(document.pages):
            [picture] = page.get_images().values()
            image = pikepdf.PdfImage(picture).as_pil_image()
            path = folder / f"page{number}.png"
            image.save(path, dpi=(200, 200))
            images.append(path)
    one_thread = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one page a core, as OCRmyPDF runs
    start = time.perf_counter()
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        list(pool.map(lambda p: subprocess.run(["tesseract", str(p), "-", "-l", "tha+eng"],
                                               check=True, capture_output=True,
                                               env=one_thread), images))
    return time.perf_counter() - start


def import_seconds(scan: Path) -> float:
    """Seconds the import of ``scan`` takes (OCR and all)."""
    from khumue.content.templates import TemplateFolders
    from khumue.importer.read.pdf import import_pdf

    start = time.perf_counter()
    import_pdf(scan, TemplateFolders((ROOT / "templates" / "default",)))
    return time.perf_counter() - start


def measure(pdf: Path) -> tuple[int, float, float]:
    """(pages, Tesseract's seconds, the import's seconds) for a scan of ``pdf``."""
    from tests.pdfmake import scan_of

    with tempfile.TemporaryDirectory(prefix="khumue-ocrbench-") as scratch:
        folder = Path(scratch)
        scan = scan_of(pdf, folder / "scan.pdf")
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(str(scan)))
        tesseract = tesseract_seconds(scan, folder)
        return pages, tesseract, import_seconds(scan)


def line(pdf: Path) -> str:
    """The benchmark's line for a scan of ``pdf``."""
    pages, tesseract, imported = measure(pdf)
    return (f"  scan import (OCR)      : {imported:6.1f} s for {pages} pages, Tesseract alone "
            f"{tesseract:.1f} s: {imported / tesseract:.2f}x   target <= 1.5x")


def _phayao2_pdf(folder: Path) -> Path:
    from khumue.build.office import Paths, build_office

    [built] = build_office("phayao2", paths=Paths(out=folder), year=2570, pdf=True)
    return built.path.with_suffix(".pdf")


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="khumue-ocrbench-") as scratch:
        pdf = Path(argv[0]) if argv else _phayao2_pdf(Path(scratch))
        print(line(pdf))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
