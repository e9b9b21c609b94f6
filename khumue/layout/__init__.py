"""Stage 5, layout: the manual's DOCX laid out by LibreOffice, as Word would lay it out.

Takes: a typeset tree and a function that renders its DOCX with given table-of-contents
page numbers (:data:`~khumue.layout.engine.Render`).
Gives: a :class:`LaidOut` (the DOCX with real TOC page numbers, its PDF finished by
:mod:`khumue.pdf`, the page each heading stands on) from a :class:`LayoutEngine`:
:class:`LibreOfficeLayout` (one headless office process, driven through UNO by
``lo_worker`` running inside it, ``libreoffice``) or :class:`NoLayout`, chosen by
:func:`engine_for`; the fonts LibreOffice lays out with (``fonts``: TH SarabunPSK-compatible,
made from Laksaman) and the page a content value is printed on (``blockpages``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khumue.layout.engine import LaidOut, LayoutEngine, LibreOfficeLayout, NoLayout, engine_for

# Each name is imported when first used, so that importing one module of the stage does
# not import the whole stage.
_EXPORTS = {
    "LaidOut": "khumue.layout.engine",
    "LayoutEngine": "khumue.layout.engine",
    "LibreOfficeLayout": "khumue.layout.engine",
    "NoLayout": "khumue.layout.engine",
    "engine_for": "khumue.layout.engine",
}
__all__ = ["LaidOut", "LayoutEngine", "LibreOfficeLayout", "NoLayout", "engine_for"]


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
