"""The manuals laid out by LibreOffice: pages, page numbers in the header, headings on pages.

Needs LibreOffice (soffice) and poppler-utils (pdftotext), which .ci/run installs; outside CI
the test is skipped when they are missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from khumue.fonts import fontconfig_env, prepare_fonts
from tests.conftest import OFFICES
from tests.docxread import Manual

TOOLS = shutil.which("soffice") and shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(not TOOLS and not os.environ.get("CI"),
                                reason="LibreOffice or poppler-utils not installed")


@pytest.fixture(scope="module")
def pdfs(built, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    profile = (out / "profile").as_uri()
    env = fontconfig_env(prepare_fonts(out / "fonts"))
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, built.values())],
                   check=True, capture_output=True, timeout=300, env=env)
    return {office: out / (path.stem + ".pdf") for office, path in built.items()}


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def squeeze(text: str) -> str:
    """Text without white space and Thai above/below marks, which pdftotext spaces and
    reorders ("เป็ น", "ขึน้"), so that headings compare with the PDF's text."""
    return re.sub(r"[\s\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]", "", text)


def page_number(page: str) -> str:
    """The page's header line: the page number, alone at the right of the first line."""
    first = next((line for line in page.splitlines() if line.strip()), "")
    return first.strip() if first.startswith(" " * 40) else ""


@pytest.mark.parametrize("office", OFFICES)
def test_cover_front_matter_and_body_are_numbered_apart(pdfs, built, office):
    layout = pages(pdfs[office])
    assert page_number(layout[0]) == ""  # cover
    assert "คำนำ" in layout[1] and page_number(layout[1]) == "ก"
    assert "สารบัญ" in layout[2] and page_number(layout[2]) == "ข"
    assert page_number(layout[3]) in ("1", "๑")
    assert page_number(layout[-1]) == ""  # back cover
    assert "กระทรวงศึกษาธิการ" in layout[-1]


@pytest.mark.parametrize("office", OFFICES)
def test_every_part_heading_starts_a_page(pdfs, built, office):
    layout = pages(pdfs[office])
    tops = [squeeze(page)[:200] for page in layout]
    for heading in Manual(built[office]).headings(1):
        assert any(squeeze(heading) in top for top in tops[1:]), heading


@pytest.mark.parametrize("office", OFFICES)
def test_no_heading_stands_alone_at_the_foot_of_a_page(pdfs, built, office):
    m = Manual(built[office])
    starts = {squeeze(h.split("\n")[0]) for level in (1, 2) for h in m.headings(level)}
    starts |= {squeeze(t) for t in ("มาตรฐานการปฏิบัติงาน", "คู่มือขั้นตอนการดำเนินงาน",
                                    "คำอธิบายสัญลักษณ์ผังขั้นตอน")}
    for number, page in enumerate(pages(pdfs[office])[1:-1], start=2):
        lines = [line for line in page.splitlines() if line.strip()]
        assert squeeze(lines[-1]) not in starts, f"page {number} ends with {lines[-1].strip()!r}"
