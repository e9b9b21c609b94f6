"""PDFs made the way offices make them, for import tests: printed by LibreOffice from a Word
file (a real producer, ``soffice --convert-to pdf``); the same with the damage copy-paste
shows in PDFs of the offices' websites, every sara am of its text layer reading as a space
and sara aa; and a scan: pages that are only pictures."""

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


def scanned_pdf(pdf: Path, out: Path) -> Path:
    """``pdf``'s pages as pictures only (150 dpi, no text layer): a scan."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    images = [page.render(scale=150 / 72).to_pil().convert("RGB") for page in document]
    document.close()
    images[0].save(out, save_all=True, append_images=images[1:], resolution=150)
    return out
