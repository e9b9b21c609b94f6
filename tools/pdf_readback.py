"""How much of a manual's text its PDF reads back: the share of the document's words
(pythainlp tokens of the DOCX's paragraphs and table cells) found in the text that
``pdftotext`` (default and ``-layout``) and pypdf extract, white space ignored, each word
as often as the document has it (see :func:`share`).

    python tools/pdf_readback.py out/sakonnakhon2/2570/apakorn.docx [the.pdf]

The PDF defaults to the DOCX's name with .pdf.  pypdf is used when installed
(``pip install pypdf``).  Issue "Publish" wants 99.5% from each; see its notes for why
LibreOffice's PDFs fall short today (Thai marks written at the next letter's position, sara am
decomposed into two glyphs, variant glyphs only in ActualText).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from docx import Document
from pythainlp.tokenize import word_tokenize


def document_words(docx: Path) -> list[str]:
    document = Document(str(docx))
    texts = [p.text for p in document.paragraphs]
    seen = {}  # python-docx gives a merged cell once per grid column it spans
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                if id(cell._tc) not in seen:
                    seen[id(cell._tc)] = cell._tc  # kept alive, so its id is not reused
                    texts.append(cell.text)
    words = word_tokenize(" ".join(texts), keep_whitespace=False)
    return [w for w in words if re.search(r"[\u0e00-\u0e7fA-Za-z0-9]", w)]


def share(words: list[str], extracted: str) -> float:
    """The share of ``words`` found in ``extracted``, each as often as the document has it (a
    word printed five times and read back right once counts once).  A word is also found
    when it is split over two lines, its first part ending one and the rest beginning
    another: pdftotext reads a table row line by line across its cells, so a word wrapped in
    one cell comes back with the other cells' lines between its parts (a reading-order
    matter, not the text layer's)."""
    lines = [re.sub(r"\s+", "", line) for line in extracted.splitlines()]
    haystack = "".join(lines)
    needed = Counter(re.sub(r"\s+", "", w) for w in words)
    found = 0
    for word, count in needed.items():
        got = min(count, haystack.count(word))
        if got < count:
            got = min(count, got + _wrapped(word, lines))
        found += got
    return found / max(len(words), 1)


def _wrapped(word: str, lines: list[str]) -> int:
    """How often ``word`` is split over a line's end and another line's start."""
    best = 0
    for k in range(1, len(word)):
        ends = sum(1 for line in lines if line.endswith(word[:k]))
        starts = sum(1 for line in lines if line.startswith(word[k:]))
        best = max(best, min(ends, starts))
    return best


def main() -> None:
    docx = Path(sys.argv[1])
    pdf = Path(sys.argv[2]) if len(sys.argv) > 2 else docx.with_suffix(".pdf")
    words = document_words(docx)
    print(f"{docx.name}: {len(words)} words")
    for name, args in (("pdftotext", []), ("pdftotext -layout", ["-layout"])):
        text = subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        print(f"  {name:18}: {share(words, text):.2%}")
    try:
        from pypdf import PdfReader
    except ImportError:
        print("  pypdf             : not installed")
        return
    text = "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    print(f"  {'pypdf':18}: {share(words, text):.2%}")


if __name__ == "__main__":
    main()
