"""What the writer reads (:class:`WriterEnv`, read-only, narrowed for a sub-tree with
:meth:`WriterEnv.local`) apart from what it changes as it goes (:class:`WriterIds`, the
counters of document-wide ids), as pandoc's docx writer keeps its read-only environment
(``WriterEnv``, changed for a sub-tree with ``local``) apart from its state."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document
from docx.oxml.ns import qn
from lxml.etree import _Element

from khumue.errors import TemplateError
from khumue.typeset.doctree import Change, Revision
from khumue.wordml.measure import LIST_BASE_TWIPS
from khumue.wordml.ns import qn as nsqn
from khumue.wordml.styles import TEXT_WIDTH_TWIPS, style_font

_WP_DOCPR = nsqn("wp:docPr")
_CNVPR_LOCAL = "cNvPr"
NO_REVISION = Revision("khumue", "1970-01-01T00:00:00Z")  # marks of a tree that set none


class DocumentStyles:
    """The paragraph styles of the document being filled: their ids and fonts, looked up
    once each (shared by every narrowed environment)."""

    def __init__(self, document: Document, template: Path):
        self.document = document
        self.template = template
        self._ids: dict[str, str] = {}
        self._fonts: dict[str, tuple[float, bool]] = {}

    def font(self, name: str, size_pt: float | None = None) -> tuple[float, bool]:
        """(size in pt, bold) of paragraph style ``name`` as this document defines it
        (``size_pt``, when given, instead of the style's size)."""
        if name not in self._fonts:
            self._fonts[name] = style_font(self.document, name)
        size, bold = self._fonts[name]
        return (size_pt or size, bold)

    def style(self, name: str) -> str:
        """The style id of paragraph style ``name``.  Raises TemplateError when the template
        lacks it (an office renamed or deleted a style in Word)."""
        if name not in self._ids:
            try:
                self._ids[name] = self.document.styles[name].style_id
            except KeyError:
                raise TemplateError(
                    f"แม่แบบ {self.template} ไม่มีสไตล์ '{name}' ที่คู่มือต้องใช้ "
                    "(อย่าลบหรือเปลี่ยนชื่อสไตล์ของแม่แบบ ให้แก้รูปแบบของสไตล์แทน)") from None
        return self._ids[name]


@dataclass(frozen=True)
class WriterEnv:
    """What a block is written with: the document's styles, the printed page number of each
    table-of-contents bookmark when the manual has been laid out, who made the tracked
    changes, and, narrowed for a sub-tree (a table cell, a deleted row): the text size
    (``size_pt``, None: the style's), the indent lists hang from (``indent_base``, twips),
    the width balanced lines must fit (``width``, twips) and the change of the unit the
    blocks stand in (``change``: every run and mark of a deleted row is deleted)."""

    styles: DocumentStyles
    toc_pages: Mapping[str, str] = field(default_factory=dict)
    revision: Revision = NO_REVISION
    size_pt: float | None = None
    indent_base: int = LIST_BASE_TWIPS
    width: int = TEXT_WIDTH_TWIPS
    change: Change | None = None

    def local(self, **narrowed: object) -> WriterEnv:
        """This environment with the fields in ``narrowed`` replaced (for a sub-tree)."""
        return dataclasses.replace(self, **narrowed)  # type: ignore[arg-type]

    def style(self, name: str) -> str:
        return self.styles.style(name)

    def font(self, name: str) -> tuple[float, bool]:
        """(size in pt, bold) of style ``name`` at this environment's text size."""
        return self.styles.font(name, self.size_pt)


class WriterIds:
    """Document-wide ids: bookmark ids (w:bookmarkStart/@w:id, ECMA-376 §17.13.6.2) and
    drawing object ids (wp:docPr/@id and every shape's cNvPr/@id, §20.4.2.5), each counted
    from above the highest the template already uses in its body, headers and footers (a logo
    or a bookmark an office added), so no two are equal."""

    def __init__(self, parts: list[_Element]):
        bookmarks = [0]
        drawings = [0]
        for part in parts:
            for start in part.iter(qn("w:bookmarkStart"), qn("w:ins"), qn("w:del"),
                                   qn("w:commentRangeStart")):
                bookmarks.append(_int(start.get(qn("w:id"))))
            for element in part.iter():
                if isinstance(element.tag, str) and (
                        element.tag == _WP_DOCPR or element.tag.endswith("}" + _CNVPR_LOCAL)):
                    drawings.append(_int(element.get("id")))
        self._bookmark = max(bookmarks)
        self._drawing = max(drawings)

    def bookmark(self) -> int:
        """A new annotation id: bookmarks and tracked changes (w:ins, w:del) share one
        counter, so no two annotations have the same id."""
        self._bookmark += 1
        return self._bookmark

    def drawing(self) -> int:
        self._drawing += 1
        return self._drawing


def document_parts(document: Document) -> list[_Element]:
    """The body and every header and footer of ``document``, as XML elements."""
    parts = [document.element]
    for rel in document.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")) and not rel.is_external:
            parts.append(rel.target_part.element)
    return parts


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
