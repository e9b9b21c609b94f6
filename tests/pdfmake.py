"""PDFs made the way offices make them, for import tests: printed by LibreOffice from a Word
file (a real producer, ``soffice --convert-to pdf``); the same with the damage copy-paste
shows in PDFs of the offices' websites, every sara am of its text layer reading as a space
and sara aa; and scans: pages that are only pictures, clean or as a scanner gives them back
(grey JPEG, turned a little, specks)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path


def libreoffice_pdf(docx: Path, out: Path | None = None) -> Path:
    """``docx`` printed to PDF by LibreOffice (headless, a profile of its own); the PDF's
    path (``out``, or beside ``docx``)."""
    with tempfile.TemporaryDirectory(prefix="khumue-pdfmake-") as scratch:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{scratch}/profile",
                        "--headless", "--norestore", "--convert-to", "pdf", "--outdir", scratch,
                        str(docx)], check=True, capture_output=True, timeout=300)
        made = Path(scratch) / (docx.stem + ".pdf")
        target = out or docx.with_suffix(".pdf")
        shutil.move(str(made), target)
    return target


def damaged_sara_am(docx: Path, out: Path) -> Path:
    """The PDF LibreOffice prints from ``docx`` with every sara am of its text reading
    " า" (a space and sara aa), as copy-paste from many offices' PDFs reads it.  The damage
    is typed into a copy of the Word file before it is printed: pdfium (which the importer
    reads PDFs with) takes LibreOffice's Thai from the glyphs' own data, so an edited
    /ToUnicode does not reach it."""
    with tempfile.TemporaryDirectory(prefix="khumue-pdfmake-") as scratch:
        broken = Path(scratch) / (docx.stem + ".docx")
        with zipfile.ZipFile(docx) as source, zipfile.ZipFile(broken, "w",
                                                               zipfile.ZIP_DEFLATED) as copy:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename.startswith("word/") and item.filename.endswith(".xml"):
                    data = data.replace("ำ".encode(), " า".encode())
                copy.writestr(item, data)
        return libreoffice_pdf(broken, out)


def scan_of(pdf: Path, out: Path, dpi: int = 200, turn: float = 0.5, specks: int = 60,
            seed: int = 1, landscape: tuple[int, ...] = (),
            signature: tuple[int, float, float] | None = None) -> Path:
    """``pdf`` as a scanner gives it back: each page a grey JPEG picture at ``dpi``, turned
    by ``turn`` degrees (anticlockwise), with ``specks`` specks of dust, the pages whose
    index is in ``landscape`` turned on their side (a landscape page scanned upright), and
    with ``signature`` = (page index, x, y in pt from the top left) a signature signed in
    ink there, its loops across the line below.  The PDF is written by Pillow (a real
    producer of image PDFs)."""
    import random

    import pypdfium2
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    document = pypdfium2.PdfDocument(str(pdf))
    pages = []
    for index, page in enumerate(document):
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        if signature is not None and signature[0] == index:
            _sign(image, signature[1] * dpi / 72, signature[2] * dpi / 72, dpi)
        if index in landscape:
            image = image.rotate(90, expand=True)
        image = image.rotate(turn, resample=Image.Resampling.BICUBIC, fillcolor=255)
        draw = ImageDraw.Draw(image)
        for _ in range(specks):
            x, y, r = rng.randrange(image.width), rng.randrange(image.height), rng.choice((1, 2))
            draw.ellipse((x, y, x + r, y + r), fill=rng.randrange(0, 120))
        pages.append(image)
    document.close()
    pages[0].save(out, save_all=True, append_images=pages[1:], resolution=dpi, quality=80)
    return out


def _sign(image: object, x: float, y: float, dpi: int) -> None:
    """A signature in blue-black ink at (``x``, ``y``) px of ``image``: a few loops about
    1.5 inches wide and half an inch high, the pen 2 px wide."""
    import math

    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)  # type: ignore[arg-type]
    wide, high = 1.5 * dpi, 0.5 * dpi
    points = [(x + wide * t / 200 + high * 0.3 * math.sin(t / 9),
               y + high * 0.5 * math.sin(t / 7) * math.cos(t / 31))
              for t in range(201)]
    draw.line(points, fill=40, width=max(2, dpi // 100), joint="curve")


def scanned_pdf(pdf: Path, out: Path) -> Path:
    """``pdf``'s pages as pictures only (150 dpi, no text layer): a scan."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    images = [page.render(scale=150 / 72).to_pil().convert("RGB") for page in document]
    document.close()
    images[0].save(out, save_all=True, append_images=images[1:], resolution=150)
    return out
