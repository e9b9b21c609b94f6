from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from khumue.build.office import Paths, build_office
from khumue.layout.libreoffice import libreoffice_available

ROOT = Path(__file__).resolve().parent.parent
OFFICES = ("sisaket1", "phayao2", "phayao1", "sakonnakhon2", "phetchabun1")
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_FILES = {
    "sisaket1": "sisaket1-promotion-director.txt",
    "phayao2": "phayao2-promotion-director.txt",
    "phayao1": "phayao1-policy-analyst.txt",
    "sakonnakhon2": "sakonnakhon2-supervisor.txt",
    "phetchabun1": "phetchabun1-general-admin.txt",
}


HAVE_OFFICE = libreoffice_available() is None
# Tests that need LibreOffice are marked so; without it they are skipped on a developer's
# machine and fail under CI (which installs it), so that their figures are never silently not
# checked.
needs_office = pytest.mark.office
# Tests that read scans need Tesseract's Thai model and OCRmyPDF, the same way.
needs_ocr = pytest.mark.ocr


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("ocr") is not None:
        from khumue.importer.read.pdf.ocr import missing

        lacking = missing()
        if lacking and os.environ.get("CI"):
            pytest.fail(f"CI must run this test, and OCR cannot: {lacking}")
        if lacking:
            pytest.skip(f"needs Tesseract's Thai model and OCRmyPDF: {lacking}")
    if item.get_closest_marker("office") is None or HAVE_OFFICE:
        return
    why = libreoffice_available()
    if os.environ.get("CI"):
        pytest.fail(f"CI must run this test, and LibreOffice is missing: {why}")
    pytest.skip(f"needs LibreOffice: {why}")
needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"the seed manuals are expected in {SEEDS} (shared/seeds beside "
    "the repository); a fresh clone without them skips the tests that compare with them")

# CI runs the property tests on a fixed sequence of examples, so a run is repeatable; a
# developer's run explores new ones each time.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every office built once into a temporary out/ (with PDFs and TOC page numbers where
    LibreOffice is installed, as in CI); office id → its one manual's DOCX path."""
    out = tmp_path_factory.mktemp("out")
    paths = Paths(out=out)
    result = {}
    for office in OFFICES:
        manuals = build_office(office, paths=paths, year=2570, pdf=HAVE_OFFICE)
        assert len(manuals) == 1
        result[office] = manuals[0].path
    return result
