"""Pictures of a manual's pages for the reviewer's page (:mod:`khumue.review.page`): small
thumbnails of every page (grey JPEG, about 2.5 kB), and the pages of a tracked-changes file
that carry changes large enough to read, in colour (LibreOffice prints insertions and
deletions in colour, with change bars; a 16-colour PNG keeps its thin lines and small text
sharp at about 17 kB, where a JPEG of the same size blurs them).  Rendered from the PDFs the
build makes, with pdfium (pypdfium2), as data URIs, so that the page is one file that works
offline; with each page's text (white space taken
out), by which the page finds the page a warned block is printed on."""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from khumue.typeset.textkey import squeeze

THUMB_PX = 150  # thumbnail width
CHANGED_PX = 620  # a changed page, large enough to read its struck and underlined words
THUMB_QUALITY = 55  # JPEG
CHANGED_COLOURS = 16  # PNG palette: black, greys of the anti-aliasing, the changes' colours
MAX_CHANGED = 8  # changed pages shown per manual; the rest are in its changes PDF


@dataclass
class Pictures:
    """One manual's pictures: a thumbnail per page (data URIs), each page's text without white
    space, and (page from 1, the number printed on it, picture) for the first pages of its
    changes file that carry changes."""

    pages: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    changed: list[tuple[int, str, str]] = field(default_factory=list)
    changed_count: int = 0  # pages that carry changes, shown or not

    def to_bytes(self) -> bytes:
        return json.dumps({"pages": self.pages, "texts": self.texts, "changed": self.changed,
                           "changed_count": self.changed_count},
                          ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> Pictures:
        """Pictures read back (none when ``data`` is not theirs)."""
        try:
            value = json.loads(data)
            return cls([str(u) for u in value["pages"]], [str(t) for t in value["texts"]],
                       [(int(n), str(p), str(u)) for n, p, u in value["changed"]],
                       int(value["changed_count"]))
        except (ValueError, KeyError, TypeError):
            return cls()


def page_pictures(pdf: bytes) -> Pictures:
    """A small grey JPEG of every page of ``pdf`` and every page's text (read by pdfium, white
    space taken out)."""
    import pypdfium2  # here: a build that renders no picture does not load pdfium

    pictures = Pictures()
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            image = page.render(scale=THUMB_PX / page.get_width(), grayscale=True).to_pil()
            out = io.BytesIO()
            image.convert("L").save(out, "JPEG", quality=THUMB_QUALITY, optimize=True)
            pictures.pages.append(_uri("image/jpeg", out.getvalue()))
            text = page.get_textpage()
            pictures.texts.append(squeeze(text.get_text_range()))
            text.close()
            page.close()
    finally:
        document.close()
    return pictures




def changed_pages(pdf: bytes, pages: Iterable[int],
                  printed: Callable[[int], str]) -> list[tuple[int, str, str]]:
    """The first :data:`MAX_CHANGED` of ``pages`` (from 1) of ``pdf``, in colour, large
    enough to read, each with the number ``printed`` on it."""
    import pypdfium2
    from PIL import Image

    out = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for number in sorted(set(pages))[:MAX_CHANGED]:
            if 1 <= number <= len(document):
                page = document[number - 1]
                image = page.render(scale=CHANGED_PX / page.get_width()).to_pil()
                data = io.BytesIO()
                image.convert("RGB").quantize(CHANGED_COLOURS, method=Image.Quantize.FASTOCTREE
                                              ).save(data, "PNG", optimize=True)
                out.append((number, printed(number), _uri("image/png", data.getvalue())))
                page.close()
    finally:
        document.close()
    return out


def _uri(kind: str, data: bytes) -> str:
    return f"data:{kind};base64," + base64.b64encode(data).decode("ascii")
