"""Which page of a PDF a Word bookmark stands on, and LibreOffice's page numbers as pages of
the PDF it exported.

LibreOffice counts, in its layout (``XPageCursor.getPage``), the blank pages it inserts so
that a section whose numbering restarts at 1 begins on a right-hand page; its PDF export
leaves them out, as Word prints none.  So a layout page is not a PDF page after such a
break.  The PDF's named destinations (Word bookmarks, exported with
``ExportBookmarksToPDFDestination``) say where the table-of-contents headings are in the
PDF; a layout page is moved by the difference at the nearest heading before it (no blank
page is inserted inside a part).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping

import pikepdf
from pikepdf import Dictionary


def destination_pages(pdf: bytes, names: Iterable[str]) -> dict[str, int]:
    """The page (from 1) of each of the Word bookmarks ``names`` in ``pdf``, for those that
    are named destinations of it."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        pages: dict[tuple[int, int], int] = {
            page.obj.objgen: number for number, page in enumerate(document.pages, start=1)}
        destinations = dict(named_destinations(document))
        out = {}
        for name in names:
            target = find_destination(destinations, name)
            if isinstance(target, pikepdf.Array) and len(target) > 0:
                objgen: tuple[int, int] = target[0].objgen
                if objgen in pages:
                    out[name] = pages[objgen]
        return out


def pdf_page(page: int, layout_pages: Mapping[str, int], pdf_pages: Mapping[str, int]) -> int:
    """Layout page ``page`` as a page of the PDF: moved as the nearest bookmark at or before it
    moved (``layout_pages`` and ``pdf_pages`` give each bookmark's page in the layout and in
    the PDF)."""
    before = [(at, name) for name, at in layout_pages.items()
              if at <= page and name in pdf_pages]
    if not before:
        return page
    at, name = max(before)
    return page - at + pdf_pages[name]


def find_destination(destinations: Mapping[str, pikepdf.Object],
                     name: str) -> pikepdf.Object | None:
    """A named destination by its Word bookmark name; LibreOffice writes "_" as "5F"."""
    for key in (name, name.replace("_", "5F")):
        if key in destinations:
            return destinations[key]
    return None


def named_destinations(pdf: pikepdf.Pdf) -> Iterator[tuple[str, pikepdf.Object]]:
    """Every named destination of ``pdf`` (the catalog's /Dests dictionary and the /Dests
    name tree), as (name, destination array)."""
    dests = pdf.Root.get("/Dests")
    if isinstance(dests, Dictionary):
        for key, value in dests.items():
            yield key.lstrip("/"), _array(value)
    names = pdf.Root.get("/Names")
    if isinstance(names, Dictionary) and "/Dests" in names:
        for key, value in pikepdf.NameTree(names.Dests).items():
            yield key, _array(value)


def _array(value: pikepdf.Object) -> pikepdf.Object:
    return value.D if isinstance(value, Dictionary) and "/D" in value else value
