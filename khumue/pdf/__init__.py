"""Stage 4, pdf: a PDF in, a better PDF out, and where a page of it stands.

Takes: the PDF LibreOffice exported and the manual's document properties.
Gives: :func:`finish_pdf`: the same pages, not a pixel moved, with each font's /ToUnicode
rebuilt from its glyphs (``fonts``), marks drawn in reading order (``marks``), ActualText on
Thai runs (``text``, over one content-stream walker, ``stream``) and the metadata (``doc``:
title, office as author, th-TH, PDF/A); the DOCX it was printed from carried inside it
(``source``, PDF/A-3b: :func:`embedded_source` gives it back to the importer); and the page
of each Word bookmark (``pages``).

The layout stage finishes LibreOffice's export with it and publish binds the office book with
it, so it sits below both: it knows the typeset tree's document properties and nothing else of
the pipeline.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khumue.pdf.doc import finish_pdf
    from khumue.pdf.source import embedded_source

# Each name is imported when first used, so that importing one module of the stage does
# not import the whole stage.
_EXPORTS = {
    "finish_pdf": "khumue.pdf.doc",
    "embedded_source": "khumue.pdf.source",
}
__all__ = ["embedded_source", "finish_pdf"]


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
