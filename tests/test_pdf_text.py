"""The PDF text layer made right after LibreOffice's export (khumue.pdf.fonts, khumue.pdf.text):
what was wrong in LibreOffice's own PDF, that it reads right afterwards, and that not one
pixel of any page moved."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from khumue.layout.libreoffice import LibreOfficeProcess
from khumue.pdf.doc import finish_pdf
from khumue.pdf.fonts import fontconfig_finder
from khumue.typeset.wordjoin import LAYOUT_MARKS, plain
from tests.conftest import needs_office

pytestmark = needs_office


@pytest.fixture(scope="module")
def raw_and_finished(built, tmp_path_factory) -> tuple[Path, Path]:
    """sakonnakhon2's manual as LibreOffice exports it, and after finish_pdf."""
    folder = tmp_path_factory.mktemp("pdftext")
    raw = folder / "raw.pdf"
    with LibreOfficeProcess() as office:
        office.layout(built["sakonnakhon2"], [], raw)
        finder = fontconfig_finder(office.fonts_conf)
    finished = folder / "finished.pdf"
    finished.write_bytes(finish_pdf(raw.read_bytes(), None, finder))
    return raw, finished


def pypdf_text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)


def test_libreoffice_pdf_reads_wrong_and_ours_right(raw_and_finished):
    raw, finished = raw_and_finished
    # (LibreOffice's text also keeps our zero-width break controls: not what is tested here)
    before, after = plain(pypdf_text(raw)), pypdf_text(finished)
    assert not any(c in after for c in LAYOUT_MARKS)  # ours reads the words as typed
    # LibreOffice's /ToUnicode: sara am as two letters, a lowered mai ek read as sara uu
    assert "สำานักงาน" in before and "สำนักงาน" not in before
    assert "สูงเสริม" in before
    for word in ("สำนักงานเขตพื้นที่การศึกษา", "ส่งเสริม", "กลุ่มงาน", "กระบวนการเรียนรู้",
                 "ผลสำเร็จที่คาดหวัง", "การดำเนินงาน", "ผู้บริหาร"):
        assert word in after, word
    assert "สำา" not in after and "สูงเสริม" not in after


def test_every_font_reads_each_glyph_as_its_letter(raw_and_finished):
    _, finished = raw_and_finished
    with pikepdf.open(finished) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                cmap = font.ToUnicode.read_bytes().decode()
                assert "<0E33>" in cmap  # sara am, through its own code
                assert "<0E4D>" not in cmap  # nikhahit reads as nothing (sara aa after it)
                assert "<F7" not in cmap  # no private-use code points


def test_not_a_pixel_moves(raw_and_finished, tmp_path: Path):
    raw, finished = raw_and_finished
    for name, pdf in (("a", raw), ("b", finished)):
        subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(tmp_path / name)],
                       check=True)
    before = sorted(tmp_path.glob("a-*.png"))
    assert len(before) >= 10
    for image in before:
        other = image.with_name("b" + image.name[1:])
        difference = ImageChops.difference(Image.open(image).convert("L"),
                                           Image.open(other).convert("L"))
        assert difference.getbbox() is None, image.name
