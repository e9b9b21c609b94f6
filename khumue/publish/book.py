"""The office book: every manual's PDF in one PDF, with an outline manual → part → process.

The manuals' PDFs (LibreOffice's, PDF/A-2b and tagged, see :mod:`khumue.pdf.doc`) are joined
page by page with pikepdf.  What a reader needs of the joined file is kept:

- the outline (ISO 32000-1 §12.3.3): one item per manual (its cover), under it the manual's
  parts (foreword, duties, references …), processes and work standards gathered under one
  part item each; items point at the headings' named destinations in the manual's PDF
  (LibreOffice writes each Word bookmark as one, §12.3.2.3);
- the structure tree (§14.7): each manual's tree becomes a /Part of one /Document, the page
  and annotation keys of its parent tree moved past those of the manuals before it, so the
  book is tagged as each manual is;
- PDF/A-2b (ISO 19005-2): the first manual's output intent, XMP identification and the
  book's own metadata.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from khumue.pdf.doc import set_metadata
from khumue.pdf.pages import find_destination, named_destinations


@dataclass(frozen=True)
class OutlineNode:
    """An outline item: its title, the named destination it opens (None: the manual's first
    page) and the items under it."""

    title: str
    destination: str | None = None
    children: list[OutlineNode] = field(default_factory=list)


@dataclass(frozen=True)
class BookManual:
    """One manual of the book: its PDF file and its outline item."""

    pdf: Path
    outline: OutlineNode


def office_book(manuals: Sequence[BookManual], *, title: str, author: str,
                subject: str, keywords: str = "") -> bytes:
    """The office book as PDF bytes: the pages of every manual in order, its outline, its
    tags and its metadata.  Raises pikepdf.PdfError when a manual's PDF cannot be read."""
    with contextlib.ExitStack() as stack:
        book = stack.enter_context(pikepdf.new())
        parts: list[pikepdf.Object] = []
        parent_nums: list[object] = []
        roles = Dictionary()
        pdf_version = "1.4"
        next_key = 0
        items: list[pikepdf.OutlineItem] = []
        for manual in manuals:
            source = stack.enter_context(pikepdf.open(manual.pdf))
            pdf_version = max(pdf_version, source.pdf_version)
            first = len(book.pages)
            book.pages.extend(source.pages)
            if not parts and "/OutputIntents" in source.Root:
                book.Root.OutputIntents = _copy(book, source.Root.OutputIntents)
            pages = {page.obj.objgen: first + i for i, page in enumerate(source.pages)}
            destinations = dict(named_destinations(source))
            items.append(_outline_item(manual.outline, first, pages, destinations))
            next_key = _adopt_structure(book, source, first, parts, parent_nums, roles,
                                        next_key)
        with book.open_outline() as outline:
            outline.root.extend(items)
        if parts:
            _structure_root(book, parts, parent_nums, roles, next_key)
        with book.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["pdfaid:part"] = "2"
            meta["pdfaid:conformance"] = "B"
        set_metadata(book, title=title, author=author, subject=subject, keywords=keywords)
        book.Root.PageMode = Name.UseOutlines
        out = io.BytesIO()
        book.save(out, deterministic_id=True, min_version=pdf_version)
    return out.getvalue()


def _copy(book: pikepdf.Pdf, value: pikepdf.Object) -> pikepdf.Object:
    """``value`` of another PDF copied into ``book`` (pikepdf copies indirect objects only)."""
    if value.is_indirect:
        return book.copy_foreign(value)
    if isinstance(value, Array):
        return Array([_copy(book, item) for item in value])
    if isinstance(value, Dictionary):
        return Dictionary({key: _copy(book, item) for key, item in value.items()})
    return value


def _outline_item(node: OutlineNode, first: int, pages: dict[tuple[int, int], int],
                  destinations: dict[str, pikepdf.Object]) -> pikepdf.OutlineItem:
    page = first
    if node.destination is not None:
        target = find_destination(destinations, node.destination)
        if target is not None and isinstance(target, Array) and len(target) > 0:
            page = pages.get(target[0].objgen, first)
    item = pikepdf.OutlineItem(node.title, page)
    item.children.extend(_outline_item(child, first, pages, destinations)
                         for child in node.children)
    return item


def _adopt_structure(book: pikepdf.Pdf, source: pikepdf.Pdf, first: int,
                     parts: list[pikepdf.Object], parent_nums: list[object],
                     roles: Dictionary, next_key: int) -> int:
    """Take ``source``'s structure tree into the book (its pages already added at ``first``):
    its top elements go under a new /Part element, its parent-tree keys move by
    ``next_key``, its role map joins ``roles``.  Returns the next free key."""
    tree = source.Root.get("/StructTreeRoot")
    if not isinstance(tree, Dictionary):
        return next_key
    copied = _copy(book, tree)
    kids = copied.get("/K")
    top = list(kids) if isinstance(kids, Array) else [kids] if kids is not None else []
    if len(top) == 1 and isinstance(top[0], Dictionary) and top[0].get("/S") == Name.Document:
        part = top[0]  # LibreOffice's one /Document element becomes the manual's /Part
        part.S = Name.Part
    else:
        part = book.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Part, K=Array(top)))
        for element in top:
            if isinstance(element, Dictionary):
                element.P = part
    parts.append(part)
    role_map = copied.get("/RoleMap")
    if isinstance(role_map, Dictionary):
        for role, standard in role_map.items():
            roles[role] = standard
    highest = -1
    if "/ParentTree" in copied:
        for number, value in pikepdf.NumberTree(copied.ParentTree).items():
            parent_nums += [int(number) + next_key, value]
            highest = max(highest, int(number))
    for i in range(len(source.pages)):
        page = book.pages[first + i].obj
        if "/StructParents" in page:
            page.StructParents = int(page.StructParents) + next_key
        for annotation in page.get("/Annots", Array()):
            if isinstance(annotation, Dictionary) and "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + next_key
    declared = int(copied.get("/ParentTreeNextKey", highest + 1))
    return next_key + max(declared, highest + 1)


def _structure_root(book: pikepdf.Pdf, parts: list[pikepdf.Object], parent_nums: list[object],
                    roles: Dictionary, next_key: int) -> None:
    document = book.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document,
                                             K=Array(parts)))
    root = book.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=document,
                                         ParentTreeNextKey=next_key))
    document.P = root
    for part in parts:
        part.P = document
    root.ParentTree = book.make_indirect(Dictionary(Nums=Array(parent_nums)))
    if len(roles):
        root.RoleMap = roles
    book.Root.StructTreeRoot = root
    book.Root.MarkInfo = Dictionary(Marked=True)
