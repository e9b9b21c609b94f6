"""The manuals' PDFs, laid out by LibreOffice with the TH SarabunPSK-compatible font: page
numbers in the header, headings starting pages and never ending one, TOC numbers that are
the pages' numbers, only the manual's font.

Needs LibreOffice with its UNO bridge and poppler-utils, which .ci/run installs; outside CI
the tests are skipped when they are missing.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import OFFICES, needs_office
from tests.docxread import Manual, W, element_text

pytestmark = needs_office


@pytest.fixture(scope="module")
def pdfs(built) -> dict[str, Path]:
    """The PDFs the build wrote beside the manuals (one LibreOffice process per office)."""
    return {office: path.with_suffix(".pdf") for office, path in built.items()}


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def squeeze(text: str) -> str:
    """Text without white space and Thai above/below marks, which pdftotext spaces and
    reorders ("เป็ น", "ขึน้"), so that headings compare with the PDF's text."""
    return re.sub(r"[\s\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]", "", text)


LABELS = ("มาตรฐานการปฏิบัติงาน", "คู่มือขั้นตอนการดำเนินงาน")


def starts_with_heading(page: str, heading: str) -> bool:
    """The page's text, after its page number and an optional label line, begins with
    ``heading`` (headings start pages)."""
    lines = [line for line in page.splitlines() if line.strip()]
    if lines and page_number(page):
        lines = lines[1:]
    text = squeeze("".join(lines))
    for label in LABELS:
        if text.startswith(squeeze(label)) and not squeeze(heading).startswith(squeeze(label)):
            text = text[len(squeeze(label)):]
    return text.startswith(squeeze(heading))


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
    for heading in Manual(built[office]).headings(1):
        assert any(starts_with_heading(page, heading) for page in layout), heading


@pytest.mark.parametrize("office", OFFICES)
def test_no_heading_stands_alone_at_the_foot_of_a_page(pdfs, built, office):
    m = Manual(built[office])
    starts = {squeeze(h.split("\n")[0]) for level in (1, 2) for h in m.headings(level)}
    starts |= {squeeze(t) for t in ("มาตรฐานการปฏิบัติงาน", "คู่มือขั้นตอนการดำเนินงาน",
                                    "คำอธิบายสัญลักษณ์ผังขั้นตอน")}
    for number, page in enumerate(pages(pdfs[office])[1:-1], start=2):
        lines = [line for line in page.splitlines() if line.strip()]
        assert squeeze(lines[-1]) not in starts, f"page {number} ends with {lines[-1].strip()!r}"


def toc_entries(docx: Path) -> list[tuple[str, str]]:
    """(heading, page number) of each TOC entry, as the DOCX shows them."""
    m = Manual(docx)
    toc = m.document.styles["toc 1"].style_id
    out = []
    for p in m.body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") == toc:
            text, _, page = element_text(p).rpartition("\t")
            out.append((text, page))
    return out


@pytest.mark.parametrize("office", OFFICES)
def test_toc_page_numbers_are_the_pages_of_the_headings(pdfs, built, office):
    layout = pages(pdfs[office])
    for heading, number in toc_entries(built[office]):
        [found] = [page for page in layout if starts_with_heading(page, heading)]
        assert page_number(found) == number, (heading, number)
    # and the PDF prints them in the office's digits
    thai = office in ("sisaket1", "phayao1", "sakonnakhon2")
    assert page_number(layout[3]) == ("๑" if thai else "1")


@pytest.mark.parametrize("office", OFFICES)
def test_pdf_uses_only_the_manuals_font(pdfs, office):
    listing = subprocess.run(["pdffonts", str(pdfs[office])], check=True, capture_output=True,
                             text=True).stdout.splitlines()[2:]
    families = {line.split()[0].split("+")[-1] for line in listing}
    assert families == {"THSarabunPSK-Regular", "THSarabunPSK-Bold"}


@pytest.mark.parametrize("office", OFFICES)
def test_review_report_shows_the_page_count_of_each_laid_out_manual(pdfs, built, office):
    count = len(pages(pdfs[office]))
    review = (built[office].parent / "REVIEW.md").read_text(encoding="utf-8")
    assert f"| {built[office].name} | {count} |" in review


@pytest.mark.parametrize("office", OFFICES)
def test_pdf_text_reads_back_as_the_document_says(pdfs, built, office, capsys):
    """pdftotext (default and -layout, through the ActualText the build adds), pdfium (the
    PDF viewer of Chrome and Edge, which reads an empty ActualText as none) and pypdf
    (through the fonts' /ToUnicode the build rebuilds from the glyphs, in drawing order)
    find the document's words in the PDF, each as often as the document has them: Thai marks
    in their place and order, sara am whole, variant glyphs read as their letters."""
    import pypdfium2
    from pypdf import PdfReader

    from tools.pdf_readback import document_words, share

    words = document_words(built[office])
    figures = {}
    for mode in ([], ["-layout"]):
        text = subprocess.run(["pdftotext", *mode, str(pdfs[office]), "-"], check=True,
                              capture_output=True, text=True).stdout
        figures[" ".join(["pdftotext", *mode])] = share(words, text)
    document = pypdfium2.PdfDocument(str(pdfs[office]))
    figures["pdfium"] = share(words, "\n".join(document[i].get_textpage().get_text_range()
                                               for i in range(len(document))))
    document.close()
    reader = PdfReader(str(pdfs[office]))
    figures["pypdf"] = share(words, "\n".join(page.extract_text() for page in reader.pages))
    with capsys.disabled():
        print(f"\n{office}: " + ", ".join(f"{k} {v:.2%}" for k, v in figures.items()))
    assert all(v >= 0.995 for v in figures.values()), figures
